import { Prng } from '../../../src/main/engine/data/generate/index.ts';
import { encodePlain } from '../../../src/main/engine/persist/plain-codec.ts';

/**
 * Plain-codec bytes shaped like an engine snapshot (bar histories with OHLC at 5 decimals, minute
 * timestamps, indicator ring buffers), about `targetBytes` long. Deterministic per seed.
 */
export function snapshotLikePayload(targetBytes: number, seed = 1): Uint8Array {
  const prng = new Prng(seed);
  const histories: unknown[] = [];
  let price = 1.1;
  let t = Date.parse('2024-03-07T00:00:00Z');
  let approx = 0;
  while (approx < targetBytes) {
    const bars: unknown[] = [];
    const ring = new Float64Array(200);
    for (let i = 0; i < 500; i++) {
      const o = price;
      price = Math.round((price + prng.normal() * 0.0003) * 1e5) / 1e5;
      const h = Math.max(o, price) + Math.round(prng.exponential() * 10) / 1e5;
      const l = Math.min(o, price) - Math.round(prng.exponential() * 10) / 1e5;
      bars.push({ t, o, h, l, c: price, v: 0, n: 1 + (prng.nextU32() % 400) });
      ring[i % ring.length] = price;
      t += 60_000;
    }
    histories.push({ bars, ring, sum: ring.reduce((a, b) => a + b, 0) });
    approx += 500 * 100 + 200 * 8;
  }
  const bytes = encodePlain({ kind: 'snapshot-like test payload', seed, histories });
  return bytes.length > targetBytes ? bytes.slice(0, targetBytes) : bytes;
}

/** Incompressible bytes (a disk must really fill up). */
export function noiseBytes(n: number, seed = 7): Uint8Array {
  const prng = new Prng(seed);
  const out = new Uint8Array(n);
  const words = new Uint32Array(out.buffer, 0, n >>> 2);
  for (let i = 0; i < words.length; i++) words[i] = prng.nextU32();
  for (let i = words.length * 4; i < n; i++) out[i] = prng.nextU32() & 0xff;
  return out;
}
