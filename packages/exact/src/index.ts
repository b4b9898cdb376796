export { logPartition, edgeCorrelations, MAX_DENSE_BLOCK_NODES } from './planar/planar-ising.js';
export type { Couplings, PlanarIsingOptions } from './planar/planar-ising.js';
export { sampleExact } from './planar/sample-exact.js';
export type { SampleExactOptions } from './planar/sample-exact.js';
