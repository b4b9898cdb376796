import { describe, expect, it } from '@jest/globals';
import {
  ConvergenceError,
  InvalidArgumentError,
  completeGraph,
  createRng,
  fromEdges,
  pathGraph,
  petersenGraph,
  randomTree,
  squareLattice,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '../../src/model/index.js';
import {
  etaDeterministic,
  etaMeanField,
  etaStochastic,
  magnetisationFromSamples,
  naiveMeanField,
} from '../../src/approx/index.js';
import { bruteForce } from './brute-force.js';

function uniform(length: number, lo: number, hi: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => lo + (hi - lo) * rng.float64());
}

function randomModel(graph: Graph, beta: number, seed: number): IsingModel {
  return createIsingModel(graph, {
    couplings: uniform(graph.size, -1.5, 1.5, seed),
    fields: uniform(graph.order, -1, 1, seed + 1),
    beta,
  });
}

function caught(call: () => unknown): unknown {
  try {
    call();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('etaStochastic and Eq. 13: E[tanh(β h^eff(x))] = E[x_i] exactly', () => {
  const models: [string, IsingModel][] = [
    ['3×3 grid, random J and h, β=0.7', randomModel(squareLattice(3, 3), 0.7, 1)],
    ['K5 antiferromagnet with fields, β=1', createIsingModel(completeGraph(5), { couplings: -1, fields: uniform(5, -1, 1, 3), beta: 1 })],
    ['Petersen, random J and h, β=1.5', randomModel(petersenGraph(), 1.5, 4)],
    ['random tree 11, β=2', randomModel(randomTree(11, { rng: createRng(5) }), 2, 6)],
    ['forest with isolated nodes, β=0.4', randomModel(fromEdges([[0, 1], [2, 3], [3, 4]], { order: 7 }), 0.4, 7)],
  ];
  for (const [name, model] of models) {
    it(`${name}: Σ_x p(x) η̃_sto(x) = η to 1e-12`, () => {
      const exact = bruteForce(model);
      // Every configuration as one batch, weighted by its exact Boltzmann probability.
      const perConfiguration = etaStochastic(model, exact.configurations);
      expect(perConfiguration.length).toBe(exact.probabilities.length);
      let weighted = 0;
      for (let c = 0; c < perConfiguration.length; c++) weighted += exact.probabilities[c]! * perConfiguration[c]!;
      // A sum of 2^N ≤ 2048 terms of size ≤ 1 with weights summing to 1: rounding ≈ 1e-15.
      expect(Math.abs(weighted - exact.eta)).toBeLessThanOrEqual(1e-12);
      // The identity holds only in expectation: configuration by configuration the estimate differs from (1/N)Σx_i.
      const n = model.order;
      let largestGap = 0;
      for (let c = 0; c < perConfiguration.length; c++) {
        let mean = 0;
        for (let i = 0; i < n; i++) mean += exact.configurations[c * n + i]!;
        largestGap = Math.max(largestGap, Math.abs(mean / n - perConfiguration[c]!));
      }
      expect(largestGap).toBeGreaterThan(0.1);
    });
  }

  it('matches hand-computed effective fields on a 3-path (Eq. 7, Eq. 16)', () => {
    // J_01 = 0.5, J_12 = −1, h = (0.2, 0, −0.3), x = (+1, −1, +1):
    // h^eff = (0.2 + 0.5·(−1), 0.5·1 − 1·1, −0.3 − 1·(−1)) = (−0.3, −0.5, 0.7).
    const model = createIsingModel(pathGraph(3), { couplings: [0.5, -1], fields: [0.2, 0, -0.3], beta: 0.8 });
    const spins = Int8Array.from([1, -1, 1, -1, -1, -1]);
    // Second configuration x = (−1, −1, −1): h^eff = (0.2 − 0.5, −0.5 + 1, −0.3 + 1) = (−0.3, 0.5, 0.7).
    const expected = [
      (Math.tanh(-0.24) + Math.tanh(-0.4) + Math.tanh(0.56)) / 3,
      (Math.tanh(-0.24) + Math.tanh(0.4) + Math.tanh(0.56)) / 3,
    ];
    const out = new Float64Array(2);
    const result = etaStochastic(model, spins, out);
    expect(result).toBe(out);
    // Same arithmetic up to summation order: 1e-15.
    expect(Math.abs(result[0]! - expected[0]!)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(result[1]! - expected[1]!)).toBeLessThanOrEqual(1e-15);
  });

  it('empty model: an empty batch gives an empty result', () => {
    const model = createIsingModel(fromEdges([], { order: 0 }));
    expect(etaStochastic(model, new Int8Array(0)).length).toBe(0);
  });
});

describe('magnetisationFromSamples', () => {
  it('is the mean of every spin of the batch', () => {
    const model = createIsingModel(pathGraph(4));
    // 3 configurations, spin sum 4 + 0 + (−2) = 2 over 12 spins.
    const samples = Int8Array.from([1, 1, 1, 1, 1, -1, 1, -1, -1, -1, 1, -1]);
    expect(magnetisationFromSamples(model, samples)).toBe(2 / 12);
  });

  it('empty model gives 0 (as magnetisations does)', () => {
    expect(magnetisationFromSamples(createIsingModel(fromEdges([], { order: 0 })), new Int8Array(0))).toBe(0);
  });

  it('on exact samples, it and the mean of η̃_sto are within 4σ of η (3×3 grid, β=0.6, 4000 draws)', () => {
    const model = randomModel(squareLattice(3, 3), 0.6, 11);
    const exact = bruteForce(model);
    const n = model.order;
    const cumulative = new Float64Array(exact.probabilities.length);
    exact.probabilities.reduce((acc, p, c) => (cumulative[c] = acc + p), 0);
    const rng = createRng(2024);
    const draws = 4000;
    const samples = new Int8Array(draws * n);
    for (let d = 0; d < draws; d++) {
      const u = rng.float64() * cumulative[cumulative.length - 1]!;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      samples.set(exact.configurations.subarray(lo * n, (lo + 1) * n), d * n);
    }
    // Independent draws: σ = sd/√draws of the per-draw values. Two 4σ checks fail by chance with p ≈ 1.3e-4.
    const perDraw = (values: ArrayLike<number>) => {
      let mean = 0;
      for (let d = 0; d < values.length; d++) mean += values[d]!;
      mean /= values.length;
      let variance = 0;
      for (let d = 0; d < values.length; d++) variance += (values[d]! - mean) ** 2;
      return { mean, sigma: Math.sqrt(variance / (values.length - 1) / values.length) };
    };
    const plain = Float64Array.from({ length: draws }, (_, d) => magnetisationFromSamples(model, samples.subarray(d * n, (d + 1) * n)));
    const stats = perDraw(plain);
    expect(Math.abs(magnetisationFromSamples(model, samples) - stats.mean)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(stats.mean - exact.eta)).toBeLessThanOrEqual(4 * stats.sigma);
    const sto = perDraw(etaStochastic(model, samples));
    expect(Math.abs(sto.mean - exact.eta)).toBeLessThanOrEqual(4 * sto.sigma);
  });
});

describe('etaDeterministic (Eq. 15)', () => {
  it('closed form: fields with tanh(βh_i) = (0.5, −0.25, 0.75, 0) give η̃_det = 0.25', () => {
    const beta = 2;
    const fields = [0.5, -0.25, 0.75, 0].map((t) => Math.atanh(t) / beta);
    const model = createIsingModel(pathGraph(4), { couplings: 0.7, fields, beta });
    // atanh then tanh round-trips to ≈1e-16 per term.
    expect(Math.abs(etaDeterministic(model) - 0.25)).toBeLessThanOrEqual(1e-15);
  });

  it('ignores the couplings', () => {
    const fields = uniform(9, -1, 1, 12);
    const a = createIsingModel(squareLattice(3, 3), { couplings: 1, fields, beta: 0.8 });
    const b = createIsingModel(squareLattice(3, 3), { couplings: uniform(12, -2, 2, 13), fields, beta: 0.8 });
    expect(etaDeterministic(a)).toBe(etaDeterministic(b));
  });

  it('equals the exact η when every J = 0 (independent spins) and is 0 for the empty model', () => {
    const model = createIsingModel(squareLattice(2, 4), { couplings: 0, fields: uniform(8, -1.5, 1.5, 14), beta: 1.2 });
    expect(Math.abs(etaDeterministic(model) - bruteForce(model).eta)).toBeLessThanOrEqual(1e-12);
    expect(etaDeterministic(createIsingModel(fromEdges([], { order: 0 })))).toBe(0);
  });
});

describe('etaMeanField (Eq. 14)', () => {
  it('is the mean of the naive mean-field magnetisations, options passed through', () => {
    const model = createIsingModel(squareLattice(3, 3), { beta: 1 });
    for (const options of [undefined, { initial: -0.1 }, { schedule: 'parallel' as const, damping: 0.3 }]) {
      const m = naiveMeanField(model, options).magnetisations;
      expect(etaMeanField(model, options)).toBe(m.reduce((s, x) => s + x, 0) / m.length);
    }
    expect(etaMeanField(model)).toBeGreaterThan(0.5);
    expect(etaMeanField(model, { initial: -0.1 })).toBeLessThan(-0.5);
  });

  it('equals etaDeterministic and the exact η when every J = 0', () => {
    const model = createIsingModel(fromEdges([], { order: 6 }), { fields: uniform(6, -1, 1, 15), beta: 0.9 });
    // Mean-field stopping error ≤ 1e-10 per node.
    expect(Math.abs(etaMeanField(model) - etaDeterministic(model))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(etaMeanField(model) - bruteForce(model).eta)).toBeLessThanOrEqual(1e-9);
  });

  it('reports errors under its own name and propagates ConvergenceError', () => {
    const model = createIsingModel(completeGraph(4), { couplings: -1, beta: 3 });
    const bad = caught(() => etaMeanField(model, { damping: 2 }));
    expect(InvalidArgumentError.isInstance(bad)).toBe(true);
    expect((bad as Error).message).toMatch(/^@isinglab\/ising etaMeanField: options\.damping must be/);
    const stuck = caught(() => etaMeanField(model, { schedule: 'parallel', damping: 0, maxIterations: 50 }));
    expect(ConvergenceError.isInstance(stuck)).toBe(true);
  });
});

describe('magnetisation estimates bad input', () => {
  const model = createIsingModel(pathGraph(3));
  const table: [string, () => unknown, string][] = [
    ['magnetisationFromSamples: not a model', () => magnetisationFromSamples({} as never, new Int8Array(3)), 'model'],
    ['magnetisationFromSamples: not an Int8Array', () => magnetisationFromSamples(model, [1, 1, 1] as never), 'samples'],
    ['magnetisationFromSamples: length not a multiple of N', () => magnetisationFromSamples(model, Int8Array.from([1, 1, 1, 1])), 'samples.length'],
    ['magnetisationFromSamples: empty batch', () => magnetisationFromSamples(model, new Int8Array(0)), 'samples.length'],
    ['magnetisationFromSamples: a 0 spin', () => magnetisationFromSamples(model, Int8Array.from([1, -1, 0])), 'samples[2]'],
    ['etaDeterministic: not a model', () => etaDeterministic(undefined as never), 'model'],
    ['etaStochastic: not a model', () => etaStochastic(null as never, new Int8Array(3)), 'model'],
    ['etaStochastic: Uint8Array spins', () => etaStochastic(model, new Uint8Array(3) as never), 'spins'],
    ['etaStochastic: a 2 spin', () => etaStochastic(model, Int8Array.from([1, 2, 1])), 'spins[1]'],
    ['etaStochastic: out too short', () => etaStochastic(model, Int8Array.from([1, 1, 1, -1, -1, -1]), new Float64Array(1)), 'out'],
    ['etaStochastic: out of the wrong type', () => etaStochastic(model, Int8Array.from([1, 1, 1]), new Float32Array(1) as never), 'out'],
    ['etaMeanField: not a model', () => etaMeanField(3 as never), 'model'],
    ['etaMeanField: unknown option', () => etaMeanField(model, { rng: 1 } as never), 'options.rng'],
  ];
  for (const [name, call, argument] of table) {
    it(`${name} → InvalidArgumentError on ${argument}`, () => {
      const err = caught(call);
      expect(InvalidArgumentError.isInstance(err)).toBe(true);
      expect((err as InvalidArgumentError).argument).toBe(argument);
    });
  }
});
