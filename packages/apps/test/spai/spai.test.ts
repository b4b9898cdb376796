import { describe, expect, it } from '@jest/globals';
import { inv, lusolve, multiply, transpose } from 'mathjs';
import { join } from 'node:path';
import { createRng, parseMatrixMarket, readMatrixMarket } from '@isinglab/graph';
import { findDataDir } from '@isinglab/graph/testing';
import { approximateInverse } from '../../src/experiments/spai/least-squares-inverse.js';
import { DETERMINANT_RANGE, MAX_SPARSITY, determinant, sparsity, syntheticSpaiDataset } from '../../src/experiments/spai/dataset1.js';
import { suiteSparseWindows } from '../../src/experiments/spai/dataset2.js';

const rows = (a: Float64Array, n: number) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));

function randomMatrix(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const a = new Float64Array(n * n);
  for (let k = 0; k < a.length; k++) a[k] = rng.float64() < 0.3 ? 2 * rng.float64() - 1 : 0;
  for (let i = 0; i < n; i++) a[i * n + i] = 3 + rng.float64(); // diagonally dominant: nonsingular
  return a;
}

describe('approximateInverse (per-column Householder QR) against a dense reference', () => {
  it('equals the normal-equation solution (mathjs lusolve) for random patterns, and ‖AM − I‖_F with it', () => {
    const n = 12;
    for (let seed = 1; seed <= 5; seed++) {
      const a = randomMatrix(n, seed);
      const rng = createRng(100 + seed);
      const pattern = Uint8Array.from({ length: n * n }, () => (rng.float64() < 0.4 ? 1 : 0));
      const got = approximateInverse(a, n, pattern);
      const A = rows(a, n);
      const want = new Float64Array(n * n);
      for (let j = 0; j < n; j++) {
        const allowed = Array.from({ length: n }, (_, i) => i).filter((i) => pattern[i * n + j] === 1);
        if (allowed.length === 0) continue;
        const aj = A.map((row) => allowed.map((i) => row[i]!));
        const ajt = transpose(aj);
        const e = Array.from({ length: n }, (_, r) => (r === j ? 1 : 0));
        const y = lusolve(multiply(ajt, aj), multiply(ajt, e)) as unknown as number[][];
        allowed.forEach((i, c) => (want[i * n + j] = y[c]![0]!));
      }
      for (let k = 0; k < n * n; k++) expect(Math.abs(got.m[k]! - want[k]!)).toBeLessThan(1e-9);
      const residual = (multiply(A, rows(want, n)) as number[][]).flatMap((row, i) => row.map((v, j) => v - (i === j ? 1 : 0)));
      expect(got.frobenius).toBeCloseTo(Math.sqrt(residual.reduce((s, v) => s + v * v, 0)), 10);
    }
  });

  it('the full pattern gives the true inverse (mathjs inv) and ‖AM − I‖_F ≈ 0; an empty column costs 1', () => {
    const n = 10;
    const a = randomMatrix(n, 9);
    const full = approximateInverse(a, n, new Uint8Array(n * n).fill(1));
    const inverse = (inv(rows(a, n)) as number[][]).flat();
    for (let k = 0; k < n * n; k++) expect(Math.abs(full.m[k]! - inverse[k]!)).toBeLessThan(1e-12);
    expect(full.frobenius).toBeLessThan(1e-12);
    const pattern = new Uint8Array(n * n).fill(1);
    for (let i = 0; i < n; i++) pattern[i * n + 3] = 0;
    expect(approximateInverse(a, n, pattern).frobenius).toBeCloseTo(1, 12);
    expect(() => approximateInverse(a, n, new Uint8Array(5))).toThrow(/pattern/);
  });
});

