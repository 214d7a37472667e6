/**
 * Statistics "to date" through the real CLI (issue 12): a paused or failed run stores what it has
 * so far, marked to date; resumed, it ends with exactly the statistics of a run never
 * interrupted — also when its live tallies were written by a version before issue 12.
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
import { readRow, storedRun, ticksDone } from './report-helpers.ts';
import { cli } from './run-cli.ts';

const LAST_SAMPLE =
  'SELECT balance, equity FROM equity WHERE run_id = ? ORDER BY time DESC LIMIT 1';

/** EURUSD ticks 2024-01-01T00:00Z … 2024-01-03T23:59Z (3 days). */
const folder = useDataFolders(3, 7);

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
      const n = readRow(dir, 'SELECT COUNT(*) AS n FROM trades WHERE run_id = ?', id)!;
      const last = readRow(dir, LAST_SAMPLE, id)!;
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
    const last = readRow(dir, LAST_SAMPLE, id)!;
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
