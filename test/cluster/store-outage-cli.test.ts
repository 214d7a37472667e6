/**
 * The object store unreachable while a run mirrors its checkpoints (real CLI, real s3rver killed
 * and started again): the run goes on and its output is what it would have been; failures are
 * counted and shown; once the store is back every checkpoint that was not superseded is in it.
 * A store that never comes back costs the run nothing but the pending count, exit code 0.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storeKeys } from '../../src/main/services/cluster/store/store-keys.ts';
import { formatStoreUrl } from '../../src/main/services/cluster/store/store-url.ts';
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
import { freshStore, NO_SKIP, useS3 } from './store-fixture.ts';

const s3 = useS3();
const folder = useDataFolders(2, 4);
let reference: Map<string, string>;

beforeAll(() => {
  const ref = folder();
  reference = exportOf(ref, runJson(ref, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
}, 120_000);

describe('checkpoint store unreachable', () => {
  it('for a while: the run goes on, and the checkpoints upload once it is back', async () => {
    const server = s3();
    const store = freshStore(server);
    const url = formatStoreUrl(store.url);
    const dir = folder();
    const args = ['run', ...RUN_ARGS, ...CKPT, '--keep', '50', '--checkpoint-store', url, '--json'];
    const proc = startCli(dir, args, {
      ...server.env,
      ...NO_SKIP,
      BACKTESTR_TEST_THROTTLE_MS: '150',
    });
    let runId: string | undefined;
    try {
      runId = await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]);
      await server.down();
      // Down while checkpoints are written and their uploads fail; then back.
      const count = () => checkpointFiles(dir, runId!).filter((f) => f.endsWith('.btck')).length;
      await waitFor(proc, () => (/store .* failing/.test(proc.stderr()) ? true : undefined));
      await waitFor(proc, () => (count() >= 3 ? true : undefined));
    } finally {
      await server.up();
    }
    const { code } = await proc.exited;
    expect(code, proc.stderr()).toBe(0);
    const summary = JSON.parse(proc.stdout());
    expect(summary.status).toBe('completed');
    expect(exportOf(dir, runId!)).toEqual(reference);
    const local = checkpointFiles(dir, runId!)
      .filter((f) => f.endsWith('.btck'))
      .map((f) => path.basename(f));
    const m = summary.mirror;
    expect(m.failed).toBeGreaterThan(0);
    expect(m.pending).toBe(0);
    expect(m.uploaded + m.superseded).toBe(local.length);
    const stored = (await store.list(storeKeys.checkpoints(store.url, runId!))).map((o) =>
      path.basename(o.key),
    );
    expect(stored).toHaveLength(m.uploaded);
    expect(local).toEqual(expect.arrayContaining(stored));
    expect(stored).toContain(local.at(-1)); // the newest is never superseded
    expect(proc.stderr()).toContain(`checkpoint store ${url} reachable again`);
    store.close();
  });

  it('for good: the run completes, reports what is still pending, exit code 0', async () => {
    const server = s3();
    const store = freshStore(server);
    const url = formatStoreUrl(store.url);
    const dir = folder();
    await server.down();
    let r;
    try {
      const args = ['run', ...RUN_ARGS, ...CKPT, '--checkpoint-store', url, '--store-wait', '1s'];
      r = cli(dir, [...args, '--json'], { ...server.env, ...NO_SKIP });
    } finally {
      await server.up();
    }
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe('completed');
    expect(summary.mirror.uploaded).toBe(0);
    expect(summary.mirror.pending).toBeGreaterThan(0);
    expect(summary.mirror.lastError).toMatch(/^put s3:\/\//);
    expect(r.stderr).toMatch(/store .* failing/);
    expect(r.stderr).toMatch(
      new RegExp(`mirrored to ${url}: 0 uploaded, \\d+ failed attempts, [1-9]\\d* pending`),
    );
    expect(exportOf(dir, summary.runId)).toEqual(reference);
    store.close();
  });
});
