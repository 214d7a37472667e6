import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/main/engine/data/generate/index.ts';
import {
  checkpointFileName,
  parseCheckpointFileName,
} from '../../../src/main/services/checkpoints/btck/index.ts';

describe('checkpoint file names', () => {
  it('pads seq to 6 and ticks to 12 digits', () => {
    expect(checkpointFileName(42, 1_000_000)).toBe('ckpt-000042-000001000000.btck');
    expect(checkpointFileName(0, 0)).toBe('ckpt-000000-000000000000.btck');
    expect(checkpointFileName(1234567, 9_876_543_210_123)).toBe('ckpt-1234567-9876543210123.btck');
  });

  it('parse is the exact inverse for random seq/ticks, wider than the padding too', () => {
    const prng = new Prng(5);
    for (let i = 0; i < 2000; i++) {
      const seqDigits = 1 + (prng.nextU32() % 9);
      const tickDigits = 1 + (prng.nextU32() % 15);
      const seq = Math.floor((prng.nextU32() / 2 ** 32) * 10 ** seqDigits);
      const ticks = Math.floor(
        ((prng.nextU32() * 2 ** 21 + (prng.nextU32() >>> 11)) / 2 ** 53) * 10 ** tickDigits,
      );
      const name = checkpointFileName(seq, ticks);
      expect(parseCheckpointFileName(name), name).toEqual({ seq, ticks });
    }
  });

  it('names sort in checkpoint order', () => {
    const names = [3, 1, 1_000_001, 20].map((s) => checkpointFileName(s, s * 10));
    expect(names.sort().map((n) => parseCheckpointFileName(n)!.seq)).toEqual([1, 3, 20, 1_000_001]);
  });

  it('accepts nothing checkpointFileName would not produce', () => {
    for (const name of [
      'ckpt-42-1.btck',
      'ckpt-0000042-000001000000.btck',
      'ckpt-000042-0000001000000.btck',
      'ckpt-000042-000001000000.btck.tmp',
      'ckpt-000042-000001000000.btck.corrupt',
      'ckpt-000042-000001000000.BTCK',
      'xckpt-000042-000001000000.btck',
      'ckpt--00042-000001000000.btck',
      'ckpt-00004a-000001000000.btck',
      `ckpt-000001-${'9'.repeat(20)}.btck`,
      '',
    ]) {
      expect(parseCheckpointFileName(name), name).toBeNull();
    }
  });

  it('refuses numbers that cannot round-trip', () => {
    for (const [s, t] of [
      [-1, 0],
      [1.5, 0],
      [0, Number.MAX_SAFE_INTEGER + 1],
      [NaN, 0],
    ]) {
      expect(() => checkpointFileName(s, t), `${s}, ${t}`).toThrow(RangeError);
    }
  });
});
