import type { Graph } from '../core/graph.js';
import { assembleSimpleUndirected } from './internal/assemble.js';

// Outer 5-cycle 0..4, spokes i–(i+5), inner pentagram 5–7–9–6–8–5 (networkx's numbering).
const EDGES = Object.freeze([
  0, 1, 0, 4, 0, 5, 1, 2, 1, 6, 2, 3, 2, 7, 3, 4, 3, 8, 4, 9, 5, 7, 5, 8, 6, 8, 6, 9, 7, 9,
]);

/**
 * The Petersen graph: 10 nodes, 15 edges, 3-regular, girth 5, non-planar (it contracts to K5). Outer cycle
 * 0–1–2–3–4, spokes i–(i+5), inner pentagram 5–7–9–6–8–5; equals networkx's `petersen_graph()`. Edge ids follow
 * lexicographic order. O(1).
 */
export function petersenGraph(): Graph {
  const m = EDGES.length / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    sources[e] = EDGES[2 * e] as number;
    targets[e] = EDGES[2 * e + 1] as number;
  }
  return assembleSimpleUndirected(10, sources, targets);
}
