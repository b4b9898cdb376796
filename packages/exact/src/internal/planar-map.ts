/**
 * A biconnected planar block as a half-edge map, triangulated. Half-edges 2e and 2e + 1 are the two directions of
 * map edge e (twin = h ^ 1); `cwNext[h]` is the next half-edge clockwise around tail(h); the face on the left of h
 * continues with faceNext(h) = cwNext[h ^ 1] (the convention of @isinglab/graph's planarFaces). Map edges beyond
 * the block's own are chords added by triangulation (coupling 0, `globalEdge` −1); they may be parallel to
 * existing edges, which the perfect-matching construction allows.
 */
import type { Graph, PlanarEmbedding } from '@isinglab/graph';

export interface PlanarMap {
  /** Nodes of the block (local ids 0..nodes−1). */
  nodes: number;
  /** Map edges after triangulation (3·nodes − 6 for nodes ≥ 3). */
  edges: number;
  /** Tail (local node) of each half-edge, length 2·edges. */
  tail: Int32Array;
  /** Next half-edge clockwise around the tail, length 2·edges. */
  cwNext: Int32Array;
  /** Global edge id of each map edge, −1 for a triangulation chord. */
  globalEdge: Int32Array;
  /** Global node id of each local node. */
  globalNode: Int32Array;
  /** Lowest-numbered half-edge out of each node (where its rotation is entered), −1 for none. */
  firstOut: Int32Array;
  /** Nodes in breadth-first order from node 0, each row scanned clockwise from `firstOut` (the spanning tree). */
  bfsOrder: Int32Array;
  /** Half-edge from each node's BFS parent to it (tail = parent), −1 for node 0. */
  parentHalf: Int32Array;
}

/**
 * Builds block `block`'s map from the global embedding restricted to the block's edges (a planar embedding of
 * the block), then fan-triangulates every face longer than 3. Scratch arrays `nodeLocal` and `edgeLocal`
 * (length order and size, filled with −1) are restored before returning. O(block nodes + block edges) plus the
 * scan of the block nodes' rotation rows.
 */
export function buildTriangulatedBlock(
  graph: Graph,
  embedding: PlanarEmbedding,
  edgeComponent: Int32Array,
  block: number,
  blockNodes: Int32Array,
  nodeLocal: Int32Array,
  edgeLocal: Int32Array,
): PlanarMap {
  const n = blockNodes.length;
  for (let i = 0; i < n; i++) nodeLocal[blockNodes[i] as number] = i;
  const { offsets } = embedding;
  const rotationEdgeIds = embedding.rotationEdgeIds;
  // block edges, numbered in order of first sight
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = blockNodes[i] as number;
    for (let q = offsets[v] as number; q < (offsets[v + 1] as number); q++) {
      const g = rotationEdgeIds[q] as number;
      if (edgeComponent[g] === block && edgeLocal[g] === -1) edgeLocal[g] = m++;
    }
  }
  const capacity = n >= 3 ? 3 * n - 6 : m;
  const tail = new Int32Array(2 * capacity);
  const cwNext = new Int32Array(2 * capacity).fill(-1);
  const globalEdge = new Int32Array(capacity).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = blockNodes[i] as number;
    let first = -1;
    let previous = -1;
    for (let q = offsets[v] as number; q < (offsets[v + 1] as number); q++) {
      const g = rotationEdgeIds[q] as number;
      if (edgeComponent[g] !== block) continue;
      const e = edgeLocal[g] as number;
      globalEdge[e] = g;
      const h = graph.edgeSources[g] === v ? 2 * e : 2 * e + 1;
      tail[h] = i;
      if (previous === -1) first = h;
      else cwNext[previous] = h;
      previous = h;
    }
    if (previous !== -1) cwNext[previous] = first;
  }
  for (let i = 0; i < n; i++) nodeLocal[blockNodes[i] as number] = -1;
  for (let e = 0; e < m; e++) edgeLocal[globalEdge[e] as number] = -1;
  const map = { nodes: n, edges: m, tail, cwNext, globalEdge, globalNode: blockNodes };
  if (n >= 3) triangulate(map);
  return { ...map, ...spanningTree(map.nodes, map.edges, tail, cwNext) };
}

