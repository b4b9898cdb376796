import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, fromEdges, squareLattice, type Rng } from '@isinglab/graph';
import { createIsingModel, withBeta } from '../../src/model/index.js';
import { wolffSweeps } from '../../src/cluster/index.js';
import { wolffSweepKernel } from '../../src/cluster/wolff.js';
import { createClusterWorkspace } from '../../src/cluster/cluster-workspace.js';
import {
  CHI2_999_DF15,
  batchMeansError,
  chiSquare,
  enumerateExact,
  integratedAutocorrelationTime,
  magnetisationOf,
  mean,
  naiveMetropolisSweep,
  paw,
  recordSeries,
  smallFerromagnets,
  stateHistogram,
  totalCoupling,
  type Ferromagnet,
} from './cluster-test-helpers.js';

const BETAS = [0.2, 0.5, 1.0];

describe('wolffSweeps: moments vs brute-force enumeration', () => {
  // 20 000 recorded sweeps after 500 of burn-in; the standard error comes from 40 batch means of 500 sweeps, far
  // longer than the measured τ_int (≤ 1 sweep on these graphs), so σ is reliable to ≈ 11%. |mean − exact| ≤ 4σ: a
  // false alarm has probability ≈ 3·10⁻⁴ per check (Student t with 39 dof), ≈ 2% over the 63 checks, and the
  // seeds are fixed. The second assertion keeps the test able to fail: 4σ must stay below 0.02 for |m| and m² and
  // below 2.5% of Σ J for the energy, so a bias that large cannot hide in a wide error bar.
  const cases = smallFerromagnets().flatMap((f, g) => BETAS.map((beta, b) => ({ f, beta, seed: 100 * g + b })));
  it.each(cases)('$f.name at β = $beta', ({ f, beta, seed }) => {
    const model = createIsingModel(f.graph, { couplings: f.couplings, beta });
    const spins = new Int8Array(f.graph.order).fill(1);
    const rng = createRng(seed);
    const { clustersPerSweep } = wolffSweeps(model, spins, { rng });
    const series = recordSeries(f, spins, () => wolffSweeps(model, spins, { rng, clustersPerSweep }), 500, 20000);
    const exact = enumerateExact(f, beta);
    const checks: [string, Float64Array, number, number][] = [
      ['energy', series.energy, exact.energy, 0.025 * totalCoupling(f)],
      ['|m|', series.absM, exact.absMagnetisation, 0.02],
      ['m²', series.m2, exact.magnetisationSquared, 0.02],
    ];
    for (const [, x, expected, resolution] of checks) {
      const sigma = batchMeansError(x, 40);
      expect(Math.abs(mean(x) - expected)).toBeLessThanOrEqual(4 * sigma);
      expect(4 * sigma).toBeLessThan(resolution);
    }
  });
});

/**
 * A reference Wolff sweep with the stopping rule "grow clusters until at least N spins were flipped", written
 * here from the paper (LIFO growth, flip on joining). Used only as a negative control: that rule is biased.
 */
function wolffUntilNFlipped(f: Ferromagnet, beta: number, spins: Int8Array, base: number, rng: Rng): void {
  const n = f.graph.order;
  const { offsets, targets, edgeIds } = f.graph;
  const stack: number[] = [];
  let flipped = 0;
  while (flipped < n) {
    const seed = rng.int(n);
    const s = spins[base + seed] as number;
    spins[base + seed] = -s;
    stack.push(seed);
    flipped++;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      for (let p = offsets[i] as number; p < (offsets[i + 1] as number); p++) {
        const j = targets[p] as number;
        const pBond = 1 - Math.exp(-2 * beta * (f.couplings[edgeIds[p] as number] as number));
        if (spins[base + j] === s && rng.float64() < pBond) {
          spins[base + j] = -s;
          stack.push(j);
          flipped++;
        }
      }
    }
  }
}

