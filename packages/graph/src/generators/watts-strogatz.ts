import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions, checkProbability } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_UNDIRECTED_SIZE, assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';
import { createPairSet, pairSetAdd, pairSetDelete, pairSetHas } from './internal/pair-set.js';

export interface WattsStrogatzOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
}

/**
 * The Watts–Strogatz small-world graph (D. J. Watts, S. H. Strogatz, "Collective dynamics of 'small-world'
 * networks", Nature 393, 440–442, 1998), as networkx's `watts_strogatz_graph(n, k, beta)`: start from the ring
 * lattice joining each node u to u ± 1, …, u ± k/2 (mod n); then, for j = 1..k/2 and u = 0..n−1 in that order, with
 * probability beta replace the edge u–(u + j) by u–w, w uniform among nodes that are neither u nor already adjacent
 * to u (skipped when u is adjacent to every node). The graph stays simple with exactly n·k/2 edges; edge id
 * (j − 1)·n + u is the edge that started as u–(u + j). beta = 0 gives the ring lattice and draws n·k/2 numbers.
 *
 * Requires k even with 0 ≤ k ≤ n − 1. O(n·k) expected (a rewiring draws n/(n − 1 − deg u) candidates on average).
 */
export function wattsStrogatz(n: number, k: number, beta: number, options: WattsStrogatzOptions): Graph {
  const site = { pkg: 'graph', fn: 'wattsStrogatz' };
  const opts = checkOptions<WattsStrogatzOptions>(site, options, ['rng']);
  checkNodeCount(site, 'n', n);
  if (!(typeof k === 'number' && Number.isInteger(k) && k >= 0 && k <= Math.max(0, n - 1) && k % 2 === 0)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'k',
      value: k,
      rule: `an even integer in [0, ${Math.max(0, n - 1)}] (each node's ring-lattice degree, below n = ${n})`,
    });
  }
  checkProbability(site, 'beta', beta);
  const rng = checkRng(site, opts.rng);
  const half = k / 2;
  const m = n * half;
  if (m > MAX_UNDIRECTED_SIZE) {
    throw new InvalidArgumentError({ ...site, argument: 'k', value: k, rule: `such that n·k/2 ≤ ${MAX_UNDIRECTED_SIZE}` });
  }
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  const present = createPairSet(m);
  const deg = new Int32Array(n).fill(k);
  for (let j = 1, e = 0; j <= half; j++) {
    for (let u = 0; u < n; u++, e++) {
      const v = (u + j) % n;
      sources[e] = u;
      targets[e] = v;
      pairSetAdd(present, u < v ? u : v, u < v ? v : u);
    }
  }
  for (let e = 0; e < m; e++) {
    if (!(rng.float64() < beta)) continue;
    const u = sources[e] as number;
    if ((deg[u] as number) >= n - 1) continue;
    let w = rng.int(n);
    while (w === u || pairSetHas(present, u < w ? u : w, u < w ? w : u)) w = rng.int(n);
    const v = targets[e] as number;
    pairSetDelete(present, u < v ? u : v, u < v ? v : u);
    pairSetAdd(present, u < w ? u : w, u < w ? w : u);
    deg[v]!--;
    deg[w]!++;
    targets[e] = w;
  }
  for (let e = 0; e < m; e++) {
    const u = sources[e] as number;
    const v = targets[e] as number;
    if (u > v) {
      sources[e] = v;
      targets[e] = u;
    }
  }
  return assembleSimpleUndirected(n, sources, targets);
}
