// Public API of @isinglab/fvs-van: the exact FVS reduction (seed 001, Eqs. 3–5) and the variational autoregressive
// network trained on it.
export * from './reduction/index.js';
export * from './van/index.js';
