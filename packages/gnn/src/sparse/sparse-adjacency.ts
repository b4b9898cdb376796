/**
 * The message-passing structure: a sparse matrix A (rows = receiving nodes, columns = sending nodes) in CSR with
 * float32 entry values, plus its transposed index, built once so the backward pass Aᵀ·G also reads rows
 * sequentially. Duplicate entries and self-loops are kept as given (they add up).
 */
import { InvalidArgumentError, checkInteger, checkOneOf, checkOptions, type Graph } from '@isinglab/graph';

/** How entry values were normalised; layers that need a particular one (GCN) check it. */
export type AdjacencyNormalisation = 'none' | 'symmetric' | 'row';

export interface SparseAdjacency {
  /** Number of receiving nodes (rows of A). */
  readonly rows: number;
  /** Number of sending nodes (columns of A). */
  readonly cols: number;
  /** Number of stored entries. */
  readonly nnz: number;
  /** Row starts, length rows + 1. */
  readonly rowOffsets: Int32Array;
  /** Column (sender) of each entry, rows in order. */
  readonly colIndices: Int32Array;
  /** Value of each entry. */
  readonly values: Float32Array;
  /** Column starts of the transposed index, length cols + 1. */
  readonly transposeOffsets: Int32Array;
  /** Row (receiver) of each entry in transposed order. */
  readonly transposeRows: Int32Array;
  /** Position in the row-major order (index into colIndices/values) of each entry in transposed order. */
  readonly transposeEntry: Int32Array;
  /** Number of entries in each row (the in-degree counted with multiplicity), as float32 for mean aggregation. */
  readonly rowCounts: Float32Array;
  readonly normalisation: AdjacencyNormalisation;
  /** True when a unit self-loop was added to every node by `adjacencyFromGraph` (GCN's A + I). */
  readonly selfLoops: boolean;
}

export interface SparseAdjacencyInit {
  /** Number of rows (receivers). */
  rows: number;
  /** Number of columns (senders). @default rows */
  cols?: number;
  /** Receiver of each entry (row index). */
  receivers: ArrayLike<number>;
  /** Sender of each entry (column index). */
  senders: ArrayLike<number>;
  /** Value of each entry. @default 1 for every entry */
  values?: ArrayLike<number>;
}

const SITE_COO = { pkg: 'gnn', fn: 'sparseAdjacency' } as const;

/**
 * Builds A from coordinate lists: entry e is A[receivers[e], senders[e]] = values[e], i.e. a message from
 * `senders[e]` to `receivers[e]`. Entries keep their input order within each row. O(rows + cols + nnz).
 * @example sparseAdjacency({ rows: 3, receivers: [0, 1, 1], senders: [1, 0, 2] })
 */
export function sparseAdjacency(init: SparseAdjacencyInit): SparseAdjacency {
  if (init === undefined) throw bad('init', init, 'an object { rows, receivers, senders, values? }');
  const opts = checkOptions<SparseAdjacencyInit>(SITE_COO, init, ['rows', 'cols', 'receivers', 'senders', 'values']);
  const rows = checkInteger(SITE_COO, 'init.rows', opts.rows, { min: 0 });
  const cols = opts.cols === undefined ? rows : checkInteger(SITE_COO, 'init.cols', opts.cols, { min: 0 });
  const { receivers, senders, values } = opts;
  if (!isArrayLike(receivers)) throw bad('init.receivers', receivers, 'an array of row indices');
  if (!isArrayLike(senders) || senders.length !== receivers.length) {
    throw bad('init.senders', senders, `an array of column indices as long as init.receivers (${receivers.length})`);
  }
  if (values !== undefined && (!isArrayLike(values) || values.length !== receivers.length)) {
    throw bad('init.values', values, `an array of finite numbers as long as init.receivers (${receivers.length})`);
  }
  const nnz = receivers.length;
  for (let e = 0; e < nnz; e++) {
    const r = receivers[e];
    const c = senders[e];
    if (!Number.isInteger(r) || (r as number) < 0 || (r as number) >= rows) {
      throw bad(`init.receivers[${e}]`, r, `an integer in [0, ${rows})`);
    }
    if (!Number.isInteger(c) || (c as number) < 0 || (c as number) >= cols) {
      throw bad(`init.senders[${e}]`, c, `an integer in [0, ${cols})`);
    }
    if (values !== undefined && !Number.isFinite(values[e])) throw bad(`init.values[${e}]`, values[e], 'a finite number');
  }
  const rowOffsets = new Int32Array(rows + 1);
  for (let e = 0; e < nnz; e++) {
    const r = (receivers[e] as number) + 1;
    rowOffsets[r] = (rowOffsets[r] as number) + 1;
  }
  for (let i = 0; i < rows; i++) rowOffsets[i + 1] = (rowOffsets[i + 1] as number) + (rowOffsets[i] as number);
  const cursor = rowOffsets.slice(0, rows);
  const colIndices = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  for (let e = 0; e < nnz; e++) {
    const at = (cursor[receivers[e] as number] as number);
    cursor[receivers[e] as number] = at + 1;
    colIndices[at] = senders[e] as number;
    vals[at] = values === undefined ? 1 : (values[e] as number);
  }
  return finishAdjacency(rows, cols, rowOffsets, colIndices, vals, 'none', false);
}

