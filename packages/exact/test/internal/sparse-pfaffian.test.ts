import { describe, expect, it } from '@jest/globals';
import { completeGraph, createRng, cycleGraph, randomPlanarGraph, squareLattice, wheelGraph, type Graph, type Rng } from '@isinglab/graph';
import { nestedDissection } from '../../src/internal/nested-dissection.js';
import { analyseSkew, analyseSkewSystem, factorSkew, pairGraph } from '../../src/internal/sparse-pfaffian.js';
import { bruteForce } from '../helpers/brute-force.js';
import { denseLogAbsDet, kasteleynSystem, lowEnergyGauge, mapCouplings, planarBlocks, solveSkew } from './helpers.js';

const LN2 = Math.LN2;

/** Random planar graphs of several families (blocks of 3..~150 nodes). */
function randomGraph(k: number, rng: Rng): Graph {
  switch (k % 4) {
    case 0:
      return squareLattice(2 + (rng.uint32() % 6), 2 + (rng.uint32() % 6));
    case 1:
      return randomPlanarGraph(5 + (rng.uint32() % 120), { rng }).graph;
    case 2:
      return randomPlanarGraph(8 + (rng.uint32() % 60), { rng, keepEdgeProbability: 0.7 }).graph;
    default:
      return wheelGraph(4 + (rng.uint32() % 30));
  }
}

function mixed(m: number, scale: number, rng: Rng): Float64Array {
  return Float64Array.from({ length: m }, () => scale * (2 * rng.float64() - 1));
}

