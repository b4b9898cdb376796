/**
 * `isinglab experiment fvs-van [--config quick|paper] [--data DIR] [--json]`: the FVS-VAN experiments of seed 001 (Sec. III):
 * karate-club (and, in paper, political blogs) edge correlations against exact FVS enumeration (MCMC), the square-lattice ferromagnet's free energy across β
 * against the exact planar value (with BP, mean field and a whole-lattice VAN), and sparse spin-glass correlations
 * against exact enumeration or long MCMC, and the censored block model's free energy and overlap (results/fvs-van/<config>/results.json and results.svg). Progress with ETA
 * on stderr; Ctrl-C ends the process at once and the next run resumes from the last checkpoint, skipping
 * the tasks already finished.
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { FVS_VAN_CONFIGS, runFvsVan, type FvsVanRunConfig } from '../experiments/fvs-van/run-fvs-van.js';
import type { BlockModelTaskResult, CorrelationTaskResult, LatticeTaskResult } from '../experiments/fvs-van/tasks.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf, stepProgress } from '../lib/experiment-command.js';
import { codeVersion } from '../lib/provenance.js';
import type { CliIo } from '../cli/io.js';

export interface ExperimentFvsVanOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

export interface ExperimentFvsVanEnv {
  /** Replaces the named configuration (smoke tests). */
  configOverride?: FvsVanRunConfig;
  /** Output folder instead of results/fvs-van/<config>. */
  outDir?: string;
}

const e = (x: number | null) => (x === null ? '-' : x.toExponential(2));

