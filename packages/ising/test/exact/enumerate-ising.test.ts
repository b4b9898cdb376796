import { describe, expect, it } from '@jest/globals';
import {
  InvalidArgumentError,
  completeGraph,
  createRng,
  cycleGraph,
  erdosRenyiGnp,
  fromEdges,
  pathGraph,
  petersenGraph,
  randomRegularGraph,
  randomTree,
  squareLattice,
  starGraph,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, withBeta, type IsingModel } from '../../src/model/index.js';
import { enumerateIsing, MAX_ENUMERATION_ORDER } from '../../src/exact/index.js';
import { naiveIsing } from './naive-ising.js';

// Brute force vs brute force: both sum the same finite series in double precision (≤ 2^16 terms, compensated in
// the reference, blockwise in the code), so they agree to ~1e−13; 1e−10 leaves room and still catches any wrong
// term (one missing state changes log Z by ≥ e^{−β ΔE}/Z ≫ 1e−10 on these small graphs).
const TOL = 1e-10;

function randomArray(length: number, lo: number, hi: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length }, () => lo + (hi - lo) * rng.float64());
}

interface Case {
  name: string;
  graph: Graph;
  couplings?: number | number[];
  fields?: number | number[];
}

function cases(): Case[] {
  const tree8 = randomTree(8, { rng: createRng(11) });
  const tree13 = randomTree(13, { rng: createRng(12) });
  const er9 = erdosRenyiGnp(9, 0.4, { rng: createRng(13) });
  const reg14 = randomRegularGraph(14, 3, { rng: createRng(14) });
  const torus = squareLattice(4, 4, { periodic: true });
  return [
    { name: 'single node with a field', graph: pathGraph(1), fields: 0.7 },
    { name: 'path P6', graph: pathGraph(6) },
    { name: 'path P7 with random couplings and fields', graph: pathGraph(7), couplings: randomArray(6, -1.5, 1.5, 1), fields: randomArray(7, -1, 1, 2) },
    { name: 'cycle C7', graph: cycleGraph(7), fields: 0.2 },
    { name: 'frustrated triangle J = −1', graph: completeGraph(3), couplings: -1 },
    { name: 'K4 with random couplings', graph: completeGraph(4), couplings: randomArray(6, -1, 1, 3) },
    { name: 'Petersen', graph: petersenGraph(), couplings: randomArray(15, -1, 1, 4), fields: randomArray(10, -0.5, 0.5, 5) },
    { name: 'star S6 (hub of degree 6)', graph: starGraph(7), couplings: 0.8, fields: -0.3 },
    { name: 'random tree (8 nodes)', graph: tree8, couplings: randomArray(tree8.size, -2, 2, 6) },
    { name: 'random tree (13 nodes, crosses the 12-spin block)', graph: tree13, couplings: randomArray(tree13.size, -1, 1, 7), fields: randomArray(13, -1, 1, 8) },
    { name: 'G(9, 0.4) with random couplings and fields', graph: er9, couplings: randomArray(er9.size, -1, 1, 9), fields: randomArray(9, -1, 1, 10) },
    { name: 'disconnected: two triangles and an isolated node', graph: fromEdges([[0, 1], [1, 2], [0, 2], [3, 4], [4, 5], [3, 5]], { order: 7 }), couplings: [1, -1, 0.5, 2, 1, -0.5], fields: [0, 0, 0.3, 0, 0, 0, -0.4] },
    { name: '3×4 grid, N = 12 (exactly one full block)', graph: squareLattice(3, 4), couplings: randomArray(17, -1, 1, 19), fields: randomArray(12, -0.5, 0.5, 21) },
    { name: '3-regular on 14 nodes with random couplings and fields', graph: reg14, couplings: randomArray(reg14.size, -1, 1, 15), fields: randomArray(14, -0.5, 0.5, 16) },
    { name: '4×4 torus with random couplings and fields', graph: torus, couplings: randomArray(torus.size, -1, 1, 17), fields: randomArray(16, -0.5, 0.5, 18) },
  ];
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  expect(worst).toBeLessThanOrEqual(tol);
}

