import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  createRng,
  cycleGraph,
  fromEdges,
  pathGraph,
  petersenGraph,
  randomRegularGraph,
  squareLattice,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '../../src/model/index.js';
import { exactSamples } from '../../src/exact/index.js';
import { naiveEnergy, naiveIsing } from './naive-ising.js';

function randomArray(length: number, lo: number, hi: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length }, () => lo + (hi - lo) * rng.float64());
}

/** Index s of each sample (x_i = +1 ⇔ bit i), as in the naive reference. */
function stateIndices(samples: Int8Array, n: number): Int32Array {
  const count = samples.length / n;
  const out = new Int32Array(count);
  for (let c = 0; c < count; c++) {
    let s = 0;
    for (let i = 0; i < n; i++) if (samples[c * n + i] === 1) s |= 1 << i;
    out[c] = s;
  }
  return out;
}

/**
 * Upper 1 − 1e−4 quantile of χ²_df by the Wilson–Hilferty cube-root approximation (relative error < 1% for
 * df ≥ 10, well inside the margin a real sampling bug would exceed: a wrong distribution gives χ² ≫ df).
 */
function chiSquareQuantile(df: number): number {
  const z = 3.719; // standard normal upper 1e−4 point
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

/** χ² of observed state counts against exact probabilities, pooling states with expected count < 5. */
function chiSquare(indices: Int32Array, probabilities: Float64Array): { stat: number; df: number } {
  const count = indices.length;
  const observed = new Float64Array(probabilities.length);
  for (const s of indices) observed[s]! += 1;
  let stat = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let s = 0; s < probabilities.length; s++) {
    const expected = probabilities[s]! * count;
    if (expected < 5) {
      pooledObserved += observed[s]!;
      pooledExpected += expected;
      continue;
    }
    stat += (observed[s]! - expected) ** 2 / expected;
    bins++;
  }
  if (pooledExpected >= 5) {
    stat += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    bins++;
  } else {
    expect(pooledObserved).toBeLessThanOrEqual(pooledExpected + 5 * Math.sqrt(pooledExpected) + 5);
  }
  return { stat, df: bins - 1 };
}

