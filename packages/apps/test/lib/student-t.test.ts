import { describe, expect, it } from '@jest/globals';
import { meanInterval95, studentTCdf, studentTQuantile } from '../../src/lib/student-t.js';

describe("Student's t", () => {
  it('the 97.5 % quantile matches published tables (and tends to the normal 1.959964)', () => {
    // Abramowitz & Stegun Table 26.10 / any statistics table, to the digits they give
    const table: [number, number][] = [[1, 12.7062], [2, 4.3027], [3, 3.1824], [5, 2.5706], [7, 2.3646], [10, 2.2281], [30, 2.0423], [120, 1.9799]];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 4);
    expect(studentTQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
  });

  it('the CDF has closed forms at 1 and 2 degrees of freedom, and the quantile inverts it', () => {
    for (const t of [-3, -0.5, 0, 0.7, 4]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12); // Cauchy
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
    for (const df of [1, 4, 17]) for (const p of [0.01, 0.3, 0.9, 0.995]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 10);
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
  });

  it('meanInterval95 is t·s/√k (0 for a single value)', () => {
    expect(meanInterval95(2, 8)).toBeCloseTo((2.3646 * 2) / Math.sqrt(8), 3);
    expect(meanInterval95(2, 1)).toBe(0);
  });
});
