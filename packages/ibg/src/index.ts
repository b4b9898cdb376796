// Public API of @isinglab/ibg: the IBG model (seed 003) and its fitting, IBG-NN with its baselines, and the
// node-classification data it is evaluated on.
export * from './model/index.js';
export * from './nn/index.js';
export * from './data/index.js';
