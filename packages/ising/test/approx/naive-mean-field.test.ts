import { describe, expect, it } from '@jest/globals';
import {
  ConvergenceError,
  InvalidArgumentError,
  completeGraph,
  createRng,
  erdosRenyiGnp,
  fromEdges,
  pathGraph,
  squareLattice,
  type Graph,
} from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '../../src/model/index.js';
import { naiveMeanField } from '../../src/approx/index.js';
import { bruteForce, maxAbsDiff } from './brute-force.js';

function uniform(length: number, lo: number, hi: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length }, () => lo + (hi - lo) * rng.float64());
}

/** −βF of the product measure with means m, written from the definition (independent of src/). */
function meanFieldBound(model: IsingModel, m: ArrayLike<number>): number {
  const xlogx = (p: number) => (p > 0 ? p * Math.log(p) : 0);
  let value = 0;
  for (let e = 0; e < model.graph.size; e++) {
    value += model.beta * model.couplings[e]! * m[model.graph.edgeSources[e]!]! * m[model.graph.edgeTargets[e]!]!;
  }
  for (let i = 0; i < model.order; i++) {
    value += model.beta * model.fields[i]! * m[i]! - xlogx((1 + m[i]!) / 2) - xlogx((1 - m[i]!) / 2);
  }
  return value;
}

/** max_i |m_i − tanh(β(h_i + Σ_j J_ij m_j))| from the edge list (independent of the CSR rows used by src/). */
function fixedPointResidual(model: IsingModel, m: ArrayLike<number>): number {
  const h = Float64Array.from(model.fields);
  for (let e = 0; e < model.graph.size; e++) {
    const u = model.graph.edgeSources[e]!;
    const v = model.graph.edgeTargets[e]!;
    h[u]! += model.couplings[e]! * m[v]!;
    h[v]! += model.couplings[e]! * m[u]!;
  }
  let r = 0;
  for (let i = 0; i < model.order; i++) r = Math.max(r, Math.abs(m[i]! - Math.tanh(model.beta * h[i]!)));
  return r;
}

function randomGraphModels(): { name: string; model: IsingModel }[] {
  const list: { name: string; model: IsingModel }[] = [];
  const betas = [0.2, 0.5, 1, 2, 3];
  for (let k = 0; k < 12; k++) {
    const n = 4 + (k % 7);
    const graph = erdosRenyiGnp(n, 0.5, { rng: createRng(300 + k) });
    const beta = betas[k % betas.length]!;
    const model = createIsingModel(graph, {
      couplings: uniform(graph.size, -1.5, 1.5, 400 + k),
      fields: uniform(n, -1, 1, 500 + k),
      beta,
    });
    list.push({ name: `G(${n}, 0.5) #${k}, ${graph.size} edges, β=${beta}`, model });
  }
  return list;
}

describe('naiveMeanField: Gibbs–Bogoliubov bound and fixed point', () => {
  for (const { name, model } of randomGraphModels()) {
    it(`${name}: logZ_MF ≤ ln Z, logZ is the bound at m, m solves Eq. 14`, () => {
      const exact = bruteForce(model);
      const mf = naiveMeanField(model);
      expect(mf.converged).toBe(true);
      // The bound holds exactly; 1e-12 allows for rounding in two sums of O(10) terms.
      expect(mf.logZ).toBeLessThanOrEqual(exact.logZ + 1e-12);
      expect(Math.abs(mf.logZ - meanFieldBound(model, mf.magnetisations))).toBeLessThanOrEqual(1e-12);
      // The sweep stopped at residual ≤ 1e-10; the returned iterate moved by at most that again: 1e-9 is safe.
      expect(fixedPointResidual(model, mf.magnetisations)).toBeLessThanOrEqual(1e-9);
      expect(mf.freeEnergy).toBe(-mf.logZ / model.beta);
    });
  }

  it('the bound holds for any m, not only at the fixed point (random m on 3×3 grid, β=1)', () => {
    const model = createIsingModel(squareLattice(3, 3), { couplings: uniform(12, -1.5, 1.5, 1), fields: uniform(9, -1, 1, 2) });
    const exact = bruteForce(model);
    for (let s = 0; s < 20; s++) {
      const start = uniform(9, -1, 1, 600 + s);
      const r = naiveMeanField(model, { initial: start, maxIterations: 1, onNonConvergence: 'return' });
      expect(r.logZ).toBeLessThanOrEqual(exact.logZ + 1e-12);
    }
  });

  it('sequential sweeps never decrease the bound (coordinate ascent), damped or not', () => {
    // Each site update maximises (or, damped, moves toward the maximum of) a strictly concave function of m_i with
    // the other m fixed, so the bound is non-decreasing sweep by sweep; 1e-13 absorbs rounding.
    const model = createIsingModel(squareLattice(3, 4), { couplings: uniform(17, -1.5, 1.5, 3), fields: uniform(12, -0.5, 0.5, 4), beta: 1.5 });
    for (const damping of [0, 0.5]) {
      let previous = -Infinity;
      for (let k = 1; k <= 30; k++) {
        const r = naiveMeanField(model, { damping, maxIterations: k, onNonConvergence: 'return', initial: uniform(12, -0.9, 0.9, 5) });
        expect(r.logZ).toBeGreaterThanOrEqual(previous - 1e-13);
        previous = r.logZ;
      }
    }
  });
});

