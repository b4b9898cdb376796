/**
 * Leading singular triplets of a graph's adjacency matrix by randomised subspace iteration.
 */
import {
  checkInteger,
  checkOptions,
  checkRng,
  type Graph,
  type Rng,
} from '@isinglab/graph';
import { checkIbgGraph, site } from './internal/checks.js';
import { randomisedSvd } from './internal/randomised-svd.js';

export interface TruncatedSvdOptions {
  /** Random source for the Gaussian test matrix (required). Create one with `createRng(seed)`. */
  rng: Rng;
  /** Extra sample columns p beyond the rank (Halko et al. recommend 5–10). Capped so rank + p ≤ N. @default 10 */
  oversampling?: number;
  /** Power (subspace) iterations q; each costs two sparse products and sharpens a slowly decaying spectrum. @default 4 */
  powerIterations?: number;
}

export interface TruncatedSvdResult {
  /** The number of triplets returned (the requested rank). */
  rank: number;
  /** Singular values σ_1 ≥ … ≥ σ_rank ≥ 0. */
  values: Float64Array;
  /**
   * Left singular vectors as columns of an N × rank row-major matrix (A ≈ left · diag(values) · rightᵀ). Each
   * vector's sign is fixed so that its largest-magnitude entry is positive. A value that is numerically 0 (rank(A)
   * smaller than requested) comes with zero vectors.
   */
  left: Float64Array;
  /** Right singular vectors, N × rank row-major. */
  right: Float64Array;
}

const DEFAULTS = Object.freeze({ oversampling: 10, powerIterations: 4 });
const OPTION_KEYS = ['rng', 'oversampling', 'powerIterations'] as const;

/**
 * The `rank` leading singular triplets of the 0/1 adjacency A of `graph` (A_ij = 1 for an arc i → j; an undirected
 * graph is symmetric), by the randomised range finder with subspace iteration of Halko, Martinsson & Tropp (SIAM
 * Review 53, 2011; Algorithms 4.4 and 5.1): Y = (A Aᵀ)^q A Ω for a Gaussian N × ℓ matrix Ω, ℓ = rank + p,
 * re-orthonormalised after every product; then the small SVD of QᵀA computed through a QR of AᵀQ and one-sided
 * Jacobi. Only products with the CSR are used: O((2q + 2)·nnz·ℓ + (q + 2)·N·ℓ² + ℓ³) time, O(N·ℓ) memory.
 * Seed 003 Section 5.2 / Appendix H use these triplets to initialise an IBG (see initialiseIbg).
 *
 * Accuracy: the error of the rank-k approximation is within a small factor of σ_{k+1} with high probability,
 * and the factor shrinks geometrically with q (HMT Theorem 10.8 / Corollary 10.10).
 *
 * @throws InvalidArgumentError for a graph without arcs, `rank` outside [1, N], or bad options.
 */
export function truncatedSvd(graph: Graph, rank: number, options: TruncatedSvdOptions): TruncatedSvdResult {
  const s = site('truncatedSvd');
  const opts = { ...DEFAULTS, ...checkOptions<TruncatedSvdOptions>(s, options, OPTION_KEYS) };
  const g = checkIbgGraph(s, graph);
  const n = g.order;
  checkInteger(s, 'rank', rank, { min: 1, max: n });
  const rng = checkRng(s, opts.rng);
  const p = checkInteger(s, 'options.oversampling', opts.oversampling, { min: 0, max: 1000 });
  const q = checkInteger(s, 'options.powerIterations', opts.powerIterations, { min: 0, max: 100 });
  return randomisedSvd(n, g.offsets, g.targets, rank, Math.min(n, rank + p), q, rng);
}
