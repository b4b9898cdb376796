import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, cycleGraph, fromEdges, petersenGraph, squareLattice } from '@isinglab/graph';
import { createIsingModel, withBeta } from '../../src/model/index.js';
import { checkClusterModel, swendsenWangSweeps } from '../../src/cluster/index.js';
import { swendsenWangSweepKernel } from '../../src/cluster/swendsen-wang.js';
import { createClusterWorkspace } from '../../src/cluster/cluster-workspace.js';
import {
  CHI2_999_DF15,
  batchMeansError,
  chiSquare,
  enumerateExact,
  mean,
  paw,
  recordSeries,
  smallFerromagnets,
  stateHistogram,
  totalCoupling,
} from './cluster-test-helpers.js';

const BETAS = [0.2, 0.5, 1.0];

describe('swendsenWangSweeps: moments vs brute-force enumeration', () => {
  // Same design and tolerances as the Wolff suite: 20 000 recorded updates after 500 of burn-in, σ from 40 batch
  // means of 500 updates (measured τ_int ≤ 2 updates here, so batches are ≫ τ and σ is good to ≈ 11%),
  // |mean − exact| ≤ 4σ (false alarm ≈ 3·10⁻⁴ per check with 39 dof, fixed seeds), and 4σ below 0.02 for |m|, m²
  // and below 2.5% of Σ J for the energy so the check keeps its power.
  const cases = smallFerromagnets().flatMap((f, g) => BETAS.map((beta, b) => ({ f, beta, seed: 1000 + 100 * g + b })));
  it.each(cases)('$f.name at β = $beta', ({ f, beta, seed }) => {
    const model = createIsingModel(f.graph, { couplings: f.couplings, beta });
    const spins = new Int8Array(f.graph.order).fill(1);
    const rng = createRng(seed);
    const series = recordSeries(f, spins, () => swendsenWangSweeps(model, spins, { rng }), 500, 20000);
    const exact = enumerateExact(f, beta);
    const checks: [Float64Array, number, number][] = [
      [series.energy, exact.energy, 0.025 * totalCoupling(f)],
      [series.absM, exact.absMagnetisation, 0.02],
      [series.m2, exact.magnetisationSquared, 0.02],
    ];
    for (const [x, expected, resolution] of checks) {
      const sigma = batchMeansError(x, 40);
      expect(Math.abs(mean(x) - expected)).toBeLessThanOrEqual(4 * sigma);
      expect(4 * sigma).toBeLessThan(resolution);
    }
  });
});

describe('swendsenWangSweeps: exact distribution on a 4-node graph', () => {
  // 20 000 independent chains from uniform random states, 25 updates each; Pearson's χ² of the final states over
  // the 16 states (15 dof) must stay below χ²_{0.999} = 37.7; every expected count ≥ 5 (asserted). The negative
  // control at β = 0.6 shows the same test detects a 20% temperature error.
  const f = paw();
  const n = f.graph.order;
  const chains = 20000;
  const exact = enumerateExact(f, 0.5);
  const randomBatch = (seed: number) => {
    const rng = createRng(seed);
    const spins = new Int8Array(chains * n);
    for (let i = 0; i < spins.length; i++) spins[i] = rng.uint32() & 1 ? 1 : -1;
    return spins;
  };

  it('matches the Boltzmann probabilities at β = 0.5 (χ² < 37.7, 15 dof)', () => {
    expect(Math.min(...exact.probabilities) * chains).toBeGreaterThanOrEqual(5);
    const spins = randomBatch(21);
    const r = swendsenWangSweeps(createIsingModel(f.graph, { couplings: f.couplings, beta: 0.5 }), spins, {
      rng: createRng(22),
      sweeps: 25,
    });
    expect(chiSquare(stateHistogram(spins, n), exact.probabilities, chains)).toBeLessThan(CHI2_999_DF15);
    expect(r.meanClusterSize).toBeCloseTo((chains * 25 * n) / r.clusters, 12);
  });

  it('rejects samples taken at β = 0.6 instead (negative control)', () => {
    const spins = randomBatch(23);
    swendsenWangSweeps(createIsingModel(f.graph, { couplings: f.couplings, beta: 0.6 }), spins, { rng: createRng(24), sweeps: 25 });
    expect(chiSquare(stateHistogram(spins, n), exact.probabilities, chains)).toBeGreaterThan(CHI2_999_DF15);
  });
});

