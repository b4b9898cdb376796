/**
 * Biconnected components (blocks) and articulation points by the Hopcroft–Tarjan low-point DFS, made iterative
 * with a typed-array call stack, a cursor into each node's row, and a typed-array stack of edge ids.
 */
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';

/** Blocks of an undirected graph: a partition of the edges, with the nodes of each block. */
export interface BiconnectedComponentsResult {
  /** Number of blocks. */
  count: number;
  /** Block id of each edge id. Every edge lies in exactly one block; a bridge is a block of one edge. */
  edgeComponent: Int32Array;
  /** Articulation points (cut vertices), ascending. */
  articulationPoints: Int32Array;
  /** 1 for an articulation point, 0 otherwise, per node. */
  isArticulation: Uint8Array;
  /** Block `b` has nodes `blockNodes[blockOffsets[b] .. blockOffsets[b+1])`; length `count + 1`. */
  blockOffsets: Int32Array;
  /** Nodes of each block, ascending within a block (CSR with `blockOffsets`). */
  blockNodes: Int32Array;
}

/**
 * Biconnected components (blocks: maximal subgraphs without a cut vertex) and articulation points of an
 * undirected graph. Blocks partition the edges; a node lies in every block one of its edges lies in, so
 * articulation points are exactly the nodes in two or more blocks. Bridges are blocks of one edge (two nodes).
 * Isolated nodes belong to no block. Blocks are numbered in the order the DFS (roots in increasing id order,
 * neighbours in row order) completes them. Directed graphs are rejected (convert with `toUndirected`).
 * O(n + m) time and memory.
 *
 * Reference: J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph manipulation",
 * Comm. ACM 16(6), 1973.
 */
export function biconnectedComponents(graph: Graph): BiconnectedComponentsResult {
  const site = { pkg: 'graph', fn: 'biconnectedComponents' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const n = graph.order;
  const m = graph.size;
  const off = graph.offsets;
  const tgt = graph.targets;
  const ids = graph.edgeIds;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parentEdge = new Int32Array(n);
  const cursor = new Int32Array(n);
  const callStack = new Int32Array(n);
  const edgeStack = new Int32Array(m);
  const edgeComponent = new Int32Array(m).fill(-1);
  const isArticulation = new Uint8Array(n);
  let time = 0;
  let count = 0;
  let ep = 0;

  for (let root = 0; root < n; root++) {
    if (disc[root] !== -1) continue;
    disc[root] = time;
    low[root] = time++;
    if (off[root] === off[root + 1]) continue; // isolated: no block
    parentEdge[root] = -1;
    cursor[root] = off[root] as number;
    let cp = 0;
    callStack[cp++] = root;
    let rootChildren = 0;
    while (cp > 0) {
      const v = callStack[cp - 1] as number;
      let p = cursor[v] as number;
      const end = off[v + 1] as number;
      const pe = parentEdge[v] as number;
      let descended = false;
      while (p < end) {
        const w = tgt[p] as number;
        const e = ids[p++] as number;
        if (e === pe) continue;
        const dw = disc[w] as number;
        if (dw === -1) {
          cursor[v] = p;
          edgeStack[ep++] = e;
          parentEdge[w] = e;
          disc[w] = time;
          low[w] = time++;
          cursor[w] = off[w] as number;
          callStack[cp++] = w;
          descended = true;
          break;
        }
        // A back edge to an ancestor; an edge to a descendant (dw > disc[v]) was already stacked from below.
        if (dw < (disc[v] as number)) {
          edgeStack[ep++] = e;
          if (dw < (low[v] as number)) low[v] = dw;
        }
      }
      if (descended) continue;
      cursor[v] = p;
      cp--;
      if (cp === 0) break; // v is the root
      const u = callStack[cp - 1] as number;
      const lv = low[v] as number;
      if (lv < (low[u] as number)) low[u] = lv;
      if (lv >= (disc[u] as number)) {
        // u separates v's subtree: the edges stacked since the tree edge u–v form one block.
        const b = count++;
        let e: number;
        do {
          e = edgeStack[--ep] as number;
          edgeComponent[e] = b;
        } while (e !== pe);
        if (u !== root) isArticulation[u] = 1;
        else rootChildren++;
      }
    }
    if (rootChildren >= 2) isArticulation[root] = 1;
  }

  // Nodes of each block, ascending: scan nodes in id order and list each node once per distinct incident block.
  const lastNode = new Int32Array(count).fill(-1);
  const blockOffsets = new Int32Array(count + 1);
  for (let v = 0; v < n; v++) {
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const b = edgeComponent[ids[p] as number] as number;
      if (lastNode[b] !== v) {
        lastNode[b] = v;
        blockOffsets[b + 1]!++;
      }
    }
  }
  for (let b = 0; b < count; b++) blockOffsets[b + 1] = (blockOffsets[b + 1] as number) + (blockOffsets[b] as number);
  const blockNodes = new Int32Array(blockOffsets[count] as number);
  const fill = blockOffsets.slice(0, count);
  lastNode.fill(-1);
  for (let v = 0; v < n; v++) {
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const b = edgeComponent[ids[p] as number] as number;
      if (lastNode[b] !== v) {
        lastNode[b] = v;
        blockNodes[fill[b]!++] = v;
      }
    }
  }
  let cuts = 0;
  for (let v = 0; v < n; v++) cuts += isArticulation[v] as number;
  const articulationPoints = new Int32Array(cuts);
  for (let v = 0, k = 0; v < n; v++) if (isArticulation[v]) articulationPoints[k++] = v;
  return { count, edgeComponent, articulationPoints, isArticulation, blockOffsets, blockNodes };
}
