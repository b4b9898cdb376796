// Node-classification data: the Geom-GCN reader, chameleon/squirrel, the directed SBM and random splits.
export { denseFeatureMatrix } from './node-dataset.js';
export type { DenseNodeFeatures, SparseNodeFeatures, NodeFeatures, NodeSplit, NodeClassificationDataset } from './node-dataset.js';
export { readDirectedNodeDataset } from './read-directed-node-dataset.js';
export type { ReadDirectedNodeDatasetOptions } from './read-directed-node-dataset.js';
export { loadChameleon, loadSquirrel } from './wikipedia-networks.js';
export { directedSbm } from './directed-sbm.js';
export type { DirectedSbmOptions } from './directed-sbm.js';
export { randomNodeSplit } from './random-node-split.js';
export type { RandomNodeSplitOptions } from './random-node-split.js';
