/**
 * A K3,3 subdivision in the input graph from a non-planar R component of its SPQR forest that is not a K5. Internal.
 *
 * 1. The component's skeleton H (real and virtual edges; simple and 3-connected) is non-planar: `checkPlanarity`
 *    gives a Kuratowski subgraph of H.
 * 2. If that is a K5 subdivision, H ≠ K5 being 3-connected still holds a K3,3 subdivision (Hall 1943); we build one
 *    from the K5 subdivision S (constructive form of the classical proof, see `k5ToK33`).
 * 3. Every virtual edge {u, v} of the K3,3 subdivision in H is replaced by a u–v path through the real edges of the
 *    part of the tree beyond it. Parts beyond distinct virtual edges of one component share no node except their
 *    separation pairs, so the result is a K3,3 subdivision of the input graph.
 */
import { buildGraph } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { IsingLabError } from '../errors/errors.js';
import { checkPlanarity } from '../planarity/check-planarity.js';
import type { KuratowskiSubgraph } from '../planarity/types.js';
import { verifyKuratowskiSubgraph } from '../planarity/verify-kuratowski-subgraph.js';
import type { SpqrTree } from './types.js';

function internalError(what: string): IsingLabError {
  return new IsingLabError(`@isinglab/graph checkK33MinorFree: internal error (${what}).`);
}

/** A K3,3 subdivision of `graph` from the non-planar, non-K5 R component `c` of `tree` (global ids). */
export function k33Certificate(graph: Graph, tree: SpqrTree, c: number): KuratowskiSubgraph {
  const m = graph.size;
  // Skeleton H of component c on local node ids.
  const first = tree.componentOffsets[c] as number;
  const last = tree.componentOffsets[c + 1] as number;
  const k = last - first;
  const localOf = new Map<number, number>();
  const globalOf: number[] = [];
  const hs = new Int32Array(k);
  const ht = new Int32Array(k);
  const local = (v: number): number => {
    let id = localOf.get(v);
    if (id === undefined) {
      id = globalOf.length;
      localOf.set(v, id);
      globalOf.push(v);
    }
    return id;
  };
  for (let i = 0; i < k; i++) {
    const x = tree.componentEdges[first + i] as number;
    const u = x < m ? (graph.edgeSources[x] as number) : (tree.virtualSources[x - m] as number);
    const v = x < m ? (graph.edgeTargets[x] as number) : (tree.virtualTargets[x - m] as number);
    hs[i] = local(u);
    ht[i] = local(v);
  }
  const built = buildGraph({ order: globalOf.length, sources: hs, targets: ht }, { duplicates: 'error' });
  const H = built.graph;
  const xOfH = new Int32Array(H.size);
  for (let i = 0; i < k; i++) xOfH[built.inputToEdge[i] as number] = tree.componentEdges[first + i] as number;

  const planarity = checkPlanarity(H);
  if (planarity.planar || planarity.kuratowski === undefined) throw internalError('the component is planar');
  const kur = planarity.kuratowski;
  const found = kur.kind === 'K33' ? { edges: Array.from(kur.edges), branch: Array.from(kur.branchNodes) } : k5ToK33(H, kur);

  // Expand virtual edges into paths of the input graph.
  const out: number[] = [];
  const allowed = new Int32Array(m).fill(-1);
  const seenComp = new Int32Array(tree.count).fill(-1);
  const pred = new Int32Array(graph.order).fill(-1);
  const visitedAt = new Int32Array(graph.order).fill(-1);
  let stamp = 0;
  for (const h of found.edges) {
    const x = xOfH[h] as number;
    if (x < m) {
      out.push(x);
      continue;
    }
    stamp++;
    expandVirtual(graph, tree, x - m, stamp, allowed, seenComp, pred, visitedAt, out);
  }
  out.sort((a, b) => a - b);
  const certificate: KuratowskiSubgraph = {
    kind: 'K33',
    edges: Int32Array.from(out),
    branchNodes: Int32Array.from(found.branch, (v) => globalOf[v] as number),
  };
  const check = verifyKuratowskiSubgraph(graph, certificate);
  if (!check.valid) throw internalError(`invalid certificate: ${check.reason ?? ''}`);
  return certificate;
}