describe('enumerateIsing agrees with a naive enumerator', () => {
  const all = cases();
  it('covers at least 10 graphs, some with N > 12 (several blocks)', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.some((c) => c.graph.order > 12)).toBe(true);
  });
  for (const c of all) {
    for (const beta of [0.1, 0.5, 1.0]) {
      it(`${c.name} at β = ${beta}`, () => {
        const model = createIsingModel(c.graph, { couplings: c.couplings ?? 1, fields: c.fields ?? 0, beta });
        const ref = naiveIsing(model, { pairs: true });
        const got = enumerateIsing(model, { correlations: true });
        expect(Math.abs(got.logZ - ref.logZ)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(ref.logZ)));
        expect(got.freeEnergy).toBeCloseTo(-ref.logZ / beta, 9);
        expect(Math.abs(got.meanEnergy - ref.meanEnergy)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(got.energyVariance - ref.energyVariance)).toBeLessThanOrEqual(TOL);
        expect(got.heatCapacity).toBeCloseTo(beta * beta * ref.energyVariance, 9);
        expect(got.groundStateEnergy).toBeCloseTo(ref.groundStateEnergy, 12);
        expectClose(got.marginals, ref.marginals, TOL);
        expectClose(got.edgeCorrelations, ref.edgeCorrelations, TOL);
        expectClose(got.correlations!, ref.correlations, TOL);
        expect(Math.abs(got.meanAbsMagnetisation - ref.meanAbsMagnetisation)).toBeLessThanOrEqual(TOL);
        expect(Math.abs(got.meanSquaredMagnetisation - ref.meanSquaredMagnetisation)).toBeLessThanOrEqual(TOL);
      });
    }
  }

  it('omits the N×N correlations by default and returns the same edge correlations either way', () => {
    const model = createIsingModel(petersenGraph(), { couplings: randomArray(15, -1, 1, 20), beta: 0.7 });
    const plain = enumerateIsing(model);
    const full = enumerateIsing(model, { correlations: true });
    expect(plain.correlations).toBeUndefined();
    expect(Array.from(plain.edgeCorrelations)).toEqual(Array.from(full.edgeCorrelations));
    // the matrix is symmetric with a unit diagonal and holds the edge correlations
    const n = 10;
    const c = full.correlations!;
    for (let i = 0; i < n; i++) {
      expect(c[i * n + i]).toBe(1);
      for (let j = 0; j < n; j++) expect(c[i * n + j]).toBe(c[j * n + i]);
    }
    const g = model.graph;
    for (let k = 0; k < g.size; k++) {
      expect(c[g.edgeSources[k]! * n + g.edgeTargets[k]!]).toBeCloseTo(full.edgeCorrelations[k]!, 13);
    }
  });
});

