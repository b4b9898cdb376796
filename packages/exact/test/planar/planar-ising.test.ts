import { describe, expect, it } from '@jest/globals';
import {
  ConvergenceError,
  InvalidArgumentError,
  UnsupportedGraphError,
  buildGraph,
  completeBipartiteGraph,
  completeGraph,
  createRng,
  cycleGraph,
  fromEdges,
  pathGraph,
  petersenGraph,
  randomPlanarGraph,
  randomTree,
  squareLattice,
  verifyKuratowskiSubgraph,
  wheelGraph,
  type Graph,
  type Rng,
} from '@isinglab/graph';
import { MAX_DENSE_BLOCK_NODES, edgeCorrelations, logPartition } from '../../src/index.js';
import { bruteForce, transferMatrixLogZ } from '../helpers/brute-force.js';

// Tolerances (issue acceptance): log Z to 1e-9 relative of brute force, correlations to 1e-8 absolute. Both are
// met with orders of magnitude to spare in double precision (measured ~1e-15 and ~1e-13).
const LOGZ_RTOL = 1e-9;
const CORR_TOL = 1e-8;

/** Disjoint union: b's nodes shifted after a's. */
function union(a: Graph, b: Graph): Graph {
  const sources = [...a.edgeSources, ...Array.from(b.edgeSources, (v) => v + a.order)];
  const targets = [...a.edgeTargets, ...Array.from(b.edgeTargets, (v) => v + a.order)];
  return buildGraph({ order: a.order + b.order, sources, targets }).graph;
}

type Family = (rng: Rng) => Graph;
const FAMILIES: [string, Family][] = [
  ['random tree', (rng) => randomTree(4 + (rng.uint32() % 11), { rng })],
  ['cycle', (rng) => cycleGraph(3 + (rng.uint32() % 12))],
  ['wheel', (rng) => wheelGraph(4 + (rng.uint32() % 10))],
  ['grid', (rng) => squareLattice(2 + (rng.uint32() % 3), 2 + (rng.uint32() % 3))],
  ['Delaunay', (rng) => randomPlanarGraph(4 + (rng.uint32() % 11), { rng }).graph],
  ['sparse Delaunay (bridges, articulation points, pieces)', (rng) => randomPlanarGraph(6 + (rng.uint32() % 9), { rng, keepEdgeProbability: 0.55 }).graph],
  ['two triangles joined by a path', () => fromEdges([[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 5], [5, 6], [6, 4]])],
  ['disconnected: grid + cycle + isolated node', (rng) => union(union(squareLattice(2, 3), cycleGraph(3 + (rng.uint32() % 4))), buildGraph({ order: 1, sources: [], targets: [] }).graph)],
  ['K4 (planar, not outerplanar)', () => completeGraph(4)],
];

/** Couplings per edge: ferromagnetic, antiferromagnetic, mixed (frustrated), at a scale from weak to |βJ| = 20. */
function couplingsFor(kind: number, m: number, rng: Rng): { name: string; J: Float64Array } {
  const scale = [0.2, 1, 4, 20][kind % 4]!;
  const sign = Math.floor(kind / 4) % 3;
  const J = Float64Array.from({ length: m }, () => {
    const r = rng.float64();
    return scale * (sign === 0 ? 0.2 + r : sign === 1 ? -(0.2 + r) : 2 * r - 1);
  });
  return { name: `${['ferro', 'antiferro', 'mixed'][sign]} |J| ≤ ${scale * (sign === 2 ? 1 : 1.2)}`, J };
}

