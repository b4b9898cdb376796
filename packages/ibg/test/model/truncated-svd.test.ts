import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, erdosRenyiGnm, fromEdges, type Graph } from '@isinglab/graph';
import { truncatedSvd } from '../../src/model/truncated-svd.js';
import { denseAdjacency, denseSingularValues, randomDigraph } from './helpers.js';

function column(mat: Float64Array, rows: number, cols: number, c: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, i) => mat[i * cols + c]!);
}

/** ‖A v − σ u‖ and ‖Aᵀ u − σ v‖ for triplet t. */
function residuals(g: Graph, res: ReturnType<typeof truncatedSvd>, t: number): [number, number] {
  const n = g.order;
  const a = denseAdjacency(g);
  const u = column(res.left, n, res.rank, t);
  const v = column(res.right, n, res.rank, t);
  const sigma = res.values[t]!;
  let r1 = 0;
  let r2 = 0;
  for (let i = 0; i < n; i++) {
    let av = 0;
    let atu = 0;
    for (let j = 0; j < n; j++) {
      av += a[i * n + j]! * v[j]!;
      atu += a[j * n + i]! * u[j]!;
    }
    r1 += (av - sigma * u[i]!) ** 2;
    r2 += (atu - sigma * v[i]!) ** 2;
  }
  return [Math.sqrt(r1), Math.sqrt(r2)];
}

describe('truncatedSvd', () => {
  it('matches a dense Jacobi reference when the sample covers the whole space (ℓ = N)', () => {
    const rng = createRng(11);
    for (let t = 0; t < 8; t++) {
      const n = 3 + rng.int(15);
      const g = randomDigraph(rng, n, 0.15 + 0.5 * rng.float64(), t % 2 === 0);
      const rank = 1 + rng.int(Math.min(n, 4));
      const res = truncatedSvd(g, rank, { rng: createRng(t), oversampling: n });
      const ref = denseSingularValues(denseAdjacency(g), n);
      // ℓ = N makes the range finder exact; the remaining error is rounding (1e-9 relative to σ₁ is generous)
      for (let i = 0; i < rank; i++) expect(Math.abs(res.values[i]! - ref[i]!)).toBeLessThanOrEqual(1e-9 * ref[0]!);
      for (let i = 0; i < rank; i++) {
        if (res.values[i]! < 1e-9 * ref[0]!) continue;
        const [r1, r2] = residuals(g, res, i);
        expect(r1).toBeLessThanOrEqual(1e-8 * ref[0]!);
        expect(r2).toBeLessThanOrEqual(1e-8 * ref[0]!);
      }
    }
  });

  it('approximates the leading triplets of a larger graph with ℓ ≪ N', () => {
    // G(n, m) digraph with a planted dense block, so σ₁, σ₂ are well separated from the bulk
    const rng = createRng(3);
    const n = 150;
    const edges: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && rng.float64() < (i < 40 && j >= 60 && j < 110 ? 0.6 : 0.04)) edges.push([i, j]);
    const g = fromEdges(edges, { directed: true, order: n });
    const res = truncatedSvd(g, 2, { rng: createRng(1) });
    const ref = denseSingularValues(denseAdjacency(g), n);
    // with q = 4 power iterations and a gap σ₂/σ₃ ≈ 2 the values are accurate to ~(σ₃/σ₂)^(2q+1); 1e-3 is safe
    expect(Math.abs(res.values[0]! - ref[0]!) / ref[0]!).toBeLessThan(1e-3);
    expect(Math.abs(res.values[1]! - ref[1]!) / ref[1]!).toBeLessThan(1e-3);
    const [r1] = residuals(g, res, 0);
    expect(r1 / ref[0]!).toBeLessThan(0.05);
  });

  it('returns orthonormal singular vectors with the sign convention, deterministically', () => {
    const g = erdosRenyiGnm(60, 400, { rng: createRng(8), directed: true });
    const a = truncatedSvd(g, 5, { rng: createRng(2) });
    const b = truncatedSvd(g, 5, { rng: createRng(2) });
    expect(a.values).toEqual(b.values);
    expect(a.left).toEqual(b.left);
    for (const mat of [a.left, a.right]) {
      for (let p = 0; p < 5; p++) {
        for (let q = 0; q < 5; q++) {
          let dot = 0;
          for (let i = 0; i < 60; i++) dot += mat[i * 5 + p]! * mat[i * 5 + q]!;
          expect(dot).toBeCloseTo(p === q ? 1 : 0, 9);
        }
      }
    }
    for (let t = 0; t < 5; t++) {
      const col = column(a.left, 60, 5, t);
      const big = col.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(big).toBeGreaterThan(0);
      if (t > 0) expect(a.values[t]!).toBeLessThanOrEqual(a.values[t - 1]!);
    }
  });

  it('gives zero triplets beyond the rank of A', () => {
    // A = 1_S 1_Tᵀ, S = {0, 1, 2}, T = {3, 4}: rank 1, σ₁ = √6
    const edges: [number, number][] = [];
    for (const i of [0, 1, 2]) for (const j of [3, 4]) edges.push([i, j]);
    const g = fromEdges(edges, { directed: true, order: 6 });
    const res = truncatedSvd(g, 3, { rng: createRng(4) });
    expect(res.values[0]).toBeCloseTo(Math.sqrt(6), 12);
    expect(res.values[1]).toBe(0);
    expect(res.values[2]).toBe(0);
    for (let i = 0; i < 6; i++) {
      expect(res.left[i * 3]).toBeCloseTo(i < 3 ? 1 / Math.sqrt(3) : 0, 12);
      expect(res.right[i * 3]).toBeCloseTo(i === 3 || i === 4 ? 1 / Math.sqrt(2) : 0, 12);
      expect(res.left[i * 3 + 1]).toBe(0);
    }
  });

  const g = fromEdges([[0, 1], [1, 2]], { directed: true });
  const table: [string, () => unknown, string][] = [
    ['rank 0', () => truncatedSvd(g, 0, { rng: createRng(1) }), 'rank'],
    ['rank above N', () => truncatedSvd(g, 4, { rng: createRng(1) }), 'rank'],
    ['no rng', () => truncatedSvd(g, 1, {} as never), 'options.rng'],
    ['negative oversampling', () => truncatedSvd(g, 1, { rng: createRng(1), oversampling: -1 }), 'options.oversampling'],
    ['fractional power iterations', () => truncatedSvd(g, 1, { rng: createRng(1), powerIterations: 1.5 }), 'options.powerIterations'],
    ['a graph without arcs', () => truncatedSvd(fromEdges([], { order: 2 }), 1, { rng: createRng(1) }), 'graph.size'],
  ];
  it.each(table)('rejects %s', (_name, call, argument) => {
    let caught: unknown;
    try {
      call();
    } catch (err) {
      caught = err;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe(argument);
  });
});