export interface AdjacencyFromGraphOptions {
  /** Add a unit self-loop to every node (GCN's A + I). @default false */
  selfLoops?: boolean;
  /**
   * `'symmetric'`: D^{−1/2} A D^{−1/2} with D the row sums of A (after self-loops; GCN); `'row'`: D^{−1} A;
   * `'none'`: raw values. @default 'none'
   */
  normalisation?: AdjacencyNormalisation;
  /** Entry values: `'graph'` uses the graph's edge weights (1 when it has none), `'ones'` ignores them. @default 'graph' */
  values?: 'graph' | 'ones';
  /**
   * Directed graphs: `'in'` — node v receives from its in-neighbours (arcs u → v); `'out'` — from its
   * out-neighbours (the reversed graph; Dir-GNN uses both). Ignored for undirected graphs. @default 'in'
   */
  direction?: 'in' | 'out';
}

const SITE_GRAPH = { pkg: 'gnn', fn: 'adjacencyFromGraph' } as const;

/**
 * The message-passing matrix of a graph: A[v, u] = w(u, v) for each edge (both directions when undirected, along
 * the arcs when directed). O(n + m).
 * @example adjacencyFromGraph(karateClub(), { selfLoops: true, normalisation: 'symmetric' }) // GCN's Â
 */
export function adjacencyFromGraph(graph: Graph, options: AdjacencyFromGraphOptions = {}): SparseAdjacency {
  const opts = checkOptions<AdjacencyFromGraphOptions>(SITE_GRAPH, options, ['selfLoops', 'normalisation', 'values', 'direction']);
  if (typeof graph !== 'object' || graph === null || !(graph.offsets instanceof Int32Array)) {
    throw bad('graph', graph, 'a Graph from @isinglab/graph', SITE_GRAPH.fn);
  }
  const selfLoops = opts.selfLoops ?? false;
  if (typeof selfLoops !== 'boolean') throw bad('options.selfLoops', selfLoops, 'a boolean', SITE_GRAPH.fn);
  const normalisation = checkOneOf(SITE_GRAPH, 'options.normalisation', opts.normalisation ?? 'none', ['none', 'symmetric', 'row'] as const);
  const valueSource = checkOneOf(SITE_GRAPH, 'options.values', opts.values ?? 'graph', ['graph', 'ones'] as const);
  const direction = checkOneOf(SITE_GRAPH, 'options.direction', opts.direction ?? 'in', ['in', 'out'] as const);
  const n = graph.order;
  // Row v lists the senders of v: in-neighbours for 'in' (inOffsets/inSources; the same arrays as the out-
  // adjacency for undirected graphs), out-neighbours for 'out'.
  const useIn = direction === 'in';
  const offsets = useIn ? graph.inOffsets : graph.offsets;
  const neighbours = useIn ? graph.inSources : graph.targets;
  const edgeIds = useIn ? graph.inEdgeIds : graph.edgeIds;
  const weights = valueSource === 'graph' ? graph.weights : undefined;
  if (weights !== undefined) {
    for (let e = 0; e < weights.length; e++) {
      if (!Number.isFinite(weights[e])) throw bad(`graph.weights[${e}]`, weights[e], 'a finite number', SITE_GRAPH.fn);
    }
  }
  const extra = selfLoops ? 1 : 0;
  const rowOffsets = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) rowOffsets[v + 1] = (rowOffsets[v] as number) + ((offsets[v + 1] as number) - (offsets[v] as number)) + extra;
  const nnz = rowOffsets[n] as number;
  const colIndices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let v = 0; v < n; v++) {
    let at = rowOffsets[v] as number;
    let selfPlaced = !selfLoops;
    for (let p = offsets[v] as number; p < (offsets[v + 1] as number); p++) {
      const u = neighbours[p] as number;
      // keep each row sorted by sender: the self-loop goes before the first larger neighbour
      if (!selfPlaced && u > v) {
        colIndices[at] = v;
        values[at++] = 1;
        selfPlaced = true;
      }
      colIndices[at] = u;
      values[at++] = weights === undefined ? 1 : (weights[edgeIds[p] as number] as number);
    }
    if (!selfPlaced) {
      colIndices[at] = v;
      values[at] = 1;
    }
  }
  if (normalisation !== 'none') normaliseInPlace(n, rowOffsets, colIndices, values, normalisation, SITE_GRAPH.fn);
  return finishAdjacency(n, n, rowOffsets, colIndices, values, normalisation, selfLoops);
}

