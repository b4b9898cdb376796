/**
 * Raw CSR construction from validated, normalised edge slots. Trusts its inputs (see `buildGraph` for checks).
 *
 * Preconditions: `us[s]`, `vs[s]` in [0, order) for s < count; no self-loops unless directed; for undirected graphs
 * us[s] < vs[s]; slots are in input order. Edge ids follow the slot order of each edge's first occurrence.
 *
 * Half-edges reach their rows through a cache-blocked two-pass radix scatter (see `fillSortedRows`) that leaves each
 * row ordered by the high bits of the neighbour, a stable insertion sort finishes the rows (merge sort for hubs),
 * repeats are merged inside the rows and compacted in place: O(order + count + Σ d log d), and no pass writes to
 * memory at random beyond what the caches hold.
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

/**
 * How the scatter is blocked: rows in blocks of 2^rowShift, neighbours in blocks of 2^nbrShift, and at most
 * `stagingLimit` half-edges staged at once (more are staged in several passes over the input, by row blocks).
 */
export interface ScatterLayout {
  rowShift: number;
  nbrShift: number;
  stagingLimit: number;
}

/** Half-edges per row block: the block's neighbour and slot columns (about 512 KB) stay in a core's L2 cache. */
const ROW_BLOCK_HALF_EDGES = 1 << 16;
/** Cells (row block × neighbour block) written as separate streams in the staging pass. */
const MAX_CELLS = 2048;
/** Half-edges staged at once (12 bytes each): bounds the builder's scratch memory on huge inputs. */
const STAGING_LIMIT = 1 << 25;

/** The layout used unless a test forces another. */
export function scatterLayout(order: number, halfEdges: number): ScatterLayout {
  const n = Math.max(1, order);
  const rowsPerBlock = Math.max(1, Math.floor((n * ROW_BLOCK_HALF_EDGES) / Math.max(1, halfEdges)));
  const rowShift = Math.min(30, Math.floor(Math.log2(rowsPerBlock)));
  const rowBlocks = ((n - 1) >> rowShift) + 1;
  const nbrBlocksMax = Math.max(1, Math.floor(MAX_CELLS / rowBlocks));
  let nbrShift = 0;
  while (nbrShift < 30 && ((n - 1) >> nbrShift) + 1 > nbrBlocksMax) nbrShift++;
  return { rowShift, nbrShift, stagingLimit: STAGING_LIMIT };
}

