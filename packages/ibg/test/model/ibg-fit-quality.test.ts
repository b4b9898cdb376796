import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, fromEdges } from '@isinglab/graph';
import { ibgFitQuality } from '../../src/model/ibg-fit-quality.js';
import { ibgLoss } from '../../src/model/ibg-loss.js';
import type { IbgFactors } from '../../src/model/ibg-factors.js';
import { denseAdjacency, randomDigraph, randomFactors, randomFeatures } from './helpers.js';

/** Dense B = W ∘ (A − Â) and the exact cut norm max_{S,T} |1_Sᵀ B 1_T| by enumerating S (2^N) with the best T for each. */
function bruteForceCut(graphN: number, a: Float64Array, f: IbgFactors, w: number): { b: Float64Array; best: number } {
  const n = graphN;
  const k = f.communities;
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let ahat = 0;
      for (let c = 0; c < k; c++) ahat += f.sourceMemberships[i * k + c]! * f.weights[c]! * f.targetMemberships[j * k + c]!;
      b[i * n + j] = (a[i * n + j] === 1 ? 1 : w) * (a[i * n + j]! - ahat);
    }
  }
  let best = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    let pos = 0;
    let neg = 0;
    for (let j = 0; j < n; j++) {
      let col = 0;
      for (let i = 0; i < n; i++) if (mask & (1 << i)) col += b[i * n + j]!;
      if (col > 0) pos += col;
      else neg -= col;
    }
    best = Math.max(best, pos, neg);
  }
  return { b, best };
}

describe('ibgFitQuality', () => {
  it('brackets the exact densifying cut similarity and certifies its lower bound (20 small graphs)', () => {
    const rng = createRng(31);
    let exactHits = 0;
    for (let t = 0; t < 20; t++) {
      const n = 4 + rng.int(6);
      const g = randomDigraph(rng, n, 0.2 + 0.5 * rng.float64(), t % 2 === 0);
      const f = randomFactors(rng, n, 1 + rng.int(3));
      // scale Â towards the graph's density so the residual has both signs
      const scaled = { ...f, weights: f.weights.map((x) => 0.4 * x) };
      const gamma = [null, 0.3, 2][t % 3]!;
      const q = ibgFitQuality(g, scaled, { rng: createRng(t), densifyingScale: gamma });
      const nnz = g.offsets[n]!;
      const { b, best } = bruteForceCut(n, denseAdjacency(g), scaled, q.nonEdgeWeight);
      const exact = best / nnz;
      // 1e-12: both sides sum the same ≤ 81 terms of size O(1)
      expect(q.cutSimilarity.lowerBound).toBeLessThanOrEqual(exact + 1e-12);
      expect(q.cutSimilarity.upperBound).toBeGreaterThanOrEqual(exact - 1e-12);
      // the certificate: the returned sets attain the lower bound, with the reported sign
      let block = 0;
      for (const i of q.cutSimilarity.sources) for (const j of q.cutSimilarity.targets) block += b[i * n + j]!;
      expect(Math.abs(block) / nnz).toBeCloseTo(q.cutSimilarity.lowerBound, 12);
      if (q.cutSimilarity.lowerBound > 0) expect(Math.sign(block)).toBe(q.cutSimilarity.sign);
      if (Math.abs(q.cutSimilarity.lowerBound - exact) <= 1e-12) exactHits++;
    }
    // the local search with 8 starts per sign finds the exact maximum on most of these tiny instances
    expect(exactHits).toBeGreaterThanOrEqual(16);
  });

  it('reports the relative errors of ibgLoss and the signal error', () => {
    const rng = createRng(4);
    const g = randomDigraph(rng, 12, 0.3);
    const f = randomFactors(rng, 12, 3, 2);
    const x = randomFeatures(rng, 12, 2);
    const q = ibgFitQuality(g, f, { rng, densifyingScale: 0.5, features: x });
    const loss = ibgLoss(g, f, { densifyingScale: 0.5, features: x });
    expect(q.relativeError).toBe(loss.relativeError);
    expect(q.unweightedRelativeError).toBe(loss.unweightedRelativeError);
    expect(q.nonEdgeWeight).toBe(loss.nonEdgeWeight);
    let num = 0;
    let den = 0;
    for (let i = 0; i < 12; i++) {
      for (let t = 0; t < 2; t++) {
        let xhat = 0;
        for (let c = 0; c < 3; c++) xhat += f.weights[c]! * (f.sourceMemberships[i * 3 + c]! * f.sourceFeatures[c * 2 + t]! + f.targetMemberships[i * 3 + c]! * f.targetFeatures[c * 2 + t]!);
        num += (x[i * 2 + t]! - xhat) ** 2;
        den += x[i * 2 + t]! ** 2;
      }
    }
    expect(q.signalRelativeError).toBeCloseTo(Math.sqrt(num / den), 12);
    expect(ibgFitQuality(g, { ...f, featureDim: 0, sourceFeatures: new Float64Array(0), targetFeatures: new Float64Array(0) }, { rng }).signalRelativeError).toBeNull();
  });

  it('is zero for an exact IBG', () => {
    const graph = fromEdges([[0, 2], [0, 3], [1, 2], [1, 3]], { directed: true, order: 5 });
    const f: IbgFactors = {
      nodes: 5,
      communities: 1,
      featureDim: 0,
      sourceMemberships: Float64Array.of(1, 1, 0, 0, 0),
      targetMemberships: Float64Array.of(0, 0, 1, 1, 0),
      weights: Float64Array.of(1),
      sourceFeatures: new Float64Array(0),
      targetFeatures: new Float64Array(0),
    };
    const q = ibgFitQuality(graph, f, { rng: createRng(1) });
    expect(q.relativeError).toBe(0);
    expect(q.cutSimilarity.lowerBound).toBe(0);
    expect(q.cutSimilarity.upperBound).toBe(0);
  });

  const g = fromEdges([[0, 1], [1, 2]], { directed: true });
  const f = randomFactors(createRng(1), 3, 2);
  const table: [string, () => unknown, string][] = [
    ['no rng', () => ibgFitQuality(g, f, {} as never), 'options.rng'],
    ['zero restarts', () => ibgFitQuality(g, f, { rng: createRng(1), restarts: 0 }), 'options.restarts'],
    ['zero iterations', () => ibgFitQuality(g, f, { rng: createRng(1), maxIterations: 0 }), 'options.maxIterations'],
    ['factors for another graph', () => ibgFitQuality(g, randomFactors(createRng(1), 4, 2), { rng: createRng(1) }), 'factors.nodes'],
    ['an unknown option', () => ibgFitQuality(g, f, { rng: createRng(1), sets: 3 } as never), 'options.sets'],
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
