/**
 * Magnetisations and edge correlations of the whole graph from a VAN trained on an FVS reduction (seed 001, App. C,
 * Eqs. 27–28): FVS configurations s_F are drawn from q, every node's and edge's exact conditional moment given s_F
 * comes from `forestConditionalMomentsInto` (Rao–Blackwell: no forest sampling noise), and the rows are averaged with
 * self-normalised importance weights w(s_F)/q(s_F), which removes the bias of an imperfect q asymptotically in S
 * (Nicoli et al., PRE 101, 023304 (2020)). The same weights give an importance-sampled log Z for free.
 */
import { InvalidArgumentError, checkBoolean, checkInteger, checkOptions, checkRng, type Rng } from '@isinglab/graph';
import { checkFvsReduction, type FvsReduction } from '../reduction/fvs-reduction.js';
import { forestConditionalMomentsInto } from '../reduction/forest-conditional-moments.js';
import { fvsLogWeightsInto } from '../reduction/fvs-log-weights.js';
import { MadeVan } from './made-van.js';

export interface FvsVanObservablesOptions {
  /** Random source of the samples (required). */
  rng: Rng;
  /** FVS configurations S drawn from q. @default 10000 */
  samples?: number;
  /** Configurations drawn and processed per batch (memory: batchSize · (N + M) doubles). @default 1000 */
  batchSize?: number;
  /** Reweight each configuration by w(s_F)/q(s_F); false averages over q itself (biased by q ≠ p). @default true */
  importanceSampling?: boolean;
  /**
   * Average each configuration with its global flip −s_F (weight unchanged when p(s) = p(−s)): magnetisations are
   * then exactly 0 and the sampling noise of the correlations drops. Valid only for a model without fields.
   * @default true when every field of the model is 0, else false
   */
  spinFlipAverage?: boolean;
  /**
   * Also sum each FVS spin out exactly given the other FVS spins (single-site Rao–Blackwell; |F| extra forest
   * passes per sample, plus one log-weight per FVS–FVS edge for its pair): FVS magnetisations, boundary edges and
   * FVS–FVS edges, otherwise ±1-valued per sample, then carry far less noise; forest quantities average the |F|
   * conditional rows.
   * @default false
   */
  conditionFvs?: boolean;
}

export interface FvsVanObservables {
  readonly samples: number;
  /** Kish effective sample size (Σw)²/Σw² of the importance weights (S without importance sampling). */
  readonly ess: number;
  /** ⟨s_i⟩ for every node of the model. */
  readonly magnetisations: Float64Array;
  /** Delta-method standard errors of `magnetisations` (0 where the estimate is exact, e.g. FVS nodes under spin-flip averaging). */
  readonly magnetisationStdErr: Float64Array;
  /** ⟨s_u s_v⟩ per edge id. */
  readonly edgeCorrelations: Float64Array;
  /** Delta-method standard errors of `edgeCorrelations`. */
  readonly edgeCorrelationStdErr: Float64Array;
  /** ⟨s_u s_v⟩ − ⟨s_u⟩⟨s_v⟩ per edge id. */
  readonly connectedEdgeCorrelations: Float64Array;
  /** Importance-sampled log Z = log mean w(s_F)/q(s_F) (NaN without importance sampling). */
  readonly logZ: number;
  /** Delta-method standard error of `logZ`, sd(w/q)/(√S · mean(w/q)). */
  readonly logZStdErr: number;
}

// Bound once: global lookups are slow inside jest's vm sandbox and this runs per sample.
const exp = Math.exp;
const PKG = 'fvs-van';
const FN = 'fvsVanObservables';
const SITE = { pkg: PKG, fn: FN } as const;
const DEFAULTS = Object.freeze({ samples: 10000, batchSize: 1000, importanceSampling: true, conditionFvs: false });
const KNOWN: readonly (keyof FvsVanObservablesOptions)[] = ['rng', 'samples', 'batchSize', 'importanceSampling', 'spinFlipAverage', 'conditionFvs'];

