import { describe, expect, it } from '@jest/globals';
import {
  UnsupportedGraphError,
  checkPlanarity,
  completeBipartiteGraph,
  completeGraph,
  createRng,
  fromEdges,
  isK33MinorFree,
  petersenGraph,
  randomK33FreeGraph,
  randomPlanarGraph,
  verifyKuratowskiSubgraph,
  type Graph,
  type Rng,
} from '@isinglab/graph';
import { edgeCorrelations, logPartition, sampleExact } from '../../src/index.js';
import { k33FreeDecomposition, k33FreeEdgeCorrelations, k33FreeLogPartition } from '../../src/k33-free/k33-free-ising.js';
import { bruteForce } from '../helpers/brute-force.js';
import { chiSquareTest } from '../helpers/chi-square.js';

/** Two K5s sharing an edge, a K5 glued to a wheel at one node, and other small K3,3-free non-planar graphs. */
function k5Pair(): Graph {
  const edges: [number, number][] = [];
  for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) edges.push([i, j]);
  const b = [0, 1, 5, 6, 7];
  for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) if (!(b[i] === 0 && b[j] === 1)) edges.push([b[i]!, b[j]!]);
  return fromEdges(edges);
}

function randomModel(k: number, rng: Rng): { graph: Graph; betaJ: Float64Array } {
  // N = 6..14 for most models (brute force over 2^N states with every correlation is the cost), 18..22 for every
  // 60th
  const n = k % 60 === 59 ? 18 + (k % 5) : 6 + (k % 9);
  const { graph } = randomK33FreeGraph(n, {
    rng,
    k5Probability: 0.4 + 0.5 * rng.float64(),
    oneSumProbability: k % 3 === 0 ? 0.3 : 0,
    deleteSharedEdgeProbability: k % 4 === 1 ? 0.5 : 0,
    maxPieceOrder: 3 + (k % 6),
  });
  const scale = k % 5 === 0 ? 3 : 1.5;
  const ferro = k % 7 === 3;
  const betaJ = Float64Array.from({ length: graph.size }, () => (ferro ? scale * rng.float64() : scale * (2 * rng.float64() - 1)));
  return { graph, betaJ };
}

