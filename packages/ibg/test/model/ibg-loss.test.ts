import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, fromEdges, karateClub, petersenGraph, type Graph } from '@isinglab/graph';
import { createIbgGradient, ibgLoss, ibgLossGradientInto } from '../../src/model/ibg-loss.js';
import type { IbgFactors } from '../../src/model/ibg-factors.js';
import { denseLoss, randomDigraph, randomFactors, randomFeatures, sigmoid } from './helpers.js';

interface Case {
  name: string;
  graph: Graph;
  factors: IbgFactors;
  gamma: number | null;
  features?: Float64Array;
  lambda: number;
}

/** 24 small random directed graphs (with and without self-loops), two undirected ones, every combination of
 * features on/off and densifying weight on/off (γ = null is the unweighted loss; γ = 0 weighs arcs only). */
function cases(): Case[] {
  const rng = createRng(20240917);
  const gammas = [null, 0, 0.5, 0.1, 20, 0.25] as const;
  const out: Case[] = [];
  for (let t = 0; t < 24; t++) {
    const n = 2 + rng.int(11);
    const graph = randomDigraph(rng, n, 0.1 + 0.7 * rng.float64(), t % 3 === 0);
    const k = 1 + rng.int(5);
    const d = t % 2 === 0 ? 1 + rng.int(3) : 0;
    out.push({
      name: `digraph #${t} (n=${n}, k=${k}, d=${d}, γ=${gammas[t % 6]})`,
      graph,
      factors: randomFactors(rng, n, k, d),
      gamma: gammas[t % 6]!,
      ...(d > 0 ? { features: randomFeatures(rng, n, d) } : {}),
      lambda: d > 0 ? 0.3 + rng.float64() : 1,
    });
  }
  const petersen = petersenGraph();
  out.push({ name: 'Petersen (undirected), γ=2', graph: petersen, factors: randomFactors(rng, 10, 3, 2), gamma: 2, features: randomFeatures(rng, 10, 2), lambda: 1 });
  const karate = karateClub();
  out.push({ name: 'karate club (undirected), unweighted', graph: karate, factors: randomFactors(rng, 34, 4), gamma: null, lambda: 1 });
  return out;
}

function lossOptions(c: Case) {
  return { densifyingScale: c.gamma, signalWeight: c.lambda, ...(c.features ? { features: c.features } : {}) };
}

function reference(c: Case, f: IbgFactors = c.factors) {
  return denseLoss({
    graph: c.graph,
    u: f.sourceMemberships,
    v: f.targetMemberships,
    r: f.weights,
    k: f.communities,
    gamma: c.gamma,
    lambda: c.lambda,
    ...(c.features ? { features: c.features, d: f.featureDim, fs: f.sourceFeatures, fd: f.targetFeatures } : {}),
  });
}

describe('ibgLoss', () => {
  // Tolerance 1e-9 relative: the sparse form (arc sum + Gram-matrix trace) and the dense N × N sum add the same
  // terms in a different order; on these sizes the rounding difference is ~1e-14 relative.
  it.each(cases().map((c) => [c.name, c] as const))('equals the dense N × N reference on %s', (_name, c) => {
    const got = ibgLoss(c.graph, c.factors, lossOptions(c));
    const ref = reference(c);
    expect(Math.abs(got.loss - ref.loss)).toBeLessThanOrEqual(1e-9 * Math.abs(ref.loss));
    expect(Math.abs(got.graphTerm - ref.graphTerm)).toBeLessThanOrEqual(1e-9 * Math.abs(ref.graphTerm));
    expect(Math.abs(got.signalTerm - ref.signalTerm)).toBeLessThanOrEqual(1e-9 * Math.abs(ref.signalTerm));
    expect(got.nonEdgeWeight).toBe(ref.w);
    const nnz = c.graph.offsets[c.graph.order]!;
    expect(got.relativeError).toBeCloseTo(Math.sqrt(ref.weightedSse / nnz), 9);
    expect(got.unweightedRelativeError).toBeCloseTo(Math.sqrt(ref.unweightedSse / nnz), 9);
  });

  it('is zero for an exact IBG and uses w = min(1, γE/(N² − E))', () => {
    // A = 1_S 1_Tᵀ with S = {0, 1}, T = {2, 3}: one community with 0/1 memberships reproduces it exactly
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
    const res = ibgLoss(graph, f, { densifyingScale: 2 });
    expect(res.loss).toBe(0);
    expect(res.relativeError).toBe(0);
    expect(res.nonEdgeWeight).toBeCloseTo((2 * 4) / 21, 15);
    expect(ibgLoss(graph, f, { densifyingScale: 100 }).nonEdgeWeight).toBe(1);
    expect(ibgLoss(graph, f).nonEdgeWeight).toBe(1); // default γ = 20 > (N² − E)/E = 5.25: capped
  });
});

