/**
 * The tasks of the FVS-VAN experiment (seed 001, Sec. III): each builds its model, trains a VAN on the exact
 * effective energy of the CoreHD feedback vertex set (`fvsUnnormalisedLogProb`) and compares it with references and
 * baselines. Correlation tasks (karate club, sparse spin glasses; Fig. 1) score ⟨s_u s_v⟩ per edge against exact FVS
 * enumeration when |F| ≤ 24, else against long MCMC; polblogs needs |F| > 24, so MCMC; the lattice task (Fig. 2) scores free energies against the
 * exact planar log Z with BP, naive mean field and a whole-lattice VAN trained for the same wall time; the censored
 * block model task (Fig. 4) scores free energies and the overlap with the planted partition (block-model.ts).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, erdosRenyiGnm, rngFromState, type RngState, karateClub, randomRegularGraph, squareLattice, type Graph } from '@isinglab/graph';
import { createIsingModel, loopyBeliefPropagation, naiveMeanField, type IsingModel } from '@isinglab/ising';
import { logPartition } from '@isinglab/exact';
import { Adam } from '@isinglab/gnn';
import { loadCheckpoint, restoreCheckpoint, saveCheckpoint } from '@isinglab/gnn/node';
import { MadeVan, fvsReduction, fvsUnnormalisedLogProb, fvsVanObservables, isingLogProb, trainVan, vanFreeEnergy, type UnnormalisedLogProb } from '@isinglab/fvs-van';
import { bpOverlap, censoredBlockModel, fvsVanOverlap, mcmcOverlap } from './block-model.js';
import { polblogsLargestComponent } from './polblogs.js';
import { errorSummary, fvsExactReference, mcmcEdgeCorrelations, type ErrorSummary, type McmcSettings } from './references.js';

/** VAN training and estimation settings (defaults of the seed's FVS net: see packages/fvs-van/bench). */
export interface VanTraining {
  /** Hidden PReLU layers, channels per site. */
  hidden: number[];
  epochs: number;
  batchSize: number;
  /** Adam learning rate, decayed by a cosine to `learningRateMin` over the epochs. */
  learningRate: number;
  learningRateMin: number;
  /** β annealing λ_t = 1 − a^t (0 disables). */
  betaAnneal: number;
  /** Fresh samples for the final free-energy and observable estimates. */
  samples: number;
}

export type FvsVanTask =
  | { kind: 'karate'; beta: number; training: VanTraining; mcmc: McmcSettings }
  /** Ferromagnet (J = 1) on the largest component of the political blogs network (needs the data folder). */
  | { kind: 'polblogs'; beta: number; training: VanTraining; mcmc: McmcSettings }
  | { kind: 'lattice'; size: number; beta: number; training: VanTraining; wholeVan: boolean }
  | {
      kind: 'spin-glass';
      /** Viana–Bray ±J couplings on a random regular graph, or Gaussian couplings on Erdős–Rényi G(n, m = n·degree/2). */
      graph: 'random-regular' | 'erdos-renyi';
      n: number;
      /** Degree (random regular) or mean degree (Erdős–Rényi). */
      degree: number;
      couplings: 'pm' | 'gaussian';
      beta: number;
      /** Seed of the graph and couplings (the disorder instance). */
      instance: number;
      training: VanTraining;
      mcmc: McmcSettings;
    }
  | {
      kind: 'block-model';
      /** Watts–Strogatz nodes, ring degree k and rewiring probability. */
      n: number;
      k: number;
      rewire: number;
      /** Edge-flip probability ε (β = ½ ln((1 − ε)/ε), the Nishimori temperature). */
      noise: number;
      instance: number;
      training: VanTraining;
      mcmc: McmcSettings;
    };

export function taskId(task: FvsVanTask): string {
  if (task.kind === 'karate' || task.kind === 'polblogs') return `${task.kind}-beta${task.beta}`;
  if (task.kind === 'lattice') return `lattice${task.size}-beta${task.beta}`;
  if (task.kind === 'block-model') return `block-model-ws-n${task.n}-k${task.k}-p${task.rewire}-eps${task.noise}-i${task.instance}`;
  return `spin-glass-${task.graph}-n${task.n}-d${task.degree}-${task.couplings}-i${task.instance}-beta${task.beta}`;
}

