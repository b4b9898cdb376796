// Public exports of this topic; re-exported by src/index.ts.

// Lattices
export { squareLattice } from './square-lattice.js';
export type { SquareLatticeOptions } from './square-lattice.js';
export { triangularLattice } from './triangular-lattice.js';
export type { TriangularLatticeOptions } from './triangular-lattice.js';
export { kingsGraph } from './kings-graph.js';
export type { KingsGraphOptions } from './kings-graph.js';
export { cubicLattice } from './cubic-lattice.js';
export type { CubicLatticeOptions } from './cubic-lattice.js';

// Classic small graphs
export { completeGraph } from './complete-graph.js';
export { completeBipartiteGraph } from './complete-bipartite-graph.js';
export { cycleGraph } from './cycle-graph.js';
export { pathGraph } from './path-graph.js';
export { starGraph } from './star-graph.js';
export { wheelGraph } from './wheel-graph.js';
export { petersenGraph } from './petersen-graph.js';
export { karateClub, karateClubFactions } from './karate-club.js';
export type { KarateClubFaction, KarateClubOptions } from './karate-club.js';

// Random graphs (every one requires options.rng)
export { erdosRenyiGnp } from './erdos-renyi-gnp.js';
export type { ErdosRenyiGnpOptions } from './erdos-renyi-gnp.js';
export { erdosRenyiGnm } from './erdos-renyi-gnm.js';
export type { ErdosRenyiGnmOptions } from './erdos-renyi-gnm.js';
export { randomRegularGraph } from './random-regular-graph.js';
export type { RandomRegularGraphOptions } from './random-regular-graph.js';
export { wattsStrogatz } from './watts-strogatz.js';
export type { WattsStrogatzOptions } from './watts-strogatz.js';
export { randomTree } from './random-tree.js';
export type { RandomTreeOptions } from './random-tree.js';
export { randomPlanarGraph } from './random-planar-graph.js';
export type { RandomPlanarGraphOptions, RandomPlanarGraphResult } from './random-planar-graph.js';
export { randomApollonianNetwork } from './random-apollonian-network.js';
export type { RandomApollonianNetworkOptions, RandomApollonianNetworkResult } from './random-apollonian-network.js';
export { randomK33FreeGraph, type RandomK33FreeGraphOptions, type RandomK33FreeGraphResult } from './random-k33-free-graph.js';
