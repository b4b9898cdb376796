/**
 * The exact unnormalised log-probability of a batch of FVS configurations (seed 001, Eqs. 4–5, appendix Eq. 24):
 * the target a variational network over the FVS spins is trained against.
 */
import { InvalidArgumentError, checkInteger } from '@isinglab/graph';
import { checkFvsReduction, type FvsReduction } from './fvs-reduction.js';
import { logWeightKernel } from './internal-forest-kernels.js';
import type { UnnormalisedLogProb } from '../van/target.js';


/**
 * log w(s_F) = log Σ_{s_forest} exp(−β E(s_F, s_forest)) = −β E_eff(s_F) for each of `batch` FVS configurations
 * (configuration b is `fvsSpins[b·|F| .. b·|F| + |F| − 1]`, spin k belonging to node `reduction.fvsNodes[k]`),
 * written to `out[b]`. Exact: the forest is summed out leaf by leaf (each non-root forest node v adds
 * ½ [L(a_v + K_v) + L(a_v − K_v)] and shifts its parent's field by ½ [L(a_v + K_v) − L(a_v − K_v)], each root r
 * adds L(a_r), with L(x) = ln 2cosh x evaluated as |x| + log1p(e^{−2|x|}) so β|J| in the thousands stays finite).
 *
 * O(batch · (N + M)) time, about 2 log and 2 exp per forest node per configuration; allocates nothing (the working
 * field lives in `reduction.scratch`). Validates the arguments (O(batch · |F|) for the ±1 check) before computing.
 *
 * Reference: Pan, Zhou, Zhou & Zhang, Phys. Rev. E 103 (2021) 012103, Eqs. (4)–(5), appendix B Eqs. (20)–(24).
 * @example const out = new Float64Array(2); fvsLogWeightsInto(r, new Int8Array(2 * r.fvsNodes.length).fill(1), 2, out)
 */
export function fvsLogWeightsInto(reduction: FvsReduction, fvsSpins: Int8Array, batch: number, out: Float64Array): void {
  const site = { pkg: 'fvs-van', fn: 'fvsLogWeightsInto' };
  const r = checkFvsReduction(site, reduction);
  checkInteger(site, 'batch', batch, { min: 0 });
  checkFvsSpins(site, r, fvsSpins, batch, 'fvsSpins');
  if (!(out instanceof Float64Array) || out.length !== batch) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: out, rule: `a Float64Array of length batch = ${batch}` });
  }
  const f = r.fvsNodes.length;
  const field = r.scratch[0];
  for (let b = 0; b < batch; b++) out[b] = logWeightKernel(r, fvsSpins, b * f, field);
}

/**
 * The reduction's log-weight as an `UnnormalisedLogProb` over the |F| FVS spins (a closure over
 * `fvsLogWeightsInto`), for a trainer that only knows that signature.
 */
export function fvsUnnormalisedLogProb(reduction: FvsReduction): UnnormalisedLogProb {
  checkFvsReduction({ pkg: 'fvs-van', fn: 'fvsUnnormalisedLogProb' }, reduction);
  return (spins: Int8Array, batch: number, out: Float64Array): void => fvsLogWeightsInto(reduction, spins, batch, out);
}

/** @internal Checks a batch of FVS configurations: an Int8Array of batch·|F| entries, each ±1. */
export function checkFvsSpins(
  site: { pkg: string; fn: string },
  r: FvsReduction,
  spins: unknown,
  batch: number,
  argument: string,
): Int8Array {
  const f = r.fvsNodes.length;
  if (!(spins instanceof Int8Array)) {
    throw new InvalidArgumentError({ ...site, argument, value: spins, rule: `an Int8Array of batch × |F| = ${batch} × ${f} spins` });
  }
  if (spins.length !== batch * f) {
    throw new InvalidArgumentError({ ...site, argument: `${argument}.length`, value: spins.length, rule: `batch × |F| = ${batch} × ${f} = ${batch * f}` });
  }
  for (let i = 0; i < spins.length; i++) {
    const s = spins[i];
    if (s !== 1 && s !== -1) throw new InvalidArgumentError({ ...site, argument: `${argument}[${i}]`, value: s, rule: '+1 or −1' });
  }
  return spins;
}
