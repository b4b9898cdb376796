/**
 * The MCMC driver: C independent chains of one sampler on one model, each with its own RNG stream split from the
 * caller's generator, optionally spread over worker threads with bit-identical results.
 *
 * Samplers: colour-parallel Metropolis–Hastings (seed 000, Alg. 1, with the correct rule min(1, e^{−βΔE}),
 * ΔE = 2 x_i h_i^eff, ties ΔE = 0 accepted with probability 0.9 so that the colour-class scan is ergodic), heat
 * bath (Glauber), Wolff and Swendsen–Wang cluster updates (zero-field ferromagnets).
 */
import {
  InvalidArgumentError,
  checkBoolean,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkRng,
  rngFromState,
  type Rng,
  type RngState,
} from '@isinglab/graph';
import { checkIsingModel, checkSpins, type IsingModel } from '../model/ising-model.js';
import { randomSpinsInto } from '../model/random-spins.js';
import { checkClusterModel } from '../cluster/index.js';
import { effectiveSampleSize } from '../diagnostics/index.js';
import {
  SAMPLER_CODES,
  createRunner,
  drawsIn,
  runChainBlock,
  type BlockRecords,
  type RunnerSpec,
} from '../internal/chain-runner.js';
import { RULE_HEAT_BATH, RULE_METROPOLIS, RULE_PAPER_ALG1 } from '../internal/single-spin-kernel.js';
import { ChainPool } from '../parallel/chain-pool.js';
import { updateSchedule, type UpdateSchedule } from './update-schedule.js';

export type SamplerName = 'metropolis' | 'heat-bath' | 'wolff' | 'swendsen-wang';
export type AcceptanceRule = 'metropolis' | 'paper-alg1';

/** Where a run stopped: pass it back as `resume` to continue exactly as if the run had never stopped. */
export interface SamplerCheckpoint {
  /** Spins of every chain, C·N. */
  readonly spins: Int8Array;
  /** Each chain's RNG state. */
  readonly rngStates: readonly RngState[];
  /** Sweeps already done per chain (counts toward burn-in and thinning). */
  readonly sweepsDone: number;
}

export interface SamplerProgress {
  /** Chain-sweeps done so far in this call (summed over chains). */
  readonly done: number;
  /** Chain-sweeps planned (grows when running to a target ESS). */
  readonly total: number;
  readonly elapsedMs: number;
  /** Estimated remaining time, or undefined before any work was timed. */
  readonly etaMs: number | undefined;
}

export interface SampleIsingOptions {
  /** Random source (required). Chain c runs on the c-th `rng.split()`, taken in chain order. */
  rng: Rng;
  /** Update rule. @default 'metropolis' */
  sampler?: SamplerName;
  /** Independent chains. @default 1 */
  chains?: number;
  /**
   * Sweeps per chain after burn-in (the seed uses T = 3). One sweep visits every node once (single-spin samplers),
   * is one Swendsen–Wang update, or is K Wolff clusters with K = ⌈N / mean cluster size⌉ fixed per model by a pilot
   * run (stopping "once N spins were flipped" would depend on the state and bias the samples). With `targetEss`
   * this is the minimum. @default 3
   */
  sweeps?: number;
  /** Sweeps per chain discarded before recording. @default 0 */
  burnIn?: number;
  /** Record every `thin`-th sweep. @default 1 */
  thin?: number;
  /**
   * Starting state: `'random'` (uniform ±1 from each chain's stream, as in Alg. 1), or an `Int8Array` of ±1 with
   * N entries (copied to every chain) or C·N entries. @default 'random'
   */
  initial?: 'random' | Int8Array;
  /**
   * Metropolis acceptance: `'metropolis'` accepts with min(1, e^{−βΔE}) and samples p ∝ e^{−βE}; a tie
   * (βΔE = 0, e.g. a zero-field node with as many agreeing as disagreeing neighbours) is accepted with probability
   * 0.9, which keeps detailed balance and makes the deterministic colour-class scan ergodic (always accepting ties
   * traps zero-field rings in a sector). `'paper-alg1'` reproduces seed 000's Alg. 1 as printed,
   * exp(−2βΔE) > r with ΔE = 2 x h^eff (ties always accepted), which samples at inverse temperature 2β; use it
   * only to reproduce the paper's numbers. @default 'metropolis'
   */
  acceptance?: AcceptanceRule;
  /** Colour-class schedule of single-spin samplers. @default updateSchedule(model.graph) */
  schedule?: UpdateSchedule;
  /**
   * Keep sampling (doubling the sweeps) until the effective sample size of both the energy and |m| series reaches
   * this value, or `maxSweeps` is reached (then `essReached` is false). @default undefined
   */
  targetEss?: number;
  /** Cap on sweeps per chain after burn-in when `targetEss` is set (at least `sweeps`). @default 100000 */
  maxSweeps?: number;
  /** Record every recorded configuration in `samples` (C·draws·N bytes). @default false */
  recordSpins?: boolean;
  /** Continue a previous run from its `checkpoint` (then `initial` must be omitted and `chains` must match). */
  resume?: SamplerCheckpoint;
  /** Called at most every ~200 ms with the progress. @default undefined */
  onProgress?: (progress: SamplerProgress) => void;
  /** Stops the run between sweeps; the promise rejects with `signal.reason`. @default undefined */
  signal?: AbortSignal;
}

