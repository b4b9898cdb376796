/**
 * The IBG experiment runner on a small directed SBM (90 nodes, 3 classes, 2 splits; a few seconds): results.json
 * and the SVG figure, the summary against a recomputation from the per-split results, resuming an interrupted
 * IBG fit, an interrupted split loop and an interrupted training run (from its mid-run checkpoint) bit for bit, checkpoints of another configuration or half-written ones
 * being ignored, and no temporary files left behind (every file is written by rename).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ParseError, createRng } from '@isinglab/graph';
import { directedSbm, fitIbg, type NodeClassificationDataset } from '@isinglab/ibg';
import {
  decodeFitState,
  encodeFitState,
  fitDatasetIbg,
  projectFeatures,
  runIbgExperiment,
  summariseIbg,
  type IbgProgress,
  type IbgRunConfig,
} from '../../src/experiments/ibg/run-ibg-experiment.js';
import { decodeTrainingState, encodeTrainingState } from '../../src/experiments/ibg/training-checkpoint.js';

tf.env().set('PROD', true);
const dir = mkdtempSync(join(tmpdir(), 'isinglab-ibg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const q = 0.02;
const p = 0.2;
const sbm: NodeClassificationDataset = directedSbm({ nodes: 90, probabilities: [[q, p, q], [q, q, p], [p, q, q]], featureDim: 6, featureSignal: 0.5, splits: 2, rng: createRng(5) });
const datasets = { sbm };

const tiny = (overrides: Partial<IbgRunConfig> = {}): IbgRunConfig => ({
  name: 'tiny',
  datasets: ['sbm'],
  splits: [0, 1],
  models: ['IBG-NN', 'Dir-GNN'],
  communities: 4,
  fitEpochs: 20,
  fitLearningRate: 0.03,
  densifyingScale: 20,
  layers: 1,
  hidden: 8,
  encoder: 0,
  dropout: 0.2,
  normalize: true,
  jumpingKnowledge: 'cat',
  residual: {},
  learningRate: 0.01,
  epochs: 6,
  patience: 6,
  fitCheckpointEvery: 5,
  ...overrides,
});

function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true }).map(String);
}

describe('runIbgExperiment (small synthetic data)', () => {
  const straightDir = join(dir, 'straight');
  let straight: Awaited<ReturnType<typeof runIbgExperiment>>;

  it('writes results.json and an SVG figure; the summary is the mean ± sample std of the per-split accuracies', async () => {
    straight = await runIbgExperiment(tiny(), { outDir: straightDir, dataDir: undefined, datasets });
    expect(straight.splits).toHaveLength(4);
    expect(straight.fits[0]).toMatchObject({ dataset: 'sbm', nodes: 90, communities: 4, epochs: 20 });
    // the fit must improve on nothing: relative error below 1 (Â = 0 has error exactly 1)
    expect(straight.fits[0]!.relativeError).toBeLessThan(1);
    const json = JSON.parse(readFileSync(join(straightDir, 'results.json'), 'utf8'));
    expect(json.config.name).toBe('tiny');
    expect(json.splits).toHaveLength(4);
    for (const model of ['IBG-NN', 'Dir-GNN'] as const) {
      const acc = straight.splits.filter((s) => s.model === model).map((s) => 100 * s.testAccuracy);
      const mean = (acc[0]! + acc[1]!) / 2;
      const std = Math.abs(acc[0]! - acc[1]!) / Math.SQRT2; // sample std of two values
      const s = straight.summary.find((r) => r.model === model)!;
      expect(s.splits).toBe(2);
      expect(s.mean).toBeCloseTo(mean, 10);
      expect(s.std).toBeCloseTo(std, 10);
      expect(s.seed).toBeNull(); // no seed-003 number for a synthetic dataset
    }
    const svg = readFileSync(join(straightDir, 'results.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('sbm');
    expect(svg).toContain('Dir-GNN');
  });

  it('the fit checkpoint round-trips exactly and a fit resumed from it equals the uninterrupted fit', () => {
    const fit = fitIbg(sbm.graph, { communities: 4, epochs: 7, rng: createRng(1) });
    const back = decodeFitState(JSON.parse(JSON.stringify(encodeFitState(fit.state))));
    expect(back).toEqual(fit.state);
  });

  it('resumes an interrupted run: a shorter fit continues from its checkpoint, finished splits are reused', async () => {
    const out = join(dir, 'resumed');
    // first run: the fit stops at 10 epochs (as if interrupted there), every split trained on that fit
    await runIbgExperiment(tiny({ fitEpochs: 10 }), { outDir: out, dataDir: undefined, datasets });
    // second run, the full configuration: the fit resumes at epoch 10; split 0 is interrupted after 2 epochs
    const controller = new AbortController();
    await expect(
      runIbgExperiment(tiny(), {
        outDir: out,
        dataDir: undefined,
        datasets,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.phase === 'train' && e.split === 1 && e.model === 'IBG-NN' && e.epoch === 2) controller.abort(new Error('stop'));
        },
      }),
    ).rejects.toThrow('stop');
    // third run: split 0 is loaded from its checkpoint, split 1 is trained; everything equals the straight run
    const events: IbgProgress[] = [];
    const resumed = await runIbgExperiment(tiny(), { outDir: out, dataDir: undefined, datasets, onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.phase === 'fit')).toHaveLength(0); // the finished fit is loaded, not rerun
    const cached = events.filter((e) => e.phase === 'done' && e.cached).map((e) => (e.phase === 'done' ? `${e.split} ${e.model}` : ''));
    // Dir-GNN does not depend on the fit: the first run's split-1 Dir-GNN is reused as well
    expect(cached).toEqual(['0 IBG-NN', '0 Dir-GNN', '1 Dir-GNN']);
    expect(resumed.fits[0]!.relativeError).toBe(straight.fits[0]!.relativeError);
    const strip = (r: typeof resumed) => r.splits.map(({ medianStepMs: _m, ...rest }) => rest);
    expect(strip(resumed)).toEqual(strip(straight));
    expect(resumed.summary.map((s) => [s.mean, s.std])).toEqual(straight.summary.map((s) => [s.mean, s.std]));
  });

  it('an interrupted training run resumes from its mid-run checkpoint and ends as the uninterrupted run', async () => {
    const config = tiny({ splits: [0], models: ['IBG-NN'], epochs: 14, patience: 14 });
    const whole = await runIbgExperiment(config, { outDir: join(dir, 'whole'), dataDir: undefined, datasets, trainCheckpointEvery: 0 });
    expect(allFiles(join(dir, 'whole')).some((f) => f.endsWith('.training.json'))).toBe(false);
    const out = join(dir, 'mid-run');
    const training = join(out, 'checkpoints', 'sbm-split-0-IBG-NN.training.json');
    const controller = new AbortController();
    const saved: number[] = [];
    await expect(
      runIbgExperiment(config, {
        outDir: out,
        dataDir: undefined,
        datasets,
        trainCheckpointEvery: 4,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.phase !== 'train') return;
          if (e.epoch === 5) saved.push(JSON.parse(readFileSync(training, 'utf8')).state.epoch);
          if (e.epoch === 6) controller.abort(new Error('stop'));
        },
      }),
    ).rejects.toThrow('stop');
    // every 4 epochs, and on the abort the state after epoch 6
    expect(saved).toEqual([4]);
    const state = decodeTrainingState(JSON.parse(readFileSync(training, 'utf8')).state);
    expect(state.epoch).toBe(6);
    expect(decodeTrainingState(JSON.parse(JSON.stringify(encodeTrainingState(state))))).toEqual(state);
    // a checkpoint of another run (another learning rate) is not resumed
    const other = join(dir, 'mid-run-other');
    mkdirSync(join(other, 'checkpoints'), { recursive: true });
    copyFileSync(training, join(other, 'checkpoints', 'sbm-split-0-IBG-NN.training.json'));
    const otherEvents: IbgProgress[] = [];
    await runIbgExperiment({ ...config, learningRate: 0.02 }, { outDir: other, dataDir: undefined, datasets, onProgress: (e) => otherEvents.push(e) });
    expect(otherEvents.find((e) => e.phase === 'train')).toMatchObject({ epoch: 1 });
    // the same run resumes at epoch 7 and ends bit for bit as the uninterrupted one; its checkpoint is then removed
    const events: IbgProgress[] = [];
    const resumed = await runIbgExperiment(config, { outDir: out, dataDir: undefined, datasets, trainCheckpointEvery: 4, onProgress: (e) => events.push(e) });
    expect(events.find((e) => e.phase === 'train')).toMatchObject({ epoch: 7 });
    const strip = (r: typeof resumed) => r.splits.map(({ medianStepMs: _m, ...rest }) => rest);
    expect(strip(resumed)).toEqual(strip(whole));
    expect(existsSync(training)).toBe(false);

    // a state with this run's fingerprint that the trainer rejects: a ParseError naming the file, nothing trained
    const broken = join(dir, 'mid-run-broken');
    const brokenFile = join(broken, 'checkpoints', 'sbm-split-0-IBG-NN.training.json');
    mkdirSync(join(broken, 'checkpoints'), { recursive: true });
    const fingerprint = JSON.parse(readFileSync(join(out, 'checkpoints', 'sbm-split-0-IBG-NN.json'), 'utf8')).fingerprint;
    writeFileSync(brokenFile, JSON.stringify({ format: 'isinglab-ibg-training-checkpoint', fingerprint, state: encodeTrainingState({ ...state, weights: state.weights.slice(1) }) }));
    const error = await runIbgExperiment(config, { outDir: broken, dataDir: undefined, datasets }).catch((e: unknown) => e);
    expect(ParseError.isInstance(error)).toBe(true);
    expect((error as ParseError).file).toBe(brokenFile);
    expect((error as ParseError).message).toContain('options.resume.weights');
    expect(existsSync(join(broken, 'checkpoints', 'sbm-split-0-IBG-NN.json'))).toBe(false);
  });

  it('ignores checkpoints of another configuration and half-written checkpoint files', async () => {
    const out = join(dir, 'other');
    await runIbgExperiment(tiny({ communities: 3, splits: [0], models: ['IBG-NN'] }), { outDir: out, dataDir: undefined, datasets });
    // a truncated split result (what a non-atomic writer could leave) must not be read as a result
    writeFileSync(join(out, 'checkpoints', 'sbm-split-0-Dir-GNN.json'), '{"fingerprint": "x", "resu');
    const events: IbgProgress[] = [];
    const r = await runIbgExperiment(tiny({ splits: [0] }), { outDir: out, dataDir: undefined, datasets, onProgress: (e) => events.push(e) });
    expect(events.some((e) => e.phase === 'fit')).toBe(true); // K differs: the old fit is not resumed
    expect(events.some((e) => e.phase === 'done' && e.cached)).toBe(false);
    const strip = (s: (typeof r.splits)[number]) => ({ ...s, medianStepMs: 0 });
    expect(r.splits.map(strip)).toEqual(straight.splits.filter((s) => s.split === 0).map(strip));
  });

  it('per-dataset overrides pick the splits and fit epochs of one dataset', async () => {
    const config = tiny({ models: ['MLP'], splitsByDataset: { sbm: [1] }, fitEpochsByDataset: { sbm: 10 } });
    const options = { outDir: join(dir, 'overrides'), dataDir: undefined, datasets };
    const r = await runIbgExperiment(config, options);
    expect(r.splits.map((s) => s.split)).toEqual([1]);
    // MLP does not read the IBG: the run fits none
    expect(r.fits).toEqual([]);
    const { summary } = fitDatasetIbg({ ...sbm, name: 'sbm' }, config, options);
    expect(summary.epochs).toBe(10);
    // the same 10-epoch fit as the first run of the resume test
    const ten = fitIbg(sbm.graph, { communities: 4, epochs: 10, rng: createRng(1) });
    expect(summary.relativeError).toBe(ten.loss.relativeError);
  });

  it('projectFeatures gives the same projection for sparse and dense X; a signal fit does not resume a graph-only one', async () => {
    const x = sbm.features;
    if (x.kind !== 'dense') throw new Error('directedSbm gives dense features');
    const offsets = new Int32Array(x.rows + 1);
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < x.rows; i++) {
      for (let k = 0; k < x.cols; k++) {
        const v = x.values[i * x.cols + k]!;
        if (v !== 0) {
          indices.push(k);
          values.push(v);
        }
      }
      offsets[i + 1] = indices.length;
    }
    const sparse = { kind: 'sparse' as const, rows: x.rows, cols: x.cols, offsets, indices: Int32Array.from(indices), values: Float64Array.from(values) };
    // same products in the same order (zeros add exactly nothing): bit-identical
    expect(projectFeatures(sparse, 3, 2)).toEqual(projectFeatures(x, 3, 2));
    const out = join(dir, 'signal');
    const named = { ...sbm, name: 'sbm' };
    const plain = fitDatasetIbg(named, tiny(), { outDir: out, dataDir: undefined, datasets });
    const events: IbgProgress[] = [];
    const signal = fitDatasetIbg(named, tiny({ fitFeatures: 3 }), { outDir: out, dataDir: undefined, datasets, onProgress: (e) => events.push(e) });
    expect(events.some((e) => e.phase === 'fit' && e.epoch === 10)).toBe(true); // fitted from the start
    expect(signal.summary.relativeError).not.toBe(plain.summary.relativeError);
  });

  it("the reference code's IBG-NN: its frozen signal encoder is trained once, checkpointed, reused, and changes only IBG-NN", async () => {
    const out = join(dir, 'encoder');
    const reference: Partial<IbgRunConfig> = { splits: [0], community: 'free', pool: 'max', ibgNodeFunction: 'deepsets', ibgCommunityReadout: 'deepsets', ibgBranches: 'separate', ibgLayers: 2, signalEncoder: { dim: 5, epochs: 30, learningRate: 0.03 } };
    const events: IbgProgress[] = [];
    const first = await runIbgExperiment(tiny(reference), { outDir: out, dataDir: undefined, datasets, onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.phase === 'encode').map((e) => (e.phase === 'encode' ? e.epoch : 0))).toEqual([10, 20, 30]);
    expect(allFiles(out)).toContain(join('checkpoints', 'sbm-signal-encoder.json'));
    const again: IbgProgress[] = [];
    const second = await runIbgExperiment(tiny({ ...reference, splits: [0, 1] }), { outDir: out, dataDir: undefined, datasets, onProgress: (e) => again.push(e) });
    expect(again.some((e) => e.phase === 'encode')).toBe(false); // loaded from its checkpoint
    const strip = (s: (typeof first.splits)[number]) => ({ ...s, medianStepMs: 0 });
    expect(second.splits.filter((s) => s.split === 0).map(strip)).toEqual(first.splits.map(strip));
    // Dir-GNN's result is the one of the plain configuration; IBG-NN's is another model's
    const dirGnn = (r: typeof first) => r.splits.filter((s) => s.model === 'Dir-GNN' && s.split === 0).map(strip);
    expect(dirGnn(first)).toEqual(dirGnn(straight));
    expect(first.splits.find((s) => s.model === 'IBG-NN')).not.toEqual(straight.splits.find((s) => s.model === 'IBG-NN' && s.split === 0));
  });

  it('leaves no temporary files: results and checkpoints are written by rename', () => {
    for (const out of [straightDir, join(dir, 'resumed'), join(dir, 'other'), join(dir, 'signal'), join(dir, 'encoder'), join(dir, 'mid-run')]) {
      const files = allFiles(out);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // finished runs leave no mid-run training state behind
      expect(files.filter((f) => f.endsWith('.training.json'))).toEqual([]);
      // 'signal' holds fits alone (fitDatasetIbg), the others whole runs
      if (out !== join(dir, 'signal')) expect(files).toEqual(expect.arrayContaining(['results.json', 'results.svg']));
    }
    expect(allFiles(join(dir, 'signal'))).toContain(join('checkpoints', 'sbm-ibg-fit.json'));
  });

  it('summariseIbg: one row per dataset and model present, seed values for the real datasets', () => {
    const row = (dataset: string, split: number, testAccuracy: number) => ({ dataset, split, model: 'IBG-NN' as const, trainAccuracy: 1, valAccuracy: 1, testAccuracy, bestEpoch: 0, epochs: 1, stopped: 'epochs', medianStepMs: split + 1 });
    const s = summariseIbg([row('chameleon', 0, 0.8), row('chameleon', 1, 0.7), row('chameleon', 2, 0.9)]);
    expect(s).toHaveLength(1);
    expect(s[0]!.mean).toBeCloseTo(80, 10);
    expect(s[0]!.std).toBeCloseTo(10, 10); // sample std of 70, 80, 90
    expect(s[0]!.seed).toBe(80.15);
    expect(s[0]!.medianStepMs).toBe(2);
  });
});