describe('ibgLossGradientInto', () => {
  /** The dense reference as a function of the flat parameters [logit U | logit V | r | F_src | F_dst]. */
  function flatLoss(c: Case, theta: Float64Array): number {
    const { nodes: n, communities: k, featureDim: d } = c.factors;
    const nk = n * k;
    const f: IbgFactors = {
      ...c.factors,
      sourceMemberships: theta.slice(0, nk).map(sigmoid),
      targetMemberships: theta.slice(nk, 2 * nk).map(sigmoid),
      weights: theta.slice(2 * nk, 2 * nk + k),
      sourceFeatures: theta.slice(2 * nk + k, 2 * nk + k + k * d),
      targetFeatures: theta.slice(2 * nk + k + k * d),
    };
    return reference(c, f).loss;
  }

  // Central differences with h = 1e-5 have truncation error O(h²·f''') ≈ 1e-10 and rounding error
  // O(ε·|f|/h) ≈ 1e-10 here, so 1e-5 relative (plus 1e-7 of the largest component, for entries near 0) is tight.
  it.each(cases().map((c) => [c.name, c] as const))('equals central differences of the dense reference on %s', (_name, c) => {
    const { nodes: n, communities: k, featureDim: d } = c.factors;
    const nk = n * k;
    const logit = (x: number) => Math.log(x / (1 - x));
    const theta = Float64Array.from([
      ...Array.from(c.factors.sourceMemberships, logit),
      ...Array.from(c.factors.targetMemberships, logit),
      ...c.factors.weights,
      ...c.factors.sourceFeatures,
      ...c.factors.targetFeatures,
    ]);
    // memberships must be exactly sigmoid(theta) for the comparison to be about the same point
    const factors: IbgFactors = {
      ...c.factors,
      sourceMemberships: theta.slice(0, nk).map(sigmoid),
      targetMemberships: theta.slice(nk, 2 * nk).map(sigmoid),
    };
    const grad = createIbgGradient(factors);
    const res = ibgLossGradientInto(grad, c.graph, factors, lossOptions(c));
    expect(res.loss).toBeCloseTo(ibgLoss(c.graph, factors, lossOptions(c)).loss, 12);
    const analytic = Float64Array.from([...grad.sourceLogits, ...grad.targetLogits, ...grad.weights, ...grad.sourceFeatures, ...grad.targetFeatures]);
    expect(analytic.length).toBe(2 * nk + k + 2 * k * d);
    const h = 1e-5;
    const numeric = new Float64Array(theta.length);
    for (let i = 0; i < theta.length; i++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[i] = plus[i]! + h;
      minus[i] = minus[i]! - h;
      numeric[i] = (flatLoss(c, plus) - flatLoss(c, minus)) / (2 * h);
    }
    const scale = Math.max(...Array.from(numeric, Math.abs));
    for (let i = 0; i < theta.length; i++) {
      expect(Math.abs(analytic[i]! - numeric[i]!)).toBeLessThanOrEqual(1e-5 * Math.abs(numeric[i]!) + 1e-7 * scale);
    }
  });

  it('is zero at an exact IBG with saturated memberships (a stationary point)', () => {
    const graph = fromEdges([[0, 1], [1, 0]], { directed: true });
    const f: IbgFactors = {
      nodes: 2,
      communities: 2,
      featureDim: 0,
      sourceMemberships: Float64Array.of(1, 0, 0, 1),
      targetMemberships: Float64Array.of(0, 1, 1, 0),
      weights: Float64Array.of(1, 1),
      sourceFeatures: new Float64Array(0),
      targetFeatures: new Float64Array(0),
    };
    const grad = createIbgGradient(f);
    expect(ibgLossGradientInto(grad, graph, f, { densifyingScale: null }).loss).toBe(0);
    for (const a of [grad.sourceLogits, grad.targetLogits, grad.weights]) for (const x of a) expect(x).toBe(0);
  });
});

