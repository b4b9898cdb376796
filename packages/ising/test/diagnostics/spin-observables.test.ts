import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, pathGraph, petersenGraph } from '@isinglab/graph';
import { createIsingModel, energies } from '../../src/model/index.js';
import {
  energySeries,
  magnetisationSeries,
  meanWithError,
  nodeMarginalErrors,
  nodeMarginalsFromSamples,
  pairCorrelationsFromSamples,
} from '../../src/diagnostics/index.js';
import { thrown } from './helpers.js';

// Four hand-made samples of 3 spins (rows); all expected values below are worked out by hand.
const HAND = Int8Array.of(
  1, 1, -1,
  1, -1, -1,
  1, 1, 1,
  -1, -1, -1,
);

describe('spin-sample observables on hand-made samples', () => {
  it('nodeMarginalsFromSamples: column means', () => {
    expect(nodeMarginalsFromSamples(HAND, 3)).toEqual(Float64Array.of(0.5, 0, -0.5));
  });

  it('pairCorrelationsFromSamples: full symmetric matrix with unit diagonal', () => {
    // (0,1): 1,−1,1,1 → 0.5; (0,2): −1,−1,1,1 → 0; (1,2): −1,1,1,1 → 0.5
    expect(pairCorrelationsFromSamples(HAND, 3)).toEqual(Float64Array.of(1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1));
  });

  it('pairCorrelationsFromSamples: selected pairs, in order, repeated and diagonal allowed', () => {
    expect(pairCorrelationsFromSamples(HAND, 3, Int32Array.of(2, 0, 1, 1, 0, 1, 1, 2))).toEqual(Float64Array.of(0, 1, 0.5, 0.5));
    expect(pairCorrelationsFromSamples(HAND, 3, new Int32Array(0))).toEqual(new Float64Array(0));
  });

  it('magnetisationSeries: per-sample mean spin, optionally absolute', () => {
    expect(magnetisationSeries(HAND, 3)).toEqual(Float64Array.of(1 / 3, -1 / 3, 1, -1));
    expect(magnetisationSeries(HAND, 3, { absolute: true })).toEqual(Float64Array.of(1 / 3, 1 / 3, 1, 1));
  });

  it('energySeries: E = −J Σ x_u x_v − Σ h_i x_i on a 3-path, by hand', () => {
    const model = createIsingModel(pathGraph(3), { couplings: 1.5, fields: [0.2, 0, -0.3] });
    // sample 0 (1,1,−1): −1.5(1 − 1) − (0.2 + 0.3) = −0.5
    // sample 1 (1,−1,−1): −1.5(−1 + 1) − (0.2 + 0.3) = −0.5
    // sample 2 (1,1,1): −1.5(2) − (0.2 − 0.3) = −2.9
    // sample 3 (−1,−1,−1): −1.5(2) − (−0.2 + 0.3) = −3.1
    const e = energySeries(model, HAND);
    const expected = [-0.5, -0.5, -2.9, -3.1];
    expected.forEach((v, s) => expect(e[s]).toBeCloseTo(v, 14));
  });

  it('energySeries equals the model’s batch energies on a random Petersen model', () => {
    const rng = createRng(71);
    const model = createIsingModel(petersenGraph(), {
      couplings: Float64Array.from({ length: 15 }, () => rng.normal()),
      fields: Float64Array.from({ length: 10 }, () => rng.normal()),
    });
    const samples = Int8Array.from({ length: 10 * 50 }, () => (rng.float64() < 0.5 ? 1 : -1));
    expect(energySeries(model, samples)).toEqual(energies(model, samples));
  });

  it('order 0: empty results', () => {
    expect(nodeMarginalsFromSamples(new Int8Array(0), 0)).toEqual(new Float64Array(0));
    expect(pairCorrelationsFromSamples(new Int8Array(0), 0)).toEqual(new Float64Array(0));
    expect(magnetisationSeries(new Int8Array(0), 0)).toEqual(new Float64Array(0));
    expect(nodeMarginalErrors(new Int8Array(0), 0, { chains: 2 }).mean).toEqual(new Float64Array(0));
  });
});

