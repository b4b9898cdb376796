/**
 * One training step of seed 000's field learning (Alg. 1 + Eqs. 10, 18, 19): compute h_θ, draw K configurations
 * from the Ising model with that field (colour-parallel Metropolis for T sweeps from a random state, as Alg. 1, or
 * exact draws for small models), evaluate the user's loss on each, and update θ with the RLOO surrogate plus the
 * magnetisation regulariser.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, type Graph, type Rng } from '@isinglab/graph';
import { createIsingModel } from '../model/ising-model.js';
import { sampleIsingSync, type AcceptanceRule } from '../samplers/sample-ising.js';
import { exactSamples } from '../exact/exact-samples.js';
import { magnetisationPenalty, rlooSurrogate, rlooWeights } from './rloo.js';

export interface FieldLearningConfig {
  graph: Graph;
  /** Fixed couplings: one J for all edges or one per edge id. */
  couplings: number | Float64Array;
  beta: number;
  /** Samples per step (K ≥ 2). @default 2 */
  samplesPerStep?: number;
  /** `'metropolis'`: T sweeps from a random state (Alg. 1); `'exact'`: independent exact draws (N ≤ 24). @default 'metropolis' */
  sampler?: 'metropolis' | 'exact';
  /** Sweeps T for 'metropolis'. @default 3 */
  sweeps?: number;
  /** Metropolis acceptance rule. @default 'metropolis' */
  acceptance?: AcceptanceRule;
  /** Target η of Eq. 19: the mean spin, so a fraction f of +1 spins is η = 2f − 1 (η = 0: half the nodes). @default 0 */
  targetMagnetisation?: number;
  /** Weight λ of the magnetisation penalty (0: none). @default 1 */
  penaltyWeight?: number;
}

export interface FieldLearningStep {
  /** Mean task loss of the K samples. */
  meanLoss: number;
  /** RLOO weights used. */
  weights: Float64Array;
  /** η̃_det of the field before the update. */
  etaDet: number;
  /** The K configurations (K·N). */
  samples: Int8Array;
}

/** Anything that applies gradients: a tf.Optimizer (named map) or an optimiser taking tensors in variable order. */
export type GradientApplier = tf.Optimizer | { applyGradients(gradients: readonly tf.Tensor[]): void };

/**
 * Runs one step. `field()` must build h_θ (shape [N]) from `variables` inside the call (it is run under
 * gradient tape); `loss(samples, k)` gives ℓ of configuration k (any function, e.g. a simulation).
 */
export function fieldLearningStep(
  config: FieldLearningConfig,
  field: () => tf.Tensor1D,
  variables: readonly tf.Variable[],
  optimizer: GradientApplier,
  loss: (samples: Int8Array, k: number) => number,
  rng: Rng,
): FieldLearningStep {
  const fn = 'fieldLearningStep';
  const n = config.graph.order;
  const k = config.samplesPerStep ?? 2;
  if (!Number.isInteger(k) || k < 2) throw new InvalidArgumentError({ pkg: 'ising', fn, argument: 'config.samplesPerStep', value: k, rule: 'an integer ≥ 2' });
  const target = config.targetMagnetisation ?? 0;
  const lambda = config.penaltyWeight ?? 1;
  let shape: number[] = [];
  // tidy frees whatever field() builds on the way; a Float32Array is a valid tidy result
  const raw = tf.tidy(() => {
    const h = field();
    shape = h.shape.slice();
    return Float32Array.from(h.dataSync());
  });
  const fieldValues = Float64Array.from(raw);
  if (shape.length !== 1 || shape[0] !== n) {
    throw new InvalidArgumentError({ pkg: 'ising', fn, argument: 'field()', value: `a tensor of shape [${shape.join(', ')}]`, rule: `shape [${n}] (one field per node)` });
  }
  const model = createIsingModel(config.graph, { couplings: config.couplings, fields: fieldValues, beta: config.beta });
  const samples =
    (config.sampler ?? 'metropolis') === 'exact'
      ? exactSamples(model, k, { rng })
      : sampleIsingSync(model, { rng, chains: k, sweeps: config.sweeps ?? 3, burnIn: 0, initial: 'random', acceptance: config.acceptance ?? 'metropolis' }).spins;
  const losses = new Float64Array(k);
  for (let s = 0; s < k; s++) losses[s] = loss(samples, s);
  const weights = rlooWeights(losses);
  const { grads, value } = tf.variableGrads(() => {
    const h = field();
    const surrogate = rlooSurrogate({ fields: h, beta: config.beta, samples, weights });
    return (lambda > 0 ? tf.add(surrogate, magnetisationPenalty(h, config.beta, target, lambda)) : surrogate) as tf.Scalar;
  }, variables as tf.Variable[]);
  value.dispose();
  if (optimizer instanceof tf.Optimizer) optimizer.applyGradients(grads);
  else optimizer.applyGradients(variables.map((v) => grads[v.name] as tf.Tensor));
  tf.dispose(Object.values(grads));
  let eta = 0;
  for (let i = 0; i < n; i++) eta += Math.tanh(config.beta * (fieldValues[i] as number));
  return { meanLoss: losses.reduce((a, b) => a + b, 0) / k, weights, etaDet: n > 0 ? eta / n : 0, samples };
}
