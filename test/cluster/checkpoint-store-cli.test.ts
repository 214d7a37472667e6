/**
 * `run --checkpoint-store` and `resume --from` with the real CLI against a real S3 server: every
 * checkpoint reaches the store as a savepoint; a run SIGKILLed on one "machine" is finished on
 * another (a data folder with the same ticks and without the run) from the newest object, and its
 * export equals an uninterrupted run's byte for byte; a damaged newest object is quarantined and
 * the next older one taken; the credentials appear nowhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointFile } from '../../src/main/services/checkpoints/checkpoint-reader.ts';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import { formatStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
import { loadHasher } from '../../src/main/services/hash.ts';
import { cli } from '../cli/run-cli.ts';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import {
  checkpointFiles,
  CKPT,
  exportOf,
  runJson,
  RUN_ARGS,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';
import { freshStore, NO_SKIP, until, useS3 } from './store-fixture.ts';

const s3 = useS3();
const folder = useDataFolders(2, 4);
let reference: Map<string, string>;

/** The `resume --from` of `runId` in a fresh copy of the ticks; its JSON summary, stderr, folder. */
function resumeElsewhere(runId: string, url: string) {
  const dir = folder();
  const r = cli(dir, ['resume', runId, '--from', url, '--json'], s3().env);
  expect(r.code, r.stderr).toBe(0);
  return { dir, summary: JSON.parse(r.stdout), stderr: r.stderr };
}

const ticksOf = (key: string) => Number(/ckpt-\d+-(\d+)\.btck$/.exec(key)![1]);

beforeAll(async () => {
  await loadHasher();
  const ref = folder();
  reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
}, 120_000);

describe('run --checkpoint-store', () => {
  let store: ReturnType<typeof freshStore>;
  let runId = '';
  let dir = '';

  it('mirrors every checkpoint as a savepoint, and never the credentials', async () => {
    store = freshStore(s3());
    dir = folder();
    const url = formatStoreUrl(store.url);
    const args = ['run', ...RUN_ARGS, ...CKPT, '--keep', '50', '--checkpoint-store', url, '--json'];
    const r = cli(dir, args, { ...s3().env, ...NO_SKIP });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    runId = summary.runId;
    const local = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
    expect(local.length).toBeGreaterThanOrEqual(4);
    expect(summary.mirror).toMatchObject({ uploaded: local.length, failed: 0, pending: 0 });
    expect(r.stderr).toContain(`checkpoints mirrored to ${url}: ${local.length} uploaded`);
    const objects = await store.list(storeKeys.checkpoints(store.url, runId));
    expect(objects.map((o) => path.basename(o.key))).toEqual(local.map((f) => path.basename(f)));
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-store-'));
    const secret = s3().env.AWS_SECRET_ACCESS_KEY;
    const keyId = s3().env.AWS_ACCESS_KEY_ID;
    const holds = (bytes: Uint8Array) =>
      Buffer.from(bytes).includes(secret) || Buffer.from(bytes).includes(keyId);
    for (const o of objects) {
      const bytes = (await store.get(o.key, 1 << 26))!;
      expect(holds(bytes)).toBe(false);
      const file = path.join(tmp, path.basename(o.key));
      fs.writeFileSync(file, bytes);
      expect(readCheckpointFile(file).data.meta.trigger).toBe('savepoint');
    }
    fs.rmSync(tmp, { recursive: true });
    expect(r.stdout + r.stderr).not.toContain(secret);
    expect(r.stdout + r.stderr).not.toContain(keyId);
    for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (f.isFile()) expect(holds(fs.readFileSync(path.join(f.parentPath, f.name)))).toBe(false);
  });

  it('resume --from passes over a damaged newest object, quarantined, to the one before', async () => {
    const objects = await store.list(storeKeys.checkpoints(store.url, runId));
    const [older, newest] = objects.slice(-2);
    const bytes = (await store.get(newest.key, 1 << 26))!;
    bytes[bytes.length >> 1] ^= 0x5a;
    await store.put(newest.key, bytes);
    const { dir: there, summary, stderr } = resumeElsewhere(runId, formatStoreUrl(store.url));
    expect(stderr).toContain(`moved to quarantine: ${newest.key}`);
    expect(summary.resumedFrom).toMatchObject({ runId, ticks: ticksOf(older.key) });
    expect(summary.runId).toBe(runId); // a run not in that folder is created under its own id
    expect(exportOf(there, runId)).toEqual(reference);
    const keys = (await store.list(storeKeys.run(store.url, runId))).map((o) => o.key);
    expect(keys).not.toContain(newest.key);
    expect(keys).toContain(
      storeKeys.quarantine(
        store.url,
        runId,
        newest.key.split('/').at(-2)!,
        path.basename(newest.key),
      ),
    );
  });
});

describe('resume --from after a SIGKILL', () => {
  it('finishes the run in another data folder from the newest object, identical', async () => {
    const store = freshStore(s3());
    const url = formatStoreUrl(store.url);
    const dir = folder();
    const proc = startCli(dir, ['run', ...RUN_ARGS, ...CKPT, '--checkpoint-store', url], {
      ...s3().env,
      ...NO_SKIP,
      BACKTESTR_TEST_THROTTLE_MS: '150',
    });
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    const prefix = storeKeys.checkpoints(store.url, runId);
    await until(async () => (await store.list(prefix)).length >= 2 || proc.child.exitCode !== null);
    proc.child.kill('SIGKILL');
    const { signal } = await proc.exited;
    expect(signal).toBe('SIGKILL'); // killed mid-run, not finished
    const newest = Math.max(...(await store.list(prefix)).map((o) => ticksOf(o.key)));
    const { dir: there, summary, stderr } = resumeElsewhere(runId, url);
    expect(newest).toBeGreaterThan(0);
    expect(summary.resumedFrom).toMatchObject({ runId, ticks: newest });
    expect(summary.ticks).toBeGreaterThan(newest);
    expect(stderr).toMatch(/taking checkpoint \d+ at \d+ ticks from s3:\/\//);
    expect(exportOf(there, runId)).toEqual(reference);
    expect(fs.existsSync(summary.resumedFrom.file)).toBe(false); // the download is removed
    // Where the run is already (the killed one's folder), the savepoint forks it, and says so.
    const here = cli(dir, ['resume', runId, '--from', url, '--json'], s3().env);
    expect(here.code, here.stderr).toBe(0);
    expect(here.stderr).toContain(`run ${runId} is in this data folder already`);
    const fork = JSON.parse(here.stdout);
    expect(fork.forkedFrom).toBe(runId);
    expect(exportOf(dir, fork.runId)).toEqual(reference);
  });
});
