/**
 * Entry validation shared by the public mesh functions (never re-exported). A mesh built by `meshFromArrays`
 * always passes; the checks guard hand-made or mutated objects so kernels never read out of range (which in
 * JavaScript yields `undefined` and then silent NaN). Whether every face side is an edge of `mesh.graph` is checked by
 * `faceSideEdges`, i.e. only by the functions that walk edges (areas, normals and normalizeMesh never read the graph).
 */
import { InvalidArgumentError } from '../../errors/errors.js';
import type { CheckSite } from '../../errors/validate.js';
import { checkGraph, checkUndirected } from '../../core/queries.js';
import type { TriangleMesh } from '../triangle-mesh.js';

const MESH_RULE = 'a TriangleMesh built by meshFromArrays (or a mesh reader)';

/**
 * Checks `value` is a TriangleMesh: field types and lengths, an undirected edge graph with one node per vertex,
 * finite coordinates and in-range face indices with three distinct vertices per face. O(vertices + faces).
 */
export function checkMesh(site: CheckSite, value: unknown, argument = 'mesh'): TriangleMesh {
  const m = value as Partial<TriangleMesh> | null;
  const shapeOk =
    typeof m === 'object' &&
    m !== null &&
    Number.isInteger(m.vertexCount) &&
    (m.vertexCount as number) >= 0 &&
    Number.isInteger(m.faceCount) &&
    (m.faceCount as number) >= 0 &&
    m.positions instanceof Float64Array &&
    m.positions.length === 3 * (m.vertexCount as number) &&
    m.faces instanceof Int32Array &&
    m.faces.length === 3 * (m.faceCount as number);
  if (!shapeOk) throw new InvalidArgumentError({ ...site, argument, value, rule: MESH_RULE });
  const mesh = value as TriangleMesh;
  const graph = checkGraph(site, mesh.graph, `${argument}.graph`);
  checkUndirected(site, graph, `${argument}.graph`);
  if (graph.order !== mesh.vertexCount) {
    throw new InvalidArgumentError({
      ...site,
      argument: `${argument}.graph.order`,
      value: graph.order,
      rule: `equal to ${argument}.vertexCount (${mesh.vertexCount})`,
    });
  }
  const pos = mesh.positions;
  for (let i = 0; i < pos.length; i++) {
    if (!Number.isFinite(pos[i] as number)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `${argument}.positions[${i}]`,
        value: pos[i],
        rule: 'a finite number',
      });
    }
  }
  const faces = mesh.faces;
  const n = mesh.vertexCount;
  for (let f = 0; f < mesh.faceCount; f++) {
    const a = faces[3 * f] as number;
    const b = faces[3 * f + 1] as number;
    const c = faces[3 * f + 2] as number;
    for (let k = 0; k < 3; k++) {
      const v = faces[3 * f + k] as number;
      if (v < 0 || v >= n) {
        throw new InvalidArgumentError({
          ...site,
          argument: `${argument}.faces[${3 * f + k}]`,
          value: v,
          rule: `a vertex index in [0, ${n})`,
        });
      }
    }
    if (a === b || b === c || a === c) {
      throw new InvalidArgumentError({
        ...site,
        argument: `${argument}.faces[${3 * f}..${3 * f + 2}]`,
        value: `${a} ${b} ${c}`,
        rule: 'three distinct vertex indices',
      });
    }
  }
  return mesh;
}
