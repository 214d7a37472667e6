/**
 * The equity curve for a chart, at most `maxPoints` points however long the run.
 *
 * The stored curve has one point per close of the run's smallest timeframe (a year of M1 is
 * ~370 000 points). Above maxPoints it is cut into B equal spans of time; each span keeps its
 * deepest point (largest drawdown, the earliest of equals), its last point and, for a curve with
 * margin levels, its point of lowest margin level (the earliest of equals), and the very first
 * point of the curve is kept as well. B = floor((maxPoints − 1) / 3) with margin levels, else
 * floor((maxPoints − 1) / 2): ≤ 1 + 3B or 1 + 2B ≤ maxPoints points, in time order. So the chart still starts and ends where the curve does, every span ends at its
 * true value, and neither a drawdown trough nor a margin-level low disappears — the run's
 * maximum drawdown and its minimum margin level (the brink of a stop-out) are always among the
 * points. Empty spans (weekends) keep nothing.
 */
import type { EquityPoint } from '../../../shared/dto.ts';

export class EquityDownsampler {
  readonly #first: number;
  readonly #span: number;
  readonly #all: boolean;
  #head: EquityPoint | null = null;
  readonly #deepest: (EquityPoint | undefined)[];
  readonly #last: (EquityPoint | undefined)[];
  readonly #lowestMargin: (EquityPoint | undefined)[];
  readonly #kept: EquityPoint[] = [];

  /**
   * `first`/`last`: times of the curve's first and last points; `count`: how many there are;
   * `margins`: whether any point has a margin level (a run that never used margin has none, and
   * its spans are not split three ways for nothing).
   */
  constructor(
    range: { first: number; last: number; count: number; margins: boolean },
    maxPoints: number,
  ) {
    if (!(maxPoints >= 4)) throw new RangeError(`maxPoints must be >= 4, got ${maxPoints}`);
    this.#all = range.count <= maxPoints;
    this.#first = range.first;
    this.#span = range.last - range.first;
    const buckets = this.#all ? 0 : Math.floor((maxPoints - 1) / (range.margins ? 3 : 2));
    this.#deepest = new Array<EquityPoint | undefined>(buckets);
    this.#last = new Array<EquityPoint | undefined>(buckets);
    this.#lowestMargin = new Array<EquityPoint | undefined>(buckets);
  }

  /** Points of the curve, in time order. */
  add(p: EquityPoint): void {
    if (this.#all) {
      this.#kept.push(p);
      return;
    }
    if (this.#head === null || p.time < this.#head.time) {
      if (this.#head !== null) this.#place(this.#head);
      this.#head = p;
      return;
    }
    this.#place(p);
  }

  result(): EquityPoint[] {
    if (this.#all) return this.#kept;
    const out = this.#head ? [this.#head] : [];
    for (let b = 0; b < this.#last.length; b++) {
      const d = this.#deepest[b];
      const l = this.#last[b];
      const m = this.#lowestMargin[b];
      if (d) out.push(d);
      if (l && l !== d) out.push(l);
      if (m && m !== d && m !== l) out.push(m);
    }
    return out.sort((a, b) => a.time - b.time);
  }

  #place(p: EquityPoint): void {
    const n = this.#last.length;
    const b =
      this.#span > 0
        ? Math.min(n - 1, Math.max(0, Math.floor(((p.time - this.#first) / this.#span) * n)))
        : 0;
    const d = this.#deepest[b];
    if (d === undefined || p.drawdown > d.drawdown) this.#deepest[b] = p;
    const l = this.#last[b];
    if (l === undefined || p.time >= l.time) this.#last[b] = p;
    const m = this.#lowestMargin[b];
    if (p.marginLevel !== null && (m === undefined || p.marginLevel < m.marginLevel!))
      this.#lowestMargin[b] = p;
  }
}

/** The whole curve at once (it must be in time order). */
export function downsampleEquity(points: readonly EquityPoint[], maxPoints: number): EquityPoint[] {
  if (points.length === 0) return [];
  const range = {
    first: points[0].time,
    last: points.at(-1)!.time,
    count: points.length,
    margins: points.some((p) => p.marginLevel !== null),
  };
  const d = new EquityDownsampler(range, maxPoints);
  for (const p of points) d.add(p);
  return d.result();
}
