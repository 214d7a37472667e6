import type { Writable } from 'node:stream';

/**
 * A one-line progress bar on stderr, redrawn at most ~10 times a second, and only when stderr
 * is a terminal: piped output and logs stay clean.
 */
export class ProgressBar {
  readonly #out: Writable & { isTTY?: boolean };
  readonly #label: string;
  readonly #started = Date.now();
  #lastDraw = 0;
  #drawn = false;

  constructor(out: Writable & { isTTY?: boolean }, label: string) {
    this.#out = out;
    this.#label = label;
  }

  /** `done` of `total` units; `rateUnit` names them for the speed ("ticks"). */
  update(done: number, total: number, rateUnit: string, force = false): void {
    if (!this.#out.isTTY) return;
    const now = Date.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const width = 24;
    const filled = Math.round(frac * width);
    const secs = (now - this.#started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 && total > done ? (total - done) / rate : 0;
    const line =
      `${this.#label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(1).padStart(5)}%` +
      `  ${formatRate(rate)} ${rateUnit}/s  ETA ${formatDuration(eta)}`;
    this.#out.write(`\r${line}\x1b[K`);
    this.#drawn = true;
  }

  done(): void {
    if (this.#drawn) this.#out.write('\r\x1b[K');
  }
}

function formatRate(r: number): string {
  if (r >= 1e6) return `${(r / 1e6).toFixed(2)}M`;
  if (r >= 1e3) return `${(r / 1e3).toFixed(1)}K`;
  return r.toFixed(0);
}

export function formatDuration(s: number): string {
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`
    : `${m}:${String(sec).padStart(2, '0')}`;
}
