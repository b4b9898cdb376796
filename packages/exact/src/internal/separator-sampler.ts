/**
 * Exact perfect-matching sampling on the expanded dual of a large triangulated planar block by planar separators
 * (Wilson 1997, "Determinant algorithms for random planar structures"; seed 002 §4.2; the reference implementation
 * follows the same plan). A sub-problem is a connected set V of unmatched city vertices; its matchings are those of
 * the induced graph G[V], with probabilities P(a–b) = K_ab (K_V⁻¹)_ba.
 *
 *  1. A reference perfect matching R of G[V] pairs V's vertices, which is what the sparse factorisation pivots on
 *     (sparse-pfaffian.ts). R is read off a spin configuration x consistent with every matching edge drawn so far:
 *     any spin configuration x gives the matching PM(x) (intercity edges of agreeing edges, the city edge of the two
 *     disagreeing edges of a face), and PM(x) contains the drawn edges exactly when x satisfies the agree/disagree
 *     relations they fix. Those relations are kept in a union–find with parities over the block's nodes, so x on
 *     V's nodes costs O(|V| α).
 *  2. Nested dissection of V's pair graph gives the top separator S (topChain). D = S plus the pairs of S's neighbours is
 *     ordered last, so that the multifrontal factorisation's root front is the Schur complement C of K_V onto D (and
 *     rows delayed into it); C⁻¹, that block of K_V⁻¹, comes from the root's own L and pivots by the selected-inversion
 *     recurrences (selected-inversion.ts: rootFrontInverse, about n³ flops against 2n³ for dense LU and inverse).
 *  3. S's vertices are matched one at a time from C⁻¹, each draw conditioning the inverse by the Schur-complement
 *     identity of pm-sampler.ts, kept as rank-2 update vectors rather than applied (matchSeparator); every entry a
 *     step needs lies in D × D.
 *  4. With S matched, the rest of V falls apart into pieces that no edge joins; each is a sub-problem (small ones
 *     go to the dense sampler).
 *
 * Costs per sample: O(|V|^1.5) per level for planar separators (factorisation and the dense work on D), so
 * O(N^1.5) in all. The top level is the same for every sample and is prepared once.
 */
import { ConvergenceError, type Rng } from '@isinglab/graph';
import type { KasteleynSystem } from './kasteleyn.js';
import type { PlanarMap } from './planar-map.js';
import { analyseSkew, factorSkew, pairGraph, type SkewEntries } from './sparse-pfaffian.js';
import { nestedDissection, type NestedDissectionOrdering } from './nested-dissection.js';
import { shortcutChordPairs } from './shortcut-chords.js';
import { denseInverse, denseLu } from './dense-lu.js';
import { rootFrontInverse } from './selected-inversion.js';
import { drawCandidate, samplePerfectMatching } from './pm-sampler.js';

/** Sub-problems of at most this many city vertices are sampled densely (O(n³)). */
export const DENSE_PIECE_VERTICES = 96;

/** Stamp counters restart (after clearing their marks) when they reach this value. */
const STAMP_LIMIT = 1 << 30;

/** Largest deviation from 1 of a step's probability sum before sampling stops with a ConvergenceError. */
const PROBABILITY_TOLERANCE = 1e-7;

interface Site {
  pkg: string;
  fn: string;
}

/** The prepared separator level of a sub-problem: what step 3 needs. */
interface SeparatorLevel {
  /** Global ids of the rows of the inverse block (D and delayed rows). */
  rows: Int32Array;
  /** C⁻¹, row-major rows.length². */
  inverse: Float64Array;
  /** Global ids of S's vertices, in the order they are matched. */
  separator: Int32Array;
}

