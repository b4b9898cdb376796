// Public exports of this topic; re-exported by src/index.ts.
export { connectedComponents } from './connected-components.js';
export type { ConnectedComponentsResult } from './connected-components.js';
export { stronglyConnectedComponents } from './strongly-connected-components.js';
export type { StronglyConnectedComponentsResult } from './strongly-connected-components.js';
export { biconnectedComponents } from './biconnected-components.js';
export type { BiconnectedComponentsResult } from './biconnected-components.js';
export { blockCutTree } from './block-cut-tree.js';
export type { BlockCutTreeOptions, BlockCutTreeResult } from './block-cut-tree.js';
export { coreNumbers } from './core-numbers.js';
export type { CoreNumbersResult } from './core-numbers.js';
export { kCore, twoCore } from './k-core.js';
export type { KCoreOptions, KCoreResult } from './k-core.js';
