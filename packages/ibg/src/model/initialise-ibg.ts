/**
 * Starting points for fitting an IBG: the seed's SVD initialisation, or a random one for comparison.
 */
import { checkInteger, checkOneOf, checkOptions, checkRng, type Graph, type Rng } from '@isinglab/graph';
import type { IbgFactors } from './ibg-factors.js';
import { checkDensifyingScale, checkFeatures, checkIbgGraph, nonEdgeWeightOf, site } from './internal/checks.js';
import { gramInto } from './internal/dense.js';
import { leastSquaresFeaturesInto } from './internal/features.js';
import { randomisedSvd } from './internal/randomised-svd.js';

/**
 * How to initialise: `svd` (seed 003 Section 5.2, Appendix H), `svd-ranked` (this package's variant of it, see
 * initialiseIbg) or `random` (the reference's non-eigen init).
 */
export type IbgInitMethod = 'svd' | 'svd-ranked' | 'random';

export interface InitialiseIbgOptions {
  /** K, the number of communities (≥ 1). */
  communities: number;
  /** Random source (required): the SVD's Gaussian test matrix, or the random memberships and weights. */
  rng: Rng;
  /** @default 'svd' */
  method?: IbgInitMethod;
  /**
   * Node signal X (N × D, row-major). When given, F_src and F_dst are the least-squares fit of X given U, V, r
   * (for both methods: the signal term is linear in them); otherwise featureDim is 0. @default undefined
   */
  features?: Float64Array;
  /** Oversampling p of the randomised SVD (see truncatedSvd). @default 10 */
  oversampling?: number;
  /** Power iterations q of the randomised SVD (see truncatedSvd). @default 4 */
  powerIterations?: number;
  /**
   * The densifying factor γ of the loss the IBG will be fitted with (see IbgLossOptions.densifyingScale): the `svd`
   * method rescales its weights to be optimal for that loss. @default 20
   */
  densifyingScale?: number | null;
}

const DEFAULTS = Object.freeze({
  method: 'svd' as IbgInitMethod,
  oversampling: 10,
  powerIterations: 4,
  densifyingScale: 20 as number | null,
});
const OPTION_KEYS = [
  'communities',
  'rng',
  'method',
  'features',
  'oversampling',
  'powerIterations',
  'densifyingScale',
] as const;

/**
 * Memberships are kept in [δ, 1 − δ] with δ = 1e-6 so their logits (what fitIbg optimises, U = sigmoid(logits))
 * stay finite (|logit| ≤ 13.8).
 */
export const MEMBERSHIP_MARGIN = 1e-6;
/** The reference's EPS in its eigenvector normalisation (helpers/constants.py). */
const NORMALISE_EPS = 1e-8;

/**
 * An initial IBG for `graph` with K communities.
 *
 * `svd` (seed 003 Section 5.2 and Appendix H; reference: get_init_com_scale_and_affiliate_mat): take the
 * t = ⌈K/4⌉ leading singular triplets (σ, u, v) of A (randomised, see truncatedSvd). Since
 * σ u vᵀ = σ (u⁺ − u⁻)(v⁺ − v⁻)ᵀ with x⁺ = max(x, 0), x⁻ = max(−x, 0), each triplet gives four communities with
 * nonnegative memberships: (u⁺, v⁺, +σ), (u⁻, v⁻, +σ), (u⁺, v⁻, −σ), (u⁻, v⁺, −σ), community c using part c mod 4
 * of triplet ⌊c/4⌋ (so for K not divisible by 4 the last triplet is cut short, as in the reference). Each
 * membership vector x is scaled into [0, 1] as (x + ε)/(max x + ε) and the weight absorbs the scales:
 * r = ±σ · max u^± · max v^±. So with K divisible by 4, Â = U diag(r) Vᵀ is the rank-K/4 truncated SVD of A (up to
 * ε and the margin δ), the best rank-K/4 approximation in Frobenius norm (Eckart–Young). An all-zero part (e.g. u⁻
 * of a Perron vector) gives all-one memberships with weight 0, as in the reference.
 * The truncated SVD is optimal for the unweighted loss only; with the densifying weight w < 1 a larger Â on the
 * arcs pays off. So, unlike the reference, all weights are then multiplied by the one scalar α that minimises the
 * weighted loss along r (closed form: α = Σ_E Â_ij / ((1 − w) Σ_E Â_ij² + w ‖Â‖²_F); α ≈ 1 when w = 1). Without
 * this step a random start can beat the SVD start on sparse graphs with small w. Cost
 * O(nnz·ℓ·(2q + 2) + N·ℓ² + nnz·K + N·K²) with ℓ = ⌈K/4⌉ + p.
 *
 * `svd-ranked` (not in the seed): the leading singular vector of a nonnegative matrix is nonnegative (Perron), so
 * under `svd` three of the first four communities are all-one memberships with weight 0, and generally parts with
 * little mass take community slots. This variant computes K triplets, ranks all 4K sign-parts by the Frobenius
 * norm of their rank-one term, σ‖u^±‖‖v^±‖, and gives the K communities to the K largest (zero-mass parts get
 * weight 0). Same normalisation and rescaling; the SVD costs about four times as much (ℓ = K + p).
 *
 * `random` (the reference's default): logits uniform in [−4, 4], weights uniform in [−1/√K, 1/√K].
 *
 * @throws InvalidArgumentError for a graph without arcs, K < 1, or bad options.
 */
