import { checkIsingModel, checkSpins, type IsingModel } from '../model/ising-model.js';
import { energyOfChain } from '../model/energy.js';

/**
 * Energy E(x^{(s)}) = −Σ_edges J x_u x_v − Σ_i h_i x_i of every stacked sample of `model`, `Float64Array(S)`
 * (sample s at [s·N, (s+1)·N)), in sample order. O(S·(N + M)).
 *
 * @throws InvalidArgumentError when `model` is not an IsingModel or `samples` is not an `Int8Array` of ±1 whose
 *   length is a positive multiple of the model order.
 * @example meanWithError(energySeries(model, run.samples), { chains })
 */
export function energySeries(model: IsingModel, samples: Int8Array): Float64Array {
  const site = { pkg: 'ising', fn: 'energySeries' };
  checkIsingModel(site, model);
  const count = checkSpins(site, model, samples, 'samples');
  const out = new Float64Array(count);
  const n = model.order;
  for (let s = 0; s < count; s++) out[s] = energyOfChain(model, samples, s * n);
  return out;
}
