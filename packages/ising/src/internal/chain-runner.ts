/**
 * Runs a block of sweeps of one chain and records its draws. The same code runs on the main thread and inside
 * worker threads, which is why a multi-worker run reproduces a single-thread run bit for bit: a chain's trajectory
 * depends only on the model, its own RNG stream and the global sweep indices, never on which thread ran it.
 */
import type { Rng } from '@isinglab/graph';
import { energyOfChain } from '../model/energy.js';
import type { IsingModel } from '../model/ising-model.js';
import type { UpdateSchedule } from '../samplers/update-schedule.js';
import { createClusterWorkspace, type ClusterWorkspace } from '../cluster/cluster-workspace.js';
import { wolffSweepKernel } from '../cluster/wolff.js';
import { swendsenWangSweepKernel } from '../cluster/swendsen-wang.js';
import { singleSpinSweeps } from './single-spin-kernel.js';

export const SAMPLER_CODES = Object.freeze({ metropolis: 0, 'heat-bath': 1, wolff: 2, 'swendsen-wang': 3 });

/** Everything a thread needs to advance chains; plain data, so it can be posted to a worker. */
export interface RunnerSpec {
  model: IsingModel;
  schedule: UpdateSchedule;
  /** One of SAMPLER_CODES. */
  sampler: number;
  /** β used in acceptance (2β for 'paper-alg1'). */
  betaEff: number;
  /** Single-spin rule of internal/single-spin-kernel.ts (RULE_*); ignored by cluster samplers. */
  rule: number;
  burnIn: number;
  thin: number;
}

/** Block-local record buffers (chain-major over the block's draws). */
export interface BlockRecords {
  energies: Float64Array;
  magnetisations: Float64Array;
  /** Length chains·draws·N, or 0 when spins are not recorded. */
  samples: Int8Array;
  /** Draws per chain in this block. */
  draws: number;
}

export interface RunnerState {
  spec: RunnerSpec;
  workspace: ClusterWorkspace | undefined;
}

export function createRunner(spec: RunnerSpec): RunnerState {
  const needsWorkspace = spec.sampler === SAMPLER_CODES.wolff || spec.sampler === SAMPLER_CODES['swendsen-wang'];
  return { spec, workspace: needsWorkspace ? createClusterWorkspace(spec.model) : undefined };
}

/** Number of recorded draws among global sweeps [start, start + length). */
export function drawsIn(start: number, length: number, burnIn: number, thin: number): number {
  const recordedBefore = (g: number) => (g <= burnIn ? 0 : Math.floor((g - burnIn) / thin));
  return recordedBefore(start + length) - recordedBefore(start);
}

/**
 * Advances chain `chain` (spins at `chain·N`) through global sweeps [start, start + length), writing its draws
 * into row `chain − firstChain` of `records`. Returns the number of spins flipped (single-spin samplers) or
 * clusters built (cluster samplers). `tick(sweeps)` is called after every sweep (progress, cancellation).
 */
export function runChainBlock(
  runner: RunnerState,
  spins: Int8Array,
  chain: number,
  rng: Rng,
  start: number,
  length: number,
  records: BlockRecords,
  recordRow: number,
  tick: (() => void) | undefined,
): number {
  const { model, schedule, sampler, betaEff, rule, burnIn, thin } = runner.spec;
  const n = model.order;
  const base = chain * n;
  let draw = 0;
  let work = 0;
  for (let g = start; g < start + length; g++) {
    if (sampler === SAMPLER_CODES.metropolis || sampler === SAMPLER_CODES['heat-bath']) {
      work += singleSpinSweeps(model, schedule, spins, base, rng, 1, rule, betaEff);
    } else if (sampler === SAMPLER_CODES.wolff) {
      work += wolffSweepKernel(runner.workspace as ClusterWorkspace, model, spins, base, rng);
    } else {
      work += swendsenWangSweepKernel(runner.workspace as ClusterWorkspace, model, spins, base, rng);
    }
    if (g + 1 > burnIn && (g + 1 - burnIn) % thin === 0) {
      const at = recordRow * records.draws + draw;
      records.energies[at] = energyOfChain(model, spins, base);
      let sum = 0;
      for (let i = base; i < base + n; i++) sum += spins[i] as number;
      records.magnetisations[at] = n === 0 ? 0 : sum / n;
      if (records.samples.length > 0) records.samples.set(spins.subarray(base, base + n), at * n);
      draw++;
    }
    if (tick !== undefined) tick();
  }
  return work;
}
