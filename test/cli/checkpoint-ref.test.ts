// Naming a checkpoint on the command line (RUN_ID SEQ, RUN_ID:SEQ, a path) with real files in a
// data folder. A missing seq is usually one that retention deleted: the message lists the ones
// that exist rather than inventing a file name that cannot exist.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCheckpointRef } from '../../src/main/cli/checkpoint-ref.ts';
import { checkpointFileName } from '../../src/main/services/checkpoints/btck/file-name.ts';
import { checkpointsDir } from '../../src/main/services/checkpoints/checkpoint-store.ts';

const RUN = '20240101-000000-abcd';
let dataDir: string;
let dir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backtestr-ckpt-ref-'));
  dir = checkpointsDir(dataDir, RUN);
  fs.mkdirSync(dir, { recursive: true });
  // As retention leaves them: 1 (first of its 10 %), then the newest ones.
  for (const [seq, ticks] of [
    [1, 500_000],
    [6, 3_000_000],
    [7, 3_209_041],
  ] as const) {
    fs.writeFileSync(path.join(dir, checkpointFileName(seq, ticks)), 'x');
  }
  fs.writeFileSync(path.join(dir, `${checkpointFileName(4, 2_000_000)}.corrupt`), 'x');
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('resolveCheckpointRef', () => {
  it('finds a checkpoint by RUN_ID SEQ and RUN_ID:SEQ', () => {
    const file = path.join(dir, 'ckpt-000006-000003000000.btck');
    expect(resolveCheckpointRef(dataDir, [RUN, '6'])).toEqual({ file, used: 2 });
    expect(resolveCheckpointRef(dataDir, [`${RUN}:6`])).toEqual({ file, used: 1 });
  });

  it('a seq that is not there: lists the ones that are, suggests no made-up file name', () => {
    const err = (() => {
      try {
        resolveCheckpointRef(dataDir, [RUN, '5']);
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).toBe(
      `run ${RUN} has no checkpoint 5 in ${dir} (it has 1, 6, 7); see backtestr checkpoints list ${RUN}`,
    );
    expect(err?.message).not.toMatch(/\.btck/);
  });

  it('a run without checkpoints says it has none', () => {
    expect(() => resolveCheckpointRef(dataDir, ['20240101-000000-ffff', '1'])).toThrow(
      /has no checkpoint 1 in .* \(it has none\)/,
    );
  });
});