describe('swendsenWangSweeps: certificates, determinism and bookkeeping', () => {
  it('β = 0: every spin is its own cluster and is flipped with probability 1/2', () => {
    const g = petersenGraph();
    const model = createIsingModel(g, { beta: 0 });
    const spins = new Int8Array(10).fill(1);
    const rng = createRng(25);
    let minus = 0;
    const sweeps = 2000;
    for (let s = 0; s < sweeps; s++) {
      expect(swendsenWangSweeps(model, spins, { rng }).clusters).toBe(10);
      for (const x of spins) if (x === -1) minus++;
    }
    // Binomial(20 000, 1/2): sd 71, so 5 sd = 354.
    expect(Math.abs(minus - (sweeps * 10) / 2)).toBeLessThan(354);
  });

  it('β → ∞ on a connected graph from an aligned state: one cluster, flipped as a whole half the time', () => {
    // p = 1 − e^{−2·50} is 1 in double precision, so every edge between equal spins bonds.
    const model = createIsingModel(cycleGraph(9), { beta: 50 });
    const spins = new Int8Array(9).fill(1);
    const rng = createRng(26);
    let up = 0;
    for (let s = 0; s < 400; s++) {
      expect(swendsenWangSweeps(model, spins, { rng }).clusters).toBe(1);
      expect(new Set(spins).size).toBe(1);
      if (spins[0] === 1) up++;
    }
    // Binomial(400, 1/2): sd 10; 6 sd.
    expect(Math.abs(up - 200)).toBeLessThan(60);
  });

  it('an edge with J = 0 never bonds', () => {
    // Path 0 –(J=0)– 1 –(J=5)– 2 at β = 10: the clusters are always {0} and {1, 2} (p(1–2) rounds to 1), so every
    // update has exactly 2 clusters, spins 1 and 2 stay equal, and spin 0 is an independent coin relative to them.
    const path = fromEdges([
      [0, 1],
      [1, 2],
    ]);
    const couplings = new Float64Array(path.size);
    for (let e = 0; e < path.size; e++) couplings[e] = path.edgeSources[e] === 0 ? 0 : 5;
    const model = createIsingModel(path, { couplings, beta: 10 });
    const spins = new Int8Array(3).fill(1);
    const rng = createRng(27);
    let split = 0;
    for (let s = 0; s < 400; s++) {
      expect(swendsenWangSweeps(model, spins, { rng }).clusters).toBe(2);
      expect(spins[1]).toBe(spins[2]);
      if (spins[0] !== spins[1]) split++;
    }
    // Binomial(400, 1/2): sd 10; 6 sd.
    expect(Math.abs(split - 200)).toBeLessThan(60);
  });

  const grid = squareLattice(8, 8, { periodic: true });
  const model = createIsingModel(grid, { beta: 0.42 });
  const start = (seed: number, chains = 1) => {
    const rng = createRng(seed);
    const spins = new Int8Array(chains * grid.order);
    for (let i = 0; i < spins.length; i++) spins[i] = rng.uint32() & 1 ? 1 : -1;
    return spins;
  };

  it('same seed → identical spins and results; another seed → other spins', () => {
    const a = start(28, 3);
    const b = start(28, 3);
    const c = start(28, 3);
    const ra = swendsenWangSweeps(model, a, { rng: createRng(42), sweeps: 20 });
    const rb = swendsenWangSweeps(model, b, { rng: createRng(42), sweeps: 20 });
    swendsenWangSweeps(model, c, { rng: createRng(43), sweeps: 20 });
    expect(b).toEqual(a);
    expect(rb).toEqual(ra);
    expect(c).not.toEqual(a);
  });

  it('a batch equals its chains run one after the other on the same stream', () => {
    const batch = start(29, 3);
    const batched = swendsenWangSweeps(model, batch, { rng: createRng(30), sweeps: 4 });
    const rng = createRng(30);
    const single = start(29, 3);
    let clusters = 0;
    for (let c = 0; c < 3; c++) {
      const chain = single.slice(c * grid.order, (c + 1) * grid.order);
      clusters += swendsenWangSweeps(model, chain, { rng, sweeps: 4 }).clusters;
      single.set(chain, c * grid.order);
    }
    expect(single).toEqual(batch);
    expect(clusters).toBe(batched.clusters);
    expect(batched.meanClusterSize).toBeCloseTo((3 * 4 * grid.order) / batched.clusters, 12);
  });

  it('the raw kernel reproduces the wrapper; a reused workspace follows β', () => {
    const viaWrapper = start(31);
    const result = swendsenWangSweeps(model, viaWrapper, { rng: createRng(32), sweeps: 5 });
    const viaKernel = start(31);
    const ws = createClusterWorkspace(withBeta(model, 0));
    const rng = createRng(32);
    let clusters = 0;
    for (let s = 0; s < 5; s++) clusters += swendsenWangSweepKernel(ws, model, viaKernel, 0, rng);
    expect(viaKernel).toEqual(viaWrapper);
    expect(clusters).toBe(result.clusters);
  });
});