export interface TaskProgress {
  task: string;
  epoch: number;
  epochs: number;
  /** Batch F_q of the epoch. */
  freeEnergy: number;
}

export interface TaskContext {
  seed: number;
  /** Where training checkpoints go (none when undefined). */
  checkpointDir?: string;
  /** The task's fingerprint: a training checkpoint is reused only by the same task and settings. */
  fingerprint?: string;
  /** The data folder (the polblogs task reads polblogs/edges.txt from it). */
  dataDir?: string;
  signal?: AbortSignal;
  onEpoch?: (p: TaskProgress) => void;
}

export interface TrainingSummary {
  epochs: number;
  seconds: number;
  /** Mean wall time of one epoch, ms. */
  epochMs: number;
  parameters: number;
  /** Batch F_q per epoch, at most 100 points (every ⌈epochs/100⌉-th epoch). */
  curve: number[];
  curveStride: number;
}

export interface CorrelationTaskResult {
  id: string;
  kind: 'karate' | 'polblogs' | 'spin-glass';
  beta: number;
  nodes: number;
  edges: number;
  fvsSize: number;
  /** What the errors are measured against. */
  reference: 'exact' | 'mcmc';
  exactLogZ: number | null;
  fvsVanLogZ: number;
  fvsVanLogZStdErr: number;
  /** ESS / S of the importance weights. */
  essFraction: number;
  training: TrainingSummary;
  /** Errors of ⟨s_u s_v⟩ per method against the reference (MCMC appears when the reference is exact). */
  errors: { fvsVan: ErrorSummary; bp: ErrorSummary; mcmc?: ErrorSummary };
  bpConverged: boolean;
  /** Largest standard error of the FVS-VAN edge correlations and of the MCMC ones. */
  fvsVanMaxStdErr: number;
  mcmcMaxStdErr: number;
  mcmcSeconds: number;
}

export interface LatticeTaskResult {
  id: string;
  kind: 'lattice';
  beta: number;
  size: number;
  fvsSize: number;
  exactFreeEnergy: number;
  /** (F − F_exact)/|F_exact| of each method; F_q is variational, F_IS importance-sampled. */
  relativeError: { fvsVanFq: number; fvsVanIs: number; wholeVanFq: number | null; wholeVanIs: number | null; bp: number; meanField: number };
  fvsVanIsStdErr: number;
  essFraction: number;
  bpConverged: boolean;
  training: TrainingSummary;
  wholeTraining: TrainingSummary | null;
}

export interface BlockModelTaskResult {
  id: string;
  kind: 'block-model';
  noise: number;
  beta: number;
  nodes: number;
  edges: number;
  fvsSize: number;
  /** Free energies: exact (FVS enumeration, |F| ≤ 24) or null, FVS-VAN F_q and F_IS (± SE), BP (Bethe). */
  freeEnergy: { exact: number | null; fvsVanFq: number; fvsVanIs: number; fvsVanIsStdErr: number; bp: number };
  /** Overlap with the planted partition: ⟨|q|⟩ for FVS-VAN and MCMC, |q| of sign(m) for BP. */
  overlap: { fvsVan: number; mcmc: number; bp: number };
  essFraction: number;
  bpConverged: boolean;
  training: TrainingSummary;
}

export type FvsVanTaskResult = CorrelationTaskResult | LatticeTaskResult | BlockModelTaskResult;

const cosine = (t: VanTraining, total: number) => (step: number) => t.learningRateMin + 0.5 * (t.learningRate - t.learningRateMin) * (1 + Math.cos(Math.PI * Math.min(1, step / total)));

function curveOf(values: ArrayLike<number>[], scale: (f: number) => number): { curve: number[]; curveStride: number } {
  const all: number[] = [];
  for (const v of values) for (let i = 0; i < v.length; i++) all.push(v[i] as number);
  const curveStride = Math.max(1, Math.ceil(all.length / 100));
  const curve: number[] = [];
  for (let i = 0; i < all.length; i += curveStride) curve.push(scale(all[i] as number));
  return { curve, curveStride };
}

