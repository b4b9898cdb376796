import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from '@isinglab/graph';
import { ISING_CRITICAL_BETA, criticalBeta, onsagerSquareLattice } from '../../src/exact/index.js';

interface FixtureRow {
  beta: number;
  logZPerSite: string;
  energyPerSite: string;
  spontaneousMagnetisation: string;
}
interface Fixture {
  criticalBeta: string;
  logZPerSiteAtCriticalBeta: string;
  rows: FixtureRow[];
}

const here = dirname(fileURLToPath(import.meta.url));
// Produced by test/fixtures/exact/make-onsager.py with mpmath at 40 digits (textbook formulas, mpmath's quadrature
// and ellipk): independent of the AGM / k'-form / tanh-sinh code under test.
const fixture = JSON.parse(readFileSync(join(here, '../fixtures/exact/onsager.json'), 'utf8')) as Fixture;

const CATALAN = 0.915965594177219015054603514932384110774;

describe('onsagerSquareLattice against 40-digit mpmath values', () => {
  // log Z/N ~ 1 and u ~ 1 in double precision: 1e−13 absolute allows a few ulps of rounding in the quadrature sum
  // and the AGM. M₀ = (…)^{1/8} near β_c amplifies the input's rounding by ~1/(8(β − β_c)) ≈ 1e3 at β = 0.4407,
  // hence 1e−12 for it.
  for (const row of fixture.rows) {
    it(`β = ${row.beta}`, () => {
      const got = onsagerSquareLattice(row.beta);
      expect(Math.abs(got.logZPerSite - Number(row.logZPerSite))).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(got.energyPerSite - Number(row.energyPerSite))).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(got.spontaneousMagnetisation - Number(row.spontaneousMagnetisation))).toBeLessThanOrEqual(1e-12);
      expect(got.freeEnergyPerSite).toBeCloseTo(-got.logZPerSite / row.beta, 12);
    });
  }
});

