import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError, squareLattice } from '@isinglab/graph';
import { createIsingModel } from '../../src/model/index.js';
import { ISING_CRITICAL_BETA, kaufmanTorus, onsagerSquareLattice, transferMatrixIsing } from '../../src/exact/index.js';
import { naiveIsing } from './naive-ising.js';

const BETAS = [0.1, 0.3, ISING_CRITICAL_BETA, 0.6, 1.0];

describe('kaufmanTorus against a naive enumerator', () => {
  // Kaufman's formula is exact; double-precision evaluation agrees with brute force to ~1e−14 relative.
  // 1e−10 is the brief's bar with margin (log Z ≤ 40 here, so 1e−10 relative ≈ 4e−9 absolute at most).
  for (const [rows, cols] of [[3, 3], [4, 4], [3, 5], [4, 3]] as const) {
    for (const beta of BETAS) {
      it(`${rows}×${cols} at β = ${beta.toFixed(4)}`, () => {
        const model = createIsingModel(squareLattice(rows, cols, { periodic: true }), { beta });
        const ref = naiveIsing(model);
        const got = kaufmanTorus(rows, cols, beta);
        const n = rows * cols;
        expect(Math.abs(got.logZ - ref.logZ)).toBeLessThanOrEqual(1e-10 * ref.logZ);
        expect(Math.abs(got.energyPerSpin - ref.meanEnergy / n)).toBeLessThanOrEqual(1e-10);
        expect(got.logZPerSpin).toBeCloseTo(got.logZ / n, 14);
        expect(got.freeEnergyPerSpin).toBeCloseTo(-got.logZ / (n * beta), 12);
      });
    }
  }

  it('coupling J = 2 at β equals J = 1 at 2β (energy scaled by J); J = −1 on the even 4×4 torus equals J = 1', () => {
    const a = kaufmanTorus(6, 6, 0.35, { coupling: 2 });
    const b = kaufmanTorus(6, 6, 0.7);
    expect(a.logZ).toBeCloseTo(b.logZ, 12);
    expect(a.energyPerSpin).toBeCloseTo(2 * b.energyPerSpin, 12);
    const model = createIsingModel(squareLattice(4, 4, { periodic: true }), { couplings: -1, beta: 0.5 });
    const ref = naiveIsing(model);
    const af = kaufmanTorus(4, 4, 0.5, { coupling: -1 });
    expect(Math.abs(af.logZ - ref.logZ)).toBeLessThanOrEqual(1e-10 * ref.logZ);
    expect(Math.abs(af.energyPerSpin - ref.meanEnergy / 16)).toBeLessThanOrEqual(1e-10);
  });

  it('β = 0 gives N ln 2 and zero energy (free energy undefined)', () => {
    const got = kaufmanTorus(5, 7, 0);
    expect(got.logZ).toBeCloseTo(35 * Math.LN2, 13);
    expect(got.energyPerSpin).toBe(0);
    expect(got.freeEnergyPerSpin).toBeUndefined();
  });
});

describe('kaufmanTorus against the transfer matrix on larger tori', () => {
  // Two independent exact methods (trace of 2^W propagated row vectors vs Kaufman's products); ~1e−13 observed,
  // 1e−9 is the brief's bar.
  for (const [rows, cols] of [[6, 8], [8, 8], [5, 7]] as const) {
    for (const beta of [0.3, ISING_CRITICAL_BETA, 0.6]) {
      it(`${rows}×${cols} at β = ${beta.toFixed(4)}`, () => {
        const model = createIsingModel(squareLattice(rows, cols, { periodic: true }), { beta });
        const tm = transferMatrixIsing(model, { rows, cols, periodic: true });
        const k = kaufmanTorus(rows, cols, beta);
        expect(Math.abs(k.logZ - tm.logZ)).toBeLessThanOrEqual(1e-9);
        expect(Math.abs(k.energyPerSpin - tm.energyPerSpin)).toBeLessThanOrEqual(1e-9);
      });
    }
  }
});

describe('kaufmanTorus approaches Onsager for large tori', () => {
  // Away from β_c finite-size corrections on a torus decay like e^{−L/ξ} (ξ ≈ 1–2 here): below 1e−30 at L = 128.
  // Below T_c the finite torus keeps both ordered states, adding exactly ln 2 / N to log Z / N, which the
  // thermodynamic limit drops; it is subtracted. 1e−6 per site is the brief's bar; ~1e−15 is observed.
  for (const beta of [0.3, 0.6]) {
    it(`128×128 at β = ${beta}: log Z/N and ⟨E⟩/N within 1e−6 of Onsager`, () => {
      const k = kaufmanTorus(128, 128, beta);
      const o = onsagerSquareLattice(beta);
      const degeneracy = beta > ISING_CRITICAL_BETA ? Math.LN2 / (128 * 128) : 0;
      expect(Math.abs(k.logZPerSpin - degeneracy - o.logZPerSite)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(k.energyPerSpin - o.energyPerSite)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(k.freeEnergyPerSpin! + degeneracy / beta - o.freeEnergyPerSite!)).toBeLessThanOrEqual(1e-6);
    });
  }

  it('at β_c the energy per spin converges to −√2 like 1/L (Ferdinand & Fisher 1969)', () => {
    // u_L − u_∞ ∝ 1/L at criticality: the error shrinks by ~2 per doubling of L
    const errors = [32, 64, 128, 256].map((l) => Math.abs(kaufmanTorus(l, l, ISING_CRITICAL_BETA).energyPerSpin + Math.SQRT2));
    for (let i = 1; i < errors.length; i++) {
      const ratio = errors[i - 1]! / errors[i]!;
      expect(ratio).toBeGreaterThan(1.8);
      expect(ratio).toBeLessThan(2.2);
    }
    expect(errors[3]).toBeLessThan(0.01);
  });

  it('stays finite for 1000×1000 and for large β (ground-state expansion beyond β|J| = 20)', () => {
    const big = kaufmanTorus(1000, 1000, 0.3);
    expect(big.logZPerSpin).toBeCloseTo(onsagerSquareLattice(0.3).logZPerSite, 12);
    // the formula at K = 19.5 and the expansion at K = 20.5 both give log Z = ln 2 + 2NK, ⟨E⟩/N = −2 to 1e−15
    for (const beta of [19.5, 20.5, 400]) {
      const got = kaufmanTorus(10, 10, beta);
      expect(Math.abs(got.logZ - (Math.LN2 + 200 * beta)) / got.logZ).toBeLessThan(1e-15);
      expect(got.energyPerSpin).toBeCloseTo(-2, 14);
    }
  });
});

describe('kaufmanTorus rejects bad input', () => {
  const table: [string, () => unknown, string][] = [
    ['rows = 2 (a periodic side needs 3 nodes)', () => kaufmanTorus(2, 4, 0.4), 'rows'],
    ['cols fractional', () => kaufmanTorus(4, 4.5, 0.4), 'cols'],
    ['negative beta', () => kaufmanTorus(4, 4, -0.1), 'beta'],
    ['NaN beta', () => kaufmanTorus(4, 4, Number.NaN), 'beta'],
    ['infinite beta', () => kaufmanTorus(4, 4, Infinity), 'beta'],
    ['coupling 0', () => kaufmanTorus(4, 4, 0.4, { coupling: 0 }), 'options.coupling'],
    ['J < 0 on an odd torus (frustrated)', () => kaufmanTorus(3, 4, 0.4, { coupling: -1 }), 'options.coupling'],
    ['unknown option', () => kaufmanTorus(4, 4, 0.4, { field: 1 } as never), 'options.field'],
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
