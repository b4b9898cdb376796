/**
 * The perfect-matching (PM) model of a triangulated planar block (seed 002, Sec. 4; Schraudolph & Kamenetsky
 * 2009; Fisher 1966): the expanded dual has one "city" vertex per half-edge h (the three half-edges of a face form
 * a Fisher city, a triangle) and one intercity edge per map edge e joining c(2e) and c(2e+1). A spin configuration
 * x maps to the PM made of the intercity edges of the agreeing edges (x_u = x_v) completed inside each city, and
 * Z = 2 e^{−Σ βJ} Σ_PM Π_{e agreeing} e^{2βJ_e}; x and −x give the same PM.
 *
 * Weights are rescaled so that every matrix entry lies in [0, 1]: for βJ_e > 0 both ends of e's intercity edge
 * are scaled by e^{−βJ_e} (the intercity weight becomes 1 and the adjacent city edges shrink), which multiplies
 * the matching sum by e^{−2βJ_e}; that factor is returned in `logScale`. So |βJ| up to hundreds cannot overflow.
 *
 * Pfaffian orientation (Kasteleyn 1963): every city edge is oriented c(faceNext(h)) → c(h), so each city
 * triangle has all three edges clockwise; city edges run along the face of each original node v, whose parity is
 * then set by the intercity edges alone: orienting e's intercity edge c(h) → c(h ^ 1) counts for tail(h). A
 * spanning tree of the block (its BFS tree) fixes an odd count at every node but one (whose face plays the outer face).
 */
import type { PlanarMap } from './planar-map.js';

export interface KasteleynSystem {
  /** Size of the skew-symmetric matrix: the number of half-edges, 2·edges. */
  size: number;
  /** Entries (a, b, value) with value = K[a][b] = −K[b][a]; one per expanded-dual edge. */
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  /** Σ_{βJ_e > 0} 2βJ_e: log of the factor the rescaling removed from the matching sum. */
  logScale: number;
  /** Entry index (into rows/cols/values) of each map edge's intercity edge. */
  intercityEntry: Int32Array;
}

/** betaJ[e] is β·J of map edge e (0 for chords). */
export function kasteleynSystem(map: PlanarMap, betaJ: Float64Array): KasteleynSystem {
  const { edges, tail, cwNext } = map;
  const size = 2 * edges;
  // per city vertex scale d_h
  const scale = new Float64Array(size).fill(1);
  let logScale = 0;
  for (let e = 0; e < edges; e++) {
    const bj = betaJ[e] as number;
    if (bj > 0) {
      const d = Math.exp(-bj);
      scale[2 * e] = d;
      scale[2 * e + 1] = d;
      logScale += 2 * bj;
    }
  }
  const count = size + edges; // city edges (one per half-edge) + intercity edges
  const rows = new Int32Array(count);
  const cols = new Int32Array(count);
  const values = new Float64Array(count);
  let at = 0;
  for (let h = 0; h < size; h++) {
    const next = cwNext[h ^ 1] as number; // faceNext(h)
    rows[at] = next;
    cols[at] = h;
    values[at++] = (scale[next] as number) * (scale[h] as number);
  }
  const owner = intercityOwners(map);
  const intercityEntry = new Int32Array(edges);
  for (let e = 0; e < edges; e++) {
    const h = tail[2 * e] === owner[e] ? 2 * e : 2 * e + 1;
    const bj = betaJ[e] as number;
    intercityEntry[e] = at;
    rows[at] = h;
    cols[at] = h ^ 1;
    values[at++] = bj > 0 ? 1 : Math.exp(2 * bj);
  }
  return { size, rows, cols, values, logScale, intercityEntry };
}

/**
 * For each map edge, the endpoint its intercity edge counts for, such that every node except node 0 gets an odd
 * count: non-tree edges go to their first endpoint, then tree edges are settled from the leaves up (BFS tree).
 */
function intercityOwners(map: PlanarMap): Int32Array {
  const { nodes, edges, tail, bfsOrder, parentHalf } = map;
  const owner = new Int32Array(edges);
  const isTree = new Uint8Array(edges);
  for (let k = 1; k < nodes; k++) isTree[(parentHalf[bfsOrder[k] as number] as number) >> 1] = 1;
  const parity = new Uint8Array(nodes);
  for (let e = 0; e < edges; e++) {
    if (isTree[e] === 1) continue;
    const v = tail[2 * e] as number;
    owner[e] = v;
    parity[v] = (parity[v] as number) ^ 1;
  }
  for (let k = nodes - 1; k >= 1; k--) {
    const v = bfsOrder[k] as number;
    const h = parentHalf[v] as number;
    const u = tail[h] as number; // the parent
    if (parity[v] === 0) {
      owner[h >> 1] = v;
      parity[v] = 1;
    } else {
      owner[h >> 1] = u;
      parity[u] = (parity[u] as number) ^ 1;
    }
  }
  return owner;
}

/** K as a dense row-major size × size matrix (K[a][b] = value, K[b][a] = −value; repeated pairs add up). */
export function denseKasteleyn(system: KasteleynSystem): Float64Array {
  const { size, rows, cols, values } = system;
  const dense = new Float64Array(size * size);
  for (let t = 0; t < values.length; t++) {
    const a = rows[t] as number;
    const c = cols[t] as number;
    const v = values[t] as number;
    dense[a * size + c] = (dense[a * size + c] as number) + v;
    dense[c * size + a] = (dense[c * size + a] as number) - v;
  }
  return dense;
}
