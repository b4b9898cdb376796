/**
 * Seeded pseudo-random numbers: xoshiro128** (Blackman & Vigna, 2018), period 2^128 − 1, 32-bit output,
 * built only from 32-bit integer operations so it is fast in JavaScript engines.
 *
 * Every stochastic isinglab function takes an `Rng` argument; there is no default generator and no use of
 * `Math.random`. `getState()` / `setState()` replay a stream bit for bit (checkpoints); `split()` derives an
 * independent stream (parallel chains); `jump()` advances by 2^64 draws (provably disjoint sub-streams).
 */
import { InvalidArgumentError } from '../errors/errors.js';

/** The serialisable state of an Rng, safe to `JSON.stringify`. */
export interface RngState {
  readonly algorithm: 'xoshiro128**';
  /** The four 32-bit state words as unsigned integers; never all zero. */
  readonly words: readonly [number, number, number, number];
  /** A cached standard normal from the polar method, or null. */
  readonly spareNormal: number | null;
}

/** What every isinglab function needs from a random number generator. */
export interface Rng {
  /** Uniform integer in [0, 2^32). */
  uint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  float64(): number;
  /** Uniform integer in [0, n) without modulo bias; `n` a positive safe integer. */
  int(n: number): number;
  /** Standard normal N(0, 1) (Marsaglia's polar method). */
  normal(): number;
  /** A snapshot of the state; `setState(getState())` replays the stream exactly. */
  getState(): RngState;
  setState(state: RngState): void;
  /** A new generator whose stream is statistically independent of this one; advances this generator. */
  split(): Rng;
}

const SITE = { pkg: 'graph' } as const;
// Bound once: a global lookup per call is very slow in sandboxed module contexts (jest's vm), and this is a hot path.
const imul = Math.imul;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b] as const;

/** Murmur3's 32-bit finaliser: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** xoshiro128** generator. Prefer `createRng(seed)`. */
export class Xoshiro128 implements Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  /** @internal use `createRng` */
  constructor(words: readonly [number, number, number, number]) {
    this.load(words);
  }

  private load(words: readonly [number, number, number, number]): void {
    this.s0 = words[0] | 0;
    this.s1 = words[1] | 0;
    this.s2 = words[2] | 0;
    this.s3 = words[3] | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  uint32(): number {
    const s1 = this.s1;
    const result = imul(rotl(imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  float64(): number {
    const a = this.uint32() >>> 5; // 27 bits
    const b = this.uint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_POW_53;
  }

  int(n: number): number {
    if (!(Number.isSafeInteger(n) && n > 0)) {
      throw new InvalidArgumentError({ ...SITE, fn: 'Rng.int', argument: 'n', value: n, rule: 'a positive safe integer' });
    }
    if (n <= TWO_POW_32) {
      const limit = TWO_POW_32 - (TWO_POW_32 % n);
      let r = this.uint32();
      while (r >= limit) r = this.uint32();
      return r % n;
    }
    const limit = TWO_POW_53 - (TWO_POW_53 % n);
    let r = this.float64() * TWO_POW_53;
    while (r >= limit) r = this.float64() * TWO_POW_53;
    return r % n;
  }

  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float64() - 1;
      v = 2 * this.float64() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }

  /** Advances the stream by 2^64 draws: use to cut one stream into provably non-overlapping pieces. */
  jump(): void {
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if (word & (1 << b)) {
          t0 ^= this.s0;
          t1 ^= this.s1;
          t2 ^= this.s2;
          t3 ^= this.s3;
        }
        this.uint32();
      }
    }
    this.s0 = t0;
    this.s1 = t1;
    this.s2 = t2;
    this.s3 = t3;
    this.spare = null;
  }

  getState(): RngState {
    return {
      algorithm: 'xoshiro128**',
      words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spare,
    };
  }

  setState(state: RngState): void {
    checkState('Rng.setState', state);
    this.load(state.words);
    this.spare = state.spareNormal;
  }

  /**
   * Seeds a child from 128 bits drawn from this generator, each word passed through a different bijective mixer.
   * The child's stream is statistically independent of the parent's (for a 2^128 − 1 period, an overlap within
   * any practical run length has negligible probability); use `jump()` when disjointness must be provable.
   */
  split(): Xoshiro128 {
    const w0 = fmix32(this.uint32() ^ 0x243f6a88);
    const w1 = fmix32(this.uint32() ^ 0x85a308d3);
    const w2 = fmix32(this.uint32() ^ 0x13198a2e);
    const w3 = fmix32(this.uint32() ^ 0x03707344);
    return new Xoshiro128([w0, w1, w2, w3]);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function checkState(fn: string, state: unknown): asserts state is RngState {
  const s = state as Partial<RngState> | null;
  const words = s?.words;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    s.algorithm === 'xoshiro128**' &&
    Array.isArray(words) &&
    words.length === 4 &&
    words.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32) &&
    words.some((w) => w !== 0) &&
    (s.spareNormal === null || (typeof s.spareNormal === 'number' && Number.isFinite(s.spareNormal)));
  if (!ok) {
    throw new InvalidArgumentError({
      ...SITE,
      fn,
      argument: 'state',
      value: state,
      rule: "an RngState from getState() ({ algorithm: 'xoshiro128**', words: four uint32 not all zero, spareNormal })",
    });
  }
}

/**
 * Creates a seeded generator. `seed` is any safe integer ≥ 0 (0 is a valid seed); equal seeds give equal
 * streams on every platform. Seeds are expanded with a bijective mixer, so distinct seeds below 2^32 give
 * distinct states.
 */
export function createRng(seed: number): Xoshiro128 {
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= Number.MAX_SAFE_INTEGER)) {
    throw new InvalidArgumentError({
      ...SITE,
      fn: 'createRng',
      argument: 'seed',
      value: seed,
      rule: 'an integer in [0, 2^53 - 1]',
    });
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  const golden = 0x9e3779b9;
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    words[i] = fmix32((lo + imul(golden, i + 1)) | 0) ^ fmix32((hi ^ imul(0x7f4a7c15, i + 1)) | 0);
  }
  return new Xoshiro128(words);
}

/** Restores a generator from a state captured by `getState()`. */
export function rngFromState(state: RngState): Xoshiro128 {
  checkState('rngFromState', state);
  const rng = new Xoshiro128(state.words);
  rng.setState(state);
  return rng;
}

/** True when `value` has the methods of an `Rng` (used to validate arguments). */
export function isRng(value: unknown): value is Rng {
  const v = value as Partial<Rng> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.uint32 === 'function' &&
    typeof v.float64 === 'function' &&
    typeof v.int === 'function' &&
    typeof v.normal === 'function'
  );
}

/** Throws `InvalidArgumentError` unless `value` is an Rng; the message says how to make one. */
export function checkRng(site: { pkg: string; fn: string }, value: unknown, argument = 'options.rng'): Rng {
  if (!isRng(value)) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: 'an Rng',
      hint: "Create one with createRng(seed) from '@isinglab/graph'.",
    });
  }
  return value;
}

/** Fisher–Yates shuffle in place; returns `array`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(array: T, rng: Rng): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}
