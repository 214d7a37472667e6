/**
 * The equity curve for a chart, at most `maxPoints` points however long the run.
 *
 * The stored curve has one point per close of the run's smallest timeframe (a year of M1 is
 * ~370 000 points). Above maxPoints it is cut into B = floor((maxPoints − 1) / 2) equal spans of
 * time; each span keeps its deepest point (largest drawdown, the earliest of equals) and its last
 * point, and the very first point of the curve is kept as well: ≤ 1 + 2B ≤ maxPoints points, in
 * time order. So the chart still starts and ends where the curve does, every span ends at its
 * true value, and no drawdown trough disappears — the run's maximum drawdown is always among the
 * points. Empty spans (weekends) keep nothing.
 */
import type { EquityPoint } from '../../../shared/dto.ts';

export class EquityDownsampler {
  readonly #first: number;
  readonly #span: number;
  readonly #buckets: number;
  readonly #all: boolean;
  #head: EquityPoint | null = null;
  #bucket = -1;
  #deepest: EquityPoint | null = null;
  #last: EquityPoint | null = null;
  readonly #out: EquityPoint[] = [];

  /** `first`/`last`: times of the curve's first and last points; `count`: how many there are. */
  constructor(range: { first: number; last: number; count: number }, maxPoints: number) {
    if (!(maxPoints >= 3)) throw new RangeError(`maxPoints must be >= 3, got ${maxPoints}`);
    this.#all = range.count <= maxPoints;
    this.#first = range.first;
    this.#span = range.last - range.first;
    this.#buckets = Math.floor((maxPoints - 1) / 2);
  }

  /** Points in time order. */
  add(p: EquityPoint): void {
    if (this.#all) {
      this.#out.push(p);
      return;
    }
    if (this.#head === null) {
      this.#head = p;
      this.#out.push(p);
      return;
    }
    const b = this.#bucketOf(p.time);
    if (b !== this.#bucket) {
      this.#close();
      this.#bucket = b;
    }
    if (this.#deepest === null || p.drawdown > this.#deepest.drawdown) this.#deepest = p;
    this.#last = p;
  }

  result(): EquityPoint[] {
    this.#close();
    return this.#out;
  }

  #bucketOf(time: number): number {
    if (this.#span <= 0) return 0;
    const b = Math.floor(((time - this.#first) / this.#span) * this.#buckets);
    return Math.min(this.#buckets - 1, Math.max(0, b));
  }

  #close(): void {
    const d = this.#deepest;
    const l = this.#last;
    if (d && l) {
      this.#out.push(d);
      if (l !== d) this.#out.push(l);
    }
    this.#deepest = null;
    this.#last = null;
  }
}

/** The whole curve at once (it must be in time order). */
export function downsampleEquity(points: readonly EquityPoint[], maxPoints: number): EquityPoint[] {
  if (points.length === 0) return [];
  const range = { first: points[0].time, last: points.at(-1)!.time, count: points.length };
  const d = new EquityDownsampler(range, maxPoints);
  for (const p of points) d.add(p);
  return d.result();
}
