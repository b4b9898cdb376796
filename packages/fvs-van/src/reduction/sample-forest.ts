/**
 * Exact sampling of the forest spins given the FVS spins (seed 001, §II.2: "exact sampling of full configurations,
 * FVS from the VAN, then the forest given the FVS").
 */
import { InvalidArgumentError, checkInteger, checkRng, type Rng } from '@isinglab/graph';
import { checkFvsReduction, type FvsReduction } from './fvs-reduction.js';
import { checkFvsSpins } from './fvs-log-weights.js';
import { fillForestFields, logTwoCosh } from './internal-forest-kernels.js';

const exp = Math.exp;

/**
 * For each of `batch` FVS configurations (`fvsSpins`, an `Int8Array` of batch·|F|, as for `fvsLogWeightsInto`),
 * draws the forest spins exactly from p(s_forest | s_F) ∝ exp(−β E(s_F, s_forest)) and writes the full
 * configuration (FVS spins copied to their nodes) to `out[b·N .. b·N + N − 1]` (an `Int8Array` of batch·N).
 * With s_F drawn from w(s_F) (by enumeration, or by a network with importance weights), the output is an exact
 * sample of the whole model.
 *
 * Algorithm: the upward leaf-removal pass gives every forest node v its cavity field a_v (own field plus its
 * removed children's messages); the tree given its root is then a chain of conditionals
 * P(s_v = +1 | s_parent) = 1 / (1 + exp(−2 (a_v + β J_{v,parent} s_parent))), so the nodes are drawn in reverse
 * leaf-removal order (roots first, from P(s_r = +1) = 1 / (1 + exp(−2 a_r))). Exactly one `rng.float64()` per
 * forest node per configuration, in reverse `forestOrder`: identical rng state → identical output.
 *
 * O(batch · (N + M)) time; allocates nothing (working field in `reduction.scratch`).
 * Reference: Pan, Zhou, Zhou & Zhang, Phys. Rev. E 103 (2021) 012103, appendix B (the leaf-removal factorisation,
 * read backwards); forward-filtering backward-sampling on trees.
 */
export function sampleForestInto(reduction: FvsReduction, fvsSpins: Int8Array, batch: number, rng: Rng, out: Int8Array): void {
  const site = { pkg: 'fvs-van', fn: 'sampleForestInto' };
  const r = checkFvsReduction(site, reduction);
  checkInteger(site, 'batch', batch, { min: 0 });
  checkFvsSpins(site, r, fvsSpins, batch, 'fvsSpins');
  checkRng(site, rng, 'rng');
  const n = r.order;
  if (!(out instanceof Int8Array) || out.length !== batch * n) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: out, rule: `an Int8Array of length batch × N = ${batch} × ${n}` });
  }
  const f = r.fvsNodes.length;
  const fvs = r.fvsNodes;
  const order = r.forestOrder;
  const parent = r.forestParent;
  const kc = r.parentCouplings;
  const field = r.scratch[0];
  for (let b = 0; b < batch; b++) {
    const base = b * f;
    const row = b * n;
    fillForestFields(r, fvsSpins, base, field);
    for (let k = 0; k < f; k++) out[row + (fvs[k] as number)] = fvsSpins[base + k] as number;
    // Upward: field[v] becomes the cavity field a_v when v is removed (its parent's entry keeps accumulating).
    for (let i = 0; i < order.length; i++) {
      const v = order[i] as number;
      const p = parent[v] as number;
      if (p < 0) continue;
      const a = field[v] as number;
      const kv = kc[v] as number;
      field[p] = (field[p] as number) + 0.5 * (logTwoCosh(a + kv) - logTwoCosh(a - kv));
    }
    // Downward: roots first, each child after its parent.
    for (let i = order.length - 1; i >= 0; i--) {
      const v = order[i] as number;
      const p = parent[v] as number;
      const x = p < 0 ? (field[v] as number) : (field[v] as number) + (kc[v] as number) * (out[row + p] as number);
      // P(+1) = 1 / (1 + e^{−2x}): e^{−2x} = Infinity gives 0 and 0 gives 1, never NaN.
      out[row + v] = rng.float64() * (1 + exp(-2 * x)) < 1 ? 1 : -1;
    }
  }
}
