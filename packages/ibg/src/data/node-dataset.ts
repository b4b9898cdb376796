/**
 * The node-classification data every loader and generator of this package returns: a directed graph, node
 * features (sparse for bag-of-words data such as the Wikipedia networks, dense for Gaussian synthetic features),
 * integer labels and train/validation/test splits. Plain objects of typed arrays, indexed by node id.
 */
import type { Graph } from '@isinglab/graph';

/** Dense features: X (rows × cols, row-major float64). */
export interface DenseNodeFeatures {
  readonly kind: 'dense';
  /** N: one row per node. */
  readonly rows: number;
  /** D: the feature dimension. */
  readonly cols: number;
  /** X[i, k] at `values[i * cols + k]`. */
  readonly values: Float64Array;
}

/** Sparse features: X in compressed sparse rows (column indices ascending within a row, no repeats). */
export interface SparseNodeFeatures {
  readonly kind: 'sparse';
  readonly rows: number;
  readonly cols: number;
  /** Row starts, length rows + 1; `offsets[rows]` is the number of stored entries. */
  readonly offsets: Int32Array;
  /** Column of each stored entry. */
  readonly indices: Int32Array;
  /** Value of each stored entry (1 for binary bag-of-words features). */
  readonly values: Float64Array;
}

/** Node features X (N × D), dense or sparse. */
export type NodeFeatures = DenseNodeFeatures | SparseNodeFeatures;

/** One train/validation/test split: sorted node ids; nodes in none of the three are unused. */
export interface NodeSplit {
  readonly train: Int32Array;
  readonly val: Int32Array;
  readonly test: Int32Array;
}

/** A directed graph-signal with node labels and splits (Geom-GCN's chameleon/squirrel, or a synthetic SBM). */
export interface NodeClassificationDataset {
  /** Short name (the folder name for files read from disk). */
  readonly name: string;
  /** The directed graph (CSR), one arc per edge line. */
  readonly graph: Graph;
  /** X: one row per node. */
  readonly features: NodeFeatures;
  /** Class of each node, in [0, classes). */
  readonly labels: Int32Array;
  /** Number of classes (1 + the largest label). */
  readonly classes: number;
  /** The standard splits (10 for Geom-GCN's data), in file order. */
  readonly splits: readonly NodeSplit[];
}

/** X as a dense row-major float64 matrix (a copy). O(N·D). */
export function denseFeatureMatrix(features: NodeFeatures): Float64Array {
  if (features.kind === 'dense') return features.values.slice();
  const out = new Float64Array(features.rows * features.cols);
  for (let i = 0; i < features.rows; i++) {
    for (let e = features.offsets[i] as number; e < (features.offsets[i + 1] as number); e++) {
      out[i * features.cols + (features.indices[e] as number)] = features.values[e] as number;
    }
  }
  return out;
}