/** Appends to `out` the edges of a path between the endpoints of virtual edge k through the tree beyond it. */
function expandVirtual(
  graph: Graph,
  tree: SpqrTree,
  k: number,
  stamp: number,
  allowed: Int32Array,
  seenComp: Int32Array,
  pred: Int32Array,
  visitedAt: Int32Array,
  out: number[],
): void {
  const m = graph.size;
  const home = tree.virtualComponent[k] as number;
  const start = tree.virtualComponent[k ^ 1] as number;
  // Components beyond the tree edge k >> 1: a DFS from the twin's component that never enters `home`.
  seenComp[home] = stamp;
  seenComp[start] = stamp;
  const stack: number[] = [start];
  while (stack.length > 0) {
    const d = stack.pop() as number;
    for (let i = tree.componentOffsets[d] as number; i < (tree.componentOffsets[d + 1] as number); i++) {
      const x = tree.componentEdges[i] as number;
      if (x < m) allowed[x] = stamp;
    }
    for (let i = tree.treeOffsets[d] as number; i < (tree.treeOffsets[d + 1] as number); i++) {
      const f = tree.treeNeighbors[i] as number;
      if (seenComp[f] !== stamp) {
        seenComp[f] = stamp;
        stack.push(f);
      }
    }
  }
  // BFS from u to v over the allowed real edges.
  const u = tree.virtualSources[k] as number;
  const v = tree.virtualTargets[k] as number;
  const queue: number[] = [u];
  visitedAt[u] = stamp;
  let head = 0;
  while (head < queue.length && visitedAt[v] !== stamp) {
    const a = queue[head++] as number;
    for (let p = graph.offsets[a] as number; p < (graph.offsets[a + 1] as number); p++) {
      const e = graph.edgeIds[p] as number;
      if (allowed[e] !== stamp) continue;
      const b = graph.targets[p] as number;
      if (visitedAt[b] === stamp) continue;
      visitedAt[b] = stamp;
      pred[b] = e;
      queue.push(b);
    }
  }
  if (visitedAt[v] !== stamp) throw internalError('no path behind a virtual edge');
  for (let w = v; w !== u; ) {
    const e = pred[w] as number;
    out.push(e);
    w = graph.edgeSources[e] === w ? (graph.edgeTargets[e] as number) : (graph.edgeSources[e] as number);
  }
}

interface Path {
  /** Branch indices (0..4) of the two ends; nodes[0] is branch `i`, nodes[nodes.length-1] branch `j`. */
  i: number;
  j: number;
  nodes: number[];
  edges: number[];
}

/**
 * A K3,3 subdivision (edge ids of H, branch nodes as [side A, side B]) in a simple 3-connected graph H ≠ K5 from a
 * K5 subdivision S of H.
 *
 * If every branch path of S is a single edge, H has a node z outside S adjacent to a branch node c; a path from z to
 * another branch node y avoiding c and S (H − c is connected) replaces the edge c–y, so some branch path P(a, b) has
 * an inner node. Since H − {a, b} is connected, a shortest path Q leaves the inner nodes of P(a, b) (last at x) and
 * first meets S − P(a, b) at y, with no inner node on S. With d, e the remaining branch nodes:
 * - y a branch node c: sides {a, b, c} and {x, d, e};
 * - y inside P(c, d), {c, d} disjoint from {a, b}: sides {x, c, d} and {a, b, y};
 * - y inside P(a, c) (or P(b, c), swapping a and b): sides {a, b, c} and {x, d, e}, with x–c through Q and the
 *   part y..c of P(a, c).
 */
