import { describe, expect, it } from '@jest/globals';
import { createRng, randomPlanarGraph, squareLattice, wheelGraph, type Graph, type Rng } from '@isinglab/graph';
import { analyseSkewSystem, factorSkew } from '../../src/internal/sparse-pfaffian.js';
import { gaugedCouplings, lowEnergyGauge as lowEnergyGaugeSigns } from '../../src/internal/gauge.js';
import { bruteForce } from '../helpers/brute-force.js';
import { rootFrontInverse, selectedInverse } from '../../src/internal/selected-inversion.js';
import { denseKasteleyn } from '../../src/internal/kasteleyn.js';
import { denseInverse, denseLu } from '../../src/internal/dense-lu.js';
import { kasteleynSystem, lowEnergyGauge, mapCouplings, planarBlocks, solveSkew } from './helpers.js';

function randomGraph(k: number, rng: Rng): Graph {
  switch (k % 3) {
    case 0:
      return squareLattice(2 + (rng.uint32() % 9), 2 + (rng.uint32() % 9));
    case 1:
      return randomPlanarGraph(5 + (rng.uint32() % 150), { rng }).graph;
    default:
      return k % 2 === 0 ? wheelGraph(4 + (rng.uint32() % 30)) : randomPlanarGraph(8 + (rng.uint32() % 60), { rng, keepEdgeProbability: 0.7 }).graph;
  }
}

/**
 * Worst |K_ab · ((K⁻¹)_ba selected − dense)| over every non-zero of K, both orientations: the matching
 * probabilities the correlations are made of (K's entries lie in [0, 1] after the solver's rescaling).
 */
function worstDifference(graph: Graph, J: Float64Array, gauge: boolean, options: Parameters<typeof factorSkew>[2], leafSize?: number): { worst: number; delayed: number; blocks: number } {
  let worst = 0;
  let delayed = 0;
  let blocks = 0;
  for (const map of planarBlocks(graph)) {
    const bj = mapCouplings(map, J);
    const system = kasteleynSystem(map, gauge ? lowEnergyGauge(map, bj) : bj);
    const n = system.size;
    const dense = denseInverse(denseLu(denseKasteleyn(system), n));
    const factor = factorSkew(analyseSkewSystem(system, leafSize === undefined ? {} : { leafSize }), system.values, { ...options, keepFactor: true });
    delayed += factor.delayedScalars;
    const count = system.values.length;
    const rows = new Int32Array(2 * count);
    const cols = new Int32Array(2 * count);
    for (let t = 0; t < count; t++) {
      rows[2 * t] = system.cols[t]!;
      cols[2 * t] = system.rows[t]!;
      rows[2 * t + 1] = system.rows[t]!;
      cols[2 * t + 1] = system.cols[t]!;
    }
    const z = selectedInverse(factor, rows, cols);
    for (let q = 0; q < 2 * count; q++) {
      const d = Math.abs(system.values[q >> 1]! * (z[q]! - dense[rows[q]! * n + cols[q]!]!));
      if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
    }
    blocks++;
  }
  return { worst, delayed, blocks };
}

