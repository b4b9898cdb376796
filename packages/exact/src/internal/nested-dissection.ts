/**
 * Nested-dissection ordering of a (planar) graph by BFS level structures refined with minimum vertex cuts: in every
 * piece a BFS from a pseudo-peripheral vertex splits the vertices into levels (George & Liu's "automatic nested
 * dissection"); the candidate levels are those leaving at least BALANCE of the piece on each side (else the median
 * level), and instead of one level (which on irregular graphs such as random Delaunay triangulations is a rough,
 * thick band, ~3× larger than needed) the separator is a minimum vertex cut between the levels before and the levels
 * after a band of up to 2·BAND_HALF_WIDTH + 1 candidate levels around the smallest one (Dinic's blocking flows on
 * the vertex-split network, unit vertex capacities; the flow paths are kept implicitly in two arrays; large bands go
 * to push–relabel instead, `push-relabel-vertex-cut.ts`). The cut is
 * never larger than the smallest level of the band, and it is minimal (every separator vertex touches both sides).
 * The two sides are ordered first and the separator last. Pieces of at most `leafSize` vertices are not split (they
 * become one dense front); disconnected pieces are split into their components. The graph is renumbered in BFS
 * order first (memory locality). Iterative (explicit task stack and DFS stack), O(n + m) extra memory; time
 * O((n + m) log n · band phases) for graphs whose separators shrink geometrically.
 *
 * The result also describes the separator tree, which the multifrontal factorisation uses as its assembly tree:
 * tree node t owns the positions supStart[t]..supStart[t+1] − 1 (a separator or a leaf piece), the nodes are in
 * postorder (every subtree owns a contiguous range of positions, its root last), and parent[t] > t (−1 for a root).
 * Internal kernel: the CSR (offsets, targets) must be symmetric; self-loops and repeated targets are tolerated.
 */

import { PushRelabelVertexCut } from './push-relabel-vertex-cut.js';

export interface NestedDissectionOrdering {
  /** perm[k] is the vertex eliminated k-th. */
  perm: Int32Array;
  /** iperm[v] is the position of vertex v (the inverse of perm). */
  iperm: Int32Array;
  /** Number of separator-tree nodes. */
  count: number;
  /** Tree node t owns positions supStart[t] .. supStart[t + 1] − 1; length count + 1, supStart[count] = n. */
  supStart: Int32Array;
  /** Parent tree node (> t), −1 for a root. */
  parent: Int32Array;
}

export interface NestedDissectionOptions {
  /** Pieces with at most this many vertices are left whole (one dense front). @default 16 */
  leafSize?: number;
  /**
   * Maximum-flow algorithm of the band cuts: Dinic's blocking flows, push–relabel, or (auto) push–relabel for
   * bands of at least PUSH_RELABEL_MIN_BAND vertices. Tests force one to check both. @default 'auto'
   */
  vertexCut?: 'auto' | 'dinic' | 'push-relabel';
  /**
   * Vertices placed in the root separator, after every other, and left out of all level structures: vertices that
   * would act as shortcuts and distort the BFS levels (the chords of a random Delaunay graph's outer face, see
   * `shortcutChordPairs`). @default none
   */
  orderLast?: ArrayLike<number>;
}

/** Each side of a chosen separator keeps at least this fraction of the piece (when such a level exists). */
const BALANCE = 0.3;

/** BFS sweeps from successively farther vertices when looking for a pseudo-peripheral root. */
const ROOT_SWEEPS = 2;
/**
 * The separator is a minimum vertex cut through the candidate levels within this many levels of the smallest one.
 * Measured (bench, N = 10⁵): half-width 0 (the level itself, thinned) gives separators ~3× too large on random
 * Delaunay graphs; 16 → 4.5 GFlop of factorisation, 24 → 3.3, the whole balanced range → 2.9 but an ordering
 * 5× slower (the cut costs ~ band size × augmenting phases).
 */
const BAND_HALF_WIDTH = 24;
/**
 * Bands of at least this many vertices are cut by push–relabel, smaller ones by Dinic. Measured on the ordering of
 * 3·10⁵-pair graphs: push–relabel is 2× faster than Dinic on large Delaunay bands (long augmenting paths), Dinic
 * 1.5–4× faster on lattice bands and on small bands of either (few phases, less set-up).
 */
