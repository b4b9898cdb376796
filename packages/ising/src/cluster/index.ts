// Cluster Monte Carlo updates for zero-field ferromagnets (Wolff 1989; Swendsen & Wang 1987).
// The raw kernels (wolffSweepKernel, swendsenWangSweepKernel, createClusterWorkspace) are internal: the sampler
// driver imports them from their files.
export { checkClusterModel } from './cluster-workspace.js';
export type { ClusterSweepsResult } from './cluster-workspace.js';
export { wolffSweeps } from './wolff.js';
export type { WolffSweepsOptions, WolffSweepsResult } from './wolff.js';
export { swendsenWangSweeps } from './swendsen-wang.js';
export type { SwendsenWangSweepsOptions } from './swendsen-wang.js';
