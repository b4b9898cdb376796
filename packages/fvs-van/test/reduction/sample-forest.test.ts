import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  createRng,
  cycleGraph,
  erdosRenyiGnm,
  petersenGraph,
  randomTree,
  squareLattice,
  wattsStrogatz,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '@isinglab/ising';
import { fvsReduction } from '../../src/reduction/fvs-reduction.js';
import { sampleForestInto } from '../../src/reduction/sample-forest.js';
import { chiSquare, chiSquareSurvival, disjointUnion, naiveDistribution, randomCouplings, randomFields } from './helpers.js';

/**
 * Draws `count` FVS configurations exactly from w(s_F) = Σ_forest exp(−β E) by inverse CDF over the marginal of
 * the brute-force joint distribution (computed in the test, independent of the reduction).
 */
function exactFvsSpins(joint: Float64Array, fvs: Int32Array, count: number, seed: number): Int8Array {
  const f = fvs.length;
  const marginal = new Float64Array(2 ** f);
  for (let s = 0; s < joint.length; s++) {
    let c = 0;
    for (let k = 0; k < f; k++) if ((s >>> fvs[k]!) & 1) c |= 1 << k;
    marginal[c]! += joint[s]!;
  }
  const cdf = new Float64Array(marginal.length);
  let acc = 0;
  for (let c = 0; c < marginal.length; c++) cdf[c] = acc += marginal[c]!;
  const rng = createRng(seed);
  const out = new Int8Array(count * f);
  for (let b = 0; b < count; b++) {
    const u = rng.float64() * acc;
    let c = 0;
    while (c < cdf.length - 1 && cdf[c]! <= u) c++;
    for (let k = 0; k < f; k++) out[b * f + k] = (c >>> k) & 1 ? 1 : -1;
  }
  return out;
}

describe('sampleForestInto: (s_F exact) + forest sampler = exact samples of the full model (χ² test)', () => {
  // Fixed seeds; the test fails when the p-value of Pearson's χ² against the brute-force distribution over all
  // 2^N full states (cells with expected count < 5 pooled) is below 0.001. A wrong conditional (e.g. a sign error
  // in the child's field, or a missed message) moves probabilities by O(1) and gives p < 1e-50 at these sizes.
  const count = 40000;
  const rng = createRng(2024);
  const cases: [string, IsingModel][] = [];
  const add = (name: string, g: Graph, kind: 'ferro' | 'antiferro' | 'pmJ' | 'gauss', fields: boolean, beta: number): void => {
    cases.push([
      name,
      createIsingModel(g, { couplings: randomCouplings(kind, g.size, rng), fields: fields ? randomFields(g.order, 0.5, rng) : 0, beta }),
    ]);
  };
  add('Petersen, ±J, β = 0.7', petersenGraph(), 'pmJ', true, 0.7);
  add('3×3 grid, Gaussian J, β = 0.9', squareLattice(3, 3), 'gauss', true, 0.9);
  add('Watts–Strogatz n=10 k=4, ferro, β = 0.4', wattsStrogatz(10, 4, 0.3, { rng }), 'ferro', false, 0.4);
  add('ER G(10,13), antiferro, β = 0.6', erdosRenyiGnm(10, 13, { rng }), 'antiferro', true, 0.6);
  add('tree n=9 (forest only), Gaussian, β = 1', randomTree(9, { rng }), 'gauss', true, 1);
  add('cycle 5 ⊔ cycle 4, ±J, β = 1.3', disjointUnion(cycleGraph(5), cycleGraph(4)), 'pmJ', true, 1.3);

  it.each(cases)('%s', (_name, model) => {
    const r = fvsReduction(model);
    const n = model.order;
    const joint = naiveDistribution(model);
    const sF = exactFvsSpins(joint, r.fvsNodes, count, n * 7 + model.graph.size);
    const out = new Int8Array(count * n);
    sampleForestInto(r, sF, count, createRng(n), out);
    const counts = new Float64Array(joint.length);
    let copied = 0; // FVS spins passed through unchanged
    for (let b = 0; b < count; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) if (out[b * n + i] === 1) s |= 1 << i;
      counts[s]! += 1;
      for (let k = 0; k < r.fvsNodes.length; k++) if (out[b * n + r.fvsNodes[k]!] === sF[b * r.fvsNodes.length + k]) copied++;
    }
    expect(copied).toBe(count * r.fvsNodes.length);
    const { stat, df } = chiSquare(counts, joint, count);
    const p = chiSquareSurvival(stat, df);
    process.stdout.write(`sampleForestInto χ² ${_name}: stat ${stat.toFixed(1)}, df ${df}, p ${p.toExponential(2)}\n`);
    expect(df).toBeGreaterThan(20);
    expect(p).toBeGreaterThan(0.001);
  });

  it('the χ² helper rejects a wrong distribution (the test can fail)', () => {
    const model = cases[0]![1];
    const joint = naiveDistribution(model);
    const r = fvsReduction(model);
    const n = model.order;
    const sF = exactFvsSpins(joint, r.fvsNodes, count, 1);
    const out = new Int8Array(count * n);
    sampleForestInto(r, sF, count, createRng(1), out);
    // Compare against the distribution of a model at another β: must be rejected.
    const other = naiveDistribution(createIsingModel(model.graph, { couplings: model.couplings, fields: model.fields, beta: 0.6 }));
    const counts = new Float64Array(joint.length);
    for (let b = 0; b < count; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) if (out[b * n + i] === 1) s |= 1 << i;
      counts[s]! += 1;
    }
    const { stat, df } = chiSquare(counts, other, count);
    expect(chiSquareSurvival(stat, df)).toBeLessThan(1e-6);
    // and the p-value routine against known quantiles: P(χ²_10 ≥ 29.588) = 0.001, P(χ²_3 ≥ 7.815) = 0.05
    expect(chiSquareSurvival(29.588, 10)).toBeCloseTo(0.001, 5);
    expect(chiSquareSurvival(7.815, 3)).toBeCloseTo(0.05, 4);
  });
});