/** The BFS spanning tree every consumer of a block shares (gauges, Pfaffian orientation, spins of a matching). */
function spanningTree(nodes: number, edges: number, tail: Int32Array, cwNext: Int32Array): Pick<PlanarMap, 'firstOut' | 'bfsOrder' | 'parentHalf'> {
  const firstOut = new Int32Array(nodes).fill(-1);
  for (let h = 0; h < 2 * edges; h++) if (firstOut[tail[h] as number] === -1) firstOut[tail[h] as number] = h;
  const bfsOrder = new Int32Array(nodes);
  const parentHalf = new Int32Array(nodes).fill(-1);
  const seen = new Uint8Array(nodes);
  let size = 0;
  if (nodes > 0) {
    bfsOrder[size++] = 0;
    seen[0] = 1;
  }
  for (let head = 0; head < size; head++) {
    const v = bfsOrder[head] as number;
    const start = firstOut[v] as number;
    if (start === -1) continue;
    let h = start;
    do {
      const w = tail[h ^ 1] as number;
      if (seen[w] === 0) {
        seen[w] = 1;
        parentHalf[w] = h;
        bfsOrder[size++] = w;
      }
      h = cwNext[h] as number;
    } while (h !== start);
  }
  return { firstOut, bfsOrder, parentHalf };
}

/** β·J of each map edge from the per-edge-id values (0 for triangulation chords). */
export function blockCouplings(map: PlanarMap, globalBetaJ: ArrayLike<number>): Float64Array {
  const bj = new Float64Array(map.edges);
  for (let e = 0; e < map.edges; e++) {
    const g = map.globalEdge[e] as number;
    if (g >= 0) bj[e] = globalBetaJ[g] as number;
  }
  return bj;
}

/** The edge id of a bridge block (a block of two nodes in a simple graph), found from its node `v`. */
export function bridgeEdge(graph: Graph, edgeComponent: Int32Array, block: number, v: number): number {
  for (let p = graph.offsets[v] as number; p < (graph.offsets[v + 1] as number); p++) {
    const e = graph.edgeIds[p] as number;
    if (edgeComponent[e] === block) return e;
  }
  throw new Error('exact: bridge block without its edge');
}

/**
 * Fan triangulation: a face v0 → v1 → … → v(k−1) → v0 with k > 3 gets chords v0–v2, …, v0–v(k−2). In a
 * biconnected block every face boundary is a simple cycle, so the chords are proper (possibly parallel) edges.
 */
function triangulate(map: Pick<PlanarMap, 'tail' | 'cwNext' | 'edges'>): void {
  const { tail, cwNext } = map;
  const visited = new Uint8Array(tail.length);
  const walk: number[] = [];
  const originalHalfEdges = 2 * map.edges;
  for (let start = 0; start < originalHalfEdges; start++) {
    if (visited[start] === 1) continue;
    walk.length = 0;
    let h = start;
    do {
      visited[h] = 1;
      walk.push(h);
      h = cwNext[h ^ 1] as number;
    } while (h !== start);
    const k = walk.length;
    if (k <= 3) continue;
    const v0 = tail[walk[0] as number] as number;
    const intoV0 = (walk[k - 1] as number) ^ 1; // v0 → v(k−1), right before walk[0] clockwise at v0
    // chords v0–vi for i = k−2 down to 2; at v0 they go clockwise between v0→v(k−1) and v0→v1 in the order
    // v0→v(k−2), …, v0→v2; at vi the chord goes right after vi→v(i−1) (the twin of walk[i−1])
    let before = intoV0;
    for (let i = k - 2; i >= 2; i--) {
      const e = map.edges++;
      const out = 2 * e; // v0 → vi
      const back = 2 * e + 1; // vi → v0
      const vi = tail[walk[i] as number] as number;
      tail[out] = v0;
      tail[back] = vi;
      // at v0: before → out → (whatever followed before)
      cwNext[out] = cwNext[before] as number;
      cwNext[before] = out;
      before = out;
      // at vi: twin(walk[i−1]) → back → walk[i]
      const incomingTwin = (walk[i - 1] as number) ^ 1;
      cwNext[back] = walk[i] as number;
      cwNext[incomingTwin] = back;
      visited[out] = 1;
      visited[back] = 1;
    }
  }
}