export async function experimentFvsVan(options: ExperimentFvsVanOptions, io: CliIo, env: ExperimentFvsVanEnv = {}): Promise<number> {
  const name = options.config ?? 'quick';
  const config = experimentConfig('fvs-van', name, FVS_VAN_CONFIGS, env.configOverride);
  const backend = await prepareTf();
  const outDir = env.outDir ?? join(resultsDir(), 'fvs-van', name);
  const started = Date.now();
  // progress counts FVS-VAN training epochs over all tasks (fixed-epoch training only; the whole-lattice VAN's
  // wall-time budget, MCMC and estimation are not in the ETA)
  const totalEpochs = config.tasks.reduce((a, t) => a + t.training.epochs, 0);
  const offsets = config.tasks.map((_, i) => config.tasks.slice(0, i).reduce((a, t) => a + t.training.epochs, 0));
  const report = stepProgress(totalEpochs);
  const summary = await runFvsVan(config, {
    outDir,
    commit: codeVersion(),
    dataDir: locateData(options.data).dir,
    onSkip: (id) => io.err(`fvs-van ${id}: finished in an earlier run (checkpoint), skipped`),
    onProgress: (p) => {
      const line = report((offsets[p.taskIndex - 1] as number) + p.epoch, { 'F_q': p.freeEnergy }, p.epoch === p.epochs);
      if (line !== null) io.err(`fvs-van task ${p.taskIndex}/${p.tasks} ${p.task} epoch ${p.epoch}/${p.epochs} ${line}`);
    },
  });
  const lattice = summary.results.filter((r): r is LatticeTaskResult => r.kind === 'lattice');
  const corr = summary.results.filter((r): r is CorrelationTaskResult => r.kind === 'karate' || r.kind === 'polblogs' || r.kind === 'spin-glass');
  const cbm = summary.results.filter((r): r is BlockModelTaskResult => r.kind === 'block-model');
  if (options.json) {
    io.out(JSON.stringify({ outDir, backend, computed: summary.computed, results: summary.results.map((r) => ({ ...r, training: { ...r.training, curve: undefined }, ...(r.kind === 'lattice' ? { wholeTraining: r.wholeTraining === null ? null : { ...r.wholeTraining, curve: undefined } } : {}) })) }));
    return 0;
  }
  io.out(`FVS-VAN (${config.name}), backend ${backend}; ${summary.computed.length} of ${config.tasks.length} tasks computed now`);
  if (lattice.length > 0) {
    io.out(`Lattice ferromagnet (open boundaries), (F − F_exact)/|F_exact|; whole VAN trained for the FVS-VAN's wall time`);
    io.out(
      formatTable([
        ['L', 'β', '|F|', 'F exact', 'FVS-VAN F_q', 'FVS-VAN F_IS (±SE)', 'ESS/S', 'VAN F_q', 'VAN F_IS', 'BP', 'MF', 'ms/epoch FVS', 'ms/epoch VAN'],
        ...lattice.map((r) => [
          String(r.size),
          String(r.beta),
          String(r.fvsSize),
          r.exactFreeEnergy.toFixed(4),
          e(r.relativeError.fvsVanFq),
          `${e(r.relativeError.fvsVanIs)} (±${e(r.fvsVanIsStdErr)})`,
          r.essFraction.toFixed(3),
          e(r.relativeError.wholeVanFq),
          e(r.relativeError.wholeVanIs),
          `${e(r.relativeError.bp)}${r.bpConverged ? '' : '*'}`,
          e(r.relativeError.meanField),
          r.training.epochMs.toFixed(1),
          r.wholeTraining === null ? '-' : r.wholeTraining.epochMs.toFixed(1),
        ]),
      ]),
    );
  }
  if (corr.length > 0) {
    io.out('Edge correlations ⟨s_u s_v⟩: max / mean |Δ| against the reference (exact FVS enumeration when |F| ≤ 24, else MCMC)');
    io.out(
      formatTable([
        ['task', 'N', 'M', '|F|', 'ref', 'FVS-VAN', 'BP', 'MCMC', 'ESS/S', 'log Z exact', 'log Z FVS-VAN (±SE)'],
        ...corr.map((r) => [
          r.id,
          String(r.nodes),
          String(r.edges),
          String(r.fvsSize),
          r.reference,
          `${e(r.errors.fvsVan.max)} / ${e(r.errors.fvsVan.mean)}`,
          `${e(r.errors.bp.max)} / ${e(r.errors.bp.mean)}${r.bpConverged ? '' : '*'}`,
          r.errors.mcmc === undefined ? '-' : `${e(r.errors.mcmc.max)} / ${e(r.errors.mcmc.mean)}`,
          r.essFraction.toFixed(3),
          r.exactLogZ === null ? '-' : r.exactLogZ.toFixed(4),
          `${r.fvsVanLogZ.toFixed(4)} (±${e(r.fvsVanLogZStdErr)})`,
        ]),
      ], { leftAlignedColumns: 1 }),
    );
  }
  if (cbm.length > 0) {
    io.out('Censored block model on Watts–Strogatz graphs at the Nishimori β: free energy (exact by FVS enumeration when |F| ≤ 24) and overlap with the planted partition');
    io.out(
      formatTable([
        ['task', 'ε', 'β', '|F|', 'F exact', 'FVS-VAN F_q', 'FVS-VAN F_IS (±SE)', 'BP F', 'ESS/S', 'overlap FVS-VAN', 'overlap BP', 'overlap MCMC'],
        ...cbm.map((r) => [
          r.id,
          String(r.noise),
          r.beta.toFixed(4),
          String(r.fvsSize),
          r.freeEnergy.exact === null ? '-' : r.freeEnergy.exact.toFixed(4),
          r.freeEnergy.fvsVanFq.toFixed(4),
          `${r.freeEnergy.fvsVanIs.toFixed(4)} (±${e(r.freeEnergy.fvsVanIsStdErr)})`,
          `${r.freeEnergy.bp.toFixed(4)}${r.bpConverged ? '' : '*'}`,
          r.essFraction.toFixed(3),
          r.overlap.fvsVan.toFixed(3),
          r.overlap.bp.toFixed(3),
          r.overlap.mcmc.toFixed(3),
        ]),
      ], { leftAlignedColumns: 1 }),
    );
  }
  io.out(`(* BP did not converge) wrote ${join(outDir, 'results.json')} and results.svg (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}
