/** Which arcs a traversal of a directed graph follows; shared by bfs and dfs (not re-exported as a value). */
import { checkOneOf, type CheckSite } from '../errors/validate.js';
import type { Graph } from '../core/graph.js';
import { checkNode } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';

/**
 * Arcs to follow in a directed graph: forward (`'out'`, u → v), backward (`'in'`, v ← u) or both (`'both'`,
 * the underlying undirected graph). Undirected graphs have one adjacency, so every direction means the same.
 */
export type TraversalDirection = 'out' | 'in' | 'both';

export const DIRECTIONS: readonly TraversalDirection[] = Object.freeze(['out', 'in', 'both'] as const);

/** Validates `direction` and says which adjacency tables (out-rows, in-rows) to scan. */
export function directionTables(
  site: CheckSite,
  graph: Graph,
  direction: unknown,
): { useOut: boolean; useIn: boolean } {
  const d = checkOneOf(site, 'options.direction', direction, DIRECTIONS);
  if (!graph.directed) return { useOut: true, useIn: false };
  return { useOut: d !== 'in', useIn: d !== 'out' };
}

/** Validates a source argument (one node id or an array-like of node ids); returns it unchanged. */
export function checkSources(
  site: CheckSite,
  graph: Graph,
  sources: unknown,
  argument: string,
): number | ArrayLike<number> {
  if (typeof sources === 'number') return checkNode(site, graph, sources, argument);
  const s = sources as ArrayLike<unknown> | null;
  if (typeof s !== 'object' || s === null || typeof s.length !== 'number' || !Number.isInteger(s.length)) {
    throw new InvalidArgumentError({
      ...site,
      argument,
      value: sources,
      rule: `a node id in [0, ${graph.order}) or an array of such ids`,
    });
  }
  for (let i = 0; i < s.length; i++) checkNode(site, graph, s[i], `${argument}[${i}]`);
  return s as ArrayLike<number>;
}
