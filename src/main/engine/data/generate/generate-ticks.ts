import { POW10 } from '../pow10.ts';
import { allocTickBatch, type TickBatch } from '../tick-batch.ts';
import {
  baseTickRate,
  DAY_MS,
  isWeekday,
  SECOND_MS,
  spreadFactor,
  weekendReopen,
} from './fx-sessions.ts';
import { symbolSpec } from './fx-symbols.ts';
import { Prng } from './prng.ts';

export interface GenerateOptions {
  symbol: string;
  /** First possible tick time, ms UTC. */
  start: number;
  /** Length of the span in days (ticks fall in [start, start + days·24h)). */
  days: number;
  seed: number;
  /** Ticks per yielded batch (default 65536). Does not change the ticks themselves. */
  batchSize?: number;
}

/** Share of ticks that repeat the previous tick's millisecond on purpose. */
const SAME_MS_SHARE = 0.03;
const SAME_MS_THRESHOLD = Math.round(SAME_MS_SHARE * 65536);
const SQRT12 = Math.sqrt(12);
/** Per-tick relative price move at normal volatility: ~0.5 % a day over ~210 K ticks. */
const TICK_SIGMA = 0.005 / Math.sqrt(210_000);
/** Volatility clustering: a mean-reverting multiplier, updated every tick (half-life ~1400 ticks). */
const VOL_REVERSION = 1 / 2000;
const VOL_OF_VOL = 0.0095;
const VOL_MIN = 0.3;
const VOL_MAX = 4;
/** Relative price gap between Friday's close and Sunday's open. */
const WEEKEND_GAP = 0.001;
const MAX_TICK_RATE = 60;
/** Scheduled news times (minutes of the UTC day) that bursts start at. */
const NEWS_MINUTES = [420, 480, 510, 540, 600, 750, 810, 825, 840, 900, 1080, 1140];
const MAX_BURSTS = 3;
/** Extra ticks that bursts add to a weekday, as a share of its ticks (for the estimate). */
const BURST_SHARE = 0.014;

/**
 * A synthetic FX tick feed that looks like a real one: sessions with different tick rates, the
 * weekend close, news bursts, volatility clustering, wider spreads in quiet hours and at rollover,
 * same-millisecond ticks. Every random number comes from a seeded Prng using exactly rounded
 * arithmetic only, so the same options give the same ticks, bit for bit, on any machine.
 *
 * Every yielded batch is a new object, so `[...generateTicks(opts)]` keeps all of them
 * (allocating costs ~2 % of generation time).
 */