describe('sampleForestInto properties', () => {
  const g = squareLattice(4, 4);
  const model = createIsingModel(g, { couplings: 0.8, fields: 0.1, beta: 0.5 });
  const r = fvsReduction(model);
  const f = r.fvsNodes.length;
  const batch = 100;
  const sF = new Int8Array(batch * f).map((_, i) => (i % 3 === 0 ? -1 : 1));

  it('same rng state → identical output; one float64 per forest node per configuration', () => {
    const a = new Int8Array(batch * 16);
    const b = new Int8Array(batch * 16);
    const ra = createRng(5);
    const rb = createRng(5);
    sampleForestInto(r, sF, batch, ra, a);
    sampleForestInto(r, sF, batch, rb, b);
    expect(Array.from(a)).toEqual(Array.from(b));
    const rc = createRng(5);
    for (let i = 0; i < batch * (16 - f); i++) rc.float64();
    expect(ra.float64()).toBe(rc.float64());
    for (const s of a) expect(s === 1 || s === -1).toBe(true);
  });

  it('at β|J| = 50 the forest follows its FVS neighbours deterministically (no NaN)', () => {
    const strong = fvsReduction(createIsingModel(g, { couplings: 50, beta: 1 }));
    const up = new Int8Array(strong.fvsNodes.length).fill(1);
    const out = new Int8Array(16);
    sampleForestInto(strong, up, 1, createRng(1), out);
    expect(Array.from(out)).toEqual(new Array(16).fill(1));
  });

  const table: [string, () => unknown, string][] = [
    ['not a reduction', () => sampleForestInto({} as never, sF, batch, createRng(1), new Int8Array(batch * 16)), 'reduction'],
    ['spins wrong length', () => sampleForestInto(r, sF, batch + 1, createRng(1), new Int8Array((batch + 1) * 16)), 'fvsSpins.length'],
    ['rng missing', () => sampleForestInto(r, sF, batch, undefined as never, new Int8Array(batch * 16)), 'rng'],
    ['out wrong length', () => sampleForestInto(r, sF, batch, createRng(1), new Int8Array(batch * f)), 'out'],
    ['out wrong type', () => sampleForestInto(r, sF, batch, createRng(1), new Int32Array(batch * 16) as never), 'out'],
    ['batch not an integer', () => sampleForestInto(r, sF, 0.5, createRng(1), new Int8Array(0)), 'batch'],
  ];
  it.each(table)('bad input: %s', (_name, call, argument) => {
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
