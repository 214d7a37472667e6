import { ln } from './det-math.ts';

/** The whole state of a Prng as plain data, for checkpoints. */
export interface PrngState {
  /** sfc32's four 32-bit words, as unsigned integers. */
  s: [number, number, number, number];
  /** The second normal of the last polar pair, or null. */
  spare: number | null;
}

const TWO_POW_32 = 4294967296;

/**
 * A small seeded PRNG: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, PractRand
 * clean, period ≥ 2^32) on 32-bit integers, plus uniforms and normals derived only with exactly
 * rounded arithmetic, so a seed gives the same numbers on every machine.
 */
export class Prng {
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;
  #spare = 0;
  #hasSpare = false;

  /**
   * `seed` may be any finite number (its integer part counts); `stream` picks one of 2^32
   * independent-looking streams for the same seed. Equal arguments give equal sequences.
   */
  constructor(seed: number, stream = 0) {
    // splitmix32 spreads the seed's two 32-bit halves and the stream over the four words.
    let x =
      (seed >>> 0) ^
      Math.imul(Math.floor(seed / TWO_POW_32) >>> 0, 0x9e3779b9) ^
      Math.imul(stream, 0x85ebca6b);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.#a = next();
    this.#b = next();
    this.#c = next();
    this.#d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in (0, 1): never 0, so its log is finite. */
  uniformOpen(): number {
    return (this.nextU32() + 0.5) / TWO_POW_32;
  }

  /** Exponential with mean 1. */
  exponential(): number {
    return -ln(this.uniformOpen());
  }

  /** Standard normal (Marsaglia's polar method; the pair's second value is kept for the next call). */
  normal(): number {
    if (this.#hasSpare) {
      this.#hasSpare = false;
      return this.#spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.uniformOpen() * 2 - 1;
      v = this.uniformOpen() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1);
    const f = Math.sqrt((-2 * ln(s)) / s); // sqrt is exactly rounded too
    this.#spare = v * f;
    this.#hasSpare = true;
    return u * f;
  }

  snapshot(): PrngState {
    return {
      s: [this.#a >>> 0, this.#b >>> 0, this.#c >>> 0, this.#d >>> 0],
      spare: this.#hasSpare ? this.#spare : null,
    };
  }

  restore(state: PrngState): void {
    [this.#a, this.#b, this.#c, this.#d] = state.s.map((w) => w | 0);
    this.#hasSpare = state.spare !== null;
    this.#spare = state.spare ?? 0;
  }
}