describe('enumerateIsing against closed forms', () => {
  it('cycle C_n, zero field: Z = (2 cosh K)^n + (2 sinh K)^n and ⟨x_i x_{i+1}⟩ = (t + t^{n−1})/(1 + t^n)', () => {
    // n = 20 and 24 also exercise the largest sizes (16 and 4096 blocks); 1e−12 relative: sums of ≤ 2^24
    // positive terms lose at most ~1e−13 relative, and the closed form is evaluated to ~1e−15
    for (const [n, k] of [[5, 0.3], [20, 0.5], [24, 0.9]] as const) {
      const got = enumerateIsing(createIsingModel(cycleGraph(n), { beta: k }));
      const t = Math.tanh(k);
      const logZ = n * Math.log(2 * Math.cosh(k)) + Math.log1p(t ** n);
      expect(Math.abs(got.logZ - logZ)).toBeLessThanOrEqual(1e-12 * logZ);
      const corr = (t + t ** (n - 1)) / (1 + t ** n);
      for (const c of got.edgeCorrelations) expect(Math.abs(c - corr)).toBeLessThanOrEqual(1e-12);
      for (const m of got.marginals) expect(Math.abs(m)).toBeLessThanOrEqual(1e-12);
      // ⟨E⟩ = −n ⟨x_i x_{i+1}⟩ for J = 1
      expect(Math.abs(got.meanEnergy + n * corr)).toBeLessThanOrEqual(1e-10);
    }
  });

  it('no overflow at β = 5 with J = 10 (βE ≈ −1600): cycle C12 and the 4×4 torus', () => {
    // log Z = n·ln(2 cosh 50) + ln(1 + tanh^n 50), all finite; the naive exp(−βE) would be e^1600 = Infinity
    const k = 50;
    const cyc = enumerateIsing(createIsingModel(cycleGraph(12), { beta: 5, couplings: 10 }));
    const expected = 12 * (k + Math.log1p(Math.exp(-2 * k))) + Math.log1p(Math.tanh(k) ** 12);
    expect(cyc.logZ).toBeCloseTo(expected, 10);
    expect(cyc.meanEnergy).toBeCloseTo(-120, 10);
    expect(cyc.energyVariance).toBeLessThan(1e-30);
    // torus: two ground states at E = −32·10, the first excitation costs 8·10: ln 2 + 1600 to double precision
    const torus = enumerateIsing(createIsingModel(squareLattice(4, 4, { periodic: true }), { beta: 5, couplings: 10 }));
    expect(torus.logZ).toBeCloseTo(Math.LN2 + 1600, 10);
    expect(torus.meanAbsMagnetisation).toBeCloseTo(1, 12);
    expect(torus.meanSquaredMagnetisation).toBeCloseTo(1, 12);
    expect(Number.isFinite(torus.freeEnergy!)).toBe(true);
  });

  it('single spin in a field h: log Z = ln(2 cosh βh), E[x] = tanh βh, Var E = h²(1 − tanh² βh)', () => {
    const got = enumerateIsing(createIsingModel(pathGraph(1), { fields: 0.8, beta: 1.5 }));
    const t = Math.tanh(1.2);
    expect(got.logZ).toBeCloseTo(Math.log(2 * Math.cosh(1.2)), 14);
    expect(got.marginals[0]).toBeCloseTo(t, 14);
    expect(got.meanEnergy).toBeCloseTo(-0.8 * t, 14);
    expect(got.energyVariance).toBeCloseTo(0.64 * (1 - t * t), 14);
    expect(got.meanAbsMagnetisation).toBe(1);
    expect(got.meanSquaredMagnetisation).toBe(1);
  });

  it('β = 0: uniform distribution (log Z = N ln 2, zero moments, E[m²] = 1/N), free energy undefined', () => {
    const model = createIsingModel(petersenGraph(), { couplings: randomArray(15, -1, 1, 30), fields: 0.4, beta: 0 });
    const got = enumerateIsing(model, { correlations: true });
    expect(got.logZ).toBeCloseTo(10 * Math.LN2, 13);
    expect(got.freeEnergy).toBeUndefined();
    expect(got.meanEnergy).toBeCloseTo(0, 13);
    for (const m of got.marginals) expect(m).toBeCloseTo(0, 14);
    for (const c of got.edgeCorrelations) expect(c).toBeCloseTo(0, 14);
    expect(got.meanSquaredMagnetisation).toBeCloseTo(1 / 10, 14);
    expect(got.heatCapacity).toBe(0);
  });

  it('N = 0: log Z = 0 and empty arrays', () => {
    const got = enumerateIsing(createIsingModel(fromEdges([], { order: 0 }), { beta: 1 }), { correlations: true });
    expect(got.logZ).toBe(0);
    expect(got.marginals.length).toBe(0);
    expect(got.edgeCorrelations.length).toBe(0);
    expect(got.correlations!.length).toBe(0);
    expect(got.meanAbsMagnetisation).toBe(0);
  });

  it('Var(E) equals −d⟨E⟩/dβ (central difference of ⟨E⟩, step 1e−4)', () => {
    // d⟨E⟩/dβ = −Var(E); central difference error ~ h²·|d³⟨E⟩/dβ³| ≲ 1e−7 here
    const model = createIsingModel(petersenGraph(), { couplings: randomArray(15, -1, 1, 40), fields: randomArray(10, -1, 1, 41), beta: 0.6 });
    const h = 1e-4;
    const up = enumerateIsing(withBeta(model, 0.6 + h)).meanEnergy;
    const down = enumerateIsing(withBeta(model, 0.6 - h)).meanEnergy;
    expect(Math.abs(-(up - down) / (2 * h) - enumerateIsing(model).energyVariance)).toBeLessThan(1e-6);
  });
});

describe('enumerateIsing rejects bad input', () => {
  const small = createIsingModel(pathGraph(3));
  const big = createIsingModel(pathGraph(MAX_ENUMERATION_ORDER + 1));
  const table: [string, () => unknown, string][] = [
    ['N = 25', () => enumerateIsing(big), 'model'],
    ['not a model', () => enumerateIsing({} as IsingModel), 'model'],
    ['correlations not a boolean', () => enumerateIsing(small, { correlations: 1 as unknown as boolean }), 'options.correlations'],
    ['unknown option', () => enumerateIsing(small, { beta: 2 } as never), 'options.beta'],
    ['options not an object', () => enumerateIsing(small, 3 as never), 'options'],
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

  it('the N = 25 message names N, the limit and the alternatives', () => {
    expect(() => enumerateIsing(big)).toThrow(/N ≤ 24.*N = 25.*transferMatrixIsing.*sampleIsing/s);
  });
});