describe('selected inversion of the sparse skew factor against the dense inverse', () => {
  it('every non-zero of K on ≥ 60 random planar blocks (|βJ| ≤ 1.5), all three pivoting modes, several leaf sizes', () => {
    const rng = createRng(21);
    let worst = 0;
    let blocks = 0;
    for (let k = 0; k < 60; k++) {
      const graph = randomGraph(k, rng);
      const J = Float64Array.from({ length: graph.size }, () => (0.25 + 1.25 * rng.float64()) * (2 * rng.float64() - 1));
      const pivoting = (['delayed', 'front', 'matched'] as const)[k % 3];
      const r = worstDifference(graph, J, false, { pivoting }, 1 + (k % 6));
      worst = Math.max(worst, r.worst);
      blocks += r.blocks;
    }
    process.stdout.write(`selected vs dense inverse, |βJ| ≤ 1.5: ${blocks} blocks, worst |K_ab ΔZ_ba| ${worst.toExponential(1)}\n`);
    expect(blocks).toBeGreaterThanOrEqual(60);
    expect(worst).toBeLessThan(1e-10); // measured 3.7e-11 (the dense inverse's own rounding dominates)
  });

  it('edge correlations from it equal brute force on 60 small graphs with |βJ| ≤ 10 (low-energy gauge, delayed pivots)', () => {
    const rng = createRng(22);
    let worst = 0;
    let delayed = 0;
    for (let k = 0; k < 60; k++) {
      const graph = k % 2 === 1 ? randomPlanarGraph(14, { rng }).graph : squareLattice(3, 4);
      const J = Float64Array.from({ length: graph.size }, () => 10 * (2 * rng.float64() - 1));
      const reference = bruteForce(graph, J).correlations;
      for (const map of planarBlocks(graph)) {
        const bj = mapCouplings(map, J);
        const sign = lowEnergyGaugeSigns(map, bj);
        const system = kasteleynSystem(map, gaugedCouplings(map, bj, sign));
        const factor = factorSkew(analyseSkewSystem(system, { leafSize: 1 }), system.values, { keepFactor: true });
        delayed += factor.delayedScalars;
        // P(edge e agrees) = K_ac (K⁻¹)_ca for its intercity entry (a, c)
        const entry = system.intercityEntry;
        const z = selectedInverse(factor, Int32Array.from(entry, (t) => system.cols[t]!), Int32Array.from(entry, (t) => system.rows[t]!));
        for (let e = 0; e < map.edges; e++) {
          const g = map.globalEdge[e]!;
          if (g < 0) continue;
          const s = sign[map.tail[2 * e]!]! * sign[map.tail[2 * e + 1]!]!;
          worst = Math.max(worst, Math.abs(s * (2 * system.values[entry[e]!]! * z[e]! - 1) - reference[g]!));
        }
      }
    }
    process.stdout.write(`correlations by selected inversion vs brute force, |βJ| ≤ 10: ${delayed} delayed scalars, worst ${worst.toExponential(1)}\n`);
    expect(delayed).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-10);
  });

  it('agrees with one sparse solve per entry on 300–600-row blocks with |βJ| ≤ 6 (low-energy gauge)', () => {
    const rng = createRng(23);
    let worst = 0;
    let delayed = 0;
    for (let k = 0; k < 8; k++) {
      const graph = k % 2 === 1 ? randomPlanarGraph(50 + (rng.uint32() % 50), { rng }).graph : squareLattice(7, 5 + (rng.uint32() % 6));
      const J = Float64Array.from({ length: graph.size }, () => 6 * (2 * rng.float64() - 1));
      for (const map of planarBlocks(graph)) {
        const system = kasteleynSystem(map, lowEnergyGauge(map, mapCouplings(map, J)));
        const factor = factorSkew(analyseSkewSystem(system), system.values, { keepFactor: true, pivotThreshold: 0.3 });
        delayed += factor.delayedScalars;
        const count = system.values.length;
        const z = selectedInverse(factor, system.cols, system.rows);
        const unit = new Float64Array(system.size);
        for (let t = 0; t < count; t++) {
          unit[system.rows[t]!] = 1;
          const column = solveSkew(factor, unit);
          unit[system.rows[t]!] = 0;
          worst = Math.max(worst, Math.abs(system.values[t]! * (z[t]! - column[system.cols[t]!]!)));
        }
      }
    }
    process.stdout.write(`selected inversion vs sparse solves, |βJ| ≤ 6: ${delayed} delayed scalars, worst |K_ab ΔZ_ba| ${worst.toExponential(1)}\n`);
    expect(delayed).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-9);
  });

  it("rootFrontInverse: the root front's block equals the dense K⁻¹ on its rows, with only the root's panel kept", () => {
    const rng = createRng(24);
    let worst = 0;
    for (let k = 0; k < 12; k++) {
      const graph = k % 2 === 0 ? squareLattice(4 + (k % 5), 6) : randomPlanarGraph(40 + 10 * k, { rng }).graph;
      const J = Float64Array.from({ length: graph.size }, () => 2 * rng.float64() - 1);
      for (const map of planarBlocks(graph)) {
        const system = kasteleynSystem(map, mapCouplings(map, J));
        const n = system.size;
        const dense = denseInverse(denseLu(denseKasteleyn(system), n));
        const symbolic = analyseSkewSystem(system);
        const factor = factorSkew(symbolic, system.values, { keepFactor: 'root' });
        const all = factorSkew(symbolic, system.values, { keepFactor: true });
        expect(factor.panels!.length).toBeLessThan(all.panels!.length);
        const { rows, inverse } = rootFrontInverse(factor);
        const perm = symbolic.ordering.perm;
        const original = Array.from(rows, (ps) => 2 * perm[ps >> 1]! + (ps & 1));
        const m = rows.length;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) worst = Math.max(worst, Math.abs(inverse[i * m + j]! - dense[original[i]! * n + original[j]!]!));
        }
      }
    }
    process.stdout.write(`root front inverse vs dense K⁻¹: worst ${worst.toExponential(1)}\n`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('refuses an entry outside the pattern and a factor that was not kept', () => {
    const [map] = planarBlocks(squareLattice(6, 6));
    const system = kasteleynSystem(map!, mapCouplings(map!, new Float64Array(60).fill(0.3)));
    const symbolic = analyseSkewSystem(system, { leafSize: 1 });
    expect(() => selectedInverse(factorSkew(symbolic, system.values), new Int32Array([0]), new Int32Array([1]))).toThrow(/keepFactor/);
    expect(() => selectedInverse(factorSkew(symbolic, system.values, { keepFactor: 'root' }), new Int32Array([0]), new Int32Array([1]))).toThrow(/keepFactor: true/);
    const factor = factorSkew(symbolic, system.values, { keepFactor: true });
    // two scalars at opposite corners of the lattice's expanded dual share no front
    expect(() => selectedInverse(factor, new Int32Array([0]), new Int32Array([system.size - 1]))).toThrow(/outside the factor's pattern/);
  });
});