describe('Dataset 1 generator (seed 000, App. D.2)', () => {
  // 60 matrices: the sparsity of one matrix has sd ≈ 1.3 %, so the mean is known to ≈ 0.2 %
  const data = syntheticSpaiDataset(60, createRng(2024));
  it('symmetric binary 30×30 matrices with a full diagonal', () => {
    for (const a of data) {
      expect(a.length).toBe(900);
      for (let i = 0; i < 30; i++) {
        expect(a[i * 30 + i]).toBe(1);
        for (let j = 0; j < 30; j++) {
          expect(a[i * 30 + j]).toBe(a[j * 30 + i]);
          expect([0, 1]).toContain(a[i * 30 + j]);
        }
      }
    }
  });
  it('mean sparsity 83 % ± 1 %, every matrix at most 96 % sparse, |det| in [0.001, 50], denser near the diagonal', () => {
    const s = data.map((a) => sparsity(a));
    expect(Math.abs(s.reduce((x, y) => x + y, 0) / s.length - 0.83)).toBeLessThan(0.01);
    expect(Math.max(...s)).toBeLessThanOrEqual(MAX_SPARSITY);
    for (const a of data) {
      const d = Math.abs(determinant(a, 30));
      expect(d).toBeGreaterThanOrEqual(DETERMINANT_RANGE[0]);
      expect(d).toBeLessThanOrEqual(DETERMINANT_RANGE[1]);
    }
    const near = data.reduce((c, a) => c + a[0 * 30 + 1]! + a[10 * 30 + 11]!, 0) / (2 * data.length);
    const corner = data.reduce((c, a) => c + a[0 * 30 + 29]!, 0) / data.length;
    expect(near).toBeGreaterThan(0.7);
    expect(corner).toBeLessThan(0.05);
  });
  it('is reproducible from the seed', () => {
    expect(Array.from(syntheticSpaiDataset(3, createRng(5))[2]!)).toEqual(Array.from(syntheticSpaiDataset(3, createRng(5))[2]!));
  });
});

describe('Dataset 2 windows (seed 000, App. D.2)', () => {
  /**
   * A 120 × 120 symmetric matrix (lower triangle stored), four diagonal blocks: banded, banded × 1e−8 (all values
   * below 1e−6), diagonal only (96.7 % sparse), banded.
   */
  function blocks(): string {
    const lines: string[] = [];
    for (let i = 0; i < 120; i++) {
      const block = Math.floor(i / 30);
      for (let j = Math.max(0, i - 2); j <= i; j++) {
        if (block === 2 && j !== i) continue;
        const value = i === j ? 10 : -1 - (j % 2);
        lines.push(`${i + 1} ${j + 1} ${block === 1 ? value * 1e-8 : value}`);
      }
    }
    return `%%MatrixMarket matrix coordinate real symmetric\n120 120 ${lines.length}\n${lines.join('\n')}\n`;
  }

  it('tiles the block diagonals without overlap, symmetrises from the upper triangle, scales and filters', () => {
    const matrix = parseMatrixMarket(blocks());
    const { windows, counts } = suiteSparseWindows([{ name: 'blocks', matrix }]);
    // 4 + 3 + 2 + 1 tiles; the off-diagonal ones keep only their upper triangle, where this band has no entries,
    // so they are empty (below 1e−6) like block 1; block 2 is too sparse
    expect(counts.tiles).toBe(10);
    expect(counts.tiny).toBe(7);
    expect(counts.sparse).toBe(1);
    expect(windows.map((w) => [w.row, w.col])).toEqual([[0, 0], [90, 90]]);
    for (const w of windows) {
      expect(Math.max(...Array.from(w.a, Math.abs))).toBe(1);
      for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) expect(w.a[i * 30 + j]).toBe(w.a[j * 30 + i]);
      const d = Math.abs(determinant(w.a, 30));
      expect(d).toBeGreaterThanOrEqual(DETERMINANT_RANGE[0]);
      expect(d).toBeLessThanOrEqual(DETERMINANT_RANGE[1]);
    }
    // the first window is the leading 30 × 30 block divided by its largest entry
    expect(windows[0]!.a[0]).toBe(1);
    expect(windows[0]!.a[1]).toBeCloseTo(-1 / 10, 15);
    expect(windows[0]!.a[2]).toBeCloseTo(-1 / 10, 15); // entry (2, 0): j = 0 is even, so −1
    expect(windows[0]!.a[1 * 30 + 3]).toBeCloseTo(-2 / 10, 15); // entry (3, 1): j = 1 is odd, so −2
  });

  const data = findDataDir();
  (data === undefined ? it.skip : it)('real SuiteSparse matrices give windows that pass every filter (jagmesh7)', async () => {
    const matrix = await readMatrixMarket(join(data as string, 'suitesparse-symmetric', 'jagmesh7.mtx'));
    const { windows, counts } = suiteSparseWindows([{ name: 'jagmesh7', matrix }]);
    expect(windows.length).toBeGreaterThan(0);
    expect(counts.accepted).toBe(windows.length);
    for (const w of windows) expect(sparsity(w.a)).toBeLessThanOrEqual(MAX_SPARSITY);
  });
});
