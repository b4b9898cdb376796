/**
 * The SPAI experiment of seed 000 (Sec. 4.3, Table 2): per setting and seed, train the SPAI field model with RLOO on
 * the training matrices, then compare on the test matrices the Frobenius loss ‖A M − I‖_F (and right-preconditioned
 * GMRES iterations to 1e-8) of the learned model (Ising+mag) with the zero-field Ising model, random selection at
 * the same fraction, the pattern of A, the oracle pattern and the thresholded power pattern. Checkpoints after every
 * epoch (weights, Adam state, RNG state) make an interrupted run resume exactly; results are written atomically.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createRng, readMatrixMarket, rngFromState, type Rng } from '@isinglab/graph';
import { writeFileAtomic, writeJsonAtomic } from '@isinglab/graph/testing';
import { Adam } from '@isinglab/gnn';
import { loadCheckpoint, restoreCheckpoint, saveCheckpoint } from '@isinglab/gnn/node';
import { inv } from 'mathjs';
import { syntheticSpaiDataset, SPAI_SIZE } from './dataset1.js';
import { suiteSparseWindows } from './dataset2.js';
import { summariseSpai, type MethodSummary, type SpaiSettingSummary } from './spai-summary.js';
import { meanWithInterval95 } from '../../lib/student-t.js';
import { shuffledIndices } from '../../lib/shuffled-indices.js';
import { spaiLineGraph, patternFromSpins, type SpaiSetting } from './line-graph-model.js';
import { SpaiFieldModel, prepareSpaiInput, type SpaiInput } from './spai-model.js';
import { approximateInverse } from './least-squares-inverse.js';
import { oraclePattern, patternOfA, randomPattern, thresholdedPowerPattern } from './baselines.js';
import { gmres } from './gmres.js';
import { spaiFigure } from './spai-figure.js';
import { SPAI_METHODS, type SpaiMethod } from './methods.js';

export interface SpaiRunConfig {
  name: string;
  settings: SpaiSetting[];
  seeds: number[];
  /** Matrices of Dataset 1 generated per seed. */
  dataset1Size: number;
  /** Cap on Dataset 2 windows. */
  dataset2Max: number;
  epochs: number;
  hidden: number;
  layers: number;
  learningRate: number;
  samplesPerStep: number;
  /** λ of the magnetisation penalty (Eq. 19). @default 1 */
  penaltyWeight?: number;
}

export const SPAI_CONFIGS: Record<string, SpaiRunConfig> = {
  quick: { name: 'quick', settings: [1], seeds: [1], dataset1Size: 40, dataset2Max: 1800, epochs: 3, hidden: 16, layers: 2, learningRate: 0.01, samplesPerStep: 2 },
  // λ = 10: with λ = 1 the penalty zeroes mean tanh(βh) while the sampled fraction stays near 67 % (Setting 1, 8 epochs);
  // λ = 10 gave 52 %
  paper: { name: 'paper', settings: [1, 2, 3], seeds: [1, 2, 3], dataset1Size: 1600, dataset2Max: 1800, epochs: 30, hidden: 64, layers: 4, learningRate: 0.001, samplesPerStep: 2, penaltyWeight: 10 },
};

export { SPAI_METHODS, type SpaiMethod, type MethodSummary };

export interface SpaiRunResult {
  setting: SpaiSetting;
  seed: number;
  train: number;
  test: number;
  /** Mean training loss per epoch. */
  trainingLoss: number[];
  /** Mean Ising+mag loss on the validation matrices after each epoch. */
  validationLoss: number[];
  /** The epoch (1-based) whose weights were evaluated on the test set: the lowest validation loss. */
  bestEpoch: number;
  methods: Record<SpaiMethod, MethodSummary>;
  gmresWithoutPreconditioner: number;
}

export interface SpaiProgress {
  setting: SpaiSetting;
  seed: number;
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  loss: number;
}

export interface RunSpaiOptions {
  outDir: string;
  dataDir: string | undefined;
  /** Steps per epoch cap (CI smoke tests). @default all training matrices */
  maxStepsPerEpoch?: number;
  onProgress?: (p: SpaiProgress) => void;
  signal?: AbortSignal;
  commit?: string;
}

function summarise(values: number[], fractions: number[], iterations: number[]): MethodSummary {
  const k = values.length;
  return {
    ...meanWithInterval95(values),
    fraction: fractions.reduce((a, b) => a + b, 0) / k,
    gmresIterations: iterations.reduce((a, b) => a + b, 0) / k,
    values,
  };
}