describe('onsagerSquareLattice closed forms', () => {
  it('β_c = ln(1 + √2)/2, sinh 2β_c = 1, criticalBeta(J) = β_c/|J|', () => {
    expect(ISING_CRITICAL_BETA).toBeCloseTo(Number(fixture.criticalBeta), 15);
    expect(Math.sinh(2 * ISING_CRITICAL_BETA)).toBeCloseTo(1, 15);
    expect(criticalBeta()).toBe(ISING_CRITICAL_BETA);
    expect(criticalBeta(2)).toBeCloseTo(ISING_CRITICAL_BETA / 2, 16);
    expect(criticalBeta(-0.5)).toBeCloseTo(2 * ISING_CRITICAL_BETA, 15);
  });

  it('at β_c: u = −√2 exactly and log Z/N = 2G/π + ln 2/2 (G = Catalan), M₀ = 0', () => {
    const got = onsagerSquareLattice(ISING_CRITICAL_BETA);
    expect(Math.abs(got.energyPerSite + Math.SQRT2)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(got.logZPerSite - (2 * CATALAN) / Math.PI - Math.LN2 / 2)).toBeLessThanOrEqual(1e-14);
    expect(got.spontaneousMagnetisation).toBe(0);
  });

  it('high-temperature series: log Z/N = ln 2 + 2 ln cosh K + t⁴ + 2t⁶ + 9t⁸/2 + 12t¹⁰ + 112t¹²/3 + O(130 t¹⁴)', () => {
    // t = tanh K; at K ≤ 0.1 the first omitted term 130 t¹⁴ ≤ 1.4e−12
    for (const k of [0.02, 0.05, 0.1]) {
      const t = Math.tanh(k);
      const series = Math.LN2 + 2 * Math.log(Math.cosh(k)) + t ** 4 + 2 * t ** 6 + 4.5 * t ** 8 + 12 * t ** 10 + (112 / 3) * t ** 12;
      expect(Math.abs(onsagerSquareLattice(k).logZPerSite - series)).toBeLessThanOrEqual(140 * t ** 14 + 1e-15);
    }
  });

  it('low-temperature series: log Z/N = 2K + u⁴ + 2u⁶ + 9u⁸/2 + 12u¹⁰ + 112u¹²/3 + O(130 u¹⁴), u = e^{−2K}', () => {
    // Kramers–Wannier duality maps the high-T polygon series onto the low-T domain-wall series
    for (const k of [1.5, 2, 3]) {
      const u = Math.exp(-2 * k);
      const series = 2 * k + u ** 4 + 2 * u ** 6 + 4.5 * u ** 8 + 12 * u ** 10 + (112 / 3) * u ** 12;
      expect(Math.abs(onsagerSquareLattice(k).logZPerSite - series)).toBeLessThanOrEqual(140 * u ** 14 + 1e-15 * series);
    }
  });

  it('u = −d(log Z/N)/dβ (central difference, step 1e−5, away from β_c)', () => {
    // truncation h²/6·|d³ log Z/dβ³| ≲ 1e−9 away from β_c, rounding 1e−16/h = 1e−11
    for (const beta of [0.1, 0.3, 0.5, 0.8]) {
      const h = 1e-5;
      const fd = -(onsagerSquareLattice(beta + h).logZPerSite - onsagerSquareLattice(beta - h).logZPerSite) / (2 * h);
      expect(Math.abs(fd - onsagerSquareLattice(beta).energyPerSite)).toBeLessThan(1e-8);
    }
  });

  it('free energy and energy are continuous through β_c (only the specific heat diverges)', () => {
    const d = 1e-9;
    const below = onsagerSquareLattice(ISING_CRITICAL_BETA - d);
    const above = onsagerSquareLattice(ISING_CRITICAL_BETA + d);
    // |Δ log Z/N| ≈ 2d·|u| ≈ 3e−9; |Δu| ≈ 2d·|ln d|·8/π ≈ 1e−7 (logarithmic specific heat)
    expect(Math.abs(above.logZPerSite - below.logZPerSite)).toBeLessThan(1e-8);
    expect(Math.abs(above.energyPerSite - below.energyPerSite)).toBeLessThan(1e-6);
    expect(Math.abs(above.freeEnergyPerSite! - below.freeEnergyPerSite!)).toBeLessThan(1e-7);
    // and each side is finite, no NaN from the 0·∞ of the textbook formula
    for (const r of [below, above]) expect(Number.isFinite(r.energyPerSite)).toBe(true);
  });

  it('Yang magnetisation: 0 up to β_c, increasing to 1, (1 − sinh(2K)^{−4})^{1/8} below T_c', () => {
    expect(onsagerSquareLattice(0.44).spontaneousMagnetisation).toBe(0);
    let previous = 0;
    for (let beta = 0.441; beta < 3; beta += 0.05) {
      const m = onsagerSquareLattice(beta).spontaneousMagnetisation;
      expect(m).toBeGreaterThan(previous);
      expect(m).toBeLessThanOrEqual(1);
      previous = m;
    }
    expect(onsagerSquareLattice(0.6).spontaneousMagnetisation).toBeCloseTo((1 - Math.sinh(1.2) ** -4) ** 0.125, 14);
    expect(onsagerSquareLattice(10).spontaneousMagnetisation).toBe(1);
  });

  it('coupling J scales as K = β|J| (J < 0: antiferromagnet, same log Z and energy)', () => {
    const ref = onsagerSquareLattice(0.6);
    for (const j of [2, -2]) {
      const got = onsagerSquareLattice(0.3, { coupling: j });
      expect(got.logZPerSite).toBeCloseTo(ref.logZPerSite, 14);
      expect(got.energyPerSite).toBeCloseTo(2 * ref.energyPerSite, 14);
      expect(got.spontaneousMagnetisation).toBeCloseTo(ref.spontaneousMagnetisation, 14);
    }
  });

  it('limits: β = 0 (ln 2, u = 0, f undefined), tiny β (u ≈ −2K), huge β (log Z/N = 2K, u = −2, no overflow)', () => {
    const zero = onsagerSquareLattice(0);
    expect(zero.logZPerSite).toBe(Math.LN2);
    expect(zero.energyPerSite).toBe(0);
    expect(zero.freeEnergyPerSite).toBeUndefined();
    // u = −d/dK of the high-T series = −2t − (1 − t²)(4t³ + 12t⁵ + 36t⁷) + O(t⁹): at K ≤ 1e−3 the omitted
    // terms are < 1e−16 relative, and the computation keeps ~1e−14 (no cancellation in 1 − k'/AGM, which is O(K²))
    for (const k of [1e-3, 1e-6]) {
      const t = Math.tanh(k);
      const series = -2 * t - (1 - t * t) * (4 * t ** 3 + 12 * t ** 5 + 36 * t ** 7);
      expect(Math.abs(onsagerSquareLattice(k).energyPerSite / series - 1)).toBeLessThan(1e-13);
    }
    for (const beta of [50, 800]) {
      const got = onsagerSquareLattice(beta);
      expect(got.logZPerSite).toBeCloseTo(2 * beta, 10);
      expect(got.energyPerSite).toBe(-2);
      expect(got.spontaneousMagnetisation).toBe(1);
    }
  });
});

describe('onsagerSquareLattice rejects bad input', () => {
  const table: [string, () => unknown, string][] = [
    ['negative beta', () => onsagerSquareLattice(-0.1), 'beta'],
    ['NaN beta', () => onsagerSquareLattice(Number.NaN), 'beta'],
    ['infinite beta', () => onsagerSquareLattice(Infinity), 'beta'],
    ['beta as a string', () => onsagerSquareLattice('0.4' as never), 'beta'],
    ['coupling 0', () => onsagerSquareLattice(0.4, { coupling: 0 }), 'options.coupling'],
    ['coupling NaN', () => onsagerSquareLattice(0.4, { coupling: Number.NaN }), 'options.coupling'],
    ['unknown option', () => onsagerSquareLattice(0.4, { J: 1 } as never), 'options.J'],
    ['criticalBeta(0)', () => criticalBeta(0), 'coupling'],
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
