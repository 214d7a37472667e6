import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  estimateTickCount,
  generateTicks,
  type GenerateOptions,
} from '../../src/main/engine/data/generate/index.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MONDAY = Date.parse('2024-01-08T00:00:00Z');

interface Ticks {
  n: number;
  ts: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  bidVol: Float64Array;
  askVol: Float64Array;
}

/** All ticks of a run in fresh arrays (the generator reuses its batch). */
function collect(opts: GenerateOptions): Ticks {
  const parts: Ticks[] = [];
  for (const b of generateTicks(opts)) {
    parts.push({
      n: b.length,
      ts: b.ts.slice(0, b.length),
      bid: b.bid.slice(0, b.length),
      ask: b.ask.slice(0, b.length),
      bidVol: b.bidVol!.slice(0, b.length),
      askVol: b.askVol!.slice(0, b.length),
    });
  }
  const n = parts.reduce((s, p) => s + p.n, 0);
  const join = (k: 'ts' | 'bid' | 'ask' | 'bidVol' | 'askVol'): Float64Array => {
    const out = new Float64Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p[k], o);
      o += p.n;
    }
    return out;
  };
  return {
    n,
    ts: join('ts'),
    bid: join('bid'),
    ask: join('ask'),
    bidVol: join('bidVol'),
    askVol: join('askVol'),
  };
}