describe('logPartition and edgeCorrelations against brute-force enumeration', () => {
  const rng = createRng(2024);
  const models: { name: string; graph: Graph; J: Float64Array; beta: number }[] = [];
  for (let k = 0; k < 324; k++) {
    const [family, make] = FAMILIES[k % FAMILIES.length]!;
    const graph = make(rng);
    const c = couplingsFor(Math.floor(k / FAMILIES.length), graph.size, rng);
    const beta = 0.5 + rng.float64();
    models.push({ name: `${family} (N=${graph.order}, ${c.name}, β=${beta.toFixed(2)})`, graph, J: c.J, beta });
  }

  it('covers ≥ 300 seeded models with N ≤ 16 of every family and sign, up to |βJ| ≈ 30', () => {
    expect(models.length).toBeGreaterThanOrEqual(300);
    expect(Math.max(...models.map((m) => m.graph.order))).toBeLessThanOrEqual(16);
    expect(Math.max(...models.map((m) => Math.max(...Array.from(m.J, Math.abs)) * m.beta))).toBeGreaterThan(20);
  });

  it('log Z to 1e-9 relative and every edge correlation to 1e-8, or a ConvergenceError — never a wrong value', () => {
    let worstLogZ = 0;
    let worstCorr = 0;
    const refused: { name: string; maxBetaJ: number }[] = [];
    for (const model of models) {
      const betaJ = model.J.map((j) => model.beta * j);
      const maxBetaJ = Math.max(...Array.from(betaJ, Math.abs));
      const exact = bruteForce(model.graph, betaJ);
      let logZ: number;
      let corr: Float64Array;
      try {
        logZ = logPartition(model.graph, model.J, { beta: model.beta });
        corr = edgeCorrelations(model.graph, model.J, { beta: model.beta });
      } catch (error) {
        if (!ConvergenceError.isInstance(error)) throw error;
        refused.push({ name: model.name, maxBetaJ });
        continue;
      }
      const rel = Math.abs(logZ - exact.logZ) / Math.max(1, Math.abs(exact.logZ));
      worstLogZ = Math.max(worstLogZ, rel);
      if (!(rel <= LOGZ_RTOL)) throw new Error(`${model.name}: log Z ${logZ} vs brute force ${exact.logZ}`);
      for (let e = 0; e < model.graph.size; e++) {
        const d = Math.abs(corr[e]! - exact.correlations[e]!);
        worstCorr = Math.max(worstCorr, d);
        if (!(d <= CORR_TOL)) throw new Error(`${model.name}: edge ${e} correlation ${corr[e]} vs ${exact.correlations[e]}`);
      }
    }
    expect(worstLogZ).toBeLessThan(LOGZ_RTOL);
    expect(worstCorr).toBeLessThan(CORR_TOL);
    process.stdout.write(`planar vs brute force: ${models.length - refused.length} solved (worst log Z rel ${worstLogZ.toExponential(1)}, worst correlation ${worstCorr.toExponential(1)}), ${refused.length} refused (max |βJ| ${refused.map((r) => r.maxBetaJ.toFixed(1)).join(', ')})\n`);
    // refusals only at strong coupling, and rare
    for (const r of refused) expect(r.maxBetaJ).toBeGreaterThan(8);
    expect(refused.length).toBeLessThan(0.1 * models.length);
  });

  it('a 20-node Delaunay model with mixed couplings', () => {
    const r = createRng(7);
    const graph = randomPlanarGraph(20, { rng: r }).graph;
    const J = Float64Array.from({ length: graph.size }, () => 3 * (2 * r.float64() - 1));
    const exact = bruteForce(graph, J);
    expect(Math.abs(logPartition(graph, J) - exact.logZ) / exact.logZ).toBeLessThan(LOGZ_RTOL);
  });

  it('merged multi-edges: coupling weights summed by buildGraph give the same model', () => {
    const { graph } = buildGraph({ order: 4, sources: [0, 1, 1, 2, 3, 0, 2], targets: [1, 2, 2, 3, 0, 2, 1], weights: [1, 0.5, -2, 1, 1, 0.3, 0.7] }, { duplicates: 'sum' });
    const exact = bruteForce(graph, graph.weights!);
    expect(Math.abs(logPartition(graph, 'weights') - exact.logZ)).toBeLessThan(1e-12);
  });

  it('small cases: empty graph, one node, isolated nodes, one edge', () => {
    const empty = buildGraph({ order: 0, sources: [], targets: [] }).graph;
    expect(logPartition(empty, 1)).toBe(0);
    expect(logPartition(buildGraph({ order: 3, sources: [], targets: [] }).graph, 1)).toBeCloseTo(3 * Math.LN2, 14);
    expect(logPartition(pathGraph(2), 0.7)).toBeCloseTo(Math.log(4 * Math.cosh(0.7)), 14);
    expect(edgeCorrelations(pathGraph(2), -0.7)[0]).toBeCloseTo(Math.tanh(-0.7), 14);
  });
});

