import { InvalidArgumentError, UnsupportedGraphError } from '../errors/errors.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { CheckSite } from '../errors/validate.js';
import type { Graph } from '../core/graph.js';

/** A leaf-removal (peeling) order of a forest. */
export interface LeafRemovalOrder {
  /** The non-excluded nodes in removal order: each has at most one not-yet-removed, non-excluded neighbour when removed. */
  order: Int32Array;
  /**
   * Per node: the non-excluded neighbour it still hangs on when removed (whose field absorbs its summed-out factor),
   * or −1 for a tree root (no remaining neighbour) and for excluded nodes.
   */
  parent: Int32Array;
}

/**
 * Leaf-removal order of the forest `graph − excluded`: repeatedly remove a node with at most one remaining
 * non-excluded neighbour. Leaves are processed first-in first-out, so the order lists the peeling levels from the
 * leaves down to the roots, as in the FVS-VAN effective-energy computation (F. Pan, P. Zhou, H.-J. Zhou, P. Zhang, "Solving statistical
 * mechanics on sparse graphs with feedback-set variational autoregressive networks", Phys. Rev. E 103 (2021)
 * 012103, appendix). Initial leaves are taken in ascending id. O(n + m), no recursion.
 *
 * Throws `UnsupportedGraphError` when the rest is not a forest; its `certificate` is the set of nodes left
 * unpeeled (a non-empty subgraph of minimum degree ≥ 2, which contains a cycle).
 */
export function leafRemovalOrder(graph: Graph, excluded?: Uint8Array): LeafRemovalOrder {
  const site = { pkg: 'graph', fn: 'leafRemovalOrder' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const ex = checkExcluded(site, graph, excluded);
  const n = graph.order;
  const parent = new Int32Array(n);
  const order = new Int32Array(n);
  const removed = peelLeaves(graph, ex, order, parent);
  let kept = 0;
  for (let v = 0; v < n; v++) if (ex === undefined || !ex[v]) kept++;
  if (removed !== kept) {
    const done = new Uint8Array(n);
    for (let i = 0; i < removed; i++) done[order[i] as number] = 1;
    const left: number[] = [];
    for (let v = 0; v < n; v++) if (!done[v] && (ex === undefined || !ex[v])) left.push(v);
    throw new UnsupportedGraphError({
      ...site,
      reason: `the graph minus the excluded nodes has a cycle (${left.length} nodes cannot be peeled, e.g. node ${left[0]})`,
      certificate: Int32Array.from(left),
      hint: 'Exclude a feedback vertex set, e.g. coreHdFeedbackVertexSet(graph).inSet.',
    });
  }
  return { order: order.slice(0, removed), parent };
}

/** @internal Validates an optional per-node exclusion mask. */
export function checkExcluded(site: CheckSite, graph: Graph, excluded: unknown, argument = 'excluded'): Uint8Array | undefined {
  if (excluded === undefined) return undefined;
  if (!(excluded instanceof Uint8Array) || excluded.length !== graph.order) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value: excluded,
      rule: `undefined or a Uint8Array of ${graph.order} flags (one per node)`,
    });
  }
  return excluded;
}

/**
 * @internal FIFO leaf peeling of `graph − excluded` (undirected). Writes the removal order into `order` and each
 * node's parent (−1 for roots and for excluded or unpeeled nodes) into `parent`; returns how many nodes were removed.
 * The rest (if any) is the 2-core of the non-excluded subgraph. Precondition: buffers of length `graph.order`.
 */
export function peelLeaves(graph: Graph, excluded: Uint8Array | undefined, order: Int32Array, parent: Int32Array): number {
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  // gone[v]: excluded or already removed.
  const gone = new Uint8Array(n);
  const deg = new Int32Array(n);
  parent.fill(-1);
  if (excluded !== undefined) for (let v = 0; v < n; v++) gone[v] = excluded[v] ? 1 : 0;
  let tail = 0;
  for (let v = 0; v < n; v++) {
    if (gone[v]) continue;
    let d = 0;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) if (!gone[tgt[p] as number]) d++;
    deg[v] = d;
    if (d <= 1) order[tail++] = v; // the queue is the front of `order` itself
  }
  let head = 0;
  while (head < tail) {
    const v = order[head++] as number;
    gone[v] = 1;
    if (deg[v] === 0) continue; // a root
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      if (gone[u]) continue;
      parent[v] = u;
      const d = (deg[u] as number) - 1;
      deg[u] = d;
      if (d === 1) order[tail++] = u;
      break; // exactly one remaining neighbour
    }
    deg[v] = 0;
  }
  return tail;
}