function k5ToK33(H: Graph, kur: KuratowskiSubgraph): { edges: number[]; branch: number[] } {
  const n = H.order;
  const B = Array.from(kur.branchNodes);
  const branchIndex = new Int32Array(n).fill(-1);
  B.forEach((v, i) => (branchIndex[v] = i));
  const inK = new Uint8Array(H.size);
  for (const e of kur.edges) inK[e] = 1;
  const other = (e: number, v: number): number =>
    H.edgeSources[e] === v ? (H.edgeTargets[e] as number) : (H.edgeSources[e] as number);

  // Trace the ten branch paths.
  const paths: Path[] = [];
  const pathIndex = new Map<number, number>(); // key 5i + j (i < j)
  for (let i = 0; i < 5; i++) {
    const b = B[i] as number;
    for (let p = H.offsets[b] as number; p < (H.offsets[b + 1] as number); p++) {
      const e0 = H.edgeIds[p] as number;
      if (inK[e0] === 0) continue;
      const nodes = [b];
      const edges = [e0];
      let prevEdge = e0;
      let at = other(e0, b);
      while (branchIndex[at] === -1) {
        nodes.push(at);
        let next = -1;
        for (let q = H.offsets[at] as number; q < (H.offsets[at + 1] as number); q++) {
          const f = H.edgeIds[q] as number;
          if (inK[f] === 1 && f !== prevEdge) next = f;
        }
        if (next === -1) throw internalError('broken K5 subdivision');
        edges.push(next);
        prevEdge = next;
        at = other(next, at);
      }
      nodes.push(at);
      const j = branchIndex[at] as number;
      if (i < j) {
        pathIndex.set(5 * i + j, paths.length);
        paths.push({ i, j, nodes, edges });
      }
    }
  }
  if (paths.length !== 10) throw internalError('K5 subdivision without ten paths');
  const getPath = (i: number, j: number): Path => paths[pathIndex.get(5 * Math.min(i, j) + Math.max(i, j)) as number] as Path;
  // pathOf[v]: path holding v as an inner node, or -1.
  const pathOf = new Int32Array(n).fill(-1);
  const markInner = (pi: number): void => {
    const nodes = (paths[pi] as Path).nodes;
    for (let t = 1; t + 1 < nodes.length; t++) pathOf[nodes[t] as number] = pi;
  };
  for (let pi = 0; pi < 10; pi++) markInner(pi);
  const inS = (v: number): boolean => branchIndex[v] !== -1 || pathOf[v] !== -1;

  // Make sure some branch path has an inner node.
  let target = paths.findIndex((p) => p.nodes.length > 2);
  if (target === -1) {
    let z = -1;
    let cIdx = -1;
    let zcEdge = -1;
    for (let i = 0; i < 5 && z === -1; i++) {
      const b = B[i] as number;
      for (let p = H.offsets[b] as number; p < (H.offsets[b + 1] as number); p++) {
        const t = H.targets[p] as number;
        if (branchIndex[t] === -1) {
          z = t;
          cIdx = i;
          zcEdge = H.edgeIds[p] as number;
          break;
        }
      }
    }
    if (z === -1) throw internalError('3-connected component equal to K5');
    const cNode = B[cIdx] as number;
    const route = searchPath(H, [z], (t) => t === cNode, (t) => branchIndex[t] !== -1);
    if (route === null) throw internalError('no detour around a branch node');
    // New path c – z – ... – y replaces the edge c–y.
    const yIdx = branchIndex[route.end] as number;
    const nodes = [cNode, ...route.nodes];
    const edges = [zcEdge, ...route.edges];
    const pi = pathIndex.get(5 * Math.min(cIdx, yIdx) + Math.max(cIdx, yIdx)) as number;
    const replaced: Path =
      cIdx < yIdx ? { i: cIdx, j: yIdx, nodes, edges } : { i: yIdx, j: cIdx, nodes: nodes.reverse(), edges: edges.reverse() };
    paths[pi] = replaced;
    markInner(pi);
    target = pi;
  }

  const pab = paths[target] as Path;
  let a = pab.i;
  let b = pab.j;
  const aNode = B[a] as number;
  const bNode = B[b] as number;
  const sources = pab.nodes.slice(1, -1);
  const q = searchPath(
    H,
    sources,
    (t) => t === aNode || t === bNode || pathOf[t] === target,
    (t) => inS(t),
  );
  if (q === null) throw internalError('no path leaving a branch path');
  const x = q.start;
  const y = q.end;
  const ix = pab.nodes.indexOf(x);
  let segA = pab.edges.slice(0, ix); // a .. x
  let segB = pab.edges.slice(ix); // x .. b
  const Q = q.edges;
  const rest = (used: number[]): number[] => [0, 1, 2, 3, 4].filter((t) => !used.includes(t));

  if (branchIndex[y] !== -1) {
    const c = branchIndex[y] as number;
    const [d, e] = rest([a, b, c]) as [number, number];
    const edges = [...segA, ...segB, ...Q];
    for (const [s, t] of [[a, d], [a, e], [b, d], [b, e], [c, d], [c, e]] as const) edges.push(...getPath(s, t).edges);
    return { edges, branch: [B[a], B[b], B[c], x, B[d], B[e]] as number[] };
  }
  const py = paths[pathOf[y] as number] as Path;
  const iy = py.nodes.indexOf(y);
  if (py.i !== a && py.i !== b && py.j !== a && py.j !== b) {
    const c = py.i;
    const d = py.j;
    const edges = [...segA, ...segB, ...Q];
    edges.push(...getPath(a, c).edges, ...getPath(b, c).edges, ...getPath(a, d).edges, ...getPath(b, d).edges);
    edges.push(...py.edges.slice(0, iy), ...py.edges.slice(iy)); // c..y and y..d
    return { edges, branch: [x, B[c], B[d], B[a], B[b], y] as number[] };
  }
  // y inside a path sharing one end with P(a, b): call the shared end a.
  if (py.i === b || py.j === b) {
    [a, b] = [b, a];
    [segA, segB] = [segB, segA];
  }
  const c = py.i === a ? py.j : py.i;
  // Part of P(a, c) from y to c.
  const yToC = py.i === c ? py.edges.slice(0, iy) : py.edges.slice(iy);
  const [d, e] = rest([a, b, c]) as [number, number];
  const edges = [...segA, ...segB, ...Q, ...yToC];
  for (const [s, t] of [[a, d], [a, e], [b, d], [b, e], [c, d], [c, e]] as const) edges.push(...getPath(s, t).edges);
  return { edges, branch: [B[a], B[b], B[c], x, B[d], B[e]] as number[] };
}

