/**
 * Sparse factorisation of a skew-symmetric matrix K whose rows come in "pairs" (2p, 2p + 1) with K[2p][2p+1] ≠ 0
 * — the Kasteleyn matrix of an expanded dual, a pair being the two cities of an intercity edge — as K = L D Lᵀ with
 * L block unit lower triangular (2×2 blocks) and D block diagonal with skew 2×2 pivots [[0, δ], [−δ, 0]], so that
 * det K = Π δ², in a nested-dissection order of the pairs and WITHOUT pivoting (Likhosherstov, Maximov & Chertkov,
 * ICML 2019; Wilson 1997). Why no pivoting is needed: with a Pfaffian orientation and positive weights, every
 * perfect matching of the subgraph induced by a union S of pairs has the same sign (join it with the pairs outside S
 * to a perfect matching of the whole graph), so Pf K_SS is a sum of positive terms, ≥ the weight of the pairs'
 * own matching > 0; the pivots are the ratios Pf K_{S_k} / Pf K_{S_{k−1}} of successive leading pair sets and
 * never vanish in exact arithmetic. (Floating point can still lose digits through cancellation in Schur updates.)
 *
 * Multifrontal: the separator tree of `nestedDissection` (on the pair graph) is the assembly tree; the front of
 * tree node t holds its pairs S_t and the boundary B_t (later pairs adjacent to t's subtree in the filled graph),
 * stored densely (row-major, lower triangle used). Original entries and the children's update matrices (packed
 * lower triangles, on one stack) are assembled, S_t's pairs eliminated by rank-2 skew updates, and the Schur
 * complement on B_t pushed for the parent. With O(√n) planar separators: O(n^1.5) time, O(n log n) factor entries
 * (kept only when asked), O(n) working memory otherwise.
 *
 * Internal kernels: inputs are trusted (see each function's preconditions); all arrays are typed, nothing is
 * allocated inside the elimination loops.
 */
import { nestedDissection, type NestedDissectionOptions, type NestedDissectionOrdering } from './nested-dissection.js';