describe('lattices against transfer matrices and Onsager', () => {
  for (const [rows, cols] of [[30, 4], [20, 6], [8, 12], [200, 12]] as const) {
    it(`${rows}×${cols} open lattice with random mixed couplings: log Z to 1e-8 relative of the transfer matrix`, () => {
      const graph = squareLattice(rows, cols);
      const r = createRng(rows * 100 + cols);
      const J = Float64Array.from({ length: graph.size }, () => 2 * r.float64() - 0.8);
      const byPair = new Map<string, number>();
      for (let e = 0; e < graph.size; e++) byPair.set(`${graph.edgeSources[e]},${graph.edgeTargets[e]}`, J[e]!);
      // squareLattice numbers node (r, c) as r·cols + c; the transfer matrix runs along rows of width `cols`
      const tm = transferMatrixLogZ(rows, cols, (u, v) => byPair.get(`${Math.min(u, v)},${Math.max(u, v)}`)!);
      const logZ = logPartition(graph, J);
      expect(Math.abs(logZ - tm) / Math.abs(tm)).toBeLessThan(1e-8);
    });
  }

  it('log Z / N of L×L open lattices approaches Onsager’s free energy as L grows (boundary error ∝ 1/L)', () => {
    const beta = 0.3;
    // Onsager: −βf = ln 2 + (1/2π²) ∫∫ ln(cosh²2β − sinh2β (cos a + cos b)) da db over [0, π]²
    const q = 400;
    let integral = 0;
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < q; j++) {
        const a = (Math.PI * (i + 0.5)) / q;
        const b = (Math.PI * (j + 0.5)) / q;
        integral += Math.log(Math.cosh(2 * beta) ** 2 - Math.sinh(2 * beta) * (Math.cos(a) + Math.cos(b)));
      }
    }
    const onsager = Math.LN2 + (integral * (Math.PI / q) ** 2) / (2 * Math.PI ** 2);
    const gaps = [4, 8, 16].map((L) => Math.abs(logPartition(squareLattice(L, L), 1, { beta }) / (L * L) - onsager));
    // open boundaries cost O(1/L) per site: halving L's inverse roughly halves the gap
    expect(gaps[1]!).toBeLessThan(0.6 * gaps[0]!);
    expect(gaps[2]!).toBeLessThan(0.6 * gaps[1]!);
    expect(gaps[2]!).toBeLessThan(0.01);
  });
});