/**
 * Importance-weighted, forest-conditional (Rao–Blackwellised) magnetisations and edge correlations of the model of
 * `reduction`, from S configurations of the FVS drawn from `van` (which must model exactly the |F| FVS spins, in
 * `reduction.fvsNodes` order). O(S · (|F|²·w²/2 + N + M)) time, O(batchSize · (N + M)) memory.
 * @example
 * const obs = fvsVanObservables(reduction, van, { rng: createRng(5), samples: 100_000 });
 * obs.connectedEdgeCorrelations; // compare with enumerateFvs(reduction).connectedEdgeCorrelations
 */
export function fvsVanObservables(reduction: FvsReduction, van: MadeVan, options: FvsVanObservablesOptions): FvsVanObservables {
  const r = checkFvsReduction(SITE, reduction);
  if (!(van instanceof MadeVan)) throw new InvalidArgumentError({ ...SITE, argument: 'van', value: van, rule: 'a MadeVan' });
  const f = r.fvsNodes.length;
  if (van.n !== f) {
    throw new InvalidArgumentError({ ...SITE, argument: 'van', value: `a MadeVan over ${van.n} spins`, rule: `a MadeVan over the ${f} FVS spins of the reduction`, hint: 'new MadeVan(reduction.fvsNodes.length, …)' });
  }
  if (options === undefined) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { rng, ... }' });
  const given = checkOptions<FvsVanObservablesOptions>(SITE, options, KNOWN);
  const opts = { ...DEFAULTS, ...given };
  const rng = checkRng(SITE, opts.rng);
  const total = checkInteger(SITE, 'options.samples', opts.samples, { min: 2 });
  const batchSize = checkInteger(SITE, 'options.batchSize', opts.batchSize, { min: 1 });
  const weighted = checkBoolean(SITE, 'options.importanceSampling', opts.importanceSampling);
  const conditionFvs = checkBoolean(SITE, 'options.conditionFvs', opts.conditionFvs);
  const zeroField = r.model.zeroField;
  const flip = opts.spinFlipAverage === undefined ? zeroField : checkBoolean(SITE, 'options.spinFlipAverage', opts.spinFlipAverage);
  if (flip && !zeroField) {
    throw new InvalidArgumentError({ ...SITE, argument: 'options.spinFlipAverage', value: true, rule: 'false (or absent) for a model with non-zero fields', hint: 'p(s) = p(−s) holds only without fields.' });
  }

  const n = r.order;
  const m = r.model.graph.size;
  const chunk = Math.min(batchSize, total);
  const spins = new Int8Array(chunk * f);
  const logq = new Float64Array(chunk);
  const logw = new Float64Array(chunk);
  const mags = new Float64Array(chunk * n);
  const edges = new Float64Array(chunk * m);
  const out = { magnetisations: mags, edgeCorrelations: edges, logWeights: logw };
  const conditioner = conditionFvs ? fvsConditioner(r) : undefined;

  // Sums relative to exp(maxLog), rescaled when a larger log-weight arrives (so every weight is ≤ 1).
  let maxLog = -Infinity;
  let sw = 0;
  let sw2 = 0;
  // per quantity: Σ w O, Σ w² O, Σ w² O² (the last two for the delta-method variance)
  const mag1 = new Float64Array(n);
  const mag2 = new Float64Array(n);
  const mag3 = new Float64Array(n);
  const edge1 = new Float64Array(m);
  const edge2 = new Float64Array(m);
  const edge3 = new Float64Array(m);
  for (let done = 0; done < total; ) {
    const b = Math.min(chunk, total - done);
    const s = b === chunk ? spins : spins.subarray(0, b * f);
    van.sampleInto(s, b === chunk ? logq : logq.subarray(0, b), b, rng, true);
    if (b === chunk) forestConditionalMomentsInto(r, s, b, out);
    else forestConditionalMomentsInto(r, s, b, { magnetisations: mags.subarray(0, b * n), edgeCorrelations: edges.subarray(0, b * m), logWeights: logw.subarray(0, b) });
    if (conditioner !== undefined) for (let k = 0; k < b; k++) conditioner(s, k, mags, edges, logw[k] as number);
    let chunkMax = 0;
    if (weighted) {
      chunkMax = -Infinity;
      for (let k = 0; k < b; k++) {
        const v = (logw[k] as number) - (logq[k] as number);
        logw[k] = v;
        if (v > chunkMax) chunkMax = v;
      }
    } else logw.fill(0, 0, b);
    if (chunkMax > maxLog) {
      const c = maxLog === -Infinity ? 0 : exp(maxLog - chunkMax);
      const c2 = c * c;
      sw *= c;
      sw2 *= c2;
      rescale(mag1, mag2, mag3, c, c2);
      rescale(edge1, edge2, edge3, c, c2);
      maxLog = chunkMax;
    }
    for (let k = 0; k < b; k++) {
      const w = exp((logw[k] as number) - maxLog);
      const w2 = w * w;
      sw += w;
      sw2 += w2;
      // with spin-flip averaging the magnetisations of s and −s cancel exactly: nothing to accumulate
      if (!flip) accumulate(mag1, mag2, mag3, mags, k * n, n, w, w2);
      // edge moments are even in s_F, so −s_F contributes the same row
      accumulate(edge1, edge2, edge3, edges, k * m, m, w, w2);
    }
    done += b;
  }

  const magnetisations = new Float64Array(n);
  const magnetisationStdErr = new Float64Array(n);
  finish(mag1, mag2, mag3, sw, sw2, magnetisations, magnetisationStdErr);
  const edgeCorrelations = new Float64Array(m);
  const edgeCorrelationStdErr = new Float64Array(m);
  finish(edge1, edge2, edge3, sw, sw2, edgeCorrelations, edgeCorrelationStdErr);
  const src = r.model.graph.edgeSources;
  const dst = r.model.graph.edgeTargets;
  const connectedEdgeCorrelations = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    connectedEdgeCorrelations[e] = (edgeCorrelations[e] as number) - (magnetisations[src[e] as number] as number) * (magnetisations[dst[e] as number] as number);
  }
  const meanW = sw / total;
  const varW = Math.max(0, (sw2 - total * meanW * meanW) / (total - 1));
  return Object.freeze({
    samples: total,
    ess: (sw * sw) / sw2,
    magnetisations,
    magnetisationStdErr,
    edgeCorrelations,
    edgeCorrelationStdErr,
    connectedEdgeCorrelations,
    logZ: weighted ? maxLog + Math.log(meanW) : Number.NaN,
    logZStdErr: weighted ? Math.sqrt(varW) / (Math.sqrt(total) * meanW) : Number.NaN,
  });
}

