/**
 * Where "Run on the cluster" sends runs and sweeps: the Redis URL of the BullMQ queue and the
 * s3:// URL of the object store. Checked with the contract's own rules (cluster-settings.ts)
 * before anything is sent — a Redis password is refused there, since it would be stored in the
 * data folder; REDIS_PASSWORD and the AWS variables carry the secrets. Test connection tries
 * the URLs as typed, so they can be checked before they are saved.
 */
import { useId, useState, type FormEvent } from 'react';
import { redisUrlProblem, storeUrlProblem } from '../../../../shared/cluster-settings.ts';
import type { ClusterSettings, ClusterTestResult } from '../../../../shared/dto.ts';
import { api, errorText } from '../../api/index.ts';
import { Field, invalidProps } from '../../components/Field.tsx';
import { notify } from '../../store/ui.ts';
import { ClusterStatus, TestOutcome } from './ClusterStatus.tsx';

type Problems = { redis?: string | null; store?: string | null; form?: string };
type Urls = { redisUrl: string; storeUrl: string };

export function ClusterForm({
  settings,
  onSaved,
}: {
  settings: ClusterSettings;
  onSaved: (s: ClusterSettings) => void;
}) {
  const id = useId();
  const [redis, setRedis] = useState(settings.redisUrl ?? '');
  const [store, setStore] = useState(settings.storeUrl ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [tested, setTested] = useState<ClusterTestResult | null>(null);

  /**
   * What to send: the URLs, or null (both fields empty, when `allowEmpty`: forget the cluster);
   * 'invalid' after showing what is wrong.
   */
  const checked = (allowEmpty: boolean): Urls | null | 'invalid' => {
    const [r, s] = [redis.trim(), store.trim()];
    if (allowEmpty && r === '' && s === '') return null;
    const found: Problems = {
      redis: r === '' ? 'Enter the Redis URL, e.g. redis://HOST:6379' : redisUrlProblem(r),
      store: s === '' ? 'Enter the store URL, e.g. s3://BUCKET/PREFIX' : storeUrlProblem(s),
    };
    setProblems(found);
    return found.redis || found.store ? 'invalid' : { redisUrl: r, storeUrl: s };
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const urls = checked(true);
    if (urls === 'invalid') return;
    setBusy('save');
    try {
      const saved = await api.invoke('settings:setCluster', urls);
      setProblems({});
      onSaved(saved);
      notify(urls ? `Cluster: ${urls.redisUrl}` : 'Cluster settings removed', 'success');
    } catch (err) {
      setProblems({ form: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const test = async () => {
    const urls = checked(false);
    if (urls === null || urls === 'invalid') return;
    setBusy('test');
    setTested(null);
    try {
      setTested(await api.invoke('settings:testCluster', urls));
    } catch (err) {
      setProblems({ form: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const field = (key: 'redis' | 'store', label: string, hint: string, value: string) => (
    <Field id={`${id}-${key}`} label={label} problem={problems[key]} hint={hint}>
      <input
        id={`${id}-${key}`}
        value={value}
        onChange={(e) => (key === 'redis' ? setRedis : setStore)(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        {...invalidProps(`${id}-${key}`, problems[key])}
      />
    </Field>
  );

  return (
    <form className="panel form" onSubmit={(e) => void save(e)} noValidate aria-label="Cluster">
      <h2>Cluster</h2>
      <p className="muted small">
        Runs and sweeps started with “Run on the cluster” are queued in Redis for{' '}
        <code>backtestr worker</code> processes; ticks, checkpoints and results go through the
        object store. Secrets stay out of the settings: the Redis password comes from
        REDIS_PASSWORD, the store&apos;s endpoint and keys from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
        … or ~/.aws.
      </p>
      <ClusterStatus settings={settings} />
      {field('redis', 'Redis URL', 'redis://HOST:6379 (rediss:// for TLS), no password', redis)}
      {field('store', 'Store URL', 's3://BUCKET/PREFIX', store)}
      {problems.form && (
        <p className="field-error" role="alert">
          {problems.form}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy !== null}>
          Save cluster
        </button>
        <button type="button" onClick={() => void test()} disabled={busy !== null}>
          Test connection
        </button>
        {busy === 'test' && <span className="muted">Connecting…</span>}
      </div>
      <TestOutcome result={tested} />
    </form>
  );
}
