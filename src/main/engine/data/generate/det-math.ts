/**
 * Natural log from +, −, ×, ÷ only. Math.log is not specified to the last bit and differs between
 * engines and versions; these operations are exactly rounded by IEEE 754, so this ln gives the same
 * bits on every machine, which the generator's "same seed ⇒ same ticks" promise needs.
 *
 * x = m·2^e with m in [√½, √2): ln x = e·ln2 + 2·atanh(s), s = (m−1)/(m+1), |s| ≤ 0.1716, and the
 * atanh series to s^19 is accurate to ~1e-16 relative. Domain: positive, finite, normal x.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high (sign/exponent) word of f64[0] in u32. */
const HI = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
const C3 = 1 / 3;
const C5 = 1 / 5;
const C7 = 1 / 7;
const C9 = 1 / 9;
const C11 = 1 / 11;
const C13 = 1 / 13;
const C15 = 1 / 15;
const C17 = 1 / 17;
const C19 = 1 / 19;

export function ln(x: number): number {
  f64[0] = x;
  const hi = u32[HI];
  let e = (hi >>> 20) - 1023;
  u32[HI] = (hi & 0x000fffff) | 0x3ff00000; // same mantissa, exponent 0: m in [1, 2)
  let m = f64[0];
  if (m > SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const series =
    1 +
    z *
      (C3 +
        z * (C5 + z * (C7 + z * (C9 + z * (C11 + z * (C13 + z * (C15 + z * (C17 + z * C19))))))));
  return e * LN2 + 2 * s * series;
}