describe('strong couplings on large blocks (sparse factorisation with delayed pivots)', () => {
  // Before threshold pivoting with delayed pivots, the sparse path lost 1e-10..1e-8 at |βJ| ≈ 3–5 on blocks of
  // ≥ 1000 nodes and the two-gauge guard refused them (these have 600–1600 nodes); the transfer matrix is an
  // independent reference.
  for (const [rows, cols, amp] of [[200, 8, 5], [200, 8, 20], [60, 10, 10]] as const) {
    it(`${rows}×${cols} open lattice, mixed |βJ| ≤ ${amp}: log Z to 1e-11 relative of the transfer matrix`, () => {
      const graph = squareLattice(rows, cols);
      const r = createRng(rows * 1000 + cols * 10 + amp);
      const J = Float64Array.from({ length: graph.size }, () => amp * (2 * r.float64() - 1));
      const byPair = new Map<string, number>();
      for (let e = 0; e < graph.size; e++) byPair.set(`${graph.edgeSources[e]},${graph.edgeTargets[e]}`, J[e]!);
      const tm = transferMatrixLogZ(rows, cols, (u, v) => byPair.get(`${Math.min(u, v)},${Math.max(u, v)}`)!);
      const rel = Math.abs(logPartition(graph, J) - tm) / Math.abs(tm);
      process.stdout.write(`${rows}×${cols} |βJ| ≤ ${amp}: relative error ${rel.toExponential(1)}\n`);
      expect(rel).toBeLessThan(1e-11);
    });
  }

  it('edge correlations of 100–3000-node Delaunay blocks at |βJ| ≤ 3 (selected inversion) match central differences of log Z', () => {
    // ⟨x_u x_v⟩ = ∂ log Z / ∂(βJ_e); step h = 1e-4: truncation ~h² ≈ 1e-8, rounding ~1e-14·|log Z|/h ≲ 1e-7
    const rng = createRng(34);
    let worst = 0;
    for (const n of [100, 300, 3000]) {
      const g = randomPlanarGraph(n, { rng }).graph;
      const J = Float64Array.from({ length: g.size }, () => 3 * (2 * rng.float64() - 1));
      const corr = edgeCorrelations(g, J);
      for (let k = 0; k < 6; k++) {
        const e = rng.int(g.size);
        const h = 1e-4;
        const plus = J.slice();
        plus[e]! += h;
        const minus = J.slice();
        minus[e]! -= h;
        worst = Math.max(worst, Math.abs(corr[e]! - (logPartition(g, plus) - logPartition(g, minus)) / (2 * h)));
      }
    }
    process.stdout.write(`selected-inversion correlations vs finite differences: worst ${worst.toExponential(1)}\n`);
    expect(worst).toBeLessThan(1e-6);
  });

  it('3000-node Delaunay blocks with mixed |βJ| ≤ 8 are solved, not refused', () => {
    const rng = createRng(33);
    for (let k = 0; k < 2; k++) {
      const g = randomPlanarGraph(3000, { rng }).graph;
      const J = Float64Array.from({ length: g.size }, () => 8 * (2 * rng.float64() - 1));
      expect(Number.isFinite(logPartition(g, J))).toBe(true);
    }
  });
});