/** A skew-symmetric matrix by its upper or lower entries: K[rows[t]][cols[t]] = values[t] = −K[cols[t]][rows[t]]. */
export interface SkewEntries {
  /** Matrix size, even: pair p is rows 2p and 2p + 1. */
  size: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** The graph of pairs (the "collapsed graph"): pairs p ≠ q adjacent when some entry joins their rows. CSR. */
export interface PairGraph {
  order: number;
  offsets: Int32Array;
  targets: Int32Array;
}

/** Symbolic analysis: ordering, fronts, entry placement. Reusable for any values on the same (rows, cols). */
export interface SkewSymbolic {
  /** Number of pairs (size / 2). */
  pairs: number;
  ordering: NestedDissectionOrdering;
  /** Boundary B_t of front t: positions boundary[boundaryPtr[t] .. boundaryPtr[t + 1]), ascending. */
  boundaryPtr: Int32Array;
  boundary: Int32Array;
  /** Children of tree node t: children[childPtr[t] .. childPtr[t + 1]), ascending. */
  childPtr: Int32Array;
  children: Int32Array;
  /**
   * Entries grouped by the position of the earlier pair (their column in the lower triangle): slots
   * entryPtr[q] .. entryPtr[q + 1]; each slot is K'[entryRow][entryCol] = entrySign · values[entrySource] in the
   * permuted scalar numbering (pair at position q → rows 2q, 2q + 1), entryRow > entryCol.
   */
  entryPtr: Int32Array;
  entryRow: Int32Array;
  entryCol: Int32Array;
  entrySource: Int32Array;
  entrySign: Float64Array;
  /** Largest front, in scalar rows. */
  maxFront: number;
  /** Doubles needed by the update-matrix stack at its peak. */
  stackSize: number;
  /** Off-diagonal 2×2 blocks of L (pair-level fill): Σ_t s_t b_t + s_t (s_t − 1) / 2. */
  blocksL: number;
  /** Doubles needed to keep L (two per scalar row below each pivot pair). */
  factorSize: number;
  /** Σ_t (2 s_t) (2 s_t + 2 b_t)² / 2: multiply-adds of the elimination, for reports. */
  flops: number;
}

export interface SkewFactor {
  symbolic: SkewSymbolic;
  /** log|det K| = 2 Σ log|δ|; NaN when a pivot vanished or was not finite (then `failedAt` ≥ 0). */
  logAbsDet: number;
  /** Elimination index of the first 2×2 pivot that was zero or not finite, −1 if none. */
  failedAt: number;
  /** δ of the k-th 2×2 pivot in elimination order (scalars scalarOrder[2k], scalarOrder[2k + 1]). */
  pivots: Float64Array;
  /**
   * Elimination order: the scalar eliminated x-th is permuted scalar scalarOrder[x] (pair position q ↔ scalars
   * 2q, 2q + 1); the identity with `pivoting: 'matched'`.
   */
  scalarOrder: Int32Array;
  /** Smallest |δ| / (largest |entry| of the pivot's two columns at elimination): a cheap conditioning indicator. */
  minRelativePivot: number;
  /** Fully summed scalars handed to the parent front, summed over fronts (a row delayed twice counts twice). */
  delayedScalars: number;
  /** Fronts that delayed at least one row. */
  delayingFronts: number;
  /** Largest front actually factorised, in scalar rows (≥ symbolic.maxFront when rows were delayed). */
  maxFrontUsed: number;
  /** Σ over fronts of (pivots) · m²: multiply-adds of the elimination as it ran, for reports. */
  flops: number;
  /** What of L was kept: `keepFactor` as given (false when not asked). */
  kept: boolean | 'root';
  /**
   * L panels (when kept): front t at panelStart[t]; per pivot, (L_i0, L_i1) for each later row i of the front. With
   * kept 'root' only the last front's panel is filled (the others are empty).
   */
  panels: Float64Array | null;
  panelStart: Float64Array | null;
  /** Rows of each front (when kept), as permuted scalar ids in local order: frontRows[frontRowStart[t] ..]. */
  frontRows: Int32Array | null;
  frontRowStart: Float64Array | null;
  /** Rows (m) and 2×2 pivots of each front (when kept). */
  frontSize: Int32Array | null;
  frontPivots: Int32Array | null;
}

export interface FactorSkewOptions {
  /**
   * Keep L for selected inversion (memory: about symbolic.factorSize doubles, more with delayed rows); 'root' keeps
   * only the last front's panel (enough to invert the root's Schur complement). @default false
   */
  keepFactor?: boolean | 'root';
  /**
   * 'delayed': threshold pivoting with delayed pivots (Duff & Reid 1983, multifrontal; Bunch 1982 for the skew 2×2
   * pivot): inside each front the natural pair (the matched pair the ordering put next) is the pivot when its entry
   * reaches 0.1 × the largest |entry| of its two columns over all the front's active rows; otherwise the largest
   * entry K_ij of the fully summed block is, when |K_ij| ≥ u · (largest |entry| of columns i and j), else the
   * fully summed pair with the largest such ratio; when no pair reaches u, the remaining fully summed rows are
   * handed to the parent front, where more of their row is summed (a root front accepts any nonzero pivot). This
   * bounds every entry of L by 1/u, hence the element growth, at the cost of larger fronts for the delayed rows.
   * 'front': the largest entry of the fully summed block, no threshold, no delays (growth unbounded in the
   * boundary rows). 'matched': each pair is its own 2×2 pivot, in the nested-dissection order (no pivoting at all).
   * @default 'delayed'
   */
  pivoting?: 'delayed' | 'front' | 'matched';
  /** Threshold u ∈ (0, 1] of 'delayed' pivoting: larger is more stable and delays more. @default 0.01 */
  pivotThreshold?: number;
}

/** The pair graph of K's pattern (duplicates and pair-internal entries dropped). O(entries). */
export function pairGraph(system: SkewEntries): PairGraph {
  const { rows, cols } = system;
  const n = system.size >> 1;
  const degree = new Int32Array(n + 1);
  const count = rows.length;
  for (let t = 0; t < count; t++) {
    const a = (rows[t] as number) >> 1;
    const b = (cols[t] as number) >> 1;
    if (a === b) continue;
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
  }
  const raw = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) raw[v + 1] = (raw[v] as number) + (degree[v] as number);
  const fill = raw.slice(0, n);
  const all = new Int32Array(raw[n] as number);
  for (let t = 0; t < count; t++) {
    const a = (rows[t] as number) >> 1;
    const b = (cols[t] as number) >> 1;
    if (a === b) continue;
    all[fill[a] as number] = b;
    fill[a] = (fill[a] as number) + 1;
    all[fill[b] as number] = a;
    fill[b] = (fill[b] as number) + 1;
  }
  // drop repeated neighbours
  const mark = new Int32Array(n).fill(-1);
  const offsets = new Int32Array(n + 1);
  let at = 0;
  for (let v = 0; v < n; v++) {
    offsets[v] = at;
    for (let p = raw[v] as number; p < (raw[v + 1] as number); p++) {
      const w = all[p] as number;
      if (mark[w] === v) continue;
      mark[w] = v;
      all[at++] = w;
    }
  }
  offsets[n] = at;
  return { order: n, offsets, targets: all.slice(0, at) };
}