export class SeparatorMatchingSampler {
  /** Adjacency of the expanded dual with K's signed values: K[a][adj[p]] = adjValue[p]. */
  private readonly adjOffsets: Int32Array;
  private readonly adj: Int32Array;
  private readonly adjValue: Float64Array;
  private readonly tail: Int32Array;
  private readonly faceNext: Int32Array;
  private readonly nodes: number;
  private readonly top: SeparatorLevel | null;
  /** Every vertex id, 0 .. n − 1: the first piece of each sample. */
  private readonly all: Int32Array;
  // per-sample state
  private readonly alive: Uint8Array;
  private readonly stamp: Int32Array;
  private stampTick = 0;
  private readonly local: Int32Array;
  private readonly placed: Int32Array;
  private readonly ufParent: Int32Array;
  private readonly ufParity: Uint8Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly site: Site,
    map: PlanarMap,
    system: KasteleynSystem,
    private readonly densePiece: number = DENSE_PIECE_VERTICES,
    shortcutBudget?: number,
  ) {
    const n = system.size;
    this.nodes = map.nodes;
    this.tail = map.tail;
    const faceNext = new Int32Array(n);
    for (let h = 0; h < n; h++) faceNext[h] = map.cwNext[h ^ 1] as number;
    this.faceNext = faceNext;
    const degree = new Int32Array(n + 1);
    const { rows, cols, values } = system;
    for (let t = 0; t < values.length; t++) {
      degree[(rows[t] as number) + 1]!++;
      degree[(cols[t] as number) + 1]!++;
    }
    for (let i = 0; i < n; i++) degree[i + 1] = (degree[i + 1] as number) + (degree[i] as number);
    const fill = degree.slice(0, n);
    const adj = new Int32Array(degree[n] as number);
    const adjValue = new Float64Array(degree[n] as number);
    for (let t = 0; t < values.length; t++) {
      const a = rows[t] as number;
      const b = cols[t] as number;
      const v = values[t] as number;
      adj[fill[a] as number] = b;
      adjValue[fill[a]!++] = v;
      adj[fill[b] as number] = a;
      adjValue[fill[b]!++] = -v;
    }
    this.adjOffsets = degree;
    this.adj = adj;
    this.adjValue = adjValue;
    this.alive = new Uint8Array(n);
    this.stamp = new Int32Array(n);
    this.local = new Int32Array(n);
    this.placed = new Int32Array(n);
    this.ufParent = new Int32Array(map.nodes);
    this.ufParity = new Uint8Array(map.nodes);
    this.spinStamp = new Int32Array(map.nodes);
    this.spinCache = new Uint8Array(map.nodes);
    this.queue = new Int32Array(n);
    // The top level has the same reference matching (every edge agreeing) for every sample: prepare it once.
    this.resetSample();
    this.all = Int32Array.from({ length: n }, (_, i) => i);
    // At the top level the reference pairs are the intercity edges, pair ↔ map edge: the outer-face chords that
    // would distort the separators' BFS levels (shortcut-chords.ts) go into the top separator.
    this.top = n <= densePiece ? null : this.prepareLevel(this.all, shortcutChordPairs(map, pairGraph(system), shortcutBudget));
  }

  /** Draws one perfect matching into `partner` (partner[a] = b ⇔ a–b matched). */
  sample(rng: Rng, partner: Int32Array): void {
    this.resetSample();
    const all = this.all;
    const pending: Int32Array[] = [];
    if (this.top === null) {
      this.sampleDense(all, rng, partner);
      return;
    }
    this.matchSeparator(this.top, rng, partner);
    this.pushPieces(all, pending);
    while (pending.length > 0) {
      const piece = pending.pop() as Int32Array;
      if (piece.length <= this.densePiece) {
        this.sampleDense(piece, rng, partner);
        continue;
      }
      const level = this.prepareLevel(piece);
      this.matchSeparator(level, rng, partner);
      this.pushPieces(piece, pending);
    }
  }

  /**
   * A fresh stamp value for the `stamp` and `placed` marks (one per level and step). Long runs would overflow an
   * Int32 after ~2·10⁹ of them, so the marks are cleared and the count restarts well before.
   */
  private nextTick(): number {
    if (this.stampTick === STAMP_LIMIT) {
      this.stamp.fill(0);
      this.placed.fill(0);
      this.stampTick = 0;
    }
    return ++this.stampTick;
  }

  private resetSample(): void {
    this.alive.fill(1);
    for (let v = 0; v < this.nodes; v++) this.ufParent[v] = v;
    this.ufParity.fill(0);
  }

  /** Root of v's relation class; `this.foundParity` receives v's parity relative to it. Path halving. */
  private foundParity = 0;
  private find(v: number): number {
    const parent = this.ufParent;
    const parity = this.ufParity;
    let acc = 0;
    let x = v;
    while (parent[x] !== x) {
      const p = parent[x] as number;
      const gp = parent[p] as number;
      if (gp !== p) {
        // halve: x → grandparent, parity through p
        parity[x] = ((parity[x] as number) ^ (parity[p] as number)) as number;
        parent[x] = gp;
      }
      acc ^= parity[x] as number;
      x = parent[x] as number;
    }
    this.foundParity = acc;
    return x;
  }

  /** Records that the endpoints of map edge e agree (0) or disagree (1). */
  private relate(e: number, differ: number): void {
    const u = this.tail[2 * e] as number;
    const w = this.tail[2 * e + 1] as number;
    const ru = this.find(u);
    const pu = this.foundParity;
    const rw = this.find(w);
    const pw = this.foundParity;
    if (ru === rw) return; // implied already (consistent: the drawn matching extends to a perfect matching)
    this.ufParent[ru] = rw;
    this.ufParity[ru] = (pu ^ pw ^ differ) as number;
  }

  /**
   * Spin bit of node v in a configuration consistent with every relation so far (class roots read 0), cached for
   * the current level (`spinTick`).
   */
  private spinBit(v: number): number {
    if (this.spinStamp[v] === this.spinTick) return this.spinCache[v] as number;
    this.find(v);
    this.spinStamp[v] = this.spinTick;
    this.spinCache[v] = this.foundParity;
    return this.foundParity;
  }
  private readonly spinStamp: Int32Array;
  private readonly spinCache: Uint8Array;
  private spinTick = 0;

  private recordMatch(a: number, b: number, partner: Int32Array): void {
    partner[a] = b;
    partner[b] = a;
    this.alive[a] = 0;
    this.alive[b] = 0;
    if ((a ^ 1) === b) {
      this.relate(a >> 1, 0);
    } else {
      this.relate(a >> 1, 1);
      this.relate(b >> 1, 1);
    }
  }

  /** Partner of alive vertex h in PM(x): its twin when its edge agrees, else the face vertex whose edge disagrees. */
  private referencePartner(h: number): number {
    if (this.edgeDiffers(h >> 1) === 0) return h ^ 1;
    const f1 = this.faceNext[h] as number;
    return this.edgeDiffers(f1 >> 1) === 1 ? f1 : (this.faceNext[f1] as number);
  }

  /** 1 when the endpoints of map edge e disagree in the current reference configuration, else 0. */
  private edgeDiffers(e: number): number {
    return this.spinBit(this.tail[2 * e] as number) ^ this.spinBit(this.tail[2 * e + 1] as number);
  }

  /** Dense sampling of a small piece: K restricted to it, inverted, matched vertex by vertex. */
  private sampleDense(piece: Int32Array, rng: Rng, partner: Int32Array): void {
    const m = piece.length;
    const tick = this.nextTick();
    for (let i = 0; i < m; i++) {
      this.stamp[piece[i] as number] = tick;
      this.local[piece[i] as number] = i;
    }
    const k = new Float64Array(m * m);
    const degree = new Int32Array(m + 1);
    let count = 0;
    for (let i = 0; i < m; i++) {
      const a = piece[i] as number;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (this.stamp[b] !== tick || this.alive[b] === 0) continue;
        const j = this.local[b] as number;
        k[i * m + j] = (k[i * m + j] as number) + (this.adjValue[p] as number);
        count++;
      }
      degree[i + 1] = count;
    }
    const neighbours = new Int32Array(count);
    count = 0;
    for (let i = 0; i < m; i++) {
      const a = piece[i] as number;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (this.stamp[b] !== tick || this.alive[b] === 0) continue;
        neighbours[count++] = this.local[b] as number;
      }
    }
    const lu = denseLu(k.slice(), m);
    if (!Number.isFinite(lu.logAbsDet)) this.fail(Number.NaN, m);
    const inverse = denseInverse(lu);
    const localPartner = new Int32Array(m);
    const worst = samplePerfectMatching({ n: m, k, inverse, offsets: degree, neighbours }, rng, localPartner, new Float64Array(m * m));
    if (!(worst <= PROBABILITY_TOLERANCE)) this.fail(worst, m);
    for (let i = 0; i < m; i++) {
      const j = localPartner[i] as number;
      if (i < j) this.recordMatch(piece[i] as number, piece[j] as number, partner);
    }
  }

  /**
   * Steps 1–2 for a connected piece of alive vertices: reference pairs, nested dissection, D last (the root front),
   * factorisation, and the inverse of the root's Schur complement from the root's own factor.
   */
  private prepareLevel(piece: Int32Array, lastEdges?: Int32Array): SeparatorLevel {
    const m = piece.length;
    const tick = this.nextTick();
    for (let i = 0; i < m; i++) this.stamp[piece[i] as number] = tick;
    // reference pairs: local 2p, 2p + 1
    const local = this.local;
    const placed = this.placed;
    const members = new Int32Array(m);
    // relations changed since the last level: fresh spin cache (stamps restart before they could overflow)
    if (++this.spinTick === STAMP_LIMIT) {
      this.spinStamp.fill(0);
      this.spinTick = 1;
    }
    let at = 0;
    for (let i = 0; i < m; i++) {
      const h = piece[i] as number;
      if (placed[h] === tick) continue;
      const w = this.referencePartner(h);
      if (this.stamp[w] !== tick || this.alive[w] === 0 || placed[w] === tick) {
        throw new Error(`separator sampler: the reference matching does not pair vertex ${h} inside its piece`);
      }
      placed[h] = tick;
      placed[w] = tick;
      local[h] = at;
      members[at++] = h;
      local[w] = at;
      members[at++] = w;
    }
    // entries of K restricted to the piece, each once
    let entries = 0;
    for (let i = 0; i < m; i++) {
      const a = members[i] as number;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (b > a && this.stamp[b] === tick && this.alive[b] === 1) entries++;
      }
    }
    const system: SkewEntries = { size: m, rows: new Int32Array(entries), cols: new Int32Array(entries), values: new Float64Array(entries) };
    entries = 0;
    for (let i = 0; i < m; i++) {
      const a = members[i] as number;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (b > a && this.stamp[b] === tick && this.alive[b] === 1) {
          system.rows[entries] = i;
          system.cols[entries] = local[b] as number;
          system.values[entries++] = this.adjValue[p] as number;
        }
      }
    }
    const graph = pairGraph(system);
    const orderLast = lastEdges === undefined ? undefined : Int32Array.from(lastEdges, (e) => (local[2 * e] as number) >> 1);
    const nd = nestedDissection(graph.order, graph.offsets, graph.targets, { orderLast });
    // S: the pairs of the root's chain (topChain); D: S and every pair adjacent to it
    const inD = new Uint8Array(graph.order);
    const separatorPairs: number[] = [];
    for (const node of topChain(nd)) {
      for (let q = nd.supStart[node] as number; q < (nd.supStart[node + 1] as number); q++) {
        const pair = nd.perm[q] as number;
        separatorPairs.push(pair);
        inD[pair] = 1;
      }
    }
    for (const pair of separatorPairs) {
      for (let p = graph.offsets[pair] as number; p < (graph.offsets[pair + 1] as number); p++) inD[graph.targets[p] as number] = 1;
    }
    const ordering = withRootSet(nd, inD);
    const symbolic = analyseSkew(system, graph, ordering);
    const factor = factorSkew(symbolic, system.values, { keepFactor: 'root' });
    if (factor.failedAt >= 0) this.fail(Number.NaN, m);
    // the root front is D (and rows delayed into it): its block of K_V⁻¹ is the inverse of the Schur complement on it
    const { rows: rootRows, inverse } = rootFrontInverse(factor);
    const size = rootRows.length;
    const rows = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const scalar = rootRows[i] as number;
      rows[i] = members[2 * (ordering.perm[scalar >> 1] as number) + (scalar & 1)] as number;
    }
    const separator = new Int32Array(2 * separatorPairs.length);
    separatorPairs.forEach((pair, k) => {
      separator[2 * k] = members[2 * pair] as number;
      separator[2 * k + 1] = members[2 * pair + 1] as number;
    });
    return { rows, inverse, separator };
  }

  /**
   * Step 3: S's vertices matched one by one from the inverse block M₀ = C⁻¹, conditioned after each draw. Matching
   * a–b turns the current inverse M into M + p qᵀ − q pᵀ with q = M[:, a], p = M[:, b] / M_ab (the Schur-complement
   * identity of pm-sampler.ts, written with M's skew symmetry). The updates are kept as those vectors, not applied:
   * M_t = M₀ + Σ_{s<t} (p_s q_sᵀ − q_s p_sᵀ), so a step reads two columns and a few entries of M_t in
   * O(rows · t) instead of updating all rows² entries — O(rows · |S|²) per level instead of O(rows² · |S|), and M₀
   * is never written (the top level's serves every sample).
   */
  private matchSeparator(level: SeparatorLevel, rng: Rng, partner: Int32Array): void {
    const { rows, separator, inverse } = level;
    const size = rows.length;
    // both stamps first: a restart of the counter clears the marks, so none may be set before the second one
    const tick = this.nextTick();
    const sTick = this.nextTick();
    const index = this.local;
    for (let i = 0; i < size; i++) {
      this.stamp[rows[i] as number] = tick;
      index[rows[i] as number] = i;
    }
    // Rows still needed: alive vertices of S and alive neighbours of S's unmatched vertices. A row leaves for good
    // once no unmatched S vertex is left beside it; later steps never read it, so its update entries are not formed.
    const watchers = new Int32Array(size); // unmatched S vertices at or beside each row
    const inS = this.placed;
    for (let s = 0; s < separator.length; s++) inS[separator[s] as number] = sTick;
    const watch = (a: number, delta: number): void => {
      watchers[index[a] as number]! += delta;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (this.stamp[b] === tick) watchers[index[b] as number]! += delta;
      }
    };
    let steps = 0;
    for (let s = 0; s < separator.length; s++) {
      if (this.alive[separator[s] as number] === 1) {
        watch(separator[s] as number, 1);
        steps++;
      }
    }
    const aliveRows = new Int32Array(size);
    let aliveCount = 0;
    for (let i = 0; i < size; i++) if (this.alive[rows[i] as number] === 1 && (watchers[i] as number) > 0) aliveRows[aliveCount++] = i;
    // update vectors of step t: up[t·size + i], uq[t·size + i] (rows alive after step t only)
    const up = new Float64Array(steps * size);
    const uq = new Float64Array(steps * size);
    let t = 0;
    const candidates = new Int32Array(8);
    const probabilities = new Float64Array(8);
    for (let s = 0; s < separator.length; s++) {
      const a = separator[s] as number;
      if (this.alive[a] === 0) continue;
      const ia = index[a] as number;
      let count = 0;
      let total = 0;
      for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
        const b = this.adj[p] as number;
        if (this.alive[b] === 0) continue;
        if (this.stamp[b] !== tick) throw new Error('separator sampler: a separator neighbour is outside the inverse block');
        const q = (this.adjValue[p] as number) * currentEntry(inverse, size, up, uq, t, index[b] as number, ia);
        const clipped = q > 0 ? q : 0;
        candidates[count] = b;
        probabilities[count++] = clipped;
        total += clipped;
      }
      const deviation = Math.abs(total - 1);
      if (!(deviation <= PROBABILITY_TOLERANCE)) this.fail(deviation, rows.length);
      const b = drawCandidate(rng, candidates, probabilities, count, total);
      this.recordMatch(a, b, partner);
      const ib = index[b] as number;
      watch(a, -1);
      if (inS[b] === sTick) watch(b, -1);
      let w = 0;
      for (let k = 0; k < aliveCount; k++) {
        const i = aliveRows[k] as number;
        if (i !== ia && i !== ib && (watchers[i] as number) > 0) aliveRows[w++] = i;
      }
      aliveCount = w;
      if (aliveCount > 0) {
        pairUpdate(inverse, size, up, uq, t, ia, ib, currentEntry(inverse, size, up, uq, t, ia, ib), aliveRows, aliveCount);
        t++;
      }
    }
  }

  /** Step 4: the alive vertices of `piece`, split into connected pieces (pushed on `pending`). */
  private pushPieces(piece: Int32Array, pending: Int32Array[]): void {
    const tick = this.nextTick();
    const done = this.nextTick(); // taken before marking (see matchSeparator)
    for (let i = 0; i < piece.length; i++) this.stamp[piece[i] as number] = tick;
    const queue = this.queue;
    for (let i = 0; i < piece.length; i++) {
      const s = piece[i] as number;
      if (this.alive[s] === 0 || this.stamp[s] !== tick) continue;
      let head = 0;
      let size = 0;
      queue[size++] = s;
      this.stamp[s] = done;
      while (head < size) {
        const a = queue[head++] as number;
        for (let p = this.adjOffsets[a] as number; p < (this.adjOffsets[a + 1] as number); p++) {
          const b = this.adj[p] as number;
          if (this.alive[b] === 0 || this.stamp[b] !== tick) continue;
          this.stamp[b] = done;
          queue[size++] = b;
        }
      }
      pending.push(queue.slice(0, size));
    }
  }

  private fail(residual: number, size: number): never {
    throw new ConvergenceError({
      ...this.site,
      iterations: 0,
      residual,
      what: `the separator matching sampler on a piece of ${size} expanded-dual vertices (step probabilities off by ${residual.toExponential(2)})`,
      hint: 'The couplings are too strong on frustrated cycles for the floating-point inverse; lower β or use MCMC.',
    });
  }
}