const PUSH_RELABEL_MIN_BAND = 5000;

export function nestedDissection(order: number, graphOffsets: Int32Array, graphTargets: Int32Array, options: NestedDissectionOptions = {}): NestedDissectionOrdering {
  const leafSize = Math.max(1, options.leafSize ?? 16);
  const vertexCut = options.vertexCut ?? 'auto';
  const n = order;
  const { original, offsets, targets } = relabelByBfs(n, graphOffsets, graphTargets);
  const verts = new Int32Array(n);
  const lastCount = placeLast(n, original, options.orderLast, verts);
  const member = new Int32Array(n); // piece stamp: member[v] === tick ⇔ v is in the current piece
  const seen = new Int32Array(n); // BFS stamp
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const scratch = new Int32Array(n);
  let counts = new Int32Array(64);
  let tick = 0;
  let bfsTick = 0;

  // tree nodes in creation order: separator range start and parent id
  let nodeLo: Int32Array<ArrayBuffer> = new Int32Array(64);
  let nodeParent: Int32Array<ArrayBuffer> = new Int32Array(64);
  let nodes = 0;
  const addNode = (lo: number, parent: number): number => {
    if (nodes === nodeLo.length) {
      nodeLo = grow(nodeLo);
      nodeParent = grow(nodeParent);
    }
    nodeLo[nodes] = lo;
    nodeParent[nodes] = parent;
    return nodes++;
  };

  // task stack: (lo, hi, parent node)
  let tasks: Int32Array<ArrayBuffer> = new Int32Array(3 * 64);
  let top = 0;
  const push = (lo: number, hi: number, parent: number): void => {
    if (hi <= lo) return;
    if (top + 3 > tasks.length) tasks = grow(tasks);
    tasks[top++] = lo;
    tasks[top++] = hi;
    tasks[top++] = parent;
  };
  if (lastCount > 0) push(0, n - lastCount, addNode(n - lastCount, -1));
  else push(0, n, -1);

  /** A vertex of the piece (positions lo..hi of verts) next to a vertex outside it, or −1 when there is none. */
  const boundaryStart = (lo: number, hi: number): number => {
    for (let k = lo; k < hi; k++) {
      const v = verts[k] as number;
      for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) if (member[targets[p] as number] !== tick) return v;
    }
    return -1;
  };
  /** BFS inside the current piece from `root`; fills queue[0..size) and level[]; returns the number reached. */
  const bfs = (root: number): number => {
    bfsTick++;
    let head = 0;
    let size = 0;
    queue[size++] = root;
    seen[root] = bfsTick;
    level[root] = 0;
    while (head < size) {
      const v = queue[head++] as number;
      const next = (level[v] as number) + 1;
      for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) {
        const w = targets[p] as number;
        if (member[w] !== tick || seen[w] === bfsTick) continue;
        seen[w] = bfsTick;
        level[w] = next;
        queue[size++] = w;
      }
    }
    return size;
  };


  const side = new Uint8Array(n);
  let pushRelabel: PushRelabelVertexCut | undefined;
  const flowPrev = new Int32Array(n).fill(-1);
  const flowNext = new Int32Array(n).fill(-1);
  const stateSeen = new Int32Array(2 * n);
  const stateDist = new Int32Array(2 * n);
  const arcPos = new Int32Array(2 * n);
  const stateQueue = new Int32Array(2 * n);
  const sources = new Int32Array(n);
  let stateTick = 0;
  const FREE = -1;
  const TERMINAL = -2;

  /** Applies the augmenting path stateQueue[0..len) (a source's v_in first, a v_out next to the sink last). */
  const augment = (len: number): void => {
    let from = -1;
    for (let i = 0; i < len; i++) {
      const s = stateQueue[i] as number;
      const v = s >> 1;
      if (from === -1) flowPrev[v] = TERMINAL;
      else if ((from & 1) === 1 && (s & 1) === 0 && from >> 1 !== v) {
        flowNext[from >> 1] = v;
        flowPrev[v] = from >> 1;
      } else if ((from & 1) === 1 && s === from - 1) {
        flowNext[v] = FREE;
        flowPrev[v] = FREE;
      }
      from = s;
    }
  };

  /**
   * Minimum vertex separator between the levels < la and the levels > lb of the current BFS (queue[0..size)),
   * through vertices of levels la..lb, by unit-capacity augmenting paths on the vertex-split network (flowPrev /
   * flowNext hold the vertex-disjoint flow paths). Fills side[] for the piece; returns the separator size.
   */
  const minVertexCut = (size: number, la: number, lb: number): number => {
    let nSources = 0;
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      const l = level[v] as number;
      if (l >= la && l <= lb) {
        flowPrev[v] = FREE;
        flowNext[v] = FREE;
        if (l === la) sources[nSources++] = v;
      }
    }
    for (;;) {
      // phase: BFS layers over states 2v (v_in) and 2v + 1 (v_out) of the residual network from the source side
      stateTick++;
      let head = 0;
      let tail = 0;
      let sinkDist = -1;
      for (let i = 0; i < nSources; i++) {
        const s = 2 * (sources[i] as number);
        stateSeen[s] = stateTick;
        stateDist[s] = 0;
        arcPos[s] = 0;
        stateQueue[tail++] = s;
      }
      while (head < tail) {
        const s = stateQueue[head++] as number;
        const d = (stateDist[s] as number) + 1;
        if (sinkDist !== -1 && d >= sinkDist) break;
        const v = s >> 1;
        if ((s & 1) === 0) {
          let t: number;
          if (flowNext[v] === FREE) t = s + 1;
          else {
            const u = flowPrev[v] as number;
            if (u < 0) continue;
            t = 2 * u + 1;
          }
          if (stateSeen[t] !== stateTick) {
            stateSeen[t] = stateTick;
            stateDist[t] = d;
            arcPos[t] = 0;
            stateQueue[tail++] = t;
          }
          continue;
        }
        if (flowNext[v] !== FREE && stateSeen[s - 1] !== stateTick) {
          stateSeen[s - 1] = stateTick;
          stateDist[s - 1] = d;
          arcPos[s - 1] = 0;
          stateQueue[tail++] = s - 1;
        }
        for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) {
          const w = targets[p] as number;
          if (member[w] !== tick) continue;
          const lw = level[w] as number;
          if (lw > lb) {
            if (sinkDist === -1) sinkDist = d;
            continue;
          }
          if (lw < la) continue;
          const t = 2 * w;
          if (stateSeen[t] === stateTick) continue;
          stateSeen[t] = stateTick;
          stateDist[t] = d;
          arcPos[t] = 0;
          stateQueue[tail++] = t;
        }
      }
      if (sinkDist === -1) break;
      // blocking flow: depth-first along admissible arcs (distance + 1), current-arc pointers, dead states get −1
      for (let i = 0; i < nSources; i++) {
        let len = 0;
        stateQueue[len++] = 2 * (sources[i] as number);
        while (len > 0) {
          const s = stateQueue[len - 1] as number;
          const v = s >> 1;
          const d = stateDist[s] as number;
          let next = -1;
          let reachedSink = false;
          if (d >= 0) {
            if ((s & 1) === 0) {
              if (arcPos[s] === 0) {
                let t = -1;
                if (flowNext[v] === FREE) t = s + 1;
                else if ((flowPrev[v] as number) >= 0) t = 2 * (flowPrev[v] as number) + 1;
                if (t !== -1 && stateSeen[t] === stateTick && stateDist[t] === d + 1) next = t;
                else arcPos[s] = 1;
              }
            } else {
              const base = offsets[v] as number;
              const deg = (offsets[v + 1] as number) - base;
              for (let a = arcPos[s] as number; a <= deg; a++) {
                let t: number;
                if (a === 0) {
                  if (flowNext[v] === FREE) continue;
                  t = s - 1;
                } else {
                  const w = targets[base + a - 1] as number;
                  if (member[w] !== tick) continue;
                  const lw = level[w] as number;
                  if (lw > lb) {
                    if (d + 1 === sinkDist) {
                      arcPos[s] = a;
                      reachedSink = true;
                      break;
                    }
                    continue;
                  }
                  if (lw < la) continue;
                  t = 2 * w;
                }
                if (stateSeen[t] === stateTick && stateDist[t] === d + 1) {
                  arcPos[s] = a;
                  next = t;
                  break;
                }
              }
              if (next === -1 && !reachedSink) arcPos[s] = deg + 1;
            }
          }
          if (reachedSink) {
            augment(len);
            flowNext[v] = TERMINAL;
            break;
          }
          if (next === -1) {
            stateDist[s] = -1;
            len--;
            continue;
          }
          stateQueue[len++] = next;
        }
      }
    }
    // the last search's reach: v_in reached and v_out not → separator
    let nSep = 0;
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      const l = level[v] as number;
      if (l < la) side[v] = 0;
      else if (l > lb) side[v] = 1;
      else if (stateSeen[2 * v] !== stateTick) side[v] = 1;
      else if (stateSeen[2 * v + 1] === stateTick) side[v] = 0;
      else {
        side[v] = 2;
        nSep++;
      }
    }
    return nSep;
  };

  while (top > 0) {
    const parent = tasks[--top] as number;
    const hi = tasks[--top] as number;
    const lo = tasks[--top] as number;
    const size = hi - lo;
    if (size <= leafSize) {
      addNode(lo, parent);
      continue;
    }
    tick++;
    for (let k = lo; k < hi; k++) member[verts[k] as number] = tick;
    // The level structure's root: one sweep from a vertex next to the piece's boundary (the ancestors' separators),
    // which is peripheral already; pieces with no boundary (the top) get ROOT_SWEEPS sweeps from any vertex.
    // Measured on random Delaunay pair graphs: 164 instead of 264 GFlop of factorisation at N = 10⁶ (20 vs 40 at
    // 3·10⁵, but 3.7 vs 2.8 at 10⁵); on lattices +6 % (149 vs 141 at 10⁶) and a faster ordering.
    const start = boundaryStart(lo, hi);
    let reached = bfs(start >= 0 ? start : (verts[lo] as number));
    if (reached < size) {
      // disconnected piece: its first component, then the rest, as independent pieces
      let a = lo;
      let b = lo + reached;
      for (let k = lo; k < hi; k++) {
        const v = verts[k] as number;
        if (seen[v] === bfsTick) scratch[a++] = v;
        else scratch[b++] = v;
      }
      verts.set(scratch.subarray(lo, hi), lo);
      push(lo, lo + reached, parent);
      push(lo + reached, hi, parent);
      continue;
    }
    // pseudo-peripheral root: restart from a vertex of the last level
    for (let sweep = 0; sweep < (start >= 0 ? 1 : ROOT_SWEEPS); sweep++) reached = bfs(queue[reached - 1] as number);
    const depth = level[queue[reached - 1] as number] as number;
    if (depth < 2) {
      // no level with vertices on both sides: keep the piece whole
      addNode(lo, parent);
      continue;
    }
    if (counts.length < depth + 1) counts = new Int32Array(2 * (depth + 1));
    counts.fill(0, 0, depth + 1);
    for (let k = 0; k < size; k++) {
      const l = level[queue[k] as number] as number;
      counts[l] = (counts[l] as number) + 1;
    }
    // band of candidate levels: those leaving at least BALANCE of the piece on each side (else the median level)
    let best = -1;
    let median = -1;
    let la = -1;
    let lb = -1;
    let below = counts[0] as number;
    const minSide = BALANCE * size;
    for (let l = 1; l < depth; l++) {
      const c = counts[l] as number;
      const above = size - below - c;
      if (median === -1 && below + c >= size / 2) median = l;
      if (below >= minSide && above >= minSide) {
        if (la === -1) la = l;
        lb = l;
        if (best === -1 || c < (counts[best] as number)) best = l;
      }
      below += c;
    }
    const cut = best !== -1 ? best : median !== -1 ? median : depth - 1;
    if (best === -1) {
      la = cut;
      lb = cut;
    }
    la = Math.max(la, cut - BAND_HALF_WIDTH);
    lb = Math.min(lb, cut + BAND_HALF_WIDTH);
    // minimum vertex cut between levels < la and levels > lb inside the band (side: 0 near, 1 far, 2 separator)
    let bandVertices = 0;
    for (let l = la; l <= lb; l++) bandVertices += counts[l] as number;
    let nSep: number;
    if (vertexCut === 'push-relabel' || (vertexCut === 'auto' && bandVertices >= PUSH_RELABEL_MIN_BAND)) {
      pushRelabel ??= new PushRelabelVertexCut(n, offsets, targets);
      nSep = pushRelabel.cut({ queue, size, level, member, tick }, la, lb, side);
    } else nSep = minVertexCut(size, la, lb);
    let nNear = 0;
    let nFar = 0;
    for (let k = 0; k < size; k++) {
      const s = side[queue[k] as number] as number;
      if (s === 0) nNear++;
      else if (s === 1) nFar++;
    }
    let near = lo;
    let far = lo + nNear;
    let sep = hi - nSep;
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      const s = side[v] as number;
      if (s === 0) verts[near++] = v;
      else if (s === 1) verts[far++] = v;
      else verts[sep++] = v;
    }
    const node = addNode(hi - nSep, parent);
    push(lo, lo + nNear, node);
    push(lo + nNear, lo + nNear + nFar, node);
  }

  // postorder: the separators tile [0, n); sort nodes by their first position
  const nodeAt = new Int32Array(n + 1).fill(-1);
  for (let t = 0; t < nodes; t++) nodeAt[nodeLo[t] as number] = t;
  const rank = new Int32Array(nodes);
  const supStart = new Int32Array(nodes + 1);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const t = nodeAt[p] as number;
    if (t === -1) continue;
    rank[t] = count;
    supStart[count++] = p;
  }
  supStart[count] = n;
  const parentOut = new Int32Array(count);
  for (let t = 0; t < nodes; t++) {
    const p = nodeParent[t] as number;
    parentOut[rank[t] as number] = p === -1 ? -1 : (rank[p] as number);
  }
  const perm = new Int32Array(n);
  const iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = original[verts[k] as number] as number;
    perm[k] = v;
    iperm[v] = k;
  }
  return { perm, iperm, count, supStart, parent: parentOut };
}