/** Pair graph + nested dissection + symbolic analysis in one call. */
export function analyseSkewSystem(system: SkewEntries, options: NestedDissectionOptions = {}): SkewSymbolic {
  const graph = pairGraph(system);
  const ordering = nestedDissection(graph.order, graph.offsets, graph.targets, options);
  return analyseSkew(system, graph, ordering);
}

/**
 * Fronts and entry placement for `ordering` (a nested-dissection ordering of `graph`, the pair graph of `system`:
 * separators must separate, which `nestedDissection` guarantees). O(Σ front sizes · log).
 */
export function analyseSkew(system: SkewEntries, graph: PairGraph, ordering: NestedDissectionOrdering): SkewSymbolic {
  const n = graph.order;
  const { perm, iperm, count, supStart, parent } = ordering;
  const { offsets, targets } = graph;
  // children lists
  const childPtr = new Int32Array(count + 1);
  for (let t = 0; t < count; t++) {
    const p = parent[t] as number;
    if (p >= 0) childPtr[p + 1] = (childPtr[p + 1] as number) + 1;
  }
  for (let t = 0; t < count; t++) childPtr[t + 1] = (childPtr[t + 1] as number) + (childPtr[t] as number);
  const children = new Int32Array(childPtr[count] as number);
  const childFill = childPtr.slice(0, count);
  for (let t = 0; t < count; t++) {
    const p = parent[t] as number;
    if (p >= 0) {
      children[childFill[p] as number] = t;
      childFill[p] = (childFill[p] as number) + 1;
    }
  }
  // boundaries, bottom-up
  const boundaryPtr = new Int32Array(count + 1);
  let boundary = new Int32Array(Math.max(16, 4 * n));
  let used = 0;
  const mark = new Int32Array(n).fill(-1);
  let maxFront = 0;
  let stackTop = 0;
  let stackSize = 0;
  let blocksL = 0;
  let factorSize = 0;
  let flops = 0;
  const updateAt = new Float64Array(count);
  for (let t = 0; t < count; t++) {
    const s0 = supStart[t] as number;
    const s1 = supStart[t + 1] as number;
    for (let q = s0; q < s1; q++) mark[q] = t;
    const start = used;
    const ensure = (extra: number): void => {
      if (used + extra <= boundary.length) return;
      const bigger = new Int32Array(Math.max(2 * boundary.length, used + extra));
      bigger.set(boundary.subarray(0, used));
      boundary = bigger;
    };
    for (let k = childPtr[t] as number; k < (childPtr[t + 1] as number); k++) {
      const c = children[k] as number;
      const b0 = boundaryPtr[c] as number;
      const b1 = boundaryPtr[c + 1] as number;
      ensure(b1 - b0);
      for (let i = b0; i < b1; i++) {
        const q = boundary[i] as number;
        if (mark[q] === t) continue;
        mark[q] = t;
        boundary[used++] = q;
      }
    }
    for (let q = s0; q < s1; q++) {
      const v = perm[q] as number;
      const o0 = offsets[v] as number;
      const o1 = offsets[v + 1] as number;
      ensure(o1 - o0);
      for (let p = o0; p < o1; p++) {
        const r = iperm[targets[p] as number] as number;
        if (r < s1 || mark[r] === t) continue;
        mark[r] = t;
        boundary[used++] = r;
      }
    }
    boundary.subarray(start, used).sort();
    boundaryPtr[t + 1] = used;
    const s = s1 - s0;
    const b = used - start;
    const m = 2 * (s + b);
    if (m > maxFront) maxFront = m;
    blocksL += s * b + (s * (s - 1)) / 2;
    for (let k = 0; k < s; k++) factorSize += 2 * (m - 2 * k - 2);
    flops += 2 * s * ((m * m) / 2);
    // update stack: children popped, t's update pushed
    const firstChild = (childPtr[t + 1] as number) > (childPtr[t] as number) ? (children[childPtr[t] as number] as number) : -1;
    const base = firstChild >= 0 ? (updateAt[firstChild] as number) : stackTop;
    updateAt[t] = base;
    stackTop = base + (2 * b * (2 * b - 1)) / 2;
    if (stackTop > stackSize) stackSize = stackTop;
    // a child's update stays on the stack while its later siblings' subtrees run: the peak includes them
  }
  // entries, grouped by the earlier pair's position
  const { rows, cols } = system;
  const entries = rows.length;
  const entryPtr = new Int32Array(n + 1);
  for (let t = 0; t < entries; t++) {
    const pa = iperm[(rows[t] as number) >> 1] as number;
    const pb = iperm[(cols[t] as number) >> 1] as number;
    const q = pa < pb ? pa : pb;
    entryPtr[q + 1] = (entryPtr[q + 1] as number) + 1;
  }
  for (let q = 0; q < n; q++) entryPtr[q + 1] = (entryPtr[q + 1] as number) + (entryPtr[q] as number);
  const slotFill = entryPtr.slice(0, n);
  const entryRow = new Int32Array(entries);
  const entryCol = new Int32Array(entries);
  const entrySource = new Int32Array(entries);
  const entrySign = new Float64Array(entries);
  for (let t = 0; t < entries; t++) {
    const a = rows[t] as number;
    const c = cols[t] as number;
    const sa = 2 * (iperm[a >> 1] as number) + (a & 1);
    const sc = 2 * (iperm[c >> 1] as number) + (c & 1);
    const q = (sa < sc ? sa : sc) >> 1;
    const slot = slotFill[q] as number;
    slotFill[q] = slot + 1;
    entrySource[slot] = t;
    if (sa > sc) {
      entryRow[slot] = sa;
      entryCol[slot] = sc;
      entrySign[slot] = 1;
    } else {
      entryRow[slot] = sc;
      entryCol[slot] = sa;
      entrySign[slot] = -1;
    }
  }
  return {
    pairs: n,
    ordering,
    boundaryPtr,
    boundary: boundary.slice(0, used),
    childPtr,
    children,
    entryPtr,
    entryRow,
    entryCol,
    entrySource,
    entrySign,
    maxFront,
    stackSize,
    blocksL,
    factorSize,
    flops,
  };
}