async function matricesFor(setting: SpaiSetting, config: SpaiRunConfig, seed: number, dataDir: string | undefined): Promise<Float64Array[]> {
  if (setting !== 3) return syntheticSpaiDataset(config.dataset1Size, createRng(1000 + seed));
  const dir = dataDir === undefined ? undefined : join(dataDir, 'suitesparse-symmetric');
  if (dir === undefined || !existsSync(dir)) return [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.mtx')).sort();
  const matrices = [];
  for (const f of files) matrices.push({ name: f, matrix: await readMatrixMarket(join(dir, f)) });
  return suiteSparseWindows(matrices, config.dataset2Max).windows.map((w) => w.a);
}

/** One setting × seed: train (resuming from its checkpoint) and evaluate. */
export async function runSpaiSetting(setting: SpaiSetting, seed: number, config: SpaiRunConfig, options: RunSpaiOptions): Promise<SpaiRunResult | null> {
  const n = SPAI_SIZE;
  const matrices = await matricesFor(setting, config, seed, options.dataDir);
  if (matrices.length < 5) return null;
  const order = shuffledIndices(matrices.length, createRng(seed));
  const trainCount = Math.floor(0.6 * matrices.length);
  const testStart = trainCount + Math.floor(0.2 * matrices.length);
  const prepare = (ids: number[]) => ids.map((i) => prepareSpaiInput(matrices[i] as Float64Array, n, spaiLineGraph(matrices[i] as Float64Array, n, setting)));
  const train = prepare(order.slice(0, trainCount));
  // model selection uses (at most 100 of) the validation matrices; the test matrices are only used at the end
  const validation = prepare(order.slice(trainCount, Math.min(testStart, trainCount + 100)));
  const test = prepare(order.slice(testStart));
  const model = new SpaiFieldModel({ featureCount: setting === 1 ? 2 : 3, hidden: config.hidden, layers: config.layers, samplesPerStep: config.samplesPerStep, penaltyWeight: config.penaltyWeight ?? 1, seed });
  const variables = model.variables(train[0] as SpaiInput);
  const optimizer = new Adam(variables, { learningRate: config.learningRate });
  const checkpointPath = join(options.outDir, 'checkpoints', `setting-${setting}-seed-${seed}.json`);
  const bestPath = join(options.outDir, 'checkpoints', `setting-${setting}-seed-${seed}-best.json`);
  let rng = createRng(seed * 7919 + setting);
  let startEpoch = 0;
  const trainingLoss: number[] = [];
  const validationLoss: number[] = [];
  let bestEpoch = 0;
  // a checkpoint resumes only the run it belongs to: same configuration apart from the number of epochs and the
  // lists of settings and seeds (a setting × seed trains the same whatever else the run holds); checkpoints written
  // before 2026-12-06 fingerprinted those lists too and are still accepted
  const fingerprint = JSON.stringify({ ...config, epochs: undefined, name: undefined, settings: undefined, seeds: undefined, setting, seed });
  const legacyFingerprint = JSON.stringify({ ...config, epochs: undefined, name: undefined, setting, seed });
  if (existsSync(checkpointPath)) {
    const checkpoint = loadCheckpoint(checkpointPath);
    const meta = checkpoint.metadata as { rng: Parameters<typeof rngFromState>[0]; trainingLoss: number[]; validationLoss: number[]; bestEpoch: number; fingerprint?: string };
    if ((meta.fingerprint === fingerprint || meta.fingerprint === legacyFingerprint) && checkpoint.epoch <= config.epochs) {
      restoreCheckpoint(checkpoint, variables, optimizer);
      rng = rngFromState(meta.rng);
      trainingLoss.push(...meta.trainingLoss);
      validationLoss.push(...meta.validationLoss);
      bestEpoch = meta.bestEpoch;
      startEpoch = checkpoint.epoch;
    }
  }
  const steps = Math.min(train.length, options.maxStepsPerEpoch ?? train.length);
  try {
    for (let epoch = startEpoch; epoch < config.epochs; epoch++) {
      let total = 0;
      for (let s = 0; s < steps; s++) {
        if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
        const { loss } = model.trainStep(train[(epoch * steps + s) % train.length] as SpaiInput, variables, optimizer, rng);
        total += loss;
        options.onProgress?.({ setting, seed, epoch: epoch + 1, epochs: config.epochs, step: s + 1, steps, loss });
      }
      trainingLoss.push(total / steps);
      // validation draws come from their own stream per epoch, so they do not disturb (or depend on) training
      const val = meanLearnedLoss(model, validation, createRng(50_000 + 1000 * seed + epoch));
      validationLoss.push(val);
      if (bestEpoch === 0 || val < (validationLoss[bestEpoch - 1] as number)) {
        bestEpoch = epoch + 1;
        saveCheckpoint(bestPath, { variables, epoch: bestEpoch, metadata: { fingerprint } });
      }
      saveCheckpoint(checkpointPath, { variables, optimizer, epoch: epoch + 1, metadata: { rng: rng.getState(), trainingLoss, validationLoss, bestEpoch, fingerprint } });
    }
    // evaluate the weights of the epoch with the lowest validation loss
    if (bestEpoch > 0 && existsSync(bestPath)) restoreCheckpoint(loadCheckpoint(bestPath), variables);
    return { ...evaluate(model, test, setting, seed, train.length, trainingLoss), validationLoss, bestEpoch };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/** Mean ‖AM − I‖_F of one configuration per matrix drawn from the learned field (the Ising+mag method). */
function meanLearnedLoss(model: SpaiFieldModel, inputs: SpaiInput[], rng: Rng): number {
  if (inputs.length === 0) return 0;
  let total = 0;
  for (const input of inputs) total += SpaiFieldModel.loss(input, model.sample(input, model.fieldValues(input), rng), 0);
  return total / inputs.length;
}

function evaluate(model: SpaiFieldModel, test: SpaiInput[], setting: SpaiSetting, seed: number, trainCount: number, trainingLoss: number[]): Omit<SpaiRunResult, 'validationLoss' | 'bestEpoch'> {
  const n = SPAI_SIZE;
  const rng = createRng(90_000 + seed);
  const perMethod = () => Object.fromEntries(SPAI_METHODS.map((m) => [m, [] as number[]])) as Record<SpaiMethod, number[]>;
  const losses = perMethod();
  const fractions = perMethod();
  const iterations = perMethod();
  const plain: number[] = [];
  for (const input of test) {
    const count = input.lineGraph.rowOf.length;
    const b = new Float64Array(n).fill(1 / Math.sqrt(n));
    plain.push(gmres(input.a, n, b, null).iterations);
    const draw = (fields: Float64Array) => model.sample(input, fields, rng);
    const learned = model.fieldValues(input);
    const record = (method: SpaiMethod, pattern: Uint8Array) => {
      let selected = 0;
      for (let k = 0; k < count; k++) selected += pattern[(input.lineGraph.rowOf[k] as number) * n + (input.lineGraph.colOf[k] as number)] as number;
      const m = approximateInverse(input.a, n, pattern);
      losses[method].push(m.frobenius);
      fractions[method].push(selected / count);
      iterations[method].push(gmres(input.a, n, b, m.m).iterations);
    };
    const isingMag = patternFromSpins(input.lineGraph, n, draw(learned));
    record('Ising+mag', isingMag);
    record('Ising', patternFromSpins(input.lineGraph, n, draw(new Float64Array(count))));
    const fraction = fractions['Ising+mag'][fractions['Ising+mag'].length - 1] as number;
    record('Random', randomPattern(input.lineGraph, n, fraction, rng));
    record('Only A', patternOfA(input.a));
    const rows = Array.from({ length: n }, (_, i) => Array.from(input.a.subarray(i * n, (i + 1) * n)));
    record('Oracle |A⁻¹|', oraclePattern(input.lineGraph, n, Float64Array.from((inv(rows) as number[][]).flat()), fraction));
    record('Thresholded power', thresholdedPowerPattern(input.a, n, 0.05, 2));
  }
  const methods = Object.fromEntries(SPAI_METHODS.map((m) => [m, summarise(losses[m], fractions[m], iterations[m])])) as Record<SpaiMethod, MethodSummary>;
  return { setting, seed, train: trainCount, test: test.length, trainingLoss, methods, gmresWithoutPreconditioner: plain.reduce((a, b2) => a + b2, 0) / plain.length };
}

/** Every setting × seed of a configuration; writes results.json and results.svg atomically into `outDir`. */
export async function runSpai(config: SpaiRunConfig, options: RunSpaiOptions): Promise<{ results: SpaiRunResult[]; summary: SpaiSettingSummary[]; skipped: string[] }> {
  const results: SpaiRunResult[] = [];
  const skipped: string[] = [];
  for (const setting of config.settings) {
    for (const seed of config.seeds) {
      const r = await runSpaiSetting(setting, seed, config, options);
      if (r === null) skipped.push(`setting ${setting} (no data: needs suitesparse-symmetric in the data folder)`);
      else results.push(r);
    }
  }
  const started = new Date().toISOString();
  const summary = summariseSpai(results);
  writeJsonAtomic(join(options.outDir, 'results.json'), { config, commit: options.commit ?? null, finished: started, backend: tf.getBackend(), skipped, summary, results });
  writeFileAtomic(join(options.outDir, 'results.svg'), spaiFigure(results));
  return { results, summary, skipped };
}
