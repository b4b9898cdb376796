/**
 * Magnetisations and pair correlations from VAN samples (seed 001, Sec. II.2: "observables … computed
 * straightforwardly using the configurations"), optionally importance-reweighted towards the target with
 * self-normalised weights w ∝ p̃(s)/q(s), which removes the bias of an imperfect q asymptotically in S
 * (Nicoli et al., PRE 101, 023304 (2020)).
 */
import { InvalidArgumentError, checkBoolean, checkInteger, checkOptions, checkRng, type Rng } from '@isinglab/graph';
import { MadeVan } from './made-van.js';
import type { UnnormalisedLogProb } from './target.js';

export interface VanObservablesOptions {
  /** Random source of the samples (required). */
  rng: Rng;
  /** Samples S drawn from q. @default 10000 */
  samples?: number;
  /** Samples drawn per batch. @default 1000 */
  batchSize?: number;
  /** Reweight every sample by p̃(s)/q(s) (self-normalised importance sampling); omit to average over q. @default undefined */
  target?: UnnormalisedLogProb;
  /** Compute the full n×n matrix of ⟨s_i s_j⟩ (O(S·n²/2)). @default true */
  correlations?: boolean;
  /** Node pairs as a flat Int32Array [i0, j0, i1, j1, …] whose ⟨s_i s_j⟩ (with standard errors) are wanted. @default undefined */
  pairs?: Int32Array;
}

export interface VanObservables {
  readonly samples: number;
  /** Kish effective sample size of the weights (S when unweighted). */
  readonly ess: number;
  /** ⟨s_i⟩, length n. */
  readonly magnetisations: Float64Array;
  /** Standard errors of the magnetisations (delta method for the self-normalised estimator; sd/√S unweighted). */
  readonly magnetisationStdErr: Float64Array;
  /** ⟨s_i s_j⟩ at [i·n + j] (diagonal 1), or undefined when `correlations` is false. */
  readonly correlations: Float64Array | undefined;
  /** ⟨s_i s_j⟩ − ⟨s_i⟩⟨s_j⟩ at [i·n + j], or undefined when `correlations` is false. */
  readonly connectedCorrelations: Float64Array | undefined;
  /** ⟨s_i s_j⟩ of each requested pair, or undefined without `pairs`. */
  readonly pairCorrelations: Float64Array | undefined;
  /** Standard errors of `pairCorrelations`. */
  readonly pairCorrelationStdErr: Float64Array | undefined;
  /** ⟨s_i s_j⟩ − ⟨s_i⟩⟨s_j⟩ of each requested pair. */
  readonly pairConnectedCorrelations: Float64Array | undefined;
}

// Bound once: global lookups are slow inside jest's vm sandbox and this runs once per sample.
const exp = Math.exp;
const PKG = 'fvs-van';
const FN = 'vanObservables';
const SITE = { pkg: PKG, fn: FN } as const;
const DEFAULTS = Object.freeze({ samples: 10000, batchSize: 1000, correlations: true });
const KNOWN: readonly (keyof VanObservablesOptions)[] = ['rng', 'samples', 'batchSize', 'target', 'correlations', 'pairs'];

/**
 * Samples the VAN and averages s_i and s_i s_j, weighted by p̃/q when `target` is given.
 * O(S · (n²·w²/2 + n²/2 with correlations + P with pairs)), memory O(n² + P).
 * @example const { magnetisations, connectedCorrelations } = vanObservables(van, { rng: createRng(4), samples: 1e5 })
 */