describe('K3,3-minor-free graphs: log Z and correlations against brute force', () => {
  it('≥ 300 random K3,3-free models with K5 pieces (N ≤ 22): log Z to 1e-9 relative', () => {
    const rng = createRng(2024);
    let worst = 0;
    let nonPlanar = 0;
    for (let k = 0; k < 300; k++) {
      const { graph, betaJ } = randomModel(k, rng);
      const exact = bruteForce(graph, betaJ).logZ;
      const logZ = logPartition(graph, betaJ);
      const rel = Math.abs(logZ - exact) / Math.max(1, Math.abs(exact));
      worst = Math.max(worst, rel);
      if (!(rel <= 1e-9)) throw new Error(`model ${k} (N = ${graph.order}): ${logZ} vs brute force ${exact}`);
      if (!checkPlanarity(graph, { certificate: false }).planar) nonPlanar++;
    }
    process.stdout.write(`K33-free log Z vs brute force: 300 models (${nonPlanar} non-planar), worst relative error ${worst.toExponential(1)}\n`);
    // most models hold a K5 piece, so the SPQR path (not the planar one) is what is tested
    expect(nonPlanar).toBeGreaterThan(150);
  });

  it('edge correlations of 60 random K3,3-free models to 1e-9', () => {
    const rng = createRng(2025);
    let worst = 0;
    for (let k = 0; k < 60; k++) {
      const { graph, betaJ } = randomModel(k, rng);
      const exact = bruteForce(graph, betaJ).correlations;
      const corr = edgeCorrelations(graph, betaJ);
      for (let e = 0; e < graph.size; e++) worst = Math.max(worst, Math.abs(corr[e]! - exact[e]!));
    }
    process.stdout.write(`K33-free correlations vs brute force: worst absolute error ${worst.toExponential(1)}\n`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('named graphs: K5, two K5s sharing an edge, K5 with pendant cycle; β scales couplings', () => {
    const graphs = [completeGraph(5), k5Pair(), fromEdges([[0, 1], [0, 2], [0, 3], [0, 4], [1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4], [4, 5], [5, 6], [6, 4]])];
    for (const graph of graphs) {
      expect(isK33MinorFree(graph)).toBe(true);
      const J = Float64Array.from({ length: graph.size }, (_, e) => (e % 3 === 0 ? -0.8 : 0.6));
      const beta = 1.3;
      const exact = bruteForce(graph, J.map((j) => beta * j));
      expect(Math.abs(logPartition(graph, J, { beta }) - exact.logZ)).toBeLessThan(1e-12 * Math.abs(exact.logZ) + 1e-12);
      const corr = edgeCorrelations(graph, J, { beta });
      for (let e = 0; e < graph.size; e++) expect(Math.abs(corr[e]! - exact.correlations[e]!)).toBeLessThan(1e-10);
    }
  });

  it('the SPQR dynamic programme equals the planar solver on planar inputs (2-sums of planar pieces, N 50–400)', () => {
    const rng = createRng(8);
    const site = { pkg: 'exact', fn: 'test' };
    let worstZ = 0;
    let worstC = 0;
    for (let k = 0; k < 12; k++) {
      const graph = randomK33FreeGraph(50 + 30 * k, { rng, k5Probability: 0, maxPieceOrder: 6 + k, oneSumProbability: k % 3 === 0 ? 0.2 : 0 }).graph;
      expect(checkPlanarity(graph, { certificate: false }).planar).toBe(true);
      const betaJ = Float64Array.from({ length: graph.size }, () => 3 * (2 * rng.float64() - 1));
      const d = k33FreeDecomposition(site, graph);
      const planarZ = logPartition(graph, betaJ);
      worstZ = Math.max(worstZ, Math.abs(k33FreeLogPartition(graph, betaJ, d) - planarZ) / Math.abs(planarZ));
      if (graph.order <= 120) {
        // weaker couplings here: the planar solver's dense correlations refuse |βJ| ≈ 3 on 100-node blocks
        const weak = betaJ.map((x) => 0.5 * x);
        const planarC = edgeCorrelations(graph, weak);
        const c = k33FreeEdgeCorrelations(graph, weak, d);
        for (let e = 0; e < graph.size; e++) worstC = Math.max(worstC, Math.abs(c[e]! - planarC[e]!));
      }
    }
    process.stdout.write(`SPQR DP vs planar solver on planar graphs: log Z ${worstZ.toExponential(1)} relative, correlations ${worstC.toExponential(1)}\n`);
    expect(worstZ).toBeLessThan(1e-11);
    expect(worstC).toBeLessThan(1e-9);
  });

  it('agrees with the planar solver on planar inputs glued into K5 trees (strong couplings, |βJ| ≤ 8)', () => {
    // a planar graph is solved by the planar path; attach a K5 by a 2-sum and the K33-free path takes over: removing
    // the K5's edges (J = 0 on them) must give back the planar value plus 3 free nodes (3 log 2)
    const rng = createRng(7);
    for (let k = 0; k < 10; k++) {
      const planar = randomPlanarGraph(30 + 5 * k, { rng }).graph;
      const u = planar.edgeSources[0]!;
      const v = planar.edgeTargets[0]!;
      const n = planar.order;
      const edges: [number, number][] = [];
      for (let e = 0; e < planar.size; e++) edges.push([planar.edgeSources[e]!, planar.edgeTargets[e]!]);
      const k5 = [u, v, n, n + 1, n + 2];
      for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) if (i + j > 1) edges.push([k5[i]!, k5[j]!]);
      const glued = fromEdges(edges);
      const J = new Float64Array(glued.size);
      const Jp = Float64Array.from({ length: planar.size }, () => 8 * (2 * rng.float64() - 1));
      // fromEdges keeps the edge order for a simple edge list: the first planar.size edges are the planar ones
      for (let e = 0; e < planar.size; e++) {
        expect([glued.edgeSources[e], glued.edgeTargets[e]].sort()).toEqual([planar.edgeSources[e], planar.edgeTargets[e]].sort());
        J[e] = Jp[e]!;
      }
      const reference = logPartition(planar, Jp) + 3 * Math.LN2;
      expect(Math.abs(logPartition(glued, J) - reference) / Math.abs(reference)).toBeLessThan(1e-11);
    }
  });
});

describe('K3,3-minor-free graphs: exact samples', () => {
  const graphs: [string, Graph][] = [];
  const rng = createRng(99);
  graphs.push(['K5', completeGraph(5)], ['two K5s sharing an edge', k5Pair()]);
  for (let k = 0; graphs.length < 20; k++) {
    const g = randomK33FreeGraph(6 + (k % 7), { rng, k5Probability: 0.7, oneSumProbability: k % 3 === 0 ? 0.3 : 0, maxPieceOrder: 4 + (k % 4) }).graph;
    if (g.order <= 12) graphs.push([`random K33-free ${k} (N = ${g.order})`, g]);
  }
  graphs.forEach(([name, graph], k) => {
    it(`${name}: χ² against brute force, p > 0.001`, () => {
      const r = createRng(300 + k);
      const betaJ = Float64Array.from({ length: graph.size }, () => 1.6 * r.float64() - 0.8);
      const exact = bruteForce(graph, betaJ);
      const samples = 6000;
      const x = sampleExact(graph, betaJ, { samples, rng: createRng(500 + k) });
      const n = graph.order;
      const counts = new Float64Array(2 ** n);
      for (let s = 0; s < samples; s++) {
        let state = 0;
        for (let i = 0; i < n; i++) if (x[s * n + i] === 1) state |= 1 << i;
        counts[state]!++;
      }
      const expected = exact.logProbabilities!.map((lp) => samples * Math.exp(lp));
      // p > 0.001 per graph: with 20 graphs a false alarm has probability ≈ 2 %; seeds are fixed
      expect(chiSquareTest(counts, expected).pValue).toBeGreaterThan(0.001);
    });
  });
});

describe('graphs with a K3,3 minor', () => {
  it('throw UnsupportedGraphError with a verified K3,3 subdivision as certificate', () => {
    for (const graph of [completeBipartiteGraph(3, 3), petersenGraph(), completeGraph(6)]) {
      for (const call of [() => logPartition(graph, 1), () => edgeCorrelations(graph, 1), () => sampleExact(graph, 1, { samples: 1, rng: createRng(1) })]) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(UnsupportedGraphError.isInstance(caught)).toBe(true);
        expect((caught as Error).message).toMatch(/K3,3 minor/);
        const certificate = (caught as UnsupportedGraphError).certificate as Parameters<typeof verifyKuratowskiSubgraph>[1];
        expect(verifyKuratowskiSubgraph(graph, certificate).valid).toBe(true);
      }
    }
  });
});
