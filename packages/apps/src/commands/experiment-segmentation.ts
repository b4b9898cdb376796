/**
 * `isinglab experiment segmentation [--config quick|paper|paper-misclassification] [--data DIR] [--json]`: the
 * image-segmentation experiment of seed 000 (Sec. 4.1) on dsb2018-nuclei (results/segmentation/<config>/results.json
 * and the Figure-3-style results.png). Progress with ETA on stderr; Ctrl-C ends the process at once and the next run resumes
 * from the last epoch checkpoint of each model.
 */
import { join } from 'node:path';
import { formatTable } from '@isinglab/graph/testing';
import { SEGMENTATION_CONFIGS, runSegmentation, type SegmentationRunConfig } from '../experiments/segmentation/run-segmentation.js';
import { locateData, resultsDir } from '../lib/paths.js';
import { experimentConfig, prepareTf, skipWithoutData, stepProgress } from '../lib/experiment-command.js';
import { codeVersion } from '../lib/provenance.js';
import type { CliIo } from '../cli/io.js';

export interface ExperimentSegmentationOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

export interface ExperimentSegmentationEnv {
  /** Steps per epoch cap (smoke tests). */
  maxStepsPerEpoch?: number;
  /** Replaces the named configuration (smoke tests). */
  configOverride?: SegmentationRunConfig;
  /** Output folder instead of results/segmentation/<config>. */
  outDir?: string;
}

export async function experimentSegmentation(options: ExperimentSegmentationOptions, io: CliIo, env: ExperimentSegmentationEnv = {}): Promise<number> {
  const name = options.config ?? 'quick';
  const config = experimentConfig('segmentation', name, SEGMENTATION_CONFIGS, env.configOverride);
  const backend = await prepareTf();
  const outDir = env.outDir ?? join(resultsDir(), 'segmentation', name);
  const data = locateData(options.data);
  if (env.configOverride === undefined && skipWithoutData('segmentation', data, ['dsb2018-nuclei/index.csv'], io)) return 0;
  // progress counts training steps (both models, every seed)
  const started = Date.now();
  let report: ReturnType<typeof stepProgress> | undefined;
  // per seed: U-Net epochs 1..P, Ising epochs 1..E−P, U-Net epochs P+1..E (P = 0: Ising first, then the U-Net)
  const pretrain = config.isingPretrainEpochs ?? 0;
  const perSeed = 2 * config.epochs - pretrain;
  const summary = runSegmentation(config, {
    outDir,
    commit: codeVersion(),
    dataDir: data.dir,
    ...(env.maxStepsPerEpoch === undefined ? {} : { maxStepsPerEpoch: env.maxStepsPerEpoch }),
    onProgress: (p) => {
      const epochs = p.model === 'ising' ? pretrain + p.epoch - 1 : p.epoch <= pretrain ? p.epoch - 1 : config.epochs - pretrain + p.epoch - 1;
      const unit = (config.seeds.indexOf(p.seed) * perSeed + epochs) * p.steps + p.step;
      report ??= stepProgress(config.seeds.length * perSeed * p.steps);
      const line = report(unit, { loss: p.loss }, p.step === p.steps);
      if (line !== null) io.err(`segmentation seed ${p.seed} ${p.model} epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps} ${line}`);
    },
  });
  if (options.json) {
    io.out(JSON.stringify({ outDir, backend, ...summary }));
    return 0;
  }
  const head = summary.results[0];
  const validation = head?.validation ?? 0;
  const split = validation > 0 ? `${head?.train ?? 0} training / ${validation} validation / ${head?.test ?? 0} test` : `${head?.train ?? 0} training / ${head?.test ?? 0} test`;
  io.out(`Segmentation (${config.name}): ${config.size}×${config.size} images, ${split} (sorted ids, 80/20), ${config.epochs} epochs, seeds ${config.seeds.join(', ')}`);
  // with a validation split each model is tested at its best validation epoch: show which
  const epochs = (r: (typeof summary.results)[number]) => (r.selection === undefined ? [] : [`${r.selection.ising.selectedEpoch} / ${r.selection.unet.selectedEpoch}`]);
  const selected = validation > 0 ? ['epoch tested (Ising / U-Net)'] : [];
  const blank = validation > 0 ? [''] : [];
  // Dice differences between the models are often in the third decimal
  const fixed = (x: number, digits = 4) => x.toFixed(digits);
  io.out(
    formatTable([
      ['seed', 'Dice Ising+U-Net field', 'Dice U-Net (cross-entropy)', 'w', 'w*', ...selected],
      ...summary.results.map((r) => [r.seed, fixed(r.dice.ising.mean), fixed(r.dice.unet.mean), fixed(r.couplings.w, 3), fixed(r.couplings.wDiagonal, 3), ...epochs(r)]),
      ['mean', fixed(summary.dice.ising.mean), fixed(summary.dice.unet.mean), '', '', ...blank],
      ['std', fixed(summary.dice.ising.std), fixed(summary.dice.unet.std), '', '', ...blank],
    ]),
  );
  io.out(`wrote ${join(outDir, 'results.json')} and results.png (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return 0;
}