describe('wolffSweeps: exact distribution on a 4-node graph', () => {
  // 20 000 independent chains from uniform random states, 25 sweeps each (on 4 spins a sweep decorrelates almost
  // completely, so the law after 25 sweeps equals the Boltzmann law to far below the χ² resolution). The final
  // states are independent draws, so Pearson's χ² over the 16 states has 15 degrees of freedom; reject above
  // χ²_{0.999} = 37.7. Every expected count is ≥ 5 (asserted). The two negative controls show the same test
  // rejects a 20% temperature error and the biased "until N flipped" sweep.
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
    const spins = randomBatch(1);
    wolffSweeps(createIsingModel(f.graph, { couplings: f.couplings, beta: 0.5 }), spins, { rng: createRng(2), sweeps: 25 });
    expect(chiSquare(stateHistogram(spins, n), exact.probabilities, chains)).toBeLessThan(CHI2_999_DF15);
  });

  it('rejects samples taken at β = 0.6 instead (negative control)', () => {
    const spins = randomBatch(3);
    wolffSweeps(createIsingModel(f.graph, { couplings: f.couplings, beta: 0.6 }), spins, { rng: createRng(4), sweeps: 25 });
    expect(chiSquare(stateHistogram(spins, n), exact.probabilities, chains)).toBeGreaterThan(CHI2_999_DF15);
  });

  it('rejects the "until at least N spins flipped" sweep (why wolffSweeps fixes the clusters per sweep)', () => {
    const spins = randomBatch(5);
    const rng = createRng(6);
    for (let base = 0; base < spins.length; base += n) {
      for (let s = 0; s < 25; s++) wolffUntilNFlipped(f, 0.5, spins, base, rng);
    }
    expect(chiSquare(stateHistogram(spins, n), exact.probabilities, chains)).toBeGreaterThan(10 * CHI2_999_DF15);
  });
});

describe('wolffSweeps: determinism and bookkeeping', () => {
  const grid = squareLattice(8, 8, { periodic: true });
  const model = createIsingModel(grid, { beta: 0.42 });
  const start = (seed: number, chains = 1) => {
    const rng = createRng(seed);
    const spins = new Int8Array(chains * grid.order);
    for (let i = 0; i < spins.length; i++) spins[i] = rng.uint32() & 1 ? 1 : -1;
    return spins;
  };

  it('same seed → identical spins and results; another seed → other spins', () => {
    const a = start(9, 3);
    const b = start(9, 3);
    const c = start(9, 3);
    const ra = wolffSweeps(model, a, { rng: createRng(42), sweeps: 20 });
    const rb = wolffSweeps(model, b, { rng: createRng(42), sweeps: 20 });
    wolffSweeps(model, c, { rng: createRng(43), sweeps: 20 });
    expect(b).toEqual(a);
    expect(rb).toEqual(ra);
    expect(c).not.toEqual(a);
  });

  it('a batch equals its chains run one after the other on the same stream', () => {
    const batch = start(10, 3);
    const rng = createRng(11);
    const batched = wolffSweeps(model, batch, { rng, sweeps: 4 });
    const rng2 = createRng(11);
    const single = start(10, 3);
    let clusters = 0;
    for (let c = 0; c < 3; c++) {
      const chain = single.slice(c * grid.order, (c + 1) * grid.order);
      clusters += wolffSweeps(model, chain, { rng: rng2, sweeps: 4, clustersPerSweep: batched.clustersPerSweep }).clusters;
      single.set(chain, c * grid.order);
    }
    expect(single).toEqual(batch);
    expect(clusters).toBe(batched.clusters);
    expect(batched.clusters).toBe(3 * 4 * batched.clustersPerSweep);
  });

  it('the raw kernel reproduces the wrapper, and sums the flipped spins it reports', () => {
    const viaWrapper = start(12);
    const result = wolffSweeps(model, viaWrapper, { rng: createRng(13), sweeps: 5, clustersPerSweep: 7 });
    const viaKernel = start(12);
    const ws = createClusterWorkspace(model, 7);
    const rng = createRng(13);
    let clusters = 0;
    let flips = 0;
    for (let s = 0; s < 5; s++) {
      clusters += wolffSweepKernel(ws, model, viaKernel, 0, rng);
      flips += ws.lastFlips;
    }
    expect(viaKernel).toEqual(viaWrapper);
    expect(clusters).toBe(35);
    expect(result).toEqual({ clusters: 35, meanClusterSize: flips / 35, clustersPerSweep: 7 });
  });

  it('a reused workspace follows the β of the model it is called with', () => {
    // Built at β = 0 (no bond can form), then called at β = 5 from all +1: on the 8×8 torus p = 1 − e^{−10}, so the
    // first cluster is the whole lattice unless the bond probabilities were recomputed.
    const ws = createClusterWorkspace(withBeta(model, 0));
    const spins = new Int8Array(grid.order).fill(1);
    wolffSweepKernel(ws, withBeta(model, 0), spins, 0, createRng(14));
    expect(ws.clustersPerSweep).toBe(grid.order);
    const frozen = new Int8Array(grid.order).fill(1);
    wolffSweepKernel(ws, withBeta(model, 5), frozen, 0, createRng(15));
    expect(ws.clustersPerSweep).toBe(1);
    expect(ws.lastFlips).toBe(grid.order);
    expect(frozen.every((x) => x === -1)).toBe(true);
  });

  it('an edge with J = 0 never bonds; with every J = 0 each cluster is one spin', () => {
    // Path 0 –(J=0)– 1 –(J=5)– 2 at β = 10: p(1–2) = 1 − e^{−100} rounds to 1, p(0–1) = 0. From all +1 the only
    // clusters are {0} (seed 0) and {1, 2} (seed 1 or 2): spins 1 and 2 always agree, every step toggles whether
    // spin 0 agrees with them, and the mean cluster size is 1·(1/3) + 2·(2/3) = 5/3. Were the J = 0 edge ever to
    // bond, a cluster of 3 would appear and the agreement would not toggle.
    const path = fromEdges([
      [0, 1],
      [1, 2],
    ]);
    const couplings = new Float64Array(path.size);
    for (let e = 0; e < path.size; e++) couplings[e] = path.edgeSources[e] === 0 ? 0 : 5;
    const m = createIsingModel(path, { couplings, beta: 10 });
    const spins = new Int8Array(3).fill(1);
    const rng = createRng(16);
    let agree = true;
    let sizes = 0;
    const steps = 3000;
    for (let s = 0; s < steps; s++) {
      sizes += wolffSweeps(m, spins, { rng, clustersPerSweep: 1 }).meanClusterSize;
      expect(spins[1]).toBe(spins[2]);
      expect(spins[0] === spins[1]).toBe(!agree);
      agree = !agree;
    }
    // The fraction of seeds at node 0 is binomial(3000, 1/3)/3000, sd 0.0086: 5 sd = 0.043.
    expect(Math.abs(sizes / steps - 5 / 3)).toBeLessThan(0.043);

    const free = createIsingModel(squareLattice(5, 5), { couplings: 0, beta: 3 });
    const r = wolffSweeps(free, new Int8Array(25).fill(1), { rng: createRng(17), sweeps: 3 });
    expect(r).toEqual({ clusters: 75, meanClusterSize: 1, clustersPerSweep: 25 });
  });
});

