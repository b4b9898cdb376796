/**
 * Breadth-first search over the CSR arrays with the visit-order buffer doubling as the FIFO queue, so one
 * search allocates nothing beyond its four result arrays (and `bfsInto` allocates nothing at all).
 */
import type { Graph } from '../core/graph.js';
import { checkGraph } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkInteger, checkOptions, type CheckSite } from '../errors/validate.js';
import { checkSources, directionTables, type TraversalDirection } from './direction.js';

export interface BfsOptions {
  /**
   * Directed graphs only: follow arcs forward (`'out'`), backward (`'in'`), or both ways (`'both'`, out-row
   * first, then in-row). Ignored for undirected graphs.
   * @default 'out'
   */
  direction?: TraversalDirection;
  /** Do not expand nodes at this distance: nodes farther from every source stay unreached. @default Infinity */
  maxDepth?: number;
}

/** Result of `bfs`, indexed by node id (except `order`). */
export interface BfsResult {
  /** Reached nodes in visit order (sources first, in the order given); its length is the number reached. */
  order: Int32Array;
  /** Number of edges on a shortest path from the nearest source, or -1 when unreached. */
  distance: Int32Array;
  /** Node from which each node was first reached; -1 for sources and unreached nodes. */
  parent: Int32Array;
  /** Edge (arc) id through which each node was first reached; -1 for sources and unreached nodes. */
  parentEdge: Int32Array;
}

/**
 * Caller-owned buffers for `bfsInto`, each of length `graph.order`. After a call, `order[0..count)` holds the
 * visit order; entries of `order` past `count` are scratch.
 */
export interface BfsWorkspace {
  order: Int32Array;
  distance: Int32Array;
  parent: Int32Array;
  parentEdge: Int32Array;
}

const DEFAULTS = Object.freeze({ direction: 'out' as TraversalDirection, maxDepth: Infinity });
const OPTION_KEYS = ['direction', 'maxDepth'] as const;

/** Allocates a `BfsWorkspace` for graphs with `order` nodes, to pass to `bfsInto` any number of times. */
export function createBfsWorkspace(order: number): BfsWorkspace {
  const n = checkInteger({ pkg: 'graph', fn: 'createBfsWorkspace' }, 'order', order, { min: 0, max: 0x7ffffffe });
  return { order: new Int32Array(n), distance: new Int32Array(n), parent: new Int32Array(n), parentEdge: new Int32Array(n) };
}

/**
 * Breadth-first search from one or several sources (a multi-source search: `distance` is to the nearest source).
 * Neighbours are visited in row order (ascending ids), so the result is deterministic; repeated sources are
 * visited once. Iterative: a 10^6-node path is fine. O(n + m) time and memory.
 *
 * Reference: E. F. Moore, "The shortest path through a maze" (1959); Cormen et al., *Introduction to
 * Algorithms*, 3rd ed., §22.2.
 */
export function bfs(graph: Graph, sources: number | ArrayLike<number>, options?: BfsOptions): BfsResult {
  const site = { pkg: 'graph', fn: 'bfs' };
  checkGraph(site, graph);
  const ws = createBfsWorkspace(graph.order);
  const count = run(site, ws, graph, sources, options);
  return { order: ws.order.slice(0, count), distance: ws.distance, parent: ws.parent, parentEdge: ws.parentEdge };
}

/**
 * `bfs` into caller-owned buffers (see `createBfsWorkspace`); allocates nothing. Every entry of `distance`,
 * `parent` and `parentEdge` is overwritten. Returns the number of reached nodes, which `out.order` lists first.
 * O(n + m); the O(n) reset dominates for searches that reach few nodes.
 */
export function bfsInto(
  out: BfsWorkspace,
  graph: Graph,
  sources: number | ArrayLike<number>,
  options?: BfsOptions,
): number {
  const site = { pkg: 'graph', fn: 'bfsInto' };
  checkGraph(site, graph);
  checkWorkspace(site, out, graph.order);
  return run(site, out, graph, sources, options);
}

function checkWorkspace(site: CheckSite, out: unknown, n: number): void {
  const ws = out as Partial<BfsWorkspace> | null;
  if (typeof ws !== 'object' || ws === null) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: out, rule: 'a BfsWorkspace (see createBfsWorkspace)' });
  }
  for (const key of ['order', 'distance', 'parent', 'parentEdge'] as const) {
    const a = ws[key];
    if (!(a instanceof Int32Array) || a.length !== n) {
      throw new InvalidArgumentError({ ...site, argument: `out.${key}`, value: a, rule: `an Int32Array of length ${n}` });
    }
  }
}

function run(
  site: CheckSite,
  ws: BfsWorkspace,
  graph: Graph,
  sources: number | ArrayLike<number>,
  options: BfsOptions | undefined,
): number {
  const opts = { ...DEFAULTS, ...checkOptions<BfsOptions>(site, options, OPTION_KEYS) };
  const { useOut, useIn } = directionTables(site, graph, opts.direction);
  const maxDepth = opts.maxDepth;
  if (maxDepth !== Infinity) checkInteger(site, 'options.maxDepth', maxDepth, { min: 0 });
  const src = checkSources(site, graph, sources, 'sources');
  return bfsKernel(graph, src, ws, useOut, useIn, maxDepth);
}

/** The search itself; trusts its inputs. */
function bfsKernel(
  graph: Graph,
  sources: number | ArrayLike<number>,
  ws: BfsWorkspace,
  useOut: boolean,
  useIn: boolean,
  maxDepth: number,
): number {
  const queue = ws.order;
  const distance = ws.distance;
  const parent = ws.parent;
  const parentEdge = ws.parentEdge;
  distance.fill(-1);
  parent.fill(-1);
  parentEdge.fill(-1);
  let tail = 0;
  if (typeof sources === 'number') {
    distance[sources] = 0;
    queue[tail++] = sources;
  } else {
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i] as number;
      if (distance[s] === -1) {
        distance[s] = 0;
        queue[tail++] = s;
      }
    }
  }
  const off = graph.offsets;
  const tgt = graph.targets;
  const ids = graph.edgeIds;
  const inOff = graph.inOffsets;
  const inSrc = graph.inSources;
  const inIds = graph.inEdgeIds;
  let head = 0;
  while (head < tail) {
    const v = queue[head++] as number;
    const dv = distance[v] as number;
    if (dv >= maxDepth) continue;
    const nd = dv + 1;
    if (useOut) {
      const end = off[v + 1] as number;
      for (let p = off[v] as number; p < end; p++) {
        const w = tgt[p] as number;
        if (distance[w] === -1) {
          distance[w] = nd;
          parent[w] = v;
          parentEdge[w] = ids[p] as number;
          queue[tail++] = w;
        }
      }
    }
    if (useIn) {
      const end = inOff[v + 1] as number;
      for (let p = inOff[v] as number; p < end; p++) {
        const w = inSrc[p] as number;
        if (distance[w] === -1) {
          distance[w] = nd;
          parent[w] = v;
          parentEdge[w] = inIds[p] as number;
          queue[tail++] = w;
        }
      }
    }
  }
  return tail;
}