/**
 * The separator-tree nodes whose pairs form S: the root and, while a node has a single child, that child. With
 * `orderLast` the root holds only those pairs (the outer-face chords) and the piece's real separator is its only
 * child; taking both keeps the top level's big separator in the level prepared once for all samples.
 */
function topChain(ordering: NestedDissectionOrdering): number[] {
  const { count, parent } = ordering;
  const children = new Int32Array(count);
  const lastChild = new Int32Array(count).fill(-1);
  for (let t = 0; t < count; t++) {
    const p = parent[t] as number;
    if (p >= 0) {
      children[p]!++;
      lastChild[p] = t;
    }
  }
  const chain = [count - 1];
  let node = count - 1;
  while (children[node] === 1) {
    node = lastChild[node] as number;
    chain.push(node);
  }
  return chain;
}

/** `ordering` with the pairs flagged in `inRoot` moved into its root (the last tree node); same tree otherwise. */
function withRootSet(ordering: NestedDissectionOrdering, inRoot: Uint8Array): NestedDissectionOrdering {
  const { count, supStart, perm, parent } = ordering;
  const n = perm.length;
  const newPerm = new Int32Array(n);
  const newStart = new Int32Array(count + 1);
  let at = 0;
  for (let t = 0; t < count - 1; t++) {
    newStart[t] = at;
    for (let q = supStart[t] as number; q < (supStart[t + 1] as number); q++) {
      const v = perm[q] as number;
      if (inRoot[v] === 0) newPerm[at++] = v;
    }
  }
  newStart[count - 1] = at;
  for (let q = 0; q < n; q++) {
    const v = perm[q] as number;
    if (inRoot[v] === 1) newPerm[at++] = v;
  }
  newStart[count] = at;
  const iperm = new Int32Array(n);
  for (let q = 0; q < n; q++) iperm[newPerm[q] as number] = q;
  return { perm: newPerm, iperm, count, supStart: newStart, parent };
}

