/**
 * Building CSR graphs from edge lists: validation here, construction in `internal/csr-from-edges.ts`
 * (O(order + edges + Σ d log d), one random-access pass). Duplicates are merged; edge ids follow the input order of
 * each edge's first occurrence.
 */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { assembleGraph, type Graph } from './graph.js';
import { csrFromEdges } from '../internal/csr-from-edges.js';
import { checkEdgeListShape, isArrayLike } from '../internal/edge-list-shape.js';

/** How to treat an edge that appears more than once (for undirected graphs, in either orientation). */
export type DuplicateEdgePolicy = 'first' | 'sum' | 'error';
/** How to treat an edge u–u. `keep` is only allowed for directed graphs. */
export type SelfLoopPolicy = 'drop' | 'keep' | 'error';

export interface BuildGraphOptions {
  /** Build a directed graph. @default false */
  directed?: boolean;
  /** Duplicate edges: keep the first (and its weight), sum their weights, or throw. @default 'first' */
  duplicates?: DuplicateEdgePolicy;
  /** Self-loops: drop them, keep them (directed only), or throw. @default 'drop' */
  selfLoops?: SelfLoopPolicy;
  /** Node labels, one per node. @default undefined */
  labels?: readonly string[];
}

export interface EdgeListInput {
  /** Number of nodes; endpoints must lie in [0, order). */
  order: number;
  /** First endpoint of each input edge. */
  sources: ArrayLike<number>;
  /** Second endpoint of each input edge. */
  targets: ArrayLike<number>;
  /** Optional finite weight per input edge. */
  weights?: ArrayLike<number> | undefined;
}

export interface BuildGraphResult {
  graph: Graph;
  /** Number of self-loop input edges removed. */
  selfLoopsDropped: number;
  /** Number of input edges merged into an earlier copy of the same edge. */
  duplicatesDropped: number;
  /** For each input edge, the id of the edge it became, or -1 for a dropped self-loop. */
  inputToEdge: Int32Array;
}

const DEFAULTS = Object.freeze({
  directed: false,
  duplicates: 'first' as DuplicateEdgePolicy,
  selfLoops: 'drop' as SelfLoopPolicy,
});
const OPTION_KEYS = ['directed', 'duplicates', 'selfLoops', 'labels'] as const;
const MAX_ORDER = 0x7fffffff - 1;

/** Builds a graph from parallel endpoint arrays and reports what was dropped or merged. */
export function buildGraph(input: EdgeListInput, options?: BuildGraphOptions): BuildGraphResult {
  const fn = 'buildGraph';
  const site = { pkg: 'graph', fn };
  const opts = { ...DEFAULTS, ...checkOptions<BuildGraphOptions>(site, options, OPTION_KEYS) };
  if (typeof opts.directed !== 'boolean') {
    throw new InvalidArgumentError({ ...site, argument: 'options.directed', value: opts.directed, rule: 'a boolean' });
  }
  checkOneOf(site, 'options.duplicates', opts.duplicates, ['first', 'sum', 'error']);
  checkOneOf(site, 'options.selfLoops', opts.selfLoops, ['drop', 'keep', 'error']);
  if (opts.selfLoops === 'keep' && !opts.directed) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.selfLoops',
      value: 'keep',
      rule: "'drop' or 'error' for undirected graphs",
      hint: 'Undirected isinglab graphs are simple; keep self-loops only in directed graphs.',
    });
  }
  if (typeof input !== 'object' || input === null) {
    throw new InvalidArgumentError({ ...site, argument: 'input', value: input, rule: 'an object { order, sources, targets, weights? }' });
  }
  const { weights } = input;
  const { order, sources, targets } = checkEdgeListShape(site, 'input', input.order, input.sources, input.targets, MAX_ORDER);
  const m = sources.length;
  if (weights !== undefined && (!isArrayLike(weights) || weights.length !== m)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'input.weights',
      value: weights,
      rule: `undefined or an array of ${m} finite numbers`,
    });
  }
  if (opts.labels !== undefined && (!Array.isArray(opts.labels) || opts.labels.length !== order)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.labels',
      value: opts.labels,
      rule: `an array of ${order} strings`,
    });
  }

  const { us, vs, slotWeights, keptInput, kept, selfLoopsDropped } = normaliseEdges(
    site,
    order,
    sources,
    targets,
    weights,
    opts.directed,
    opts.selfLoops,
  );
  const csr = csrFromEdges(order, us, vs, kept, opts.directed, slotWeights, opts.duplicates === 'sum');
  if (opts.duplicates === 'error' && csr.duplicates > 0) {
    const at = keptInput ? (keptInput[csr.firstDuplicateSlot] as number) : csr.firstDuplicateSlot;
    const of = keptInput ? (keptInput[csr.firstDuplicateOf] as number) : csr.firstDuplicateOf;
    throw new InvalidArgumentError({
      ...site,
      argument: `input edge ${at}`,
      value: `${sources[at]}-${targets[at]}`,
      rule: `not a repeat of input edge ${of}`,
      hint: "Pass options.duplicates: 'first' or 'sum' to merge repeated edges.",
    });
  }
  let inputToEdge: Int32Array;
  if (keptInput === undefined) {
    inputToEdge = csr.slotEdge;
  } else {
    inputToEdge = new Int32Array(m).fill(-1);
    for (let s = 0; s < kept; s++) inputToEdge[keptInput[s] as number] = csr.slotEdge[s] as number;
  }
  const graph = assembleGraph({
    directed: opts.directed,
    order,
    offsets: csr.offsets,
    targets: csr.targets,
    edgeIds: csr.edgeIds,
    ...(csr.inOffsets ? { inOffsets: csr.inOffsets, inSources: csr.inSources!, inEdgeIds: csr.inEdgeIds! } : {}),
    edgeSources: csr.edgeSources,
    edgeTargets: csr.edgeTargets,
    weights: csr.weights,
    labels: opts.labels,
  });
  return { graph, selfLoopsDropped, duplicatesDropped: csr.duplicates, inputToEdge };
}

