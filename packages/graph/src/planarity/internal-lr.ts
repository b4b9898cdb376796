/**
 * @internal The left–right (LR) planarity kernel: orientation, testing and embedding phases of Brandes' algorithm,
 * written as three iterative depth-first searches over typed arrays.
 *
 * Preconditions (not checked): the input is an undirected graph without self-loops given as a CSR over half-edges
 * (`targets[p]`, `edgeIds[p]` for `p` in `[offsets[v], offsets[v+1])`), every edge id in `[0, m)` appearing in
 * exactly two half-edges, one in each endpoint's row. Rows need not be sorted. The early `m > 3n − 6` rejection
 * assumes the graph is simple; callers that may hold parallel edges must remove them first.
 *
 * Reference: U. Brandes, "The Left-Right Planarity Test", 2009 (manuscript); H. de Fraysseix and P. Rosenstiehl,
 * "A characterization of planar graphs by Trémaux orders", Combinatorica 5 (1985).
 */

/** A rotation system aligned with the input CSR rows (see `PlanarEmbedding`). */
export interface LrRotation {
  rotation: Int32Array;
  rotationEdgeIds: Int32Array;
}

/**
 * Scratch arrays for the LR kernel, reusable across calls on graphs with at most `nCap` nodes and `mCap` edges
 * (the Kuratowski extraction runs many tests on shrinking graphs and would otherwise spend its time in the
 * allocator). Per-edge arrays are shared between phases where lifetimes allow (lowpt2 becomes lowptEdge, the sort
 * scratch becomes stackBottom), since on large graphs fresh memory costs about as much as the search itself.
 */
export interface LrWorkspace {
  readonly nCap: number;
  readonly mCap: number;
  readonly height: Int32Array;
  readonly parentEdge: Int32Array;
  readonly iter: Int32Array;
  readonly nodeStack: Int32Array;
  readonly roots: Int32Array;
  readonly outOffsets: Int32Array;
  readonly tail: Int32Array;
  readonly head: Int32Array;
  readonly lowpt: Int32Array;
  readonly lowpt2: Int32Array;
  readonly nesting: Int32Array;
  readonly outEdges: Int32Array;
  readonly scratch: Int32Array;
  readonly ref: Int32Array;
  readonly side: Int8Array;
  /** Counting-sort buckets; grown on demand (2n + 3 to test, 4n + 6 to embed). */
  count: Int32Array;
  /** Conflict pairs, four ints each (left low, left high, right low, right high); grown on demand. */
  pairs: Int32Array;
}

/** Allocates LR scratch space for graphs with at most `nCap` nodes and `mCap` edges. */
export function createLrWorkspace(nCap: number, mCap: number): LrWorkspace {
  return {
    nCap,
    mCap,
    height: new Int32Array(nCap),
    parentEdge: new Int32Array(nCap),
    iter: new Int32Array(nCap),
    nodeStack: new Int32Array(nCap),
    roots: new Int32Array(nCap),
    outOffsets: new Int32Array(nCap + 1),
    tail: new Int32Array(mCap),
    head: new Int32Array(mCap),
    lowpt: new Int32Array(mCap),
    lowpt2: new Int32Array(mCap),
    nesting: new Int32Array(mCap),
    outEdges: new Int32Array(mCap),
    scratch: new Int32Array(mCap),
    ref: new Int32Array(mCap),
    side: new Int8Array(mCap),
    count: new Int32Array(0),
    pairs: new Int32Array(0),
  };
}

/** True when the CSR graph is planar. O(n + m) time; O(n + m) memory unless a workspace is passed. */
export function lrIsPlanar(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  edgeIds: Int32Array,
  m: number,
  workspace?: LrWorkspace,
): boolean {
  if (n > 2 && m > 3 * n - 6) return false;
  const ws = workspace ?? createLrWorkspace(n, m);
  return runLr(ws, n, offsets, targets, edgeIds, m, false) !== null;
}

