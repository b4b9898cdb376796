/**
 * Energies, effective fields and flip costs of spin configurations (seed 000, Eqs. 2, 6, 7).
 * `h_i^eff(x) = h_i + Σ_{j∈N(i)} J_ij x_j`,  `E(x) = −Σ_edges J x_i x_j − Σ h_i x_i`,  ΔE_i = 2 x_i h_i^eff.
 */
import { checkInteger, InvalidArgumentError } from '@isinglab/graph';
import { checkIsingModel, checkSpins, type IsingModel } from './ising-model.js';

/** E(x) of configuration `chain` (default 0) of a batch. O(N + M). */
export function energy(model: IsingModel, spins: Int8Array, chain = 0): number {
  const site = { pkg: 'ising', fn: 'energy' };
  checkIsingModel(site, model);
  const chains = checkSpins(site, model, spins);
  checkInteger(site, 'chain', chain, { min: 0, max: Math.max(0, chains - 1) });
  return energyOfChain(model, spins, chain * model.order);
}

/** E(x) of every chain of a batch (length C), written into `out` when given. O(C·(N + M)). */
export function energies(model: IsingModel, spins: Int8Array, out?: Float64Array): Float64Array {
  const site = { pkg: 'ising', fn: 'energies' };
  checkIsingModel(site, model);
  const chains = checkSpins(site, model, spins);
  const result = out ?? new Float64Array(chains);
  if (!(result instanceof Float64Array) || result.length !== chains) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: result, rule: `a Float64Array of length ${chains}` });
  }
  for (let c = 0; c < chains; c++) result[c] = energyOfChain(model, spins, c * model.order);
  return result;
}

/** @internal Trusts its inputs. Sums each edge once through the edge list (no double counting). */
export function energyOfChain(model: IsingModel, spins: Int8Array, base: number): number {
  const { graph, couplings, fields } = model;
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  let e = 0;
  for (let k = 0; k < couplings.length; k++) {
    e -= (couplings[k] as number) * (spins[base + (src[k] as number)] as number) * (spins[base + (dst[k] as number)] as number);
  }
  for (let i = 0; i < fields.length; i++) e -= (fields[i] as number) * (spins[base + i] as number);
  return e;
}

/**
 * Effective fields h^eff of every node of every chain (Eq. 7), into `out` (length C·N, allocated when omitted).
 * O(C·(N + M)).
 */
export function localFields(model: IsingModel, spins: Int8Array, out?: Float64Array): Float64Array {
  const site = { pkg: 'ising', fn: 'localFields' };
  checkIsingModel(site, model);
  checkSpins(site, model, spins);
  const result = out ?? new Float64Array(spins.length);
  if (!(result instanceof Float64Array) || result.length !== spins.length) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: result, rule: `a Float64Array of length ${spins.length}` });
  }
  localFieldsInto(result, model, spins);
  return result;
}

/** @internal `localFields` without checks. */
export function localFieldsInto(out: Float64Array, model: IsingModel, spins: Int8Array): void {
  const { graph, couplings, fields } = model;
  const n = model.order;
  const { offsets, targets, edgeIds } = graph;
  for (let base = 0; base < spins.length; base += n) {
    for (let i = 0; i < n; i++) {
      let h = fields[i] as number;
      const end = offsets[i + 1] as number;
      for (let p = offsets[i] as number; p < end; p++) {
        h += (couplings[edgeIds[p] as number] as number) * (spins[base + (targets[p] as number)] as number);
      }
      out[base + i] = h;
    }
  }
}

/** ΔE = E(x with spin `node` flipped) − E(x) = 2 x_i h_i^eff, for chain `chain` (default 0). O(degree). */
export function flipEnergyDelta(model: IsingModel, spins: Int8Array, node: number, chain = 0): number {
  const site = { pkg: 'ising', fn: 'flipEnergyDelta' };
  checkIsingModel(site, model);
  const chains = checkSpins(site, model, spins);
  checkInteger(site, 'node', node, { min: 0, max: model.order - 1 });
  checkInteger(site, 'chain', chain, { min: 0, max: Math.max(0, chains - 1) });
  const base = chain * model.order;
  const { offsets, targets, edgeIds } = model.graph;
  let h = model.fields[node] as number;
  for (let p = offsets[node] as number; p < (offsets[node + 1] as number); p++) {
    h += (model.couplings[edgeIds[p] as number] as number) * (spins[base + (targets[p] as number)] as number);
  }
  return 2 * (spins[base + node] as number) * h;
}

/** Mean spin (1/N) Σ x_i of each chain (length C). O(C·N). */
export function magnetisations(model: IsingModel, spins: Int8Array, out?: Float64Array): Float64Array {
  const site = { pkg: 'ising', fn: 'magnetisations' };
  checkIsingModel(site, model);
  const chains = checkSpins(site, model, spins);
  const result = out ?? new Float64Array(chains);
  if (!(result instanceof Float64Array) || result.length !== chains) {
    throw new InvalidArgumentError({ ...site, argument: 'out', value: result, rule: `a Float64Array of length ${chains}` });
  }
  const n = model.order;
  for (let c = 0; c < chains; c++) {
    let s = 0;
    for (let i = c * n; i < (c + 1) * n; i++) s += spins[i] as number;
    result[c] = n === 0 ? 0 : s / n;
  }
  return result;
}
