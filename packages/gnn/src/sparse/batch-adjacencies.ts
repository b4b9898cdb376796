/**
 * Many graphs as one: the block-diagonal adjacency of a list of (square) adjacencies, the node → graph index, and
 * the pooling matrix (graphs × nodes) that sums, averages or maxes node features per graph through `spmm`.
 */
import { InvalidArgumentError, checkInteger } from '@isinglab/graph';
import { isSparseAdjacency, sparseAdjacency, type SparseAdjacency } from './sparse-adjacency.js';

export interface BatchedAdjacency {
  /** Block-diagonal adjacency of all graphs (node v of graph g is node nodeOffsets[g] + v). */
  adjacency: SparseAdjacency;
  /** Graph of each node of the batch. */
  nodeToGraph: Int32Array;
  /** First node of each graph, length graphs + 1. */
  nodeOffsets: Int32Array;
  /** Pooling matrix: graphs × nodes with a 1 at (nodeToGraph[v], v); `spmm(pooling, x, { aggregation })`. */
  pooling: SparseAdjacency;
}

const FN = 'batchAdjacencies';

/**
 * Stacks square adjacencies block-diagonally, keeping each one's entry order (so per-entry features concatenate in
 * the same order). O(total nodes + entries).
 * @example const batch = batchAdjacencies(graphs.map(gcnAdjacency)); spmm(batch.pooling, h, { aggregation: 'mean' })
 */
export function batchAdjacencies(adjacencies: readonly SparseAdjacency[]): BatchedAdjacency {
  if (!Array.isArray(adjacencies) || adjacencies.length === 0) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'adjacencies', value: adjacencies, rule: 'a non-empty array of SparseAdjacency' });
  }
  let nodes = 0;
  let nnz = 0;
  adjacencies.forEach((a, g) => {
    if (!isSparseAdjacency(a) || a.rows !== a.cols) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: `adjacencies[${g}]`, value: a, rule: 'a square SparseAdjacency (one row and column per node)' });
    }
    nodes += a.rows;
    nnz += a.nnz;
  });
  const receivers = new Int32Array(nnz);
  const senders = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  const nodeOffsets = new Int32Array(adjacencies.length + 1);
  const nodeToGraph = new Int32Array(nodes);
  let at = 0;
  adjacencies.forEach((a, g) => {
    const offset = nodeOffsets[g] as number;
    nodeOffsets[g + 1] = offset + a.rows;
    nodeToGraph.fill(g, offset, offset + a.rows);
    for (let i = 0; i < a.rows; i++) {
      for (let e = a.rowOffsets[i] as number; e < (a.rowOffsets[i + 1] as number); e++) {
        receivers[at] = offset + i;
        senders[at] = offset + (a.colIndices[e] as number);
        values[at++] = a.values[e] as number;
      }
    }
  });
  const first = adjacencies[0] as SparseAdjacency;
  const same = adjacencies.every((a) => a.normalisation === first.normalisation && a.selfLoops === first.selfLoops);
  const stacked = sparseAdjacency({ rows: nodes, receivers, senders, values });
  // block-diagonal stacking preserves each block's normalisation, so GCN layers accept the batch
  const adjacency = same ? Object.freeze({ ...stacked, normalisation: first.normalisation, selfLoops: first.selfLoops }) : stacked;
  return { adjacency, nodeToGraph, nodeOffsets, pooling: poolingAdjacency(nodeToGraph, adjacencies.length) };
}

/**
 * The pooling matrix of a node → graph index: rows = graphs, columns = nodes. O(nodes).
 */
export function poolingAdjacency(nodeToGraph: ArrayLike<number>, graphs: number): SparseAdjacency {
  checkInteger({ pkg: 'gnn', fn: 'poolingAdjacency' }, 'graphs', graphs, { min: 1 });
  const senders = Int32Array.from({ length: nodeToGraph.length }, (_, v) => v);
  try {
    return sparseAdjacency({ rows: graphs, cols: nodeToGraph.length, receivers: nodeToGraph, senders });
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: 'poolingAdjacency', argument: 'nodeToGraph', value: (error as InvalidArgumentError).value, rule: `graph indices in [0, ${graphs})` });
    }
    throw error;
  }
}