export function initialiseIbg(graph: Graph, options: InitialiseIbgOptions): IbgFactors {
  const s = site('initialiseIbg');
  const opts = { ...DEFAULTS, ...checkOptions<InitialiseIbgOptions>(s, options, OPTION_KEYS) };
  const g = checkIbgGraph(s, graph);
  const n = g.order;
  const k = checkInteger(s, 'options.communities', opts.communities, { min: 1, max: 1 << 20 });
  const rng = checkRng(s, opts.rng);
  const method = checkOneOf(s, 'options.method', opts.method, ['svd', 'svd-ranked', 'random']);
  const d = checkFeatures(s, opts.features, n);
  const p = checkInteger(s, 'options.oversampling', opts.oversampling, { min: 0, max: 1000 });
  const q = checkInteger(s, 'options.powerIterations', opts.powerIterations, { min: 0, max: 100 });
  const gamma = checkDensifyingScale(s, opts.densifyingScale);

  const u = new Float64Array(n * k);
  const v = new Float64Array(n * k);
  const r = new Float64Array(k);
  if (method !== 'random') {
    svdInitInto(method, n, k, g.offsets, g.targets, p, q, rng, u, v, r);
    const alpha = optimalWeightScale(n, k, g.offsets, g.targets, nonEdgeWeightOf(n, g.offsets[n] as number, gamma), u, v, r);
    for (let c = 0; c < k; c++) r[c] = alpha * (r[c] as number);
  } else {
    const bound = 1 / Math.sqrt(k);
    for (let i = 0; i < n * k; i++) u[i] = clampMembership(sigmoid(-4 + 8 * rng.float64()));
    for (let i = 0; i < n * k; i++) v[i] = clampMembership(sigmoid(-4 + 8 * rng.float64()));
    for (let c = 0; c < k; c++) r[c] = bound * (2 * rng.float64() - 1);
  }
  const fs = new Float64Array(k * d);
  const fd = new Float64Array(k * d);
  if (d > 0) leastSquaresFeaturesInto(n, k, d, u, v, r, opts.features as Float64Array, fs, fd);
  return {
    nodes: n,
    communities: k,
    featureDim: d,
    sourceMemberships: u,
    targetMemberships: v,
    weights: r,
    sourceFeatures: fs,
    targetFeatures: fd,
  };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clampMembership(x: number): number {
  return x < MEMBERSHIP_MARGIN ? MEMBERSHIP_MARGIN : x > 1 - MEMBERSHIP_MARGIN ? 1 - MEMBERSHIP_MARGIN : x;
}

function svdInitInto(
  method: 'svd' | 'svd-ranked',
  n: number,
  k: number,
  offsets: Int32Array,
  targets: Int32Array,
  p: number,
  q: number,
  rng: Rng,
  u: Float64Array,
  v: Float64Array,
  r: Float64Array,
): void {
  // a graph with fewer nodes than triplets has at most N nonzero singular values: the rest are zero triplets
  const rank = Math.min(method === 'svd' ? Math.ceil(k / 4) : k, n);
  const svd = randomisedSvd(n, offsets, targets, rank, Math.min(n, rank + p), q, rng);
  // part kind 0: (u⁺, v⁺, +σ); 1: (u⁻, v⁻, +σ); 2: (u⁺, v⁻, −σ); 3: (u⁻, v⁺, −σ)
  const srcSignOf = (kind: number) => (kind === 0 || kind === 2 ? 1 : -1);
  const dstSignOf = (kind: number) => (kind === 0 || kind === 3 ? 1 : -1);
  // the (triplet, kind) each community takes; triplet ≥ rank stands for a zero triplet
  const slots: [number, number][] = [];
  if (method === 'svd') {
    for (let c = 0; c < k; c++) slots.push([Math.floor(c / 4), c % 4]);
  } else {
    const parts: { t: number; kind: number; mass: number }[] = [];
    for (let t = 0; t < rank; t++) {
      for (let kind = 0; kind < 4; kind++) {
        let a2 = 0;
        let b2 = 0;
        for (let i = 0; i < n; i++) {
          a2 += Math.max(0, srcSignOf(kind) * (svd.left[i * rank + t] as number)) ** 2;
          b2 += Math.max(0, dstSignOf(kind) * (svd.right[i * rank + t] as number)) ** 2;
        }
        parts.push({ t, kind, mass: (svd.values[t] as number) * Math.sqrt(a2 * b2) });
      }
    }
    // Array.prototype.sort is stable: equal masses keep (triplet, kind) order
    parts.sort((x, y) => y.mass - x.mass);
    for (let c = 0; c < k; c++) {
      const part = parts[c];
      slots.push(part !== undefined && part.mass > 0 ? [part.t, part.kind] : [rank, 0]);
    }
  }
  const part = new Float64Array(2 * n);
  for (let c = 0; c < k; c++) {
    const [t, kind] = slots[c] as [number, number];
    const sigma = t < rank ? (svd.values[t] as number) : 0;
    const srcSign = srcSignOf(kind);
    const dstSign = dstSignOf(kind);
    const weightSign = kind < 2 ? 1 : -1;
    let maxSrc = 0;
    let maxDst = 0;
    for (let i = 0; i < n; i++) {
      const a = t < rank ? Math.max(0, srcSign * (svd.left[i * rank + t] as number)) : 0;
      const b = t < rank ? Math.max(0, dstSign * (svd.right[i * rank + t] as number)) : 0;
      part[i] = a;
      part[n + i] = b;
      if (a > maxSrc) maxSrc = a;
      if (b > maxDst) maxDst = b;
    }
    for (let i = 0; i < n; i++) {
      u[i * k + c] = clampMembership(((part[i] as number) + NORMALISE_EPS) / (maxSrc + NORMALISE_EPS));
      v[i * k + c] = clampMembership(((part[n + i] as number) + NORMALISE_EPS) / (maxDst + NORMALISE_EPS));
    }
    r[c] = weightSign * sigma * maxSrc * maxDst + 0; // + 0 turns −0 into 0
  }
}

/**
 * argmin_α of the weighted loss at weights α·r: S(α) = Σ_E (1 − αa)² − wα² Σ_E a² + wα² ‖Â‖², a quadratic with
 * minimiser Σ_E a / ((1 − w) Σ_E a² + w ‖Â‖²). Returns 1 when Â = 0.
 */
function optimalWeightScale(
  n: number,
  k: number,
  offsets: Int32Array,
  targets: Int32Array,
  w: number,
  u: Float64Array,
  v: Float64Array,
  r: Float64Array,
): number {
  let sumA = 0;
  let sumA2 = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const oj = (targets[e] as number) * k;
      let a = 0;
      for (let c = 0; c < k; c++) a += (u[i * k + c] as number) * (r[c] as number) * (v[oj + c] as number);
      sumA += a;
      sumA2 += a * a;
    }
  }
  const gu = new Float64Array(k * k);
  const gv = new Float64Array(k * k);
  gramInto(u, n, k, gu);
  gramInto(v, n, k, gv);
  let trace = 0;
  for (let c = 0; c < k; c++) {
    for (let l = 0; l < k; l++) trace += (r[c] as number) * (r[l] as number) * (gu[c * k + l] as number) * (gv[c * k + l] as number);
  }
  const denominator = (1 - w) * sumA2 + w * trace;
  return denominator > 0 ? sumA / denominator : 1;
}