describe('sparse skew factorisation: log|det K| against dense LU with partial pivoting', () => {
  // Tolerance 1e-10 relative (the issue's). Measured: ~1e-15 for weak couplings; without delayed pivots ('front',
  // 'matched') errors grow with frustration strength (the elimination order is fixed), see the strong-coupling report.
  const RTOL = 1e-10;

  it('≥ 120 random planar blocks, weak to moderate mixed couplings (|βJ| ≤ 1.5), all three pivoting modes', () => {
    const rng = createRng(11);
    let worst = 0;
    let blocks = 0;
    for (let k = 0; k < 120; k++) {
      const graph = randomGraph(k, rng);
      const J = mixed(graph.size, 0.25 + 1.25 * rng.float64(), rng);
      for (const map of planarBlocks(graph)) {
        const system = kasteleynSystem(map, mapCouplings(map, J));
        const reference = denseLogAbsDet(system);
        // every third model ordered with push–relabel band cuts (the automatic choice uses Dinic on these small bands)
        const symbolic = analyseSkewSystem(system, { leafSize: 1 + (k % 8), vertexCut: k % 3 === 2 ? 'push-relabel' : 'auto' });
        for (const pivoting of ['delayed', 'front', 'matched'] as const) {
          const f = factorSkew(symbolic, system.values, { pivoting });
          const rel = Math.abs(f.logAbsDet - reference) / Math.max(1, Math.abs(reference));
          worst = Math.max(worst, rel);
          if (!(rel <= RTOL)) throw new Error(`block of ${map.nodes} nodes (${pivoting}): ${f.logAbsDet} vs dense ${reference}`);
        }
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThanOrEqual(120);
    process.stdout.write(`sparse vs dense, |βJ| ≤ 1.5: ${blocks} blocks, worst relative difference ${worst.toExponential(1)}\n`);
  });

  it('mixed couplings up to |βJ| = 5 in a low-energy gauge, default (delayed) pivoting', () => {
    const rng = createRng(12);
    let worst = 0;
    let blocks = 0;
    for (let k = 0; k < 60; k++) {
      const graph = randomGraph(k, rng);
      const J = mixed(graph.size, 5, rng);
      for (const map of planarBlocks(graph)) {
        const bj = lowEnergyGauge(map, mapCouplings(map, J));
        const system = kasteleynSystem(map, bj);
        const reference = denseLogAbsDet(system);
        const f = factorSkew(analyseSkewSystem(system), system.values);
        const rel = Math.abs(f.logAbsDet - reference) / Math.max(1, Math.abs(reference));
        worst = Math.max(worst, rel);
        blocks++;
      }
    }
    process.stdout.write(`sparse vs dense, |βJ| ≤ 5, low-energy gauge: ${blocks} blocks, worst relative difference ${worst.toExponential(1)}\n`);
    // measured worst 1.5e-15 with delayed pivots (3.3e-10 with 'front' pivoting, which has no threshold)
    expect(worst).toBeLessThan(1e-12);
  });

  it('open L×L lattices up to 14×14 (dense size 1140) with random couplings |βJ| ≤ 1', () => {
    const rng = createRng(13);
    for (const L of [4, 8, 11, 14]) {
      const graph = squareLattice(L, L);
      const J = Float64Array.from({ length: graph.size }, () => 2 * rng.float64() - 0.7);
      const [map] = planarBlocks(graph);
      const system = kasteleynSystem(map!, mapCouplings(map!, J));
      const reference = denseLogAbsDet(system);
      const f = factorSkew(analyseSkewSystem(system), system.values);
      expect(Math.abs(f.logAbsDet - reference) / Math.abs(reference)).toBeLessThan(RTOL);
    }
  });

  it('solveSkew: residual of K x = b below 1e-8 (relative to ‖b‖∞ = 1) on random blocks', () => {
    const rng = createRng(14);
    for (let k = 0; k < 12; k++) {
      const graph = randomGraph(k, rng);
      const J = mixed(graph.size, 1, rng);
      for (const map of planarBlocks(graph)) {
        const system = kasteleynSystem(map, mapCouplings(map, J));
        const f = factorSkew(analyseSkewSystem(system), system.values, { keepFactor: true, pivoting: (['delayed', 'front', 'matched'] as const)[k % 3] });
        const b = Float64Array.from({ length: system.size }, () => 2 * rng.float64() - 1);
        const x = solveSkew(f, b);
        const r = b.map((v) => -v);
        for (let t = 0; t < system.values.length; t++) {
          const a = system.rows[t]!;
          const c = system.cols[t]!;
          r[a]! += system.values[t]! * x[c]!;
          r[c]! -= system.values[t]! * x[a]!;
        }
        expect(Math.max(...Array.from(r, Math.abs))).toBeLessThan(1e-8); // measured ≤ 7.5e-10 (matched pivoting, raw gauge)
      }
    }
  });
});

describe('log Z through the sparse solver against brute force', () => {
  // composed as planar-ising.ts does per block: log Z_B = LN2 − Σβj + logScale + ½ log|det K|;
  // log Z = Σ_B (log Z_B − |V_B| log 2) + N log 2, bridges Z_B = 4 cosh βJ. Tolerance 1e-9 relative (the issue's).
  function sparseLogZ(graph: Graph, betaJ: Float64Array): number {
    let logZ = graph.order * LN2;
    let coveredEdges = 0;
    for (const map of planarBlocks(graph)) {
      const bj = mapCouplings(map, betaJ);
      const system = kasteleynSystem(map, bj);
      const f = factorSkew(analyseSkewSystem(system), system.values);
      let sum = 0;
      for (const x of bj) sum += x;
      logZ += LN2 - sum + system.logScale + 0.5 * f.logAbsDet - map.nodes * LN2;
      for (let e = 0; e < map.edges; e++) if (map.globalEdge[e]! >= 0) coveredEdges++;
    }
    if (coveredEdges !== graph.size) throw new Error('graph with bridges: not used here');
    return logZ;
  }
  it('grids, wheels, K4, cycles and Delaunay graphs (N ≤ 16, |βJ| ≤ 2)', () => {
    const rng = createRng(15);
    const graphs: Graph[] = [squareLattice(3, 4), squareLattice(4, 4), wheelGraph(9), completeGraph(4), cycleGraph(7)];
    for (let k = 0; k < 15; k++) graphs.push(randomPlanarGraph(6 + (rng.uint32() % 11), { rng }).graph);
    let worst = 0;
    for (const graph of graphs) {
      const betaJ = mixed(graph.size, 2, rng);
      const exact = bruteForce(graph, betaJ).logZ;
      const rel = Math.abs(sparseLogZ(graph, betaJ) - exact) / Math.max(1, Math.abs(exact));
      worst = Math.max(worst, rel);
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('strong frustration (|βJ| 10–30): accuracy report, sparse (both modes, raw and low-energy gauge) vs dense LU', () => {
    const rng = createRng(16);
    const rows: string[] = [];
    const worst = { dense: 0, matched: 0, front: 0, frontGauged: 0, delayed: 0 };
    for (let k = 0; k < 40; k++) {
      const graph = k % 2 === 0 ? randomPlanarGraph(8 + (rng.uint32() % 9), { rng }).graph : squareLattice(3 + (rng.uint32() % 2), 4);
      const scale = 10 + 20 * rng.float64();
      const betaJ = mixed(graph.size, scale, rng);
      const exact = bruteForce(graph, betaJ).logZ;
      const errs = { dense: 0, matched: 0, front: 0, frontGauged: 0, delayed: 0 };
      let base = graph.order * LN2;
      const parts = { dense: base, matched: base, front: base, frontGauged: base, delayed: base };
      for (const map of planarBlocks(graph)) {
        const bj = mapCouplings(map, betaJ);
        const gauged = lowEnergyGauge(map, bj);
        for (const [name, couplings] of [['dense', bj], ['matched', bj], ['front', bj], ['frontGauged', gauged], ['delayed', bj]] as const) {
          const system = kasteleynSystem(map, couplings);
          let sum = 0;
          for (const x of couplings) sum += x;
          const logDet = name === 'dense' ? denseLogAbsDet(system) : factorSkew(analyseSkewSystem(system), system.values, { pivoting: name === 'matched' ? 'matched' : name === 'delayed' ? 'delayed' : 'front' }).logAbsDet;
          parts[name] += LN2 - sum + system.logScale + 0.5 * logDet - map.nodes * LN2;
        }
      }
      base = 0;
      for (const name of ['dense', 'matched', 'front', 'frontGauged', 'delayed'] as const) {
        errs[name] = Math.abs(parts[name] - exact) / Math.max(1, Math.abs(exact));
        if (!Number.isFinite(errs[name])) errs[name] = Infinity;
        worst[name] = Math.max(worst[name], errs[name]);
      }
      rows.push(`${errs.dense.toExponential(0)}/${errs.matched.toExponential(0)}/${errs.front.toExponential(0)}/${errs.frontGauged.toExponential(0)}/${errs.delayed.toExponential(0)}`);
    }
    process.stdout.write(`strong frustration, relative log Z error vs brute force (dense / matched / front / front+gauge / delayed), worst: ${worst.dense.toExponential(1)} / ${worst.matched.toExponential(1)} / ${worst.front.toExponential(1)} / ${worst.frontGauged.toExponential(1)} / ${worst.delayed.toExponential(1)}\n  per model: ${rows.join(' ')}\n`);
    // a report for the variants without a threshold; the default (delayed pivots, raw gauge; measured 1.9e-14) is
    // held to 1e-12, tighter than the dense partial-pivoting LU (4.5e-9) used as the O(n³) baseline
    expect(Number.isFinite(worst.dense)).toBe(true);
    expect(worst.delayed).toBeLessThan(1e-12);
  });
});

describe('nested-dissection ordering', () => {
  function checkOrdering(graph: { order: number; offsets: Int32Array; targets: Int32Array }, leafSize: number): void {
    const nd = nestedDissection(graph.order, graph.offsets, graph.targets, { leafSize });
    const n = graph.order;
    // a permutation, iperm its inverse
    const hit = new Uint8Array(n);
    for (let k = 0; k < n; k++) hit[nd.perm[k]!]!++;
    expect(hit.every((x) => x === 1)).toBe(true);
    for (let v = 0; v < n; v++) expect(nd.perm[nd.iperm[v]!]).toBe(v);
    // tree: postorder, ranges tile [0, n)
    expect(nd.supStart[0]).toBe(0);
    expect(nd.supStart[nd.count]).toBe(n);
    const nodeOf = new Int32Array(n);
    for (let t = 0; t < nd.count; t++) {
      expect(nd.supStart[t + 1]!).toBeGreaterThan(nd.supStart[t]!);
      expect(nd.parent[t] === -1 || nd.parent[t]! > t).toBe(true);
      for (let q = nd.supStart[t]!; q < nd.supStart[t + 1]!; q++) nodeOf[q] = t;
    }
    // certificate that separators separate: for every edge, the later vertex's tree node is an ancestor-or-self
    // of the earlier one's (so no edge joins two sibling subtrees)
    for (let v = 0; v < n; v++) {
      for (let p = graph.offsets[v]!; p < graph.offsets[v + 1]!; p++) {
        const w = graph.targets[p]!;
        let a = nodeOf[Math.min(nd.iperm[v]!, nd.iperm[w]!)]!;
        const b = nodeOf[Math.max(nd.iperm[v]!, nd.iperm[w]!)]!;
        while (a !== b && a !== -1) a = nd.parent[a]!;
        if (a !== b) throw new Error(`edge ${v}–${w} joins two separated pieces`);
      }
    }
  }

  it('is a permutation, a postordered separator tree, and separates (grids, Delaunay, disconnected pair graphs)', () => {
    const rng = createRng(17);
    for (let k = 0; k < 16; k++) {
      const graph = k % 2 === 0 ? squareLattice(3 + k, 5 + k) : randomPlanarGraph(20 + 40 * k, { rng, keepEdgeProbability: k % 4 === 1 ? 0.6 : 1 }).graph;
      checkOrdering(graph, 1 + (k % 5) * 4);
      for (const map of planarBlocks(graph).slice(0, 2)) checkOrdering(pairGraph(kasteleynSystem(map, new Float64Array(map.edges))), 16);
    }
    checkOrdering({ order: 0, offsets: new Int32Array(1), targets: new Int32Array(0) }, 16);
    checkOrdering({ order: 1, offsets: new Int32Array(2), targets: new Int32Array(0) }, 1);
  });

  it('fill on L×L lattices grows like n log n: nnz(L) / (n log2 n) bounded and not growing', () => {
    // n = pairs of the block's expanded dual (≈ 6 L²/2); blocks of L counted in 2×2 units
    const ratios: number[] = [];
    for (const L of [16, 32, 64, 128]) {
      const [map] = planarBlocks(squareLattice(L, L));
      const system = kasteleynSystem(map!, new Float64Array(map!.edges));
      const graph = pairGraph(system);
      const symbolic = analyseSkew(system, graph, nestedDissection(graph.order, graph.offsets, graph.targets));
      ratios.push(symbolic.blocksL / (graph.order * Math.log2(graph.order)));
    }
    process.stdout.write(`fill nnz(L) / (n log2 n) for L = 16, 32, 64, 128: ${ratios.map((r) => r.toFixed(2)).join(', ')}\n`);
    for (const r of ratios) expect(r).toBeLessThan(2.5);
    expect(ratios[3]!).toBeLessThan(1.25 * ratios[1]!);
  });
});
