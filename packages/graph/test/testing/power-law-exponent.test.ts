import { describe, expect, it } from '@jest/globals';
import { powerLawExponent } from '../../src/testing/index.js';

describe('powerLawExponent', () => {
  it('recovers k from exact power laws y = c·x^k', () => {
    const xs = [1e3, 1e4, 1e5, 1e6];
    for (const k of [0.5, 1, 1.5, 2.25]) expect(powerLawExponent(xs, xs.map((x) => 3 * x ** k))).toBeCloseTo(k, 12);
  });

  it('is the least-squares slope in log–log space for noisy points', () => {
    // log-space points (0, 0), (1, 1), (2, 3): slope of the least-squares line = 1.5
    const xs = [1, Math.E, Math.E ** 2];
    const ys = [1, Math.E, Math.E ** 3];
    expect(powerLawExponent(xs, ys)).toBeCloseTo(1.5, 12);
  });

  it('is NaN without two distinct x', () => {
    expect(powerLawExponent([10], [5])).toBeNaN();
    expect(powerLawExponent([10, 10], [5, 7])).toBeNaN();
  });
});
