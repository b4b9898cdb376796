export { logPartition, edgeCorrelations, MAX_DENSE_BLOCK_NODES } from './planar/planar-ising.js';
export type { Couplings, PlanarIsingOptions } from './planar/planar-ising.js';