/**
 * Numeric factorisation of K (values of the same rows/cols `symbolic` was built from). Returns log|det K|; with
 * `keepFactor`, L and the pivots for selected inversion (selected-inversion.ts). A zero or non-finite pivot (impossible in exact arithmetic for a
 * Kasteleyn matrix with positive weights; see the module note) stops the factorisation with logAbsDet NaN.
 *
 * With `pivoting: 'delayed'` (the default) fronts may grow beyond `symbolic.maxFront` (delayed rows); the working
 * buffers then grow once per front that needs it, never inside the elimination loops.
 */
export function factorSkew(symbolic: SkewSymbolic, values: Float64Array, options: FactorSkewOptions = {}): SkewFactor {
  const keep = options.keepFactor === true || options.keepFactor === 'root';
  const keepAll = options.keepFactor === true;
  const mode = options.pivoting ?? 'delayed';
  const threshold = mode === 'delayed' ? (options.pivotThreshold ?? DEFAULT_PIVOT_THRESHOLD) : 0;
  const abs = Math.abs;
  const log = Math.log;
  const { pairs, ordering, boundaryPtr, boundary, childPtr, children, entryPtr, entryRow, entryCol, entrySource, entrySign } = symbolic;
  const { count, supStart, parent } = ordering;
  const n = 2 * pairs;
  // working buffers, sized for the largest front of the symbolic analysis; grown (between fronts) by delayed rows
  let cap = Math.max(2, symbolic.maxFront);
  let front = new Float64Array(cap * cap);
  let gamma = new Float64Array(cap);
  let map = new Int32Array(cap);
  let rowId = new Int32Array(cap);
  let ga = new Float64Array(GROUP * cap);
  let gb = new Float64Array(GROUP * cap);
  let gta = new Float64Array(GROUP * cap);
  let gtb = new Float64Array(GROUP * cap);
  const loc = new Int32Array(pairs);
  let stack = new Float64Array(Math.max(16, symbolic.stackSize));
  const updateAt = new Float64Array(count);
  // delayed rows handed by each front to its parent: delayList[delayStart[t] .. + delayCount[t]) (scalar ids)
  const delayStart = new Int32Array(count);
  const delayCount = new Int32Array(count);
  let delayList = new Int32Array(16);
  let delayTop = 0;
  const pivots = new Float64Array(pairs);
  const scalarOrder = new Int32Array(n);
  // kept factor: L panels, and per front its rows (scalar ids, local order), size and pivot count
  let panels: Float64Array | null = keep ? new Float64Array(keepAll ? Math.max(16, symbolic.factorSize) : 16) : null;
  const panelStart = keep ? new Float64Array(count + 1) : null;
  let frontRows: Int32Array | null = keep ? new Int32Array(16) : null;
  const frontRowStart = keep ? new Float64Array(count + 1) : null;
  const frontSize = keep ? new Int32Array(count) : null;
  const frontPivots = keep ? new Int32Array(count) : null;
  let panelAt = 0;
  let rowsAt = 0;
  let stackTop = 0;
  let eliminated = 0; // scalars eliminated so far (the pivoted index of the next one)
  let logDet = 0;
  let failedAt = -1;
  let minRelative = Infinity;
  let delayedScalars = 0;
  let delayingFronts = 0;
  let maxFrontUsed = 0;
  let flops = 0;
  for (let t = 0; t < count && failedAt < 0; t++) {
    const s0 = supStart[t] as number;
    const s1 = supStart[t + 1] as number;
    const s = s1 - s0;
    const b0 = boundaryPtr[t] as number;
    const b1 = boundaryPtr[t + 1] as number;
    const b = b1 - b0;
    const k0 = childPtr[t] as number;
    const k1 = childPtr[t + 1] as number;
    let delayedIn = 0;
    for (let k = k0; k < k1; k++) delayedIn += delayCount[children[k] as number] as number;
    const fully = 2 * s + delayedIn; // fully summed rows: S_t's, then the children's delayed ones
    const m = fully + 2 * b;
    if (m > maxFrontUsed) maxFrontUsed = m;
    if (m > cap) {
      cap = Math.max(m, Math.ceil(1.25 * cap));
      front = new Float64Array(cap * cap);
      gamma = new Float64Array(cap);
      map = new Int32Array(cap);
      rowId = new Int32Array(cap);
      ga = new Float64Array(GROUP * cap);
      gb = new Float64Array(GROUP * cap);
      gta = new Float64Array(GROUP * cap);
      gtb = new Float64Array(GROUP * cap);
    }
    // local rows: S_t's scalars (loc[q] = first local row of pair q), the delayed rows, then B_t's scalars
    for (let q = s0; q < s1; q++) {
      const l = 2 * (q - s0);
      loc[q] = l;
      rowId[l] = 2 * q;
      rowId[l + 1] = 2 * q + 1;
    }
    let at = 2 * s;
    for (let k = k0; k < k1; k++) {
      const c = children[k] as number;
      const d0 = delayStart[c] as number;
      for (let i = 0, d = delayCount[c] as number; i < d; i++) rowId[at++] = delayList[d0 + i] as number;
    }
    for (let i = b0; i < b1; i++) {
      const q = boundary[i] as number;
      const l = fully + 2 * (i - b0);
      loc[q] = l;
      rowId[l] = 2 * q;
      rowId[l + 1] = 2 * q + 1;
    }
    for (let i = 0; i < m; i++) front.fill(0, i * m, i * m + i);
    // original entries of S_t's columns (the later row is in S_t or B_t, so its local row is the larger)
    for (let q = s0; q < s1; q++) {
      for (let k = entryPtr[q] as number, end = entryPtr[q + 1] as number; k < end; k++) {
        const r = entryRow[k] as number;
        const c = entryCol[k] as number;
        const lr = (loc[r >> 1] as number) + (r & 1);
        const lc = (loc[c >> 1] as number) + (c & 1);
        front[lr * m + lc] = (front[lr * m + lc] as number) + (entrySign[k] as number) * (values[entrySource[k] as number] as number);
      }
    }
    // extend-add the children's update matrices (the top of the stack): their delayed rows, then their boundary
    at = 2 * s;
    for (let k = k0; k < k1; k++) {
      const c = children[k] as number;
      const c0 = boundaryPtr[c] as number;
      const d = delayCount[c] as number;
      const nu = d + 2 * ((boundaryPtr[c + 1] as number) - c0);
      for (let i = 0; i < d; i++) map[i] = at++;
      for (let i = d; i < nu; i++) map[i] = (loc[boundary[c0 + ((i - d) >> 1)] as number] as number) + ((i - d) & 1);
      let u = updateAt[c] as number;
      if (d === 0) {
        // boundary rows only: map is increasing, the packed lower triangle lands in the lower triangle
        for (let i = 1; i < nu; i++) {
          const row = (map[i] as number) * m;
          for (let j = 0; j < i; j++) {
            const a = row + (map[j] as number);
            front[a] = (front[a] as number) + (stack[u++] as number);
          }
        }
      } else {
        for (let i = 1; i < nu; i++) {
          const ri = map[i] as number;
          for (let j = 0; j < i; j++) {
            const rj = map[j] as number;
            if (ri > rj) front[ri * m + rj] = (front[ri * m + rj] as number) + (stack[u++] as number);
            else front[rj * m + ri] = (front[rj * m + ri] as number) - (stack[u++] as number);
          }
        }
      }
    }
    if (k1 > k0) stackTop = updateAt[children[k0] as number] as number;
    // eliminate: 2×2 skew pivots among the fully summed rows; with a threshold, a front whose remaining fully
    // summed rows offer no acceptable pivot hands them to its parent (a root front accepts every nonzero pivot)
    const u = parent[t] === -1 ? 0 : threshold;
    const sEnd = fully;
    // Updates are grouped: each eliminated pair's rank-2 update of the rest of the front waits in a slot (its L
    // column and its column scaled by 1/δ) until GROUP of them are applied together (flushPending). A row/column
    // ("line") that the pivot choice reads is brought up to date alone first (makeLineCurrent).
    let p = 0;
    let pending = 0;
    while (p < sEnd) {
      // 'delayed' and 'matched' try the natural pair (p, p + 1) first: the matching pair the ordering put there
      let natural = false;
      if (mode !== 'front') {
        makeLineCurrent(front, m, p, p, cap, pending, ga, gb, gta, gtb);
        makeLineCurrent(front, m, p, p + 1, cap, pending, ga, gb, gta, gtb);
        if (mode === 'matched') natural = true;
        else {
          const d = abs(front[(p + 1) * m + p] as number);
          const limit = Math.max(activeColumnMax(front, m, p, p), activeColumnMax(front, m, p, p + 1));
          natural = d > 0 && d >= NATURAL_PIVOT_THRESHOLD * limit;
        }
      }
      if (!natural) {
        // complete pivoting over the up-to-date block: the largest entry of the remaining fully summed block
        // (Bunch 1982), first in row-major order
        if (pending > 0) {
          flushPending(front, m, p, cap, pending, ga, gb, gta, gtb);
          pending = 0;
        }
        let bi = p + 1;
        let bj = p;
        let best = abs(front[(p + 1) * m + p] as number);
        for (let i = p + 1; i < sEnd; i++) {
          const row = i * m;
          for (let j = p; j < i; j++) {
            const x = abs(front[row + j] as number);
            if (x > best) {
              best = x;
              bi = i;
              bj = j;
            }
          }
        }
        if (u > 0) {
          // threshold test against the two columns' largest entries over all active rows (boundary included)
          const limit = Math.max(activeColumnMax(front, m, p, bi), activeColumnMax(front, m, p, bj));
          if (!(best >= u * limit)) {
            // best ratio |K_ij| / max(γ_i, γ_j) over all fully summed pairs
            gamma.fill(0, p, sEnd);
            for (let i = p + 1; i < m; i++) {
              const row = i * m;
              const jEnd = i < sEnd ? i : sEnd;
              let gi = gamma[i] as number;
              for (let j = p; j < jEnd; j++) {
                const x = abs(front[row + j] as number);
                if (x > (gamma[j] as number)) gamma[j] = x;
                if (x > gi) gi = x;
              }
              if (i < sEnd) gamma[i] = gi;
            }
            let num = 0;
            let den = 1;
            for (let i = p + 1; i < sEnd; i++) {
              const row = i * m;
              const gi = gamma[i] as number;
              for (let j = p; j < i; j++) {
                const x = abs(front[row + j] as number);
                const g = gi > (gamma[j] as number) ? gi : (gamma[j] as number);
                if (x * den > num * g) {
                  num = x;
                  den = g;
                  bi = i;
                  bj = j;
                }
              }
            }
            if (!(num >= u * den)) break; // delay the remaining fully summed rows
          }
        }
        if (bj !== p) swapSkew(front, m, p, bj, rowId);
        if (bi !== p + 1) swapSkew(front, m, p + 1, bi, rowId);
      }
      const delta = -(front[(p + 1) * m + p] as number);
      if (!(delta !== 0 && delta - delta === 0)) {
        failedAt = eliminated >> 1;
        break;
      }
      pivots[eliminated >> 1] = delta;
      scalarOrder[eliminated] = rowId[p] as number;
      scalarOrder[eliminated + 1] = rowId[p + 1] as number;
      eliminated += 2;
      logDet += log(abs(delta));
      const inv = 1 / delta;
      // the pair's update K ← K − (a bᵀ − b aᵀ)/δ of every later line, kept in a slot; the same pass finds the
      // largest entry of the two pivot columns for the conditioning indicator
      const slot = pending * cap;
      let colMax = abs(delta);
      for (let i = p + 2; i < m; i++) {
        const ai = front[i * m + p] as number;
        const bi = front[i * m + p + 1] as number;
        const x = abs(ai) > abs(bi) ? abs(ai) : abs(bi);
        if (x > colMax) colMax = x;
        ga[slot + i] = ai;
        gb[slot + i] = bi;
        gta[slot + i] = ai * inv;
        gtb[slot + i] = bi * inv;
      }
      const rel = abs(delta) / colMax;
      if (rel < minRelative) minRelative = rel;
      pending++;
      p += 2;
      if (pending === GROUP) {
        flushPending(front, m, p, cap, pending, ga, gb, gta, gtb);
        pending = 0;
      }
    }
    if (failedAt >= 0) break;
    if (pending > 0) flushPending(front, m, p, cap, pending, ga, gb, gta, gtb);
    flops += (p / 2) * m * m;
    // rows left: the delayed ones (p .. sEnd − 1) and the boundary
    const delayed = sEnd - p;
    if (delayed > 0) {
      delayedScalars += delayed;
      delayingFronts++;
    }
    if (delayTop + delayed > delayList.length) delayList = growInt(delayList, delayTop + delayed);
    delayStart[t] = delayTop;
    delayCount[t] = delayed;
    for (let i = p; i < sEnd; i++) delayList[delayTop++] = rowId[i] as number;
    if (panels !== null && panelStart !== null && frontRows !== null && frontRowStart !== null && frontSize !== null && frontPivots !== null) {
      // L from the eliminated columns (final only now: later pivot swaps permute their rows); 'root': the last front's
      panelStart[t] = panelAt;
      let need = 0;
      if (keepAll || t === count - 1) for (let k = 0; k < p; k += 2) need += 2 * (m - k - 2);
      if (panelAt + need > panels.length) panels = growFloat(panels, panelAt + need);
      for (let k = 0; k < p && need > 0; k += 2) {
        const inv = 1 / (front[k * m + m + k] as number);
        for (let i = k + 2; i < m; i++) {
          panels[panelAt++] = -(front[i * m + k + 1] as number) * inv;
          panels[panelAt++] = (front[i * m + k] as number) * inv;
        }
      }
      if (rowsAt + m > frontRows.length) frontRows = growInt(frontRows, rowsAt + m);
      frontRowStart[t] = rowsAt;
      frontRows.set(rowId.subarray(0, m), rowsAt);
      rowsAt += m;
      frontSize[t] = m;
      frontPivots[t] = p >> 1;
    }
    // push the Schur complement on the delayed rows and B_t (packed lower triangle)
    updateAt[t] = stackTop;
    const rest = m - p;
    const need = stackTop + (rest * (rest - 1)) / 2;
    if (need > stack.length) stack = growFloat(stack, need, stackTop);
    for (let i = 1; i < rest; i++) {
      const row = (p + i) * m + p;
      for (let j = 0; j < i; j++) stack[stackTop++] = front[row + j] as number;
    }
  }
  if (panelStart !== null) panelStart[count] = panelAt;
  if (frontRowStart !== null) frontRowStart[count] = rowsAt;
  return {
    symbolic,
    logAbsDet: failedAt >= 0 ? Number.NaN : 2 * logDet,
    failedAt,
    pivots,
    scalarOrder,
    minRelativePivot: minRelative,
    delayedScalars,
    delayingFronts,
    maxFrontUsed,
    flops,
    kept: keepAll ? true : keep ? 'root' : false,
    panels,
    panelStart,
    frontRows,
    frontRowStart,
    frontSize,
    frontPivots,
  };
}

