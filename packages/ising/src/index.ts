export * from './model/index.js';
export * from './samplers/index.js';
export * from './cluster/index.js';
export * from './diagnostics/index.js';
export * from './exact/index.js';
export * from './approx/index.js';
export * from './io/index.js';
