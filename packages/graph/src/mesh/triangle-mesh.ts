/** Triangle meshes: vertex positions, triangles, and the undirected edge graph every mesh algorithm walks. */
import { InvalidArgumentError } from '../errors/errors.js';
import { buildGraph } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';

export interface TriangleMesh {
  /** Number of vertices (= graph.order). */
  readonly vertexCount: number;
  /** Number of triangles. */
  readonly faceCount: number;
  /** x, y, z of vertex v at 3v, 3v+1, 3v+2. */
  readonly positions: Float64Array;
  /** Vertex ids of triangle f at 3f, 3f+1, 3f+2 (orientation as given). */
  readonly faces: Int32Array;
  /** Undirected graph of the mesh edges (each triangle side once). */
  readonly graph: Graph;
}

export interface MeshFromArraysResult {
  mesh: TriangleMesh;
  /** Vertices no triangle uses; dropped, with the remaining vertices renumbered in order. */
  unreferencedDropped: number;
  /** Triangles with a repeated vertex; dropped. */
  degenerateFacesDropped: number;
  /** `vertexMap[v]` is the input index of mesh vertex v. */
  vertexMap: Int32Array;
}

/**
 * Builds a mesh from flat arrays (3 coordinates per vertex, 3 vertex indices per triangle), dropping unreferenced
 * vertices and degenerate triangles. Coordinates must be finite; indices must be in range.
 */
export function meshFromArrays(positions: ArrayLike<number>, faces: ArrayLike<number>): MeshFromArraysResult {
  const site = { pkg: 'graph', fn: 'meshFromArrays' };
  for (const [argument, value] of [['positions', positions], ['faces', faces]] as const) {
    if (!(Array.isArray(value) || ArrayBuffer.isView(value))) {
      throw new InvalidArgumentError({ ...site, argument, value, rule: 'an array or typed array of numbers' });
    }
  }
  if (positions.length % 3 !== 0) {
    throw new InvalidArgumentError({ ...site, argument: 'positions.length', value: positions.length, rule: 'a multiple of 3' });
  }
  if (faces.length % 3 !== 0) {
    throw new InvalidArgumentError({ ...site, argument: 'faces.length', value: faces.length, rule: 'a multiple of 3' });
  }
  const inputVertices = positions.length / 3;
  for (let i = 0; i < positions.length; i++) {
    if (!Number.isFinite(positions[i] as number)) {
      throw new InvalidArgumentError({ ...site, argument: `positions[${i}]`, value: positions[i], rule: 'a finite number' });
    }
  }
  const used = new Uint8Array(inputVertices);
  const faceOk = new Uint8Array(faces.length / 3);
  let degenerate = 0;
  for (let f = 0; f < faces.length / 3; f++) {
    const a = faces[3 * f] as number;
    const b = faces[3 * f + 1] as number;
    const c = faces[3 * f + 2] as number;
    for (let k = 0; k < 3; k++) {
      const v = faces[3 * f + k] as number;
      if (!(Number.isInteger(v) && v >= 0 && v < inputVertices)) {
        throw new InvalidArgumentError({
          ...site,
          argument: `faces[${3 * f + k}]`,
          value: v,
          rule: `a vertex index in [0, ${inputVertices})`,
        });
      }
    }
    if (a === b || b === c || a === c) {
      degenerate++;
      continue;
    }
    faceOk[f] = 1;
    used[a] = 1;
    used[b] = 1;
    used[c] = 1;
  }
  const newId = new Int32Array(inputVertices).fill(-1);
  let n = 0;
  for (let v = 0; v < inputVertices; v++) if (used[v]) newId[v] = n++;
  const vertexMap = new Int32Array(n);
  const pos = new Float64Array(3 * n);
  for (let v = 0; v < inputVertices; v++) {
    const w = newId[v] as number;
    if (w < 0) continue;
    vertexMap[w] = v;
    pos[3 * w] = positions[3 * v] as number;
    pos[3 * w + 1] = positions[3 * v + 1] as number;
    pos[3 * w + 2] = positions[3 * v + 2] as number;
  }
  const faceCount = faceOk.reduce((s, x) => s + x, 0);
  const tri = new Int32Array(3 * faceCount);
  const src = new Int32Array(3 * faceCount);
  const dst = new Int32Array(3 * faceCount);
  let t = 0;
  for (let f = 0; f < faceOk.length; f++) {
    if (!faceOk[f]) continue;
    for (let k = 0; k < 3; k++) tri[3 * t + k] = newId[faces[3 * f + k] as number] as number;
    for (let k = 0; k < 3; k++) {
      src[3 * t + k] = tri[3 * t + k] as number;
      dst[3 * t + k] = tri[3 * t + ((k + 1) % 3)] as number;
    }
    t++;
  }
  const { graph } = buildGraph({ order: n, sources: src, targets: dst });
  const mesh: TriangleMesh = Object.freeze({ vertexCount: n, faceCount, positions: pos, faces: tri, graph });
  return { mesh, unreferencedDropped: inputVertices - n, degenerateFacesDropped: degenerate, vertexMap };
}