describe('wolffSweeps: large lattice', () => {
  it('one sweep of a 1000 × 1000 torus in the ordered phase (clusters of ~10⁶ spins, no recursion)', () => {
    // β = 0.6 > β_c ≈ 0.4407: from all +1 the first FK cluster spans most of the lattice, so the explicit stack
    // holds hundreds of thousands of nodes; a recursive growth would overflow the call stack long before.
    const lattice = squareLattice(1000, 1000, { periodic: true });
    const model = createIsingModel(lattice, { beta: 0.6 });
    const spins = new Int8Array(lattice.order).fill(1);
    const result = wolffSweeps(model, spins, { rng: createRng(18) });
    expect(result.meanClusterSize).toBeGreaterThan(5e5);
    expect(result.clusters * result.meanClusterSize).toBeGreaterThanOrEqual(lattice.order * 0.5);
    expect(spins.every((x) => x === 1 || x === -1)).toBe(true);
  });
});

describe('wolffSweeps: critical slowing down (informative)', () => {
  it('at β_c on a 32 × 32 torus, τ_int(|m|) per sweep is far below naive Metropolis', () => {
    // Why the factor 3 is safe: single-spin Metropolis at criticality has z ≈ 2.17, τ_int(|m|) of order 10²
    // sweeps at L = 32, while Wolff's τ per (≈ N-flip) sweep is O(1) (z ≈ 0.25; Wolff 1989 reports τ of a few
    // sweeps at this size). The measured ratio is far larger than 3; the bound only rules out a broken cluster
    // update (e.g. clusters that never grow, which is a random single-spin flip with τ ≥ Metropolis's).
    // Windowed τ (Sokal, c = 6) from 20 000 Metropolis sweeps (> 100 τ) and 5 000 Wolff sweeps.
    const lattice = squareLattice(32, 32, { periodic: true });
    const betaC = Math.log(1 + Math.SQRT2) / 2;
    const f: Ferromagnet = { name: 'torus32', graph: lattice, couplings: new Float64Array(lattice.size).fill(1) };
    const n = lattice.order;

    const metropolisSpins = new Int8Array(n).fill(1);
    const mRng = createRng(19);
    for (let s = 0; s < 2000; s++) naiveMetropolisSweep(f, betaC, metropolisSpins, mRng);
    const metropolis = new Float64Array(20000);
    for (let s = 0; s < metropolis.length; s++) {
      naiveMetropolisSweep(f, betaC, metropolisSpins, mRng);
      metropolis[s] = Math.abs(magnetisationOf(metropolisSpins, n));
    }

    const model = createIsingModel(lattice, { beta: betaC });
    const wolffSpins = new Int8Array(n).fill(1);
    const wRng = createRng(20);
    const { clustersPerSweep } = wolffSweeps(model, wolffSpins, { rng: wRng, sweeps: 200 });
    const wolff = new Float64Array(5000);
    for (let s = 0; s < wolff.length; s++) {
      wolffSweeps(model, wolffSpins, { rng: wRng, clustersPerSweep });
      wolff[s] = Math.abs(magnetisationOf(wolffSpins, n));
    }

    const tauMetropolis = integratedAutocorrelationTime(metropolis);
    const tauWolff = integratedAutocorrelationTime(wolff);
    expect(tauWolff).toBeLessThan(tauMetropolis / 3);
    // Both series sample the same critical point: their means agree within a loose 10% (each has a few % error).
    expect(Math.abs(mean(wolff) - mean(metropolis))).toBeLessThan(0.1 * mean(wolff));
  });
});