export interface SampleIsingAsyncOptions extends SampleIsingOptions {
  /** Worker threads (0: run on the calling thread). Results are identical for any value. @default 0 */
  workers?: number;
}

export interface SampleIsingResult {
  readonly chains: number;
  /** Recorded draws per chain. */
  readonly draws: number;
  /** Energy of each draw, chain-major (chain c at [c·draws, (c+1)·draws)). */
  readonly energies: Float64Array;
  /** Signed magnetisation (1/N) Σ x_i of each draw, chain-major. */
  readonly magnetisations: Float64Array;
  /** Recorded configurations (C·draws·N, draw d of chain c at (c·draws + d)·N) when `recordSpins`, else undefined. */
  readonly samples: Int8Array | undefined;
  /** Final spins of every chain, C·N. */
  readonly spins: Int8Array;
  /** Sweeps per chain run by this call, burn-in included. */
  readonly sweeps: number;
  /** Single-spin samplers: accepted flips / attempted flips. Cluster samplers: undefined. */
  readonly acceptanceRate: number | undefined;
  /** Cluster samplers: mean clusters built per sweep. Single-spin samplers: undefined. */
  readonly clustersPerSweep: number | undefined;
  /** With `targetEss`: whether it was reached; otherwise true. */
  readonly essReached: boolean;
  readonly checkpoint: SamplerCheckpoint;
}

const DEFAULTS = Object.freeze({
  sampler: 'metropolis' as SamplerName,
  chains: 1,
  sweeps: 3,
  burnIn: 0,
  thin: 1,
  initial: 'random' as 'random' | Int8Array,
  acceptance: 'metropolis' as AcceptanceRule,
  maxSweeps: 100000,
  recordSpins: false,
  workers: 0,
});
const KNOWN: readonly (keyof SampleIsingAsyncOptions)[] = [
  'rng', 'sampler', 'chains', 'sweeps', 'burnIn', 'thin', 'initial', 'acceptance', 'schedule', 'targetEss',
  'maxSweeps', 'recordSpins', 'resume', 'onProgress', 'signal', 'workers',
];
const SAMPLERS: readonly SamplerName[] = ['metropolis', 'heat-bath', 'wolff', 'swendsen-wang'];

interface Plan {
  spec: RunnerSpec;
  chains: number;
  sweeps: number;
  targetEss: number | undefined;
  maxSweeps: number;
  recordSpins: boolean;
  workers: number;
  spins: Int8Array;
  rngs: Rng[];
  sweepsDone: number;
  onProgress: ((p: SamplerProgress) => void) | undefined;
  signal: AbortSignal | undefined;
}

/**
 * Runs MCMC on the calling thread. See `sampleIsing` for the worker-thread version (same results).
 * Cost O(C · sweeps · (N + M)) for single-spin samplers.
 */
export function sampleIsingSync(model: IsingModel, options: SampleIsingOptions): SampleIsingResult {
  const plan = makePlan({ pkg: 'ising', fn: 'sampleIsingSync' }, model, options, false);
  const run = new Run(plan);
  const runner = createRunner(plan.spec);
  while (run.nextBlock() > 0) {
    const length = run.pendingLength;
    const records = run.allocateBlock(length, false);
    let work = 0;
    for (let c = 0; c < plan.chains; c++) {
      work += runChainBlock(runner, plan.spins, c, plan.rngs[c] as Rng, plan.sweepsDone, length, records, c, () =>
        run.tick(1),
      );
    }
    run.finishBlock(records, work);
  }
  return run.result();
}

