import type { Graph } from '../core/graph.js';
import { ConvergenceError, InvalidArgumentError } from '../errors/errors.js';
import { checkOptions } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_UNDIRECTED_SIZE, assembleSimpleUndirected } from './internal/assemble.js';
import { checkNodeCount } from './internal/checks.js';
import { createPairSet, pairSetAdd, pairSetHas, type PairSet } from './internal/pair-set.js';

export interface RandomRegularGraphOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
}

/** Restarts before giving up; a restart has probability well below 1/2 for every valid (n, d), so this never binds. */
const MAX_ATTEMPTS = 10000;
/** Consecutive rejected draws before the remaining points are examined directly (stuck detection). */
const FAILURE_STREAK = 64;
/** Examine remaining points directly only when at most this many distinct nodes remain (O(k²) pairs). */
const MAX_ENUMERATED_NODES = 4096;

/**
 * A random simple d-regular graph on n nodes by the Steger–Wormald algorithm (A. Steger, N. C. Wormald, "Generating
 * random regular graphs quickly", Combin. Probab. Comput. 8, 377–396, 1999): the pairing model where, instead of
 * rejecting a whole pairing that makes a loop or a repeated edge, each step pairs two points chosen uniformly among
 * the *suitable* pairs (different nodes, not yet adjacent), restarting only if no suitable pair is left.
 *
 * Distribution: not exactly uniform. It is asymptotically uniform (total variation → 0 as n → ∞) for
 * d = o(n^{1/28}) (Steger–Wormald) and for d ≪ n^{1/3 − ε} (J. H. Kim, V. H. Vu, "Generating random regular graphs",
 * STOC 2003); small graphs show a visible bias (for n = 6, d = 2 the two-triangle graphs are over-represented).
 * For d > (n − 1)/2 it samples the (n − 1 − d)-regular complement and complements it (same distribution up to
 * complementation), keeping the work O(n·d).
 *
 * Expected time O(n·d) for bounded d (O(n·d) hash operations plus rare restarts). Edge ids follow pairing order.
 * Requires n·d even and 0 ≤ d ≤ n − 1.
 */
export function randomRegularGraph(n: number, d: number, options: RandomRegularGraphOptions): Graph {
  const site = { pkg: 'graph', fn: 'randomRegularGraph' };
  const opts = checkOptions<RandomRegularGraphOptions>(site, options, ['rng']);
  checkNodeCount(site, 'n', n);
  const rng = checkRng(site, opts.rng);
  if (!(typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= Math.max(0, n - 1))) {
    throw new InvalidArgumentError({ ...site, argument: 'd', value: d, rule: `an integer in [0, ${Math.max(0, n - 1)}] (below n = ${n})` });
  }
  if ((n * d) % 2 !== 0) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'd',
      value: d,
      rule: `such that n·d is even (n = ${n}; a d-regular graph has n·d/2 edges)`,
    });
  }
  if ((n * d) / 2 > MAX_UNDIRECTED_SIZE) {
    throw new InvalidArgumentError({ ...site, argument: 'd', value: d, rule: `such that n·d/2 ≤ ${MAX_UNDIRECTED_SIZE}` });
  }
  if (2 * d <= n - 1) {
    const { sources, targets } = stegerWormald(n, d, rng, site);
    return assembleSimpleUndirected(n, sources, targets);
  }
  const dc = n - 1 - d;
  const { adjacent } = stegerWormald(n, dc, rng, site);
  const size = (n * d) / 2;
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  let e = 0;
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (pairSetHas(adjacent, u, v)) continue;
      sources[e] = u;
      targets[e] = v;
      e++;
    }
  }
  return assembleSimpleUndirected(n, sources, targets);
}

function stegerWormald(
  n: number,
  d: number,
  rng: Rng,
  site: { pkg: string; fn: string },
): { sources: Int32Array; targets: Int32Array; adjacent: PairSet } {
  const m = (n * d) / 2;
  const points = n * d;
  const stubs = new Int32Array(points);
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  // Scratch for stuck detection: remaining points per node, and the distinct nodes among them.
  const count = new Int32Array(n);
  const nodes = new Int32Array(n);
  for (let attempt = 1; ; attempt++) {
    const adjacent = createPairSet(m);
    for (let v = 0, k = 0; v < n; v++) for (let j = 0; j < d; j++) stubs[k++] = v;
    let rem = points;
    let e = 0;
    let failures = 0;
    let stuck = false;
    while (rem > 0) {
      let i = rng.int(rem);
      let j = rng.int(rem - 1);
      if (j >= i) j++;
      let u = stubs[i] as number;
      let v = stubs[j] as number;
      if (u === v || pairSetHas(adjacent, u < v ? u : v, u < v ? v : u)) {
        if (++failures < FAILURE_STREAK) continue;
        failures = 0;
        // Many rejections in a row: count suitable pairs exactly (when few nodes remain) and pick one uniformly.
        let k = 0;
        for (let s = 0; s < rem; s++) {
          const x = stubs[s] as number;
          if (count[x]!++ === 0) nodes[k++] = x;
        }
        if (k > MAX_ENUMERATED_NODES) {
          for (let s = 0; s < k; s++) count[nodes[s] as number] = 0;
          continue; // with more than d distinct nodes a suitable pair exists; keep sampling
        }
        let total = 0;
        for (let a = 0; a < k; a++) {
          const x = nodes[a] as number;
          for (let b = a + 1; b < k; b++) {
            const y = nodes[b] as number;
            if (!pairSetHas(adjacent, x < y ? x : y, x < y ? y : x)) total += (count[x] as number) * (count[y] as number);
          }
        }
        if (total === 0) {
          for (let s = 0; s < k; s++) count[nodes[s] as number] = 0;
          stuck = true;
          break;
        }
        let r = rng.int(total);
        u = -1;
        v = -1;
        for (let a = 0; a < k && u < 0; a++) {
          const x = nodes[a] as number;
          for (let b = a + 1; b < k; b++) {
            const y = nodes[b] as number;
            if (pairSetHas(adjacent, x < y ? x : y, x < y ? y : x)) continue;
            r -= (count[x] as number) * (count[y] as number);
            if (r < 0) {
              u = x;
              v = y;
              break;
            }
          }
        }
        for (let s = 0; s < k; s++) count[nodes[s] as number] = 0;
        // Points of one node are interchangeable: take the first of each.
        i = stubs.indexOf(u);
        j = stubs.indexOf(v);
        if (i >= rem || j >= rem) throw new Error('randomRegularGraph: internal error (point not found)');
      }
      failures = 0;
      const a = u < v ? u : v;
      const b = u < v ? v : u;
      pairSetAdd(adjacent, a, b);
      sources[e] = a;
      targets[e] = b;
      e++;
      // Remove positions i and j (the larger first so the smaller stays valid).
      const hi = i > j ? i : j;
      const lo = i > j ? j : i;
      stubs[hi] = stubs[--rem] as number;
      stubs[lo] = stubs[--rem] as number;
    }
    if (!stuck) return { sources, targets, adjacent };
    if (attempt >= MAX_ATTEMPTS) {
      throw new ConvergenceError({
        ...site,
        what: 'the Steger–Wormald pairing',
        iterations: attempt,
        residual: rem,
        hint: 'This should not happen for valid n and d; please report it with the seed.',
      });
    }
  }
}
