import type { Graph } from '../core/graph.js';
import { checkedLattice } from './internal/lattice.js';

export interface TriangularLatticeOptions {
  /**
   * Wrap dimensions around: `true` makes a torus, `[wrapRows, wrapCols]` wraps only some.
   * A wrapped dimension needs at least 3 nodes. @default false
   */
  periodic?: boolean | readonly [boolean, boolean];
}

const STEPS = Object.freeze([Object.freeze([0, 1]), Object.freeze([1, 0]), Object.freeze([1, 1])]);

/**
 * The `rows × cols` triangular lattice drawn on a square grid: the square lattice (node (r, c) has id `r·cols + c`)
 * plus, in every cell, the diagonal (r, c)–(r + 1, c + 1). Interior nodes have degree 6, the cells
 * split into 2·(rows − 1)·(cols − 1) triangles, and the drawing is a sheared (rhombus-shaped) piece of the triangular
 * lattice. With `periodic: true` it is the 6-regular triangular torus. This is NOT networkx's
 * `triangular_lattice_graph`, which alternates the diagonal direction from row to row to fill a rectangle.
 * Edge ids: node by node, then steps (0, +1), (+1, 0), (+1, +1).
 *
 * O(rows · cols).
 */
export function triangularLattice(rows: number, cols: number, options?: TriangularLatticeOptions): Graph {
  return checkedLattice({ pkg: 'graph', fn: 'triangularLattice' }, [rows, cols], ['rows', 'cols'], options, STEPS);
}