/**
 * Runs MCMC, on `workers` worker threads when asked (chains are split into contiguous ranges; the spins live in
 * shared memory). Each chain's trajectory depends only on its own RNG stream, so the result is identical bit for
 * bit to `sampleIsingSync` with the same options. Resolves with the draws, final spins and a checkpoint.
 */
export async function sampleIsing(model: IsingModel, options: SampleIsingAsyncOptions): Promise<SampleIsingResult> {
  const site = { pkg: 'ising', fn: 'sampleIsing' };
  const workers = options?.workers === undefined ? DEFAULTS.workers : checkInteger(site, 'options.workers', options.workers, { min: 0, max: 256 });
  if (workers === 0) {
    // Delegate before planning: planning splits the caller's generator, which must happen exactly once.
    const { workers: _ignored, ...rest } = options;
    return sampleIsingSync(model, rest);
  }
  const plan = makePlan(site, model, options, true);
  const shared = new SharedArrayBuffer(plan.spins.length);
  const sharedSpins = new Int8Array(shared);
  sharedSpins.set(plan.spins);
  plan.spins = sharedSpins;
  const pool = await ChainPool.start(plan.spec, shared, plan.chains, plan.workers);
  try {
    const run = new Run(plan);
    while (run.nextBlock() > 0) {
      const length = run.pendingLength;
      const records = run.allocateBlock(length, true);
      const reply = await pool.runBlock(
        {
          start: plan.sweepsDone,
          length,
          draws: records.draws,
          energies: records.energies.buffer as SharedArrayBuffer,
          magnetisations: records.magnetisations.buffer as SharedArrayBuffer,
          samples: records.samples.length > 0 ? (records.samples.buffer as SharedArrayBuffer) : null,
        },
        plan.rngs.map((r) => r.getState()),
        (k) => run.tick(k),
      );
      reply.rngStates.forEach((state, c) => (plan.rngs[c] as Rng).setState(state));
      run.finishBlock(records, reply.work);
    }
    return run.result();
  } finally {
    await pool.close();
  }
}

