/** CoreHD feedback vertex set (Zdeborová, Zhang & Zhou 2016) with greedy reinsertion and the forest's peeling order. */
import { checkBoolean, checkOptions } from '../errors/validate.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { IndexedMaxHeap } from '../internal/indexed-heap.js';
import { checkRng, shuffleInPlace, type Rng } from '../random/rng.js';
import { peelLeaves } from './leaf-removal-order.js';
import { createUnionFind, findRoot, unite } from './union-find.js';

export interface CoreHdOptions {
  /**
   * Greedy reinsertion after CoreHD: visit the removed nodes in reverse removal order and put each back into the
   * forest when its forest neighbours lie in pairwise different trees (checked with union–find), i.e. when it closes
   * no cycle. The set can only shrink, stays a feedback vertex set, and ends minimal (no member can be dropped).
   * @default true
   */
  refine?: boolean;
  /**
   * Breaks ties between nodes of equal 2-core degree at random (one uniform priority permutation drawn up front).
   * Without it ties go to the smallest node id and the result is deterministic.
   * @default undefined
   */
  rng?: Rng;
}

export interface FeedbackVertexSet {
  /** The feedback vertex set, ascending. */
  nodes: Int32Array;
  /** `inSet[v]` is 1 for members, 0 otherwise. */
  inSet: Uint8Array;
  /**
   * Leaf-removal order of all non-members: each node, when removed, has at most one remaining non-member neighbour.
   * FIFO by peeling level (leaves first, roots last), as `leafRemovalOrder` gives.
   */
  forestOrder: Int32Array;
  /**
   * Per node: the non-member neighbour it hangs on when removed (the node whose field absorbs its summed-out
   * factor), or −1 for a tree root and for members.
   */
  forestParent: Int32Array;
}

const DEFAULTS = Object.freeze({ refine: true });
const ALIVE = 0;
const PEELED = 1;
const REMOVED = 2;

/**
 * A small feedback vertex set by CoreHD: reduce the graph to its 2-core (repeatedly delete nodes of degree ≤ 1),
 * delete a node of highest degree in the 2-core (ties: smallest id, or random with `rng`), and repeat until the
 * 2-core is empty; the deleted high-degree nodes form the set. Then (by default) the greedy reinsertion described
 * under `refine`. Finally the rest of the graph, a forest, is peeled leaf by leaf to give `forestOrder` and
 * `forestParent`, the order in which FVS-VAN sums out non-FVS spins.
 *
 * O((n + m) log n): an indexed binary max-heap keyed by (2-core degree, tie priority) with decrease-key; the
 * reinsertion and the peeling are O(m α(n)) and O(n + m). No recursion.
 *
 * References: L. Zdeborová, P. Zhang, H.-J. Zhou, "Fast and simple decycling and dismantling of networks",
 * Sci. Rep. 6 (2016) 37954; F. Pan, P. Zhou, H.-J. Zhou, P. Zhang, Phys. Rev. E 103 (2021) 012103 (FVS-VAN).
 */
export function coreHdFeedbackVertexSet(graph: Graph, options?: CoreHdOptions): FeedbackVertexSet {
  const site = { pkg: 'graph', fn: 'coreHdFeedbackVertexSet' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<CoreHdOptions>(site, options, ['refine', 'rng']) };
  const refine = checkBoolean(site, 'options.refine', opts.refine);
  const rng = opts.rng === undefined ? undefined : checkRng(site, opts.rng);

  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  // Tie priority: smaller wins. Node id, or a random permutation's rank.
  const tie = new Int32Array(n);
  for (let v = 0; v < n; v++) tie[v] = v;
  if (rng !== undefined) shuffleInPlace(tie, rng);

  const deg = new Int32Array(n);
  for (let v = 0; v < n; v++) deg[v] = (off[v + 1] as number) - (off[v] as number);
  const state = new Uint8Array(n);

  // Alive nodes by degree, ties by priority.
  const heap = new IndexedMaxHeap(n, (a: number, b: number): boolean => {
    const da = deg[a] as number;
    const db = deg[b] as number;
    return da !== db ? da > db : (tie[a] as number) < (tie[b] as number);
  });

  // Pruning queue (nodes whose degree fell to ≤ 1), each enqueued once.
  const queue = new Int32Array(n);
  let qHead = 0;
  let qTail = 0;
  for (let v = 0; v < n; v++) if ((deg[v] as number) <= 1) queue[qTail++] = v;
  const removal = new Int32Array(n); // removal order of the set's nodes
  let removedCount = 0;
  /** Deletes v from the alive subgraph: neighbours lose a degree, and join the queue on reaching 1. */
  const detach = (v: number): void => {
    heap.remove(v);
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      if (state[u] !== ALIVE) continue;
      const d = (deg[u] as number) - 1;
      deg[u] = d;
      heap.decreased(u);
      if (d === 1) queue[qTail++] = u;
    }
  };
  for (;;) {
    while (qHead < qTail) {
      const v = queue[qHead++] as number;
      state[v] = PEELED;
      detach(v);
    }
    if (heap.size === 0) break;
    const v = heap.top(); // highest degree in the 2-core
    state[v] = REMOVED;
    removal[removedCount++] = v;
    detach(v);
  }

  const inSet = new Uint8Array(n);
  for (let i = 0; i < removedCount; i++) inSet[removal[i] as number] = 1;

  if (refine && removedCount > 0) {
    const uf = createUnionFind(n);
    for (let e = 0; e < graph.size; e++) {
      const a = graph.edgeSources[e] as number;
      const b = graph.edgeTargets[e] as number;
      if (!inSet[a] && !inSet[b]) unite(uf, a, b);
    }
    // seen[root] === i + 1: a forest neighbour of the i-th candidate already lies in that tree.
    const seen = new Int32Array(n);
    for (let i = removedCount - 1; i >= 0; i--) {
      const v = removal[i] as number;
      const mark = i + 1;
      let ok = true;
      const end = off[v + 1] as number;
      for (let p = off[v] as number; p < end; p++) {
        const u = tgt[p] as number;
        if (inSet[u]) continue;
        const r = findRoot(uf, u);
        if (seen[r] === mark) {
          ok = false;
          break;
        }
        seen[r] = mark;
      }
      if (!ok) continue;
      inSet[v] = 0;
      for (let p = off[v] as number; p < end; p++) {
        const u = tgt[p] as number;
        if (!inSet[u]) unite(uf, v, u);
      }
    }
  }

  let size = 0;
  for (let v = 0; v < n; v++) size += inSet[v] as number;
  const nodes = new Int32Array(size);
  for (let v = 0, k = 0; v < n; v++) if (inSet[v]) nodes[k++] = v;

  const order = new Int32Array(n);
  const forestParent = new Int32Array(n);
  const peeled = peelLeaves(graph, inSet, order, forestParent);
  if (peeled !== n - size) {
    // Unreachable: CoreHD empties the 2-core and reinsertion never closes a cycle.
    throw new Error(`coreHdFeedbackVertexSet: internal error, ${n - size - peeled} nodes left on cycles`);
  }
  return { nodes, inSet, forestOrder: order.slice(0, peeled), forestParent };
}
