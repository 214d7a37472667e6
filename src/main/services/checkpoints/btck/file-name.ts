/**
 * Checkpoint file names encode their order, so a directory listing sorts oldest → newest and a
 * reader never has to open a file to know where it sits:
 *
 *   ckpt-<seq>-<ticks>.btck
 *
 *   seq    checkpoint sequence number of the run, decimal, zero-padded to at least 6 digits
 *   ticks  ticks consumed when it was taken (Σ cursor), decimal, zero-padded to at least 12 digits
 *
 * e.g. ckpt-000042-000001000000.btck. Larger numbers simply get more digits (no leading zero then)
 * and still parse. parseCheckpointFileName is the exact inverse: it accepts a name if and only if
 * checkpointFileName produces it, so `ckpt-42-1.btck`, `ckpt-0000042-….btck` or a trailing
 * `.tmp` / `.corrupt` are not checkpoints.
 */

export const CHECKPOINT_EXT = '.btck';
const SEQ_DIGITS = 6;
const TICKS_DIGITS = 12;
const NAME_RE = /^ckpt-(\d{6,})-(\d{12,})\.btck$/;

export function checkpointFileName(seq: number, ticks: number): string {
  checkCount('seq', seq);
  checkCount('ticks', ticks);
  const s = String(seq).padStart(SEQ_DIGITS, '0');
  const t = String(ticks).padStart(TICKS_DIGITS, '0');
  return `ckpt-${s}-${t}${CHECKPOINT_EXT}`;
}

export function parseCheckpointFileName(name: string): { seq: number; ticks: number } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const seq = Number(m[1]);
  const ticks = Number(m[2]);
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(ticks)) return null;
  // Rejects extra leading zeros (ckpt-0000042-…): only the canonical spelling is a checkpoint.
  if (checkpointFileName(seq, ticks) !== name) return null;
  return { seq, ticks };
}

function checkCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`checkpoint ${what} must be a non-negative safe integer, got ${n}`);
  }
}
