/**
 * Free-energy estimates from a trained VAN (seed 001, Eqs. 7 and 16; importance sampling as in Nicoli et al.,
 * PRE 101, 023304 (2020) and the NIS estimator used with VANs):
 *
 * - variational: F_q = (1/β) E_q[log q(s) − log p̃(s)] — an upper bound on F in expectation, biased by KL(q‖p)/β;
 * - importance-sampled: log Z ≈ log (1/S) Σ_s w_s, w_s = p̃(s)/q(s), s ∼ q — unbiased for Z (not for log Z; the bias
 *   is O(1/(S·ESS)) and shrinks as q → p), computed as a log-mean-exp so nothing overflows.
 */
import { InvalidArgumentError, checkFiniteNumber, checkInteger, checkOptions, checkRng, type Rng } from '@isinglab/graph';
import { MadeVan } from './made-van.js';
import type { UnnormalisedLogProb } from './target.js';

export interface VanFreeEnergyOptions {
  /** Random source of the samples (required). */
  rng: Rng;
  /** Inverse temperature of the target, β > 0 (required; free energies are reported as −log Z / β). */
  beta: number;
  /** Samples S drawn from q. @default 10000 */
  samples?: number;
  /** Samples drawn and scored per call of the target (memory: batchSize · n bytes of spins). @default 1000 */
  batchSize?: number;
}

export interface VanFreeEnergyEstimate {
  readonly samples: number;
  /** F_q = mean of (log q − log p̃)/β. */
  readonly freeEnergy: number;
  /** Standard error of `freeEnergy`: sd/√S. */
  readonly freeEnergyStdErr: number;
  /** Importance-sampled log Z = log mean_s exp(log p̃(s) − log q(s)). */
  readonly logZ: number;
  /**
   * Delta-method standard error of `logZ`: sd(w)/(√S · mean(w)) with the sample sd (S − 1). Trust it only when
   * `ess` is a sizeable fraction of S; with heavy-tailed weights it underestimates the error.
   */
  readonly logZStdErr: number;
  /** −logZ / β, the importance-sampled free energy. */
  readonly importanceFreeEnergy: number;
  /** logZStdErr / β. */
  readonly importanceFreeEnergyStdErr: number;
  /** Kish effective sample size of the weights, (Σw)² / Σw² ∈ [1, S]. */
  readonly ess: number;
  /** Mean of −log p̃/β over q (the mean energy under q for a plain Ising target). */
  readonly energy: number;
  /** Mean of −log q (entropy of q, nats). */
  readonly entropy: number;
}

// Bound once: global lookups are slow inside jest's vm sandbox and this runs once per sample.
const exp = Math.exp;
const PKG = 'fvs-van';
const FN = 'vanFreeEnergy';
const SITE = { pkg: PKG, fn: FN } as const;
const DEFAULTS = Object.freeze({ samples: 10000, batchSize: 1000 });
const KNOWN: readonly (keyof VanFreeEnergyOptions)[] = ['rng', 'beta', 'samples', 'batchSize'];

/**
 * Draws `samples` configurations from the VAN and returns the variational and importance-sampled free energies
 * with standard errors and the effective sample size. O(S · (n²·w²/2 + cost of the target)), memory O(S) floats.
 * @example const { logZ, logZStdErr } = vanFreeEnergy(van, target, { rng: createRng(3), beta: 0.44, samples: 1e5 })
 */
export function vanFreeEnergy(van: MadeVan, target: UnnormalisedLogProb, options: VanFreeEnergyOptions): VanFreeEnergyEstimate {
  if (!(van instanceof MadeVan)) throw new InvalidArgumentError({ ...SITE, argument: 'van', value: van, rule: 'a MadeVan' });
  if (typeof target !== 'function') throw new InvalidArgumentError({ ...SITE, argument: 'target', value: target, rule: 'a function (spins, batch, out) => void writing log p̃' });
  if (options === undefined) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { rng, beta, ... }' });
  const opts = { ...DEFAULTS, ...checkOptions<VanFreeEnergyOptions>(SITE, options, KNOWN) };
  const rng = checkRng(SITE, opts.rng);
  const beta = checkFiniteNumber(SITE, 'options.beta', opts.beta, { min: 0, minExclusive: true });
  const total = checkInteger(SITE, 'options.samples', opts.samples, { min: 2 });
  const batchSize = checkInteger(SITE, 'options.batchSize', opts.batchSize, { min: 1 });

  const logw = new Float64Array(total);
  const chunk = Math.min(batchSize, total);
  const spins = new Int8Array(chunk * van.n);
  const logq = new Float64Array(chunk);
  const logp = new Float64Array(chunk);
  let sumLogp = 0;
  let sumLogq = 0;
  for (let done = 0; done < total; ) {
    const b = Math.min(chunk, total - done);
    const s = b === chunk ? spins : spins.subarray(0, b * van.n);
    const lq = b === chunk ? logq : logq.subarray(0, b);
    const lp = b === chunk ? logp : logp.subarray(0, b);
    van.sampleInto(s, lq, b, rng, true);
    target(s, b, lp);
    for (let k = 0; k < b; k++) {
      const p = lp[k] as number;
      if (!Number.isFinite(p)) throw new InvalidArgumentError({ ...SITE, argument: 'target', value: p, rule: `a callback writing finite log p̃ (sample ${done + k})` });
      logw[done + k] = p - (lq[k] as number);
      sumLogp += p;
      sumLogq += lq[k] as number;
    }
    done += b;
  }
  return summariseLogWeights(logw, beta, sumLogp / total, sumLogq / total);
}

/** @internal The estimates from log-weights log p̃ − log q (exported for tests of the arithmetic). */
export function summariseLogWeights(logw: Float64Array, beta: number, meanLogp: number, meanLogq: number): VanFreeEnergyEstimate {
  const s = logw.length;
  // F_q: mean and sd of −log w / β (two-pass for accuracy)
  let mean = 0;
  let max = -Infinity;
  for (let k = 0; k < s; k++) {
    const v = logw[k] as number;
    mean += v;
    if (v > max) max = v;
  }
  mean /= s;
  let ss = 0;
  let sw = 0;
  let sw2 = 0;
  for (let k = 0; k < s; k++) {
    const v = logw[k] as number;
    ss += (v - mean) * (v - mean);
    const w = exp(v - max); // in (0, 1], the largest exactly 1
    sw += w;
    sw2 += w * w;
  }
  const sdLogw = Math.sqrt(ss / (s - 1));
  const meanW = sw / s;
  const varW = Math.max(0, (sw2 - s * meanW * meanW) / (s - 1));
  const logZ = max + Math.log(meanW);
  const logZStdErr = Math.sqrt(varW) / (Math.sqrt(s) * meanW);
  return Object.freeze({
    samples: s,
    freeEnergy: -mean / beta,
    freeEnergyStdErr: sdLogw / Math.sqrt(s) / beta,
    logZ,
    logZStdErr,
    importanceFreeEnergy: -logZ / beta,
    importanceFreeEnergyStdErr: logZStdErr / beta,
    ess: (sw * sw) / sw2,
    energy: -meanLogp / beta,
    entropy: -meanLogq,
  });
}
