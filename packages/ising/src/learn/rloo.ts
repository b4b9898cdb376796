/**
 * The REINFORCE leave-one-out (RLOO) estimator of seed 000 (Eq. 10, Kool et al. 2019) for Ising models whose field
 * h_θ is produced by a differentiable network: with K ≥ 2 samples x_k ~ p_θ and any loss ℓ (non-differentiable
 * allowed),
 *   ∇_θ E[ℓ] ≈ (1/K) Σ_k w_k ∇_θ log p_θ(x_k),   w_k = ℓ(x_k) − (1/(K−1)) Σ_{j≠k} ℓ(x_j).
 * Since Σ_k w_k = 0 the ∇ log Z_θ terms cancel for every K (Eq. 18 is the K = 2 case), leaving
 * ∇_θ log p_θ(x_k) ↦ −β ∇_θ E_θ(x_k) = β ∇_θ (Σ_i h_i x_{k,i} + Σ_edges J_e x_u x_v).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';

/** w_k = ℓ_k − mean of the other K − 1 losses (K ≥ 2). Σ_k w_k = 0 up to rounding. */
export function rlooWeights(losses: ArrayLike<number>): Float64Array {
  const k = losses.length;
  if (k < 2) {
    throw new InvalidArgumentError({ pkg: 'ising', fn: 'rlooWeights', argument: 'losses', value: `${k} losses`, rule: 'at least two losses (leave-one-out needs K ≥ 2)' });
  }
  let total = 0;
  for (let j = 0; j < k; j++) {
    const v = losses[j] as number;
    if (!Number.isFinite(v)) throw new InvalidArgumentError({ pkg: 'ising', fn: 'rlooWeights', argument: `losses[${j}]`, value: v, rule: 'a finite number' });
    total += v;
  }
  const w = new Float64Array(k);
  for (let j = 0; j < k; j++) w[j] = (losses[j] as number) - (total - (losses[j] as number)) / (k - 1);
  return w;
}

export interface RlooSurrogateInput {
  /** The field h_θ, one value per node (depends on the trainable variables). */
  fields: tf.Tensor1D;
  /** Inverse temperature β. */
  beta: number;
  /** K configurations (±1), configuration k at k·N. */
  samples: Int8Array;
  /** RLOO weights w_k (see rlooWeights). */
  weights: ArrayLike<number>;
  /**
   * Optional per-sample −E_θ coupling term Σ_edges J_e x_u x_v when the couplings are learned (shape [K]);
   * omit it for fixed couplings (its gradient is zero).
   */
  couplingTerm?: tf.Tensor1D;
}

/**
 * A scalar whose gradient in θ is the RLOO estimate (1/K) Σ_k w_k β ∇_θ(Σ_i h_i x_{k,i} [+ couplingTerm_k]).
 * Its value is not a loss (it is 0 in expectation); minimise it together with the regulariser.
 */
export function rlooSurrogate(input: RlooSurrogateInput): tf.Scalar {
  const { fields, beta, samples, weights } = input;
  const n = fields.shape[0];
  const k = weights.length;
  if (samples.length !== k * n) {
    throw new InvalidArgumentError({ pkg: 'ising', fn: 'rlooSurrogate', argument: 'samples', value: `${samples.length} spins`, rule: `K·N = ${k}·${n} spins` });
  }
  // Σ_k w_k x_k is a fixed vector, so the surrogate is β/K · ⟨h_θ, Σ_k w_k x_k⟩ (+ the coupling part)
  const direction = new Float32Array(n);
  for (let s = 0; s < k; s++) {
    const w = weights[s] as number;
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + w * (samples[s * n + i] as number);
  }
  return tf.tidy(() => {
    let surrogate = tf.mul(beta / k, tf.sum(tf.mul(fields, tf.tensor1d(direction))));
    if (input.couplingTerm !== undefined) {
      surrogate = tf.add(surrogate, tf.mul(beta / k, tf.sum(tf.mul(input.couplingTerm, tf.tensor1d(Float32Array.from(weights))))));
    }
    return surrogate as tf.Scalar;
  });
}

/** λ(η̃_det − η_target)² with η̃_det = mean_i tanh(β h_i) (seed 000, Eqs. 15 and 19); differentiable in h. */
export function magnetisationPenalty(fields: tf.Tensor1D, beta: number, target: number, lambda = 1): tf.Scalar {
  if (!(Number.isFinite(target) && target >= -1 && target <= 1)) {
    throw new InvalidArgumentError({ pkg: 'ising', fn: 'magnetisationPenalty', argument: 'target', value: target, rule: 'a magnetisation in [−1, 1]' });
  }
  return tf.tidy(() => tf.mul(lambda, tf.square(tf.sub(tf.mean(tf.tanh(tf.mul(beta, fields))), target))) as tf.Scalar);
}
