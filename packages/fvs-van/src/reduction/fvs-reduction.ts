/**
 * The feedback-vertex-set reduction of an Ising model (seed 001, §II.1, Eqs. 3–5 and appendix B): a feedback vertex
 * set F, the leaf-removal order of the forest G − F, and the per-edge data that turn each FVS configuration s_F into
 * its exact unnormalised log-probability log w(s_F) = log Σ_{s_forest} exp(−β E(s_F, s_forest)) in O(N + M).
 */
import {
  InvalidArgumentError,
  checkOptions,
  checkRng,
  coreHdFeedbackVertexSet,
  isForest,
  leafRemovalOrder,
  type Rng,
} from '@isinglab/graph';
import { checkIsingModel, type IsingModel } from '@isinglab/ising';

export interface FvsReductionOptions {
  /**
   * A feedback vertex set chosen by the caller: distinct node ids whose removal leaves a forest (checked; an
   * `InvalidArgumentError` on `options.fvs` otherwise). Its order is kept: FVS spin k is node `fvs[k]`, which fixes
   * the autoregressive order of a network trained on the FVS spins. A superset of a feedback vertex set is one
   * too; passing every node gives log w(s) = −β E(s) (no forest), the whole-graph VAN's target.
   * @default undefined (CoreHD with greedy reinsertion, nodes ascending)
   */
  fvs?: ArrayLike<number>;
  /**
   * Random tie-breaking for CoreHD (see `coreHdFeedbackVertexSet`); only without `options.fvs`.
   * @default undefined (ties go to the smallest node id: deterministic)
   */
  rng?: Rng;
}

/**
 * A reusable FVS reduction of one model. Plain data: typed arrays indexed by node id, edge id or FVS position
 * (the index k of a node in `fvsNodes`). Quantities marked "× β" have the inverse temperature folded in, so a
 * reduction belongs to one β; build another (passing `options.fvs: reduction.fvsNodes` to skip CoreHD) for
 * another β. Typed arrays cannot be frozen: treat everything as read-only except `scratch`.
 */
export interface FvsReduction {
  /** Tag recognised by the functions that take a reduction. */
  readonly kind: 'fvsReduction';
  /** The model reduced (shared, not copied). */
  readonly model: IsingModel;
  /** Number of spins N. */
  readonly order: number;
  /** Inverse temperature β of the model. */
  readonly beta: number;
  /** The feedback vertex set F: FVS spin k is the spin of node `fvsNodes[k]`. */
  readonly fvsNodes: Int32Array;
  /** Per node: its FVS position k, or −1 for a forest node. */
  readonly fvsPosition: Int32Array;
  /** The N − |F| forest nodes in leaf-removal order: leaves first, each tree's root after all its other nodes. */
  readonly forestOrder: Int32Array;
  /** Per node: the forest neighbour it hangs on when removed, or −1 for a tree root and for FVS nodes. */
  readonly forestParent: Int32Array;
  /** Per node: the edge id to `forestParent`, or −1. */
  readonly parentEdge: Int32Array;
  /** Number of trees in the forest (nodes with parent −1 in `forestOrder`). */
  readonly treeCount: number;
  /** β h_v per node. */
  readonly scaledFields: Float64Array;
  /** β J of the edge to the forest parent per node, 0 for roots and FVS nodes. */
  readonly parentCouplings: Float64Array;
  /** Edge ids with both endpoints in F. */
  readonly fvsEdges: Int32Array;
  /** FVS positions of the two endpoints of each edge in `fvsEdges`. */
  readonly fvsEdgeFrom: Int32Array;
  readonly fvsEdgeTo: Int32Array;
  /** β J of each edge in `fvsEdges`. */
  readonly fvsEdgeCouplings: Float64Array;
  /**
   * Boundary edges (one endpoint in F, the other in the forest) grouped by FVS position, CSR: those of FVS spin k
   * are entries `boundaryOffsets[k] .. boundaryOffsets[k+1] − 1`, length |F| + 1.
   */
  readonly boundaryOffsets: Int32Array;
  /** The forest endpoint of each boundary edge. */
  readonly boundaryNodes: Int32Array;
  /** The edge id of each boundary edge. */
  readonly boundaryEdges: Int32Array;
  /** β J of each boundary edge. */
  readonly boundaryCouplings: Float64Array;
  /**
   * Working memory (three arrays of one field per node) of `fvsLogWeightsInto`, `sampleForestInto` and
   * `forestConditionalMomentsInto`, allocated once here so that they allocate nothing; meaningless between calls.
   * Not for concurrent use (JavaScript runs one call at a time).
   */
  readonly scratch: readonly [Float64Array, Float64Array, Float64Array];
}

const KNOWN: readonly (keyof FvsReductionOptions)[] = ['fvs', 'rng'];