interface NormalisedEdges {
  us: Int32Array;
  vs: Int32Array;
  slotWeights: Float64Array | undefined;
  /** Slot -> input index, only once a self-loop was dropped. */
  keptInput: Int32Array | undefined;
  kept: number;
  selfLoopsDropped: number;
}

/**
 * Validates, normalises (undirected: smaller endpoint first) and drops self-loops, in one sequential pass. Kept
 * apart from `buildGraph`, with every option read before the loop and every error built in `edgeError`: a loop
 * that reads options or builds errors inline is deoptimised on each call for lack of type feedback (measured: 3×
 * slower at 10^6 edges).
 */
function normaliseEdges(
  site: { pkg: string; fn: string },
  order: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights: ArrayLike<number> | undefined,
  directed: boolean,
  selfLoops: SelfLoopPolicy,
): NormalisedEdges {
  const m = sources.length;
  const us = new Int32Array(m);
  const vs = new Int32Array(m);
  const slotWeights = weights === undefined ? undefined : new Float64Array(m);
  const keepLoops = selfLoops === 'keep';
  const integral = sources instanceof Int32Array && targets instanceof Int32Array;
  let keptInput: Int32Array | undefined;
  let kept = 0;
  let selfLoopsDropped = 0;
  for (let i = 0; i < m; i++) {
    const a = sources[i] as number;
    const b = targets[i] as number;
    if (!((integral || Number.isInteger(a)) && a >= 0 && a < order)) throw edgeError(site, 'source', i, a, order);
    if (!((integral || Number.isInteger(b)) && b >= 0 && b < order)) throw edgeError(site, 'target', i, b, order);
    if (slotWeights !== undefined) {
      const w = weights![i] as number;
      if (!Number.isFinite(w)) throw edgeError(site, 'weight', i, w, order);
      slotWeights[kept] = w;
    }
    if (a === b && !keepLoops) {
      if (selfLoops === 'error') throw edgeError(site, 'loop', i, a, order);
      if (keptInput === undefined) keptInput = identityPrefix(m, kept);
      selfLoopsDropped++;
      continue;
    }
    const swap = !directed && a > b;
    us[kept] = swap ? b : a;
    vs[kept] = swap ? a : b;
    if (keptInput !== undefined) keptInput[kept] = i;
    kept++;
  }
  return { us, vs, slotWeights, keptInput, kept, selfLoopsDropped };
}

/** An Int32Array of length m whose first `prefix` entries are 0, 1, …, prefix − 1. */
function identityPrefix(m: number, prefix: number): Int32Array {
  const out = new Int32Array(m);
  for (let s = 0; s < prefix; s++) out[s] = s;
  return out;
}

function edgeError(
  site: { pkg: string; fn: string },
  what: 'source' | 'target' | 'weight' | 'loop',
  i: number,
  value: number,
  order: number,
): InvalidArgumentError {
  if (what === 'weight') {
    return new InvalidArgumentError({ ...site, argument: `input.weights[${i}]`, value, rule: 'a finite number' });
  }
  if (what === 'loop') {
    return new InvalidArgumentError({
      ...site,
      argument: `input edge ${i}`,
      value: `${value}-${value}`,
      rule: 'not a self-loop',
      hint: "Pass options.selfLoops: 'drop' to remove self-loops.",
    });
  }
  return new InvalidArgumentError({ ...site, argument: `input.${what}s[${i}]`, value, rule: `a node id in [0, ${order})` });
}

export interface FromEdgesOptions extends BuildGraphOptions {
  /** Number of nodes. @default 1 + the largest endpoint (0 for no edges) */
  order?: number;
  /** One weight per edge. @default undefined (unweighted) */
  weights?: ArrayLike<number>;
}

/**
 * Convenience builder from `[u, v]` pairs: `fromEdges([[0, 1], [1, 2]])`.
 * Use `buildGraph` for typed-array input and to learn what was dropped.
 */