/**
 * Breadth-first search in H from `sources` (whose own S-neighbours are ignored) through nodes that are neither
 * `blocked` nor `stop` nodes, until an edge reaches a `stop` node. Returns the path from one source to that node.
 */
function searchPath(
  H: Graph,
  sources: readonly number[],
  blocked: (t: number) => boolean,
  stop: (t: number) => boolean,
): { start: number; end: number; nodes: number[]; edges: number[] } | null {
  const n = H.order;
  const pred = new Int32Array(n).fill(-1);
  const predEdge = new Int32Array(n).fill(-1);
  const seen = new Uint8Array(n);
  const queue: number[] = [...sources];
  for (const s of sources) seen[s] = 1;
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as number;
    for (let p = H.offsets[s] as number; p < (H.offsets[s + 1] as number); p++) {
      const t = H.targets[p] as number;
      if (seen[t] === 1 || blocked(t)) continue;
      const f = H.edgeIds[p] as number;
      if (stop(t)) {
        // Walk back to the source.
        const nodes = [t, s];
        const edges = [f];
        let w = s;
        while (pred[w] !== -1) {
          edges.push(predEdge[w] as number);
          w = pred[w] as number;
          nodes.push(w);
        }
        nodes.reverse();
        edges.reverse();
        return { start: w, end: t, nodes, edges };
      }
      seen[t] = 1;
      pred[t] = s;
      predEdge[t] = f;
      queue.push(t);
    }
  }
  return null;
}
