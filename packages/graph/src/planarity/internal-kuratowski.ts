/**
 * @internal Kuratowski subgraph extraction for a graph already known to be non-planar, using the LR test as an
 * oracle.
 *
 * 1. Split the edges into biconnected blocks and keep the first non-planar block (a graph is planar iff all its
 *    blocks are).
 * 2. Work on a reduced copy of the block: nodes of degree ≤ 1 are stripped and nodes of degree 2 are suppressed
 *    (their two edges merge into one edge standing for the path), parallel edges keep one representative. None of
 *    this changes planarity, and an edge-minimal non-planar subgraph uses every edge of a suppressed path or none.
 * 3. Prefix search. With R the edges known to be essential and C the others in a fresh pseudo-random order, find
 *    the smallest j such that R ∪ C[0..j) is non-planar (bisection, or galloping down from the top when the last
 *    round cut little: O(log |C|) LR tests). R ∪ C[0..j−1) is planar, so C[j−1] lies in every non-planar subgraph
 *    of R ∪ C[0..j): it joins R, and C[j..] is deleted. Reduce again and repeat until R alone is non-planar
 *    (j = 0). While the graph is large and shrinking fast, "coarse" rounds come first: they stop the bisection at
 *    1/16 of the range and only delete the tail (any non-planar prefix will do), which roughly halves the graph
 *    (then reduction shrinks it much further) for four tests.
 * 4. R is then edge-minimal non-planar, hence (Kuratowski's theorem) a subdivision of K5 or K3,3; after reduction
 *    it is exactly K5 or K3,3 on the branch nodes, and its merged edges expand to paths of the input.
 *
 * Complexity: O(n + m) for steps 1–2. Step 3 runs O(log m) LR tests per round, each O(n' + m') on the current
 * reduced graph; there is one exact round per essential edge found, i.e. at most the number of edges of the
 * reduced certificate ever separated (9 or 10, plus one per later merge of two essential edges), and in the worst
 * case as many as the certificate has edges: worst case O(m · log m · (n + m)). In practice, on planar graphs plus a
 * few random edges, the coarse rounds cost a few full-size tests and the 15–60 exact rounds run on graphs that are
 * already small (measured: 10^4 edges in tens of ms, 10^6 edges in a few seconds).
 *
 * Reference: the "deletion filter" for minimal infeasible subsystems (J. Chinneck, "Feasibility and Infeasibility
 * in Optimization", Springer 2008, ch. 6) with a prefix bisection in the spirit of QuickXplain (U. Junker, AAAI
 * 2004); K. Kuratowski, "Sur le problème des courbes gauches en topologie", Fund. Math. 15 (1930).
 */
import type { Graph } from '../core/graph.js';
import { edgeBlocks } from './internal-biconnected.js';
import { createLrWorkspace, lrIsPlanar, type LrWorkspace } from './internal-lr.js';
import type { KuratowskiSubgraph } from './types.js';

/** Buffers for testing edge lists on at most `nCap` nodes and `mCap` edges, reused across tests. */
interface TestBuffers {
  offsets: Int32Array;
  targets: Int32Array;
  edgeIds: Int32Array;
  lr: LrWorkspace;
}

function createTestBuffers(nCap: number, mCap: number): TestBuffers {
  return {
    offsets: new Int32Array(nCap + 1),
    targets: new Int32Array(2 * mCap),
    edgeIds: new Int32Array(2 * mCap),
    lr: createLrWorkspace(nCap, mCap),
  };
}

/**
 * Planarity of the simple graph on nodes `0..n-1` whose edge i joins ea[i] and eb[i] (i < m): builds its CSR in
 * the buffers and runs the LR test.
 */