/** The same matrix with its entries normalised (symmetric needs a square matrix). */
export function normaliseAdjacency(adjacency: SparseAdjacency, normalisation: 'symmetric' | 'row'): SparseAdjacency {
  const fn = 'normaliseAdjacency';
  checkOneOf({ pkg: 'gnn', fn }, 'normalisation', normalisation, ['symmetric', 'row'] as const);
  if (normalisation === 'symmetric' && adjacency.rows !== adjacency.cols) {
    throw bad('adjacency', `${adjacency.rows}×${adjacency.cols}`, 'a square matrix for symmetric normalisation', fn);
  }
  const values = adjacency.values.slice();
  normaliseInPlace(adjacency.rows, adjacency.rowOffsets, adjacency.colIndices, values, normalisation, fn);
  return finishAdjacency(adjacency.rows, adjacency.cols, adjacency.rowOffsets, adjacency.colIndices, values, normalisation, adjacency.selfLoops);
}

function normaliseInPlace(
  rows: number,
  rowOffsets: Int32Array,
  colIndices: Int32Array,
  values: Float32Array,
  normalisation: 'symmetric' | 'row',
  fn: string,
): void {
  const degree = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let d = 0;
    for (let e = rowOffsets[i] as number; e < (rowOffsets[i + 1] as number); e++) d += values[e] as number;
    if (d < 0) throw bad(`row sum of row ${i}`, d, 'non-negative for normalisation (negative edge weights?)', fn);
    degree[i] = d;
  }
  // rows with zero degree stay zero (isolated nodes without self-loops)
  const inv = (d: number) => (d > 0 ? (normalisation === 'row' ? 1 / d : 1 / Math.sqrt(d)) : 0);
  for (let i = 0; i < rows; i++) {
    const di = inv(degree[i] as number);
    for (let e = rowOffsets[i] as number; e < (rowOffsets[i + 1] as number); e++) {
      const scale = normalisation === 'row' ? di : di * inv(degree[colIndices[e] as number] as number);
      values[e] = (values[e] as number) * scale;
    }
  }
}

/** Adds the transposed index and the row counts; freezes the result. */
function finishAdjacency(
  rows: number,
  cols: number,
  rowOffsets: Int32Array,
  colIndices: Int32Array,
  values: Float32Array,
  normalisation: AdjacencyNormalisation,
  selfLoops: boolean,
): SparseAdjacency {
  const nnz = colIndices.length;
  const transposeOffsets = new Int32Array(cols + 1);
  for (let e = 0; e < nnz; e++) {
    const c = (colIndices[e] as number) + 1;
    transposeOffsets[c] = (transposeOffsets[c] as number) + 1;
  }
  for (let j = 0; j < cols; j++) transposeOffsets[j + 1] = (transposeOffsets[j + 1] as number) + (transposeOffsets[j] as number);
  const cursor = transposeOffsets.slice(0, cols);
  const transposeRows = new Int32Array(nnz);
  const transposeEntry = new Int32Array(nnz);
  const rowCounts = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    rowCounts[i] = (rowOffsets[i + 1] as number) - (rowOffsets[i] as number);
    for (let e = rowOffsets[i] as number; e < (rowOffsets[i + 1] as number); e++) {
      const j = colIndices[e] as number;
      const at = cursor[j] as number;
      cursor[j] = at + 1;
      transposeRows[at] = i;
      transposeEntry[at] = e;
    }
  }
  return Object.freeze({
    rows,
    cols,
    nnz,
    rowOffsets,
    colIndices,
    values,
    transposeOffsets,
    transposeRows,
    transposeEntry,
    rowCounts,
    normalisation,
    selfLoops,
  });
}

/** True for objects that look like a SparseAdjacency (used by ops and layers to validate their arguments). */
export function isSparseAdjacency(value: unknown): value is SparseAdjacency {
  const a = value as SparseAdjacency;
  return (
    typeof value === 'object' &&
    value !== null &&
    a.rowOffsets instanceof Int32Array &&
    a.colIndices instanceof Int32Array &&
    a.values instanceof Float32Array &&
    a.transposeOffsets instanceof Int32Array &&
    a.rowOffsets.length === a.rows + 1 &&
    a.transposeOffsets.length === a.cols + 1
  );
}

function isArrayLike(v: unknown): v is ArrayLike<number> {
  return Array.isArray(v) || ArrayBuffer.isView(v);
}

function bad(argument: string, value: unknown, rule: string, fn: string = SITE_COO.fn): InvalidArgumentError {
  return new InvalidArgumentError({ pkg: 'gnn', fn, argument, value, rule });
}
