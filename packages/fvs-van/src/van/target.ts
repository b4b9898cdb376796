/**
 * The distribution a VAN learns, given as an unnormalised log-probability of a batch of spin configurations.
 *
 * A plain Ising model gives log p̃(s) = −β E(s) (seed 001, Eq. 1); the FVS reduction gives log p̃(s_F) = −β E_eff(s_F)
 * on the feedback-vertex-set spins only (seed 001, Eqs. 3–5). The VAN code never looks inside: it calls the callback
 * once per batch, so anything with a tractable unnormalised density on ±1 vectors can be learned.
 */
import { InvalidArgumentError } from '@isinglab/graph';
import { checkIsingModel, energies, type IsingModel } from '@isinglab/ising';

/**
 * Writes out[b] = log p̃(s_b) for b < batch, where s_b = spins[b·n .. (b+1)·n) is a ±1 configuration of the n
 * spins the VAN models. `spins` holds exactly batch·n entries and `out` exactly `batch`; the callback must not keep
 * either (the trainer reuses both buffers) and must write finite numbers.
 */
export type UnnormalisedLogProb = (spins: Int8Array, batch: number, out: Float64Array) => void;

/**
 * The Boltzmann target of a plain Ising model, log p̃(s) = −β E(s) with E(s) = −Σ_(ij) J_ij s_i s_j − Σ_i h_i s_i
 * (the model's own β), for training a VAN over all N spins (the "whole-lattice VAN" baseline).
 * O(batch · (N + M)) per call.
 * @example const target = isingLogProb(createIsingModel(squareLattice(4, 4), { beta: 0.44 }))
 */
export function isingLogProb(model: IsingModel): UnnormalisedLogProb {
  const site = { pkg: 'fvs-van', fn: 'isingLogProb' };
  checkIsingModel(site, model);
  const beta = model.beta;
  if (!(beta > 0)) {
    throw new InvalidArgumentError({ ...site, argument: 'model.beta', value: beta, rule: 'a positive number', hint: 'At β = 0 the target is uniform and the free energy −log Z / β is undefined.' });
  }
  return (spins, batch, out) => {
    energies(model, spins, out);
    for (let b = 0; b < batch; b++) out[b] = -beta * (out[b] as number);
  };
}