describe('swendsenWangSweeps: large lattice', () => {
  it('one update of a 1000 × 1000 torus in the ordered phase (BFS over ~10⁶ spins, no recursion)', () => {
    const lattice = squareLattice(1000, 1000, { periodic: true });
    const model = createIsingModel(lattice, { beta: 0.6 });
    const spins = new Int8Array(lattice.order).fill(1);
    const result = swendsenWangSweeps(model, spins, { rng: createRng(33) });
    // β = 0.6: bond probability 1 − e^{−1.2} ≈ 0.70 > 1/2 (the square-lattice bond-percolation threshold), so one
    // cluster holds most spins and the rest are small: far fewer clusters than spins, and |m| stays large.
    expect(result.clusters).toBeLessThan(lattice.order / 10);
    let sum = 0;
    for (const x of spins) sum += x;
    expect(Math.abs(sum) / lattice.order).toBeGreaterThan(0.5);
  });
});

describe('checkClusterModel and swendsenWangSweeps refusals', () => {
  const c4 = createIsingModel(cycleGraph(4), { beta: 0.5 });
  const ok = () => new Int8Array(4).fill(1);
  const site = { pkg: 'ising', fn: 'sampleIsing' };
  const table: [string, () => unknown, string, string[]][] = [
    ['a nonzero field', () => swendsenWangSweeps(createIsingModel(cycleGraph(4), { fields: [0, -0.125, 0, 0] }), ok(), { rng: createRng(1) }), 'model', ['node 1', '-0.125', "'metropolis' or 'heat-bath'"]],
    ['a negative coupling', () => swendsenWangSweeps(createIsingModel(cycleGraph(4), { couplings: -1 }), ok(), { rng: createRng(1) }), 'model', ['edge 0', '-1', "'metropolis' or 'heat-bath'"]],
    ['a non-model', () => swendsenWangSweeps(null as never, ok(), { rng: createRng(1) }), 'model', []],
    ['a spin that is not ±1', () => swendsenWangSweeps(c4, Int8Array.of(1, 2, 1, 1), { rng: createRng(1) }), 'spins[1]', []],
    ['spins of the wrong length', () => swendsenWangSweeps(c4, new Int8Array(3).fill(1), { rng: createRng(1) }), 'spins.length', []],
    ['no rng', () => swendsenWangSweeps(c4, ok(), {} as never), 'options.rng', []],
    ['sweeps = −1', () => swendsenWangSweeps(c4, ok(), { rng: createRng(1), sweeps: -1 }), 'options.sweeps', []],
    ['sweeps = Infinity', () => swendsenWangSweeps(c4, ok(), { rng: createRng(1), sweeps: Infinity }), 'options.sweeps', []],
    ['a Wolff-only option', () => swendsenWangSweeps(c4, ok(), { rng: createRng(1), clustersPerSweep: 2 } as never), 'options.clustersPerSweep', []],
  ];
  it.each(table)('swendsenWangSweeps refuses %s', (_name, call, argument, words) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    for (const w of words) expect((error as Error).message).toContain(w);
    expect((error as Error).message).toMatch(/^@isinglab\/ising swendsenWangSweeps: /);
  });

  it('checkClusterModel reports at the caller\'s site and names the first offending edge', () => {
    const g = fromEdges([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const couplings = new Float64Array(g.size);
    for (let e = 0; e < g.size; e++) couplings[e] = g.edgeSources[e] === 0 ? 1 : -2;
    const bad = createIsingModel(g, { couplings });
    const first = couplings.findIndex((j) => j < 0);
    let error: unknown;
    try {
      checkClusterModel(site, bad);
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('model');
    expect((error as InvalidArgumentError).value).toBe(-2);
    expect((error as Error).message).toMatch(/^@isinglab\/ising sampleIsing: model must be ferromagnetic/);
    expect((error as Error).message).toContain(`edge ${first} (${g.edgeSources[first]}–${g.edgeTargets[first]})`);
  });

  it('checkClusterModel accepts zero couplings and returns the model', () => {
    const m = createIsingModel(cycleGraph(5), { couplings: [1, 0, 2, 0, 0.5], beta: 0.3 });
    expect(checkClusterModel(site, m)).toBe(m);
  });
});