function makePlan(site: { pkg: string; fn: string }, model: IsingModel, options: SampleIsingAsyncOptions, allowWorkers: boolean): Plan {
  checkIsingModel(site, model);
  const known = allowWorkers ? KNOWN : KNOWN.filter((k) => k !== 'workers');
  const given = checkOptions<SampleIsingAsyncOptions>(site, options, known);
  const opts = { ...DEFAULTS, ...given };
  const rng = checkRng(site, opts.rng, 'options.rng');
  const samplerName = checkOneOf(site, 'options.sampler', opts.sampler, SAMPLERS);
  const acceptance = checkOneOf(site, 'options.acceptance', opts.acceptance, ['metropolis', 'paper-alg1'] as const);
  if (acceptance === 'paper-alg1' && samplerName !== 'metropolis') {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.acceptance',
      value: acceptance,
      rule: "'metropolis' unless options.sampler is 'metropolis'",
    });
  }
  if (samplerName === 'wolff' || samplerName === 'swendsen-wang') checkClusterModel(site, model);
  const sweeps = checkInteger(site, 'options.sweeps', opts.sweeps, { min: 1 });
  const burnIn = checkInteger(site, 'options.burnIn', opts.burnIn, { min: 0 });
  const thin = checkInteger(site, 'options.thin', opts.thin, { min: 1 });
  const maxSweeps =
    given.targetEss === undefined && given.maxSweeps === undefined
      ? sweeps
      : checkInteger(site, 'options.maxSweeps', opts.maxSweeps, { min: sweeps });
  const targetEss =
    given.targetEss === undefined ? undefined : checkInteger(site, 'options.targetEss', given.targetEss, { min: 1 });
  const recordSpins = checkBoolean(site, 'options.recordSpins', opts.recordSpins);
  const workers = checkInteger(site, 'options.workers', opts.workers, { min: 0, max: 256 });
  if (given.onProgress !== undefined && typeof given.onProgress !== 'function') {
    throw new InvalidArgumentError({ ...site, argument: 'options.onProgress', value: given.onProgress, rule: 'a function' });
  }
  const schedule = given.schedule ?? updateSchedule(model.graph);
  if (schedule.order?.length !== model.order) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.schedule',
      value: schedule,
      rule: `an UpdateSchedule of the model's graph (${model.order} nodes)`,
    });
  }
  const n = model.order;
  let chains: number;
  let spins: Int8Array;
  let rngs: Rng[];
  let sweepsDone = 0;
  if (given.resume !== undefined) {
    if (given.initial !== undefined) {
      throw new InvalidArgumentError({ ...site, argument: 'options.initial', value: given.initial, rule: 'absent when options.resume is given' });
    }
    const cp = given.resume;
    chains = checkSpins(site, model, cp.spins, 'options.resume.spins');
    if (given.chains !== undefined && given.chains !== chains) {
      throw new InvalidArgumentError({ ...site, argument: 'options.chains', value: given.chains, rule: `${chains} (the checkpoint's chains)` });
    }
    if (!Array.isArray(cp.rngStates) || cp.rngStates.length !== chains) {
      throw new InvalidArgumentError({ ...site, argument: 'options.resume.rngStates', value: cp.rngStates, rule: `an array of ${chains} RngState` });
    }
    sweepsDone = checkInteger(site, 'options.resume.sweepsDone', cp.sweepsDone, { min: 0 });
    spins = cp.spins.slice();
    rngs = cp.rngStates.map((s) => rngFromState(s));
  } else {
    chains = checkInteger(site, 'options.chains', opts.chains, { min: 1, max: 1 << 20 });
    rngs = [];
    for (let c = 0; c < chains; c++) rngs.push(rng.split());
    spins = new Int8Array(chains * n);
    if (opts.initial === 'random') {
      for (let c = 0; c < chains; c++) randomSpinsInto(spins, c * n, (c + 1) * n, rngs[c] as Rng);
    } else if (opts.initial instanceof Int8Array && opts.initial.length === n) {
      checkSpins(site, model, opts.initial, 'options.initial');
      for (let c = 0; c < chains; c++) spins.set(opts.initial, c * n);
    } else if (opts.initial instanceof Int8Array) {
      checkSpins(site, model, opts.initial, 'options.initial', chains);
      spins.set(opts.initial);
    } else {
      throw new InvalidArgumentError({
        ...site,
        argument: 'options.initial',
        value: opts.initial,
        rule: `'random' or an Int8Array of ±1 with ${n} or ${chains * n} entries`,
      });
    }
  }
  const spec: RunnerSpec = {
    model,
    schedule,
    sampler: SAMPLER_CODES[samplerName],
    betaEff: acceptance === 'paper-alg1' ? 2 * model.beta : model.beta,
    rule: samplerName === 'heat-bath' ? RULE_HEAT_BATH : acceptance === 'paper-alg1' ? RULE_PAPER_ALG1 : RULE_METROPOLIS,
    burnIn,
    thin,
  };
  return {
    spec,
    chains,
    sweeps,
    targetEss,
    maxSweeps,
    recordSpins,
    workers,
    spins,
    rngs,
    sweepsDone,
    onProgress: given.onProgress,
    signal: given.signal,
  };
}

/** Block bookkeeping shared by the sync and async drivers: planning, records, progress, ESS stopping rule. */
class Run {
  private readonly blocks: BlockRecords[] = [];
  private sweepsRun = 0;
  private work = 0;
  private done = 0;
  private total: number;
  private readonly startedAt = performance.now();
  private lastReport = 0;
  private essReached = true;
  pendingLength = 0;
  /** Burn-in sweeps still to run when this call started (a resumed run may have finished its burn-in). */
  private readonly burnLeft: number;
  private readonly planned: number;

  constructor(private readonly plan: Plan) {
    this.burnLeft = Math.max(0, plan.spec.burnIn - plan.sweepsDone);
    this.planned = this.burnLeft + plan.sweeps;
    this.total = this.planned * plan.chains;
  }

