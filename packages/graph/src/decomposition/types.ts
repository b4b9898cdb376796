/** Result types shared by the decomposition functions. */
import type { BiconnectedComponentsResult } from '../components/biconnected-components.js';
import type { KuratowskiSubgraph } from '../planarity/types.js';

/**
 * Type codes of triconnected components (SPQR-tree nodes), as stored in `componentType`:
 * `S` a cycle (polygon), `P` a bond (two nodes joined by three or more parallel edges), `R` a simple 3-connected
 * graph. (Q nodes, one per real edge, are not materialised: real edges are listed inside their component.)
 */
export const SpqrNodeType = Object.freeze({ S: 0, P: 1, R: 2 } as const);
/** One of the values of `SpqrNodeType`. */
export type SpqrNodeTypeCode = (typeof SpqrNodeType)[keyof typeof SpqrNodeType];

/**
 * A multigraph given by its edge list, for inputs with parallel edges (a `Graph` is always simple): edge `e` joins
 * `sources[e]` and `targets[e]`; parallel edges are allowed, self-loops are not. Edge ids are the array positions.
 */
export interface MultigraphEdges {
  /** Number of nodes; endpoints lie in [0, order). */
  readonly order: number;
  /** First endpoint of each edge. */
  readonly sources: ArrayLike<number>;
  /** Second endpoint of each edge. */
  readonly targets: ArrayLike<number>;
}

/**
 * Triconnected components of a biconnected (multi)graph, with their virtual edges.
 *
 * Edge ids inside components: an id `x < edgeCount` is the real edge `x` of the input; an id `x ≥ edgeCount` is the
 * virtual edge `k = x − edgeCount`. Every virtual edge lies in exactly one component and has exactly one twin (in
 * another component) with the same endpoints: splitting the graph at that separation pair created the two. Twins
 * are numbered `k` and `k ^ 1` (so pair `t` is virtual edges `2t` and `2t + 1`).
 */
export interface TriconnectedComponents {
  /** Number of real edges of the input (`graph.size`, or `sources.length` for a multigraph). */
  readonly edgeCount: number;
  /** Number of components. */
  readonly count: number;
  /** `SpqrNodeType` code of each component. */
  readonly componentType: Uint8Array;
  /** Component c has the edge ids `componentEdges[componentOffsets[c] .. componentOffsets[c+1])`; length count + 1. */
  readonly componentOffsets: Int32Array;
  /** Real and virtual edge ids of each component (see above). S components list their edges in cycle order. */
  readonly componentEdges: Int32Array;
  /** Component holding each real edge (−1 for an edge in no component: a bridge, in a forest over several blocks). */
  readonly edgeComponent: Int32Array;
  /** Number of virtual edges (twice the number of separation-pair splits kept, i.e. of tree edges). */
  readonly virtualCount: number;
  /** Smaller endpoint of virtual edge k. */
  readonly virtualSources: Int32Array;
  /** Larger endpoint of virtual edge k. */
  readonly virtualTargets: Int32Array;
  /** Twin of virtual edge k (always `k ^ 1`, stored for convenience). */
  readonly virtualTwin: Int32Array;
  /** Component holding virtual edge k. */
  readonly virtualComponent: Int32Array;
}

/**
 * The SPQR tree (or forest, when built over several blocks): the triconnected components as tree nodes, one tree
 * edge per twin pair of virtual edges. Tree edge t joins `virtualComponent[2t]` and `virtualComponent[2t + 1]`;
 * its separation pair is `{virtualSources[2t], virtualTargets[2t]}`. No two S nodes and no two P nodes are
 * adjacent (the conditions that make the tree unique).
 */
export interface SpqrTree extends TriconnectedComponents {
  /** Number of tree edges, `virtualCount / 2`. */
  readonly treeEdgeCount: number;
  /** Tree adjacency: the neighbours of component c are `treeNeighbors[treeOffsets[c] .. treeOffsets[c+1])`. */
  readonly treeOffsets: Int32Array;
  /** Neighbouring components (CSR with `treeOffsets`). */
  readonly treeNeighbors: Int32Array;
  /** Tree edge of each `treeNeighbors` entry. */
  readonly treeEdges: Int32Array;
  /** Root component of each tree (one per tree; empty for an empty graph). */
  readonly roots: Int32Array;
  /** Parent component of each component, −1 at a root. */
  readonly parent: Int32Array;
  /**
   * For a non-root component c, the virtual edge k lying in c whose twin `k ^ 1` lies in `parent[c]` (the pair c
   * shares with its parent); −1 at a root.
   */
  readonly parentVirtual: Int32Array;
  /** All components, each tree in preorder from its root (every parent before its children). */
  readonly preorder: Int32Array;
}

/**
 * Decomposition of a graph without a K3,3 minor: its blocks, and the SPQR forest of its blocks (one tree per block
 * with at least two edges; bridges belong to no component) in which every R component is planar or a K5.
 */
export interface K33FreeDecomposition {
  /** The biconnected components of the graph (as `biconnectedComponents(graph)` returns them). */
  readonly blocks: BiconnectedComponentsResult;
  /** The SPQR forest; real edge ids are the graph's edge ids, node ids the graph's node ids. */
  readonly tree: SpqrTree;
  /** Block of each component. Components of one block are contiguous and form one tree. */
  readonly componentBlock: Int32Array;
  /** Tree of block b: components `blockComponentOffsets[b] .. blockComponentOffsets[b+1]` (empty for a bridge). */
  readonly blockComponentOffsets: Int32Array;
  /** 1 for an R component that is a K5 (the only non-planar components allowed), 0 otherwise. */
  readonly componentIsK5: Uint8Array;
}

/** Outcome of `checkK33MinorFree`. */
export type K33MinorResult =
  | { readonly k33Free: true; readonly decomposition: K33FreeDecomposition }
  | {
      readonly k33Free: false;
      /**
       * A subdivision of K3,3 in the input graph (edge ids of the graph; `kind` is always `'K33'`), present unless
       * `options.certificate` was false. Check it with `verifyKuratowskiSubgraph(graph, certificate)`.
       */
      readonly certificate?: KuratowskiSubgraph;
    };