export function fromEdges(edges: ReadonlyArray<readonly [number, number]>, options?: FromEdgesOptions): Graph {
  const site = { pkg: 'graph', fn: 'fromEdges' };
  const opts = checkOptions<FromEdgesOptions>(site, options, [...OPTION_KEYS, 'order', 'weights']);
  if (!Array.isArray(edges)) {
    throw new InvalidArgumentError({ ...site, argument: 'edges', value: edges, rule: 'an array of [u, v] pairs' });
  }
  const m = edges.length;
  const sources = new Array<number>(m);
  const targets = new Array<number>(m);
  let maxNode = -1;
  for (let i = 0; i < m; i++) {
    const pair = edges[i];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new InvalidArgumentError({ ...site, argument: `edges[${i}]`, value: pair, rule: 'a pair [u, v]' });
    }
    sources[i] = pair[0];
    targets[i] = pair[1];
    if (typeof pair[0] === 'number' && pair[0] > maxNode) maxNode = pair[0];
    if (typeof pair[1] === 'number' && pair[1] > maxNode) maxNode = pair[1];
  }
  const order = opts.order ?? maxNode + 1;
  const { order: _o, weights, ...buildOptions } = opts;
  return buildGraph({ order, sources, targets, weights }, buildOptions).graph;
}

/** Builds a graph from adjacency lists: `lists[u]` holds the neighbours (out-neighbours if directed) of u. */
export function fromAdjacencyLists(
  lists: ReadonlyArray<ArrayLike<number>>,
  options?: BuildGraphOptions,
): Graph {
  const site = { pkg: 'graph', fn: 'fromAdjacencyLists' };
  if (!Array.isArray(lists)) {
    throw new InvalidArgumentError({ ...site, argument: 'lists', value: lists, rule: 'an array of neighbour arrays' });
  }
  let m = 0;
  for (let u = 0; u < lists.length; u++) {
    const row = lists[u];
    if (!isArrayLike(row)) {
      throw new InvalidArgumentError({ ...site, argument: `lists[${u}]`, value: row, rule: 'an array of node ids' });
    }
    m += row.length;
  }
  const sources = new Int32Array(m);
  const targets = new Array<number>(m);
  let k = 0;
  for (let u = 0; u < lists.length; u++) {
    const row = lists[u] as ArrayLike<number>;
    for (let j = 0; j < row.length; j++) {
      sources[k] = u;
      targets[k++] = row[j] as number;
    }
  }
  // Undirected lists normally list each edge twice; merging duplicates is the expected behaviour here.
  return buildGraph({ order: lists.length, sources, targets }, options).graph;
}

export interface FromAdjacencyMatrixOptions {
  /** Build a directed graph; when false the matrix must be symmetric. @default false */
  directed?: boolean;
  /** Keep matrix entries as edge weights. @default true */
  weighted?: boolean;
  /** Node labels. @default undefined */
  labels?: readonly string[];
}

/**
 * Builds a graph from a dense square matrix (rows as arrays): an edge u–v for every non-zero off-diagonal entry.
 * For undirected graphs the matrix must be symmetric; the diagonal is ignored.
 */
export function fromAdjacencyMatrix(
  matrix: ReadonlyArray<ArrayLike<number>>,
  options?: FromAdjacencyMatrixOptions,
): Graph {
  const site = { pkg: 'graph', fn: 'fromAdjacencyMatrix' };
  const opts = checkOptions<FromAdjacencyMatrixOptions>(site, options, ['directed', 'weighted', 'labels']);
  const directed = opts.directed ?? false;
  const weighted = opts.weighted ?? true;
  if (!Array.isArray(matrix)) {
    throw new InvalidArgumentError({ ...site, argument: 'matrix', value: matrix, rule: 'an array of rows' });
  }
  const n = matrix.length;
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!isArrayLike(row) || row.length !== n) {
      throw new InvalidArgumentError({ ...site, argument: `matrix[${i}]`, value: row, rule: `a row of ${n} numbers` });
    }
    for (let j = 0; j < n; j++) {
      const a = row[j] as number;
      if (!Number.isFinite(a)) {
        throw new InvalidArgumentError({ ...site, argument: `matrix[${i}][${j}]`, value: a, rule: 'a finite number' });
      }
      if (i === j || a === 0) continue;
      if (!directed) {
        const b = (matrix[j] as ArrayLike<number>)[i];
        if (b !== a) {
          throw new InvalidArgumentError({
            ...site,
            argument: `matrix[${j}][${i}]`,
            value: b,
            rule: `equal to matrix[${i}][${j}] = ${a} (the matrix of an undirected graph is symmetric)`,
            hint: 'Pass options.directed: true for a non-symmetric matrix.',
          });
        }
        if (j < i) continue;
      }
      sources.push(i);
      targets.push(j);
      weights.push(a);
    }
  }
  return buildGraph(
    { order: n, sources, targets, weights: weighted ? weights : undefined },
    { directed, ...(opts.labels ? { labels: opts.labels } : {}) },
  ).graph;
}
