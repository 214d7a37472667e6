/**
 * The app's way to the cluster, through the real backend (the typed handler map every host
 * serves) against a real redis-server and s3rver: the cluster settings are stored without
 * secrets and tested for real — reachable, Redis refusing connections, a bucket that does not
 * exist — and a run started with `cluster: true` is executed by a real `backtestr worker`
 * process and ends in the app's data folder with the statistics of the same run made locally;
 * a sweep with `cluster: true` likewise.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/cluster/local-servers.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import type { ArgsOf } from '../../src/shared/contract.ts';
import type { RunInfo, RunResults } from '../../src/shared/dto.ts';
import { EventLog, useBackends } from '../api/helpers.ts';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { useCluster } from './cluster-fixture.ts';

const cluster = useCluster();
const backendIn = useBackends();
const folder = useDataFolders(4, 11);

/** RUN_ARGS of the CLI tests, as the app sends them; checkpoints often, so workers mirror some. */
const RUN: ArgsOf<'runs:start'> = {
  symbols: ['EURUSD'],
  strategy: 'ma-cross',
  params: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 10, lots: 0.5 },
  account: { commissionPerLot: 3.5 },
  checkpoints: { intervalMs: 0, everyTicks: 200_000, keep: 5, level: 3 },
};

describe('app cluster settings', () => {
  it('stores the URLs without a password, and refuses one in the Redis URL', async () => {
    const c = cluster();
    const { backend, dataDir } = await backendIn(folder());
    expect(await backend.invoke('settings:cluster')).toEqual({
      redisUrl: null,
      storeUrl: null,
      status: 'unset',
      error: null,
    });
    const withPassword = c.redisUrl.replace('redis://', 'redis://:s3cret-pw@');
    await expect(
      backend.invoke('settings:setCluster', { redisUrl: withPassword, storeUrl: c.storeUrl }),
    ).rejects.toThrow(/set REDIS_PASSWORD in the environment/);
    await expect(
      backend.invoke('settings:setCluster', { redisUrl: c.redisUrl, storeUrl: 's3://No_Bucket' }),
    ).rejects.toThrow(/storeUrl: 'No_Bucket' is not a valid bucket name/);
    expect((await backend.invoke('settings:cluster')).status).toBe('unset');

    const saved = await backend.invoke('settings:setCluster', {
      redisUrl: ` ${c.redisUrl} `,
      storeUrl: c.storeUrl,
    });
    expect(saved).toEqual({
      redisUrl: c.redisUrl,
      storeUrl: c.storeUrl,
      status: 'idle',
      error: null,
    });
    const db = openDatabase(dataDir);
    try {
      const rows = db.prepare('SELECT key, value FROM settings').all() as { value: string }[];
      expect(JSON.stringify(rows)).not.toContain('s3cret-pw');
      expect(rows.map((r) => r.value)).toContain(
        JSON.stringify({ redisUrl: c.redisUrl, storeUrl: c.storeUrl }),
      );
    } finally {
      db.close();
    }
    expect(await backend.invoke('settings:setCluster', null)).toMatchObject({ status: 'unset' });
  }, 60_000);

  it('tests a connection: reachable, Redis refusing, a bucket that does not exist', async () => {
    const c = cluster();
    const { backend } = await backendIn(folder());
    await expect(backend.invoke('settings:testCluster')).rejects.toThrow(/no cluster configured/);
    const ok = await backend.invoke('settings:testCluster', {
      redisUrl: c.redisUrl,
      storeUrl: c.storeUrl,
    });
    expect(ok).toMatchObject({ reachable: true, error: null, store: c.storeUrl });

    const closed = `redis://127.0.0.1:${await freePort()}`;
    const refused = await backend.invoke('settings:testCluster', {
      redisUrl: closed,
      storeUrl: c.storeUrl,
    });
    expect(refused.reachable).toBe(false);
    expect(refused.error).toMatch(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0: .*ECONNREFUSED/,
    );

    const noBucket = await backend.invoke('settings:testCluster', {
      redisUrl: c.redisUrl,
      storeUrl: 's3://no-such-bucket-here/x',
    });
    expect(noBucket.reachable).toBe(false);
    expect(noBucket.error).toMatch(/no-such-bucket-here.*NoSuchBucket/);
    // Testing stores nothing.
    expect((await backend.invoke('settings:cluster')).status).toBe('unset');
  }, 60_000);

  it('refuses cluster: true without a cluster, or with one that cannot be reached', async () => {
    const { backend } = await backendIn(folder());
    await expect(backend.invoke('runs:start', { ...RUN, cluster: true })).rejects.toThrow(
      /no cluster configured: set its Redis and store URLs in Settings first/,
    );
    const closed = `redis://127.0.0.1:${await freePort()}`;
    await backend.invoke('settings:setCluster', { redisUrl: closed, storeUrl: cluster().storeUrl });
    await expect(backend.invoke('runs:start', { ...RUN, cluster: true })).rejects.toThrow(
      /cannot reach Redis/,
    );
    const after = await backend.invoke('settings:cluster');
    expect(after.status).toBe('error');
    expect(after.error).toMatch(/ECONNREFUSED/);
    expect(await backend.invoke('runs:list'), 'no run was created').toEqual([]);
  }, 60_000);
});

