import type { Graph } from '../core/graph.js';
import { checkedLattice } from './internal/lattice.js';

export interface SquareLatticeOptions {
  /**
   * Wrap dimensions around: `true` makes a torus, `[wrapRows, wrapCols]` wraps only some (a cylinder).
   * `wrapRows` joins row `rows − 1` to row 0 (edges (rows−1, c)–(0, c)), as networkx's `periodic[0]`.
   * A wrapped dimension needs at least 3 nodes. @default false
   */
  periodic?: boolean | readonly [boolean, boolean];
}

const STEPS = Object.freeze([Object.freeze([0, 1]), Object.freeze([1, 0])]);

/**
 * The `rows × cols` square lattice (grid graph): node (r, c) has id `r·cols + c` and is joined to (r, c ± 1) and
 * (r ± 1, c). Open lattices have `rows·(cols − 1) + (rows − 1)·cols` edges; a torus has `2·rows·cols`.
 * Equals networkx's `grid_2d_graph(rows, cols, periodic)` with (r, c) relabelled `r·cols + c`.
 * Edge ids: node by node in id order, the right neighbour (0, +1) before the lower one (+1, 0).
 *
 * O(rows · cols).
 * @example squareLattice(3, 4).size // 17
 */
export function squareLattice(rows: number, cols: number, options?: SquareLatticeOptions): Graph {
  return checkedLattice({ pkg: 'graph', fn: 'squareLattice' }, [rows, cols], ['rows', 'cols'], options, STEPS);
}