export function* generateTicks(opts: GenerateOptions): Generator<TickBatch> {
  const batchSize = checkOptions(opts);
  const spec = symbolSpec(opts.symbol);
  const rng = new Prng(opts.seed, hashName(spec.name));
  const scale = POW10[spec.digits];
  const end = opts.start + opts.days * DAY_MS;
  let batch = allocTickBatch(batchSize, true);
  let { ts, bid, ask } = batch;
  let bidVol = batch.bidVol!;
  let askVol = batch.askVol!;
  const bursts = new Float64Array(MAX_BURSTS * 3); // start, duration, strength
  let burstCount = 0;

  let t = opts.start;
  let mid = spec.price * (1 + 0.01 * rng.normal());
  let vol = 1;
  let day = NaN;
  let dayFactor = 1;
  // The regime (rate, volatility, spread) is recomputed whenever t crosses a whole second.
  let nextRegime = -Infinity;
  let meanGapMs = 0;
  let sigma = 0;
  let spreadPoints = 0;
  let n = 0;
  for (;;) {
    // One 32-bit draw decides the same-millisecond repeat (low half) and the spread jitter (high half).
    const r = rng.nextU32();
    if ((r & 0xffff) >= SAME_MS_THRESHOLD) t += rng.exponential() * meanGapMs;
    if (t >= nextRegime) {
      const reopen = weekendReopen(t);
      if (reopen !== 0) {
        t = reopen + rng.exponential() * 1000;
        mid *= 1 + WEEKEND_GAP * rng.normal();
      }
      if (t >= end) break;
      if (Math.floor(t / DAY_MS) !== day) {
        day = Math.floor(t / DAY_MS);
        dayFactor = 0.88 + 0.24 * rng.uniform();
        burstCount = isWeekday(day) ? planBursts(rng, day, bursts) : 0;
      }
      const msOfDay = t - day * DAY_MS;
      let rate = baseTickRate(msOfDay) * spec.activity * dayFactor;
      let volMult = 1;
      let spreadMult = spreadFactor(msOfDay);
      for (let b = 0; b < burstCount; b++) {
        const tau = (t - bursts[3 * b]) / bursts[3 * b + 1];
        if (tau < 0 || tau >= 1) continue;
        const strength = bursts[3 * b + 2] * (1 - tau) * (1 - tau);
        rate *= 1 + 2 * strength;
        volMult *= 1 + strength;
        spreadMult *= 1 + 0.4 * strength;
      }
      meanGapMs = SECOND_MS / Math.min(rate, MAX_TICK_RATE);
      sigma = TICK_SIGMA * volMult;
      spreadPoints = spec.spreadPoints * spreadMult;
      nextRegime = Math.min((Math.floor(t / SECOND_MS) + 1) * SECOND_MS, end);
    }

    // A uniform innovation with the variance of a standard normal is enough for clustering.
    vol += VOL_REVERSION * (1 - vol) + VOL_OF_VOL * vol * (rng.uniform() - 0.5) * SQRT12;
    vol = vol < VOL_MIN ? VOL_MIN : vol > VOL_MAX ? VOL_MAX : vol;
    mid += mid * sigma * vol * rng.normal();
    const spread = Math.max(1, Math.round(spreadPoints * (0.75 + ((r >>> 16) / 65536) * 0.5)));
    const bidPoints = Math.max(1, Math.round(mid * scale - spread * 0.5));
    // Dividing integers by 10^digits gives exactly the double that parsing the decimal would.
    ts[n] = Math.floor(t);
    bid[n] = bidPoints / scale;
    ask[n] = (bidPoints + spread) / scale;
    const rv = rng.nextU32();
    const u1 = (rv & 0xffff) / 65536;
    const u2 = (rv >>> 16) / 65536;
    bidVol[n] = (10 + Math.floor(u1 * u1 * 491)) / 100; // 0.10–5.00 million, mostly small
    askVol[n] = (10 + Math.floor(u2 * u2 * 491)) / 100;
    if (++n === batchSize) {
      batch.length = n;
      yield batch;
      batch = allocTickBatch(batchSize, true);
      ({ ts, bid, ask } = batch);
      bidVol = batch.bidVol!;
      askVol = batch.askVol!;
      n = 0;
    }
  }
  batch.length = n;
  if (n > 0) yield batch;
}

/** Plans a weekday's news bursts into `out`; returns how many. */
function planBursts(rng: Prng, day: number, out: Float64Array): number {
  const count = Math.floor(rng.uniform() * (MAX_BURSTS + 1));
  for (let b = 0; b < count; b++) {
    const minute = NEWS_MINUTES[Math.floor(rng.uniform() * NEWS_MINUTES.length)];
    out[3 * b] = day * DAY_MS + minute * 60_000 + Math.floor(rng.uniform() * 5000);
    out[3 * b + 1] = 60_000 + rng.uniform() * 240_000;
    out[3 * b + 2] = 2 + 4 * rng.uniform();
  }
  return count;
}

/**
 * About how many ticks generateTicks(opts) yields (within a few per cent over a week or more),
 * for progress bars. Sums the session profile minute by minute; no random numbers.
 */
export function estimateTickCount(opts: GenerateOptions): number {
  checkOptions(opts);
  const spec = symbolSpec(opts.symbol);
  const end = opts.start + opts.days * DAY_MS;
  let t = opts.start;
  let ticks = 0;
  while (t < end) {
    const reopen = weekendReopen(t);
    if (reopen !== 0) {
      t = reopen;
      continue;
    }
    const step = Math.min(60_000, end - t);
    const day = Math.floor(t / DAY_MS);
    const rate = baseTickRate(t + step / 2 - day * DAY_MS) * (isWeekday(day) ? 1 + BURST_SHARE : 1);
    ticks += (rate * step) / SECOND_MS;
    t += step;
  }
  return Math.round((ticks * spec.activity) / (1 - SAME_MS_SHARE));
}

function checkOptions(opts: GenerateOptions): number {
  const batchSize = opts.batchSize ?? 65_536;
  if (typeof opts.symbol !== 'string' || opts.symbol.trim() === '')
    throw new TypeError('symbol must be a non-empty string');
  if (!Number.isFinite(opts.start))
    throw new RangeError(`start must be a finite time in ms, got ${opts.start}`);
  if (!(Number.isFinite(opts.days) && opts.days >= 0))
    throw new RangeError(`days must be >= 0, got ${opts.days}`);
  if (!Number.isFinite(opts.seed))
    throw new RangeError(`seed must be a finite number, got ${opts.seed}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  return batchSize;
}

/** FNV-1a of the symbol name, so two symbols with one seed get different feeds. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
