/**
 * The average-magnetisation estimates of seed 000, Sec. 3 ("Controlling the sampling fraction"), Eqs. 11–16 and 19.
 *
 * The target is η = (1/N) Σ_i E[x_i] (Eq. 11), x ~ p(x) ∝ exp(−βE(x)). How the four estimates relate:
 * - `magnetisationFromSamples`: the plain Monte Carlo mean of x over a batch of samples; unbiased for η when the
 *   samples are exact draws from p.
 * - `etaStochastic` (Eq. 16): per configuration, (1/N) Σ_i tanh(β h_i^eff(x)) with h_i^eff(x) = h_i + Σ_j J_ij x_j
 *   (Eq. 7). Since E[x_i | x_{−i}] = tanh(β h_i^eff(x)) under p, the tower rule gives E[tanh(β h_i^eff(x))] = E[x_i]
 *   exactly (Eq. 13), so averaging it over exact samples is also unbiased for η; each node term is a
 *   Rao–Blackwellised version of x_i (never larger variance node by node).
 * - `etaMeanField` (Eq. 14): moves the expectation inside the tanh, m_i = tanh(β(h_i + Σ_j J_ij m_j)), and
 *   averages the naive mean-field solution. Deterministic and biased; exact when every J = 0.
 * - `etaDeterministic` (Eq. 15): drops the couplings altogether, (1/N) Σ_i tanh(β h_i). The seed justifies it in
 *   the ordered regime and uses it in the training loss (Eq. 19) because it is differentiable in h without
 *   sampling. It equals η exactly when every J = 0 (independent spins) and is otherwise a heuristic, not an
 *   estimator of η: on a zero-field ferromagnet it is 0 however strongly ordered the model is.
 * For the empty model (N = 0) every average is 0, as in `magnetisations`.
 */
import { InvalidArgumentError } from '@isinglab/graph';
import { checkIsingModel, checkSpins, type IsingModel } from '../model/ising-model.js';
import { naiveMeanFieldAt, type NaiveMeanFieldOptions } from './naive-mean-field.js';

/**
 * η of Eq. 11 estimated as the mean of every spin of every configuration in `samples` (an `Int8Array` batch of
 * C configurations, C ≥ 1, configuration c at offset c·N). O(C·N).
 */
export function magnetisationFromSamples(model: IsingModel, samples: Int8Array): number {
  const site = { pkg: 'ising', fn: 'magnetisationFromSamples' };
  checkIsingModel(site, model);
  checkSpins(site, model, samples, 'samples');
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] as number;
  return samples.length === 0 ? 0 : sum / samples.length;
}

/**
 * The deterministic estimate η̃_det = (1/N) Σ_i tanh(β h_i) of seed 000, Eq. 15 (used in the loss of Eq. 19).
 * Ignores the couplings. O(N).
 */
export function etaDeterministic(model: IsingModel): number {
  const site = { pkg: 'ising', fn: 'etaDeterministic' };
  checkIsingModel(site, model);
  const tanh = Math.tanh;
  const { beta, fields } = model;
  let sum = 0;
  for (let i = 0; i < fields.length; i++) sum += tanh(beta * (fields[i] as number));
  return fields.length === 0 ? 0 : sum / fields.length;
}

/**
 * The stochastic estimate η̃_sto(x) = (1/N) Σ_i tanh(β h_i^eff(x)) of seed 000, Eq. 16, for each configuration of a
 * batch (length C, written into `out` when given). Averaged over exact samples it is unbiased for η (Eq. 13).
 * O(C·(N + M)), no allocation beyond the result.
 */
export function etaStochastic(model: IsingModel, spins: Int8Array, out?: Float64Array): Float64Array {
  const site = { pkg: 'ising', fn: 'etaStochastic' };
  checkIsingModel(site, model);
  const chains = checkSpins(site, model, spins);
  const result = out ?? new Float64Array(chains);
  if (!(result instanceof Float64Array) || result.length !== chains) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: result, rule: `a Float64Array of length ${chains}` });
  }
  const tanh = Math.tanh;
  const { beta, couplings, fields } = model;
  const { offsets, targets, edgeIds } = model.graph;
  const n = model.order;
  for (let c = 0; c < chains; c++) {
    const base = c * n;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let h = fields[i] as number;
      const end = offsets[i + 1] as number;
      for (let p = offsets[i] as number; p < end; p++) {
        h += (couplings[edgeIds[p] as number] as number) * (spins[base + (targets[p] as number)] as number);
      }
      sum += tanh(beta * h);
    }
    result[c] = sum / n;
  }
  return result;
}

/**
 * The mean-field estimate (1/N) Σ_i m_i of η, m the naive mean-field solution of seed 000, Eq. 14
 * (see `naiveMeanField`, whose options it takes; which fixed point is found depends on `options.initial`).
 * O(iterations · (N + M)).
 * @throws ConvergenceError when the mean-field iteration does not converge and `onNonConvergence` is `'throw'`.
 */
export function etaMeanField(model: IsingModel, options?: NaiveMeanFieldOptions): number {
  const site = { pkg: 'ising', fn: 'etaMeanField' };
  const { magnetisations } = naiveMeanFieldAt(site, model, options);
  let sum = 0;
  for (let i = 0; i < magnetisations.length; i++) sum += magnetisations[i] as number;
  return magnetisations.length === 0 ? 0 : sum / magnetisations.length;
}
