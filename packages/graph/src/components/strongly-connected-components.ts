/**
 * Strongly connected components by Tarjan's algorithm, made iterative: a call stack of nodes with a cursor into
 * each node's out-row replaces recursion, and "on the component stack" is read off the arrays (visited and not
 * yet assigned) instead of a separate flag.
 */
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import type { ConnectedComponentsResult } from './connected-components.js';

/** Strongly connected components, numbered in a topological order of the condensation. */
export type StronglyConnectedComponentsResult = ConnectedComponentsResult;

/**
 * Strongly connected components of a directed graph. Components are numbered in a topological order of the
 * condensation: every arc u → v has `component[u] <= component[v]` (so component 0 has no arc entering it from
 * another component). Undirected graphs are rejected: use `connectedComponents`. O(n + m) time, O(n) memory.
 *
 * Reference: R. E. Tarjan, "Depth-first search and linear graph algorithms", SIAM J. Comput. 1(2), 1972.
 */
export function stronglyConnectedComponents(graph: Graph): StronglyConnectedComponentsResult {
  const site = { pkg: 'graph', fn: 'stronglyConnectedComponents' };
  checkGraph(site, graph);
  if (!graph.directed) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'graph',
      value: 'an undirected graph',
      rule: 'a directed graph',
      hint: 'The strong components of an undirected graph are its connected components: use connectedComponents(graph).',
    });
  }
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const index = new Int32Array(n).fill(-1); // discovery time, -1 = unvisited
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1); // -1 while unassigned: visited and unassigned = on the stack
  const sccStack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const cursor = new Int32Array(n);
  const sizes = new Int32Array(n);
  let time = 0;
  let sp = 0;
  let count = 0;

  for (let r = 0; r < n; r++) {
    if (index[r] !== -1) continue;
    index[r] = time;
    low[r] = time++;
    sccStack[sp++] = r;
    cursor[r] = off[r] as number;
    let cp = 0;
    callStack[cp++] = r;
    while (cp > 0) {
      const v = callStack[cp - 1] as number;
      let p = cursor[v] as number;
      const end = off[v + 1] as number;
      let descended = false;
      while (p < end) {
        const w = tgt[p++] as number;
        const iw = index[w] as number;
        if (iw === -1) {
          cursor[v] = p;
          index[w] = time;
          low[w] = time++;
          sccStack[sp++] = w;
          cursor[w] = off[w] as number;
          callStack[cp++] = w;
          descended = true;
          break;
        }
        if (component[w] === -1 && iw < (low[v] as number)) low[v] = iw;
      }
      if (descended) continue;
      cursor[v] = p;
      cp--;
      const lv = low[v] as number;
      if (lv === index[v]) {
        // v is the root of a component: everything above it on the stack belongs to it.
        const c = count++;
        let w: number;
        do {
          w = sccStack[--sp] as number;
          component[w] = c;
        } while (w !== v);
      }
      if (cp > 0) {
        const u = callStack[cp - 1] as number;
        if (lv < (low[u] as number)) low[u] = lv;
      }
    }
  }
  // Tarjan completes components in reverse topological order; flip the ids so arcs go from lower to higher ids.
  for (let v = 0; v < n; v++) {
    const c = count - 1 - (component[v] as number);
    component[v] = c;
    sizes[c]!++;
  }
  return { count, component, sizes: sizes.slice(0, count) };
}