function rescale(a: Float64Array, b: Float64Array, c: Float64Array, r: number, r2: number): void {
  for (let i = 0; i < a.length; i++) {
    a[i] = (a[i] as number) * r;
    b[i] = (b[i] as number) * r2;
    c[i] = (c[i] as number) * r2;
  }
}

function accumulate(a: Float64Array, b: Float64Array, c: Float64Array, rows: Float64Array, base: number, len: number, w: number, w2: number): void {
  for (let i = 0; i < len; i++) {
    const o = rows[base + i] as number;
    a[i] = (a[i] as number) + w * o;
    b[i] = (b[i] as number) + w2 * o;
    c[i] = (c[i] as number) + w2 * o * o;
  }
}

/** Ô = Σ w O / Σ w and its delta-method SE √(Σ w²(O − Ô)²) / Σ w = √(Σw²O² − 2Ô Σw²O + Ô² Σw²) / Σ w. */
function finish(a: Float64Array, b: Float64Array, c: Float64Array, sw: number, sw2: number, mean: Float64Array, se: Float64Array): void {
  for (let i = 0; i < a.length; i++) {
    const o = (a[i] as number) / sw;
    mean[i] = o;
    se[i] = Math.sqrt(Math.max(0, (c[i] as number) - 2 * o * (b[i] as number) + o * o * sw2)) / sw;
  }
}

/**
 * Replaces row `b` of the forest-conditional moments by its Rao–Blackwell version over the FVS spins: with s^k the
 * sample with FVS spin k flipped and π_k = w(s)/(w(s) + w(s^k)) the conditional probability of the drawn value, an
 * observable O gets E[O | s_{F∖k}] = π_k M(s) + (1 − π_k) M(s^k). FVS node k and its boundary edges use their own k;
 * an FVS–FVS edge (a, b) sums both spins out exactly, E[s_a s_b | s_{F∖ab}] from w at s, s^a, s^b and s^ab; forest
 * nodes and edges take the mean over all k. Each has the same expectation under p as O: the estimator stays
 * consistent and its variance can only drop.
 */