/** Largest |entry| of column c of the active part (rows and columns ≥ p) of a skew front, c itself excluded. */
function activeColumnMax(front: Float64Array, m: number, p: number, c: number): number {
  let best = 0;
  const row = c * m;
  for (let j = p; j < c; j++) {
    const x = Math.abs(front[row + j] as number);
    if (x > best) best = x;
  }
  for (let i = c + 1; i < m; i++) {
    const x = Math.abs(front[i * m + c] as number);
    if (x > best) best = x;
  }
  return best;
}

/**
 * Symmetric swap of rows and columns x < y of a skew-symmetric matrix held in the lower triangle of `front`
 * (row-major, stride m), and of ids[x], ids[y].
 */
function swapSkew(front: Float64Array, m: number, x: number, y: number, ids: Int32Array): void {
  const rx = x * m;
  const ry = y * m;
  for (let k = 0; k < x; k++) {
    const t = front[rx + k] as number;
    front[rx + k] = front[ry + k] as number;
    front[ry + k] = t;
  }
  for (let k = x + 1; k < y; k++) {
    const t = front[k * m + x] as number;
    front[k * m + x] = -(front[ry + k] as number);
    front[ry + k] = -t;
  }
  front[ry + x] = -(front[ry + x] as number);
  for (let k = y + 1; k < m; k++) {
    const t = front[k * m + x] as number;
    front[k * m + x] = front[k * m + y] as number;
    front[k * m + y] = t;
  }
  const t = ids[x] as number;
  ids[x] = ids[y] as number;
  ids[y] = t;
}