/**
 * Trains a fresh VAN over `n` spins on `target`: for `training.epochs` (in chunks, saving weights, Adam state, RNG
 * state and the curve after each chunk when `ctx.checkpointDir` is set, so an interrupted task resumes exactly: the
 * cosine learning rate and the β annealing both follow the optimiser's step count), or with `seconds` in chunks of
 * 5 epochs until that wall time is spent (the cosine then follows the elapsed fraction of it; not checkpointed, as
 * a wall-time budget cannot be replayed). The caller disposes the VAN.
 */
async function trainFresh(id: string, n: number, target: UnnormalisedLogProb, beta: number, training: VanTraining, seed: number, ctx: TaskContext, seconds?: number, scale: (f: number) => number = (f) => f): Promise<{ van: MadeVan; summary: TrainingSummary }> {
  const van = new MadeVan(n, { seed, hidden: training.hidden, z2: true });
  let rng = createRng(seed + 1);
  const t0 = performance.now();
  const freeEnergies: number[] = [];
  let epochMsTotal = 0;
  let epochs = 0;
  let progress = 0;
  const adam = new Adam(van.variables, { learningRate: seconds === undefined ? cosine(training, training.epochs) : () => cosine(training, 1)(progress) });
  const path = ctx.checkpointDir === undefined || seconds !== undefined ? undefined : join(ctx.checkpointDir, `${id}.training.json`);
  const fingerprint = JSON.stringify({ fingerprint: ctx.fingerprint ?? null, n, beta, training, seed });
  try {
    if (path !== undefined && existsSync(path)) {
      const checkpoint = loadCheckpoint(path);
      const meta = checkpoint.metadata as { fingerprint?: string; rng: RngState; freeEnergies: number[]; epochMsTotal: number };
      if (meta.fingerprint === fingerprint && checkpoint.epoch <= training.epochs) {
        restoreCheckpoint(checkpoint, van.variables, adam);
        rng = rngFromState(meta.rng);
        freeEnergies.push(...meta.freeEnergies);
        epochMsTotal = meta.epochMsTotal;
        epochs = checkpoint.epoch;
      }
    }
    const common = () => ({ rng, beta, batchSize: training.batchSize, optimizer: adam, betaAnneal: training.betaAnneal, ...(ctx.signal === undefined ? {} : { signal: ctx.signal }) });
    if (seconds === undefined) {
      const every = Math.max(1, Math.ceil(training.epochs / 20));
      while (epochs < training.epochs) {
        const done = epochs;
        const history = await trainVan(van, target, {
          ...common(),
          epochs: Math.min(every, training.epochs - done),
          onProgress: (p) => ctx.onEpoch?.({ task: id, epoch: done + p.epoch, epochs: training.epochs, freeEnergy: p.freeEnergy }),
        });
        freeEnergies.push(...history.freeEnergy);
        epochMsTotal += history.epochMs.reduce((a, b) => a + b, 0);
        epochs += history.epochs;
        if (path !== undefined) saveCheckpoint(path, { variables: van.variables, optimizer: adam, epoch: epochs, metadata: { fingerprint, rng: rng.getState(), freeEnergies, epochMsTotal } });
      }
    } else {
      do {
        const history = await trainVan(van, target, { ...common(), epochs: 5 });
        freeEnergies.push(...history.freeEnergy);
        epochMsTotal += history.epochMs.reduce((a, b) => a + b, 0);
        epochs += history.epochs;
        progress = (performance.now() - t0) / 1000 / seconds;
      } while (progress < 1);
    }
  } catch (error) {
    van.dispose();
    throw error;
  } finally {
    adam.dispose();
  }
  // the task's result checkpoint supersedes the training one
  if (path !== undefined) rmSync(path, { force: true });
  return { van, summary: { epochs, seconds: (performance.now() - t0) / 1000, epochMs: epochMsTotal / Math.max(1, epochs), parameters: van.parameterCount, ...curveOf([freeEnergies], scale) } };
}

