import type { Graph } from '../core/graph.js';
import { checkedLattice } from './internal/lattice.js';

export interface KingsGraphOptions {
  /**
   * Wrap dimensions around: `true` makes a torus, `[wrapRows, wrapCols]` wraps only some.
   * A wrapped dimension needs at least 3 nodes. @default false
   */
  periodic?: boolean | readonly [boolean, boolean];
}

const STEPS = Object.freeze([
  Object.freeze([0, 1]),
  Object.freeze([1, -1]),
  Object.freeze([1, 0]),
  Object.freeze([1, 1]),
]);

/**
 * The `rows × cols` king's graph (8-neighbour pixel grid, as used for images): node (r, c) — pixel row r, column c —
 * has id `r·cols + c` and is joined to every (r + dr, c + dc) with dr, dc ∈ {−1, 0, 1} not both 0. Open grids have
 * `4·rows·cols − 3·(rows + cols) + 2` edges (for rows, cols ≥ 1); a torus has `4·rows·cols`.
 * Equals networkx's `strong_product(path_graph(rows), path_graph(cols))` (cycle graphs where periodic).
 * Edge ids: node by node, then steps (0, +1), (+1, −1), (+1, 0), (+1, +1).
 *
 * O(rows · cols).
 */
export function kingsGraph(rows: number, cols: number, options?: KingsGraphOptions): Graph {
  return checkedLattice({ pkg: 'graph', fn: 'kingsGraph' }, [rows, cols], ['rows', 'cols'], options, STEPS);
}