describe('nodeMarginalErrors', () => {
  it('equals meanWithError on each node’s ±1 series (the s² = S(1 − m²)/(S − 1) shortcut included)', () => {
    const rng = createRng(72);
    const n = 5;
    const chains = 3;
    const draws = 400;
    // sticky spins: each flips with probability 0.1 + 0.1·i per draw (τ from ≈ 9 down to ≈ 1.5)
    const samples = new Int8Array(chains * draws * n);
    for (let c = 0; c < chains; c++) {
      const x = Int8Array.from({ length: n }, () => (rng.float64() < 0.5 ? 1 : -1));
      for (let d = 0; d < draws; d++) {
        for (let i = 0; i < n; i++) {
          if (rng.float64() < 0.1 + 0.1 * i) x[i] = -(x[i] as number);
          samples[(c * draws + d) * n + i] = x[i] as number;
        }
      }
    }
    const r = nodeMarginalErrors(samples, n, { chains });
    for (let i = 0; i < n; i++) {
      const series = Float64Array.from({ length: chains * draws }, (_, s) => samples[s * n + i] as number);
      const e = meanWithError(series, { chains });
      // same τ; means and variances differ by summation order only
      expect(Math.abs((r.mean[i] as number) - e.mean)).toBeLessThan(1e-14);
      expect(r.ess[i]).toBe(e.ess);
      expect(Math.abs((r.standardError[i] as number) / e.standardError - 1)).toBeLessThan(1e-12);
    }
    expect(r.ess[0]).toBeLessThan(r.ess[4] as number);
  });

  it('iid spins with P(+1) = 0.7: σ ≈ √((1 − m²)/S) and the mean within 4σ of 0.4', () => {
    const rng = createRng(73);
    const n = 4;
    const total = 16000;
    const samples = Int8Array.from({ length: n * total }, () => (rng.float64() < 0.7 ? 1 : -1));
    const r = nodeMarginalErrors(samples, n, { chains: 4 });
    for (let i = 0; i < n; i++) {
      const m = r.mean[i] as number;
      // The relative sd of an iid ESS estimate is ≈ √(2(2M+1)/S) ≈ 3–4 % at S = 16000 (Geyer window M ≤ 7), so
      // σ ∝ ESS^{−1/2} varies by ≤ 2 %: 8 % is 4σ. The 4σ mean check fails by chance with P ≈ 6e-5 per node.
      expect(Math.abs((r.standardError[i] as number) / Math.sqrt((1 - m * m) / total) - 1)).toBeLessThan(0.08);
      expect(Math.abs(m - 0.4)).toBeLessThan(4 * (r.standardError[i] as number));
    }
  });

  it('a constant node: standardError 0 and ess = chains·draws', () => {
    const samples = Int8Array.from({ length: 2 * 60 }, (_, k) => (k % 2 === 0 ? 1 : k % 4 === 1 ? 1 : -1));
    const r = nodeMarginalErrors(samples, 2, { chains: 3 });
    expect(r.mean[0]).toBe(1);
    expect(r.standardError[0]).toBe(0);
    expect(r.ess[0]).toBe(60);
    expect(r.standardError[1]).toBeGreaterThan(0);
  });

  it('a node frozen at +1 in one chain and −1 in the other gets a large error bar', () => {
    const draws = 100;
    const samples = Int8Array.from({ length: 2 * draws }, (_, s) => (s < draws ? 1 : -1));
    const r = nodeMarginalErrors(samples, 1, { chains: 2 });
    expect(r.mean[0]).toBe(0);
    expect(r.ess[0]).toBeLessThan(2);
    expect(r.standardError[0]).toBeGreaterThan(0.5);
  });
});

describe('bad inputs', () => {
  it.each([
    ['marginals: samples not Int8Array', () => nodeMarginalsFromSamples(Float64Array.of(1, -1) as never, 2), 'samples'],
    ['marginals: a 0 spin', () => nodeMarginalsFromSamples(Int8Array.of(1, -1, 0, 1), 2), 'samples[2]'],
    ['marginals: a 2 spin', () => nodeMarginalsFromSamples(Int8Array.of(1, 2), 2), 'samples[1]'],
    ['marginals: length not a multiple', () => nodeMarginalsFromSamples(Int8Array.of(1, -1, 1), 2), 'samples.length'],
    ['marginals: no samples', () => nodeMarginalsFromSamples(new Int8Array(0), 2), 'samples.length'],
    ['marginals: negative order', () => nodeMarginalsFromSamples(new Int8Array(0), -1), 'order'],
    ['marginals: order 0 with samples', () => nodeMarginalsFromSamples(Int8Array.of(1), 0), 'samples.length'],
    ['pairs: odd length', () => pairCorrelationsFromSamples(HAND, 3, Int32Array.of(0, 1, 2)), 'pairs'],
    ['pairs: not Int32Array', () => pairCorrelationsFromSamples(HAND, 3, [0, 1] as never), 'pairs'],
    ['pairs: node out of range', () => pairCorrelationsFromSamples(HAND, 3, Int32Array.of(0, 1, 3, 0)), 'pairs[2]'],
    ['pairs: negative node', () => pairCorrelationsFromSamples(HAND, 3, Int32Array.of(-1, 1)), 'pairs[0]'],
    ['magnetisation: absolute not boolean', () => magnetisationSeries(HAND, 3, { absolute: 1 as never }), 'options.absolute'],
    ['magnetisation: unknown option', () => magnetisationSeries(HAND, 3, { abs: true } as never), 'options.abs'],
    ['energy: not a model', () => energySeries({} as never, HAND), 'model'],
    ['energy: wrong length', () => energySeries(createIsingModel(pathGraph(2)), HAND.subarray(0, 3)), 'samples.length'],
    ['energy: bad spin', () => energySeries(createIsingModel(pathGraph(2)), Int8Array.of(1, -1, 0, 1)), 'samples[2]'],
    ['errors: chains not dividing samples', () => nodeMarginalErrors(new Int8Array(9).fill(1), 1, { chains: 2 }), 'options.chains'],
    ['errors: one draw per chain', () => nodeMarginalErrors(HAND, 3, { chains: 4 }), 'samples.length'],
    ['errors: chains 0', () => nodeMarginalErrors(HAND, 3, { chains: 0 }), 'options.chains'],
    ['errors: bad spin', () => nodeMarginalErrors(Int8Array.of(1, 1, 5, 1), 1), 'samples[2]'],
    ['errors: method', () => nodeMarginalErrors(HAND, 3, { method: 'x' as never }), 'options.method'],
  ])('rejects %s', (_name, fn, argument) => {
    const err = thrown(fn);
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });
});