describe('ibgLoss / ibgLossGradientInto: bad inputs', () => {
  const rng = createRng(5);
  const graph = randomDigraph(rng, 6, 0.4);
  const good = randomFactors(rng, 6, 2);
  const empty = fromEdges([], { directed: true, order: 3 });
  const table: [string, () => unknown, string][] = [
    ['not a graph', () => ibgLoss({} as Graph, good), 'graph'],
    ['a graph without arcs', () => ibgLoss(empty, { ...good, nodes: 3 }), 'graph.size'],
    ['factors for another graph', () => ibgLoss(graph, { ...good, nodes: 7 }), 'factors.nodes'],
    ['factors not an object', () => ibgLoss(graph, null as unknown as IbgFactors), 'factors'],
    ['K = 0', () => ibgLoss(graph, { ...good, communities: 0 }), 'factors.communities'],
    ['a membership above 1', () => ibgLoss(graph, { ...good, sourceMemberships: good.sourceMemberships.map((x, i) => (i === 3 ? 1.5 : x)) }), 'factors.sourceMemberships[3]'],
    ['a NaN weight', () => ibgLoss(graph, { ...good, weights: Float64Array.of(NaN, 1) }), 'factors.weights[0]'],
    ['memberships of the wrong length', () => ibgLoss(graph, { ...good, targetMemberships: new Float64Array(5) }), 'factors.targetMemberships.length'],
    ['memberships as a plain array', () => ibgLoss(graph, { ...good, targetMemberships: [0.5] as unknown as Float64Array }), 'factors.targetMemberships'],
    ['features whose length is not a multiple of N', () => ibgLoss(graph, good, { features: new Float64Array(7) }), 'options.features.length'],
    ['features with factors of featureDim 0', () => ibgLoss(graph, good, { features: new Float64Array(12) }), 'factors.featureDim'],
    ['features as Float32Array', () => ibgLoss(graph, good, { features: new Float32Array(6) as unknown as Float64Array }), 'options.features'],
    ['a NaN feature', () => ibgLoss(graph, { ...good, featureDim: 1, sourceFeatures: new Float64Array(2), targetFeatures: new Float64Array(2) }, { features: new Float64Array(6).fill(NaN) }), 'options.features[0]'],
    ['a negative densifying scale', () => ibgLoss(graph, good, { densifyingScale: -1 }), 'options.densifyingScale'],
    ['a NaN signal weight', () => ibgLoss(graph, good, { signalWeight: NaN }), 'options.signalWeight'],
    ['an unknown option', () => ibgLoss(graph, good, { densify: 2 } as never), 'options.densify'],
    ['a gradient buffer of the wrong shape', () => ibgLossGradientInto({ ...createIbgGradient(good), weights: new Float64Array(3) }, graph, good), 'out.weights'],
    ['no gradient buffer', () => ibgLossGradientInto(null as never, graph, good), 'out'],
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
    expect((caught as Error).message).toMatch(/^@isinglab\/ibg /);
  });
});
