/**
 * `isinglab experiment spai [--config quick|paper] [--data DIR] [--json]`: the SPAI experiment of seed 000
 * (results/spai/<config>/results.json and results.svg). Progress with ETA on stderr; Ctrl-C stops after the
 * current step and the next run resumes from the last epoch checkpoint.
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { progressLine } from '@isinglab/gnn';
import { SPAI_CONFIGS, runSpai, type SpaiRunConfig } from '../experiments/spai/run-spai.js';
import { SPAI_METHODS } from '../experiments/spai/methods.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf, withInterrupt } from '../lib/experiment-command.js';
import type { CliIo } from '../cli/io.js';

export interface ExperimentSpaiOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

export interface ExperimentSpaiEnv {
  /** Steps per epoch cap (smoke tests). */
  maxStepsPerEpoch?: number;
  /** Replaces the named configuration (smoke tests). */
  configOverride?: SpaiRunConfig;
  /** Output folder instead of results/spai/<config>. */
  outDir?: string;
}

export async function experimentSpai(options: ExperimentSpaiOptions, io: CliIo, env: ExperimentSpaiEnv = {}): Promise<number> {
  const name = options.config ?? 'quick';
  const config = experimentConfig('spai', name, SPAI_CONFIGS, env.configOverride);
  const backend = await prepareTf();
  const outDir = env.outDir ?? join(resultsDir(), 'spai', name);
  const data = locateData(options.data);
  const totalEpochs = config.settings.length * config.seeds.length * config.epochs;
  // where this process started (epochs restored from checkpoints are in the bar, not in the ETA's rate)
  let first: { completed: number; at: number } | undefined;
  let last = 0;
  return withInterrupt(async (signal) => {
    const { results, summary, skipped } = await runSpai(config, {
      outDir,
      dataDir: data.dir,
      ...(env.maxStepsPerEpoch === undefined ? {} : { maxStepsPerEpoch: env.maxStepsPerEpoch }),
      signal,
      onProgress: (p) => {
        const before = (config.settings.indexOf(p.setting) * config.seeds.length + config.seeds.indexOf(p.seed)) * config.epochs + p.epoch - 1;
        const completed = before + (p.step === p.steps ? 1 : 0);
        const now = Date.now();
        first ??= { completed: before, at: now };
        if (now - last > 1000 || p.step === p.steps) {
          last = now;
          const line = progressLine({ epoch: completed, epochs: totalEpochs, elapsedMs: now - first.at, metrics: { loss: p.loss }, completedBefore: first.completed });
          io.err(`spai setting ${p.setting} seed ${p.seed} epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps}: ${line}`);
        }
      },
    });
    if (options.json) {
      io.out(JSON.stringify({ outDir, backend, skipped, summary, results }));
      return 0;
    }
    for (const s of skipped) io.err(`spai: skipped ${s}`);
    for (const r of results) {
      io.out(`Setting ${r.setting}, seed ${r.seed}: ${r.train} training and ${r.test} test matrices; weights of epoch ${r.bestEpoch} (lowest validation loss); GMRES without preconditioner: ${r.gmresWithoutPreconditioner.toFixed(1)} iterations`);
      io.out(
        formatTable([
          ['method', 'mean ‖AM−I‖_F', '± 95 %', 'fraction', 'GMRES its'],
          ...SPAI_METHODS.map((m) => [m, r.methods[m].mean, r.methods[m].ci95, r.methods[m].fraction, r.methods[m].gmresIterations]),
        ]),
      );
    }
    for (const s of summary) {
      const { acceptance: a } = s;
      io.out(`Setting ${s.setting}, seeds ${s.seeds.join(', ')} pooled (${s.testMatrices} test matrices):`);
      io.out(
        formatTable([
          ['method', 'mean ‖AM−I‖_F', '± 95 %', 'per seed', 'fraction', 'GMRES its'],
          ...SPAI_METHODS.map((m) => [m, s.methods[m].mean, s.methods[m].ci95, s.methods[m].seedMeans.map((v) => v.toFixed(3)).join(' / '), s.methods[m].fraction, s.methods[m].gmresIterations]),
        ]),
      );
      const verdict = (ok: boolean) => (ok ? 'holds' : 'does not hold');
      io.out(
        `Table 2 ordering (Ising+mag's 95 % interval below Ising, Random and Only A): ${verdict(a.orderingEverySeed)} on every seed's test set, ${verdict(a.orderingPooled)} pooled; ` +
          `Ising+mag fraction ${a.fractions.map((f) => `${(100 * f).toFixed(1)} %`).join(' / ')} (${verdict(a.fractionInRange)} 50 % ± 3 %)`,
      );
    }
    io.out(`wrote ${join(outDir, 'results.json')} and results.svg`);
    return 0;
  });
}
