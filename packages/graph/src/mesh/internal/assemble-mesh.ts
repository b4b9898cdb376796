/**
 * Builds a TriangleMesh from candidate faces while keeping every vertex (never re-exported). Unlike meshFromArrays,
 * vertices no face uses stay (a coarse mesh must keep all its kept vertices, so that indices stay stable), and faces
 * with a repeated or negative index, or repeating an earlier face's vertex set, are dropped and counted.
 * Preconditions: finite positions of length 3·vertexCount, face indices < vertexCount.
 */
import { buildGraph } from '../../core/build-graph.js';
import type { TriangleMesh } from '../triangle-mesh.js';

export interface AssembledMesh {
  mesh: TriangleMesh;
  /** Candidate faces with a repeated or negative vertex index. */
  degenerateFacesDropped: number;
  /** Candidate faces on the same three vertices as an earlier kept face (in either orientation). */
  duplicateFacesDropped: number;
}

export function assembleMesh(positions: Float64Array, vertexCount: number, candidates: Int32Array, candidateCount: number): AssembledMesh {
  const ok = new Uint8Array(candidateCount);
  const key = new Int32Array(3 * candidateCount);
  const order: number[] = [];
  let degenerate = 0;
  for (let f = 0; f < candidateCount; f++) {
    let a = candidates[3 * f] as number;
    let b = candidates[3 * f + 1] as number;
    let c = candidates[3 * f + 2] as number;
    if (a < 0 || b < 0 || c < 0 || a === b || b === c || a === c) {
      degenerate++;
      continue;
    }
    // Sorted vertex triple, the orientation-free identity of the face.
    if (a > b) [a, b] = [b, a];
    if (b > c) [b, c] = [c, b];
    if (a > b) [a, b] = [b, a];
    key[3 * f] = a;
    key[3 * f + 1] = b;
    key[3 * f + 2] = c;
    ok[f] = 1;
    order.push(f);
  }
  // Sort by (triple, input index) so the first occurrence of each triple survives.
  order.sort((f, g) => (key[3 * f] as number) - (key[3 * g] as number) || (key[3 * f + 1] as number) - (key[3 * g + 1] as number) || (key[3 * f + 2] as number) - (key[3 * g + 2] as number) || f - g);
  let duplicates = 0;
  for (let i = 1; i < order.length; i++) {
    const f = order[i - 1] as number;
    const g = order[i] as number;
    if (key[3 * f] === key[3 * g] && key[3 * f + 1] === key[3 * g + 1] && key[3 * f + 2] === key[3 * g + 2]) {
      // g comes later in the input than f (ties sorted by index); keep the earliest of the run.
      ok[g] = 0;
      order[i] = f;
      duplicates++;
    }
  }
  const faceCount = candidateCount - degenerate - duplicates;
  const faces = new Int32Array(3 * faceCount);
  const src = new Int32Array(3 * faceCount);
  const dst = new Int32Array(3 * faceCount);
  let t = 0;
  for (let f = 0; f < candidateCount; f++) {
    if (!ok[f]) continue;
    for (let k = 0; k < 3; k++) faces[3 * t + k] = candidates[3 * f + k] as number;
    for (let k = 0; k < 3; k++) {
      src[3 * t + k] = faces[3 * t + k] as number;
      dst[3 * t + k] = faces[3 * t + ((k + 1) % 3)] as number;
    }
    t++;
  }
  const { graph } = buildGraph({ order: vertexCount, sources: src, targets: dst });
  const mesh: TriangleMesh = Object.freeze({ vertexCount, faceCount, positions, faces, graph });
  return { mesh, degenerateFacesDropped: degenerate, duplicateFacesDropped: duplicates };
}
