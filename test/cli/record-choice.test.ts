/**
 * `run --record`: what a run stores is a choice, and whatever it leaves out, its statistics are
 * those of a run that stored everything — also after a SIGKILL and resume, when a run without
 * trade or equity rows restores its statistics from the snapshot at its checkpoint. Exports hold
 * exactly the files of what was stored, byte-identical to the full run's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startCli, waitFor } from '../checkpoints/crash/child-cli.ts';
import {
  checkpointFiles,
  CKPT,
  exportOf,
  runJson,
  RUN_ARGS,
  useDataFolders,
} from '../checkpoints/lifecycle/shared-data.ts';
import { cli } from './run-cli.ts';

const folder = useDataFolders(2, 4);
let reference: { stats: unknown; files: Map<string, string> };

beforeAll(() => {
  const dir = folder();
  const r = runJson(dir, ['run', ...RUN_ARGS, '--no-checkpoints']);
  reference = { stats: r.stats, files: exportOf(dir, r.runId) };
  // Statistics worth comparing: the strategy trades (equity moves with it).
  expect((r.stats as { trades: number }).trades).toBeGreaterThan(0);
}, 120_000);

/** The reference export without what `record` leaves out; summary.json names the choice. */
function expectedFiles(record: string[]): Map<string, string> {
  const keep = (name: string) =>
    name === 'summary.json' ||
    (['trades.csv', 'rejections.csv'].includes(name) && record.includes('trades')) ||
    (name === 'equity.csv' && record.includes('equity')) ||
    (name.endsWith('.csv') &&
      !['trades.csv', 'rejections.csv', 'equity.csv'].includes(name) &&
      record.includes('bars'));
  const out = new Map([...reference.files].filter(([name]) => keep(name)));
  const summary = JSON.parse(reference.files.get('summary.json')!);
  out.set('summary.json', JSON.stringify({ ...summary, record }, null, 2) + '\n');
  return out;
}

describe('run --record', () => {
  it.each([[['bars']], [['trades', 'equity']], [['trades']], [['bars', 'equity']]])(
    '%j: the full run statistics, and the files of what was stored',
    (record) => {
      const dir = folder();
      const r = runJson(dir, [
        'run',
        ...RUN_ARGS,
        '--record',
        record.join(','),
        '--no-checkpoints',
      ]);
      expect(r.record).toEqual(record);
      expect(r.stats).toEqual(reference.stats);
      expect(exportOf(dir, r.runId)).toEqual(expectedFiles(record));
    },
    120_000,
  );

  it('all three, in any order, is the default: the same config and the same export', () => {
    const dir = folder();
    const r = runJson(dir, [
      'run',
      ...RUN_ARGS,
      '--record',
      'equity,bars,trades',
      '--no-checkpoints',
    ]);
    expect(r.record).toEqual(['bars', 'trades', 'equity']);
    const runs = JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout) as { config: object }[];
    expect(runs[0].config).not.toHaveProperty('record');
    expect(exportOf(dir, r.runId)).toEqual(reference.files);
  }, 120_000);

  it('refuses an unknown or empty choice with exit 2, naming the valid ones', () => {
    const dir = folder();
    for (const bad of ['bars,ticks', '', ',']) {
      const r = cli(dir, ['run', ...RUN_ARGS, '--record', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/bars, trades, equity/);
    }
    expect(JSON.parse(cli(dir, ['runs', 'list', '--json']).stdout)).toEqual([]);
  });

  it('a run storing neither trades nor equity, SIGKILLed and resumed, ends with the same statistics', async () => {
    const dir = folder();
    const args = ['run', ...RUN_ARGS, ...CKPT, '--keep', '50', '--record', 'bars'];
    const proc = startCli(dir, args, { BACKTESTR_TEST_THROTTLE_MS: '200' });
    const runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
    await waitFor(proc, () =>
      checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck')).length >= 2 ? true : undefined,
    );
    proc.child.kill('SIGKILL');
    await proc.exited;
    const resumed = runJson(dir, ['resume', runId]);
    expect(resumed.status).toBe('completed');
    expect(resumed.resumedFrom, 'it resumed from a checkpoint, not from the start').not.toBeNull();
    expect(resumed.stats).toEqual(reference.stats);
    expect(exportOf(dir, runId)).toEqual(expectedFiles(['bars']));
  }, 120_000);
});