function sha256(t: Ticks): string {
  const h = createHash('sha256');
  for (const c of [t.ts, t.bid, t.ask, t.bidVol, t.askVol])
    h.update(new Uint8Array(c.buffer, 0, t.n * 8));
  return h.digest('hex');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

describe('generateTicks is deterministic', () => {
  const opts = { symbol: 'EURUSD', start: MONDAY, days: 1, seed: 42 };

  it('gives these exact ticks on every machine (golden hash of all column bytes)', () => {
    const t = collect(opts);
    expect(t.n).toBe(210_388);
    expect(sha256(t)).toBe('c6610ad289a642b18ca7ec44d674e7759c828c3cbf139271622b6a4ce59a6a4b');
  });

  it('same options ⇒ same bytes, whatever the batch size', () => {
    const a = sha256(collect(opts));
    expect(sha256(collect(opts))).toBe(a);
    expect(sha256(collect({ ...opts, batchSize: 1000 }))).toBe(a);
    expect(sha256(collect({ ...opts, batchSize: 1, days: 0.05 }))).toBe(
      sha256(collect({ ...opts, days: 0.05 })),
    );
  });

  it('yields a new batch object each time, so spreading the generator keeps every batch', () => {
    const batches = [...generateTicks({ ...opts, days: 0.1, batchSize: 1000 })];
    expect(new Set(batches).size).toBe(batches.length);
    expect(batches[0].ts[0]).toBeLessThan(batches[1].ts[0]);
  });

  it('another seed or symbol ⇒ other ticks', () => {
    const a = sha256(collect(opts));
    expect(sha256(collect({ ...opts, seed: 43 }))).not.toBe(a);
    expect(sha256(collect({ ...opts, symbol: 'GBPUSD' }))).not.toBe(a);
  });
});

describe('generateTicks looks like a real FX feed (two weeks of EURUSD from a Monday)', () => {
  let t: Ticks;
  const start = MONDAY;
  const days = 14;
  beforeAll(() => {
    t = collect({ symbol: 'EURUSD', start, days, seed: 7 });
  });

  /** Indices of ticks with ts in [from, to). */
  const range = (from: number, to: number): [number, number] => {
    let lo = 0;
    while (lo < t.n && t.ts[lo] < from) lo++;
    let hi = lo;
    while (hi < t.n && t.ts[hi] < to) hi++;
    return [lo, hi];
  };
  /** For each weekday (Mon–Thu, full UTC days) the ticks between two UTC hours. */
  const weekdayHours = (h0: number, h1: number): [number, number][] =>
    [0, 1, 2, 3, 7, 8, 9, 10].map((d) =>
      range(start + d * DAY + h0 * HOUR, start + d * DAY + h1 * HOUR),
    );

  it('has integer, non-decreasing timestamps within the span', () => {
    expect(t.ts[0]).toBeGreaterThanOrEqual(start);
    expect(t.ts[t.n - 1]).toBeLessThan(start + days * DAY);
    for (let i = 1; i < t.n; i++) {
      if (!(t.ts[i] >= t.ts[i - 1]) || !Number.isInteger(t.ts[i]))
        throw new Error(`tick ${i}: ${t.ts[i]}`);
    }
  });

  it('is shut from Friday 21:00 to Sunday 21:00 UTC', () => {
    for (const fri of [start + 4 * DAY, start + 11 * DAY]) {
      const close = fri + 21 * HOUR;
      const open = fri + 2 * DAY + 21 * HOUR;
      const [lo, hi] = range(close, open);
      expect(hi - lo, `ticks in the weekend after ${new Date(fri).toISOString()}`).toBe(0);
      expect(close - t.ts[lo - 1], 'trades until just before the close').toBeLessThan(60_000);
      expect(t.ts[hi] - open, 'trades again just after the open').toBeLessThan(60_000);
    }
  });

  it('has 150–250 K ticks a weekday, and the estimate is close', () => {
    for (const [lo, hi] of weekdayHours(0, 24)) {
      expect(hi - lo).toBeGreaterThan(150_000);
      expect(hi - lo).toBeLessThan(250_000);
    }
    expect(
      Math.abs(estimateTickCount({ symbol: 'EURUSD', start, days, seed: 7 }) / t.n - 1),
    ).toBeLessThan(0.1);
  });

  it('is busiest in the London/New York overlap and quiet in Asia', () => {
    const rate = (h0: number, h1: number): number =>
      weekdayHours(h0, h1).reduce((s, [lo, hi]) => s + hi - lo, 0) / (8 * (h1 - h0) * 3600);
    const asia = rate(2, 5);
    const london = rate(8, 11);
    const overlap = rate(13, 15);
    expect(asia).toBeGreaterThan(0.8);
    expect(london).toBeGreaterThan(1.8 * asia);
    expect(overlap).toBeGreaterThan(1.2 * london);
    expect(overlap).toBeLessThan(15);
  });

  it('has news bursts: some seconds and minutes far busier than usual', () => {
    const perMinute = new Map<number, number>();
    const perSecond = new Map<number, number>();
    for (let i = 0; i < t.n; i++) {
      perMinute.set(
        Math.floor(t.ts[i] / 60_000),
        (perMinute.get(Math.floor(t.ts[i] / 60_000)) ?? 0) + 1,
      );
      perSecond.set(
        Math.floor(t.ts[i] / 1000),
        (perSecond.get(Math.floor(t.ts[i] / 1000)) ?? 0) + 1,
      );
    }
    const minutes = [...perMinute.values()];
    expect(minutes.reduce((a, b) => Math.max(a, b))).toBeGreaterThan(4 * median(minutes));
    expect([...perSecond.values()].reduce((a, b) => Math.max(a, b))).toBeGreaterThanOrEqual(20);
  });

  it('has a few per cent same-millisecond ticks', () => {
    let same = 0;
    for (let i = 1; i < t.n; i++) if (t.ts[i] === t.ts[i - 1]) same++;
    expect(same / t.n).toBeGreaterThan(0.01);
    expect(same / t.n).toBeLessThan(0.08);
  });

  it('quotes bid < ask on 5-digit prices near 1.10, with plausible volumes', () => {
    for (let i = 0; i < t.n; i++) {
      const { bid, ask, bidVol, askVol } = {
        bid: t.bid[i],
        ask: t.ask[i],
        bidVol: t.bidVol[i],
        askVol: t.askVol[i],
      };
      const ok =
        bid > 0 &&
        ask > bid &&
        Math.round(bid * 1e5) / 1e5 === bid &&
        Math.round(ask * 1e5) / 1e5 === ask &&
        bid > 0.95 &&
        ask < 1.25 &&
        bidVol >= 0.1 &&
        bidVol <= 5 &&
        askVol >= 0.1 &&
        askVol <= 5 &&
        Math.round(bidVol * 100) / 100 === bidVol &&
        Math.round(askVol * 100) / 100 === askVol;
      if (!ok) throw new Error(`tick ${i}: ${bid} ${ask} ${bidVol} ${askVol}`);
    }
  });

  it('widens spreads in quiet hours and most around the 21:00 rollover', () => {
    const spreads = (h0: number, h1: number): number =>
      median(
        weekdayHours(h0, h1).flatMap(([lo, hi]) =>
          Array.from({ length: hi - lo }, (_, k) => t.ask[lo + k] - t.bid[lo + k]),
        ),
      );
    const overlap = spreads(13, 15);
    expect(spreads(2, 5)).toBeGreaterThan(overlap * 1.2);
    expect(spreads(21, 22)).toBeGreaterThan(overlap * 2.5);
  });

  it('clusters volatility: big one-minute moves follow big ones', () => {
    const absMoves: number[] = [];
    for (const [lo, hi] of weekdayHours(0, 24)) {
      let last = (t.bid[lo] + t.ask[lo]) / 2;
      let nextMinute = Math.floor(t.ts[lo] / 60_000) + 1;
      for (let i = lo; i < hi; i++) {
        if (t.ts[i] >= nextMinute * 60_000) {
          const mid = (t.bid[i] + t.ask[i]) / 2;
          absMoves.push(Math.abs(mid - last));
          last = mid;
          nextMinute = Math.floor(t.ts[i] / 60_000) + 1;
        }
      }
    }
    const mean = absMoves.reduce((s, x) => s + x, 0) / absMoves.length;
    let num = 0;
    let den = 0;
    for (let i = 0; i < absMoves.length; i++) {
      den += (absMoves[i] - mean) ** 2;
      if (i > 0) num += (absMoves[i] - mean) * (absMoves[i - 1] - mean);
    }
    expect(num / den, 'lag-1 autocorrelation of |1-minute move|').toBeGreaterThan(0.1);
  });
});

describe('symbols, spans and options', () => {
  it('quotes JPY pairs with 3 digits near their price, unknown symbols near 1.0', () => {
    const jpy = collect({ symbol: 'USDJPY', start: MONDAY, days: 0.1, seed: 1 });
    expect(jpy.n).toBeGreaterThan(1000);
    for (let i = 0; i < jpy.n; i++) {
      if (
        Math.round(jpy.bid[i] * 1e3) / 1e3 !== jpy.bid[i] ||
        jpy.bid[i] < 130 ||
        jpy.bid[i] > 170
      ) {
        throw new Error(`USDJPY tick ${i}: ${jpy.bid[i]}`);
      }
    }
    const other = collect({ symbol: 'abc/def', start: MONDAY, days: 0.1, seed: 1 });
    expect(other.bid[0]).toBeGreaterThan(0.9);
    expect(other.bid[0]).toBeLessThan(1.1);
    const otherJpy = collect({ symbol: 'XYZJPY', start: MONDAY, days: 0.1, seed: 1 });
    expect(Math.round(otherJpy.bid[0] * 1e3) / 1e3).toBe(otherJpy.bid[0]);
  });

  it('starts at the Sunday open when the span starts in the weekend, and gives nothing for 0 days', () => {
    const saturday = MONDAY - 2 * DAY;
    const t = collect({ symbol: 'EURUSD', start: saturday, days: 2, seed: 1 });
    expect(t.ts[0]).toBeGreaterThanOrEqual(MONDAY - 3 * HOUR);
    expect(t.ts[0]).toBeLessThan(MONDAY - 3 * HOUR + 60_000);
    expect(collect({ symbol: 'EURUSD', start: MONDAY, days: 0, seed: 1 }).n).toBe(0);
    expect(estimateTickCount({ symbol: 'EURUSD', start: saturday, days: 1, seed: 1 })).toBe(0);
  });

  it('rejects bad options', () => {
    const ok = { symbol: 'EURUSD', start: MONDAY, days: 1, seed: 1 };
    expect(() => generateTicks({ ...ok, symbol: ' ' }).next()).toThrow(/symbol/);
    expect(() => generateTicks({ ...ok, start: NaN }).next()).toThrow(/start/);
    expect(() => generateTicks({ ...ok, days: -1 }).next()).toThrow(/days/);
    expect(() => generateTicks({ ...ok, seed: Infinity }).next()).toThrow(/seed/);
    expect(() => generateTicks({ ...ok, batchSize: 0 }).next()).toThrow(/batchSize/);
    expect(() => estimateTickCount({ ...ok, days: NaN })).toThrow(/days/);
  });
});
