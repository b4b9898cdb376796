/**
 * The IBG fitting loss (seed 003, Eq. (8) with Proposition 5.1's restructuring) and its gradient, without ever
 * forming an N × N matrix.
 */
import { InvalidArgumentError, checkFiniteNumber, checkOptions, type Graph } from '@isinglab/graph';
import type { IbgFactors } from './ibg-factors.js';
import {
  checkDensifyingScale,
  checkFactors,
  checkFeatures,
  checkIbgGraph,
  nonEdgeWeightOf,
  site,
} from './internal/checks.js';
import { createObjectiveWorkspace, evaluateObjective, type ObjectiveProblem } from './internal/objective.js';

export interface IbgLossOptions {
  /**
   * The densifying factor γ of seed 003 (Definition 3.2, Eq. (12)): arcs weigh 1 and non-arcs
   * w = min(1, γ·nnz / (N² − nnz)), so the non-arcs together weigh about γ times the arcs. `null` gives w = 1, the
   * plain (unweighted) Frobenius loss of the reference's non-sparse mode. The default is the reference
   * implementation's `--sparse_scale` default (the seed states no single value).
   * @default 20
   */
  densifyingScale?: number | null;
  /** Node signal X, N × D row-major (D ≥ 1). Without it the loss is the graph term only. @default undefined */
  features?: Float64Array;
  /** λ, the weight of the signal term (seed 003 Appendix O uses 1 for node classification). @default 1 */
  signalWeight?: number;
}

export interface IbgLossResult {
  /** graphTerm + λ · signalTerm: the quantity fitIbg minimises. */
  loss: number;
  /**
   * (1/N) Σ_ij W_ij (A_ij − Â_ij)², W the densifying weights: the reference's "graphon loss" (there normalised by N
   * in its unweighted mode; here always, so the two modes are on one scale).
   */
  graphTerm: number;
  /** ‖X − X̂‖²_F / D, X̂ = U diag(r) F_src + V diag(r) F_dst; 0 without features. */
  signalTerm: number;
  /**
   * ‖A − Â‖_W / ‖A‖_W = √(Σ W (A − Â)² / nnz), the weighted relative Frobenius error (arcs weigh 1, so
   * ‖A‖²_W = nnz). Rounding can make the sum a hair negative for near-perfect fits; it is clamped at 0.
   */
  relativeError: number;
  /** ‖A − Â‖_F / ‖A‖_F, the unweighted relative Frobenius error (computed from the same sums at no extra cost). */
  unweightedRelativeError: number;
  /** The non-arc weight w that was used. */
  nonEdgeWeight: number;
}

/** Gradient of the loss, in the layout of IbgFactors but with respect to the parameters fitIbg optimises. */
export interface IbgGradient {
  /** ∂loss/∂logit(U), N × K row-major, where U = sigmoid(logit(U)) (seed 003 Section 5.1). */
  readonly sourceLogits: Float64Array;
  /** ∂loss/∂logit(V), N × K. */
  readonly targetLogits: Float64Array;
  /** ∂loss/∂r, K. */
  readonly weights: Float64Array;
  /** ∂loss/∂F_src, K × D. */
  readonly sourceFeatures: Float64Array;
  /** ∂loss/∂F_dst, K × D. */
  readonly targetFeatures: Float64Array;
}

const DEFAULTS = Object.freeze({ densifyingScale: 20 as number | null, signalWeight: 1 });
const OPTION_KEYS = ['densifyingScale', 'features', 'signalWeight'] as const;

interface Prepared {
  problem: ObjectiveProblem;
  nnz: number;
  d: number;
}

function prepare(fn: string, graph: unknown, factors: unknown, options: unknown): { g: Graph; f: IbgFactors; p: Prepared } {
  const s = site(fn);
  const opts = { ...DEFAULTS, ...checkOptions<IbgLossOptions>(s, options, OPTION_KEYS) };
  const g = checkIbgGraph(s, graph);
  const n = g.order;
  const d = checkFeatures(s, opts.features, n);
  const f = checkFactors(s, factors, n, d);
  const gamma = checkDensifyingScale(s, opts.densifyingScale);
  const lambda = checkFiniteNumber(s, 'options.signalWeight', opts.signalWeight, { min: 0 });
  const nnz = g.offsets[n] as number;
  const problem: ObjectiveProblem = {
    n,
    k: f.communities,
    d,
    offsets: g.offsets,
    targets: g.targets,
    nonEdgeWeight: nonEdgeWeightOf(n, nnz, gamma),
    graphScale: 1 / n,
    signalScale: d > 0 ? lambda / d : 0,
    features: d > 0 ? (opts.features as Float64Array) : null,
  };
  return { g, f, p: { problem, nnz, d } };
}

function result(p: Prepared, loss: number, sums: Float64Array): IbgLossResult {
  const { problem, nnz, d } = p;
  return {
    loss,
    graphTerm: (sums[0] as number) * problem.graphScale,
    signalTerm: d > 0 ? (sums[2] as number) / d : 0,
    relativeError: Math.sqrt(Math.max(0, sums[0] as number) / nnz),
    unweightedRelativeError: Math.sqrt(Math.max(0, sums[1] as number) / nnz),
    nonEdgeWeight: problem.nonEdgeWeight,
  };
}