interface LocalReference {
  run: RunInfo;
  trades: RunResults['trades'];
}

/** RUN made locally, once for the file: what every cluster run of it must equal. */
let reference: Promise<LocalReference> | null = null;
function localReference(): Promise<LocalReference> {
  reference ??= (async () => {
    const { backend } = await backendIn(folder());
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    expect((await log.ended(runId, 60_000)).status).toBe('completed');
    const run = await backend.invoke('runs:get', { runId });
    expect(run.cluster).toBeNull();
    return { run, trades: (await backend.invoke('runs:results', { runId })).trades };
  })();
  return reference;
}

describe('runs:start with cluster: true', () => {
  it('runs through a real worker and ends here with the statistics of a local run', async () => {
    const c = cluster();
    const worker = await c.worker(folder());

    const { run: localRun, trades: localTrades } = await localReference();

    const { backend } = await backendIn(folder());
    await backend.invoke('settings:setCluster', { redisUrl: c.redisUrl, storeUrl: c.storeUrl });
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', { ...RUN, cluster: true });
    const end = await log.ended(runId, 90_000);
    expect(end, worker.stderr()).toMatchObject({ status: 'completed' });
    expect((await backend.invoke('settings:cluster')).status).toBe('connected');

    const run = await backend.invoke('runs:get', { runId });
    expect(run.stats).not.toBeNull();
    expect(run.stats).toEqual(localRun.stats);
    expect([run.ticksDone, run.ticksTotal]).toEqual([localRun.ticksDone, localRun.ticksTotal]);
    expect(run.cluster).toMatchObject({
      redis: `${c.redisUrl}`,
      store: c.storeUrl,
      worker: `${os.hostname()}:${worker.child.pid}`,
      resumedFrom: null,
    });
    // Progress came back through Redis as the app's run:progress events.
    const progress = log.of('run:progress', runId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.ticksTotal).toBe(localRun.ticksTotal);
    // Its trades and equity are in this data folder, as a local run's.
    expect((await backend.invoke('runs:results', { runId })).trades).toEqual(localTrades);
    expect((await backend.invoke('runs:list')).find((r) => r.id === runId)?.cluster?.worker).toBe(
      run.cluster!.worker,
    );

    // A sweep sent the same way: its one job is this very run, on the worker again.
    const { sweepId } = await backend.invoke('sweeps:start', {
      spec: {
        base: {
          symbols: ['EURUSD'],
          from: null,
          to: null,
          strategy: 'ma-cross',
          fixed: { timeframe: 'M5', trendTimeframe: 'H1', trendPeriod: 10 },
          account: { commissionPerLot: 3.5 },
          record: ['trades', 'equity'],
        },
        params: [{ name: 'lots', kind: 'list', values: [0.5] }],
        search: { kind: 'grid' },
        objective: 'net-profit',
        minTrades: 0,
        walkForward: null,
      },
      cluster: true,
    });
    const last = await log.waitFor(
      'sweep:progress',
      (e) => e.sweepId === sweepId && e.status !== 'running',
      90_000,
    );
    expect(last, worker.stderr()).toMatchObject({ status: 'completed', jobsDone: 1 });
    const job = (await backend.invoke('runs:list')).find((r) => r.sweepId === sweepId)!;
    expect(job.cluster?.worker).toBe(run.cluster!.worker);
    expect(job.stats).toEqual(localRun.stats);
  }, 240_000);

  it('pause stops following (the worker goes on); resume follows the job again to its end', async () => {
    const c = cluster();
    // Slowed, so the run is still on the worker when the app pauses it.
    const worker = await c.worker(folder(), { BACKTESTR_TEST_THROTTLE_MS: '300' });
    const { backend } = await backendIn(folder());
    await backend.invoke('settings:setCluster', { redisUrl: c.redisUrl, storeUrl: c.storeUrl });
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', { ...RUN, cluster: true });
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0, 60_000);
    await backend.invoke('runs:pause', { runId });
    expect(await log.ended(runId)).toMatchObject({ status: 'paused' });
    expect((await backend.invoke('runs:recoverable')).map((r) => r.run.id)).toContain(runId);

    // The settings must name the cluster the run was sent to.
    await backend.invoke('settings:setCluster', {
      redisUrl: c.redisUrl,
      storeUrl: 's3://other-bucket',
    });
    await expect(backend.invoke('runs:resume', { runId })).rejects.toThrow(
      /was sent to .* but the settings name .*s3:\/\/other-bucket/,
    );
    await backend.invoke('settings:setCluster', { redisUrl: c.redisUrl, storeUrl: c.storeUrl });
    const resumed = await backend.invoke('runs:resume', { runId });
    expect(resumed).toEqual({ runId, forkedFrom: null });
    const states = () => log.of('run:state', runId).filter((s) => s.status !== 'running');
    await log.waitFor('run:state', () => states().length === 2, 120_000);
    expect(states().at(-1), worker.stderr()).toMatchObject({ status: 'completed' });
    const run = await backend.invoke('runs:get', { runId });
    expect(run.cluster?.worker).toBe(`${os.hostname()}:${worker.child.pid}`);
    expect(run.stats).toEqual((await localReference()).run.stats);
  }, 240_000);
});