export function vanObservables(van: MadeVan, options: VanObservablesOptions): VanObservables {
  if (!(van instanceof MadeVan)) throw new InvalidArgumentError({ ...SITE, argument: 'van', value: van, rule: 'a MadeVan' });
  if (options === undefined) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { rng, ... }' });
  const opts = { ...DEFAULTS, ...checkOptions<VanObservablesOptions>(SITE, options, KNOWN) };
  const rng = checkRng(SITE, opts.rng);
  const total = checkInteger(SITE, 'options.samples', opts.samples, { min: 1 });
  const batchSize = checkInteger(SITE, 'options.batchSize', opts.batchSize, { min: 1 });
  const wantMatrix = checkBoolean(SITE, 'options.correlations', opts.correlations);
  const target = opts.target;
  if (target !== undefined && typeof target !== 'function') {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.target', value: target, rule: 'a function (spins, batch, out) => void or undefined' });
  }
  const n = van.n;
  const pairs = opts.pairs;
  if (pairs !== undefined) {
    if (!(pairs instanceof Int32Array) || pairs.length % 2 !== 0) {
      throw new InvalidArgumentError({ ...SITE, argument: 'options.pairs', value: pairs, rule: 'an Int32Array of even length [i0, j0, i1, j1, …]' });
    }
    for (let k = 0; k < pairs.length; k++) checkInteger(SITE, `options.pairs[${k}]`, pairs[k], { min: 0, max: n - 1 });
  }
  const p = pairs === undefined ? 0 : pairs.length / 2;

  // Accumulators are relative to exp(maxLog): when a larger log-weight arrives they are rescaled (w ≤ 1 always).
  let maxLog = -Infinity;
  let sw = 0; // Σ w
  let sw2 = 0; // Σ w²
  const m1 = new Float64Array(n); // Σ w s_i
  const q1 = new Float64Array(n); // Σ w² s_i
  const c = wantMatrix ? new Float64Array(n * n) : undefined; // Σ w s_i s_j, i < j
  const pc = new Float64Array(p); // Σ w s_i s_j per pair
  const pq = new Float64Array(p); // Σ w² s_i s_j per pair

  const chunk = Math.min(batchSize, total);
  const spins = new Int8Array(chunk * n);
  const logq = new Float64Array(chunk);
  const logp = new Float64Array(chunk);
  const logw = new Float64Array(chunk);
  for (let done = 0; done < total; ) {
    const b = Math.min(chunk, total - done);
    const s = b === chunk ? spins : spins.subarray(0, b * n);
    van.sampleInto(s, b === chunk ? logq : logq.subarray(0, b), b, rng, true);
    let chunkMax = 0;
    if (target !== undefined) {
      target(s, b, b === chunk ? logp : logp.subarray(0, b));
      chunkMax = -Infinity;
      for (let k = 0; k < b; k++) {
        const v = (logp[k] as number) - (logq[k] as number);
        if (!Number.isFinite(v)) throw new InvalidArgumentError({ ...SITE, argument: 'options.target', value: logp[k], rule: `a callback writing finite log p̃ (sample ${done + k})` });
        logw[k] = v;
        if (v > chunkMax) chunkMax = v;
      }
    } else logw.fill(0, 0, b);
    if (chunkMax > maxLog) {
      const r = maxLog === -Infinity ? 0 : Math.exp(maxLog - chunkMax);
      const r2 = r * r;
      sw *= r;
      sw2 *= r2;
      for (let i = 0; i < n; i++) {
        m1[i] = (m1[i] as number) * r;
        q1[i] = (q1[i] as number) * r2;
      }
      if (c !== undefined) for (let k = 0; k < c.length; k++) c[k] = (c[k] as number) * r;
      for (let k = 0; k < p; k++) {
        pc[k] = (pc[k] as number) * r;
        pq[k] = (pq[k] as number) * r2;
      }
      maxLog = chunkMax;
    }
    for (let k = 0; k < b; k++) {
      const w = exp((logw[k] as number) - maxLog);
      const w2 = w * w;
      const base = k * n;
      sw += w;
      sw2 += w2;
      for (let i = 0; i < n; i++) {
        const si = s[base + i] as number;
        m1[i] = (m1[i] as number) + w * si;
        q1[i] = (q1[i] as number) + w2 * si;
      }
      if (c !== undefined) {
        for (let i = 0; i < n; i++) {
          const wi = w * (s[base + i] as number);
          const row = i * n;
          for (let j = i + 1; j < n; j++) c[row + j] = (c[row + j] as number) + wi * (s[base + j] as number);
        }
      }
      for (let t = 0; t < p; t++) {
        const v = (s[base + ((pairs as Int32Array)[2 * t] as number)] as number) * (s[base + ((pairs as Int32Array)[2 * t + 1] as number)] as number);
        pc[t] = (pc[t] as number) + w * v;
        pq[t] = (pq[t] as number) + w2 * v;
      }
    }
    done += b;
  }

  // Self-normalised estimate Ô = Σ w O / Σ w; for O² = 1: Var ≈ Σ w²(O − Ô)² / (Σw)² = (Σw² − 2Ô Σw²O + Ô² Σw²) / (Σw)².
  const stdErr = (mean: number, w2o: number) => Math.sqrt(Math.max(0, sw2 - 2 * mean * w2o + mean * mean * sw2)) / sw;
  const magnetisations = new Float64Array(n);
  const magnetisationStdErr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const m = (m1[i] as number) / sw;
    magnetisations[i] = m;
    magnetisationStdErr[i] = stdErr(m, q1[i] as number);
  }
  let correlations: Float64Array | undefined;
  let connected: Float64Array | undefined;
  if (c !== undefined) {
    correlations = new Float64Array(n * n);
    connected = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      correlations[i * n + i] = 1;
      connected[i * n + i] = 1 - (magnetisations[i] as number) ** 2;
      for (let j = i + 1; j < n; j++) {
        const v = (c[i * n + j] as number) / sw;
        const cc = v - (magnetisations[i] as number) * (magnetisations[j] as number);
        correlations[i * n + j] = v;
        correlations[j * n + i] = v;
        connected[i * n + j] = cc;
        connected[j * n + i] = cc;
      }
    }
  }
  let pairCorrelations: Float64Array | undefined;
  let pairCorrelationStdErr: Float64Array | undefined;
  let pairConnectedCorrelations: Float64Array | undefined;
  if (pairs !== undefined) {
    pairCorrelations = new Float64Array(p);
    pairCorrelationStdErr = new Float64Array(p);
    pairConnectedCorrelations = new Float64Array(p);
    for (let t = 0; t < p; t++) {
      const v = (pc[t] as number) / sw;
      pairCorrelations[t] = v;
      pairCorrelationStdErr[t] = stdErr(v, pq[t] as number);
      pairConnectedCorrelations[t] = v - (magnetisations[pairs[2 * t] as number] as number) * (magnetisations[pairs[2 * t + 1] as number] as number);
    }
  }
  return Object.freeze({
    samples: total,
    ess: (sw * sw) / sw2,
    magnetisations,
    magnetisationStdErr,
    correlations,
    connectedCorrelations: connected,
    pairCorrelations,
    pairCorrelationStdErr,
    pairConnectedCorrelations,
  });
}
