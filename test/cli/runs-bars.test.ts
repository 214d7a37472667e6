/**
 * `runs bars` through the real CLI: the chart's candles and indicator values as a table and as
 * the ChartData DTO, and clear refusals.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDataFolders } from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

const folder = useDataFolders(2, 4);
const RUN = ['run', '--symbol', 'EURUSD', '--timeframes', 'M5,H1', '--no-checkpoints'];

let dir = '';
let runId = '';

beforeAll(() => {
  dir = folder();
  const r = cli(dir, RUN);
  expect(r.code, r.stderr).toBe(0);
  runId = /run (\S+) completed/.exec(r.stdout)![1];
}, 120_000);

describe('runs bars', () => {
  const BARS = ['runs', 'bars', '--symbol', 'EURUSD', '--timeframe', 'h1'];

  it('prints the newest bars of the range with indicator columns', () => {
    const r = cli(dir, [
      ...BARS,
      runId,
      '--to',
      '2024-01-02T12:00',
      '--max',
      '5',
      '--indicator',
      'sma(3)',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('EURUSD H1 (stored bars), 5 shown');
    expect(lines[1].split(/\s+/)).toEqual([
      'time',
      'open',
      'high',
      'low',
      'close',
      'volume',
      'sma_3',
    ]);
    expect(lines.slice(2, 7).map((l) => l.slice(0, 16))).toEqual(
      ['08', '09', '10', '11', '12'].map((h) => `2024-01-02 ${h}:00`),
    );
    expect(lines.at(-1)).toBe('more bars earlier and later: use --from / --to');
  });

  it('--json prints the ChartData the app gets', () => {
    const r = cli(dir, [...BARS, runId, '--json', '--max', '3', '--anchor', 'from']);
    expect(r.code, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout);
    expect(data).toMatchObject({
      symbol: 'EURUSD',
      timeframe: 'H1',
      source: 'stored',
      moreBefore: false,
    });
    expect(data.bars).toHaveLength(3);
    expect(data.bars[0].time).toBe(data.extent.first);
  });

  it('names what is wrong', () => {
    const bad = cli(dir, [...BARS, runId, '--indicator', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("indicator 'nope'");
    const tf = cli(dir, ['runs', 'bars', runId, '--symbol', 'EURUSD', '--timeframe', 'D1']);
    expect(tf.code).not.toBe(0);
    expect(tf.stderr).toContain("no timeframe 'D1'");
    const max = cli(dir, [...BARS, runId, '--max', '0']);
    expect(max.stderr).toContain('--max');
  });
});