function edgeListIsPlanar(n: number, ea: Int32Array, eb: Int32Array, m: number, buf: TestBuffers): boolean {
  if (m < 9) return true; // K3,3 has 9 edges
  if (n > 2 && m > 3 * n - 6) return false;
  const { offsets, targets, edgeIds } = buf;
  offsets.fill(0, 0, n + 1);
  for (let i = 0; i < m; i++) {
    offsets[(ea[i] as number) + 1]!++;
    offsets[(eb[i] as number) + 1]!++;
  }
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v] as number;
  // Row starts serve as fill cursors and are shifted back afterwards.
  for (let i = 0; i < m; i++) {
    const a = ea[i] as number;
    const b = eb[i] as number;
    let p = offsets[a]!++;
    targets[p] = b;
    edgeIds[p] = i;
    p = offsets[b]!++;
    targets[p] = a;
    edgeIds[p] = i;
  }
  for (let v = n; v > 0; v--) offsets[v] = offsets[v - 1] as number;
  offsets[0] = 0;
  return lrIsPlanar(n, offsets, targets, edgeIds, m, buf.lr);
}

/** Original edge ids of the first non-planar block of `graph`. */
function nonPlanarBlock(graph: Graph): Int32Array {
  const { order: n, size: m } = graph;
  const { blockOf, blockCount } = edgeBlocks(n, graph.offsets, graph.targets, graph.edgeIds, m);
  const start = new Int32Array(blockCount + 1);
  for (let e = 0; e < m; e++) start[(blockOf[e] as number) + 1]!++;
  for (let b = 0; b < blockCount; b++) start[b + 1]! += start[b] as number;
  const fill = start.slice(0, blockCount);
  const byBlock = new Int32Array(m);
  for (let e = 0; e < m; e++) byBlock[fill[blockOf[e] as number]!++] = e;
  const local = new Int32Array(n).fill(-1);
  let largest = 0;
  for (let b = 0; b < blockCount; b++) largest = Math.max(largest, (start[b + 1] as number) - (start[b] as number));
  // A block with mb ≥ 2 edges has at most mb nodes.
  const buffers = createTestBuffers(largest, largest);
  for (let b = 0; b < blockCount; b++) {
    const a = start[b] as number;
    const mb = (start[b + 1] as number) - a;
    if (mb < 9) continue; // K3,3 has 9 edges
    const edges = byBlock.subarray(a, a + mb);
    const ea = new Int32Array(mb);
    const eb = new Int32Array(mb);
    let nb = 0;
    for (let i = 0; i < mb; i++) {
      const e = edges[i] as number;
      const u = graph.edgeSources[e] as number;
      const v = graph.edgeTargets[e] as number;
      if (local[u] === -1) local[u] = nb++;
      if (local[v] === -1) local[v] = nb++;
      ea[i] = local[u] as number;
      eb[i] = local[v] as number;
    }
    for (let i = 0; i < mb; i++) {
      const e = edges[i] as number;
      local[graph.edgeSources[e] as number] = -1;
      local[graph.edgeTargets[e] as number] = -1;
    }
    if (!edgeListIsPlanar(nb, ea, eb, mb, buffers)) return edges.slice();
  }
  throw new Error('@isinglab/graph internal: no non-planar block found in a graph reported non-planar');
}

/**
 * A Kuratowski subgraph of `graph`, which must be undirected and non-planar (the caller has run the LR test).
 * See the module comment for the method and its cost.
 */
