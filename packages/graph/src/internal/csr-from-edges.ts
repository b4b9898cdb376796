/**
 * Raw CSR construction from validated, normalised edge slots. Trusts its inputs (see `buildGraph` for checks).
 *
 * Preconditions: `us[s]`, `vs[s]` in [0, order) for s < count; no self-loops unless directed; for undirected graphs
 * us[s] < vs[s]; slots are in input order. Edge ids follow the slot order of each edge's first occurrence.
 *
 * One scatter of half-edges into rows (rows then hold slots in increasing order), a stable sort of each row by
 * neighbour (insertion sort for short rows, merge sort for hubs), duplicate merging inside the rows, and an in-place
 * compaction: O(order + count + Σ d log d) with a single random-access pass, which is what keeps it cache-friendly.
 */

export interface CsrBuild {
  offsets: Int32Array;
  targets: Int32Array;
  edgeIds: Int32Array;
  inOffsets: Int32Array | undefined;
  inSources: Int32Array | undefined;
  inEdgeIds: Int32Array | undefined;
  edgeSources: Int32Array;
  edgeTargets: Int32Array;
  weights: Float64Array | undefined;
  /** Edge id of each slot. */
  slotEdge: Int32Array;
  /** Number of slots merged into an earlier slot. */
  duplicates: number;
  /** The smallest duplicate slot and the slot it repeats, or -1. */
  firstDuplicateSlot: number;
  firstDuplicateOf: number;
}

const INSERTION_SORT_MAX = 24;