function spinGlassModel(task: Extract<FvsVanTask, { kind: 'spin-glass' }>): IsingModel {
  const rng = createRng(task.instance);
  const graph: Graph = task.graph === 'random-regular' ? randomRegularGraph(task.n, task.degree, { rng }) : erdosRenyiGnm(task.n, Math.round((task.n * task.degree) / 2), { rng });
  const couplings = new Float64Array(graph.size);
  for (let e = 0; e < graph.size; e++) couplings[e] = task.couplings === 'pm' ? (rng.float64() < 0.5 ? -1 : 1) : rng.normal();
  return createIsingModel(graph, { couplings, beta: task.beta });
}

async function correlationTask(task: Extract<FvsVanTask, { kind: 'karate' | 'polblogs' | 'spin-glass' }>, ctx: TaskContext): Promise<CorrelationTaskResult> {
  const id = taskId(task);
  const model =
    task.kind === 'karate'
      ? createIsingModel(karateClub(), { beta: task.beta })
      : task.kind === 'polblogs'
        ? createIsingModel(await polblogsLargestComponent(ctx.dataDir), { beta: task.beta })
        : spinGlassModel(task);
  const graph = model.graph;
  const reduction = fvsReduction(model, { rng: createRng(ctx.seed) });
  const exact = fvsExactReference(reduction);
  const mcmc = mcmcEdgeCorrelations(model, task.mcmc, createRng(ctx.seed + 17));
  const { van, summary } = await trainFresh(id, reduction.fvsNodes.length, fvsUnnormalisedLogProb(reduction), task.beta, task.training, ctx.seed, ctx);
  let obs;
  try {
    obs = fvsVanObservables(reduction, van, { rng: createRng(ctx.seed + 2), samples: task.training.samples, conditionFvs: true });
  } finally {
    van.dispose();
  }
  // BP from zero messages at zero field: its paramagnetic fixed point, the one the seed compares (Fig. 1)
  const bp = loopyBeliefPropagation(model, { onNonConvergence: 'return', maxIterations: 5000 });
  const reference = exact?.edgeCorrelations ?? mcmc.edgeCorrelations;
  return {
    id,
    kind: task.kind,
    beta: task.beta,
    nodes: model.order,
    edges: graph.size,
    fvsSize: reduction.fvsNodes.length,
    reference: exact === undefined ? 'mcmc' : 'exact',
    exactLogZ: exact?.logZ ?? null,
    fvsVanLogZ: obs.logZ,
    fvsVanLogZStdErr: obs.logZStdErr,
    essFraction: obs.ess / obs.samples,
    training: summary,
    errors: {
      fvsVan: errorSummary(obs.edgeCorrelations, reference),
      bp: errorSummary(bp.edgeCorrelations, reference),
      ...(exact === undefined ? {} : { mcmc: errorSummary(mcmc.edgeCorrelations, reference) }),
    },
    bpConverged: bp.converged,
    fvsVanMaxStdErr: Math.max(0, ...obs.edgeCorrelationStdErr),
    mcmcMaxStdErr: Math.max(0, ...mcmc.edgeCorrelationStdErr),
    mcmcSeconds: mcmc.seconds,
  };
}

