import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, IsingLabError } from '@isinglab/graph';
import { useBackend } from '@isinglab/gnn';
import { decodePng } from '../../src/lib/png.js';
import { SEGMENTATION_CONFIGS, runSegmentation, type SegmentationRunConfig } from '../../src/experiments/segmentation/run-segmentation.js';
import { loadSegmentationDataset, type SegmentationDataset } from '../../src/experiments/segmentation/dataset.js';
import { PANEL_COLUMNS, panelSize } from '../../src/experiments/segmentation/segmentation-figure.js';
import { experimentSegmentation } from '../../src/commands/experiment-segmentation.js';
import { SOURCE, copySubset } from './fixture-data.js';

tf.env().set('PROD', true);
beforeAll(async () => {
  await useBackend();
});
const dir = mkdtempSync(join(tmpdir(), 'isinglab-seg-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// smoke size: 8 real images at 16×16 (6 train, 2 test), a 2-level U-Net with 4 base filters
const tiny = (epochs: number): SegmentationRunConfig => ({
  name: 'tiny',
  seeds: [1],
  size: 16,
  epochs,
  batchSize: 3,
  baseFilters: 4,
  depth: 2,
  learningRate: 0.01,
  sweeps: 2,
  samplesPerStep: 2,
  evalSamples: 3,
  figureRows: 2,
});

const withData = SOURCE === undefined ? describe.skip : describe;

withData('the segmentation experiment runner (smoke test on 8 real images)', () => {
  const data = join(dir, 'data');
  if (SOURCE !== undefined) copySubset(data, 8);
  // loaded once (the PNG decoding dominates these runs); the CLI test below reads the folder itself
  let dataset: SegmentationDataset;
  beforeAll(() => {
    dataset = loadSegmentationDataset(data, { size: 16 });
  });

  it('writes results.json and a Figure-3 PNG atomically, and resumes from its checkpoints exactly', () => {
    const straight = join(dir, 'straight');
    const resumed = join(dir, 'resumed');
    const numTensors = tf.memory().numTensors;
    const a = runSegmentation(tiny(2), { outDir: straight, dataDir: data, dataset });
    expect(tf.memory().numTensors).toBe(numTensors);
    // an interrupted run: one epoch, then the same configuration with two epochs continues from both checkpoints
    runSegmentation(tiny(1), { outDir: resumed, dataDir: data, dataset });
    expect(existsSync(join(resumed, 'checkpoints', 'seed-1-ising.json'))).toBe(true);
    expect(existsSync(join(resumed, 'checkpoints', 'seed-1-unet.json'))).toBe(true);
    const b = runSegmentation(tiny(2), { outDir: resumed, dataDir: data, dataset });
    expect(b.results[0]!.trainingLoss).toEqual(a.results[0]!.trainingLoss);
    expect(b.results[0]!.couplings).toEqual(a.results[0]!.couplings);
    expect(b.results[0]!.dice).toEqual(a.results[0]!.dice);
    expect(() => runSegmentation({ ...tiny(1), size: 32 }, { outDir: join(dir, 'x'), dataDir: data, dataset })).toThrow(/options.dataset must be images of side config.size = 32/);

    const json = JSON.parse(readFileSync(join(straight, 'results.json'), 'utf8'));
    expect(json.results[0].train).toBe(6);
    expect(json.results[0].test).toBe(2);
    expect(json.results[0].trainingLoss.ising).toHaveLength(2);
    expect(json.results[0].trainingLoss.unet).toHaveLength(2);
    for (const m of ['ising', 'unet']) {
      expect(json.results[0].dice[m].perImage).toHaveLength(2);
      expect(json.dice[m].mean).toBeGreaterThanOrEqual(0);
      expect(json.dice[m].mean).toBeLessThanOrEqual(1);
    }
    expect(json.figure.columns).toEqual([...PANEL_COLUMNS]);
    // atomic writes leave no temporary siblings behind
    expect(readdirSync(straight).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const png = decodePng(readFileSync(join(straight, 'results.png')), 'results.png');
    const expected = panelSize(2, 16, { scale: 2, gap: 4 });
    expect([png.width, png.height, png.channels]).toEqual([expected.width, expected.height, 3]);
    // not blank: many colours (the image and the two diverging maps) and mostly non-white inside the panels
    const colours = new Set<number>();
    let white = 0;
    for (let p = 0; p < png.width * png.height; p++) {
      const [r, g, b] = [png.data[3 * p]!, png.data[3 * p + 1]!, png.data[3 * p + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (r === 255 && g === 255 && b === 255) white++;
    }
    expect(colours.size).toBeGreaterThan(20);
    // the white gaps are 1 − (6·32·2·32)/(220·76) ≈ 26 % of the figure; masks can add white, images rarely do
    expect(white / (png.width * png.height)).toBeLessThan(0.75);
  });

  it('a checkpoint of another configuration is not resumed (the run starts afresh)', () => {
    const out = join(dir, 'other');
    const one = { dataDir: data, dataset, maxStepsPerEpoch: 1 };
    runSegmentation(tiny(1), { outDir: out, ...one });
    const fresh = runSegmentation({ ...tiny(1), learningRate: 0.02 }, { outDir: out, ...one });
    const reference = runSegmentation({ ...tiny(1), learningRate: 0.02 }, { outDir: join(dir, 'reference'), ...one });
    expect(fresh.results[0]!.trainingLoss).toEqual(reference.results[0]!.trainingLoss);
  });

  it('isingPretrainEpochs: the Ising model starts from the U-Net at that epoch, the U-Net trains as without it, and resumes exactly', () => {
    const one = { dataDir: data, dataset, maxStepsPerEpoch: 1 };
    const plain = runSegmentation(tiny(3), { outDir: join(dir, 'pre-plain'), ...one });
    const config = { ...tiny(3), isingPretrainEpochs: 1, isingLearningRate: 0.005 };
    const numTensors = tf.memory().numTensors;
    const straight = runSegmentation(config, { outDir: join(dir, 'pre-straight'), ...one });
    expect(tf.memory().numTensors).toBe(numTensors);
    // the U-Net's training split at the copy is the same as in one go; the Ising model fine-tunes 3 − 1 epochs
    expect(straight.results[0]!.trainingLoss.unet).toEqual(plain.results[0]!.trainingLoss.unet);
    expect(straight.results[0]!.dice.unet).toEqual(plain.results[0]!.dice.unet);
    expect(straight.results[0]!.trainingLoss.ising).toHaveLength(2);
    expect(straight.results[0]!.trainingLoss.ising).not.toEqual(plain.results[0]!.trainingLoss.ising.slice(0, 2));

    // interrupted in the U-Net's last epoch (after the Ising model finished): the rerun keeps the Ising checkpoint
    // instead of copying the U-Net again, and continues the U-Net from epoch 2
    const resumed = join(dir, 'pre-resumed');
    const controller = new AbortController();
    expect(() =>
      runSegmentation(config, {
        outDir: resumed,
        ...one,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.model === 'unet' && p.epoch === 2) controller.abort(new Error('stop'));
        },
      }),
    ).toThrow('stop');
    const again = runSegmentation(config, { outDir: resumed, ...one });
    expect(again.results[0]!.trainingLoss).toEqual(straight.results[0]!.trainingLoss);
    expect(again.results[0]!.couplings).toEqual(straight.results[0]!.couplings);
    expect(again.results[0]!.dice).toEqual(straight.results[0]!.dice);

    // a changed pretraining budget is another configuration: its checkpoints start afresh
    const other = runSegmentation({ ...config, isingPretrainEpochs: 2 }, { outDir: resumed, ...one });
    const reference = runSegmentation({ ...config, isingPretrainEpochs: 2 }, { outDir: join(dir, 'pre-reference'), ...one });
    expect(other.results[0]!.trainingLoss).toEqual(reference.results[0]!.trainingLoss);
    expect(other.results[0]!.trainingLoss.ising).toHaveLength(1);
    expect(() => runSegmentation({ ...tiny(2), isingPretrainEpochs: 3 }, { outDir: join(dir, 'x'), ...one })).toThrow(
      /config.isingPretrainEpochs must be an integer in \[0, config.epochs = 2\]/,
    );
  });

  it('validationFraction: each model is tested at its best validation epoch, the same as a run stopped there; resumes exactly', () => {
    const config = (epochs: number): SegmentationRunConfig => ({ ...tiny(epochs), validationFraction: 0.3, learningRate: 0.05 });
    const run = (epochs: number, out: string) => runSegmentation(config(epochs), { outDir: join(dir, out), dataDir: data, dataset });
    const full = run(3, 'val-full').results[0]!;
    // 6 training images: the last ⌈0.3·6⌉ = 2 validate
    expect([full.train, full.validation, full.test]).toEqual([4, 2, 2]);
    const selection = full.selection!;
    // with these seeds the U-Net's validation Dice peaks at epoch 2 of 3, so the restored weights are not the last ones
    expect(selection.unet.selectedEpoch).toBe(2);
    for (const kind of ['ising', 'unet'] as const) {
      const scores = selection[kind].validationDice;
      expect(scores).toHaveLength(3);
      expect(selection[kind].selectedEpoch).toBe(scores.indexOf(Math.max(...scores)) + 1);
      // the weights tested are those of the selected epoch: a run of that many epochs tests the same masks
      const stopped = run(selection[kind].selectedEpoch, `val-stopped-${kind}`).results[0]!;
      expect(stopped.dice[kind]).toEqual(full.dice[kind]);
      expect(stopped.selection![kind].validationDice).toEqual(scores.slice(0, selection[kind].selectedEpoch));
    }
    expect(selection.ising.startedFromUnetEpoch).toBeNull();
    // with isingPretrainEpochs the field starts from the U-Net's best validation epoch so far (here epoch 2 of 3, not
    // the last): the same Ising model as a run whose pretraining stops at epoch 2
    const pretrained = (epochs: number, pretrain: number, out: string) =>
      runSegmentation({ ...config(epochs), isingPretrainEpochs: pretrain }, { outDir: join(dir, out), dataDir: data, dataset }).results[0]!;
    const fromBest = pretrained(4, 3, 'val-pre-best');
    const fromLast = pretrained(3, 2, 'val-pre-last');
    expect(fromBest.selection!.ising.startedFromUnetEpoch).toBe(2);
    expect(fromLast.selection!.ising.startedFromUnetEpoch).toBe(2);
    expect(fromBest.trainingLoss.ising).toEqual(fromLast.trainingLoss.ising);
    expect(fromBest.couplings).toEqual(fromLast.couplings);
    expect(fromBest.selection!.ising.validationDice).toEqual(fromLast.selection!.ising.validationDice);
    run(1, 'val-resumed');
    const resumed = run(3, 'val-resumed').results[0]!;
    expect(resumed.selection).toEqual(selection);
    expect(resumed.dice).toEqual(full.dice);
    // a best-epoch file that does not hold the epoch the scores select is refused, not tested
    const checkpoints = join(dir, 'val-full', 'checkpoints');
    copyFileSync(join(checkpoints, 'seed-1-unet.json'), join(checkpoints, 'seed-1-unet-best.json'));
    expect(() => run(3, 'val-full')).toThrow(/seed-1-unet-best.json: expected the unet weights of epoch 2 \(best validation Dice\), found epoch 3/);
    for (const bad of [1, -0.1, Number.NaN]) {
      expect(() => runSegmentation({ ...tiny(1), validationFraction: bad }, { outDir: join(dir, 'x'), dataDir: data, dataset })).toThrow(/config.validationFraction must be a number in \[0, 1\)/);
    }
    expect(() => runSegmentation({ ...tiny(1), validationFraction: 0.99 }, { outDir: join(dir, 'x'), dataDir: data, dataset })).toThrow(/leaves training images/);
  });

  it('the CLI command prints Dice for both models; a bad data folder or config is a typed error', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: () => undefined };
    const code = await experimentSegmentation({ data: data }, io, { configOverride: { ...tiny(1), limit: 5 }, outDir: join(dir, 'cli'), maxStepsPerEpoch: 1 });
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/Dice Ising\+U-Net field/);
    expect(lines.join('\n')).toMatch(/wrote .*results.json and results.png/);
    expect(lines.join('\n')).not.toMatch(/epoch tested/);
    // with a validation split (8 images: 6 training, of which 2 validate) the split and the tested epochs are shown
    const validated: string[] = [];
    const withValidation = { out: (l: string) => validated.push(l), err: () => undefined };
    await experimentSegmentation({ data: data }, withValidation, { configOverride: { ...tiny(1), validationFraction: 0.3 }, outDir: join(dir, 'cli-val'), maxStepsPerEpoch: 1 });
    expect(validated.join('\n')).toMatch(/4 training \/ 2 validation \/ 2 test/);
    expect(validated.join('\n')).toMatch(/epoch tested \(Ising \/ U-Net\)/);
    expect(validated.join('\n')).toMatch(/1 \/ 1/);
    let error: unknown;
    try {
      await experimentSegmentation({ data: join(dir, 'no-such-folder') }, io, { configOverride: tiny(1), outDir: join(dir, 'cli-bad') });
    } catch (e) {
      error = e;
    }
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect((error as InvalidArgumentError).argument).toBe('data folder');
    await expect(experimentSegmentation({ config: 'huge' }, io)).rejects.toThrow(/--config must be one of quick, paper, paper-misclassification/);
  });

  it('paper-misclassification is the paper configuration with Eq. 22 as the task loss instead of 1 − Dice', () => {
    const { paper, 'paper-misclassification': eq22 } = SEGMENTATION_CONFIGS;
    expect(paper!.isingLoss).toBe('dice');
    expect(eq22).toEqual({ ...paper, name: 'paper-misclassification', isingLoss: 'misclassification' });
  });
});