/** M_t[i][j] = M₀[i][j] + Σ_{s<t} (p_s[i] q_s[j] − q_s[i] p_s[j]) (see matchSeparator). */
function currentEntry(m0: Float64Array, size: number, up: Float64Array, uq: Float64Array, t: number, i: number, j: number): number {
  let x = m0[i * size + j] as number;
  for (let s = 0, o = 0; s < t; s++, o += size) x += (up[o + i] as number) * (uq[o + j] as number) - (uq[o + i] as number) * (up[o + j] as number);
  return x;
}

/**
 * Step t's update vectors on the listed rows: q_t = M_t[:, a], p_t = M_t[:, b] / M_t[a][b], with
 * M_t[i][a] = −M₀[a][i] + Σ_{s<t} (p_s[i] q_s[a] − q_s[i] p_s[a]) (M₀ skew: its row a is contiguous).
 */
function pairUpdate(m0: Float64Array, size: number, up: Float64Array, uq: Float64Array, t: number, a: number, b: number, mab: number, rows: Int32Array, count: number): void {
  const outQ = t * size;
  const rowA = a * size;
  const rowB = b * size;
  for (let k = 0; k < count; k++) {
    const i = rows[k] as number;
    uq[outQ + i] = -(m0[rowA + i] as number);
    up[outQ + i] = -(m0[rowB + i] as number);
  }
  for (let s = 0, o = 0; s < t; s++, o += size) {
    const qa = uq[o + a] as number;
    const pa = up[o + a] as number;
    const qb = uq[o + b] as number;
    const pb = up[o + b] as number;
    if (qa === 0 && pa === 0 && qb === 0 && pb === 0) continue;
    for (let k = 0; k < count; k++) {
      const i = rows[k] as number;
      const pi = up[o + i] as number;
      const qi = uq[o + i] as number;
      uq[outQ + i] = (uq[outQ + i] as number) + pi * qa - qi * pa;
      up[outQ + i] = (up[outQ + i] as number) + pi * qb - qi * pb;
    }
  }
  const scale = 1 / mab;
  for (let k = 0; k < count; k++) {
    const i = rows[k] as number;
    up[outQ + i] = (up[outQ + i] as number) * scale;
  }
}
