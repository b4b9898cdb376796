// Public exports of this topic; re-exported by src/index.ts.
export { isPlanar } from './is-planar.js';
export { checkPlanarity } from './check-planarity.js';
export type { CheckPlanarityOptions, PlanarityResult } from './check-planarity.js';
export { planarFaces } from './planar-faces.js';
export type { PlanarFaces } from './planar-faces.js';
export { verifyPlanarEmbedding } from './verify-planar-embedding.js';
export { verifyKuratowskiSubgraph } from './verify-kuratowski-subgraph.js';
export type { KuratowskiSubgraph, PlanarEmbedding, PlanarityVerification } from './types.js';