/**
 * The IBG loss of `factors` on `graph` (seed 003, Eq. (8)):
 *
 *   loss = (1/N) Σ_ij W_ij (A_ij − Â_ij)² + λ ‖X − X̂‖²_F / D,   Â = U diag(r) Vᵀ,
 *
 * with A the 0/1 adjacency (arc i → j from the out-CSR; an undirected graph counts as both directions, so
 * nnz = 2·size; self-loops are diagonal entries; edge weights are ignored) and W = 1 on arcs, w on non-arcs (see
 * `densifyingScale`). Computed as Proposition 5.1 does: Σ_E[(1 − Â_ij)² − w Â_ij²] + w·tr(VᵀV diag(r) UᵀU diag(r)),
 * in O(nnz·K + N·K² + N·K·D) time and O(N·K) memory; nothing N × N is formed.
 *
 * @throws InvalidArgumentError for a graph without arcs, factors whose shapes do not match the graph (or the
 *   features), memberships outside [0, 1], non-finite numbers, or unknown options.
 */
export function ibgLoss(graph: Graph, factors: IbgFactors, options?: IbgLossOptions): IbgLossResult {
  const { f, p } = prepare('ibgLoss', graph, factors, options);
  const ws = createObjectiveWorkspace(p.problem.n, p.problem.k, p.d);
  const loss = evaluateObjective(
    p.problem,
    f.sourceMemberships,
    f.targetMemberships,
    f.weights,
    f.sourceFeatures,
    f.targetFeatures,
    ws,
    null,
  );
  return result(p, loss, ws.sums);
}

/** Allocates an IbgGradient shaped like `factors`. */
export function createIbgGradient(factors: IbgFactors): IbgGradient {
  const f = checkFactors(site('createIbgGradient'), factors, undefined, undefined);
  const nk = f.nodes * f.communities;
  const kd = f.communities * f.featureDim;
  return {
    sourceLogits: new Float64Array(nk),
    targetLogits: new Float64Array(nk),
    weights: new Float64Array(f.communities),
    sourceFeatures: new Float64Array(kd),
    targetFeatures: new Float64Array(kd),
  };
}

/**
 * `ibgLoss` plus its gradient, written into `out` (from `createIbgGradient`), with respect to the logits of the
 * memberships (U = sigmoid(logits), so ∂/∂logit = U(1 − U) ∂/∂U), r, F_src and F_dst. Same cost as the loss:
 * O(nnz·K + N·K² + N·K·D). Gradients, seed 003 Appendix E: ∂/∂U = r ∘ Σ_j g_ij V_j + 2w·(1/N) U M with
 * g_ij = (2/N)((1 − w)Â_ij − 1) on arcs and M = diag(r) VᵀV diag(r) (and symmetrically for V).
 *
 * @throws InvalidArgumentError as ibgLoss, or when `out` is not shaped like `factors`.
 */
export function ibgLossGradientInto(
  out: IbgGradient,
  graph: Graph,
  factors: IbgFactors,
  options?: IbgLossOptions,
): IbgLossResult {
  const fn = 'ibgLossGradientInto';
  const { f, p } = prepare(fn, graph, factors, options);
  const nk = f.nodes * f.communities;
  const kd = f.communities * f.featureDim;
  const o = out as Partial<IbgGradient> | null;
  const shapes: [keyof IbgGradient, number][] = [
    ['sourceLogits', nk],
    ['targetLogits', nk],
    ['weights', f.communities],
    ['sourceFeatures', kd],
    ['targetFeatures', kd],
  ];
  if (typeof o !== 'object' || o === null) {
    throw new InvalidArgumentError({ ...site(fn), argument: 'out', value: out, rule: 'an IbgGradient (createIbgGradient(factors))' });
  }
  for (const [key, len] of shapes) {
    const a = o[key];
    if (!(a instanceof Float64Array) || a.length !== len) {
      throw new InvalidArgumentError({
        ...site(fn),
        argument: `out.${key}`,
        value: a,
        rule: `a Float64Array of length ${len}`,
        hint: 'Allocate with createIbgGradient(factors).',
      });
    }
  }
  const ws = createObjectiveWorkspace(p.problem.n, p.problem.k, p.d);
  const grad = {
    u: out.sourceLogits,
    v: out.targetLogits,
    r: out.weights,
    fs: out.sourceFeatures,
    fd: out.targetFeatures,
  };
  const u = f.sourceMemberships;
  const v = f.targetMemberships;
  const loss = evaluateObjective(p.problem, u, v, f.weights, f.sourceFeatures, f.targetFeatures, ws, grad);
  for (let i = 0; i < nk; i++) {
    const a = u[i] as number;
    const b = v[i] as number;
    grad.u[i] = (grad.u[i] as number) * a * (1 - a);
    grad.v[i] = (grad.v[i] as number) * b * (1 - b);
  }
  return result(p, loss, ws.sums);
}