/**
 * Splits an Ising model on a sparse graph into a feedback vertex set F and the forest G − F, and precomputes
 * what `fvsLogWeightsInto`, `enumerateFvs` and `sampleForestInto` need.
 *
 * With E(s) = −Σ_{(i,j)} J_ij s_i s_j − Σ_i h_i s_i, the weight of an FVS configuration is
 * w(s_F) = Σ_{s_forest} exp(−β E(s_F, s_forest)) = exp(−β E_eff(s_F)) (seed Eqs. 3–5). Given s_F the forest is a
 * set of trees in the effective fields β h_v + Σ_{f ∈ F} β J_vf s_f (appendix Eq. 20); removing the leaves one by
 * one (Eqs. 22–23) gives a factor 2 cosh(θ_v ± βJ) per leaf and shifts its parent's field, and 2 cosh θ_r per
 * root (Eq. 24). `forestOrder` is that removal order.
 *
 * F comes from `coreHdFeedbackVertexSet` (CoreHD + greedy reinsertion; Zdeborová, Zhang & Zhou 2016) unless
 * `options.fvs` is given. O((N + M) log N) with CoreHD, O(N + M) with a given set.
 *
 * Reference: F. Pan, P. Zhou, H.-J. Zhou, P. Zhang, "Solving statistical mechanics on sparse graphs with feedback-set
 * variational autoregressive networks", Phys. Rev. E 103 (2021) 012103, §II.1 and appendix B.
 * @example fvsReduction(createIsingModel(karateClub(), { beta: 0.5 })).fvsNodes.length
 */
export function fvsReduction(model: IsingModel, options?: FvsReductionOptions): FvsReduction {
  const site = { pkg: 'fvs-van', fn: 'fvsReduction' };
  checkIsingModel(site, model);
  const opts = checkOptions<FvsReductionOptions>(site, options, KNOWN);
  const graph = model.graph;
  const n = graph.order;

  let fvsNodes: Int32Array;
  let forestOrder: Int32Array;
  let forestParent: Int32Array;
  if (opts.fvs === undefined) {
    const rng = opts.rng === undefined ? undefined : checkRng(site, opts.rng);
    const set = coreHdFeedbackVertexSet(graph, rng === undefined ? undefined : { rng });
    fvsNodes = set.nodes;
    forestOrder = set.forestOrder;
    forestParent = set.forestParent;
  } else {
    if (opts.rng !== undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.rng',
        value: opts.rng,
        rule: 'undefined when options.fvs is given (it only breaks CoreHD ties)',
      });
    }
    fvsNodes = checkGivenFvs(site, model, opts.fvs);
    const mask = new Uint8Array(n);
    for (let k = 0; k < fvsNodes.length; k++) mask[fvsNodes[k] as number] = 1;
    const peel = leafRemovalOrder(graph, mask);
    forestOrder = peel.order;
    forestParent = peel.parent;
  }
  return assembleReduction(model, fvsNodes, forestOrder, forestParent);
}

/** Validates a caller's FVS: an array of distinct node ids whose removal leaves a forest. */
function checkGivenFvs(site: { pkg: string; fn: string }, model: IsingModel, fvs: unknown): Int32Array {
  const n = model.order;
  const isArray = Array.isArray(fvs) || (ArrayBuffer.isView(fvs) && !(fvs instanceof DataView));
  if (!isArray) {
    throw new InvalidArgumentError({ ...site, argument: 'options.fvs', value: fvs, rule: 'an array of node ids' });
  }
  const list = fvs as ArrayLike<unknown>;
  const nodes = new Int32Array(list.length);
  const mask = new Uint8Array(n);
  for (let k = 0; k < list.length; k++) {
    const v = list[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
      throw new InvalidArgumentError({ ...site, argument: `options.fvs[${k}]`, value: v, rule: `a node id in [0, ${n})` });
    }
    if (mask[v]) {
      throw new InvalidArgumentError({ ...site, argument: `options.fvs[${k}]`, value: v, rule: 'not a repeat (node ids must be distinct)' });
    }
    mask[v] = 1;
    nodes[k] = v;
  }
  if (!isForest(model.graph, mask)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.fvs',
      value: fvs,
      rule: 'a feedback vertex set (the graph minus these nodes still has a cycle)',
      hint: 'Leave options.fvs undefined to use CoreHD, or add a node of every remaining cycle.',
    });
  }
  return nodes;
}

