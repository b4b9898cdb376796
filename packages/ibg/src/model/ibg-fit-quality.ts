/**
 * How well an IBG approximates its graph: relative Frobenius errors and bounds on the densifying cut similarity.
 */
import {
  checkInteger,
  checkOptions,
  checkRng,
  type Graph,
  type Rng,
} from '@isinglab/graph';
import type { IbgFactors } from './ibg-factors.js';
import {
  checkDensifyingScale,
  checkFactors,
  checkFeatures,
  checkIbgGraph,
  nonEdgeWeightOf,
  site,
} from './internal/checks.js';
import { gramInto } from './internal/dense.js';
import { createObjectiveWorkspace, evaluateObjective } from './internal/objective.js';

export interface IbgFitQualityOptions {
  /** Random source for the restarts of the cut search (required). */
  rng: Rng;
  /** The densifying factor γ defining the weights W (see IbgLossOptions). @default 20 */
  densifyingScale?: number | null;
  /** Node signal X (N × D), when the factors carry community features. @default undefined */
  features?: Float64Array;
  /** Starting points of the cut search per sign (the first is T = all nodes, the others random halves). @default 8 */
  restarts?: number;
  /** Alternating steps per start (each O(nnz + N·K)); a start also stops when the value stops growing. @default 50 */
  maxIterations?: number;
}

/** Bounds on the densifying cut similarity and the sets that attain the lower one. */
export interface CutSimilarityEstimate {
  /**
   * |1_Sᵀ B 1_T| / nnz for the best sets S, T found, where B = W ∘ (A − Â): a certified lower bound on the densifying
   * cut similarity (the value is attained by `sources` × `targets`).
   */
  lowerBound: number;
  /**
   * N·‖B‖_F / nnz, a certified but loose upper bound (|1_Sᵀ B 1_T| ≤ ‖1_S‖‖B‖₂‖1_T‖ ≤ N‖B‖_F).
   */
  upperBound: number;
  /** S: the source nodes of the best block found, ascending. */
  sources: Int32Array;
  /** T: the target nodes of the best block found, ascending. */
  targets: Int32Array;
  /** +1 when the block has more arcs than the IBG predicts (Σ_{S×T} B > 0), −1 when fewer. */
  sign: 1 | -1;
}

export interface IbgFitQuality {
  /** ‖A − Â‖_W / ‖A‖_W (the weighted relative Frobenius error, as ibgLoss). */
  relativeError: number;
  /** ‖A − Â‖_F / ‖A‖_F. */
  unweightedRelativeError: number;
  /** ‖X − X̂‖_F / ‖X‖_F, or null without features (or for X = 0). */
  signalRelativeError: number | null;
  /** The non-arc weight w used. */
  nonEdgeWeight: number;
  /** Bounds on max_{S,T} |Σ_{i∈S, j∈T} W_ij (A_ij − Â_ij)| / nnz. */
  cutSimilarity: CutSimilarityEstimate;
}

const DEFAULTS = Object.freeze({ densifyingScale: 20 as number | null, restarts: 8, maxIterations: 50 });
const OPTION_KEYS = ['rng', 'densifyingScale', 'features', 'restarts', 'maxIterations'] as const;