describe('naiveMeanField: exact cases and closed forms', () => {
  it('β = 0: m = 0 and logZ = N ln 2 (the uniform measure is a product measure)', () => {
    const model = createIsingModel(squareLattice(3, 3), { couplings: uniform(12, -1.5, 1.5, 6), fields: uniform(9, -1, 1, 7), beta: 0 });
    const mf = naiveMeanField(model);
    // m decays geometrically from 0.1 and stops at |m| ≤ 1e-10; ln Z is quadratic in m near 0, error ≈ 1e-20.
    expect(maxAbsDiff(mf.magnetisations, new Float64Array(9))).toBeLessThanOrEqual(1e-10);
    expect(Math.abs(mf.logZ - 9 * Math.LN2)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(mf.logZ - bruteForce(model).logZ)).toBeLessThanOrEqual(1e-15);
    expect(mf.freeEnergy).toBe(-Infinity);
  });

  const independent: [string, Graph, number | Float64Array][] = [
    ['isolated spins', fromEdges([], { order: 7 }), 1],
    ['grid with all couplings 0', squareLattice(2, 4), 0],
  ];
  for (const [name, graph, couplings] of independent) {
    it(`${name}: m_i = tanh(βh_i) and logZ = Σ ln 2cosh(βh_i) = exact ln Z`, () => {
      const fields = uniform(graph.order, -2, 2, 8);
      const model = createIsingModel(graph, { couplings, fields, beta: 1.3 });
      const mf = naiveMeanField(model);
      // Stopping error in m ≤ 1e-10; ln Z is stationary in m there, so its error is O(1e-20) plus rounding.
      expect(maxAbsDiff(mf.magnetisations, fields.map((h) => Math.tanh(1.3 * h)))).toBeLessThanOrEqual(1e-9);
      const closed = fields.reduce((s, h) => s + Math.log(2 * Math.cosh(1.3 * h)), 0);
      expect(Math.abs(mf.logZ - closed)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(mf.logZ - bruteForce(model).logZ)).toBeLessThanOrEqual(1e-12);
    });
  }

  it('Curie–Weiss on K6: m solves m = tanh(β(h + 5Jm)) (bisection reference)', () => {
    const [beta, coupling, field] = [1, 0.4, 0.1];
    const model = createIsingModel(completeGraph(6), { couplings: coupling, fields: field, beta });
    // g(m) = tanh(β(h + 5Jm)) − m is concave on [0, 1] with g(0) > 0 > g(1): one root, found to 1e-15 by bisection.
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (Math.tanh(beta * (field + 5 * coupling * mid)) - mid > 0) lo = mid;
      else hi = mid;
    }
    const mf = naiveMeanField(model);
    expect(maxAbsDiff(mf.magnetisations, new Float64Array(6).fill(lo))).toBeLessThanOrEqual(1e-9);
  });

  it('zero-field ferromagnet below the mean-field critical point: ±m from ±initial, 0 from 0', () => {
    // 3×3 grid, J = 1, β = 1: β·λ_max(A) = 2.83 > 1, so m = 0 is unstable and two ordered solutions exist.
    const model = createIsingModel(squareLattice(3, 3), { beta: 1 });
    const up = naiveMeanField(model);
    const down = naiveMeanField(model, { initial: -0.1 });
    const para = naiveMeanField(model, { initial: 0 });
    for (const m of up.magnetisations) expect(m).toBeGreaterThan(0.5);
    expect(maxAbsDiff(down.magnetisations, up.magnetisations.map((m) => -m))).toBeLessThanOrEqual(1e-12);
    expect(maxAbsDiff(para.magnetisations, new Float64Array(9))).toBe(0);
    // The ordered solutions are the better bounds.
    expect(up.logZ).toBeGreaterThan(para.logZ);
  });

  it('parallel and sequential schedules agree where the fixed point is unique (β Σ_j |J_ij| < 1)', () => {
    const graph = pathGraph(10);
    const model = createIsingModel(graph, { couplings: uniform(9, -1, 1, 9), fields: uniform(10, -1, 1, 10), beta: 0.45 });
    const a = naiveMeanField(model, { tolerance: 1e-13 });
    const b = naiveMeanField(model, { schedule: 'parallel', tolerance: 1e-13 });
    // The map is a contraction (factor ≤ 0.9), both stop within ≈1e-12 of the same point.
    expect(maxAbsDiff(a.magnetisations, b.magnetisations)).toBeLessThanOrEqual(1e-11);
  });

  it('an array initial is used as given (antiferromagnetic path: staggered start → staggered solution)', () => {
    const model = createIsingModel(pathGraph(6), { couplings: -1, beta: 2 });
    const start = [0.5, -0.5, 0.5, -0.5, 0.5, -0.5];
    const mf = naiveMeanField(model, { initial: start });
    mf.magnetisations.forEach((m, i) => expect(Math.sign(m)).toBe(Math.sign(start[i]!)));
    expect(fixedPointResidual(model, mf.magnetisations)).toBeLessThanOrEqual(1e-9);
  });

  it('empty model: logZ 0, free energy 0, converged', () => {
    const mf = naiveMeanField(createIsingModel(fromEdges([], { order: 0 })));
    expect(mf.magnetisations.length).toBe(0);
    expect(mf.logZ).toBe(0);
    expect(mf.freeEnergy).toBe(0);
    expect(mf.converged).toBe(true);
  });
});