export function csrFromEdges(
  order: number,
  us: Int32Array,
  vs: Int32Array,
  count: number,
  directed: boolean,
  slotWeights: Float64Array | undefined,
  sumDuplicates: boolean,
  layout: ScatterLayout = scatterLayout(order, directed ? count : 2 * count),
): CsrBuild {
  const halfEdges = directed ? count : 2 * count;
  const offsets = new Int32Array(order + 1);
  const nbr = new Int32Array(halfEdges);
  const slot = new Int32Array(halfEdges);
  const hasRepeats = fillSortedRows(order, us, vs, count, directed, layout, offsets, nbr, slot);
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

/**
 * Fills `offsets` and `nbr`/`slot` with every row's half-edges sorted by neighbour, ties in slot order; returns
 * whether some row holds a neighbour twice. A direct scatter into 2·count random positions misses the caches at every
 * write once the graph outgrows them (and so does counting degrees at random), so half-edges go through a staging
 * pass first: grouped by cell (row block, neighbour block), in slot order inside each cell, written as a few
 * thousand sequential streams. Each row block is then handled while it sits in cache: its degrees counted, its rows
 * placed, its staged half-edges scattered cell by cell. That leaves every row ordered by neighbour block, so the
 * insertion sort that finishes the rows has few inversions left to fix. Both passes are stable, which keeps repeats
 * in slot order.
 */
function fillSortedRows(
  order: number,
  us: Int32Array,
  vs: Int32Array,
  count: number,
  directed: boolean,
  layout: ScatterLayout,
  offsets: Int32Array,
  nbr: Int32Array,
  slot: Int32Array,
): boolean {
  const { rowShift, nbrShift } = layout;
  const n = Math.max(1, order);
  const rowBlocks = ((n - 1) >> rowShift) + 1;
  const nbrBlocks = ((n - 1) >> nbrShift) + 1;
  const blockRows = 2 ** rowShift;
  // Degrees and cell sizes in one pass, then row starts and cell starts (both in half-edge positions).
  const cellStart = new Int32Array(rowBlocks * nbrBlocks + 1);
  for (let s = 0; s < count; s++) {
    const u = us[s] as number;
    const v = vs[s] as number;
    offsets[u + 1]!++;
    cellStart[(u >> rowShift) * nbrBlocks + (v >> nbrShift) + 1]!++;
    if (!directed) {
      offsets[v + 1]!++;
      cellStart[(v >> rowShift) * nbrBlocks + (u >> nbrShift) + 1]!++;
    }
  }
  let maxDegree = 0;
  for (let v = 0; v < order; v++) {
    const d = offsets[v + 1] as number;
    if (d > maxDegree) maxDegree = d;
    offsets[v + 1] = d + (offsets[v] as number);
  }
  for (let c = 0; c < rowBlocks * nbrBlocks; c++) cellStart[c + 1] = (cellStart[c + 1] as number) + (cellStart[c] as number);
  const cellCursor = new Int32Array(rowBlocks * nbrBlocks);
  const globalCursor = offsets.slice(0, order);
  const rowPairs = new Int32Array(maxDegree > INSERTION_SORT_MAX ? 2 * maxDegree : 0);
  const mergeScratch = new Int32Array(rowPairs.length);
  let staging: Int32Array | undefined;
  let hasRepeats = false;
  // Groups of whole row blocks, each staging at most `stagingLimit` half-edges (one group unless the input is huge).
  for (let firstBlock = 0; firstBlock < rowBlocks; ) {
    const groupStart = cellStart[firstBlock * nbrBlocks] as number;
    let endBlock = firstBlock + 1;
    while (endBlock < rowBlocks && (cellStart[(endBlock + 1) * nbrBlocks] as number) - groupStart <= layout.stagingLimit) {
      endBlock++;
    }
    const firstCell = firstBlock * nbrBlocks;
    const endCell = endBlock * nbrBlocks;
    const staged = (cellStart[endCell] as number) - groupStart;
    if (staging === undefined || staging.length < 3 * staged) staging = new Int32Array(3 * staged);
    for (let c = firstCell; c < endCell; c++) cellCursor[c] = (cellStart[c] as number) - groupStart;
    for (let s = 0; s < count; s++) {
      const u = us[s] as number;
      const v = vs[s] as number;
      let c = (u >> rowShift) * nbrBlocks + (v >> nbrShift);
      if (c >= firstCell && c < endCell) {
        const p = cellCursor[c] as number;
        cellCursor[c] = p + 1;
        staging[3 * p] = u;
        staging[3 * p + 1] = v;
        staging[3 * p + 2] = s;
      }
      if (directed) continue;
      c = (v >> rowShift) * nbrBlocks + (u >> nbrShift);
      if (c >= firstCell && c < endCell) {
        const p = cellCursor[c] as number;
        cellCursor[c] = p + 1;
        staging[3 * p] = v;
        staging[3 * p + 1] = u;
        staging[3 * p + 2] = s;
      }
    }
    for (let p = 0; p < staged; p++) {
      const r = staging[3 * p] as number;
      const q = globalCursor[r] as number;
      globalCursor[r] = q + 1;
      nbr[q] = staging[3 * p + 1] as number;
      slot[q] = staging[3 * p + 2] as number;
    }
    // Rows now run in neighbour-block order; finish them with a stable sort.
    const firstRow = firstBlock * blockRows;
    const endRow = Math.min(order, endBlock * blockRows);
    for (let v = firstRow; v < endRow; v++) {
      const a = offsets[v] as number;
      const b = offsets[v + 1] as number;
      if (b - a > INSERTION_SORT_MAX) {
        if (sortLongRow(nbr, slot, a, b, rowPairs, mergeScratch)) hasRepeats = true;
        continue;
      }
      // In-place stable insertion sort; a key equal to its left neighbour stops the shift and flags a repeat.
      for (let i = a + 1; i < b; i++) {
        const key = nbr[i] as number;
        const left = nbr[i - 1] as number;
        if (left <= key) {
          if (left === key) hasRepeats = true;
          continue;
        }
        const val = slot[i] as number;
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
    firstBlock = endBlock;
  }
  return hasRepeats;
}

/** Sorts a long row of nbr/slot [a, b) stably by neighbour (merge sort on interleaved pairs); returns whether it repeats a neighbour. */
function sortLongRow(nbr: Int32Array, slot: Int32Array, a: number, b: number, rowPairs: Int32Array, scratch: Int32Array): boolean {
  let sorted = true;
  for (let p = a + 1; p < b && sorted; p++) if ((nbr[p - 1] as number) > (nbr[p] as number)) sorted = false;
  if (!sorted) {
    const d = b - a;
    for (let i = 0; i < d; i++) {
      rowPairs[2 * i] = nbr[a + i] as number;
      rowPairs[2 * i + 1] = slot[a + i] as number;
    }
    mergeSortPairs(rowPairs, 0, d, scratch);
    for (let i = 0; i < d; i++) {
      nbr[a + i] = rowPairs[2 * i] as number;
      slot[a + i] = rowPairs[2 * i + 1] as number;
    }
  }
  for (let p = a + 1; p < b; p++) if (nbr[p] === nbr[p - 1]) return true;
  return false;
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
