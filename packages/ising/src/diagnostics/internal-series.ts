/**
 * @internal Shared pieces of the series diagnostics: the entry check for chain-major multi-chain series, the
 * FFT autocorrelation kernel combined over chains, and the two τ_int estimators (Geyer, Sokal). Never re-exported.
 *
 * Layout: a series of `chains` chains with `draws` draws each is a flat array, chain c at [c·draws, (c+1)·draws).
 */
import { InvalidArgumentError, checkFiniteArray, checkInteger, type CheckSite } from '@isinglab/graph';
import { createFftPlan, nextPowerOfTwo, realFft, type FftPlan } from './internal-fft.js';

/** Shape of a validated series. */
export interface SeriesShape {
  readonly chains: number;
  readonly draws: number;
}

/** True for a plain array or a typed array (not a DataView). */
export function isNumericArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/**
 * Entry check of every series function: `values` an array of finite numbers (the first bad index is named as
 * `values[i]`), `chains` a positive integer dividing its length, at least `minDraws` draws per chain.
 */
export function checkSeries(site: CheckSite, values: unknown, chains: unknown, minDraws: number): SeriesShape {
  if (!isNumericArrayLike(values)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'values',
      value: values,
      rule: 'a Float64Array (or array) of finite numbers, chain-major',
    });
  }
  const c = checkInteger(site, 'options.chains', chains, { min: 1 });
  const length = values.length;
  if (length % c !== 0) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.chains',
      value: c,
      rule: `a positive integer dividing values.length = ${length}`,
      hint: 'values holds chains·draws numbers, chain c at [c·draws, (c+1)·draws)',
    });
  }
  const draws = length / c;
  if (draws < minDraws) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'values.length',
      value: length,
      rule: `at least ${minDraws} draws per chain (≥ ${minDraws * c} for ${c} chain${c === 1 ? '' : 's'})`,
    });
  }
  checkFiniteArray(site, 'values', values);
  return { chains: c, draws };
}

/** True when every entry of `values[start, end)` equals the first (exact comparison, no tolerance). */
export function allEqual(values: ArrayLike<number>, start: number, end: number): boolean {
  const first = values[start] as number;
  for (let i = start + 1; i < end; i++) if (values[i] !== first) return false;
  return true;
}

/** Buffers for `combinedAutocorrelation` at one (chains, draws, maxLag); reused across series (per-node loops). */
export interface AcfWorkspace {
  readonly chains: number;
  readonly draws: number;
  readonly maxLag: number;
  readonly plan: FftPlan;
  /** Zero-padded centred chain, then its power spectrum (length L). */
  readonly padded: Float64Array;
  readonly specRe: Float64Array;
  readonly specIm: Float64Array;
  /** Mean over chains of the biased autocovariances, lags 0..maxLag. */
  readonly acov: Float64Array;
  /** Chain means. */
  readonly means: Float64Array;
  /** Output: combined autocorrelation ρ_0..ρ_maxLag. */
  readonly rho: Float64Array;
}

/** Preconditions: chains ≥ 1, draws ≥ 1, 0 ≤ maxLag ≤ draws − 1. */
export function createAcfWorkspace(chains: number, draws: number, maxLag: number): AcfWorkspace {
  // Zero padding to L ≥ draws + maxLag makes the circular correlation equal the linear one at lags ≤ maxLag.
  const size = nextPowerOfTwo(draws + maxLag);
  const plan = createFftPlan(size);
  return {
    chains,
    draws,
    maxLag,
    plan,
    padded: new Float64Array(size),
    specRe: new Float64Array(plan.half + 1),
    specIm: new Float64Array(plan.half + 1),
    acov: new Float64Array(maxLag + 1),
    means: new Float64Array(chains),
    rho: new Float64Array(maxLag + 1),
  };
}

/**
 * Combined normalised autocorrelation of a multi-chain series into `ws.rho` (Geyer 1992; multi-chain form of
 * Gelman et al., BDA3 §11.5, and Vehtari et al. 2021, Eq. 10):
 *
 *   ρ_t = 1 − (W′ − ā_t) / var⁺,   var⁺ = W′ + B/n,
 *
 * where ā_t is the mean over chains of the biased (divide by n) within-chain autocovariance at lag t, W′ = ā_0 =
 * (n−1)/n·W and B/n is the sample variance (m − 1 denominator) of the chain means. ρ_0 = 1 exactly and, for one
 * chain, ρ_t is the ordinary sample ACF a_t/a_0. (Stan's code puts the unbiased W in the numerator instead, which
 * lowers every ρ_t, t ≥ 1, by W/(n·var⁺) = O(1/n).) Each autocovariance comes from two real FFTs of the
 * zero-padded chain: O(m·n log n).
 *
 * Returns true, with ρ_0 = 1 and ρ_t = 0 (t ≥ 1), when the series is constant (every value identical).
 * `values` is read at [offset, offset + chains·draws).
 */
