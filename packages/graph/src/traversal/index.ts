// Public exports of this topic; re-exported by src/index.ts.
export { bfs, bfsInto, createBfsWorkspace } from './bfs.js';
export type { BfsOptions, BfsResult, BfsWorkspace } from './bfs.js';
export { dfs } from './dfs.js';
export type { DfsOptions, DfsResult } from './dfs.js';
export type { TraversalDirection } from './direction.js';
