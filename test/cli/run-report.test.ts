/**
 * The run report through the real CLI (issue 12): the warning when a strategy's indicators never
 * had the bars they need, and statistics "to date" of a paused run that its resume replaces with
 * exactly those of a run never interrupted.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import {
  checkpointFiles,
  CKPT,
  exportOf,
  RUN_ARGS,
  runJson,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

interface StoredRun {
  id: string;
  status: string;
  stats: Record<string, number | null> | null;
  report: { monthly: unknown[]; warnings: string[]; toDate: boolean } | null;
}

/** EURUSD ticks 2024-01-01T00:00Z … 2024-01-03T23:59Z (3 days). */
const folder = useDataFolders(3, 7);

function storedRun(dir: string, id: string): StoredRun {
  const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as StoredRun[];
  return runs.find((r) => r.id === id)!;
}

/** Ticks the run has committed so far (runs.ticks_done), read as another process would. */
function ticksDone(dir: string, id: string): number {
  const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT ticks_done AS t FROM runs WHERE id = ?').get(id) as
      { t: number } | undefined;
    return row?.t ?? 0;
  } finally {
    db.close();
  }
}

/** Starts a slowed run, SIGINTs it past 150 000 ticks (it checkpoints and pauses); its id. */
async function pausedRun(dir: string, args: string[]): Promise<string> {
  const run = startCli(dir, ['run', ...args], { BACKTESTR_TEST_THROTTLE_MS: '250' });
  const id = await waitFor(run, () => /run (\S+) started/.exec(run.stderr())?.[1]);
  await waitFor(run, () => (ticksDone(dir, id!) >= 150_000 ? true : undefined));
  run.child.kill('SIGINT');
  const { code } = await run.exited;
  expect(code, run.stderr()).toBe(0);
  return id!;
}

describe('the no-trade warning', () => {
  it('names each indicator that never had its bars, with what it needs and what the data gave', () => {
    const dir = folder();
    const args = ['--param', 'timeframe=D1', '--param', 'trendTimeframe=D1'];
    const r = runJson(dir, ['run', '--symbol', 'EURUSD', '--strategy', 'ma-cross', ...args]);
    // 3 days of ticks close 3 D1 bars (Jan 1, Jan 2, and Jan 3 at the end of the data);
    // ma-cross's defaults: ema(10), ema(30) and its trend ema(50), on D1 — each needs `period` bars.
    expect((r.bars as Record<string, number>).D1).toBe(3);
    expect(storedRun(dir, r.runId).report).toEqual({
      monthly: [{ month: '2024-01', profit: 0, returnPct: 0 }],
      warnings: [
        'ma-cross made no trade: ema(10) on EURUSD D1 needs 10 bars, the data gave 3',
        'ma-cross made no trade: ema(30) on EURUSD D1 needs 30 bars, the data gave 3',
        'ma-cross made no trade: ema(50) on EURUSD D1 needs 50 bars, the data gave 3',
      ],
      toDate: false,
    });
  });

  it('stays quiet when the strategy traded', () => {
    const dir = folder();
    const r = runJson(dir, ['run', ...RUN_ARGS]);
    const run = storedRun(dir, r.runId);
    expect(run.stats!.trades).toBeGreaterThan(0);
    expect(run.report!.warnings).toEqual([]);
  });
});

describe.each([
  ['trades and equity stored', []],
  ['statistics tallied live (bars only)', ['--record', 'bars']],
])('statistics to date of a paused run (%s)', (_name, record) => {
  it('are stored marked to date; its resume ends with the statistics of an uninterrupted run', async () => {
    const dir = folder();
    const args = [...RUN_ARGS, ...record];
    const reference = runJson(dir, ['run', ...args]);
    const id = await pausedRun(dir, args);

    const paused = storedRun(dir, id);
    expect(paused.status).toBe('paused');
    expect(paused.report!.toDate).toBe(true);
    expect(ticksDone(dir, id), 'paused before its end').toBeLessThan(reference.ticks as number);
    if (record.length === 0) {
      // From the rows so far: every stored trade, the last sample's equity (open positions at
      // their last prices).
      const rows = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
      const n = rows.prepare('SELECT COUNT(*) AS n FROM trades WHERE run_id = ?').get(id) as {
        n: number;
      };
      const last = rows
        .prepare('SELECT equity FROM equity WHERE run_id = ? ORDER BY time DESC LIMIT 1')
        .get(id) as { equity: number };
      rows.close();
      expect(paused.stats!.trades).toBe(n.n);
      expect(paused.stats!.finalEquity).toBe(last.equity);
    }

    const resumed = runJson(dir, ['resume', id]);
    expect(resumed.status).toBe('completed');
    const done = storedRun(dir, id);
    const ref = storedRun(dir, reference.runId);
    expect(done.report!.toDate).toBe(false);
    expect(done.stats).toEqual(ref.stats);
    expect(done.report).toEqual(ref.report);
    // summary.json (statistics and report) byte for byte.
    expect(exportOf(dir, id).get('summary.json')).toBe(
      exportOf(dir, reference.runId).get('summary.json'),
    );
  }, 120_000);
});

