export { sparseAdjacency, adjacencyFromGraph, normaliseAdjacency, isSparseAdjacency } from './sparse/sparse-adjacency.js';
export type { SparseAdjacency, SparseAdjacencyInit, AdjacencyFromGraphOptions, AdjacencyNormalisation } from './sparse/sparse-adjacency.js';
export { spmm } from './ops/spmm.js';
export type { Aggregation, SpmmOptions } from './ops/spmm.js';
export { useBackend, registerBackend } from './backend/use-backend.js';
export type { BackendName, UseBackendOptions } from './backend/use-backend.js';
