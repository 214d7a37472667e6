import fs from 'node:fs';
import path from 'node:path';
import { parseCheckpointFileName } from '../services/checkpoints/btck/file-name.ts';
import { checkpointsDir } from '../services/checkpoints/checkpoint-store.ts';
import { UsageError } from './usage.ts';

/**
 * Where a checkpoint named on the command line lives: a .btck path, `RUN_ID SEQ` (two
 * arguments) or `RUN_ID:SEQ` (one). Returns the file path and how many arguments it used.
 */
export function resolveCheckpointRef(
  dataDir: string,
  args: string[],
): { file: string; used: number } {
  const [a, b] = args;
  if (a === undefined) throw new UsageError('name a checkpoint: PATH, RUN_ID SEQ or RUN_ID:SEQ');
  if (a.endsWith('.btck') || a.includes(path.sep) || fs.existsSync(a))
    return { file: path.resolve(a), used: 1 };
  const colon = /^(.+):(\d+)$/.exec(a);
  if (colon) return { file: fileOfSeq(dataDir, colon[1], Number(colon[2])), used: 1 };
  if (b !== undefined && /^\d+$/.test(b))
    return { file: fileOfSeq(dataDir, a, Number(b)), used: 2 };
  throw new UsageError(`'${a}' is not a checkpoint file; use PATH, RUN_ID SEQ or RUN_ID:SEQ`);
}

function fileOfSeq(dataDir: string, runId: string, seq: number): string {
  const dir = checkpointsDir(dataDir, runId);
  const names = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  const name = names.find((n) => parseCheckpointFileName(n)?.seq === seq);
  if (!name) {
    // Name the ones that exist: retention deletes older checkpoints, so a gap is normal.
    const seqs = names
      .map((n) => parseCheckpointFileName(n)?.seq)
      .filter((s): s is number => s !== undefined)
      .sort((x, y) => x - y);
    const has = seqs.length > 0 ? `it has ${seqs.join(', ')}` : 'it has none';
    throw new Error(
      `run ${runId} has no checkpoint ${seq} in ${dir} (${has}); see backtestr checkpoints list ${runId}`,
    );
  }
  return path.join(dir, name);
}