/**
 * Fit-quality report for an IBG of `graph` (A the 0/1 adjacency as in ibgLoss, W = 1 on arcs and w on non-arcs).
 *
 * The densifying cut similarity of seed 003 (Definition 3.2 with the normalisation of Appendix C, Eq. (13)) is
 * here taken as max over node sets S, T of |Σ_{i∈S, j∈T} W_ij (A_ij − Â_ij)| / Σ_ij W_ij A_ij² (= nnz), i.e. the
 * weighted cut norm of A − Â relative to that of A (which is 1). Computing it exactly is NP-hard; this function
 * brackets it:
 *  - lower bound: a local search (the alternating maximisation used for cut norms, e.g. Alon & Naor 2006's
 *    rounding step without the SDP): for fixed T the best S is {i : (B 1_T)_i > 0} (or < 0 for the negative side)
 *    and vice versa; each step cannot decrease the value; several starts, both signs. The value is attained by
 *    the returned sets, so it is certified. Each step costs O(nnz + N·K) because B = A' − w U diag(r) Vᵀ with A'
 *    sparse (entries 1 − (1 − w)Â_ij on arcs): nothing N × N is formed.
 *  - upper bound: N‖B‖_F / nnz, certified but loose (use it to see the scale, not as an estimate).
 * Also reports the weighted and unweighted relative Frobenius errors and the signal's relative error.
 * Cost O(nnz·K + N·K² + restarts·maxIterations·(nnz + N·K)).
 *
 * @throws InvalidArgumentError as ibgLoss, or for bad options.
 */
export function ibgFitQuality(graph: Graph, factors: IbgFactors, options: IbgFitQualityOptions): IbgFitQuality {
  const s = site('ibgFitQuality');
  const opts = { ...DEFAULTS, ...checkOptions<IbgFitQualityOptions>(s, options, OPTION_KEYS) };
  const g = checkIbgGraph(s, graph);
  const n = g.order;
  const d = checkFeatures(s, opts.features, n);
  const f = checkFactors(s, factors, n, d);
  const rng = checkRng(s, opts.rng);
  const gamma = checkDensifyingScale(s, opts.densifyingScale);
  const restarts = checkInteger(s, 'options.restarts', opts.restarts, { min: 1, max: 1e6 });
  const maxIterations = checkInteger(s, 'options.maxIterations', opts.maxIterations, { min: 1, max: 1e6 });
  const k = f.communities;
  const { offsets, targets } = g;
  const nnz = offsets[n] as number;
  const w = nonEdgeWeightOf(n, nnz, gamma);
  const u = f.sourceMemberships;
  const v = f.targetMemberships;
  const r = f.weights;

  const ws = createObjectiveWorkspace(n, k, d);
  const features = d > 0 ? (opts.features as Float64Array) : null;
  evaluateObjective(
    { n, k, d, offsets, targets, nonEdgeWeight: w, graphScale: 1 / n, signalScale: d > 0 ? 1 / d : 0, features },
    u,
    v,
    r,
    f.sourceFeatures,
    f.targetFeatures,
    ws,
    null,
  );
  const sums = ws.sums;
  let signalRelativeError: number | null = null;
  if (features !== null) {
    let norm2 = 0;
    for (let i = 0; i < features.length; i++) norm2 += (features[i] as number) ** 2;
    if (norm2 > 0) signalRelativeError = Math.sqrt((sums[2] as number) / norm2);
  }

  // B = A' − w P Vᵀ with P = U diag(r) and A' the arcs' values 1 − (1 − w)Â_ij (out-CSR order)
  const p = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) p[i * k + c] = (u[i * k + c] as number) * (r[c] as number);
  const arcValue = new Float64Array(nnz);
  let arcSq = 0;
  for (let i = 0; i < n; i++) {
    for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
      const j = targets[e] as number;
      let a = 0;
      for (let c = 0; c < k; c++) a += (p[i * k + c] as number) * (v[j * k + c] as number);
      arcValue[e] = 1 - (1 - w) * a;
      arcSq += (1 - a) * (1 - a) - w * w * a * a;
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
  const frob = Math.sqrt(Math.max(0, arcSq + w * w * trace));

  const search = cutSearch(n, k, offsets, targets, arcValue, w, p, v, rng, restarts, maxIterations);
  return {
    relativeError: Math.sqrt(Math.max(0, sums[0] as number) / nnz),
    unweightedRelativeError: Math.sqrt(Math.max(0, sums[1] as number) / nnz),
    signalRelativeError,
    nonEdgeWeight: w,
    cutSimilarity: {
      lowerBound: search.value / nnz,
      upperBound: (n * frob) / nnz,
      sources: search.sources,
      targets: search.targets,
      sign: search.sign,
    },
  };
}

