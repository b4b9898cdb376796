import { checkBoolean, checkOptions } from '../errors/validate.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { lrEmbed } from './internal-lr.js';
import { extractKuratowski } from './internal-kuratowski.js';
import type { KuratowskiSubgraph, PlanarEmbedding } from './types.js';

export interface CheckPlanarityOptions {
  /**
   * When the graph is not planar, extract a Kuratowski subgraph as the certificate. Set to false to get
   * `{ planar: false }` alone, for the cost of one LR test.
   * @default true
   */
  certificate?: boolean;
}

/** Outcome of `checkPlanarity`: an embedding when planar, else (optionally) a Kuratowski subgraph. */
export type PlanarityResult =
  | { readonly planar: true; readonly embedding: PlanarEmbedding }
  | { readonly planar: false; readonly kuratowski?: KuratowskiSubgraph };

const DEFAULTS = Object.freeze({ certificate: true });
const OPTION_KEYS = ['certificate'] as const;

/**
 * Tests planarity and returns a certificate either way: a combinatorial embedding (clockwise rotation system in
 * CSR form aligned with `graph.offsets`, see `PlanarEmbedding`) when the graph is planar, otherwise a Kuratowski
 * subgraph (edges forming a subdivision of K5 or K3,3, see `KuratowskiSubgraph`). Disconnected graphs and isolated
 * nodes are handled; directed graphs are rejected (use `toUndirected(graph).graph`, whose offsets the embedding
 * then follows).
 *
 * Complexity: planar case O(n + m) time and memory (left–right test plus embedding phase, three iterative DFS
 * passes and two counting sorts; about 120–160 ns per edge on lattices from 10^4 to 10^6 edges). Non-planar case:
 * one O(n + m) test, then the extraction: biconnected blocks in O(n + m); on the first non-planar block, repeated
 * deletion of degree-≤1 nodes and suppression of degree-2 nodes, and prefix bisection over a pseudo-random edge
 * order with LR tests on the reduced, shrinking graph. That is O(log m) tests per round and one round per essential
 * edge found (typically 15–60), so O(k · log m · (n + m)) in the worst case, k at most the certificate size.
 * Measured on planar lattices / Delaunay meshes plus 3 random edges: 10^4 edges in 20–150 ms, 10^5 in 0.2–0.5 s,
 * 10^6 in about 4 s. With `certificate: false` the non-planar case costs one O(n + m) test.
 *
 * Reference: U. Brandes, "The Left-Right Planarity Test", 2009; H. de Fraysseix and P. Rosenstiehl,
 * "A characterization of planar graphs by Trémaux orders", Combinatorica 5 (1985) 127–135; K. Kuratowski,
 * Fund. Math. 15 (1930).
 *
 * @throws InvalidArgumentError when `graph` is not a Graph, is directed, or `options` is malformed.
 */
export function checkPlanarity(graph: Graph, options?: CheckPlanarityOptions): PlanarityResult {
  const site = { pkg: 'graph', fn: 'checkPlanarity' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<CheckPlanarityOptions>(site, options, OPTION_KEYS) };
  checkBoolean(site, 'options.certificate', opts.certificate);
  const { order: n, offsets, targets, edgeIds, size: m } = graph;
  const rot = lrEmbed(n, offsets, targets, edgeIds, m);
  if (rot !== null) {
    return { planar: true, embedding: { offsets, rotation: rot.rotation, rotationEdgeIds: rot.rotationEdgeIds } };
  }
  if (!opts.certificate) return { planar: false };
  return { planar: false, kuratowski: extractKuratowski(graph) };
}