/** Builds the reduction's tables; trusts a valid FVS and a valid leaf-removal order of its forest. O(N + M). */
function assembleReduction(model: IsingModel, fvsNodes: Int32Array, forestOrder: Int32Array, forestParent: Int32Array): FvsReduction {
  const graph = model.graph;
  const n = graph.order;
  const m = graph.size;
  const beta = model.beta;
  const couplings = model.couplings;
  const off = graph.offsets;
  const tgt = graph.targets;
  const eid = graph.edgeIds;
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  const f = fvsNodes.length;

  const fvsPosition = new Int32Array(n).fill(-1);
  for (let k = 0; k < f; k++) fvsPosition[fvsNodes[k] as number] = k;

  const scaledFields = new Float64Array(n);
  for (let v = 0; v < n; v++) scaledFields[v] = beta * (model.fields[v] as number);

  const parentEdge = new Int32Array(n).fill(-1);
  const parentCouplings = new Float64Array(n);
  let treeCount = 0;
  for (let i = 0; i < forestOrder.length; i++) {
    const v = forestOrder[i] as number;
    const p = forestParent[v] as number;
    if (p < 0) {
      treeCount++;
      continue;
    }
    const end = off[v + 1] as number;
    for (let q = off[v] as number; q < end; q++) {
      if (tgt[q] === p) {
        const e = eid[q] as number;
        parentEdge[v] = e;
        parentCouplings[v] = beta * (couplings[e] as number);
        break;
      }
    }
  }

  let internal = 0;
  const boundaryOffsets = new Int32Array(f + 1);
  for (let e = 0; e < m; e++) {
    const a = fvsPosition[src[e] as number] as number;
    const b = fvsPosition[dst[e] as number] as number;
    if (a >= 0 && b >= 0) internal++;
    else if (a >= 0) boundaryOffsets[a + 1]! += 1;
    else if (b >= 0) boundaryOffsets[b + 1]! += 1;
  }
  for (let k = 0; k < f; k++) boundaryOffsets[k + 1]! += boundaryOffsets[k] as number;
  const boundaryCount = boundaryOffsets[f] as number;
  const boundaryNodes = new Int32Array(boundaryCount);
  const boundaryEdges = new Int32Array(boundaryCount);
  const boundaryCouplings = new Float64Array(boundaryCount);
  const fill = boundaryOffsets.slice(0, f);
  const fvsEdges = new Int32Array(internal);
  const fvsEdgeFrom = new Int32Array(internal);
  const fvsEdgeTo = new Int32Array(internal);
  const fvsEdgeCouplings = new Float64Array(internal);
  for (let e = 0, c = 0; e < m; e++) {
    const u = src[e] as number;
    const v = dst[e] as number;
    const a = fvsPosition[u] as number;
    const b = fvsPosition[v] as number;
    const bj = beta * (couplings[e] as number);
    if (a >= 0 && b >= 0) {
      fvsEdges[c] = e;
      fvsEdgeFrom[c] = a;
      fvsEdgeTo[c] = b;
      fvsEdgeCouplings[c] = bj;
      c++;
    } else if (a >= 0 || b >= 0) {
      const k = a >= 0 ? a : b;
      const slot = fill[k] as number;
      fill[k] = slot + 1;
      boundaryNodes[slot] = a >= 0 ? v : u;
      boundaryEdges[slot] = e;
      boundaryCouplings[slot] = bj;
    }
  }

  return Object.freeze({
    kind: 'fvsReduction' as const,
    model,
    order: n,
    beta,
    fvsNodes,
    fvsPosition,
    forestOrder,
    forestParent,
    parentEdge,
    treeCount,
    scaledFields,
    parentCouplings,
    fvsEdges,
    fvsEdgeFrom,
    fvsEdgeTo,
    fvsEdgeCouplings,
    boundaryOffsets,
    boundaryNodes,
    boundaryEdges,
    boundaryCouplings,
    scratch: Object.freeze([new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const),
  });
}

/** Entry check shared by the functions taking a reduction (structural: a tag and consistent array lengths). */
export function checkFvsReduction(site: { pkg: string; fn: string }, value: unknown, argument = 'reduction'): FvsReduction {
  const r = value as Partial<FvsReduction> | null;
  const ok =
    typeof r === 'object' &&
    r !== null &&
    r.kind === 'fvsReduction' &&
    typeof r.order === 'number' &&
    r.fvsNodes instanceof Int32Array &&
    r.forestOrder instanceof Int32Array &&
    r.fvsNodes.length + r.forestOrder.length === r.order &&
    Array.isArray(r.scratch) &&
    isBuffer(r.scratch[0], r.order) &&
    isBuffer(r.scratch[1], r.order) &&
    isBuffer(r.scratch[2], r.order) &&
    r.boundaryOffsets instanceof Int32Array &&
    r.boundaryOffsets.length === r.fvsNodes.length + 1;
  if (!ok) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value,
      rule: 'an FvsReduction',
      hint: 'Build one with fvsReduction(model).',
    });
  }
  return r as FvsReduction;
}

function isBuffer(value: unknown, length: number): boolean {
  return value instanceof Float64Array && value.length === length;
}