describe('exactSamples draws from p(x) ∝ exp(−βE(x))', () => {
  const cases: [string, IsingModel, number][] = [
    ['6-cycle with random couplings and fields, β = 0.8', createIsingModel(cycleGraph(6), { couplings: randomArray(6, -1, 1, 1), fields: randomArray(6, -0.5, 0.5, 2), beta: 0.8 }), 20000],
    ['Petersen with random couplings, β = 0.5 (1024 states)', createIsingModel(petersenGraph(), { couplings: randomArray(15, -1, 1, 3), fields: randomArray(10, -0.3, 0.3, 4), beta: 0.5 }), 40000],
  ];
  for (const [name, model, count] of cases) {
    it(`${name}: χ² over states below the 1 − 1e−4 quantile, marginals within 5σ`, () => {
      const n = model.order;
      const ref = naiveIsing(model, { probabilities: true });
      const samples = exactSamples(model, count, { rng: createRng(2024) });
      expect(samples.length).toBe(count * n);
      const { stat, df } = chiSquare(stateIndices(samples, n), ref.probabilities!);
      expect(df).toBeGreaterThanOrEqual(10);
      expect(stat).toBeLessThan(chiSquareQuantile(df));
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let c = 0; c < count; c++) sum += samples[c * n + i]!;
        const sigma = Math.sqrt((1 - ref.marginals[i]! ** 2) / count);
        expect(Math.abs(sum / count - ref.marginals[i]!)).toBeLessThanOrEqual(5 * sigma);
      }
    });
  }

  it('N = 14 (several 4096-state blocks): marginals and mean energy within 5σ of the naive reference', () => {
    const g = randomRegularGraph(14, 3, { rng: createRng(5) });
    const model = createIsingModel(g, { couplings: randomArray(g.size, -1, 1, 6), fields: randomArray(14, -0.5, 0.5, 7), beta: 0.7 });
    const ref = naiveIsing(model);
    const count = 20000;
    const samples = exactSamples(model, count, { rng: createRng(8) });
    const idx = stateIndices(samples, 14);
    let e1 = 0;
    for (const s of idx) e1 += naiveEnergy(model, s);
    // σ of the sample mean from the exact variance
    expect(Math.abs(e1 / count - ref.meanEnergy)).toBeLessThanOrEqual(5 * Math.sqrt(ref.energyVariance / count));
    for (let i = 0; i < 14; i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += samples[c * 14 + i]!;
      expect(Math.abs(sum / count - ref.marginals[i]!)).toBeLessThanOrEqual(5 * Math.sqrt((1 - ref.marginals[i]! ** 2) / count));
    }
  });

  it('successive samples are uncorrelated (the sorted inverse-CDF order is shuffled away)', () => {
    // lag-1 correlation of the state index: |r| ≤ 5/√count for independent draws
    const model = createIsingModel(petersenGraph(), { beta: 0.3 });
    const count = 10000;
    const idx = stateIndices(exactSamples(model, count, { rng: createRng(9) }), 10);
    let mean = 0;
    for (const s of idx) mean += s / count;
    let num = 0;
    let den = 0;
    for (let c = 0; c < count; c++) {
      den += (idx[c]! - mean) ** 2;
      if (c > 0) num += (idx[c]! - mean) * (idx[c - 1]! - mean);
    }
    expect(Math.abs(num / den)).toBeLessThanOrEqual(5 / Math.sqrt(count));
  });

  it('at β = 5 with J = 10 every sample is one of the two ground states (no overflow)', () => {
    const model = createIsingModel(squareLattice(3, 4, { periodic: [false, true] }), { couplings: 10, beta: 5 });
    const samples = exactSamples(model, 200, { rng: createRng(10) });
    const idx = stateIndices(samples, 12);
    const seen = new Set(idx);
    expect([...seen].every((s) => s === 0 || s === 4095)).toBe(true);
    expect(seen.size).toBe(2); // P(all 200 the same) = 2^−199
  });

  it('is deterministic for a seed, differs across seeds, and consumes the rng reproducibly', () => {
    const model = createIsingModel(pathGraph(8), { couplings: 0.5, fields: 0.1, beta: 1 });
    const r1 = createRng(77);
    const r2 = createRng(77);
    const a = exactSamples(model, 500, { rng: r1 });
    const b = exactSamples(model, 500, { rng: r2 });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(r1.uint32()).toBe(r2.uint32());
    const c = exactSamples(model, 500, { rng: createRng(78) });
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('count = 0 and N = 0 give empty arrays; every entry is ±1', () => {
    const model = createIsingModel(pathGraph(4), { beta: 0.2 });
    expect(exactSamples(model, 0, { rng: createRng(1) }).length).toBe(0);
    expect(exactSamples(createIsingModel(fromEdges([], { order: 0 })), 5, { rng: createRng(1) }).length).toBe(0);
    const s = exactSamples(model, 100, { rng: createRng(1) });
    expect(s.every((v) => v === 1 || v === -1)).toBe(true);
  });
});

describe('exactSamples rejects bad input', () => {
  const model = createIsingModel(pathGraph(3));
  const rng = createRng(1);
  const table: [string, () => unknown, string][] = [
    ['N = 25', () => exactSamples(createIsingModel(pathGraph(25)), 1, { rng }), 'model'],
    ['negative count', () => exactSamples(model, -1, { rng }), 'count'],
    ['fractional count', () => exactSamples(model, 1.5, { rng }), 'count'],
    ['missing options', () => exactSamples(model, 1, undefined as never), 'options'],
    ['missing rng', () => exactSamples(model, 1, {} as never), 'options.rng'],
    ['rng not an Rng', () => exactSamples(model, 1, { rng: Math.random as never }), 'options.rng'],
    ['unknown option', () => exactSamples(model, 1, { rng, seed: 3 } as never), 'options.seed'],
    ['not a model', () => exactSamples({} as IsingModel, 1, { rng }), 'model'],
  ];
  for (const [name, call, argument] of table) {
    it(name, () => {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
    });
  }
});
