// Public exports of the decomposition topic (triconnected components / SPQR trees, K3,3-minor tests);
// re-exported by src/index.ts.
export { SpqrNodeType } from './types.js';
export type {
  SpqrNodeTypeCode,
  MultigraphEdges,
  TriconnectedComponents,
  SpqrTree,
  K33FreeDecomposition,
  K33MinorResult,
} from './types.js';
export { triconnectedComponents } from './triconnected-components.js';
export { spqrTree } from './spqr-tree.js';
export type { SpqrTreeOptions } from './spqr-tree.js';
export { checkK33MinorFree } from './check-k33-minor-free.js';
export type { CheckK33MinorFreeOptions } from './check-k33-minor-free.js';
export { isK33MinorFree } from './is-k33-minor-free.js';
