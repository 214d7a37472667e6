/**
 * Byte sizes as people write them (the CLI's and the Settings panel's checkpoint budget) ("2GiB", "500 MB", "1048576") and back. Parsing is strict:
 * one number, an optional unit from the table, nothing else; the result must be a whole number of
 * bytes within the settings' limit. "1e9", "-1", "1.5.2", "10 GB extra" and "GiB" are refused,
 * so a typo can never set a budget the user did not mean.
 */
import { MAX_CHECKPOINT_BUDGET_BYTES as MAX_BUDGET_BYTES } from './contract.ts';

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const SIZE = /^(\d{1,16}(?:\.\d{1,6})?) ?([a-z]{1,3})?$/i;

export class SizeSyntaxError extends Error {
  constructor(text: string, why: string) {
    super(`'${text}' is not a size: ${why} (e.g. 2GiB, 500MB, 1048576)`);
    this.name = 'SizeSyntaxError';
  }
}

export function parseSize(text: string): number {
  const m = SIZE.exec(text.trim());
  if (!m) throw new SizeSyntaxError(text, 'expected a number and an optional unit');
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = UNITS[unit];
  if (factor === undefined) {
    throw new SizeSyntaxError(
      text,
      `unknown unit '${m[2]}' (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)`,
    );
  }
  // A decimal fraction times its unit carries float error (0.1 * 1e3 = 100.00000000000001):
  // allow that much, not a real fraction of a byte.
  const bytes = Number(m[1]) * factor;
  const whole = Math.round(bytes);
  if (Math.abs(bytes - whole) > 1e-9 * (1 + bytes)) {
    throw new SizeSyntaxError(text, 'not a whole number of bytes');
  }
  if (whole > MAX_BUDGET_BYTES) throw new SizeSyntaxError(text, 'larger than 1 PiB');
  return whole;
}

/** "1.50 GiB", "640.0 KiB", "12 B": binary units, for reports. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}
