/**
 * Sequential greedy colouring: visit the nodes in some order and give each the smallest colour not used by its
 * already coloured neighbours (Welsh & Powell 1967; smallest-last order after Matula & Beck 1983).
 */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOneOf, checkOptions } from '../errors/validate.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import { checkRng, shuffleInPlace, type Rng } from '../random/rng.js';

/** The order in which `greedyColouring` visits nodes. */
export type GreedyColouringStrategy = 'natural' | 'largest-first' | 'smallest-last' | 'random';

export interface GreedyColouringOptions {
  /**
   * Visiting order: `'natural'` (0, 1, …, n−1); `'largest-first'` (decreasing degree, ties by smaller id, Welsh–Powell);
   * `'smallest-last'` (reverse of a degeneracy order: repeatedly remove a node of minimum remaining degree; uses at
   * most degeneracy + 1 colours); `'random'` (a uniform permutation drawn from `rng`).
   * @default 'largest-first'
   */
  strategy?: GreedyColouringStrategy;
  /** Random source; required by `'random'` and rejected by the other strategies. @default undefined */
  rng?: Rng;
}

/** A colouring: `colours[v]` in `0..count-1` for every node v. */
export interface Colouring {
  colours: Int32Array;
  /** Number of colours used (0 for the empty graph). */
  count: number;
}

const DEFAULTS = Object.freeze({ strategy: 'largest-first' as GreedyColouringStrategy });
const STRATEGIES: readonly GreedyColouringStrategy[] = ['natural', 'largest-first', 'smallest-last', 'random'];

/**
 * Greedy proper colouring of an undirected graph. Each node, in the order chosen by `options.strategy`, takes the
 * smallest colour unused by its already coloured neighbours, so at most `maxDegree + 1` colours are used
 * (`degeneracy + 1` with `'smallest-last'`). O(n + m) time (one reusable stamp array marks forbidden colours;
 * the smallest-last order comes from a bucket queue).
 *
 * With `'natural'` and `'largest-first'` the result equals networkx `greedy_color` with the identity order and with
 * `strategy='largest_first'` on a graph whose nodes were inserted as 0..n−1.
 *
 * References: D. J. A. Welsh, M. B. Powell, Comput. J. 10 (1967) 85–86; D. W. Matula, L. L. Beck, J. ACM 30 (1983) 417–427.
 */
export function greedyColouring(graph: Graph, options?: GreedyColouringOptions): Colouring {
  const site = { pkg: 'graph', fn: 'greedyColouring' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<GreedyColouringOptions>(site, options, ['strategy', 'rng']) };
  const strategy = checkOneOf(site, 'options.strategy', opts.strategy, STRATEGIES);
  let order: Int32Array;
  if (strategy === 'random') {
    const rng = checkRng(site, opts.rng);
    order = identity(graph.order);
    shuffleInPlace(order, rng);
  } else {
    if (opts.rng !== undefined) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.rng',
        value: opts.rng,
        rule: `undefined with strategy '${strategy}'`,
        hint: "Only strategy 'random' draws random numbers.",
      });
    }
    if (strategy === 'natural') order = identity(graph.order);
    else if (strategy === 'largest-first') order = largestFirstOrder(graph);
    else order = smallestLastOrder(graph);
  }
  const colours = new Int32Array(graph.order);
  const count = colourInOrder(graph, order, colours);
  return { colours, count };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/**
 * @internal Greedy assignment along `order` (a permutation of the nodes); writes `colours`, returns the count.
 * A colour ≤ deg(v) is always free for v, so the stamp array needs maxDegree + 1 slots.
 */
export function colourInOrder(graph: Graph, order: Int32Array, colours: Int32Array): number {
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  colours.fill(-1);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) maxDeg = Math.max(maxDeg, (off[v + 1] as number) - (off[v] as number));
  // stamp[c] === i + 1 means colour c is taken by a neighbour of the i-th visited node: no clearing between nodes.
  const stamp = new Int32Array(maxDeg + 1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i] as number;
    const mark = i + 1;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const c = colours[tgt[p] as number] as number;
      if (c >= 0 && c <= maxDeg) stamp[c] = mark;
    }
    let c = 0;
    while (stamp[c] === mark) c++;
    colours[v] = c;
    if (c >= count) count = c + 1;
  }
  return count;
}

/** Decreasing degree, ties by increasing id: a stable counting sort (matches Python's stable `sorted(reverse=True)`). */
function largestFirstOrder(graph: Graph): Int32Array {
  const n = graph.order;
  const off = graph.offsets;
  let maxDeg = 0;
  for (let v = 0; v < n; v++) maxDeg = Math.max(maxDeg, (off[v + 1] as number) - (off[v] as number));
  // start[k] = first slot of degree maxDeg − k.
  const start = new Int32Array(maxDeg + 2);
  for (let v = 0; v < n; v++) start[maxDeg - ((off[v + 1] as number) - (off[v] as number)) + 1]!++;
  for (let k = 0; k <= maxDeg; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const order = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const k = maxDeg - ((off[v + 1] as number) - (off[v] as number));
    order[start[k]!++] = v;
  }
  return order;
}

/**
 * @internal Smallest-last order (Matula & Beck): repeatedly remove a node of minimum degree in the remaining graph;
 * the order is the reverse of the removals. Degree buckets are doubly linked lists; the minimum pointer drops by
 * at most one per removal, so the total work is O(n + m). Ties: the most recently bucketed node.
 */
export function smallestLastOrder(graph: Graph): Int32Array {
  const n = graph.order;
  const off = graph.offsets;
  const tgt = graph.targets;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    deg[v] = (off[v + 1] as number) - (off[v] as number);
    if ((deg[v] as number) > maxDeg) maxDeg = deg[v] as number;
  }
  const head = new Int32Array(maxDeg + 1).fill(-1);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const removed = new Uint8Array(n);
  // Push in decreasing id so each bucket lists ids ascending (deterministic, smallest id first).
  for (let v = n - 1; v >= 0; v--) pushBucket(head, next, prev, deg[v] as number, v);
  const order = new Int32Array(n);
  let min = 0;
  for (let k = n - 1; k >= 0; k--) {
    while ((head[min] as number) < 0) min++;
    const v = head[min] as number;
    unlinkBucket(head, next, prev, min, v);
    removed[v] = 1;
    order[k] = v;
    const end = off[v + 1] as number;
    for (let p = off[v] as number; p < end; p++) {
      const u = tgt[p] as number;
      if (removed[u]) continue;
      const d = deg[u] as number;
      unlinkBucket(head, next, prev, d, u);
      deg[u] = d - 1;
      pushBucket(head, next, prev, d - 1, u);
    }
    if (min > 0) min--;
  }
  return order;
}

function pushBucket(head: Int32Array, next: Int32Array, prev: Int32Array, d: number, v: number): void {
  const h = head[d] as number;
  next[v] = h;
  prev[v] = -1;
  if (h >= 0) prev[h] = v;
  head[d] = v;
}

function unlinkBucket(head: Int32Array, next: Int32Array, prev: Int32Array, d: number, v: number): void {
  const p = prev[v] as number;
  const q = next[v] as number;
  if (p >= 0) next[p] = q;
  else head[d] = q;
  if (q >= 0) prev[q] = p;
}
