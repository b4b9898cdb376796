import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRng, InvalidArgumentError, rngFromState, shuffleInPlace, Xoshiro128 } from '../../src/index.js';

interface Vector {
  state: [number, number, number, number];
  outputs: number[];
  afterJump: number[];
}
// Produced by the authors' C code (fixtures/rng/xoshiro128ss-reference.c).
const vectors: Vector[] = JSON.parse(
  readFileSync(new URL('../fixtures/rng/xoshiro128ss-reference.json', import.meta.url), 'utf8'),
);

describe('xoshiro128** Rng', () => {
  it('matches the reference C implementation, including jump()', () => {
    for (const v of vectors) {
      const rng = new Xoshiro128(v.state);
      expect(Array.from({ length: v.outputs.length }, () => rng.uint32())).toEqual(v.outputs);
      rng.jump();
      expect(Array.from({ length: 4 }, () => rng.uint32())).toEqual(v.afterJump);
    }
  });

  it('is deterministic per seed, distinct across seeds, and accepts seed 0', () => {
    const a = createRng(0);
    const b = createRng(0);
    const c = createRng(1);
    const xs = Array.from({ length: 8 }, () => a.uint32());
    expect(Array.from({ length: 8 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.uint32())).not.toEqual(xs);
    expect(createRng(2 ** 53 - 1).uint32()).not.toBe(createRng(2 ** 32).uint32());
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53], ['1'], [undefined]])('rejects seed %p', (seed) => {
    expect(() => createRng(seed as number)).toThrow(InvalidArgumentError);
  });

  it('replays exactly from getState/setState, including the cached normal', () => {
    const rng = createRng(42);
    rng.normal(); // leaves a spare normal cached
    const state = JSON.parse(JSON.stringify(rng.getState()));
    const expected = [rng.normal(), rng.float64(), rng.int(1000), rng.normal(), rng.uint32()];
    const replay = rngFromState(state);
    expect([replay.normal(), replay.float64(), replay.int(1000), replay.normal(), replay.uint32()]).toEqual(expected);
    expect(() => replay.setState({ algorithm: 'xoshiro128**', words: [0, 0, 0, 0], spareNormal: null })).toThrow(
      InvalidArgumentError,
    );
  });

  it('float64 is uniform on [0,1): mean and variance within 5 sigma over 2e5 draws', () => {
    const rng = createRng(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let outOfRange = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.float64();
      if (!(x >= 0 && x < 1)) outOfRange++;
      s += x;
      s2 += x * x;
    }
    expect(outOfRange).toBe(0);
    const mean = s / n;
    // sd of the mean of U(0,1) is sqrt(1/12/n); of the mean of x^2 it is sqrt(4/45/n).
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
  });

  it('int(n) is unbiased: chi-square over 7 bins and over a non-power-of-two large range', () => {
    const rng = createRng(3);
    const bins = new Array(7).fill(0);
    const draws = 70_000;
    for (let i = 0; i < draws; i++) bins[rng.int(7)]++;
    const chi2 = bins.reduce((acc, c) => acc + (c - draws / 7) ** 2 / (draws / 7), 0);
    expect(chi2).toBeLessThan(22.46); // chi-square(6) upper 0.001 quantile
    // Large n (> 2^32): the value stays in range and both halves occur.
    const big = 3 * 2 ** 40 + 5;
    let high = 0;
    let invalid = 0;
    for (let i = 0; i < 2000; i++) {
      const x = rng.int(big);
      if (!(Number.isInteger(x) && x >= 0 && x < big)) invalid++;
      if (x >= big / 2) high++;
    }
    expect(invalid).toBe(0);
    expect(Math.abs(high - 1000)).toBeLessThan(5 * Math.sqrt(500));
    expect(() => rng.int(0)).toThrow(InvalidArgumentError);
  });

  it('normal() has mean 0, variance 1 and kurtosis 3 within 5 sigma', () => {
    const rng = createRng(11);
    const n = 200_000;
    let s1 = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s1 += z;
      s2 += z * z;
      s4 += z ** 4;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(s4 / n - 3)).toBeLessThan(5 * Math.sqrt(96 / n));
  });

  it('split() gives an uncorrelated stream and advances the parent', () => {
    const parent = createRng(5);
    const before = parent.getState();
    const child = parent.split();
    expect(parent.getState()).not.toEqual(before);
    const n = 100_000;
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (parent.float64() - 0.5) * (child.float64() - 0.5);
    // Correlation estimate: sd 1/sqrt(n) for independent streams.
    expect(Math.abs((sxy / n) * 12)).toBeLessThan(5 / Math.sqrt(n));
  });

  it('shuffleInPlace gives each of the 6 permutations of 3 items uniformly', () => {
    const rng = createRng(9);
    const counts = new Map<string, number>();
    const draws = 60_000;
    for (let i = 0; i < draws; i++) {
      const key = shuffleInPlace([0, 1, 2], rng).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const e = draws / 6;
    const chi2 = [...counts.values()].reduce((a, c) => a + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(20.52); // chi-square(5) upper 0.001 quantile
  });
});
