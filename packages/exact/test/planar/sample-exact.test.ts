import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  UnsupportedGraphError,
  buildGraph,
  completeGraph,
  createRng,
  cycleGraph,
  fromEdges,
  randomPlanarGraph,
  randomTree,
  squareLattice,
  wheelGraph,
  type Graph,
} from '@isinglab/graph';
import { sampleExact, edgeCorrelations } from '../../src/index.js';
import { sampleExactTuned } from '../../src/planar/sample-exact.js';
import { bruteForce } from '../helpers/brute-force.js';
import { chiSquareTest } from '../helpers/chi-square.js';

function histogram(x: Int8Array, n: number, samples: number): Float64Array {
  const counts = new Float64Array(2 ** n);
  for (let s = 0; s < samples; s++) {
    let state = 0;
    for (let i = 0; i < n; i++) if (x[s * n + i] === 1) state |= 1 << i;
    counts[state]!++;
  }
  return counts;
}

const GRAPHS: [string, Graph][] = [
  ['triangle', completeGraph(3)],
  ['K4', completeGraph(4)],
  ['cycle 6', cycleGraph(6)],
  ['cycle 9', cycleGraph(9)],
  ['wheel 6', wheelGraph(6)],
  ['wheel 8', wheelGraph(8)],
  ['grid 2×4', squareLattice(2, 4)],
  ['grid 3×3', squareLattice(3, 3)],
  ['tree 8', randomTree(8, { rng: createRng(1) })],
  ['tree 10', randomTree(10, { rng: createRng(2) })],
  ['Delaunay 7', randomPlanarGraph(7, { rng: createRng(3) }).graph],
  ['Delaunay 9', randomPlanarGraph(9, { rng: createRng(4) }).graph],
  ['Delaunay 10', randomPlanarGraph(10, { rng: createRng(5) }).graph],
  ['sparse Delaunay 10 (bridges, pieces)', randomPlanarGraph(10, { rng: createRng(6) , keepEdgeProbability: 0.5 }).graph],
  ['two triangles joined by a path', fromEdges([[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 5], [5, 6], [6, 4]])],
  ['bowtie (articulation point)', fromEdges([[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]])],
  ['disconnected with an isolated node', buildGraph({ order: 7, sources: [0, 1, 2, 3, 4], targets: [1, 2, 0, 4, 5] }).graph],
  ['path 6', fromEdges([[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]])],
  ['square with a diagonal', fromEdges([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]])],
  ['grid 3×4', squareLattice(3, 4)],
];

describe('sampleExact: χ² goodness of fit against the brute-force distribution', () => {
  it('covers ≥ 20 small graphs', () => expect(GRAPHS.length).toBeGreaterThanOrEqual(20));
  GRAPHS.forEach(([name, graph], k) => {
    it(`${name}: mixed couplings, p > 0.001`, () => {
      const rng = createRng(100 + k);
      const J = Float64Array.from({ length: graph.size }, () => 2.4 * rng.float64() - 1.2);
      const beta = 0.8;
      const exact = bruteForce(graph, J.map((j) => beta * j));
      const samples = 6000;
      const x = sampleExact(graph, J, { beta, samples, rng: createRng(7 + k) });
      expect(x.length).toBe(samples * graph.order);
      expect(x.every((v) => v === 1 || v === -1)).toBe(true);
      const observed = histogram(x, graph.order, samples);
      const expected = exact.logProbabilities!.map((lp) => samples * Math.exp(lp));
      // p > 0.001 per graph: with 20 graphs a false alarm has probability ≈ 2 %; seeds are fixed
      expect(chiSquareTest(observed, expected).pValue).toBeGreaterThan(0.001);
    });
  });

  it('the empirical KL divergence shrinks ∝ 1/samples (plug-in bias ≈ (states − 1)/(2·samples))', () => {
    const graph = squareLattice(2, 4);
    const J = Float64Array.from({ length: graph.size }, (_, e) => (e % 3 === 0 ? -0.7 : 0.9));
    const exact = bruteForce(graph, J);
    const kl = [1000, 4000, 16000].map((samples) => {
      const counts = histogram(sampleExact(graph, J, { samples, rng: createRng(samples) }), graph.order, samples);
      let d = 0;
      counts.forEach((c, s) => {
        if (c > 0) d += (c / samples) * (Math.log(c / samples) - exact.logProbabilities![s]!);
      });
      return d;
    });
    // a 16× larger sample should shrink KL by ~16 (within a factor 2 either way)
    expect(kl[0]! / kl[2]!).toBeGreaterThan(8);
    expect(kl[0]! / kl[2]!).toBeLessThan(32);
    expect(kl[1]!).toBeLessThan(kl[0]!);
  });

  it('is reproducible from the seed and rejects bad input', () => {
    const g = cycleGraph(5);
    expect(Array.from(sampleExact(g, 1, { samples: 5, rng: createRng(1) }))).toEqual(Array.from(sampleExact(g, 1, { samples: 5, rng: createRng(1) })));
    expect(sampleExact(g, 1, { samples: 0, rng: createRng(1) }).length).toBe(0);
    expect(() => sampleExact(g, 1, { samples: 2.5, rng: createRng(1) })).toThrow(InvalidArgumentError);
    expect(() => sampleExact(g, 1, { samples: 2 } as never)).toThrow(/options.rng/);
    expect(() => sampleExact(completeGraph(6), 1, { samples: 1, rng: createRng(1) })).toThrow(UnsupportedGraphError);
    expect(() => sampleExact(g, 1, { samples: 1, rng: createRng(1), fields: 0.5 })).toThrow(UnsupportedGraphError);
  });
});

