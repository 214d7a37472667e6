import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configHash } from '../../../src/main/services/checkpoints/checkpoint-capture.ts';
import { CHECKPOINT_FORMAT_VERSION } from '../../../src/main/services/checkpoints/checkpoint-data.ts';
import { cli } from '../../cli/run-cli.ts';
import { startCli, waitFor } from '../crash/child-cli.ts';
import {
  checkpointFiles,
  copyFolder,
  dataFolder,
  exportOf,
  runJson,
  RUN_ARGS,
} from '../lifecycle/shared-data.ts';
import { rewriteCheckpoint, type Payload } from './rewrite-checkpoint.ts';

/**
 * The hostile checkpoints of issue 8 §3, each crafted from a real checkpoint of a SIGKILLed run
 * and re-encoded with a valid checksum: `verify` must name the failed check, and `resume` must
 * quarantine the file and continue from the previous good checkpoint, exactly.
 */
const CKPT = ['--checkpoint-every-ticks', '100000', '--checkpoint-interval', '0', '--keep', '50'];
let killed: string; // a data folder whose run was killed after its 3rd checkpoint
let runId: string;
let reference: Map<string, string>;
const made: string[] = [];

beforeAll(async () => {
  killed = dataFolder(3, 4);
  made.push(killed);
  const straight = copyFolder(killed);
  made.push(straight);
  reference = exportOf(straight, runJson(straight, ['run', ...RUN_ARGS, '--no-checkpoints']).runId);
  // Throttled so the kill surely lands mid-run, after three checkpoints.
  const proc = startCli(killed, ['run', ...RUN_ARGS, ...CKPT], {
    BACKTESTR_TEST_THROTTLE_MS: '40',
  });
  runId = (await waitFor(proc, () => /run (\S+) started/.exec(proc.stderr())?.[1]))!;
  await waitFor(proc, () =>
    checkpointFiles(killed, runId).filter((f) => f.endsWith('.btck')).length >= 3
      ? true
      : undefined,
  );
  proc.child.kill('SIGKILL');
  await proc.exited;
}, 300_000);
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const seqOf = (file: string) => Number(/^ckpt-(\d+)-/.exec(path.basename(file))![1]);

/** `alter` edits the payload; it may return a replacement payload, or a new file name. */
const hostile: [string, (d: Payload) => unknown, RegExp, ((d: Payload) => string)?][] = [
  ['a payload that is just 42', () => 42, /\(root\): 42 — .*expected object/],
  ['a null state', (d) => void (d.state = null), /state: null — .*expected object/],
  [
    'an unknown timeframe',
    (d) => void (d.config.timeframes[0] = d.state.engine.config.timeframes[0] = 'M7'),
    /config\.timeframes\[0\]: "M7" — /,
  ],
  ['a fractional cursor', (d) => void (d.cursor[0] += 0.5), /cursor\[0\]: \d+\.5 — .*int/],
  ['an empty cursor', (d) => void (d.cursor = []), /cursor: has 0 entries, the run has 1 symbols/],
  [
    'a cursor beyond the data',
    (d) => void (d.cursor[0] = d.state.engine.consumed[0] = d.ticks = d.ticksTotal + 1000),
    /cursor\[0\]: \d+ is past the \d+ ticks of EURUSD/,
  ],
  [
    'a cursor off by 1000, everything else (file name included) agreeing',
    (d) => void (d.cursor[0] = d.state.engine.consumed[0] = d.ticks = d.ticks - 1000),
    /cursor\[0\]: stored tick \d+ of EURUSD is at \d+, the state's last is at \d+/,
    (d) =>
      `ckpt-${String(d.seq).padStart(6, '0')}-${String(d.ticks - 1000).padStart(12, '0')}.btck`,
  ],
  [
    'reset watermarks',
    (d) =>
      void (d.watermarks = {
        bars: [d.config.timeframes.map(() => null)],
        tradeSeq: 0,
        equityTime: null,
        rejectionSeq: 0,
      }),
    /watermarks\.(bars\[0\]\[\d\]|equityTime|tradeSeq): /,
  ],
  [
    "other settings than the run's, with the config hash recomputed to match",
    (d) => {
      d.config.account.commissionPerLot = 0;
      d.configHash = configHash(d.config);
    },
    /config: differs from the settings of run \S+/,
  ],
  [
    'a seq that is not the one in the file name',
    (d) => void (d.seq += 1),
    /seq: \d+, but the file is named for seq \d+/,
  ],
];

describe('checksum-valid but hostile checkpoints', () => {
  it.each(hostile)(
    '%s: verify names the check; resume quarantines it and falls back, exactly',
    async (_name, alter, expected, rename) => {
      const dir = copyFolder(killed);
      made.push(dir);
      const newest = checkpointFiles(dir, runId)
        .filter((f) => f.endsWith('.btck'))
        .at(-1)!;
      let spoiled = newest;
      await rewriteCheckpoint(
        newest,
        (d) => {
          if (rename) spoiled = path.join(path.dirname(newest), rename(d));
          return alter(d);
        },
        undefined,
      );
      if (spoiled !== newest) fs.renameSync(newest, spoiled);

      const verify = cli(dir, ['checkpoints', 'verify', spoiled]);
      expect(verify.code, verify.stdout).toBe(1);
      expect(verify.stderr).toMatch(expected);
      expect(verify.stderr).toContain(spoiled);

      const r = cli(dir, ['resume', runId, '--json', ...CKPT]);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary.quarantined).toEqual([`${spoiled}.corrupt`]);
      expect(fs.existsSync(`${spoiled}.corrupt`)).toBe(true);
      expect(summary.resumedFrom.seq).toBe(seqOf(newest) - 1);
      expect(summary.status).toBe('completed');
      expect(exportOf(dir, runId)).toEqual(reference);
    },
  );

  it('every checkpoint a real run writes passes verify, store checks included (no false positives)', () => {
    const dir = copyFolder(killed);
    made.push(dir);
    expect(cli(dir, ['resume', runId, ...CKPT]).code).toBe(0);
    const files = checkpointFiles(dir, runId).filter((f) => f.endsWith('.btck'));
    expect(files.length, 'the killed session and the resumed one wrote several').toBeGreaterThan(5);
    for (const f of files) {
      const v = cli(dir, ['checkpoints', 'verify', f]);
      expect(v.code, v.stderr).toBe(0);
      const ok = `: OK \\(format ${CHECKPOINT_FORMAT_VERSION}, run \\S+, seq \\d+, \\d+ ticks, \\d+ bytes\\)$`;
      expect(v.stdout).toMatch(new RegExp(ok, 'm'));
    }
  });
});
