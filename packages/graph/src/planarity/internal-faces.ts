/**
 * @internal Kernels shared by `planarFaces` and `verifyPlanarEmbedding`: the structural check of a rotation
 * system, face tracing, and a component count. They trust `graph` to be a valid undirected Graph.
 */
import type { Graph } from '../core/graph.js';
import type { PlanarEmbedding } from './types.js';

/** Faces of a rotation system; see `planarFaces`. */
export interface FaceTrace {
  faceCount: number;
  faceOffsets: Int32Array;
  faceNodes: Int32Array;
  faceHalfEdges: Int32Array;
  halfEdgeFace: Int32Array;
}

/**
 * Null when `embedding` is a rotation system of `graph` (right array types and lengths, the graph's offsets, each
 * row a permutation of the node's incident edges with matching neighbours), otherwise a description of the first
 * problem. O(n + m).
 */
export function rotationProblem(graph: Graph, embedding: unknown): string | null {
  if (typeof embedding !== 'object' || embedding === null) return 'the embedding is not an object';
  const emb = embedding as Partial<PlanarEmbedding>;
  const n = graph.order;
  const m = graph.size;
  if (!(emb.offsets instanceof Int32Array) || emb.offsets.length !== n + 1) {
    return `embedding.offsets must be an Int32Array of length ${n + 1}`;
  }
  if (!(emb.rotation instanceof Int32Array) || emb.rotation.length !== 2 * m) {
    return `embedding.rotation must be an Int32Array of length ${2 * m}`;
  }
  if (!(emb.rotationEdgeIds instanceof Int32Array) || emb.rotationEdgeIds.length !== 2 * m) {
    return `embedding.rotationEdgeIds must be an Int32Array of length ${2 * m}`;
  }
  const off = graph.offsets;
  const eoff = emb.offsets;
  for (let v = 0; v <= n; v++) {
    if (eoff[v] !== off[v]) return `embedding.offsets[${v}] is ${eoff[v]}, but graph.offsets[${v}] is ${off[v]}`;
  }
  const rot = emb.rotation;
  const rids = emb.rotationEdgeIds;
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  const seenAt = new Int32Array(m).fill(-1);
  for (let v = 0; v < n; v++) {
    const b = off[v + 1] as number;
    for (let q = off[v] as number; q < b; q++) {
      const w = rot[q] as number;
      const e = rids[q] as number;
      if (!(Number.isInteger(e) && e >= 0 && e < m)) return `rotationEdgeIds[${q}] = ${e} is not an edge id`;
      const lo = v < w ? v : w;
      const hi = v < w ? w : v;
      if (src[e] !== lo || dst[e] !== hi) {
        return `row ${v}: entry ${q} names neighbour ${w} with edge ${e}, which joins ${src[e]} and ${dst[e]}`;
      }
      if (seenAt[e] === v) return `row ${v} lists edge ${e} twice`;
      seenAt[e] = v;
    }
  }
  return null;
}

/**
 * Traces the faces of a rotation system that passed `rotationProblem`: each half-edge (a position `q` of
 * `rotation`, pointing from its row's node to `rotation[q]`) is followed by the half-edge that comes next clockwise
 * around its head, which keeps the face on the left. O(n + m).
 */
export function traceFaces(graph: Graph, embedding: PlanarEmbedding): FaceTrace {
  const n = graph.order;
  const m = graph.size;
  const off = graph.offsets;
  const rot = embedding.rotation;
  const rids = embedding.rotationEdgeIds;
  const h = 2 * m;
  // twin[q]: position of the opposite half-edge, found through the shared edge id.
  const twin = new Int32Array(h);
  const firstPos = new Int32Array(m).fill(-1);
  for (let q = 0; q < h; q++) {
    const e = rids[q] as number;
    const p = firstPos[e] as number;
    if (p === -1) firstPos[e] = q;
    else {
      twin[q] = p;
      twin[p] = q;
    }
  }
  const halfEdgeFace = new Int32Array(h).fill(-1);
  const faceNodes = new Int32Array(h);
  const faceHalfEdges = new Int32Array(h);
  const faceStarts = new Int32Array(h + 1);
  let faceCount = 0;
  let len = 0;
  for (let v = 0; v < n; v++) {
    const b = off[v + 1] as number;
    for (let q = off[v] as number; q < b; q++) {
      if (halfEdgeFace[q] !== -1) continue;
      const f = faceCount++;
      faceStarts[f] = len;
      let x = q;
      let cur = v;
      do {
        halfEdgeFace[x] = f;
        faceNodes[len] = cur;
        faceHalfEdges[len] = x;
        len++;
        const w = rot[x] as number;
        const t = (twin[x] as number) + 1;
        x = t === off[w + 1] ? (off[w] as number) : t;
        cur = w;
      } while (x !== q);
    }
  }
  faceStarts[faceCount] = len;
  return {
    faceCount,
    faceOffsets: faceStarts.slice(0, faceCount + 1),
    faceNodes,
    faceHalfEdges,
    halfEdgeFace,
  };
}

/** Number of connected components, and how many of them have at least one edge. O(n + m α). */
export function countComponents(graph: Graph): { components: number; withEdges: number } {
  const n = graph.order;
  const parent = new Int32Array(n);
  for (let v = 0; v < n; v++) parent[v] = v;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const p = parent[x] as number;
      parent[x] = parent[p] as number; // path halving
      x = p;
    }
    return x;
  };
  let components = n;
  for (let e = 0; e < graph.size; e++) {
    const a = find(graph.edgeSources[e] as number);
    const b = find(graph.edgeTargets[e] as number);
    if (a !== b) {
      parent[a] = b;
      components--;
    }
  }
  let isolated = 0;
  const off = graph.offsets;
  for (let v = 0; v < n; v++) if (off[v + 1] === off[v]) isolated++;
  return { components, withEdges: components - isolated };
}
