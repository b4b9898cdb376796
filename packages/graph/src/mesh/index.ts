// Public exports of this topic; re-exported by src/index.ts.
export { cotangentWeights } from './cotangent-weights.js';
export { cotangentLaplacian } from './cotangent-laplacian.js';
export type { CotangentLaplacianMatrix } from './cotangent-laplacian.js';
export { applyCotangentLaplacian } from './apply-cotangent-laplacian.js';
export { vertexAreas } from './vertex-areas.js';
export type { VertexAreasOptions, VertexAreaKind } from './vertex-areas.js';
export { vertexNormals } from './vertex-normals.js';
export type { VertexNormalsOptions, NormalWeighting } from './vertex-normals.js';
export { meanCurvature } from './mean-curvature.js';
export type { MeanCurvatureOptions } from './mean-curvature.js';
export { meanCurvatureNormal } from './mean-curvature-normal.js';
export type { MeanCurvatureNormalOptions } from './mean-curvature-normal.js';
export { angleDefects } from './angle-defects.js';
export { gaussianCurvature } from './gaussian-curvature.js';
export type { GaussianCurvatureOptions } from './gaussian-curvature.js';
export { meshEdgeStats } from './mesh-edge-stats.js';
export type { MeshEdgeStats } from './mesh-edge-stats.js';
export { normalizeMesh } from './normalize-mesh.js';
export { closestPointOnTriangle } from './point-triangle-distance.js';
export type { ClosestPointOnTriangle } from './point-triangle-distance.js';
export { buildTriangleBvh, closestPointOnMesh, pointToMeshDistances, vertexToMeshDistance } from './triangle-bvh.js';
export type {
  BvhSplit,
  ClosestPointOnMesh,
  PointToMeshDistances,
  TriangleBvh,
  TriangleBvhOptions,
  VertexToMeshDistance,
} from './triangle-bvh.js';
export { coarsenByKeptVertices } from './coarsen-by-kept-vertices.js';
export type { CoarsenByKeptVerticesResult } from './coarsen-by-kept-vertices.js';
export { quadricEdgeCollapse } from './quadric-edge-collapse.js';
export type { QuadricEdgeCollapseOptions, QuadricEdgeCollapseResult, QuadricPlacement } from './quadric-edge-collapse.js';
export { nonManifoldEdges } from './non-manifold-edges.js';
export type { NonManifoldEdgesResult } from './non-manifold-edges.js';
