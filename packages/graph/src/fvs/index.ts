// Public exports of this topic; re-exported by src/index.ts.
export { coreHdFeedbackVertexSet } from './core-hd.js';
export type { CoreHdOptions, FeedbackVertexSet } from './core-hd.js';
export { isForest } from './is-forest.js';
export { leafRemovalOrder } from './leaf-removal-order.js';
export type { LeafRemovalOrder } from './leaf-removal-order.js';
export { verifyFeedbackVertexSet } from './verify-feedback-vertex-set.js';
export type { VerifyFeedbackVertexSetOptions, VerifyFeedbackVertexSetResult } from './verify-feedback-vertex-set.js';
