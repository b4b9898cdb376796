import { describe, expect, it } from '@jest/globals';
import { add, identity, inv, multiply } from 'mathjs';
import { createRng, hasEdge } from '@isinglab/graph';
import { spaiLineGraph, patternFromSpins } from '../../src/experiments/spai/line-graph-model.js';
import { oraclePattern, patternOfA, randomPattern, thresholdedPowerPattern } from '../../src/experiments/spai/baselines.js';

const rows = (a: Float64Array, n: number) => Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));

/** A 6 × 6 symmetric tridiagonal matrix plus one long-range entry (0, 5). */
function testMatrix(): Float64Array {
  const n = 6;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = 2 + i / 10;
    if (i + 1 < n) {
      a[i * n + i + 1] = -1;
      a[(i + 1) * n + i] = -1;
    }
  }
  a[5] = 0.05;
  a[30] = 0.05;
  return a;
}

describe('the SPAI line graph', () => {
  const n = 6;
  const a = testMatrix();
  const a2 = (multiply(rows(a, n), rows(a, n)) as number[][]).flat();

  it('Setting 1: candidates are the entries of A + A² (i ≤ j), features A_ij and (A²)_ij, adjacency = shared index', () => {
    const m = spaiLineGraph(a, n, 1);
    const want: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) if (a[i * n + j] !== 0 || a2[i * n + j] !== 0) want.push([i, j]);
    expect(Array.from(m.rowOf, (r, c) => [r, m.colOf[c]])).toEqual(want);
    expect(m.featureCount).toBe(2);
    want.forEach(([i, j], c) => {
      expect(m.features[2 * c]).toBeCloseTo(a[i * n + j]!, 6);
      expect(m.features[2 * c + 1]).toBeCloseTo(a2[i * n + j]!, 5);
    });
    for (let x = 0; x < want.length; x++) {
      for (let y = x + 1; y < want.length; y++) {
        const [i, j] = want[x]!;
        const [k, l] = want[y]!;
        const share = i === k || i === l || j === k || j === l;
        expect(hasEdge(m.graph, x, y)).toBe(share);
      }
    }
  });

  it('Settings 2 and 3: every entry is a candidate, with the all-ones feature', () => {
    const m = spaiLineGraph(a, n, 2);
    expect(m.rowOf.length).toBe((n * (n + 1)) / 2);
    expect(m.featureCount).toBe(3);
    for (let c = 0; c < m.rowOf.length; c++) expect(m.features[3 * c + 2]).toBe(1);
  });

  it('a configuration selects a symmetric pattern of M', () => {
    const m = spaiLineGraph(a, n, 2);
    const x = Int8Array.from({ length: m.rowOf.length }, (_, c) => (c % 3 === 0 ? 1 : -1));
    const pattern = patternFromSpins(m, n, x);
    for (let c = 0; c < m.rowOf.length; c++) {
      const on = x[c] === 1 ? 1 : 0;
      expect(pattern[m.rowOf[c]! * n + m.colOf[c]!]).toBe(on);
      expect(pattern[m.colOf[c]! * n + m.rowOf[c]!]).toBe(on);
    }
  });
});

describe('baseline patterns', () => {
  const n = 6;
  const a = testMatrix();
  const m = spaiLineGraph(a, n, 2);

  it('random: each candidate kept with the given probability (4σ)', () => {
    const rng = createRng(1);
    let kept = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const p = randomPattern(m, n, 0.3, rng);
      for (let c = 0; c < m.rowOf.length; c++) kept += p[m.rowOf[c]! * n + m.colOf[c]!]!;
    }
    const total = trials * m.rowOf.length;
    expect(Math.abs(kept / total - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / total));
  });

  it('only A is the pattern of A; the oracle keeps the largest entries of the true inverse', () => {
    expect(Array.from(patternOfA(a))).toEqual(Array.from(a, (v) => (v !== 0 ? 1 : 0)));
    const inverse = Float64Array.from((inv(rows(a, n)) as number[][]).flat());
    const p = oraclePattern(m, n, inverse, 0.5);
    const keep = Math.ceil(0.5 * m.rowOf.length);
    const kept = Array.from({ length: m.rowOf.length }, (_, c) => c).filter((c) => p[m.rowOf[c]! * n + m.colOf[c]!] === 1);
    expect(kept.length).toBe(keep);
    const smallestKept = Math.min(...kept.map((c) => Math.abs(inverse[m.rowOf[c]! * n + m.colOf[c]!]!)));
    const largestDropped = Math.max(...Array.from({ length: m.rowOf.length }, (_, c) => c).filter((c) => !kept.includes(c)).map((c) => Math.abs(inverse[m.rowOf[c]! * n + m.colOf[c]!]!)));
    expect(smallestKept).toBeGreaterThanOrEqual(largestDropped);
  });

  it('thresholded power: the non-zeros of (I + Ã)^power, Ã without the weak entry', () => {
    const p = thresholdedPowerPattern(a, n, 0.1, 2);
    // Ã drops the 0.05 coupling (below 0.1 · max|A| = 0.25); reference by mathjs
    const strong = rows(a, n).map((row) => row.map((v) => (Math.abs(v) >= 0.25 ? 1 : 0)));
    const base = add(identity(n), strong) as unknown as { toArray(): number[][] };
    const b = base.toArray().map((row) => row.map((v) => (v !== 0 ? 1 : 0)));
    const want = (multiply(b, b) as number[][]).flat().map((v) => (v !== 0 ? 1 : 0));
    expect(Array.from(p)).toEqual(want);
    expect(p[5]).toBe(0); // the weak long-range entry is not reached
  });
});