export function combinedAutocorrelation(ws: AcfWorkspace, values: ArrayLike<number>, offset = 0): boolean {
  const { chains, draws, maxLag, plan, padded, specRe, specIm, acov, means, rho } = ws;
  const size = plan.size;
  const half = plan.half;
  rho.fill(0);
  rho[0] = 1;
  if (allEqual(values, offset, offset + chains * draws)) return true;
  acov.fill(0);
  const scale = 1 / (size * draws * chains);
  for (let c = 0; c < chains; c++) {
    const base = offset + c * draws;
    // Shift by the chain's first value before averaging: a constant chain then centres to exact zeros.
    const shift = values[base] as number;
    let sum = 0;
    for (let j = 0; j < draws; j++) sum += (values[base + j] as number) - shift;
    const mean = sum / draws;
    means[c] = shift + mean;
    for (let j = 0; j < draws; j++) padded[j] = (values[base + j] as number) - shift - mean;
    padded.fill(0, draws);
    realFft(plan, padded, specRe, specIm);
    // Power spectrum |X_k|², real and even; its forward transform is L times the circular autocorrelation.
    for (let k = 0; k <= half; k++) {
      const re = specRe[k] as number;
      const im = specIm[k] as number;
      padded[k] = re * re + im * im;
    }
    for (let k = 1; k < half; k++) padded[size - k] = padded[k] as number;
    realFft(plan, padded, specRe, specIm);
    for (let t = 0; t <= maxLag; t++) acov[t] = (acov[t] as number) + (specRe[t] as number) * scale;
  }
  let between = 0;
  if (chains > 1) {
    const ref = means[0] as number;
    let meanOfMeans = 0;
    for (let c = 0; c < chains; c++) meanOfMeans += (means[c] as number) - ref;
    meanOfMeans /= chains;
    for (let c = 0; c < chains; c++) {
      const d = (means[c] as number) - ref - meanOfMeans;
      between += d * d;
    }
    between /= chains - 1;
  }
  const varPlus = (acov[0] as number) + between;
  if (!(varPlus > 0)) return true;
  for (let t = 1; t <= maxLag; t++) rho[t] = ((acov[t] as number) + between) / varPlus;
  return false;
}

/** τ estimate with the number of lags summed. */
export interface TauEstimate {
  tau: number;
  window: number;
  converged: boolean;
}

/**
 * Lower bound on τ as in Stan (`1/log10(S)` for S ≥ 10 total draws, 1 below): stops antithetic chains from
 * claiming an ESS above S·log10(S).
 */
export function tauFloor(totalDraws: number): number {
  return totalDraws >= 10 ? 1 / Math.log10(totalDraws) : 1;
}

/**
 * Geyer's (1992) initial monotone positive sequence estimator: pair sums Γ_k = ρ_{2k} + ρ_{2k+1} are summed while
 * positive (Γ_0 always kept), each clipped to the previous one so the sequence is non-increasing;
 * τ = −1 + 2 Σ_k Γ_k (without clipping this is 1 + 2 Σ_{t=1}^{window} ρ_t). `converged` is false when the lags ran
 * out before a non-positive pair. O(maxLag).
 */
export function geyerTau(rho: Float64Array, maxLag: number, totalDraws: number, out: TauEstimate): TauEstimate {
  let sum = 0;
  let previous = Infinity;
  let window = 0;
  let converged = false;
  for (let t = 0; t + 1 <= maxLag; t += 2) {
    let gamma = (rho[t] as number) + (rho[t + 1] as number);
    if (gamma <= 0 && t > 0) {
      converged = true;
      break;
    }
    if (gamma > previous) gamma = previous;
    sum += gamma;
    previous = gamma;
    window = t + 1;
  }
  out.tau = Math.max(-1 + 2 * sum, tauFloor(totalDraws));
  out.window = window;
  out.converged = converged;
  return out;
}

/**
 * Sokal's automatic windowing (Sokal 1997, "Monte Carlo methods in statistical mechanics", §3; Madras & Sokal
 * 1988): τ(M) = 1 + 2 Σ_{t=1}^{M} ρ_t with M the smallest window satisfying M ≥ c·τ(M). c multiplies τ in this
 * convention (as emcee does; Sokal's own τ is half of it, ½ + Σρ, so his c is twice ours for the same window).
 * When no M ≤ maxLag qualifies, M = maxLag and `converged` is false. O(window).
 */
export function sokalTau(
  rho: Float64Array,
  maxLag: number,
  windowFactor: number,
  totalDraws: number,
  out: TauEstimate,
): TauEstimate {
  let tau = 1;
  let window = maxLag;
  let converged = false;
  for (let m = 1; m <= maxLag; m++) {
    tau += 2 * (rho[m] as number);
    if (m >= windowFactor * tau) {
      window = m;
      converged = true;
      break;
    }
  }
  out.tau = Math.max(tau, tauFloor(totalDraws));
  out.window = window;
  out.converged = converged;
  return out;
}

/** Method names of the τ estimators. */
export type TauMethod = 'geyer' | 'sokal';

/**
 * τ_int of a validated series through a workspace sized for maxLag = draws − 1. Constant series: τ = 1,
 * window 0, converged, constant.
 */
export function tauOfSeries(
  ws: AcfWorkspace,
  values: ArrayLike<number>,
  offset: number,
  method: TauMethod,
  windowFactor: number,
  out: TauEstimate,
): boolean {
  const constant = combinedAutocorrelation(ws, values, offset);
  if (constant) {
    out.tau = 1;
    out.window = 0;
    out.converged = true;
    return true;
  }
  const total = ws.chains * ws.draws;
  if (method === 'geyer') geyerTau(ws.rho, ws.maxLag, total, out);
  else sokalTau(ws.rho, ws.maxLag, windowFactor, total, out);
  return false;
}

/**
 * Mean and sample variance (n − 1 denominator, n ≥ 2) of values[start, start + n), two-pass about the
 * first value so large offsets do not cancel.
 */
export function meanAndVariance(values: ArrayLike<number>, start: number, n: number): { mean: number; variance: number } {
  const shift = values[start] as number;
  let sum = 0;
  for (let i = start; i < start + n; i++) sum += (values[i] as number) - shift;
  const centre = sum / n;
  let ss = 0;
  for (let i = start; i < start + n; i++) {
    const d = (values[i] as number) - shift - centre;
    ss += d * d;
  }
  return { mean: shift + centre, variance: ss / (n - 1) };
}
