import type { Graph } from '../core/graph.js';
import { checkOptions } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';

export interface RandomTreeOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
}

/**
 * A uniformly random labelled tree on n nodes (each of the n^(n−2) trees equally likely): a uniform random Prüfer
 * sequence of length n − 2 (H. Prüfer, "Neuer Beweis eines Satzes über Permutationen", Arch. Math. Phys. 27, 1918)
 * decoded in linear time by the pointer-scan method (X. Wang, L. Wang, Y. Wu, "An optimal algorithm for Prufer codes",
 * J. Software Engineering and Applications 2, 2009). n ≤ 2 draws nothing. Edge ids follow decoding order.
 *
 * O(n) time and memory.
 */
export function randomTree(n: number, options: RandomTreeOptions): Graph {
  const site = { pkg: 'graph', fn: 'randomTree' };
  const opts = checkOptions<RandomTreeOptions>(site, options, ['rng']);
  checkNodeCount(site, 'n', n);
  const rng = checkRng(site, opts.rng);
  const size = Math.max(0, n - 1);
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  if (n >= 2) {
    const code = new Int32Array(n - 2);
    const degree = new Int32Array(n).fill(1);
    for (let i = 0; i < n - 2; i++) {
      const x = rng.int(n);
      code[i] = x;
      degree[x]!++;
    }
    // `ptr` scans for the smallest leaf once; a node that becomes a leaf below `ptr` is used immediately.
    let ptr = 0;
    while (degree[ptr] !== 1) ptr++;
    let leaf = ptr;
    let e = 0;
    for (let i = 0; i < n - 2; i++) {
      const x = code[i] as number;
      sources[e] = leaf < x ? leaf : x;
      targets[e] = leaf < x ? x : leaf;
      e++;
      if (--degree[x]! === 1 && x < ptr) {
        leaf = x;
      } else {
        ptr++;
        while (degree[ptr] !== 1) ptr++;
        leaf = ptr;
      }
    }
    sources[e] = leaf < n - 1 ? leaf : n - 1;
    targets[e] = leaf < n - 1 ? n - 1 : leaf;
  }
  return assembleSimpleUndirected(n, sources, targets);
}
