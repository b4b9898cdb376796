import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, createRng, cycleGraph, fromEdges, shuffleInPlace, squareLattice } from '@isinglab/graph';
import { createIsingModel, type IsingModel } from '../../src/model/index.js';
import { enumerateIsing, transferMatrixIsing, type TransferMatrixIsingOptions } from '../../src/exact/index.js';
import { naiveIsing } from './naive-ising.js';

// Exact vs exact in double precision: both sum the same Boltzmann weights (in different orders and with different
// rescalings), agreeing to ~1e−13 relative; 1e−10 (relative to max(1, |value|)) catches any wrong bond or field.
const TOL = 1e-10;

function randomArray(length: number, lo: number, hi: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length }, () => lo + (hi - lo) * rng.float64());
}

type Periodic = NonNullable<TransferMatrixIsingOptions['periodic']>;

function latticeModel(rows: number, cols: number, periodic: Periodic, beta: number, seed: number): IsingModel {
  const g = squareLattice(rows, cols, { periodic });
  return createIsingModel(g, {
    couplings: randomArray(g.size, -1.2, 1.2, seed),
    fields: randomArray(g.order, -0.6, 0.6, seed + 1),
    beta,
  });
}

function expectNear(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

describe('transferMatrixIsing agrees with a naive enumerator (random couplings and fields)', () => {
  const shapes: [string, number, number, Periodic][] = [
    ['3×4 open strip', 3, 4, false],
    ['4×3 open strip (swept along columns)', 4, 3, false],
    ['1×7 (a path)', 1, 7, false],
    ['2×6 open', 2, 6, false],
    ['4×4 torus', 4, 4, true],
    ['3×5 torus (odd sides)', 3, 5, true],
    ['4×3 cylinder, columns wrap (periodic across the width)', 4, 3, [false, true]],
    ['3×4 cylinder, rows wrap (swept along columns, periodic across)', 3, 4, [true, false]],
    ['5×3 cylinder, rows wrap (width 3 across, no trace)', 5, 3, [true, false]],
    ['3×5 cylinder, columns wrap', 3, 5, [false, true]],
  ];
  for (const [name, rows, cols, periodic] of shapes) {
    for (const beta of [0.3, 1.0]) {
      it(`${name} at β = ${beta}`, () => {
        const model = latticeModel(rows, cols, periodic, beta, rows * 100 + cols * 10 + (beta === 1 ? 1 : 0));
        const ref = naiveIsing(model);
        const got = transferMatrixIsing(model, { rows, cols, periodic });
        expectNear(got.logZ, ref.logZ, TOL);
        expectNear(got.meanEnergy, ref.meanEnergy, TOL);
        expect(got.logZPerSpin).toBeCloseTo(got.logZ / (rows * cols), 14);
        expect(got.energyPerSpin).toBeCloseTo(got.meanEnergy / (rows * cols), 14);
      });
    }
  }

  it('7×3 with rows wrapping (a trace over an open width 3 is cheaper than width 7) against enumerateIsing', () => {
    // N = 21 is beyond the naive reference's reach; enumerateIsing is itself checked against it in its own suite
    const model = latticeModel(7, 3, [true, false], 0.6, 40);
    const ref = enumerateIsing(model);
    const got = transferMatrixIsing(model, { rows: 7, cols: 3, periodic: [true, false] });
    expectNear(got.logZ, ref.logZ, TOL);
    expectNear(got.meanEnergy, ref.meanEnergy, TOL);
  });

  it('1×8 and 8×1 rings (width 8 across, or a width-1 trace) match the cycle: Z = (2cosh K)^8 + (2sinh K)^8', () => {
    const k = 0.7;
    const t = Math.tanh(k);
    const logZ = 8 * Math.log(2 * Math.cosh(k)) + Math.log1p(t ** 8);
    const energy = (-8 * (t + t ** 7)) / (1 + t ** 8);
    for (const [rows, cols, periodic] of [[1, 8, [false, true]], [8, 1, [true, false]]] as const) {
      const model = createIsingModel(squareLattice(rows, cols, { periodic }), { beta: k });
      const got = transferMatrixIsing(model, { rows, cols, periodic });
      expectNear(got.logZ, logZ, 1e-13);
      expectNear(got.meanEnergy, energy, 1e-13);
    }
  });

  it('no overflow at β = 5 with J = 10 and fields: 4×4 torus and 4×4 open', () => {
    for (const periodic of [true, false]) {
      const g = squareLattice(4, 4, { periodic });
      const model = createIsingModel(g, { couplings: randomArray(g.size, 5, 10, 50), fields: randomArray(16, -2, 2, 51), beta: 5 });
      const ref = naiveIsing(model);
      const got = transferMatrixIsing(model, { rows: 4, cols: 4, periodic });
      expect(Number.isFinite(got.logZ)).toBe(true);
      expectNear(got.logZ, ref.logZ, 1e-12);
      expectNear(got.meanEnergy, ref.meanEnergy, 1e-12);
    }
  });

  it('β = 0: log Z = N ln 2 and ⟨E⟩ = 0', () => {
    const model = latticeModel(3, 5, true, 0, 60);
    const got = transferMatrixIsing(model, { rows: 3, cols: 5, periodic: true });
    expect(got.logZ).toBeCloseTo(15 * Math.LN2, 12);
    expect(got.meanEnergy).toBeCloseTo(0, 12);
  });

  it('accepts the lattice built with other edge ids (shuffled edge list) and reads couplings by endpoints', () => {
    const lattice = squareLattice(3, 4, { periodic: true });
    const pairs: [number, number][] = [];
    for (let k = 0; k < lattice.size; k++) pairs.push([lattice.edgeTargets[k]!, lattice.edgeSources[k]!]);
    const rng = createRng(70);
    shuffleInPlace(pairs, rng);
    const g = fromEdges(pairs, { order: 12 });
    const model = createIsingModel(g, { couplings: randomArray(g.size, -1, 1, 71), fields: randomArray(12, -1, 1, 72), beta: 0.7 });
    const ref = naiveIsing(model);
    const got = transferMatrixIsing(model, { rows: 3, cols: 4, periodic: true });
    expectNear(got.logZ, ref.logZ, TOL);
    expectNear(got.meanEnergy, ref.meanEnergy, TOL);
  });

  it('is invariant under transposing the lattice (3×16 strip swept across its width of 3, against 16×3)', () => {
    // node (r, c) of the 3×16 lattice is node (c, r) of the 16×3 one; couplings follow their endpoints
    const a = squareLattice(3, 16);
    const b = squareLattice(16, 3);
    const ja = randomArray(a.size, -1, 1, 80);
    const ha = randomArray(48, -0.5, 0.5, 81);
    const jb = new Float64Array(b.size);
    const hb = new Float64Array(48);
    const t = (v: number): number => (v % 16) * 3 + Math.floor(v / 16);
    for (let v = 0; v < 48; v++) hb[t(v)] = ha[v]!;
    for (let k = 0; k < a.size; k++) {
      const u = t(a.edgeSources[k]!);
      const v = t(a.edgeTargets[k]!);
      for (let e = 0; e < b.size; e++) {
        if ((b.edgeSources[e] === u && b.edgeTargets[e] === v) || (b.edgeSources[e] === v && b.edgeTargets[e] === u)) jb[e] = ja[k]!;
      }
    }
    const ra = transferMatrixIsing(createIsingModel(a, { couplings: ja, fields: ha, beta: 0.6 }), { rows: 3, cols: 16 });
    const rb = transferMatrixIsing(createIsingModel(b, { couplings: jb, fields: hb, beta: 0.6 }), { rows: 16, cols: 3 });
    expectNear(ra.logZ, rb.logZ, 1e-12);
    expectNear(ra.meanEnergy, rb.meanEnergy, 1e-12);
  });

  it('⟨E⟩ equals −d log Z/dβ (central difference, step 1e−5) on a 6×7 cylinder', () => {
    // truncation ~h²·|d³logZ/dβ³| ≲ 1e−8 and rounding ~1e−16·|log Z|/h ≲ 1e−9
    const g = squareLattice(6, 7, { periodic: [false, true] });
    const couplings = randomArray(g.size, -1, 1, 90);
    const fields = randomArray(42, -0.5, 0.5, 91);
    const at = (beta: number) =>
      transferMatrixIsing(createIsingModel(g, { couplings, fields, beta }), { rows: 6, cols: 7, periodic: [false, true] });
    const h = 1e-5;
    const fd = -(at(0.8 + h).logZ - at(0.8 - h).logZ) / (2 * h);
    expect(Math.abs(fd - at(0.8).meanEnergy)).toBeLessThan(1e-6);
  });
});

describe('transferMatrixIsing rejects bad input', () => {
  const m44 = createIsingModel(squareLattice(4, 4), { beta: 0.4 });
  const t44 = createIsingModel(squareLattice(4, 4, { periodic: true }), { beta: 0.4 });
  const missingEdge = (() => {
    const lat = squareLattice(4, 4);
    const pairs: [number, number][] = [];
    for (let k = 1; k < lat.size; k++) pairs.push([lat.edgeSources[k]!, lat.edgeTargets[k]!]);
    pairs.push([0, 5]); // a diagonal instead of the edge 0–1
    return createIsingModel(fromEdges(pairs, { order: 16 }));
  })();
  const table: [string, () => unknown, string, RegExp?][] = [
    ['cycle graph with 16 nodes', () => transferMatrixIsing(createIsingModel(cycleGraph(16)), { rows: 4, cols: 4 }), 'model', /16 edges, the lattice has 24/],
    ['open model declared periodic', () => transferMatrixIsing(m44, { rows: 4, cols: 4, periodic: true }), 'model', /24 edges, the lattice has 32/],
    ['torus model declared open', () => transferMatrixIsing(t44, { rows: 4, cols: 4 }), 'model', /32 edges, the lattice has 24/],
    ['one edge replaced by a diagonal', () => transferMatrixIsing(missingEdge, { rows: 4, cols: 4 }), 'model', /edge 0–1 is missing/],
    ['wrong shape', () => transferMatrixIsing(m44, { rows: 2, cols: 8 }), 'model', /has 24 edges, the lattice has 22/],
    ['wrong node count', () => transferMatrixIsing(m44, { rows: 3, cols: 4 }), 'model', /16 nodes, the lattice has 12/],
    ['15 × 15 open (both sides above 14)', () => transferMatrixIsing(createIsingModel(squareLattice(15, 15)), { rows: 15, cols: 15 }), 'options.cols', /at most 14/],
    ['11 × 11 torus (a trace needs width ≤ 10)', () => transferMatrixIsing(createIsingModel(squareLattice(11, 11, { periodic: true })), { rows: 11, cols: 11, periodic: true }), 'options.cols', /at most 10/],
    ['rows = 2 with wrapped rows', () => transferMatrixIsing(m44, { rows: 2, cols: 8, periodic: [true, false] }), 'options.rows'],
    ['cols = 0', () => transferMatrixIsing(m44, { rows: 4, cols: 0 }), 'options.cols'],
    ['rows fractional', () => transferMatrixIsing(m44, { rows: 2.5, cols: 4 }), 'options.rows'],
    ['periodic not a boolean', () => transferMatrixIsing(m44, { rows: 4, cols: 4, periodic: 'yes' as never }), 'options.periodic'],
    ['unknown option', () => transferMatrixIsing(m44, { rows: 4, cols: 4, width: 4 } as never), 'options.width'],
    ['missing options', () => transferMatrixIsing(m44, undefined as never), 'options'],
    ['not a model', () => transferMatrixIsing({} as IsingModel, { rows: 4, cols: 4 }), 'model'],
  ];
  for (const [name, call, argument, message] of table) {
    it(name, () => {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
      if (message) expect((caught as Error).message).toMatch(message);
    });
  }

  it('accepts a 15-column strip when the other side fits (swept across the 3 rows)', () => {
    const model = createIsingModel(squareLattice(3, 15), { beta: 0.4 });
    expect(Number.isFinite(transferMatrixIsing(model, { rows: 3, cols: 15 }).logZ)).toBe(true);
  });
});