function growInt(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

function growFloat(a: Float64Array, need: number, used = a.length): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(need, 2 * a.length));
  b.set(a.subarray(0, used));
  return b;
}

/** Pivot pairs whose updates of the boundary × boundary block are applied together (a rank-2·GROUP update). */
const GROUP = 4;

/**
 * The natural pair (p, p + 1) of a front is its pivot when |δ| ≥ this × the largest |entry| of its two columns;
 * otherwise the pivot is searched over the whole up-to-date block. Stricter than the delayed-pivoting threshold,
 * so the natural pivots bound L's entries by 1/0.1.
 */
const NATURAL_PIVOT_THRESHOLD = 0.1;

/** Default threshold u of `pivoting: 'delayed'`. */
const DEFAULT_PIVOT_THRESHOLD = 0.01;

/**
 * The pending group's update of the lines from `from` on: front[i][j] −= Σ_g (a_g[i] tb_g[j] − b_g[i] ta_g[j]) for
 * from ≤ j < i < m, slot g at offset g·stride (`pending` used; the rest are cleared here first). A line brought up
 * to date by makeLineCurrent has zeros in every slot and is left as it is.
 */
function flushPending(front: Float64Array, m: number, from: number, stride: number, pending: number, ga: Float64Array, gb: Float64Array, gta: Float64Array, gtb: Float64Array): void {
  for (let r = pending; r < GROUP; r++) {
    ga.fill(0, r * stride + from, r * stride + m);
    gb.fill(0, r * stride + from, r * stride + m);
    gta.fill(0, r * stride + from, r * stride + m);
    gtb.fill(0, r * stride + from, r * stride + m);
  }
  const s1 = stride;
  const s2 = 2 * stride;
  const s3 = 3 * stride;
  for (let i = from + 1; i < m; i++) {
    const a0 = ga[i] as number;
    const b0 = gb[i] as number;
    const a1 = ga[s1 + i] as number;
    const b1 = gb[s1 + i] as number;
    const a2 = ga[s2 + i] as number;
    const b2 = gb[s2 + i] as number;
    const a3 = ga[s3 + i] as number;
    const b3 = gb[s3 + i] as number;
    if (a0 === 0 && b0 === 0 && a1 === 0 && b1 === 0 && a2 === 0 && b2 === 0 && a3 === 0 && b3 === 0) continue;
    const row = i * m;
    for (let j = from; j < i; j++) {
      const u =
        a0 * (gtb[j] as number) - b0 * (gta[j] as number) +
        a1 * (gtb[s1 + j] as number) - b1 * (gta[s1 + j] as number) +
        a2 * (gtb[s2 + j] as number) - b2 * (gta[s2 + j] as number) +
        a3 * (gtb[s3 + j] as number) - b3 * (gta[s3 + j] as number);
      front[row + j] = (front[row + j] as number) - u;
    }
  }
}

