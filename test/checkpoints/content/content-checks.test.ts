import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clonePlain } from '../../../src/main/engine/persist/clone-plain.ts';
import {
  checkpointContentProblems,
  fileNameProblems,
  validateCheckpointContent,
} from '../../../src/main/services/checkpoints/content/validate-checkpoint.ts';
import { CorruptCheckpointError } from '../../../src/main/services/checkpoints/btck/errors.ts';
import { payloadOf, type Payload } from './rewrite-checkpoint.ts';

// A real checkpoint, committed: BackTestr 0.1.0 wrote it mid-run (ma-cross, EURUSD, 400 000 ticks).
const FIXTURE = path.resolve(
  import.meta.dirname,
  '../../fixtures/checkpoints/v1/ckpt-v1-ma-cross.btck',
);
let original: Payload;
beforeAll(async () => {
  original = await payloadOf(FIXTURE);
});

/** Problems of the fixture's content after `alter` (edits in place or returns a replacement). */
function problemsAfter(alter: (d: Payload) => unknown): string[] {
  const d = clonePlain(original, 'fixture');
  const r = alter(d);
  return checkpointContentProblems(r === undefined ? d : r);
}

describe('checkpoint content checks (schema, cross-checks, trial restore)', () => {
  it('a real checkpoint passes every check', () => {
    expect(checkpointContentProblems(original)).toEqual([]);
  });

  const hostile: [string, (d: Payload) => unknown, RegExp][] = [
    ['a payload that is just 42', () => 42, /^\(root\): 42 — .*expected object/],
    ['a null state', (d) => void (d.state = null), /^state: null — .*expected object/],
    [
      'an unknown timeframe',
      (d) => void (d.config.timeframes[1] = d.state.engine.config.timeframes[1] = 'M7'),
      /^config\.timeframes\[1\]: "M7" — /,
    ],
    ['a fractional cursor', (d) => void (d.cursor[0] += 0.5), /^cursor\[0\]: 400000\.5 — .*int/],
    ['an empty cursor', (d) => void (d.cursor = []), /^cursor: has 0 entries, the run has 1/],
    [
      'a cursor beyond the data (ticks and state agreeing)',
      (d) => {
        const n = d.fingerprint[0].tickCount + 1000;
        d.cursor[0] = d.state.engine.consumed[0] = d.ticks = n;
      },
      /cursor\[0\]: 648689 is past the 647689 ticks of EURUSD/,
    ],
    [
      'a cursor that disagrees with the engine state',
      (d) => void ((d.cursor[0] -= 1000), (d.ticks -= 1000)),
      /^cursor\[0\]: 399000, but the engine state consumed 400000 ticks$/,
    ],
    [
      'ticks that are not the sum of the cursor',
      (d) => void (d.ticks += 1),
      /^ticks: 400001, but the cursor adds up to 400000$/,
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
      /^watermarks\.bars\[0\]\[5\]: output ends at null, the state's newest EURUSD H4 bar is \d+$/,
    ],
    [
      'an equity watermark past the checkpoint time',
      (d) => void (d.watermarks.equityTime = d.simTime + 60_000),
      /^watermarks\.equityTime: \d+ is after the checkpoint's time simTime/,
    ],
    [
      'a trade watermark that forgets committed trades',
      (d) => void ((d.watermarks.tradeSeq = 0), (d.pending.trades[0][0] = 1)),
      /^watermarks\.tradeSeq: 1 trade rows, but the state has closed 2 trades$/,
    ],
    [
      'a config that does not match its hash',
      (d) => void (d.config.account.balance = 1e6),
      /^configHash: 94e94b92dc5a7dfb, the config hashes to /,
    ],
    [
      'a history with a partial row',
      (d) => void (d.state.engine.histories[0][0].rows = new Float64Array(5)),
      /^state\.engine\.histories\[0\]\[0\]\.rows: 5 values are not \d+ rows of/,
    ],
    [
      "a 'store' checkpoint that still carries history rows",
      (d) => void (d.history = 'store'),
      /^state\.engine\.histories\[0\]\[0\]\.rows: \d+ values in a checkpoint whose history is 'store'$/,
    ],
    [
      'a history row count that disagrees with the embedded rows',
      (d) => void (d.historyRows[0][1] -= 1),
      /^state\.engine\.histories\[0\]\[1\]\.rows: \d+ values are not \d+ rows of \d+$/,
    ],
    [
      'an oldest history time that disagrees with the embedded rows',
      (d) => void (d.historyOldest[0][0] += 60_000),
      /^historyOldest\[0\]\[0\]: \d+, the history's oldest row is at \d+$/,
    ],
    [
      "'store' history for a run that records no bars",
      (d) => {
        d.config.record = ['trades', 'equity'];
        d.history = 'store';
        for (const row of d.state.engine.histories)
          for (const h of row) h.rows = new Float64Array(0);
      },
      /^history: 'store', but the run does not record bars to rebuild histories from$/,
    ],
    [
      'bar output from a run that records no bars',
      (d) => void (d.config.record = ['trades', 'equity']),
      /^watermarks\.bars\[0\]\[0\]: output ends at \d+, but the run records no bars$/,
    ],
    [
      'a history row count above the history size',
      (d) => void (d.historyRows[0][0] = d.config.historySize + 1),
      /^historyRows\[0\]\[0\]: 1001, more than the 1000 bars kept$/,
    ],
    [
      "a 'store' checkpoint whose histories are empty though bars were output",
      (d) => {
        d.history = 'store';
        for (const row of d.state.engine.histories)
          for (const h of row) h.rows = new Float64Array(0);
        d.historyRows[0][0] = 0;
        d.historyOldest[0][0] = null;
      },
      /^historyRows\[0\]\[0\]: 0 rows, but the EURUSD \w+ output ends at \d+$/,
    ],
    [
      "a 'store' checkpoint counting more rows than bars closed",
      (d) => {
        d.history = 'store';
        for (const row of d.state.engine.histories)
          for (const h of row) h.rows = new Float64Array(0);
        d.state.engine.barsClosed[0] = d.historyRows[0][0] - 1;
      },
      /^historyRows: \d+ \w+ rows, but the state has closed \d+ \w+ bars$/,
    ],
    [
      "an indicator's malformed internals (found by the trial restore)",
      (d) => void (d.state.engine.indicators[0][0][0] = { bogus: 1 }),
      /^state: does not restore: rsi\(14\): not an indicator snapshot/,
    ],
    [
      'a pending rejection that does not follow the rejection watermark',
      (d) => {
        d.watermarks.rejectionSeq = 2;
        d.pending.rejections = [[4, 0, 7, 'EURUSD', 'buy', 1e8, 'no margin', 1e7, 1e4]];
      },
      /^pending\.rejections\[0\]\[0\]: seq 4, expected 3$/,
    ],
    [
      'a pending rejection after the checkpoint time',
      (d) => void (d.pending.rejections = [[1, d.simTime + 1, 7, 'EURUSD', 'buy', 1, 'x', 1, 0]]),
      /^pending\.rejections\[0\]\[1\]: \d+ is after the checkpoint's time simTime \d+$/,
    ],
    [
      'a pending rejection of an unknown side',
      (d) => void (d.pending.rejections = [[1, 0, 7, 'EURUSD', 'hold', 1, 'x', 1, 0]]),
      /^pending\.rejections\[0\]\[4\]: "hold" — /,
    ],
    [
      'a simTime that is not the newest tick of the state',
      (d) => void (d.simTime -= 1),
      /^simTime: \d+, but the restored engine's newest tick is at \d+$/,
    ],
  ];

  it.each(hostile)('refuses %s, naming the field', (_name, alter, expected) => {
    const problems = problemsAfter(alter);
    expect(problems.length, 'at least one check fails').toBeGreaterThan(0);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('a symbol with terminal control characters is refused, and shown escaped', () => {
    const problems = problemsAfter((d) => void (d.config.symbols[0] = 'EUR\u001b]0;pwned\u0007'));
    expect(problems[0]).toBe(
      'config.symbols[0]: "EUR\\u001b]0;pwned\\u0007" — not a symbol name (1–32 letters, digits, . _ -)',
    );
    expect(problems.join('').includes('\u001b'), 'no raw ESC reaches a terminal').toBe(false);
  });

  it('a checkpoint-named file must hold the seq and ticks its name promises', () => {
    const named = (seq: number, ticks: number) =>
      `/x/ckpt-${String(seq).padStart(6, '0')}-${String(ticks).padStart(12, '0')}.btck`;
    expect(fileNameProblems(original, named(2, 400_000))).toEqual([]);
    expect(fileNameProblems(original, named(3, 400_000))).toEqual([
      'seq: 2, but the file is named for seq 3',
    ]);
    expect(fileNameProblems(original, named(2, 1))).toEqual([
      'ticks: 400000, but the file is named for 1 ticks',
    ]);
  });

  it('throws a CorruptCheckpointError (reason content) naming the file and the problems', () => {
    let caught: unknown;
    try {
      validateCheckpointContent(42, '/data/ckpt-000001-000000000010.btck');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CorruptCheckpointError);
    const e = caught as CorruptCheckpointError & { problems: string[] };
    expect(e.reason).toBe('content');
    expect(e.file).toBe('/data/ckpt-000001-000000000010.btck');
    expect(e.problems).toEqual([expect.stringMatching(/^\(root\): 42/)]);
  });
});
