// The public surface of @isinglab/graph: named re-exports only.

// Errors and argument checks shared by every isinglab package
export {
  IsingLabError,
  InvalidArgumentError,
  ParseError,
  UnsupportedGraphError,
  ConvergenceError,
  describeValue,
} from './errors/errors.js';
export type {
  IsingLabErrorCode,
  IsingLabErrorOptions,
  InvalidArgumentErrorInit,
  ParseErrorInit,
  UnsupportedGraphErrorInit,
  ConvergenceErrorInit,
} from './errors/errors.js';
export {
  checkInteger,
  checkFiniteNumber,
  checkProbability,
  checkOneOf,
  checkBoolean,
  checkFiniteArray,
  checkLength,
  checkOptions,
} from './errors/validate.js';
export type { CheckSite } from './errors/validate.js';

// Random numbers
export { createRng, rngFromState, isRng, checkRng, shuffleInPlace, Xoshiro128 } from './random/rng.js';
export type { Rng, RngState } from './random/rng.js';

// Graph structure
export type { Graph } from './core/graph.js';
export { buildGraph, fromEdges, fromAdjacencyLists, fromAdjacencyMatrix } from './core/build-graph.js';
export type {
  BuildGraphOptions,
  BuildGraphResult,
  EdgeListInput,
  DuplicateEdgePolicy,
  SelfLoopPolicy,
  FromEdgesOptions,
  FromAdjacencyMatrixOptions,
} from './core/build-graph.js';
export {
  checkGraph,
  checkUndirected,
  checkNode,
  degree,
  inDegree,
  degrees,
  neighbors,
  inNeighbors,
  edgeBetween,
  hasEdge,
  opposite,
  validateGraph,
} from './core/queries.js';

// Transforms
export { toUndirected } from './transform/to-undirected.js';
export type { ToUndirectedOptions, ToUndirectedResult } from './transform/to-undirected.js';
export { inducedSubgraph } from './transform/induced-subgraph.js';
export type { SubgraphResult } from './transform/induced-subgraph.js';
export { relabel } from './transform/relabel.js';
export type { RelabelResult } from './transform/relabel.js';
export { lineGraph } from './transform/line-graph.js';
export type { LineGraphResult } from './transform/line-graph.js';

// Meshes
export { meshFromArrays } from './mesh/triangle-mesh.js';
export type { TriangleMesh, MeshFromArraysResult } from './mesh/triangle-mesh.js';

// Topics (each folder's index.ts lists its named exports)
export * from './io/index.js';
export * from './generators/index.js';
export * from './traversal/index.js';
export * from './components/index.js';
export * from './colouring/index.js';
export * from './fvs/index.js';
export * from './planarity/index.js';
export * from './mesh/index.js';
export * from './decomposition/index.js';
