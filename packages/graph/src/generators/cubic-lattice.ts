import type { Graph } from '../core/graph.js';
import { checkedLattice } from './internal/lattice.js';

export interface CubicLatticeOptions {
  /**
   * Wrap dimensions around: `true` makes a 3-torus, `[wrapX, wrapY, wrapZ]` wraps only some.
   * A wrapped dimension needs at least 3 nodes. @default false
   */
  periodic?: boolean | readonly [boolean, boolean, boolean];
}

const STEPS = Object.freeze([Object.freeze([0, 0, 1]), Object.freeze([0, 1, 0]), Object.freeze([1, 0, 0])]);

/**
 * The `x × y × z` simple cubic lattice: node (i, j, k) has id `(i·y + j)·z + k` (k fastest) and is joined to its 6
 * axis neighbours. Open lattices have `(x−1)yz + x(y−1)z + xy(z−1)` edges; a 3-torus has `3xyz`.
 * Equals networkx's cartesian product of path graphs (cycle graphs where periodic) with that numbering.
 * Edge ids: node by node, then steps along k, j, i.
 *
 * O(x · y · z).
 */
export function cubicLattice(x: number, y: number, z: number, options?: CubicLatticeOptions): Graph {
  return checkedLattice({ pkg: 'graph', fn: 'cubicLattice' }, [x, y, z], ['x', 'y', 'z'], options, STEPS);
}