/** A clockwise rotation system of the CSR graph, or null when it is not planar. O(n + m). */
export function lrEmbed(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  edgeIds: Int32Array,
  m: number,
): LrRotation | null {
  if (n > 2 && m > 3 * n - 6) return null;
  const result = runLr(createLrWorkspace(n, m), n, offsets, targets, edgeIds, m, true);
  return result === null || result === true ? null : result;
}

/**
 * Stable counting sort of the oriented edges by `key[e]` (in `[keyMin, keyMin + keyRange)`), distributed into
 * per-tail buckets: `outEdges[outOffsets[v] .. outOffsets[v+1])` lists the edges leaving `v` by increasing key.
 * Linear, replacing the comparison sort a direct transcription would use.
 */
function bucketByTail(
  n: number,
  m: number,
  tail: Int32Array,
  key: Int32Array,
  keyMin: number,
  keyRange: number,
  outOffsets: Int32Array,
  outEdges: Int32Array,
  scratch: Int32Array,
  count: Int32Array,
): void {
  count.fill(0, 0, keyRange + 1);
  for (let e = 0; e < m; e++) count[(key[e] as number) - keyMin + 1]!++;
  for (let k = 1; k <= keyRange; k++) count[k]! += count[k - 1] as number;
  // scratch: edges sorted by key.
  for (let e = 0; e < m; e++) scratch[count[(key[e] as number) - keyMin]!++] = e;
  outOffsets.fill(0, 0, n + 1);
  for (let e = 0; e < m; e++) outOffsets[(tail[e] as number) + 1]!++;
  for (let v = 0; v < n; v++) outOffsets[v + 1]! += outOffsets[v] as number;
  // Use the row starts as fill cursors, then shift them back into place (no extra cursor array).
  for (let i = 0; i < m; i++) {
    const e = scratch[i] as number;
    outEdges[outOffsets[tail[e] as number]!++] = e;
  }
  for (let v = n; v > 0; v--) outOffsets[v] = outOffsets[v - 1] as number;
  outOffsets[0] = 0;
}

/**
 * Runs the LR test. Returns null when not planar, `true` when planar and `embed` is false, and the rotation system
 * when planar and `embed` is true.
 */