describe('moderate couplings on larger blocks', () => {
  it('a 500-node Delaunay block at |βJ| ≤ 4 is solved', () => {
    const rng = createRng(32);
    const g = randomPlanarGraph(500, { rng }).graph;
    const J = Float64Array.from({ length: g.size }, () => 4 * (2 * rng.float64() - 1));
    expect(Number.isFinite(logPartition(g, J))).toBe(true);
  });

  it('300-node Delaunay graphs with mixed |βJ| ≤ 5 are solved, not refused', () => {
    const rng = createRng(31);
    for (let k = 0; k < 4; k++) {
      const g = randomPlanarGraph(300, { rng }).graph;
      const J = Float64Array.from({ length: g.size }, () => 5 * (2 * rng.float64() - 1));
      expect(Number.isFinite(logPartition(g, J))).toBe(true);
    }
  });

  it('edge correlations of 300–2000-node Delaunay graphs with mixed |βJ| ≤ 8 are solved and obey Σ J_e ⟨x_u x_v⟩ = ∂ log Z / ∂β', () => {
    // central difference in β, h = 1e-5: rounding ~1e-15·|log Z| / h ≲ 1e-6 relative to the sum
    const rng = createRng(35);
    let worst = 0;
    for (const n of [300, 300, 2000]) {
      const g = randomPlanarGraph(n, { rng }).graph;
      const J = Float64Array.from({ length: g.size }, () => 8 * (2 * rng.float64() - 1));
      const corr = edgeCorrelations(g, J);
      let energy = 0;
      for (let e = 0; e < g.size; e++) energy += J[e]! * corr[e]!;
      const h = 1e-5;
      const derivative = (logPartition(g, J, { beta: 1 + h }) - logPartition(g, J, { beta: 1 - h })) / (2 * h);
      worst = Math.max(worst, Math.abs(energy - derivative) / Math.abs(derivative));
    }
    process.stdout.write(`|βJ| ≤ 8: Σ J⟨xx⟩ vs ∂ log Z/∂β, worst relative ${worst.toExponential(1)}\n`);
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('errors', () => {
  it('a graph with a K3,3 minor throws UnsupportedGraphError with a verified K3,3 subdivision (K5 pieces are solved)', () => {
    for (const graph of [completeGraph(5), union(cycleGraph(4), completeGraph(5))]) expect(Number.isFinite(logPartition(graph, 1))).toBe(true);
    for (const graph of [completeBipartiteGraph(3, 3), petersenGraph(), union(cycleGraph(4), completeGraph(6))]) {
      let caught: unknown;
      try {
        logPartition(graph, 1);
      } catch (error) {
        caught = error;
      }
      expect(UnsupportedGraphError.isInstance(caught)).toBe(true);
      const certificate = (caught as UnsupportedGraphError).certificate as Parameters<typeof verifyKuratowskiSubgraph>[1];
      expect(verifyKuratowskiSubgraph(graph, certificate).valid).toBe(true);
      expect((caught as Error).message).toMatch(/^@isinglab\/exact logPartition: the graph has a K3,3 minor/);
    }
  });

  it('non-zero fields are refused with the apex-node hint; zero fields are accepted', () => {
    const g = cycleGraph(4);
    expect(() => logPartition(g, 1, { fields: 0.1 })).toThrow(UnsupportedGraphError);
    expect(() => logPartition(g, 1, { fields: [0, 0, 0.2, 0] })).toThrow(/fields\[2\].*apex/s);
    expect(logPartition(g, 1, { fields: [0, 0, 0, 0] })).toBeCloseTo(logPartition(g, 1), 15);
  });

  const bad: [string, () => unknown, string][] = [
    ['a NaN coupling', () => logPartition(cycleGraph(3), [1, Number.NaN, 1]), 'couplings[1]'],
    ['an infinite coupling', () => logPartition(cycleGraph(3), Number.POSITIVE_INFINITY), 'couplings'],
    ['couplings of the wrong length', () => logPartition(cycleGraph(3), [1, 1]), 'couplings'],
    ["'weights' on an unweighted graph", () => logPartition(cycleGraph(3), 'weights'), 'couplings'],
    ['a negative β', () => logPartition(cycleGraph(3), 1, { beta: -1 }), 'options.beta'],
    ['an unknown option', () => logPartition(cycleGraph(3), 1, { temperature: 1 } as never), 'options.temperature'],
  ];
  for (const [name, fn, argument] of bad) {
    it(`rejects ${name} (InvalidArgumentError on ${argument})`, () => {
      let caught: unknown;
      try {
        fn();
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    });
  }

  it(`edgeCorrelations solves blocks far above ${MAX_DENSE_BLOCK_NODES} nodes: the bulk bond correlation of a 61×61 lattice equals Onsager's`, () => {
    // infinite square lattice, J = 1: ⟨x_u x_v⟩ = −u/2 with u = −coth 2β [1 + (2/π)(2 tanh² 2β − 1) K(k)] the energy
    // per site (two bonds), k = 2 sinh 2β / cosh² 2β (Onsager 1944), K by the arithmetic–geometric mean. At β = 0.3 the correlation length is about 2 sites, so
    // the boundary 30 sites away shifts the centre bond by ~e^{−15}.
    const beta = 0.3;
    const k = (2 * Math.sinh(2 * beta)) / Math.cosh(2 * beta) ** 2;
    let a = 1;
    let b = Math.sqrt(1 - k * k);
    for (let i = 0; i < 30; i++) [a, b] = [(a + b) / 2, Math.sqrt(a * b)];
    const ellipticK = Math.PI / (2 * a);
    const onsager = (0.5 / Math.tanh(2 * beta)) * (1 + (2 / Math.PI) * (2 * Math.tanh(2 * beta) ** 2 - 1) * ellipticK);
    const L = 61;
    const graph = squareLattice(L, L);
    const corr = edgeCorrelations(graph, 1, { beta });
    const centre = (L >> 1) * L + (L >> 1);
    let worst = 0;
    for (let p = graph.offsets[centre]!; p < graph.offsets[centre + 1]!; p++) worst = Math.max(worst, Math.abs(corr[graph.edgeIds[p]!]! - onsager));
    process.stdout.write(`61×61 lattice at β = 0.3: centre bonds vs Onsager's ${onsager.toFixed(12)}, worst ${worst.toExponential(1)}\n`);
    expect(graph.offsets[centre + 1]! - graph.offsets[centre]!).toBe(4);
    expect(worst).toBeLessThan(1e-6);
  });
});
