import type { Graph } from '../core/graph.js';
import { checkBoolean, checkOptions } from '../errors/validate.js';
import { assembleSimpleUndirected } from './internal/assemble.js';

// Zachary's 78 ties as (u, v) with u < v, sorted; node ids are networkx's (member 1 of the paper is node 0).
const EDGES = Object.freeze([
  0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0, 10, 0, 11,
  0, 12, 0, 13, 0, 17, 0, 19, 0, 21, 0, 31, 1, 2, 1, 3, 1, 7, 1, 13,
  1, 17, 1, 19, 1, 21, 1, 30, 2, 3, 2, 7, 2, 8, 2, 9, 2, 13, 2, 27,
  2, 28, 2, 32, 3, 7, 3, 12, 3, 13, 4, 6, 4, 10, 5, 6, 5, 10, 5, 16,
  6, 16, 8, 30, 8, 32, 8, 33, 9, 33, 13, 33, 14, 32, 14, 33, 15, 32, 15, 33,
  18, 32, 18, 33, 19, 33, 20, 32, 20, 33, 22, 32, 22, 33, 23, 25, 23, 27, 23, 29,
  23, 32, 23, 33, 24, 25, 24, 27, 24, 31, 25, 31, 26, 29, 26, 33, 27, 33, 28, 31,
  28, 33, 29, 32, 29, 33, 30, 32, 30, 33, 31, 32, 31, 33, 32, 33,
]);

// Zachary's interaction counts per tie (his weighted matrix, as networkx 3.x's `weight`), in EDGES order.
const WEIGHTS = Object.freeze([
  4, 5, 3, 3, 3, 3, 2, 2, 2, 3, 1, 3, 2, 2, 2, 2, 6, 3, 4, 5, 1, 2, 2, 2, 3, 4,
  5, 1, 3, 2, 2, 2, 3, 3, 3, 2, 3, 5, 3, 3, 3, 3, 3, 4, 2, 3, 3, 2, 3, 4, 1, 2,
  1, 3, 1, 2, 3, 5, 4, 3, 5, 4, 2, 3, 2, 7, 4, 2, 4, 2, 2, 4, 2, 3, 3, 4, 4, 5,
]);

// Members who joined Mr. Hi's club after the split; the other 17 joined the Officer's.
const MR_HI = Object.freeze([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21]);

/** The club a karate club member joined after the split, spelled as networkx's `club` node attribute. */
export type KarateClubFaction = 'Mr. Hi' | 'Officer';

export interface KarateClubOptions {
  /** Attach Zachary's interaction counts (networkx 3.x's `weight` attribute) as edge weights. @default false */
  weighted?: boolean;
}

const DEFAULTS = Object.freeze({ weighted: false });

/**
 * Zachary's karate club: 34 members, 78 friendship ties, node ids as networkx's `karate_club_graph()` (Zachary's
 * member i is node i − 1). Edge ids follow lexicographic (u, v) order. See `karateClubFactions()` for the split.
 * Reference: W. W. Zachary, "An information flow model for conflict and fission in small groups",
 * J. Anthropological Research 33(4):452–473, 1977. O(1).
 */
export function karateClub(options?: KarateClubOptions): Graph {
  const site = { pkg: 'graph', fn: 'karateClub' };
  const opts = { ...DEFAULTS, ...checkOptions<KarateClubOptions>(site, options, ['weighted']) };
  checkBoolean(site, 'options.weighted', opts.weighted);
  const m = EDGES.length / 2;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    sources[e] = EDGES[2 * e] as number;
    targets[e] = EDGES[2 * e + 1] as number;
  }
  return assembleSimpleUndirected(34, sources, targets, opts.weighted ? Float64Array.from(WEIGHTS) : undefined);
}

/**
 * The club each of the 34 members of `karateClub()` joined after the split, indexed by node id: 17 'Mr. Hi'
 * (node 0 is Mr. Hi himself) and 17 'Officer' (node 33 is the officer), as networkx's `club` attribute. O(1).
 */
export function karateClubFactions(): KarateClubFaction[] {
  const out = new Array<KarateClubFaction>(34).fill('Officer');
  for (const v of MR_HI) out[v] = 'Mr. Hi';
  return out;
}