/**
 * Brings line c (≥ p) up to date with the pending slots — its row part (c, j), p ≤ j < c, and its column part
 * (i, c), i > c — then clears c in every slot, so that no later flush or line update applies them twice (the
 * update of entry (i, j) is skew-consistent, so either of its two lines may carry it).
 */
function makeLineCurrent(front: Float64Array, m: number, p: number, c: number, stride: number, pending: number, ga: Float64Array, gb: Float64Array, gta: Float64Array, gtb: Float64Array): void {
  for (let g = 0; g < pending; g++) {
    const o = g * stride;
    const ac = ga[o + c] as number;
    const bc = gb[o + c] as number;
    const tac = gta[o + c] as number;
    const tbc = gtb[o + c] as number;
    if (ac !== 0 || bc !== 0) {
      const row = c * m;
      for (let j = p; j < c; j++) front[row + j] = (front[row + j] as number) - (ac * (gtb[o + j] as number) - bc * (gta[o + j] as number));
    }
    if (tac !== 0 || tbc !== 0) {
      for (let i = c + 1; i < m; i++) front[i * m + c] = (front[i * m + c] as number) - ((ga[o + i] as number) * tbc - (gb[o + i] as number) * tac);
    }
    ga[o + c] = 0;
    gb[o + c] = 0;
    gta[o + c] = 0;
    gtb[o + c] = 0;
  }
}