function runLr(
  ws: LrWorkspace,
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  edgeIds: Int32Array,
  m: number,
  embed: boolean,
): LrRotation | true | null {
  // ---------------------------------------------------------------- orientation
  const { height, parentEdge, iter, nodeStack, roots, tail, head, lowpt, lowpt2, nesting } = ws;
  height.fill(-1, 0, n);
  parentEdge.fill(-1, 0, n);
  tail.fill(-1, 0, m);
  iter.set(offsets.subarray(0, n));
  let rootCount = 0;

  for (let s = 0; s < n; s++) {
    if (height[s] !== -1) continue;
    height[s] = 0;
    roots[rootCount++] = s;
    let sp = 0;
    nodeStack[sp++] = s;
    while (sp > 0) {
      const v = nodeStack[sp - 1] as number;
      const p = iter[v] as number;
      let e: number;
      let from: number;
      if (p < (offsets[v + 1] as number)) {
        iter[v] = p + 1;
        e = edgeIds[p] as number;
        if (tail[e] !== -1) continue; // already oriented from the other side
        const w = targets[p] as number;
        tail[e] = v;
        head[e] = w;
        const hv = height[v] as number;
        lowpt[e] = hv;
        lowpt2[e] = hv;
        if (height[w] === -1) {
          // Tree edge: its lowpoints are final only once w is finished.
          parentEdge[w] = e;
          height[w] = hv + 1;
          nodeStack[sp++] = w;
          continue;
        }
        lowpt[e] = height[w] as number; // back edge
        from = v;
      } else {
        sp--;
        e = parentEdge[v] as number;
        if (e === -1) continue;
        from = tail[e] as number;
      }
      // Edge e (leaving `from`) is complete: nesting depth, then fold its lowpoints into the parent edge.
      const le = lowpt[e] as number;
      nesting[e] = 2 * le + ((lowpt2[e] as number) < (height[from] as number) ? 1 : 0);
      const pe = parentEdge[from] as number;
      if (pe !== -1) {
        const lp = lowpt[pe] as number;
        if (le < lp) {
          lowpt2[pe] = Math.min(lp, lowpt2[e] as number);
          lowpt[pe] = le;
        } else if (le > lp) {
          lowpt2[pe] = Math.min(lowpt2[pe] as number, le);
        } else {
          lowpt2[pe] = Math.min(lowpt2[pe] as number, lowpt2[e] as number);
        }
      }
    }
  }

  const { outOffsets, outEdges, scratch } = ws;
  if (ws.count.length < 2 * n + 3) ws.count = new Int32Array(embed ? 4 * n + 6 : 2 * n + 3);
  bucketByTail(n, m, tail, nesting, 0, 2 * n + 2, outOffsets, outEdges, scratch, ws.count);

  // ---------------------------------------------------------------- testing
  // Conflict pairs on a stack, four ints per pair: left interval (low, high), right interval (low, high), edge ids
  // or -1 for an empty end.
  const { ref, side } = ws;
  const lowptEdge = lowpt2; // lowpt2 is dead after the orientation phase
  const stackBottom = scratch; // the sort scratch is free until the sign phase
  // Each back edge pushes at most one pair and add_constraints never nets more than it pops.
  const backEdges = m - (n - rootCount);
  if (ws.pairs.length < 4 * (backEdges + 1)) ws.pairs = new Int32Array(4 * (backEdges + 1));
  const S = ws.pairs;
  let top = 0; // number of pairs on the stack
  ref.fill(-1, 0, m);
  side.fill(1, 0, m);
  lowptEdge.fill(-1, 0, m);
  const iterT = iter;
  iterT.set(outOffsets.subarray(0, n));

  /** Lowest return point of the conflict pair at stack slot i. */
  const lowest = (i: number): number => {
    const ll = S[4 * i] as number;
    const rl = S[4 * i + 2] as number;
    if (ll === -1 && S[4 * i + 1] === -1) return lowpt[rl] as number;
    if (rl === -1 && S[4 * i + 3] === -1) return lowpt[ll] as number;
    return Math.min(lowpt[ll] as number, lowpt[rl] as number);
  };

  /** Merges the return edges of `ei` (a child edge other than the first) into the constraints of `e`. */
  const addConstraints = (ei: number, e: number): boolean => {
    let pLL = -1;
    let pLH = -1;
    let pRL = -1;
    let pRH = -1;
    const lowE = lowpt[e] as number;
    const bottom = stackBottom[ei] as number;
    // Return edges of ei all go to one side, the right one after a swap.
    do {
      top--;
      let qLL = S[4 * top] as number;
      let qLH = S[4 * top + 1] as number;
      let qRL = S[4 * top + 2] as number;
      let qRH = S[4 * top + 3] as number;
      if (qLL !== -1 || qLH !== -1) {
        const a = qLL;
        const b = qLH;
        qLL = qRL;
        qLH = qRH;
        qRL = a;
        qRH = b;
      }
      if (qLL !== -1 || qLH !== -1) return false;
      if ((lowpt[qRL] as number) > lowE) {
        if (pRL === -1 && pRH === -1) {
          pRL = qRL;
          pRH = qRH;
        } else {
          ref[pRL] = qRH;
          pRL = qRL;
        }
      } else {
        ref[qRL] = lowptEdge[e] as number;
      }
    } while (top !== bottom);
    // Pairs of earlier siblings that conflict with ei go to the opposite side.
    const lowEi = lowpt[ei] as number;
    while (top > 0) {
      const t = top - 1;
      let qLL = S[4 * t] as number;
      let qLH = S[4 * t + 1] as number;
      let qRL = S[4 * t + 2] as number;
      let qRH = S[4 * t + 3] as number;
      const leftConflicts = qLH !== -1 && (lowpt[qLH] as number) > lowEi;
      const rightConflicts = qRH !== -1 && (lowpt[qRH] as number) > lowEi;
      if (!leftConflicts && !rightConflicts) break;
      top = t;
      if (rightConflicts) {
        const a = qLL;
        const b = qLH;
        qLL = qRL;
        qLH = qRH;
        qRL = a;
        qRH = b;
        if (leftConflicts) return false;
      }
      if (pRL !== -1) ref[pRL] = qRH;
      if (qRL !== -1) pRL = qRL;
      if (pLL === -1 && pLH === -1) {
        pLL = qLL;
        pLH = qLH;
      } else {
        if (pLL !== -1) ref[pLL] = qLH;
      }
      pLL = qLL;
    }
    if (pLL !== -1 || pLH !== -1 || pRL !== -1 || pRH !== -1) {
      S[4 * top] = pLL;
      S[4 * top + 1] = pLH;
      S[4 * top + 2] = pRL;
      S[4 * top + 3] = pRH;
      top++;
    }
    return true;
  };

  /** Drops the back edges that end at the tail of tree edge e, once its subtree is finished. */
  const removeBackEdges = (e: number): void => {
    const u = tail[e] as number;
    const hu = height[u] as number;
    while (top > 0 && lowest(top - 1) === hu) {
      top--;
      const ll = S[4 * top] as number;
      if (ll !== -1) side[ll] = -1;
    }
    if (top > 0) {
      const t = top - 1;
      let lh = S[4 * t + 1] as number;
      while (lh !== -1 && head[lh] === u) lh = ref[lh] as number;
      S[4 * t + 1] = lh;
      if (lh === -1 && S[4 * t] !== -1) {
        const ll = S[4 * t] as number;
        ref[ll] = S[4 * t + 2] as number;
        side[ll] = -1;
        S[4 * t] = -1;
      }
      let rh = S[4 * t + 3] as number;
      while (rh !== -1 && head[rh] === u) rh = ref[rh] as number;
      S[4 * t + 3] = rh;
      if (rh === -1 && S[4 * t + 2] !== -1) {
        const rl = S[4 * t + 2] as number;
        ref[rl] = S[4 * t] as number;
        side[rl] = -1;
        S[4 * t + 2] = -1;
      }
    }
    // The side of e follows its highest return edge.
    if ((lowpt[e] as number) < hu && top > 0) {
      const hl = S[4 * (top - 1) + 1] as number;
      const hr = S[4 * (top - 1) + 3] as number;
      ref[e] = hl !== -1 && (hr === -1 || (lowpt[hl] as number) > (lowpt[hr] as number)) ? hl : hr;
    }
  };

  /** Integrates the finished out-edge ei of v (at position k of v's sorted list) into v's parent edge. */
  const integrate = (ei: number, v: number, k: number): boolean => {
    if ((lowpt[ei] as number) >= (height[v] as number)) return true;
    const e = parentEdge[v] as number;
    if (k === outOffsets[v]) {
      lowptEdge[e] = lowptEdge[ei] as number;
      return true;
    }
    return addConstraints(ei, e);
  };

  for (let r = 0; r < rootCount; r++) {
    let sp = 0;
    nodeStack[sp++] = roots[r] as number;
    while (sp > 0) {
      const v = nodeStack[sp - 1] as number;
      const k = iterT[v] as number;
      if (k < (outOffsets[v + 1] as number)) {
        const ei = outEdges[k] as number;
        stackBottom[ei] = top;
        const w = head[ei] as number;
        if (parentEdge[w] === ei) {
          nodeStack[sp++] = w; // integrated when w is finished
          continue;
        }
        lowptEdge[ei] = ei;
        S[4 * top] = -1;
        S[4 * top + 1] = -1;
        S[4 * top + 2] = ei;
        S[4 * top + 3] = ei;
        top++;
        if (!integrate(ei, v, k)) return null;
        iterT[v] = k + 1;
      } else {
        sp--;
        const e = parentEdge[v] as number;
        if (e === -1) continue;
        removeBackEdges(e);
        const u = tail[e] as number;
        const ku = iterT[u] as number;
        if (!integrate(e, u, ku)) return null;
        iterT[u] = ku + 1;
      }
    }
  }
  if (!embed) return true;

  // ---------------------------------------------------------------- signs
  // side[e] is relative to ref[e]; resolve each chain once, bottom-up, with an explicit stack.
  const chain = scratch; // no longer needed as sort scratch
  for (let e0 = 0; e0 < m; e0++) {
    if (ref[e0] === -1) continue;
    let len = 0;
    let x = e0;
    while (x !== -1) {
      chain[len++] = x;
      x = ref[x] as number;
    }
    for (let i = len - 2; i >= 0; i--) {
      const c = chain[i] as number;
      side[c] = (side[c] as number) * (side[chain[i + 1] as number] as number);
      ref[c] = -1;
    }
  }
  const signedNesting = nesting; // reused in place
  for (let e = 0; e < m; e++) signedNesting[e] = (side[e] as number) * (nesting[e] as number);
  if (ws.count.length < 4 * n + 6) ws.count = new Int32Array(4 * n + 6);
  bucketByTail(n, m, tail, signedNesting, -(2 * n + 2), 4 * n + 5, outOffsets, outEdges, scratch, ws.count);

  // ---------------------------------------------------------------- embedding
  // Brandes' embedding phase inserts each back edge v → w into w's cyclic list next to w's current child edge
  // (the tree edge leading towards v): right ones directly after it, left ones directly before it (before the
  // left ones already there). The final clockwise row of w is therefore
  //   parent, then for each out-edge o in signed-nesting order: [left back edges anchored at o, newest first], o,
  //   [right back edges anchored at o, newest first],
  // so one DFS records each back edge's anchor (an out-edge slot k) and its rank among the edges anchored there,
  // and the rows are then written directly, with no linked lists. Arrays dead after testing are reused.
  const anchor = lowpt;
  const rank = lowpt2;
  const leftCount = ref; // per out-edge slot k; ref is all -1 after the sign phase
  const rightCount = scratch;
  leftCount.fill(0, 0, m);
  rightCount.fill(0, 0, m);
  const iterE = iter;
  iterE.set(outOffsets.subarray(0, n));
  for (let r = 0; r < rootCount; r++) {
    let sp = 0;
    nodeStack[sp++] = roots[r] as number;
    while (sp > 0) {
      const v = nodeStack[sp - 1] as number;
      const k = iterE[v] as number;
      if (k >= (outOffsets[v + 1] as number)) {
        sp--;
        continue;
      }
      iterE[v] = k + 1;
      const ei = outEdges[k] as number;
      const w = head[ei] as number;
      if (parentEdge[w] === ei) {
        nodeStack[sp++] = w;
        continue;
      }
      // Back edge: w is an ancestor on the stack, its current child slot is iterE[w] − 1.
      const slot = (iterE[w] as number) - 1;
      anchor[ei] = slot;
      if (side[ei] === 1) rank[ei] = rightCount[slot]!++;
      else rank[ei] = leftCount[slot]!++;
    }
  }

  const rotation = new Int32Array(2 * m);
  const rotationEdgeIds = new Int32Array(2 * m);
  // Rows: parent first, then each out-edge after room for its left block; leftCount[k] becomes o_k's position.
  for (let v = 0; v < n; v++) {
    let q = offsets[v] as number;
    const pe = parentEdge[v] as number;
    if (pe !== -1) {
      rotation[q] = tail[pe] as number;
      rotationEdgeIds[q] = pe;
      q++;
    }
    const b = outOffsets[v + 1] as number;
    for (let k = outOffsets[v] as number; k < b; k++) {
      const o = outEdges[k] as number;
      q += leftCount[k] as number;
      rotation[q] = head[o] as number;
      rotationEdgeIds[q] = o;
      leftCount[k] = q;
      q += 1 + (rightCount[k] as number);
    }
  }
  for (let e = 0; e < m; e++) {
    const w = head[e] as number;
    if (parentEdge[w] === e) continue;
    const slot = anchor[e] as number;
    const at = leftCount[slot] as number;
    const q = side[e] === 1 ? at + (rightCount[slot] as number) - (rank[e] as number) : at - 1 - (rank[e] as number);
    rotation[q] = tail[e] as number;
    rotationEdgeIds[q] = e;
  }
  return { rotation, rotationEdgeIds };
}
