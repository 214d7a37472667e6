import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createIndicator } from '../../src/main/engine/indicators/index.ts';
import { openDatabase } from '../../src/main/services/db/database.ts';
import type { ArgsOf } from '../../src/shared/contract.ts';
import { EventLog, MA_CROSS_RUN, seed, useBackends } from './helpers.ts';

// Each engine step (64 K ticks) sleeps this long: a run of the test data lasts ~0.4 s, long
// enough to watch its progress and pause it mid-flight. Read by the run loop when it loads.
vi.hoisted(() => {
  process.env.BACKTESTR_TEST_THROTTLE_MS = '25';
});

const backendIn = useBackends();

const INDICATORS = ['sma(5)', 'rsi(14)', 'sma(200)'];
const RUN: ArgsOf<'runs:start'> = { ...MA_CROSS_RUN, indicators: INDICATORS };

describe('runs through the backend', () => {
  it('starts in the background, reports throttled progress with live frames, completes, and has results and an export', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    expect((await backend.invoke('runs:get', { runId })).status, 'running right away').toBe(
      'running',
    );
    expect(await log.ended(runId)).toEqual({ runId, status: 'completed', error: null });
    expect(log.of('run:state', runId).map((s) => s.status)).toEqual(['running', 'completed']);

    const progress = log.events['run:progress'].filter((e) => e.payload.runId === runId);
    expect(progress.length, 'several progress events').toBeGreaterThanOrEqual(3);
    const gaps = progress.slice(1, -1).map((e, i) => e.at - progress[i].at);
    for (const gap of gaps) expect(gap, 'at most ~10 events per second').toBeGreaterThanOrEqual(99);
    const last = progress.at(-1)!.payload;
    expect(last.ticksDone).toBe(last.ticksTotal);
    expect(last.etaSeconds).toBe(0);
    const mid = progress[1].payload;
    expect(mid.ticksDone).toBeGreaterThan(0);
    expect(mid.ticksDone).toBeLessThan(mid.ticksTotal);
    expect(mid.etaSeconds).toBeGreaterThan(0);
    expect(mid.balance).toBeTypeOf('number');
    expect(mid.equity).toBeTypeOf('number');
    // A position open (equity off the balance) uses margin at the default 1:100: a level is shown.
    for (const { payload: p } of progress) {
      if (p.equity !== p.balance)
        expect(p.marginLevel, 'margin level with a position').toBeGreaterThan(0);
      else expect(p.marginLevel === null || p.marginLevel > 0).toBe(true);
    }
    expect(mid.simTime).toBeGreaterThan(Date.parse('2024-01-03'));
    expect(mid.frames.map((f) => `${f.symbol} ${f.timeframe}`)).toEqual([
      'EURUSD M1',
      'EURUSD M5',
      'EURUSD H1',
    ]);
    const m1 = mid.frames[0];
    expect(m1.partial, 'a bar is being built').not.toBeNull();
    expect(m1.partial!.ticks).toBeGreaterThan(0);
    expect(m1.progress).toBeGreaterThanOrEqual(0);
    expect(m1.progress).toBeLessThan(1);
    for (const column of INDICATORS.flatMap((s) => createIndicator(s).columns)) {
      expect(m1.indicators, `indicator column ${column}`).toHaveProperty(column);
      expect(typeof m1.indicators[column], `${column} is warm on M1 by now`).toBe('number');
    }
    expect(mid.frames[2].indicators.sma_200, 'H1 sma(200) warming up: NaN becomes null').toBeNull();
    expect(JSON.parse(JSON.stringify(mid)), 'plain JSON').toEqual(mid);

    const ckpts = log.of('checkpoint:written', runId);
    // Every 150 000 ticks (one is skipped only if the writer is still busy), then the end.
    expect(ckpts.map((c) => c.trigger).slice(0, 2)).toEqual(['ticks', 'ticks']);
    expect(ckpts.at(-1)?.trigger).toBe('end');
    expect(ckpts.map((c) => c.seq)).toEqual(ckpts.map((_c, i) => i + 1));
    expect(ckpts.every((c) => c.ok && c.bytes > 0)).toBe(true);

    const info = await backend.invoke('runs:get', { runId });
    expect(info).toMatchObject({ status: 'completed', ticksDone: last.ticksTotal, error: null });
    const results = await backend.invoke('runs:results', { runId });
    expect(results.stats).toEqual(info.stats);
    // The report of a finished run that traded: no warning, not to date, one month (January).
    expect(results.report).toEqual(info.report);
    expect(info.report).toMatchObject({ warnings: [], toDate: false });
    expect(info.report!.monthly.map((m) => m.month)).toEqual(['2024-01']);
    expect(results.trades.length, 'the strategy traded').toBeGreaterThan(0);
    expect(results.stats!.trades).toBe(results.trades.length);
    expect(results.equity.length).toBeGreaterThan(1000); // one point per M1 close, under 2000
    const small = await backend.invoke('runs:results', { runId, maxPoints: 10 });
    expect(small.equity.length).toBeLessThanOrEqual(10);
    expect(small.equity[0]).toEqual(results.equity[0]);
    expect(small.equity.at(-1)).toEqual(results.equity.at(-1));
    expect(Math.max(...small.equity.map((p) => p.drawdown))).toBe(
      Math.max(...results.equity.map((p) => p.drawdown)),
    );

    const exported = await backend.invoke('runs:export', { runId });
    expect(exported.dir).toBe(path.join(dataDir, 'exports', runId));
    expect(exported.files.map((f) => path.basename(f)).sort()).toEqual(
      [
        'EURUSD_H1.csv',
        'EURUSD_M1.csv',
        'EURUSD_M5.csv',
        'equity.csv',
        'rejections.csv',
        'summary.json',
        'trades.csv',
      ].sort(),
    );
    for (const f of exported.files) expect(fs.existsSync(f), f).toBe(true);
  });

  it('pauses mid-run, offers the run for recovery and resumes it to the same results as an uninterrupted run', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);

    const { runId: whole } = await backend.invoke('runs:start', RUN);
    await log.ended(whole);

    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0);
    await expect(backend.invoke('runs:resume', { runId })).rejects.toThrow(
      `run ${runId} is running`,
    );
    await backend.invoke('runs:pause', { runId }); // resolves once paused
    expect(log.of('run:state', runId).at(-1)).toEqual({ runId, status: 'paused', error: null });
    const paused = await backend.invoke('runs:get', { runId });
    expect(paused.status).toBe('paused');
    expect(paused.ticksDone).toBeGreaterThan(0);
    expect(paused.ticksDone).toBeLessThan(paused.ticksTotal);
    await expect(backend.invoke('runs:pause', { runId })).rejects.toThrow(
      `run ${runId} is not running in this app`,
    );

    const recoverable = await backend.invoke('runs:recoverable');
    expect(recoverable.map((r) => r.run.id)).toEqual([runId]);
    // The user's Pause labels its checkpoint 'pause' (a close or an OS shutdown: 'shutdown', below).
    expect(recoverable[0].lastCheckpoint).toMatchObject({
      trigger: 'pause',
      ticks: paused.ticksDone,
      status: 'valid',
    });

    const resumed = await backend.invoke('runs:resume', { runId });
    expect(resumed).toEqual({ runId, forkedFrom: null });
    await log.waitFor('run:state', (s) => s.runId === runId && s.status === 'completed');
    expect(log.of('run:state', runId).map((s) => s.status)).toEqual([
      'running',
      'paused',
      'running',
      'completed',
    ]);
    expect(await backend.invoke('runs:recoverable')).toEqual([]);
    const a = await backend.invoke('runs:results', { runId: whole });
    const b = await backend.invoke('runs:results', { runId });
    expect(b.trades).toEqual(a.trades);
    expect(b.equity).toEqual(a.equity);
    expect(b.stats).toEqual(a.stats);
  });

  it('writes a checkpoint on request, and refuses when the run has none', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', {
      ...RUN,
      checkpoints: { intervalMs: 0, everyTicks: 0, keep: 5, level: 1 },
    });
    await backend.invoke('runs:checkpointNow', { runId });
    const manual = await log.waitFor(
      'checkpoint:written',
      (c) => c.runId === runId && c.trigger === 'manual',
    );
    expect(manual).toMatchObject({ ok: true, seq: 1 });
    await log.ended(runId);

    const { runId: bare } = await backend.invoke('runs:start', { ...RUN, checkpoints: null });
    await expect(backend.invoke('runs:checkpointNow', { runId: bare })).rejects.toThrow(
      `run ${bare} was started without checkpoints`,
    );
    await log.ended(bare);
    expect(log.of('checkpoint:written', bare)).toEqual([]);
    await expect(backend.invoke('runs:checkpointNow', { runId: bare })).rejects.toThrow(
      'is not running in this app',
    );
  });

  it('resumes a completed run from an older checkpoint as a fork', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await log.ended(runId);
    await expect(backend.invoke('runs:resume', { runId })).rejects.toThrow(/is completed/);
    const { runId: fork, forkedFrom } = await backend.invoke('runs:resume', {
      runId,
      checkpoint: 2,
    });
    expect(forkedFrom).toBe(runId);
    expect(fork).not.toBe(runId);
    expect((await log.ended(fork)).status).toBe('completed');
    expect(await backend.invoke('runs:get', { runId: fork })).toMatchObject({
      parentRunId: runId,
      parentSeq: 2,
    });
    const [a, b] = await Promise.all([
      backend.invoke('runs:results', { runId }),
      backend.invoke('runs:results', { runId: fork }),
    ]);
    expect(b.trades).toEqual(a.trades);
  });

  it('reports a strategy that throws as a failed run', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    fs.mkdirSync(path.join(dataDir, 'strategies'));
    fs.writeFileSync(
      path.join(dataDir, 'strategies', 'boom.mjs'),
      `export default { name: 'boom', description: 'throws', params: [], init() {},
         onBar(ctx, ev) { if (ev.bar.time >= Date.parse('2024-01-04')) throw new Error('kaboom'); } };`,
    );
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', { ...RUN, strategy: 'boom', params: {} });
    const end = await log.ended(runId);
    expect(end.status).toBe('failed');
    expect(end.error).toMatch(/kaboom/);
    expect(await backend.invoke('runs:get', { runId })).toMatchObject({ status: 'failed' });
  });

  it('does not change the ticks of a symbol an active run is reading', async () => {
    const { backend } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await expect(
      backend.invoke('data:generate', { symbol: 'EURUSD', start: '2024-02-01', days: 1, seed: 2 }),
    ).rejects.toThrow(`run ${runId} is reading the ticks of EURUSD`);
    await log.ended(runId);
  });

  it('discards a stored run with its rows and files, but never an active one', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await expect(backend.invoke('runs:discard', { runId })).rejects.toThrow(
      `run ${runId} is running; pause it before discarding`,
    );
    await log.ended(runId);
    const { runId: kept } = await backend.invoke('runs:start', RUN);
    await log.ended(kept);
    const folder = path.join(dataDir, 'runs', runId);
    expect(fs.readdirSync(path.join(folder, 'checkpoints')).length).toBeGreaterThan(0);

    await backend.invoke('runs:discard', { runId });
    await expect(backend.invoke('runs:get', { runId })).rejects.toThrow(`no run '${runId}'`);
    expect(fs.existsSync(folder)).toBe(false);
    const db = openDatabase(dataDir);
    try {
      for (const table of ['runs', 'bar_chunks', 'trades', 'equity', 'checkpoints']) {
        const column = table === 'runs' ? 'id' : 'run_id';
        const count = (id: string) =>
          db.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${column} = ?`).pluck().get(id);
        expect(count(runId), `${table} rows of the discarded run`).toBe(0);
        expect(count(kept), `${table} rows of the other run`).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
    await expect(backend.invoke('runs:discard', { runId })).rejects.toThrow(`no run '${runId}'`);
  });

  it('pauses active runs with a checkpoint on close, and a new backend resumes them', async () => {
    const { backend, dataDir } = await backendIn();
    await seed(backend);
    const log = new EventLog(backend);
    const { runId } = await backend.invoke('runs:start', RUN);
    await log.waitFor('run:progress', (p) => p.runId === runId && p.ticksDone > 0);
    await backend.close();
    expect(log.of('run:state', runId).at(-1)?.status).toBe('paused');

    const { backend: again } = await backendIn(dataDir);
    const [recoverable] = await again.invoke('runs:recoverable');
    expect(recoverable.run).toMatchObject({ id: runId, status: 'paused' });
    expect(recoverable.lastCheckpoint?.trigger).toBe('shutdown');
    const log2 = new EventLog(again);
    await again.invoke('runs:resume', { runId });
    expect((await log2.ended(runId)).status).toBe('completed');
  });
});