interface SearchResult {
  value: number;
  sources: Int32Array;
  targets: Int32Array;
  sign: 1 | -1;
}

function cutSearch(
  n: number,
  k: number,
  offsets: Int32Array,
  targets: Int32Array,
  arcValue: Float64Array,
  w: number,
  p: Float64Array,
  v: Float64Array,
  rng: Rng,
  restarts: number,
  maxIterations: number,
): SearchResult {
  const inS = new Uint8Array(n);
  const inT = new Uint8Array(n);
  const y = new Float64Array(n);
  const kv = new Float64Array(k);
  let bestValue = -1;
  let bestSign: 1 | -1 = 1;
  const bestS = new Uint8Array(n);
  const bestT = new Uint8Array(n);

  // y ← B 1_T (rows) : y_i = Σ_{arcs i→j, j∈T} A'_ij − w P_i · (Σ_{j∈T} V_j)
  const rowsTimes = (): void => {
    kv.fill(0);
    for (let j = 0; j < n; j++) if (inT[j]) for (let c = 0; c < k; c++) kv[c] = (kv[c] as number) + (v[j * k + c] as number);
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) if (inT[targets[e] as number]) acc += arcValue[e] as number;
      let low = 0;
      for (let c = 0; c < k; c++) low += (p[i * k + c] as number) * (kv[c] as number);
      y[i] = acc - w * low;
    }
  };
  // y ← Bᵀ 1_S (columns): y_j = Σ_{arcs i→j, i∈S} A'_ij − w V_j · (Σ_{i∈S} P_i)
  const colsTimes = (): void => {
    kv.fill(0);
    y.fill(0);
    for (let i = 0; i < n; i++) {
      if (!inS[i]) continue;
      for (let c = 0; c < k; c++) kv[c] = (kv[c] as number) + (p[i * k + c] as number);
      for (let e = offsets[i] as number; e < (offsets[i + 1] as number); e++) {
        const j = targets[e] as number;
        y[j] = (y[j] as number) + (arcValue[e] as number);
      }
    }
    for (let j = 0; j < n; j++) {
      let low = 0;
      for (let c = 0; c < k; c++) low += (v[j * k + c] as number) * (kv[c] as number);
      y[j] = (y[j] as number) - w * low;
    }
  };
  // choose the members of `set` with sign·y > 0; returns sign·Σ y over them
  const pick = (set: Uint8Array, sign: number): number => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const val = sign * (y[i] as number);
      set[i] = val > 0 ? 1 : 0;
      if (val > 0) total += val;
    }
    return total;
  };

  for (const sign of [1, -1] as const) {
    for (let start = 0; start < restarts; start++) {
      if (start === 0) inT.fill(1);
      else for (let j = 0; j < n; j++) inT[j] = rng.float64() < 0.5 ? 1 : 0;
      let value = -1;
      for (let it = 0; it < maxIterations; it++) {
        rowsTimes();
        pick(inS, sign);
        colsTimes();
        const next = pick(inT, sign);
        if (next <= value * (1 + 1e-12)) break;
        value = next;
      }
      // the sets now held are S (from the last row step) and T (picked for that S): value = sign · 1_Sᵀ B 1_T
      rowsTimes();
      let exact = 0;
      for (let i = 0; i < n; i++) if (inS[i]) exact += sign * (y[i] as number);
      if (exact > bestValue) {
        bestValue = exact;
        bestSign = sign;
        bestS.set(inS);
        bestT.set(inT);
      }
    }
  }
  const list = (set: Uint8Array): Int32Array => {
    let c = 0;
    for (let i = 0; i < n; i++) c += set[i] as number;
    const out = new Int32Array(c);
    c = 0;
    for (let i = 0; i < n; i++) if (set[i]) out[c++] = i;
    return out;
  };
  return { value: Math.max(0, bestValue), sources: list(bestS), targets: list(bestT), sign: bestSign };
}