  /** Decides the next block's length (0: finished). */
  nextBlock(): number {
    this.plan.signal?.throwIfAborted();
    const { plan } = this;
    if (this.sweepsRun === 0) {
      this.pendingLength = this.planned;
      return this.pendingLength;
    }
    if (plan.targetEss === undefined) return (this.pendingLength = 0);
    const recordedSweeps = this.sweepsRun - this.burnLeft;
    const series = this.assemble();
    if (series.draws >= 4 && this.enough(series)) return (this.pendingLength = 0);
    const room = plan.maxSweeps - recordedSweeps;
    if (room <= 0) {
      this.essReached = false;
      return (this.pendingLength = 0);
    }
    this.pendingLength = Math.min(recordedSweeps, room);
    this.total += this.pendingLength * plan.chains;
    return this.pendingLength;
  }

  private enough(series: { energies: Float64Array; magnetisations: Float64Array; draws: number }): boolean {
    const chains = this.plan.chains;
    const target = this.plan.targetEss as number;
    const absM = series.magnetisations.map(Math.abs);
    return effectiveSampleSize(series.energies, { chains }) >= target && effectiveSampleSize(absM, { chains }) >= target;
  }

  allocateBlock(length: number, shared: boolean): BlockRecords {
    const { plan } = this;
    const draws = drawsIn(plan.sweepsDone, length, plan.spec.burnIn, plan.spec.thin);
    const cells = plan.chains * draws;
    const n = plan.spec.model.order;
    const make = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
    return {
      energies: new Float64Array(make(8 * cells)),
      magnetisations: new Float64Array(make(8 * cells)),
      samples: plan.recordSpins ? new Int8Array(make(cells * n)) : new Int8Array(0),
      draws,
    };
  }

  finishBlock(records: BlockRecords, work: number): void {
    this.blocks.push(records);
    this.plan.sweepsDone += this.pendingLength;
    this.sweepsRun += this.pendingLength;
    this.work += work;
  }

  tick(chainSweeps: number): void {
    this.done += chainSweeps;
    const { onProgress, signal } = this.plan;
    if (signal?.aborted) signal.throwIfAborted();
    if (onProgress === undefined) return;
    const now = performance.now();
    if (now - this.lastReport < 200 && this.done < this.total) return;
    this.lastReport = now;
    const elapsedMs = now - this.startedAt;
    const etaMs = this.done > 0 ? (elapsedMs * (this.total - this.done)) / this.done : undefined;
    onProgress({ done: this.done, total: this.total, elapsedMs, etaMs });
  }

  private assemble(): { energies: Float64Array; magnetisations: Float64Array; samples: Int8Array | undefined; draws: number } {
    const { chains, recordSpins } = this.plan;
    const n = this.plan.spec.model.order;
    const draws = this.blocks.reduce((s, b) => s + b.draws, 0);
    const energies = new Float64Array(chains * draws);
    const magnetisations = new Float64Array(chains * draws);
    const samples = recordSpins ? new Int8Array(chains * draws * n) : undefined;
    for (let c = 0; c < chains; c++) {
      let at = c * draws;
      for (const b of this.blocks) {
        energies.set(b.energies.subarray(c * b.draws, (c + 1) * b.draws), at);
        magnetisations.set(b.magnetisations.subarray(c * b.draws, (c + 1) * b.draws), at);
        samples?.set(b.samples.subarray(c * b.draws * n, (c + 1) * b.draws * n), at * n);
        at += b.draws;
      }
    }
    return { energies, magnetisations, samples, draws };
  }

  result(): SampleIsingResult {
    const { plan } = this;
    const series = this.assemble();
    const singleSpin = plan.spec.sampler <= SAMPLER_CODES['heat-bath'];
    const attempts = this.sweepsRun * plan.chains * plan.spec.model.order;
    const chainSweeps = this.sweepsRun * plan.chains;
    const spins = plan.spins.slice();
    return Object.freeze({
      chains: plan.chains,
      draws: series.draws,
      energies: series.energies,
      magnetisations: series.magnetisations,
      samples: series.samples,
      spins,
      sweeps: this.sweepsRun,
      acceptanceRate: singleSpin ? (attempts === 0 ? 0 : this.work / attempts) : undefined,
      clustersPerSweep: singleSpin ? undefined : chainSweeps === 0 ? 0 : this.work / chainSweeps,
      essReached: this.essReached,
      checkpoint: Object.freeze({
        spins: spins.slice(),
        rngStates: Object.freeze(plan.rngs.map((r) => r.getState())),
        sweepsDone: plan.sweepsDone,
      }),
    });
  }
}
