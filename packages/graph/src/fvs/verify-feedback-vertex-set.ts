import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions } from '../errors/validate.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { closingEdge } from './is-forest.js';

export interface VerifyFeedbackVertexSetOptions {
  /** A claimed leaf-removal order of the non-members (as `coreHdFeedbackVertexSet` returns). @default undefined */
  forestOrder?: ArrayLike<number>;
  /** Claimed parent of each node when peeled (−1 for roots and members); requires `forestOrder`. @default undefined */
  forestParent?: ArrayLike<number>;
}

export interface VerifyFeedbackVertexSetResult {
  /** True when every check passed. */
  valid: boolean;
  /** What failed first, when `valid` is false. */
  reason?: string;
}

/**
 * Checks a feedback vertex set certificate: `nodes` are distinct node ids and the graph minus them has no cycle
 * (union–find). With `forestOrder` it also checks that the order lists every non-member exactly once and that each
 * node has at most one not-yet-removed non-member neighbour when removed; with `forestParent`, that this neighbour
 * (or −1) is the recorded parent and that members have parent −1. A bad certificate gives `{ valid: false, reason }`;
 * only malformed arguments throw. O(n + m α(n)).
 */
export function verifyFeedbackVertexSet(
  graph: Graph,
  nodes: ArrayLike<number>,
  options?: VerifyFeedbackVertexSetOptions,
): VerifyFeedbackVertexSetResult {
  const site = { pkg: 'graph', fn: 'verifyFeedbackVertexSet' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = checkOptions<VerifyFeedbackVertexSetOptions>(site, options, ['forestOrder', 'forestParent']);
  if (!isArrayLike(nodes)) {
    throw new InvalidArgumentError({ ...site, argument: 'nodes', value: nodes, rule: 'an array of node ids' });
  }
  const { forestOrder, forestParent } = opts;
  if (forestOrder !== undefined && !isArrayLike(forestOrder)) {
    throw new InvalidArgumentError({ ...site, argument: 'options.forestOrder', value: forestOrder, rule: 'an array of node ids' });
  }
  if (forestParent !== undefined) {
    if (forestOrder === undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.forestParent',
        value: forestParent,
        rule: 'undefined when options.forestOrder is not given',
      });
    }
    if (!isArrayLike(forestParent) || forestParent.length !== graph.order) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.forestParent',
        value: forestParent,
        rule: `an array of ${graph.order} node ids or -1`,
      });
    }
  }
  const n = graph.order;
  const inSet = new Uint8Array(n);
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < n)) return fail(`nodes[${i}] = ${v} is not a node id in [0, ${n})`);
    if (inSet[v]) return fail(`node ${v} is listed twice`);
    inSet[v] = 1;
  }
  const e = closingEdge(graph, inSet);
  if (e >= 0) {
    return fail(`edge ${e} (${graph.edgeSources[e]}-${graph.edgeTargets[e]}) closes a cycle in the graph minus the set`);
  }
  if (forestOrder === undefined) return { valid: true };

  const members = nodes.length;
  if (forestOrder.length !== n - members) {
    return fail(`forestOrder has ${forestOrder.length} entries, expected ${n - members} (the non-members)`);
  }
  const off = graph.offsets;
  const tgt = graph.targets;
  // gone[v]: a member, or removed earlier in the order.
  const gone = inSet.slice();
  for (let i = 0; i < forestOrder.length; i++) {
    const v = forestOrder[i] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < n)) return fail(`forestOrder[${i}] = ${v} is not a node id in [0, ${n})`);
    if (inSet[v]) return fail(`forestOrder[${i}] = ${v} is a member of the set`);
    if (gone[v]) return fail(`forestOrder[${i}] = ${v} repeats an earlier entry`);
    let hang = -1;
    let remaining = 0;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      if (gone[u]) continue;
      remaining++;
      hang = u;
    }
    if (remaining > 1) return fail(`forestOrder[${i}] = ${v} still has ${remaining} non-member neighbours when removed`);
    if (forestParent !== undefined && forestParent[v] !== hang) {
      return fail(`forestParent[${v}] = ${forestParent[v]}, expected ${hang} (its remaining neighbour when removed)`);
    }
    gone[v] = 1;
  }
  if (forestParent !== undefined) {
    for (let v = 0; v < n; v++) {
      if (inSet[v] && forestParent[v] !== -1) return fail(`forestParent[${v}] = ${forestParent[v]}, expected -1 for a member`);
    }
  }
  return { valid: true };
}

function fail(reason: string): VerifyFeedbackVertexSetResult {
  return { valid: false, reason };
}

function isArrayLike(value: unknown): value is ArrayLike<number> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}