function fvsConditioner(r: FvsReduction): (spins: Int8Array, b: number, mags: Float64Array, edges: Float64Array, logw0: number) => void {
  const f = r.fvsNodes.length;
  const n = r.order;
  const m = r.model.graph.size;
  const pos = r.fvsPosition;
  const src = r.model.graph.edgeSources;
  const dst = r.model.graph.edgeTargets;
  const pairEdges = r.fvsEdges;
  const pairFrom = r.fvsEdgeFrom;
  const pairTo = r.fvsEdgeTo;
  const p = pairEdges.length;
  const flipped = new Int8Array(f * f);
  const doubly = new Int8Array(Math.max(1, p) * f);
  const pairLogw = new Float64Array(Math.max(1, p));
  const fm = new Float64Array(f * n);
  const fe = new Float64Array(f * m);
  const fw = new Float64Array(f);
  const pi = new Float64Array(f);
  const out = { magnetisations: fm, edgeCorrelations: fe, logWeights: fw };
  return (spins, b, mags, edges, logw0) => {
    const base = b * f;
    for (let k = 0; k < f; k++) {
      for (let j = 0; j < f; j++) flipped[k * f + j] = spins[base + j] as number;
      flipped[k * f + k] = -(spins[base + k] as number);
    }
    forestConditionalMomentsInto(r, flipped, f, out);
    for (let q = 0; q < p; q++) {
      for (let j = 0; j < f; j++) doubly[q * f + j] = spins[base + j] as number;
      const a = pairFrom[q] as number;
      const c = pairTo[q] as number;
      doubly[q * f + a] = -(doubly[q * f + a] as number);
      doubly[q * f + c] = -(doubly[q * f + c] as number);
    }
    if (p > 0) fvsLogWeightsInto(r, doubly.subarray(0, p * f), p, pairLogw.subarray(0, p));
    // π_k = 1 / (1 + w(s^k)/w(s))
    for (let k = 0; k < f; k++) pi[k] = 1 / (1 + exp((fw[k] as number) - logw0));
    const row = b * n;
    for (let v = 0; v < n; v++) {
      const k = pos[v] as number;
      const m0 = mags[row + v] as number;
      let acc = 0;
      if (k >= 0) acc = (pi[k] as number) * m0 + (1 - (pi[k] as number)) * (fm[k * n + v] as number);
      else {
        for (let q = 0; q < f; q++) acc += (pi[q] as number) * m0 + (1 - (pi[q] as number)) * (fm[q * n + v] as number);
        acc /= f;
      }
      mags[row + v] = acc;
    }
    const erow = b * m;
    for (let e = 0; e < m; e++) {
      const ka = pos[src[e] as number] as number;
      const kb = pos[dst[e] as number] as number;
      if (ka >= 0 && kb >= 0) continue; // FVS–FVS edges below
      const c0 = edges[erow + e] as number;
      let acc = 0;
      if (ka >= 0 || kb >= 0) {
        const k = ka >= 0 ? ka : kb;
        acc = (pi[k] as number) * c0 + (1 - (pi[k] as number)) * (fe[k * m + e] as number);
      } else {
        for (let q = 0; q < f; q++) acc += (pi[q] as number) * c0 + (1 - (pi[q] as number)) * (fe[q * m + e] as number);
        acc /= f;
      }
      edges[erow + e] = acc;
    }
    for (let q = 0; q < p; q++) {
      // weights of (s, s^a, s^b, s^ab) relative to w(s); s_a s_b flips sign under a single flip only
      const wa = exp((fw[pairFrom[q] as number] as number) - logw0);
      const wb = exp((fw[pairTo[q] as number] as number) - logw0);
      const wab = exp((pairLogw[q] as number) - logw0);
      const e = pairEdges[q] as number;
      const sign = (spins[base + (pairFrom[q] as number)] as number) * (spins[base + (pairTo[q] as number)] as number);
      edges[erow + e] = (sign * (1 - wa - wb + wab)) / (1 + wa + wb + wab);
    }
  };
}
