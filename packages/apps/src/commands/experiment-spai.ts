/**
 * `isinglab experiment spai [--config quick|paper] [--data DIR] [--json]`: the SPAI experiment of seed 000
 * (results/spai/<config>/results.json and results.svg). Progress with ETA on stderr; Ctrl-C ends the
 * process at once and the next run resumes from the last epoch checkpoint.
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { progressLine } from '@isinglab/gnn';
import { SPAI_CONFIGS, runSpai, type SpaiRunConfig } from '../experiments/spai/run-spai.js';
import { SPAI_METHODS } from '../experiments/spai/methods.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf } from '../lib/experiment-command.js';
import { codeVersion } from '../lib/provenance.js';
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
  // the bar counts every epoch done, also those restored from checkpoints; the ETA's rate only the epochs trained
  // here, timed from this process's first step
  let startedAt: number | undefined;
  let trainedHere = 0;
  let last = 0;
  const { results, summary, skipped } = await runSpai(config, {
    outDir,
    commit: codeVersion(),
    dataDir: data.dir,
    ...(env.maxStepsPerEpoch === undefined ? {} : { maxStepsPerEpoch: env.maxStepsPerEpoch }),
    onProgress: (p) => {
      const before = (config.settings.indexOf(p.setting) * config.seeds.length + config.seeds.indexOf(p.seed)) * config.epochs + p.epoch - 1;
      const completed = before + (p.step === p.steps ? 1 : 0);
      const now = Date.now();
      startedAt ??= now;
      if (p.step === p.steps) trainedHere++;
      if (now - last > 1000 || p.step === p.steps) {
        last = now;
        const line = progressLine({ epoch: completed, epochs: totalEpochs, elapsedMs: now - startedAt, metrics: { loss: p.loss }, completedBefore: completed - trainedHere });
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
    const verdict = (ok: boolean) => (ok ? 'holds' : 'does not hold');
    io.out(`Setting ${s.setting} over seeds ${s.seeds.join(', ')} (${s.testMatrices.join(' / ')} test matrices):`);
    io.out(
      formatTable([
        ['method', 'mean over seeds', '± std', 'per seed (± 95 %)', 'fraction', 'GMRES its'],
        ...SPAI_METHODS.map((m) => {
          const r = s.methods[m];
          return [m, r.mean, r.seedStd, r.seedMeans.map((v, i) => `${v.toFixed(3)} ± ${(r.seedCi95[i] as number).toFixed(3)}`).join(', '), r.fraction, r.gmresIterations];
        }),
      ]),
    );
    io.out(
      `Table 2 ordering (Ising+mag's 95 % interval below Ising, Random and Only A): ${a.ordering.map((ok, i) => `seed ${s.seeds[i]} ${verdict(ok)}`).join(', ')}; ` +
        `paired on the same matrices (Ising+mag − each rival below 0): ${a.pairedOrdering.map((ok, i) => `seed ${s.seeds[i]} ${verdict(ok)}`).join(', ')}; ` +
        `Ising+mag fraction ${a.fractions.map((f) => `${(100 * f).toFixed(1)} %`).join(' / ')} (${verdict(a.fractionInRange)} 50 % ± 3 %)`,
    );
  }
  io.out(`wrote ${join(outDir, 'results.json')} and results.svg`);
  return 0;
}