export function extractKuratowski(graph: Graph): KuratowskiSubgraph {
  const blockEdges = nonPlanarBlock(graph);
  const mb = blockEdges.length;

  // Local node ids for the block in breadth-first order, so that the many LR tests below touch memory locally.
  const n = graph.order;
  const inBlock = new Uint8Array(graph.size);
  for (let i = 0; i < mb; i++) inBlock[blockEdges[i] as number] = 1;
  const globalToLocal = new Int32Array(n).fill(-1);
  const localToGlobal = new Int32Array(mb + 1); // a block with mb ≥ 2 edges has at most mb nodes
  let nb = 0;
  const root = graph.edgeSources[blockEdges[0] as number] as number;
  globalToLocal[root] = nb;
  localToGlobal[nb++] = root;
  for (let qh = 0; qh < nb; qh++) {
    const v = localToGlobal[qh] as number;
    for (let p = graph.offsets[v] as number; p < (graph.offsets[v + 1] as number); p++) {
      if (inBlock[graph.edgeIds[p] as number] !== 1) continue;
      const w = graph.targets[p] as number;
      if (globalToLocal[w] === -1) {
        globalToLocal[w] = nb;
        localToGlobal[nb++] = w;
      }
    }
  }
  const ea0 = new Int32Array(mb);
  const eb0 = new Int32Array(mb);
  for (let i = 0; i < mb; i++) {
    const e = blockEdges[i] as number;
    ea0[i] = globalToLocal[graph.edgeSources[e] as number] as number;
    eb0[i] = globalToLocal[graph.edgeTargets[e] as number] as number;
  }

  // ------------------------------------------------------------ working multigraph with path edges
  // Working edge x joins wa[x] and wb[x]; its half-edges 2x (at wa) and 2x+1 (at wb) sit in per-node doubly
  // linked adjacency lists. Each working edge stands for a path of block edges, kept as a linked list.
  const cap = 2 * mb + 2; // each merge kills two edges and creates one
  const wa = new Int32Array(cap);
  const wb = new Int32Array(cap);
  const alive = new Uint8Array(cap);
  const req = new Uint8Array(cap);
  const pathHead = new Int32Array(cap);
  const pathTail = new Int32Array(cap);
  const pathNext = new Int32Array(mb).fill(-1);
  const adjNext = new Int32Array(2 * cap);
  const adjPrev = new Int32Array(2 * cap);
  const adjHead = new Int32Array(nb).fill(-1);
  const deg = new Int32Array(nb);
  let edgeCount = 0;
  let aliveCount = 0;

  const link = (h: number, v: number): void => {
    const f = adjHead[v] as number;
    adjPrev[h] = -1;
    adjNext[h] = f;
    if (f !== -1) adjPrev[f] = h;
    adjHead[v] = h;
    deg[v]!++;
  };
  const unlink = (h: number, v: number): void => {
    const p = adjPrev[h] as number;
    const nx = adjNext[h] as number;
    if (p === -1) adjHead[v] = nx;
    else adjNext[p] = nx;
    if (nx !== -1) adjPrev[nx] = p;
    deg[v]!--;
  };
  const addEdge = (a: number, b: number, r: number, ph: number, pt: number): number => {
    const x = edgeCount++;
    wa[x] = a;
    wb[x] = b;
    req[x] = r;
    alive[x] = 1;
    aliveCount++;
    pathHead[x] = ph;
    pathTail[x] = pt;
    link(2 * x, a);
    link(2 * x + 1, b);
    return x;
  };
  const removeEdge = (x: number): void => {
    alive[x] = 0;
    aliveCount--;
    unlink(2 * x, wa[x] as number);
    unlink(2 * x + 1, wb[x] as number);
  };
  /** An alive edge joining a and b, or -1; scans the shorter adjacency list. */
  const findEdge = (a: number, b: number): number => {
    const s = (deg[a] as number) <= (deg[b] as number) ? a : b;
    const t = s === a ? b : a;
    for (let h = adjHead[s] as number; h !== -1; h = adjNext[h] as number) {
      const x = h >> 1;
      if ((h & 1) === 0 ? wb[x] === t : wa[x] === t) return x;
    }
    return -1;
  };

  for (let i = 0; i < mb; i++) addEdge(ea0[i] as number, eb0[i] as number, 0, i, i);

  // ------------------------------------------------------------ reduction
  const queue = new Int32Array(nb);
  const queued = new Uint8Array(nb);
  let qHead = 0;
  let qLen = 0;
  const enqueue = (v: number): void => {
    if (queued[v] === 1 || (deg[v] as number) > 2 || deg[v] === 0) return;
    queued[v] = 1;
    queue[(qHead + qLen++) % nb] = v;
  };
  const reduce = (): void => {
    while (qLen > 0) {
      const v = queue[qHead] as number;
      qHead = (qHead + 1) % nb;
      qLen--;
      queued[v] = 0;
      const d = deg[v] as number;
      if (d === 1) {
        const x = (adjHead[v] as number) >> 1;
        const u = wa[x] === v ? (wb[x] as number) : (wa[x] as number);
        removeEdge(x);
        enqueue(u);
      } else if (d === 2) {
        const h1 = adjHead[v] as number;
        const h2 = adjNext[h1] as number;
        const x = h1 >> 1;
        const y = h2 >> 1;
        const a = (h1 & 1) === 0 ? (wb[x] as number) : (wa[x] as number);
        const b = (h2 & 1) === 0 ? (wb[y] as number) : (wa[y] as number);
        removeEdge(x);
        removeEdge(y);
        if (a !== b) {
          const r = (req[x] as number) | (req[y] as number);
          pathNext[pathTail[x] as number] = pathHead[y] as number;
          const z = findEdge(a, b);
          // Keep one edge per node pair (parallel paths do not change planarity), a required one if any.
          if (z === -1 || (r === 1 && req[z] === 0)) {
            if (z !== -1) removeEdge(z);
            addEdge(a, b, r, pathHead[x] as number, pathTail[y] as number);
          }
        }
        // a === b would be a pendant 2-cycle (only with parallel edges, which are never kept): both dropped.
        enqueue(a);
        enqueue(b);
      }
    }
  };
  for (let v = 0; v < nb; v++) enqueue(v);
  reduce();

  // ------------------------------------------------------------ prefix search rounds
  const nodeMap = new Int32Array(nb);
  const buffers = createTestBuffers(nb, mb);
  let aliveList = new Int32Array(0);
  let scanFrom = 0;
  let state = 0x9e3779b9 | 0; // xorshift32 with a constant seed: the extraction is deterministic
  // Coarse rounds first: while truncating at any non-planar prefix halves the (reduced) graph, skip the exact search.
  let coarse = aliveCount > 256;
  let gallop = false;
  for (;;) {
    // Gather alive edges: survivors of the last list plus edges created since.
    const next = new Int32Array(aliveList.length + (edgeCount - scanFrom));
    let na = 0;
    for (let i = 0; i < aliveList.length; i++) {
      const x = aliveList[i] as number;
      if (alive[x] === 1) next[na++] = x;
    }
    for (let x = scanFrom; x < edgeCount; x++) if (alive[x] === 1) next[na++] = x;
    scanFrom = edgeCount;
    aliveList = next.subarray(0, na);

    // Test order: required edges, then the candidates in a fresh pseudo-random order (Fisher–Yates). Random
    // orders matter: input orders are often structured (row-major lattices) and would make each round peel off
    // a single row.
    const order = new Int32Array(na);
    let nReq = 0;
    let tail = na;
    for (let i = 0; i < na; i++) {
      const x = aliveList[i] as number;
      if (req[x] === 1) order[nReq++] = x;
      else order[--tail] = x;
    }
    const nCand = na - nReq;
    for (let i = na - 1; i > nReq; i--) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const k = nReq + ((state >>> 0) % (i - nReq + 1));
      const t = order[i] as number;
      order[i] = order[k] as number;
      order[k] = t;
    }
    // Compact node ids, keeping the breadth-first numbering for memory locality.
    let nNodes = 0;
    for (let v = 0; v < nb; v++) nodeMap[v] = deg[v] === 0 ? -1 : nNodes++;
    const ea = new Int32Array(na);
    const eb = new Int32Array(na);
    for (let i = 0; i < na; i++) {
      const x = order[i] as number;
      ea[i] = nodeMap[wa[x] as number] as number;
      eb[i] = nodeMap[wb[x] as number] as number;
    }
    const nonPlanarWith = (j: number): boolean => !edgeListIsPlanar(nNodes, ea, eb, nReq + j, buffers);
    const truncate = (j: number): void => {
      for (let i = nReq + j; i < na; i++) {
        const x = order[i] as number;
        removeEdge(x);
        enqueue(wa[x] as number);
        enqueue(wb[x] as number);
      }
    };

    // Search j in [lo, hi], the smallest with R ∪ C[0..j) non-planar; j = nCand is known to be non-planar.
    let hi = nCand;
    let lo = 0;
    if (coarse) {
      // Any non-planar prefix lets the rest go; bisect only down to 1/16 of the range.
      const tolerance = nCand >> 4;
      while (hi - lo > tolerance) {
        const mid = (lo + hi) >>> 1;
        if (nonPlanarWith(mid)) hi = mid;
        else lo = mid + 1;
      }
      truncate(hi);
      reduce();
      coarse = 2 * aliveCount < na;
      continue;
    }
    // Gallop down from the top when the last round cut little (the answer is then usually near the top), else
    // bisect: galloping costs about 2·log2(nCand − j) tests, bisection log2(nCand).
    for (let step = 1; gallop; step *= 2) {
      const probe = hi - step;
      if (probe < lo) break;
      if (nonPlanarWith(probe)) hi = probe;
      else {
        lo = probe + 1;
        break;
      }
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (nonPlanarWith(mid)) hi = mid;
      else lo = mid + 1;
    }
    const j = hi;
    gallop = 8 * (nCand - j) < nCand;
    truncate(j);
    if (j === 0) {
      reduce();
      break;
    }
    // Every non-planar subgraph of R ∪ C[0..j) contains C[j−1], since R ∪ C[0..j−1) is planar.
    req[order[nReq + j - 1] as number] = 1;
    reduce();
  }

  // ------------------------------------------------------------ expand and classify
  let total = 0;
  const finalEdges: number[] = [];
  for (let x = 0; x < edgeCount; x++) {
    if (alive[x] !== 1) continue;
    finalEdges.push(x);
    for (let p = pathHead[x] as number; ; p = pathNext[p] as number) {
      total++;
      if (p === pathTail[x]) break;
    }
  }
  const edges = new Int32Array(total);
  let t = 0;
  for (const x of finalEdges) {
    for (let p = pathHead[x] as number; ; p = pathNext[p] as number) {
      edges[t++] = blockEdges[p] as number;
      if (p === pathTail[x]) break;
    }
  }
  edges.sort();

  const branch: number[] = [];
  for (let v = 0; v < nb; v++) if ((deg[v] as number) >= 3) branch.push(v);
  const kind = finalEdges.length === 10 && branch.length === 5 ? 'K5' : 'K33';
  if (!(kind === 'K5' || (finalEdges.length === 9 && branch.length === 6))) {
    throw new Error(
      `@isinglab/graph internal: Kuratowski extraction ended with ${finalEdges.length} paths on ` +
        `${branch.length} branch nodes`,
    );
  }
  let branchNodes: number[];
  if (kind === 'K5') {
    branchNodes = branch;
  } else {
    // Side B: the three neighbours of branch[0]; side A: branch[0] and the two others.
    const a0 = branch[0] as number;
    const sideB: number[] = [];
    for (let h = adjHead[a0] as number; h !== -1; h = adjNext[h] as number) {
      const x = h >> 1;
      sideB.push((h & 1) === 0 ? (wb[x] as number) : (wa[x] as number));
    }
    const sideA = branch.filter((v) => !sideB.includes(v));
    branchNodes = [...sideA, ...sideB];
  }
  return {
    kind,
    edges,
    branchNodes: Int32Array.from(branchNodes, (v) => localToGlobal[v] as number),
  };
}
