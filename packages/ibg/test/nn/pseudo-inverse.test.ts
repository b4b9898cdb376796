/**
 * pseudoInverse: the four Moore–Penrose conditions (A A⁺ A = A, A⁺ A A⁺ = A⁺, A A⁺ and A⁺ A symmetric) on tall,
 * wide, rank-deficient, zero and badly scaled matrices; agreement with the normal-equation solution (AᵀA)⁻¹Aᵀ
 * (written in the test) on well-conditioned full-rank ones; closed forms; bad inputs.
 * Tolerances: residuals ≤ 1e-10 relative to ‖A‖·‖A⁺‖ (float64 round-off of an O(N·K²) computation is ~1e-14
 * times that; 1e-10 leaves room for condition numbers up to ~1e4 in the scaled case).
 */
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { pseudoInverse } from '../../src/nn/pseudo-inverse.js';
import { mat, matmul, maxAbs, maxAbsDiff, pinvNormal, randomMat, transpose, type Mat } from './reference.js';

function checkPenrose(a: Mat, tol = 1e-10): Mat {
  const p = mat(a.cols, a.rows, pseudoInverse(a.data, a.rows, a.cols));
  const scale = Math.max(1e-300, maxAbs(a.data)) * Math.max(1, maxAbs(p.data));
  const aPa = matmul(matmul(a, p), a);
  const pAp = matmul(matmul(p, a), p);
  const ap = matmul(a, p);
  const pa = matmul(p, a);
  expect(maxAbsDiff(aPa.data, a.data)).toBeLessThanOrEqual(tol * scale);
  expect(maxAbsDiff(pAp.data, p.data)).toBeLessThanOrEqual(tol * scale * Math.max(1, maxAbs(p.data)));
  expect(maxAbsDiff(ap.data, transpose(ap).data)).toBeLessThanOrEqual(tol * scale);
  expect(maxAbsDiff(pa.data, transpose(pa).data)).toBeLessThanOrEqual(tol * scale);
  return p;
}

describe('pseudoInverse', () => {
  const rng = createRng(2024);

  it('tall full-rank matrices (N × K memberships in [0, 1] times weights): Penrose conditions and (AᵀA)⁻¹Aᵀ', () => {
    for (const [n, k] of [
      [40, 6],
      [200, 17],
      [7, 7],
      [5, 1],
    ] as const) {
      const a = randomMat(n, k, rng, 0, 1);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) a.data[i * k + j]! *= j % 2 === 0 ? 0.3 : -2;
      const p = checkPenrose(a);
      expect(maxAbsDiff(p.data, pinvNormal(a).data)).toBeLessThanOrEqual(1e-9 * maxAbs(p.data));
    }
  });

  it('wide matrices (handled through the transpose)', () => {
    checkPenrose(randomMat(5, 30, rng));
    checkPenrose(randomMat(1, 4, rng));
  });

  it('rank-deficient: a repeated column, a zero column, a rank-1 matrix, the zero matrix', () => {
    const a = randomMat(30, 5, rng, 0, 1);
    for (let i = 0; i < 30; i++) a.data[i * 5 + 3] = a.data[i * 5 + 1]!; // identical communities
    checkPenrose(a);
    const z = randomMat(20, 4, rng);
    for (let i = 0; i < 20; i++) z.data[i * 4 + 2] = 0;
    const pz = checkPenrose(z);
    for (let i = 0; i < 20; i++) expect(pz.data[2 * 20 + i]).toBe(0);
    const u = randomMat(12, 1, rng);
    const v = randomMat(1, 6, rng);
    checkPenrose(matmul(u, v));
    expect(Array.from(pseudoInverse(new Float64Array(12), 4, 3))).toEqual(new Array(12).fill(0));
  });

  it('nearly collinear columns (two almost identical communities): stable where the normal equations fail', () => {
    const a = randomMat(50, 5, rng, 0, 1);
    for (let i = 0; i < 50; i++) a.data[i * 5 + 4] = a.data[i * 5 + 3]! + 1e-7 * (rng.float64() - 0.5);
    checkPenrose(a, 1e-9);
    // cond(A) ≈ 1e8: a backward-stable method leaves ‖A⁺A − I‖ ~ ε·cond(A) ≈ 1e-8; the normal equations square the
    // condition number (ε·cond² ≈ 1) and fail
    const err = (q: Mat) => {
      const qa = matmul(q, a);
      let e = 0;
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) e = Math.max(e, Math.abs(qa.data[i * 5 + j]! - (i === j ? 1 : 0)));
      return e;
    };
    expect(err(mat(5, 50, pseudoInverse(a.data, 50, 5)))).toBeLessThan(1e-6);
    expect(err(pinvNormal(a))).toBeGreaterThan(1e-3);
  });

  it('closed forms: diagonal, and a column vector (a⁺ = aᵀ/‖a‖²)', () => {
    expect(Array.from(pseudoInverse(Float64Array.from([2, 0, 0, -4, 0, 0]), 3, 2))).toEqual([0.5, 0, 0, 0, -0.25, 0]);
    const a = Float64Array.from([3, 4]);
    const p = pseudoInverse(a, 2, 1);
    expect(p[0]).toBeCloseTo(3 / 25, 15);
    expect(p[1]).toBeCloseTo(4 / 25, 15);
    expect(pseudoInverse(new Float64Array(0), 0, 3)).toHaveLength(0);
  });

  it('rcond drops small singular values', () => {
    // singular values 1 and 1e-8: with rcond 1e-6 the second is treated as zero
    const a = Float64Array.from([1, 0, 0, 1e-8, 0, 0]);
    expect(Array.from(pseudoInverse(a, 3, 2, { rcond: 1e-6 }))).toEqual([1, 0, 0, 0, 0, 0]);
    expect(pseudoInverse(a, 3, 2)[4]).toBeCloseTo(1e8, 0);
  });

  const bad: [string, () => unknown][] = [
    ['rows', () => pseudoInverse(new Float64Array(4), -2, 2)],
    ['cols', () => pseudoInverse(new Float64Array(4), 2, 2.5)],
    ['matrix', () => pseudoInverse(new Float64Array(3), 2, 2)],
    ['matrix', () => pseudoInverse([1, 2, 3, 4] as unknown as Float64Array, 2, 2)],
    ['matrix[1]', () => pseudoInverse(Float64Array.from([1, Number.NaN, 0, 1]), 2, 2)],
    ['options.rcond', () => pseudoInverse(new Float64Array(4), 2, 2, { rcond: -1 })],
    ['options.tol', () => pseudoInverse(new Float64Array(4), 2, 2, { tol: 1 } as never)],
  ];
  it.each(bad)('%s: InvalidArgumentError', (argument, call) => {
    let err: unknown;
    try {
      call();
    } catch (e) {
      err = e;
    }
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});
