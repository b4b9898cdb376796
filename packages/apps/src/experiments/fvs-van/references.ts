/**
 * References for the FVS-VAN experiment (seed 001, Fig. 1): exact moments by enumerating the feedback vertex set
 * (|F| ≤ 24, the forest summed out exactly) and edge correlations from long heat-bath MCMC with many chains, plus
 * the error summaries every task reports.
 */
import { createRng, type Rng } from '@isinglab/graph';
import { sampleIsingSync, type IsingModel } from '@isinglab/ising';
import { MAX_FVS_ENUMERATION, enumerateFvs, fvsReduction, type FvsReduction } from '@isinglab/fvs-van';

export interface ExactReference {
  fvsSize: number;
  logZ: number;
  magnetisations: Float64Array;
  edgeCorrelations: Float64Array;
}

/** Exact log Z, ⟨s_i⟩ and ⟨s_u s_v⟩ (per edge id) by FVS enumeration; undefined when the FVS exceeds 24 nodes. */
export function fvsExactReference(reduction: FvsReduction): ExactReference | undefined {
  if (reduction.fvsNodes.length > MAX_FVS_ENUMERATION) return undefined;
  const exact = enumerateFvs(reduction);
  return { fvsSize: reduction.fvsNodes.length, logZ: exact.logZ, magnetisations: exact.magnetisations, edgeCorrelations: exact.edgeCorrelations };
}

/** `fvsExactReference` of a model with a fixed CoreHD tie-break stream (seeded so that runs repeat). */
export function exactByFvsEnumeration(model: IsingModel, seed = 1): ExactReference | undefined {
  return fvsExactReference(fvsReduction(model, { rng: createRng(seed) }));
}

export interface McmcSettings {
  chains: number;
  /** Recorded sweeps per chain. */
  sweeps: number;
  burnIn: number;
}

export interface McmcEstimate {
  edgeCorrelations: Float64Array;
  /** Standard error of each edge correlation from the spread of the per-chain means (chains are independent). */
  edgeCorrelationStdErr: Float64Array;
  seconds: number;
}

/** ⟨s_u s_v⟩ per edge from heat-bath chains started at random (per-chain means give the error bars). */
export function mcmcEdgeCorrelations(model: IsingModel, settings: McmcSettings, rng: Rng): McmcEstimate {
  const t0 = performance.now();
  const g = model.graph;
  const n = model.order;
  const m = g.size;
  const run = sampleIsingSync(model, { rng, sampler: 'heat-bath', chains: settings.chains, sweeps: settings.sweeps, burnIn: settings.burnIn, recordSpins: true });
  const samples = run.samples as Int8Array;
  const perChain = new Float64Array(settings.chains * m);
  for (let c = 0; c < settings.chains; c++) {
    for (let d = 0; d < run.draws; d++) {
      const base = (c * run.draws + d) * n;
      for (let e = 0; e < m; e++) perChain[c * m + e] = (perChain[c * m + e] as number) + (samples[base + (g.edgeSources[e] as number)] as number) * (samples[base + (g.edgeTargets[e] as number)] as number);
    }
  }
  const mean = new Float64Array(m);
  const stdErr = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    let s = 0;
    for (let c = 0; c < settings.chains; c++) s += (perChain[c * m + e] as number) / run.draws;
    const mu = s / settings.chains;
    let v = 0;
    for (let c = 0; c < settings.chains; c++) v += ((perChain[c * m + e] as number) / run.draws - mu) ** 2;
    mean[e] = mu;
    stdErr[e] = settings.chains > 1 ? Math.sqrt(v / (settings.chains - 1) / settings.chains) : Number.NaN;
  }
  return { edgeCorrelations: mean, edgeCorrelationStdErr: stdErr, seconds: (performance.now() - t0) / 1000 };
}

export interface ErrorSummary {
  /** max |estimate − reference| over the edges. */
  max: number;
  mean: number;
  rms: number;
}

export function errorSummary(estimate: ArrayLike<number>, reference: ArrayLike<number>): ErrorSummary {
  let max = 0;
  let sum = 0;
  let sq = 0;
  for (let e = 0; e < reference.length; e++) {
    const d = Math.abs((estimate[e] as number) - (reference[e] as number));
    max = Math.max(max, d);
    sum += d;
    sq += d * d;
  }
  const k = Math.max(1, reference.length);
  return { max, mean: sum / k, rms: Math.sqrt(sq / k) };
}
