import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkBoolean, checkOptions } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_DIRECTED_SIZE, MAX_UNDIRECTED_SIZE, assembleSimpleDirected, assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';
import { createPairSet, pairSetAdd } from './internal/pair-set.js';

export interface ErdosRenyiGnmOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
  /** Directed G(n, m): m distinct arcs among the n(n − 1) ordered pairs. @default false */
  directed?: boolean;
}

const DEFAULTS = Object.freeze({ directed: false });

/**
 * The Erdős–Rényi random graph G(n, m): uniform over all simple graphs (digraphs when directed) on n labelled nodes
 * with exactly m edges. When m ≤ half of the N possible pairs, pairs are drawn uniformly and repeats rejected (a hash
 * set; at most 2 expected draws per edge), so edge ids follow the random draw order. Otherwise the N − m missing
 * pairs are drawn the same way (a bitset over pair indices, N < 2m) and the rest listed in order (edge ids in
 * lexicographic (u, v) order). O(n + m) expected time either way.
 * Reference: P. Erdős, A. Rényi, "On random graphs I", Publ. Math. Debrecen 6, 1959; the complement trick as in
 * Batagelj & Brandes, Phys. Rev. E 71, 036113 (2005).
 */
export function erdosRenyiGnm(n: number, m: number, options: ErdosRenyiGnmOptions): Graph {
  const site = { pkg: 'graph', fn: 'erdosRenyiGnm' };
  const opts = { ...DEFAULTS, ...checkOptions<ErdosRenyiGnmOptions>(site, options, ['rng', 'directed']) };
  checkNodeCount(site, 'n', n);
  const rng = checkRng(site, opts.rng);
  const directed = checkBoolean(site, 'options.directed', opts.directed);
  const pairs = directed ? n * (n - 1) : (n * (n - 1)) / 2;
  const maxSize = directed ? MAX_DIRECTED_SIZE : MAX_UNDIRECTED_SIZE;
  if (!(typeof m === 'number' && Number.isInteger(m) && m >= 0 && m <= pairs && m <= maxSize)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'm',
      value: m,
      rule: `an integer in [0, ${Math.min(pairs, maxSize)}] (${directed ? 'n(n − 1)' : 'n(n − 1)/2'} = ${pairs} possible ${directed ? 'arcs' : 'edges'})`,
    });
  }
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  if (2 * m <= pairs) {
    const seen = createPairSet(m);
    let e = 0;
    while (e < m) {
      let u = rng.int(n);
      let v = rng.int(n);
      if (u === v) continue;
      if (!directed && u > v) {
        const t = u;
        u = v;
        v = t;
      }
      if (!pairSetAdd(seen, u, v)) continue;
      sources[e] = u;
      targets[e] = v;
      e++;
    }
  } else {
    // pairs < 2m ≤ 2^31: a bitset over pair indices (lexicographic order) marks the pairs left out.
    const missing = new Uint32Array(Math.ceil(pairs / 32));
    let left = pairs - m;
    while (left > 0) {
      const k = rng.int(pairs);
      const bit = 1 << (k & 31);
      const word = missing[k >>> 5] as number;
      if (word & bit) continue;
      missing[k >>> 5] = word | bit;
      left--;
    }
    let k = 0;
    let e = 0;
    for (let u = 0; u < n; u++) {
      for (let v = directed ? 0 : u + 1; v < n; v++) {
        if (v === u) continue;
        if (!(((missing[k >>> 5] as number) >>> (k & 31)) & 1)) {
          sources[e] = u;
          targets[e] = v;
          e++;
        }
        k++;
      }
    }
  }
  return directed ? assembleSimpleDirected(n, sources, targets) : assembleSimpleUndirected(n, sources, targets);
}
