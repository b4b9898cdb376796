/**
 * The parameters of an Intersecting Block Graph (IBG) approximation of a directed graph-signal (G, X), seed 003
 * Section 4–5: K communities, community k having soft source memberships u_k ∈ [0, 1]^N, soft target memberships
 * v_k ∈ [0, 1]^N, a real weight r_k and community feature vectors f_k^src, f_k^dst ∈ R^D. The approximated adjacency
 * is Â = U diag(r) Vᵀ (N × N, never formed) and the approximated signal is X̂ = U diag(r) F_src + V diag(r) F_dst.
 *
 * Layout: every matrix is row-major in a Float64Array (U and V are N × K, F_src and F_dst are K × D).
 */
export interface IbgFactors {
  /** N: number of nodes. */
  readonly nodes: number;
  /** K: number of communities. */
  readonly communities: number;
  /** D: signal dimension (0 when the IBG approximates the graph only). */
  readonly featureDim: number;
  /** U (N × K, row-major), entries in [0, 1]: u_k[i] = how much node i sends as a member of community k. */
  readonly sourceMemberships: Float64Array;
  /** V (N × K, row-major), entries in [0, 1]: v_k[j] = how much node j receives as a member of community k. */
  readonly targetMemberships: Float64Array;
  /** r (K): community weights, any sign. */
  readonly weights: Float64Array;
  /** F_src (K × D, row-major): community source features. Empty when featureDim = 0. */
  readonly sourceFeatures: Float64Array;
  /** F_dst (K × D, row-major): community target features. Empty when featureDim = 0. */
  readonly targetFeatures: Float64Array;
}