describe('wolffSweeps: refusals', () => {
  const c4 = createIsingModel(cycleOf4(), { beta: 0.5 });
  const ok = () => new Int8Array(4).fill(1);
  const rng = () => createRng(1);
  const table: [string, () => unknown, string, string[]][] = [
    ['a nonzero field', () => wolffSweeps(createIsingModel(cycleOf4(), { fields: [0, 0, 0.25, 0] }), ok(), { rng: rng() }), 'model', ['node 2', '0.25', "'metropolis' or 'heat-bath'"]],
    ['a negative coupling', () => wolffSweeps(createIsingModel(cycleOf4(), { couplings: [1, -0.5, 1, 1] }), ok(), { rng: rng() }), 'model', ['edge 1', '-0.5', "'metropolis' or 'heat-bath'"]],
    ['a non-model', () => wolffSweeps({} as never, ok(), { rng: rng() }), 'model', []],
    ['a hand-made model with β = NaN', () => wolffSweeps({ ...c4, beta: Number.NaN }, ok(), { rng: rng() }), 'model.beta', []],
    ['spins of another type', () => wolffSweeps(c4, new Float64Array(4) as never, { rng: rng() }), 'spins', []],
    ['spins of the wrong length', () => wolffSweeps(c4, new Int8Array(6).fill(1), { rng: rng() }), 'spins.length', []],
    ['a spin that is not ±1', () => wolffSweeps(c4, Int8Array.of(1, 1, 0, 1), { rng: rng() }), 'spins[2]', []],
    ['no options', () => wolffSweeps(c4, ok(), undefined as never), 'options.rng', []],
    ['options that are not an object', () => wolffSweeps(c4, ok(), 3 as never), 'options', []],
    ['no rng', () => wolffSweeps(c4, ok(), { sweeps: 2 } as never), 'options.rng', []],
    ['an rng that is not an Rng', () => wolffSweeps(c4, ok(), { rng: Math.random as never }), 'options.rng', []],
    ['sweeps = 0', () => wolffSweeps(c4, ok(), { rng: rng(), sweeps: 0 }), 'options.sweeps', []],
    ['sweeps = 1.5', () => wolffSweeps(c4, ok(), { rng: rng(), sweeps: 1.5 }), 'options.sweeps', []],
    ["sweeps = '2'", () => wolffSweeps(c4, ok(), { rng: rng(), sweeps: '2' as never }), 'options.sweeps', []],
    ['clustersPerSweep = 0', () => wolffSweeps(c4, ok(), { rng: rng(), clustersPerSweep: 0 }), 'options.clustersPerSweep', []],
    ['clustersPerSweep = 2.5', () => wolffSweeps(c4, ok(), { rng: rng(), clustersPerSweep: 2.5 }), 'options.clustersPerSweep', []],
    ["clustersPerSweep = 'many'", () => wolffSweeps(c4, ok(), { rng: rng(), clustersPerSweep: 'many' as never }), 'options.clustersPerSweep', []],
    ['an unknown option', () => wolffSweeps(c4, ok(), { rng: rng(), sweep: 2 } as never), 'options.sweep', []],
  ];
  it.each(table)('refuses %s', (_name, call, argument, words) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe(argument);
    for (const w of words) expect((error as Error).message).toContain(w);
    expect((error as Error).message).toMatch(/^@isinglab\/ising wolffSweeps: /);
  });

  it('leaves the spins untouched when it refuses', () => {
    const spins = Int8Array.of(1, -1, 1, -1);
    expect(() => wolffSweeps(c4, spins, { rng: rng(), sweeps: 0 })).toThrow();
    expect(spins).toEqual(Int8Array.of(1, -1, 1, -1));
  });
});

function cycleOf4() {
  return fromEdges([
    [0, 1],
    [1, 2],
    [2, 3],
    [0, 3],
  ]);
}
