/**
 * Onsager's exact solution of the zero-field Ising model on the infinite square lattice, and Yang's spontaneous
 * magnetisation.
 */
import { ConvergenceError, InvalidArgumentError, checkFiniteNumber, checkOptions } from '@isinglab/graph';
import { agmWithExcess, logTwoCosh, tanhSinh } from '../internal/exact-numerics.js';

/** β_c = ln(1 + √2)/2 ≈ 0.4406867935 of the square lattice with J = 1 (Kramers & Wannier 1941). */
export const ISING_CRITICAL_BETA = Math.log1p(Math.SQRT2) / 2;

export interface OnsagerOptions {
  /**
   * Uniform coupling J ≠ 0. For J < 0 (antiferromagnet; the square lattice is bipartite) log Z and the energy equal
   * those at |J| and `spontaneousMagnetisation` is the staggered one. @default 1
   */
  coupling?: number;
}

/** Per-site thermodynamics of the infinite square lattice (k_B = 1). */
export interface OnsagerResult {
  /** lim log Z / N. */
  readonly logZPerSite: number;
  /** f = −(log Z / N)/β, or undefined at β = 0. */
  readonly freeEnergyPerSite: number | undefined;
  /** u = ⟨E⟩/N (−√2·|J| at β_c, −2|J| as β → ∞). */
  readonly energyPerSite: number;
  /** Yang's M₀ = (1 − sinh(2β|J|)^{−4})^{1/8} below T_c (β > β_c), 0 at and above T_c. */
  readonly spontaneousMagnetisation: number;
}

const DEFAULTS = Object.freeze({ coupling: 1 });
const KNOWN: readonly (keyof OnsagerOptions)[] = ['coupling'];

/**
 * The critical inverse temperature ln(1 + √2) / (2|J|) of the square lattice with uniform coupling J ≠ 0
 * (sinh(2β_c|J|) = 1). O(1). Reference: Kramers & Wannier, Phys. Rev. 60, 252 (1941).
 * @example criticalBeta(1) === ISING_CRITICAL_BETA
 */
export function criticalBeta(coupling = 1): number {
  const site = { pkg: 'ising', fn: 'criticalBeta' };
  const j = checkCoupling(site, 'coupling', coupling);
  return ISING_CRITICAL_BETA / Math.abs(j);
}

/**
 * Onsager's free energy and energy per site of the infinite square-lattice Ising model at inverse temperature β,
 * uniform coupling J, zero field, and Yang's spontaneous magnetisation. With K = β|J|, s = sinh 2K, c = cosh 2K,
 * κ = 2s/c² and k' = √(1 − κ²) = |s² − 1|/c²:
 *
 *   log Z/N = ln(2 cosh 2K) + (1/π) ∫_0^{π/2} ln[(1 + √(cos²θ + k'² sin²θ)) / 2] dθ,
 *   u = −|J| coth 2K · [1 + sign(s² − 1) · k' / AGM(1, k')],
 *
 * the second being the usual u = −J coth 2K [1 + (2/π)(2 tanh² 2K − 1) K(κ)] with K(κ) = π / (2 AGM(1, k')).
 * Written this way nothing is singular at β_c (k' = 0): the integrand is analytic up to the ends of [0, π/2] and the
 * elliptic integral's log divergence is multiplied by k' → 0. The integral uses tanh-sinh quadrature (a
 * near-singularity at θ = π/2 when k' is small is resolved by its clustering there), converged to ~1e−15;
 * the AGM is computed without cancellation (high temperature needs AGM − k', of order s²).
 *
 * Complexity: O(1) (a few hundred to a few thousand integrand evaluations). Accuracy ~1e−14 absolute.
 * References: Onsager, Phys. Rev. 65, 117 (1944); Yang, Phys. Rev. 85, 808 (1952); single-integral form and
 * energy: Huang, *Statistical Mechanics* (2nd ed., 1987), §15.4; Baxter, *Exactly Solved Models* (1982), §7.12.
 * @example onsagerSquareLattice(ISING_CRITICAL_BETA).energyPerSite // −√2
 */
export function onsagerSquareLattice(beta: number, options?: OnsagerOptions): OnsagerResult {
  const site = { pkg: 'ising', fn: 'onsagerSquareLattice' };
  checkFiniteNumber(site, 'beta', beta, { min: 0 });
  const opts = { ...DEFAULTS, ...checkOptions<OnsagerOptions>(site, options, KNOWN) };
  const j = Math.abs(checkCoupling(site, 'options.coupling', opts.coupling));
  const k = beta * j;
  if (k === 0) {
    return { logZPerSite: Math.LN2, freeEnergyPerSite: undefined, energyPerSite: 0, spontaneousMagnetisation: 0 };
  }
  // With s = sinh 2K: r = s in the disordered phase (s ≤ 1), r = 1/s in the ordered one (s > 1, below T_c), so
  // r ≤ 1 and nothing overflows at large K; every quantity below is symmetric under s ↔ 1/s up to the stated sign.
  const s = Math.sinh(2 * k);
  const ordered = s > 1;
  const r = ordered ? (k < 20 ? 1 / s : 2 * Math.exp(-2 * k)) : s; // 1/s = 2e^{−2K}/(1 − e^{−4K})
  const r2 = r * r;
  // k' = |s² − 1|/(1 + s²) = (1 − r)(1 + r)/(1 + r²), factored for relative accuracy near T_c
  const kPrime = ((1 - r) * (1 + r)) / (1 + r2);
  const kPrime2 = kPrime * kPrime;
  const integral = tanhSinh(
    (_theta, fromLeft, fromRight) => {
      // cos θ = sin(π/2 − θ) and sin θ taken from the nearer end, so both are accurate near θ = π/2
      const cos = Math.sin(fromRight);
      const sin = Math.sin(fromLeft);
      return Math.log1p(Math.sqrt(cos * cos + kPrime2 * sin * sin)) - Math.LN2;
    },
    0,
    Math.PI / 2,
    1e-15,
    12,
  );
  if (!integral.converged) {
    throw new ConvergenceError({
      ...site,
      what: 'the tanh-sinh quadrature of Onsager’s integral',
      iterations: 12,
      residual: integral.difference,
    });
  }
  const logZPerSite = logTwoCosh(2 * k) + integral.value / Math.PI;

  // bracket = 1 + sign(s² − 1)·k'/A, A = AGM(1, k'); in the disordered phase 1 − k'/A = (A − k')/A from the
  // cancellation-free excess. The gap 1 − k' = 2r²/(1 + r²) in both phases.
  let bracket: number;
  if (kPrime === 0) bracket = 1;
  else {
    const { agm, excess } = agmWithExcess(kPrime, (2 * r2) / (1 + r2));
    bracket = ordered ? 1 + kPrime / agm : excess / agm;
  }
  const cothTwoK = ordered ? Math.sqrt(1 + r2) : Math.sqrt(1 + r2) / r; // cosh 2K / sinh 2K
  const energyPerSite = -j * cothTwoK * bracket;
  // Yang: (1 − r⁴)^{1/8} with 1 − r⁴ factored for accuracy near T_c
  const spontaneousMagnetisation = ordered ? Math.pow((1 - r) * (1 + r) * (1 + r2), 0.125) : 0;
  return { logZPerSite, freeEnergyPerSite: -logZPerSite / beta, energyPerSite, spontaneousMagnetisation };
}

function checkCoupling(site: { pkg: string; fn: string }, argument: string, value: unknown): number {
  const j = checkFiniteNumber(site, argument, value);
  if (j === 0) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: 'a non-zero finite number (J = 0 has no phase transition)',
    });
  }
  return j;
}