/**
 * Fills verts with every (renumbered) vertex, those of `orderLast` (original ids) at the end; returns how many
 * were placed last.
 */
function placeLast(n: number, original: Int32Array, orderLast: ArrayLike<number> | undefined, verts: Int32Array): number {
  if (orderLast === undefined || orderLast.length === 0) {
    for (let v = 0; v < n; v++) verts[v] = v;
    return 0;
  }
  const renumbered = new Int32Array(n);
  for (let v = 0; v < n; v++) renumbered[original[v] as number] = v;
  const last = new Uint8Array(n);
  let lastCount = 0;
  for (let i = 0; i < orderLast.length; i++) {
    const v = orderLast[i] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < n)) throw new RangeError(`nestedDissection: orderLast[${i}] = ${v} is not a vertex`);
    const r = renumbered[v] as number;
    if (last[r] === 0) {
      last[r] = 1;
      lastCount++;
    }
  }
  let first = 0;
  let tail = n - lastCount;
  for (let v = 0; v < n; v++) verts[last[v] === 1 ? tail++ : first++] = v;
  return lastCount;
}

/**
 * The graph renumbered in BFS order (component by component), so that the vertices of a piece, a level or a band
 * sit close together in memory: `original[v]` is the input id of new vertex v. O(n + m).
 */
function relabelByBfs(n: number, offsets: Int32Array, targets: Int32Array): { original: Int32Array; offsets: Int32Array; targets: Int32Array } {
  const label = new Int32Array(n).fill(-1);
  const original = new Int32Array(n);
  let size = 0;
  for (let r = 0; r < n; r++) {
    if (label[r] !== -1) continue;
    let head = size;
    label[r] = size;
    original[size++] = r;
    while (head < size) {
      const v = original[head++] as number;
      for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) {
        const w = targets[p] as number;
        if (label[w] !== -1) continue;
        label[w] = size;
        original[size++] = w;
      }
    }
  }
  const newOffsets = new Int32Array(n + 1);
  const newTargets = new Int32Array(offsets[n] as number);
  let at = 0;
  for (let v = 0; v < n; v++) {
    const u = original[v] as number;
    for (let p = offsets[u] as number, end = offsets[u + 1] as number; p < end; p++) newTargets[at++] = label[targets[p] as number] as number;
    newOffsets[v + 1] = at;
  }
  return { original, offsets: newOffsets, targets: newTargets };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
