// Public exports of the exact-reference topic; re-exported by src/index.ts.
export { enumerateIsing, MAX_ENUMERATION_ORDER } from './enumerate-ising.js';
export type { EnumerateIsingOptions, IsingEnumeration } from './enumerate-ising.js';
export { exactSamples } from './exact-samples.js';
export type { ExactSamplesOptions } from './exact-samples.js';
export {
  transferMatrixIsing,
  TRANSFER_MATRIX_MAX_WIDTH,
  TRANSFER_MATRIX_MAX_TRACE_WIDTH,
} from './transfer-matrix-ising.js';
export type { TransferMatrixIsingOptions, TransferMatrixIsingResult } from './transfer-matrix-ising.js';
export { onsagerSquareLattice, criticalBeta, ISING_CRITICAL_BETA } from './onsager-square-lattice.js';
export type { OnsagerOptions, OnsagerResult } from './onsager-square-lattice.js';
export { kaufmanTorus } from './kaufman-torus.js';
export type { KaufmanTorusOptions, KaufmanTorusResult } from './kaufman-torus.js';