async function latticeTask(task: Extract<FvsVanTask, { kind: 'lattice' }>, ctx: TaskContext): Promise<LatticeTaskResult> {
  const id = taskId(task);
  const graph = squareLattice(task.size, task.size);
  const model = createIsingModel(graph, { beta: task.beta });
  const exactF = -logPartition(graph, 1, { beta: task.beta }) / task.beta;
  const rel = (f: number) => (f - exactF) / Math.abs(exactF);
  const reduction = fvsReduction(model, { rng: createRng(ctx.seed) });
  const target = fvsUnnormalisedLogProb(reduction);
  const fvs = await trainFresh(id, reduction.fvsNodes.length, target, task.beta, task.training, ctx.seed, ctx, undefined, rel);
  let est;
  try {
    est = vanFreeEnergy(fvs.van, target, { rng: createRng(ctx.seed + 2), beta: task.beta, samples: task.training.samples });
  } finally {
    fvs.van.dispose();
  }
  let whole: { fq: number; is: number; summary: TrainingSummary } | null = null;
  if (task.wholeVan) {
    // the whole-lattice VAN: the same network family over all N spins, trained for the FVS-VAN's wall time
    const wholeTarget = isingLogProb(model);
    const w = await trainFresh(`${id}-whole`, model.order, wholeTarget, task.beta, task.training, ctx.seed, ctx, fvs.summary.seconds, rel);
    try {
      const e = vanFreeEnergy(w.van, wholeTarget, { rng: createRng(ctx.seed + 3), beta: task.beta, samples: task.training.samples });
      whole = { fq: e.freeEnergy, is: e.importanceFreeEnergy, summary: w.summary };
    } finally {
      w.van.dispose();
    }
  }
  // BP with a 1e-9 field finds the ordered fixed point where there is one (its lower Bethe free energy)
  const bp = loopyBeliefPropagation(createIsingModel(graph, { beta: task.beta, fields: 1e-9 }), { onNonConvergence: 'return', maxIterations: 20000 });
  const mf = naiveMeanField(model, { onNonConvergence: 'return' });
  return {
    id,
    kind: 'lattice',
    beta: task.beta,
    size: task.size,
    fvsSize: reduction.fvsNodes.length,
    exactFreeEnergy: exactF,
    relativeError: {
      fvsVanFq: rel(est.freeEnergy),
      fvsVanIs: rel(est.importanceFreeEnergy),
      wholeVanFq: whole === null ? null : rel(whole.fq),
      wholeVanIs: whole === null ? null : rel(whole.is),
      bp: rel(bp.freeEnergy),
      meanField: rel(mf.freeEnergy),
    },
    fvsVanIsStdErr: est.importanceFreeEnergyStdErr / Math.abs(exactF),
    essFraction: est.ess / est.samples,
    bpConverged: bp.converged,
    training: fvs.summary,
    wholeTraining: whole?.summary ?? null,
  };
}

async function blockModelTask(task: Extract<FvsVanTask, { kind: 'block-model' }>, ctx: TaskContext): Promise<BlockModelTaskResult> {
  const id = taskId(task);
  const { model, planted } = censoredBlockModel(task.n, task.k, task.rewire, task.noise, task.instance);
  const beta = model.beta;
  const reduction = fvsReduction(model, { rng: createRng(ctx.seed) });
  const exact = fvsExactReference(reduction);
  const target = fvsUnnormalisedLogProb(reduction);
  const { van, summary } = await trainFresh(id, reduction.fvsNodes.length, target, beta, task.training, ctx.seed, ctx);
  let est;
  let overlap;
  try {
    est = vanFreeEnergy(van, target, { rng: createRng(ctx.seed + 2), beta, samples: task.training.samples });
    overlap = fvsVanOverlap(reduction, van, planted, task.training.samples, createRng(ctx.seed + 4));
  } finally {
    van.dispose();
  }
  const bp = bpOverlap(model, planted, createRng(ctx.seed + 5));
  return {
    id,
    kind: 'block-model',
    noise: task.noise,
    beta,
    nodes: model.order,
    edges: model.graph.size,
    fvsSize: reduction.fvsNodes.length,
    freeEnergy: { exact: exact === undefined ? null : -exact.logZ / beta, fvsVanFq: est.freeEnergy, fvsVanIs: est.importanceFreeEnergy, fvsVanIsStdErr: est.importanceFreeEnergyStdErr, bp: bp.freeEnergy },
    overlap: { fvsVan: overlap, mcmc: mcmcOverlap(model, planted, task.mcmc, createRng(ctx.seed + 17)), bp: bp.overlap },
    essFraction: est.ess / est.samples,
    bpConverged: bp.converged,
    training: summary,
  };
}

/** Runs one task (deterministic for a fixed seed and backend). */
export function runTask(task: FvsVanTask, ctx: TaskContext): Promise<FvsVanTaskResult> {
  if (task.kind === 'lattice') return latticeTask(task, ctx);
  if (task.kind === 'block-model') return blockModelTask(task, ctx);
  return correlationTask(task, ctx);
}