export function csrFromEdges(
  order: number,
  us: Int32Array,
  vs: Int32Array,
  count: number,
  directed: boolean,
  slotWeights: Float64Array | undefined,
  sumDuplicates: boolean,
): CsrBuild {
  const halfEdges = directed ? count : 2 * count;
  const offsets = new Int32Array(order + 1);
  for (let s = 0; s < count; s++) {
    offsets[(us[s] as number) + 1]!++;
    if (!directed) offsets[(vs[s] as number) + 1]!++;
  }
  let maxDegree = 0;
  for (let v = 0; v < order; v++) {
    const d = offsets[v + 1] as number;
    if (d > maxDegree) maxDegree = d;
    offsets[v + 1] = d + (offsets[v] as number);
  }
  // Scatter (neighbour, slot) pairs interleaved in one array: one cache line per half-edge instead of two.
  // Rows receive their half-edges in slot (= input) order.
  const pairs = new Int32Array(2 * halfEdges);
  const cursor = offsets.slice(0, order);
  for (let s = 0; s < count; s++) {
    const u = us[s] as number;
    const v = vs[s] as number;
    let p = cursor[u] as number;
    cursor[u] = p + 1;
    pairs[2 * p] = v;
    pairs[2 * p + 1] = s;
    if (!directed) {
      p = cursor[v] as number;
      cursor[v] = p + 1;
      pairs[2 * p] = u;
      pairs[2 * p + 1] = s;
    }
  }
  // Stable sort of each row by neighbour keeps, within a group of repeats, the first occurrence first. Short rows
  // are insertion-sorted straight from `pairs` into `nbr`/`slot` (no separate split pass); repeats are spotted while
  // each row is still in cache.
  const nbr = new Int32Array(halfEdges);
  const slot = new Int32Array(halfEdges);
  const scratch = new Int32Array(maxDegree > INSERTION_SORT_MAX ? 2 * maxDegree : 0);
  let hasRepeats = false;
  for (let v = 0; v < order; v++) {
    const a = offsets[v] as number;
    const b = offsets[v + 1] as number;
    if (b - a > INSERTION_SORT_MAX) {
      mergeSortPairs(pairs, a, b, scratch);
      for (let p = a; p < b; p++) {
        nbr[p] = pairs[2 * p] as number;
        slot[p] = pairs[2 * p + 1] as number;
      }
      if (!hasRepeats) for (let p = a + 1; p < b; p++) if (nbr[p] === nbr[p - 1]) hasRepeats = true;
    } else {
      // insertion sort from `pairs` into nbr/slot, inline (this loop is the hot part of the build); a key equal to
      // its left neighbour stops the shift, which keeps the sort stable and flags the repeat
      for (let i = a; i < b; i++) {
        const key = pairs[2 * i] as number;
        const val = pairs[2 * i + 1] as number;
        let j = i - 1;
        while (j >= a && (nbr[j] as number) > key) {
          nbr[j + 1] = nbr[j] as number;
          slot[j + 1] = slot[j] as number;
          j--;
        }
        if (j >= a && nbr[j] === key) hasRepeats = true;
        nbr[j + 1] = key;
        slot[j + 1] = val;
      }
    }
  }

  // Repeats: adjacent equal neighbours in a sorted row. Without any (the common case) slots are edge ids.
  const merged = hasRepeats
    ? mergeRepeats(order, offsets, nbr, slot, us, vs, count, directed, slotWeights, sumDuplicates)
    : {
        slotEdge: identity(count),
        edgeSources: us.length === count ? us : us.subarray(0, count),
        edgeTargets: vs.length === count ? vs : vs.subarray(0, count),
        weights: slotWeights === undefined || slotWeights.length === count ? slotWeights : slotWeights.slice(0, count),
        duplicates: 0,
        firstDuplicateSlot: -1,
        firstDuplicateOf: -1,
        halfEdgesKept: halfEdges,
      };
  const { slotEdge, edgeSources, edgeTargets, weights, duplicates, firstDuplicateSlot, firstDuplicateOf } = merged;
  const size = count - duplicates;
  const q = merged.halfEdgesKept;
  // Compaction leaves a short tail: a view avoids copying the whole array when the tail is small.
  const targets = q === halfEdges ? nbr : q > halfEdges - (halfEdges >> 3) ? nbr.subarray(0, q) : nbr.slice(0, q);
  const edgeIds = q === halfEdges ? slot : q > halfEdges - (halfEdges >> 3) ? slot.subarray(0, q) : slot.slice(0, q);

  let inOffsets: Int32Array | undefined;
  let inSources: Int32Array | undefined;
  let inEdgeIds: Int32Array | undefined;
  if (directed) {
    inOffsets = new Int32Array(order + 1);
    for (let e = 0; e < size; e++) inOffsets[(edgeTargets[e] as number) + 1]!++;
    for (let v = 0; v < order; v++) inOffsets[v + 1] = (inOffsets[v + 1] as number) + (inOffsets[v] as number);
    inSources = new Int32Array(size);
    inEdgeIds = new Int32Array(size);
    const inCursor = inOffsets.slice(0, order);
    // Visiting out-rows by increasing source fills every in-row sorted by source.
    for (let u = 0; u < order; u++) {
      const b = offsets[u + 1] as number;
      for (let p = offsets[u] as number; p < b; p++) {
        const v = targets[p] as number;
        const c = inCursor[v] as number;
        inCursor[v] = c + 1;
        inSources[c] = u;
        inEdgeIds[c] = edgeIds[p] as number;
      }
    }
  }
  return {
    offsets,
    targets,
    edgeIds,
    inOffsets,
    inSources,
    inEdgeIds,
    edgeSources,
    edgeTargets,
    weights,
    slotEdge,
    duplicates,
    firstDuplicateSlot,
    firstDuplicateOf,
  };
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Merges repeated edges: ids in slot order of first occurrences, weights kept or summed, rows compacted in place
 * (the first half-edge of each group kept, slots translated into edge ids). Returns the kept half-edge count.
 */
function mergeRepeats(
  order: number,
  offsets: Int32Array,
  nbr: Int32Array,
  slot: Int32Array,
  us: Int32Array,
  vs: Int32Array,
  count: number,
  directed: boolean,
  slotWeights: Float64Array | undefined,
  sumDuplicates: boolean,
) {
  // Each group of equal neighbours is seen once, from its first endpoint's row (undirected: the smaller one).
  const representative = identity(count);
  let duplicates = 0;
  let firstDuplicateSlot = -1;
  let firstDuplicateOf = -1;
  for (let u = 0; u < order; u++) {
    const b = offsets[u + 1] as number;
    for (let p = (offsets[u] as number) + 1; p < b; p++) {
      const w = nbr[p] as number;
      if (w !== nbr[p - 1] || (!directed && w < u)) continue;
      const first = representative[slot[p - 1] as number] as number;
      const s = slot[p] as number;
      representative[s] = first;
      duplicates++;
      if (firstDuplicateSlot < 0 || s < firstDuplicateSlot) {
        firstDuplicateSlot = s;
        firstDuplicateOf = first;
      }
    }
  }
  const size = count - duplicates;
  const slotEdge = new Int32Array(count);
  const edgeSources = new Int32Array(size);
  const edgeTargets = new Int32Array(size);
  const weights = slotWeights === undefined ? undefined : new Float64Array(size);
  let next = 0;
  for (let s = 0; s < count; s++) {
    const r = representative[s] as number;
    if (r === s) {
      slotEdge[s] = next;
      edgeSources[next] = us[s] as number;
      edgeTargets[next] = vs[s] as number;
      if (weights) weights[next] = slotWeights![s] as number;
      next++;
    } else {
      const e = slotEdge[r] as number;
      slotEdge[s] = e;
      if (weights && sumDuplicates) weights[e] = (weights[e] as number) + (slotWeights![s] as number);
    }
  }
  let q = 0;
  let rowStart = 0;
  for (let v = 0; v < order; v++) {
    const b = offsets[v + 1] as number;
    for (let p = rowStart; p < b; p++) {
      if (p > rowStart && nbr[p] === nbr[p - 1]) continue;
      nbr[q] = nbr[p] as number;
      slot[q] = slotEdge[slot[p] as number] as number;
      q++;
    }
    rowStart = b;
    offsets[v + 1] = q;
  }
  return { slotEdge, edgeSources, edgeTargets, weights, duplicates, firstDuplicateSlot, firstDuplicateOf, halfEdgesKept: q };
}

/** Insertion sort of the (key, value) pairs with indices [a, b) by key; stable. */
function insertionSortPairs(pairs: Int32Array, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    const key = pairs[2 * i] as number;
    if ((pairs[2 * i - 2] as number) <= key) continue;
    const val = pairs[2 * i + 1] as number;
    let j = i - 1;
    while (j >= a && (pairs[2 * j] as number) > key) {
      pairs[2 * j + 2] = pairs[2 * j] as number;
      pairs[2 * j + 3] = pairs[2 * j + 1] as number;
      j--;
    }
    pairs[2 * j + 2] = key;
    pairs[2 * j + 3] = val;
  }
}

/** Stable bottom-up merge sort of the pairs with indices [a, b) by key, with a scratch of ≥ 2(b − a) entries. */
function mergeSortPairs(pairs: Int32Array, a: number, b: number, scratch: Int32Array): void {
  const n = b - a;
  for (let s = a; s < b; s += INSERTION_SORT_MAX) insertionSortPairs(pairs, s, Math.min(s + INSERTION_SORT_MAX, b));
  let src = pairs;
  let dst = scratch;
  let srcBase = 2 * a;
  let dstBase = 0;
  for (let width = INSERTION_SORT_MAX; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid || j < hi) {
        const takeRight = i >= mid || (j < hi && (src[srcBase + 2 * j] as number) < (src[srcBase + 2 * i] as number));
        const from = takeRight ? j++ : i++;
        dst[dstBase + 2 * k] = src[srcBase + 2 * from] as number;
        dst[dstBase + 2 * k + 1] = src[srcBase + 2 * from + 1] as number;
        k++;
      }
    }
    [src, dst] = [dst, src];
    [srcBase, dstBase] = [dstBase, srcBase];
  }
  if (src !== pairs) pairs.set(src.subarray(srcBase, srcBase + 2 * n), 2 * a);
}