/** Buys on its 2nd H1 bar, closes on the 3rd, buys again on the 4th, throws on the 6th. */
const FAILING_STRATEGY = `
export default {
  name: 'trade-then-fail',
  description: 'one closed trade, one open position, then an error',
  params: [],
  requires: () => ({ timeframes: ['H1'] }),
  init(ctx) { ctx.state.n = 0; },
  onBar(ctx, ev) {
    const n = ++ctx.state.n;
    if (n === 2 || n === 4) ctx.buy(ev.symbol, ctx.lotSize);
    if (n === 3) ctx.close(ev.symbol);
    if (n === 6) throw new Error('bar six');
  },
};
`;

describe('statistics to date of a failed run', () => {
  it('count its closed trade and value the open position at the last equity sample', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'strategies'));
    fs.writeFileSync(path.join(dir, 'strategies', 'fail.js'), FAILING_STRATEGY);
    const r = cli(dir, [
      'run',
      '--symbol',
      'EURUSD',
      '--strategy',
      'trade-then-fail',
      '--timeframes',
      'H1',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/bar six/);
    const id = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout)[0].id as string;
    const run = storedRun(dir, id);
    expect(run.status).toBe('failed');
    expect(run.report).toMatchObject({ toDate: true, warnings: [] });
    // Bought at bar 2, closed at bar 3: one trade; the second buy (bar 4) is still open.
    expect(run.stats!.trades).toBe(1);
    expect(run.stats!.longTrades).toBe(1);
    const db = new Database(path.join(dir, 'backtestr.db'), { readonly: true });
    const last = db
      .prepare('SELECT balance, equity FROM equity WHERE run_id = ? ORDER BY time DESC LIMIT 1')
      .get(id) as { balance: number; equity: number };
    db.close();
    expect(run.stats!.finalEquity).toBe(last.equity);
    expect(last.equity, 'the open position is in the equity').not.toBe(last.balance);
  }, 60_000);
});

describe('a run whose live statistics an older version tallied (19 values)', () => {
  it('resumes: the old statistics go on exactly, the new ones count from the resume', async () => {
    const dir = folder();
    const args = [...RUN_ARGS, '--record', 'bars'];
    const reference = runJson(dir, ['run', ...args]);
    const proc = startCli(dir, ['run', ...args, ...CKPT, '--keep', '50']);
    const id = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () =>
      checkpointFiles(dir, id).some((f) => f.endsWith('.btck')) ? true : undefined,
    );
    proc.child.kill('SIGKILL');
    await proc.exited;

    // What a version before issue 12 stored: the first 19 float64s (152 bytes) of each snapshot.
    const db = new Database(path.join(dir, 'backtestr.db'));
    db.prepare('UPDATE run_tallies SET state = substr(state, 1, 152) WHERE run_id = ?').run(id);
    const lengths = db
      .prepare('SELECT DISTINCT length(state) FROM run_tallies WHERE run_id = ?')
      .pluck()
      .all(id);
    expect(lengths).toEqual([152]);
    db.close();

    const resumed = runJson(dir, ['resume', id]);
    expect(resumed.status).toBe('completed');
    const done = storedRun(dir, id).stats!;
    const ref = storedRun(dir, reference.runId).stats!;
    for (const k of ['trades', 'netProfit', 'finalEquity', 'maxDrawdown', 'sharpe'])
      expect(done[k], k).toBe(ref[k]);
    // The split by side counts only the trades after the checkpoint the run resumed from.
    expect(done.longTrades! + done.shortTrades!).toBeLessThanOrEqual(ref.trades!);
    expect(ref.longTrades! + ref.shortTrades!).toBe(ref.trades);
  }, 120_000);
});