describe('sampleExact: the separator sampler (forced onto small graphs) against brute force', () => {
  // every block of ≥ 3 nodes goes through separators; pieces of ≤ 6 expanded-dual vertices are sampled densely, so
  // a 16-node graph (~90 vertices) recurses through several separator levels
  const forced = { denseBlockNodes: 2, densePieceVertices: 6 };
  const CASES: [string, Graph][] = [
    ['grid 3×4', squareLattice(3, 4)],
    ['grid 4×4', squareLattice(4, 4)],
    ['Delaunay 12', randomPlanarGraph(12, { rng: createRng(21) }).graph],
    ['Delaunay 14', randomPlanarGraph(14, { rng: createRng(22) }).graph],
    ['wheel 10', wheelGraph(10)],
    ['bowtie (articulation point)', fromEdges([[0, 1], [1, 2], [2, 0], [2, 3], [3, 4], [4, 2]])],
    ['sparse Delaunay 13 (bridges, pieces)', randomPlanarGraph(13, { rng: createRng(23), keepEdgeProbability: 0.6 }).graph],
  ];
  CASES.forEach(([name, graph], k) => {
    it(`${name}: frustrated mixed couplings, χ² p > 0.001`, () => {
      const rng = createRng(300 + k);
      const J = Float64Array.from({ length: graph.size }, () => 2.4 * rng.float64() - 1.2);
      const beta = 0.8;
      const exact = bruteForce(graph, J.map((j) => beta * j));
      const samples = 5000;
      const x = sampleExactTuned(graph, J, { beta, samples, rng: createRng(70 + k) }, forced);
      const observed = histogram(x, graph.order, samples);
      const expected = exact.logProbabilities!.map((lp) => samples * Math.exp(lp));
      expect(chiSquareTest(observed, expected).pValue).toBeGreaterThan(0.001);
    });
  });

  it('the outer face’s chords forced into the top separator (grid 4×4, wheel 10): χ² p > 0.001', () => {
    for (const [graph, k] of [[squareLattice(4, 4), 0], [wheelGraph(10), 1]] as const) {
      const rng = createRng(500 + k);
      const J = Float64Array.from({ length: graph.size }, () => 2.4 * rng.float64() - 1.2);
      const beta = 0.8;
      const exact = bruteForce(graph, J.map((j) => beta * j));
      const samples = 5000;
      const x = sampleExactTuned(graph, J, { beta, samples, rng: createRng(90 + k) }, { ...forced, shortcutBudget: 100 });
      const observed = histogram(x, graph.order, samples);
      const expected = exact.logProbabilities!.map((lp) => samples * Math.exp(lp));
      expect(chiSquareTest(observed, expected).pValue).toBeGreaterThan(0.001);
    }
  });

  it('default thresholds on a 14×14 lattice and a 150-node Delaunay graph: edge correlations within 4.5σ of the exact ones', () => {
    for (const [graph, seed] of [[squareLattice(14, 14), 1], [randomPlanarGraph(150, { rng: createRng(5) }).graph, 2]] as const) {
      const rng = createRng(seed);
      const J = Float64Array.from({ length: graph.size }, () => 2 * rng.float64() - 0.8);
      const beta = 0.7;
      const exact = edgeCorrelations(graph, J, { beta });
      const samples = 300;
      const x = sampleExact(graph, J, { beta, samples, rng: createRng(10 + seed) });
      const n = graph.order;
      let worst = 0;
      for (let e = 0; e < graph.size; e++) {
        const u = graph.edgeSources[e]!;
        const v = graph.edgeTargets[e]!;
        let sum = 0;
        for (let s = 0; s < samples; s++) sum += x[s * n + u]! * x[s * n + v]!;
        const mean = sum / samples;
        const c = exact[e]!;
        // σ of a ±1 mean: √((1 − c²)/samples), floored for edges that are almost surely aligned
        const sigma = Math.sqrt(Math.max(1 - c * c, 0.01) / samples);
        worst = Math.max(worst, Math.abs(mean - c) / sigma);
      }
      // max over ~360–440 edges of |z|: 4.5σ has a two-sided tail of ~7e-6 per edge
      expect(worst).toBeLessThan(4.5);
    }
  });
});
