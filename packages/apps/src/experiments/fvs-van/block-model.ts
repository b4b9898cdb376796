/**
 * The censored block model task (seed 001, Sec. III, Fig. 4): a planted partition σ* ∈ {±1}^N on a Watts–Strogatz graph,
 * each edge revealing J_uv = σ*_u σ*_v flipped with probability ε. The posterior is the Ising model with couplings J
 * at the Nishimori inverse temperature β = ½ ln((1 − ε)/ε), zero field. Scored: free energy (FVS-VAN F_q and F_IS
 * against BP, and against exact FVS enumeration when |F| ≤ 24) and the overlap with the planted partition. The
 * posterior is spin-flip symmetric, so FVS-VAN and MCMC report ⟨|q|⟩ with q = (1/N) Σ σ_i σ*_i over exact
 * posterior samples (FVS spins from the VAN, importance-weighted, forest spins drawn exactly given them); BP reports
 * |q| of sign(m_i) at the fixed point reached from random 1e-5 fields (uninformative symmetry breaking).
 */
import { createRng, wattsStrogatz, type Rng } from '@isinglab/graph';
import { createIsingModel, loopyBeliefPropagation, sampleIsingSync, type IsingModel } from '@isinglab/ising';
import { MadeVan, fvsUnnormalisedLogProb, sampleForestInto, type FvsReduction } from '@isinglab/fvs-van';

export interface BlockModelInstance {
  model: IsingModel;
  planted: Int8Array;
}

/** The CBM posterior of one instance (graph, planted partition and noisy edges all from `instance`'s stream). */
export function censoredBlockModel(n: number, k: number, rewire: number, noise: number, instance: number): BlockModelInstance {
  const rng = createRng(instance);
  const graph = wattsStrogatz(n, k, rewire, { rng });
  const planted = new Int8Array(n);
  for (let i = 0; i < n; i++) planted[i] = rng.float64() < 0.5 ? -1 : 1;
  const couplings = new Float64Array(graph.size);
  for (let e = 0; e < graph.size; e++) {
    const truth = (planted[graph.edgeSources[e] as number] as number) * (planted[graph.edgeTargets[e] as number] as number);
    couplings[e] = rng.float64() < noise ? -truth : truth;
  }
  return { model: createIsingModel(graph, { couplings, beta: 0.5 * Math.log((1 - noise) / noise) }), planted };
}

const overlapOf = (spins: Int8Array, base: number, planted: Int8Array): number => {
  let q = 0;
  for (let i = 0; i < planted.length; i++) q += (spins[base + i] as number) * (planted[i] as number);
  return Math.abs(q) / planted.length;
};

/** Importance-weighted ⟨|q|⟩ over `samples` full configurations: FVS from `van`, forest exactly given the FVS. */
export function fvsVanOverlap(reduction: FvsReduction, van: MadeVan, planted: Int8Array, samples: number, rng: Rng): number {
  const target = fvsUnnormalisedLogProb(reduction);
  const n = reduction.order;
  const batch = Math.min(samples, 1000);
  const logp = new Float64Array(batch);
  const full = new Int8Array(batch * n);
  const logw: number[] = [];
  const q: number[] = [];
  for (let done = 0; done < samples; done += batch) {
    const b = Math.min(batch, samples - done);
    const draw = van.sample(b, { rng });
    target(draw.spins, b, logp);
    sampleForestInto(reduction, draw.spins, b, rng, full);
    for (let s = 0; s < b; s++) {
      logw.push((logp[s] as number) - (draw.logProb[s] as number));
      q.push(overlapOf(full, s * n, planted));
    }
  }
  const top = Math.max(...logw);
  let num = 0;
  let den = 0;
  logw.forEach((lw, s) => {
    const w = Math.exp(lw - top);
    num += w * (q[s] as number);
    den += w;
  });
  return num / den;
}

/** ⟨|q|⟩ over heat-bath samples. */
export function mcmcOverlap(model: IsingModel, planted: Int8Array, settings: { chains: number; sweeps: number; burnIn: number }, rng: Rng): number {
  const run = sampleIsingSync(model, { rng, sampler: 'heat-bath', chains: settings.chains, sweeps: settings.sweeps, burnIn: settings.burnIn, recordSpins: true });
  const total = run.chains * run.draws;
  let sum = 0;
  for (let d = 0; d < total; d++) sum += overlapOf(run.samples as Int8Array, d * model.order, planted);
  return sum / total;
}

/** BP from random 1e-5 fields: Bethe free energy and |q| of the signs of its magnetisations. */
export function bpOverlap(model: IsingModel, planted: Int8Array, rng: Rng): { freeEnergy: number; overlap: number; converged: boolean } {
  const fields = new Float64Array(model.order);
  for (let i = 0; i < model.order; i++) fields[i] = rng.float64() < 0.5 ? -1e-5 : 1e-5;
  const bp = loopyBeliefPropagation(createIsingModel(model.graph, { couplings: model.couplings, fields, beta: model.beta }), { onNonConvergence: 'return', maxIterations: 5000 });
  const signs = new Int8Array(model.order);
  // a zero magnetisation (the paramagnetic fixed point) counts as a coin flip: it carries no information
  for (let i = 0; i < model.order; i++) signs[i] = (bp.marginals[i] as number) > 0 ? 1 : (bp.marginals[i] as number) < 0 ? -1 : rng.float64() < 0.5 ? -1 : 1;
  return { freeEnergy: bp.freeEnergy, overlap: overlapOf(signs, 0, planted), converged: bp.converged };
}
