/**
 * `isinglab experiment segmentation [--config quick|paper] [--data DIR] [--json]`: the image-segmentation experiment
 * of seed 000 (Sec. 4.1) on dsb2018-nuclei (results/segmentation/<config>/results.json and the Figure-3-style
 * results.png). Progress with ETA on stderr; Ctrl-C stops after the current step and the next run resumes from the
 * last epoch checkpoint of each model.
 */
import { join } from 'node:path';
import { InvalidArgumentError } from '@isinglab/graph';
import { formatTable } from '@isinglab/graph/testing';
import { progressLine, useBackend } from '@isinglab/gnn';
import * as tf from '@tensorflow/tfjs';
import { SEGMENTATION_CONFIGS, runSegmentation, type SegmentationRunConfig } from '../experiments/segmentation/run-segmentation.js';
import { locateData, resultsDir } from '../lib/paths.js';
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
  const config = env.configOverride ?? SEGMENTATION_CONFIGS[name];
  if (config === undefined) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: 'experiment segmentation', argument: '--config', value: name, rule: `one of ${Object.keys(SEGMENTATION_CONFIGS).join(', ')}` });
  }
  tf.env().set('PROD', true);
  const backend = await useBackend();
  const outDir = env.outDir ?? join(resultsDir(), 'segmentation', name);
  const data = locateData(options.data);
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted: rerun the same command to resume from the last checkpoint'));
  process.once('SIGINT', onSigint);
  const started = Date.now();
  // progress counts training steps (both models, every seed); the ETA uses the rate since the first reported step,
  // so the data loading and the epochs a resumed run skips do not distort it
  let first: { position: number; at: number } | undefined;
  let last = 0;
  try {
    const summary = runSegmentation(config, {
      outDir,
      dataDir: data.dir,
      ...(env.maxStepsPerEpoch === undefined ? {} : { maxStepsPerEpoch: env.maxStepsPerEpoch }),
      signal: controller.signal,
      onProgress: (p) => {
        const unit = ((config.seeds.indexOf(p.seed) * 2 + (p.model === 'ising' ? 0 : 1)) * config.epochs + p.epoch - 1) * p.steps + p.step;
        const total = config.seeds.length * 2 * config.epochs * p.steps;
        const now = Date.now();
        first ??= { position: unit - 1, at: now };
        if (now - last > 1000 || p.step === p.steps) {
          last = now;
          const line = progressLine({ epoch: unit - first.position, epochs: total - first.position, elapsedMs: now - first.at, metrics: { loss: p.loss } });
          io.err(`segmentation seed ${p.seed} ${p.model} epoch ${p.epoch}/${p.epochs} step ${p.step}/${p.steps} (${unit}/${total} steps): ${line.replace(/^epoch \S+ /, '')}`);
        }
      },
    });
    if (options.json) {
      io.out(JSON.stringify({ outDir, backend, ...summary }));
      return 0;
    }
    const head = summary.results[0];
    io.out(`Segmentation (${config.name}): ${config.size}×${config.size} images, ${head?.train ?? 0} training / ${head?.test ?? 0} test (sorted ids, 80/20), ${config.epochs} epochs, seeds ${config.seeds.join(', ')}`);
    io.out(
      formatTable([
        ['seed', 'Dice Ising+U-Net field', 'Dice U-Net (cross-entropy)', 'w', 'w*'],
        ...summary.results.map((r) => [r.seed, r.dice.ising.mean, r.dice.unet.mean, r.couplings.w, r.couplings.wDiagonal]),
        ['mean', summary.dice.ising.mean, summary.dice.unet.mean, '', ''],
        ['std', summary.dice.ising.std, summary.dice.unet.std, '', ''],
      ]),
    );
    io.out(`wrote ${join(outDir, 'results.json')} and results.png (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