describe('naiveMeanField non-convergence', () => {
  // Antiferromagnetic K4 at β = 3: undamped parallel updates jump between m ≈ +1 and m ≈ −1 on every node
  // (period 2, residual ≈ 2) for ever.
  const model = createIsingModel(completeGraph(4), { couplings: -1, fields: 0, beta: 3 });
  const oscillating = { schedule: 'parallel', damping: 0, maxIterations: 500 } as const;

  it('throws ConvergenceError carrying iterations and residual', () => {
    let caught: unknown;
    try {
      naiveMeanField(model, oscillating);
    } catch (err) {
      caught = err;
    }
    expect(ConvergenceError.isInstance(caught)).toBe(true);
    expect((caught as ConvergenceError).iterations).toBe(500);
    expect((caught as ConvergenceError).residual).toBeGreaterThan(1.9);
    expect((caught as Error).message).toMatch(/^@isinglab\/ising naiveMeanField: naive mean field did not converge after 500 iterations/);
  });

  it("returns converged: false with onNonConvergence: 'return'", () => {
    const mf = naiveMeanField(model, { ...oscillating, onNonConvergence: 'return' });
    expect(mf.converged).toBe(false);
    expect(mf.iterations).toBe(500);
    expect(mf.residual).toBeGreaterThan(1.9);
    expect(Number.isFinite(mf.logZ)).toBe(true);
  });

  it('sequential sweeps also stop unconverged when given too few iterations', () => {
    let caught: unknown;
    try {
      naiveMeanField(model, { maxIterations: 2 });
    } catch (err) {
      caught = err;
    }
    expect(ConvergenceError.isInstance(caught)).toBe(true);
    expect((caught as ConvergenceError).iterations).toBe(2);
  });

  it('the default (sequential, damped) iteration converges on the same model', () => {
    expect(naiveMeanField(model).converged).toBe(true);
  });
});

describe('naiveMeanField bad input', () => {
  const model = createIsingModel(pathGraph(3));
  const table: [string, () => unknown, string][] = [
    ['not a model', () => naiveMeanField(null as never), 'model'],
    ['options an array', () => naiveMeanField(model, [] as never), 'options'],
    ['unknown option', () => naiveMeanField(model, { dampening: 0.5 } as never), 'options.dampening'],
    ['damping 1', () => naiveMeanField(model, { damping: 1 }), 'options.damping'],
    ['β·|J| overflowing', () => naiveMeanField(createIsingModel(pathGraph(3), { couplings: 1e200, beta: 1e200 })), 'model'],
    ['damping string', () => naiveMeanField(model, { damping: '0.5' as never }), 'options.damping'],
    ['tolerance NaN', () => naiveMeanField(model, { tolerance: Number.NaN }), 'options.tolerance'],
    ['maxIterations 0', () => naiveMeanField(model, { maxIterations: 0 }), 'options.maxIterations'],
    ['schedule unknown', () => naiveMeanField(model, { schedule: 'random' as never }), 'options.schedule'],
    ['onNonConvergence unknown', () => naiveMeanField(model, { onNonConvergence: 'ignore' as never }), 'options.onNonConvergence'],
    ['initial above 1', () => naiveMeanField(model, { initial: 1.5 }), 'options.initial'],
    ['initial NaN', () => naiveMeanField(model, { initial: Number.NaN }), 'options.initial'],
    ['initial wrong length', () => naiveMeanField(model, { initial: [0.1, 0.2] }), 'options.initial'],
    ['initial a string', () => naiveMeanField(model, { initial: 'up' as never }), 'options.initial'],
    ['initial entry out of range', () => naiveMeanField(model, { initial: [0.1, -1.01, 0] }), 'options.initial[1]'],
    ['initial entry not a number', () => naiveMeanField(model, { initial: [0.1, 0, null] as never }), 'options.initial[2]'],
  ];
  for (const [name, call, argument] of table) {
    it(`${name} → InvalidArgumentError on ${argument}`, () => {
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
