import { describe, expect, it } from 'vitest';
import {
  diffCheckpoints,
  formatDiffText,
  formatInspectText,
  inspectCheckpoint,
  type CheckpointFileInfo,
} from '../../../src/main/services/checkpoints/report/index.ts';
import { startRun, SYMBOLS, TICKS_TOTAL, TIMEFRAMES } from './fixtures.ts';

const FILE: CheckpointFileInfo = {
  path: '/data/runs/run-1/000002.btck',
  fileBytes: 1000,
  payloadBytes: 3500,
  header: { version: 1, createdAt: 0 },
};

/** The lines of one section: from its heading to the next unindented line. */
function sectionOf(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('  '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('text reports', () => {
  const run = startRun();
  run.feed(30_000);
  const a = run.checkpoint();
  run.feed(20_000);
  const b = run.checkpoint();
  const { bt } = run;
  const inspect = formatInspectText(inspectCheckpoint(b, FILE));
  const diff = formatDiffText(diffCheckpoints(a, b));

  it('inspect text has one section per part with the key figures', () => {
    const headings = inspect.split('\n').filter((l) => !l.startsWith(' '));
    expect(headings).toEqual([
      `Checkpoint ${FILE.path}`,
      'Run run-1 seq 2',
      'Cursor',
      'Meta',
      'Bars closed',
      'Partial bars',
      'Indicators',
      'Strategy state',
      'Portfolio',
      expect.stringMatching(/^Positions \(\d+\)$/),
      expect.stringMatching(/^Pending orders \(\d+\)$/),
      'Watermarks',
      'Pending rows',
    ]);
    expect(inspect).toContain(`50000 / ${TICKS_TOTAL} (`);
    expect(inspect).toContain(new Date(bt.portfolio.lastTime()).toISOString());
    expect(inspect).toContain('ratio 3.50x');
    expect(inspect).toMatch(new RegExp(`balance\\s+${bt.portfolio.balance.toFixed(2)}\\b`));
    const partial = bt.engine.frames[1].partials[0];
    expect(inspect).toContain(partial.close.toFixed(5));
    expect(inspect).toContain(bt.ctx.indicator('EURUSD', 'M5', 'ema_5').toFixed(5));
    for (let i = 0; i < SYMBOLS.length; i++) {
      const pos = bt.portfolio.position(i);
      if (pos.size !== 0) expect(inspect).toContain(pos.entryPrice.toFixed(5));
    }
  });

  it('right-aligns numbers: a numeric column ends at one place', () => {
    const bars = sectionOf(inspect, 'Bars closed');
    expect(bars).toHaveLength(1 + TIMEFRAMES.length);
    expect(new Set(bars.map((l) => l.length)).size).toBe(1);
    const money = sectionOf(inspect, 'Portfolio').slice(0, 3);
    for (const l of money) expect(l).toMatch(/\s-?\d+\.\d\d$/);
    expect(new Set(money.map((l) => l.length)).size).toBe(1);
  });

  it('diff text shows the advance, bars, money and changes with signed deltas', () => {
    expect(diff).toMatch(/^Diff run run-1 seq 1 -> run run-1 seq 2/);
    expect(diff).toMatch(/ticks\s+30000\s+50000\s+\+20000/);
    const report = diffCheckpoints(a, b);
    for (const x of report.barsClosed) {
      expect(diff).toMatch(new RegExp(`${x.timeframe}\\s+${x.a}\\s+${x.b}\\s+\\+${x.delta}`));
    }
    const { balance } = report;
    expect(diff).toContain(balance.a!.toFixed(2));
    expect(diff).toContain(balance.b!.toFixed(2));
    expect(diff).toContain(`Indicators changed (${report.indicators.length})`);
    expect(diff).toContain(`Positions changed (${report.positions.length})`);
    expect(diff).toContain(`positions closed`);
  });

  it('prints missing values as - and empty sections as (none)', () => {
    const empty = formatInspectText(inspectCheckpoint(startRun().checkpoint(), FILE));
    expect(empty).toMatch(/sim time\s+-\n/);
    expect(sectionOf(empty, 'Positions (0)')).toEqual(['  (none)']);
    expect(
      sectionOf(empty, 'Indicators')
        .slice(1)
        .every((l) => /(\s+-){6}$/.test(l)),
    ).toBe(true);
  });
});
