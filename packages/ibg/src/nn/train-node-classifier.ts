/**
 * Full-batch training of a NodeClassifier (IBG-NN or a baseline) on one split, as in the seed's trainer
 * (ibgnn/trainer.py): Adam on the cross-entropy of the training nodes, evaluation of every epoch, model selection
 * and early stopping on validation accuracy; the reported accuracies are those of the best-validation epoch,
 * whose weights are restored at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvergenceError, InvalidArgumentError, checkFiniteNumber, checkInteger, checkOptions } from '@isinglab/graph';
import { Adam, gatherRows } from '@isinglab/gnn';
import type { NodeSplit } from '../data/node-dataset.js';
import type { NodeClassifier } from './node-classifier.js';

/** Progress after each epoch. */
export interface NodeTrainingProgress {
  /** 0-based epoch just finished. */
  epoch: number;
  epochs: number;
  /** Training cross-entropy of this epoch's step (dropout on). */
  loss: number;
  trainAccuracy: number;
  valAccuracy: number;
  /** Best validation accuracy so far. */
  bestValAccuracy: number;
  /** 0-based epoch of bestValAccuracy; with patience p the run ends after epoch bestEpoch + p + 1 unless it improves. */
  bestEpoch: number;
  /** Milliseconds of this epoch's training step (forward, backward, update). */
  stepMs: number;
}

export interface TrainNodeClassifierOptions {
  /** Maximum number of epochs (one full-batch step each). @default 500 */
  epochs?: number;
  /** Adam's learning rate (the seed uses 0.003–0.005). @default 0.005 */
  learningRate?: number;
  /** Decoupled weight decay (AdamW). @default 0 */
  weightDecay?: number;
  /** Stop after this many epochs without a better validation accuracy (seed: 300 of 1500). @default 100 */
  patience?: number;
  /** Called after every epoch. */
  onProgress?: (progress: NodeTrainingProgress) => void;
  /** Stops after the current epoch when aborted (the result says `stopped: 'aborted'`). */
  signal?: AbortSignal;
}

export interface NodeTrainingResult {
  /** Accuracies at the best-validation epoch (ties: the earliest). */
  trainAccuracy: number;
  valAccuracy: number;
  testAccuracy: number;
  /** 0-based epoch of the best validation accuracy (its weights are restored in the model). */
  bestEpoch: number;
  /** Epochs run. */
  epochs: number;
  /** Why training ended. */
  stopped: 'epochs' | 'patience' | 'aborted';
  /** Training loss of each epoch's step. */
  losses: Float64Array;
  /** Wall time of each epoch's training step in ms (forward + backward + Adam update, evaluation excluded). */
  stepMs: Float64Array;
  /** Median of stepMs over the epochs after the first (which includes warm-up). */
  medianStepMs: number;
}

const FN = 'trainNodeClassifier';
const SITE = { pkg: 'ibg', fn: FN } as const;
const KEYS = ['epochs', 'learningRate', 'weightDecay', 'patience', 'onProgress', 'signal'] as const;

function checkIds(name: string, ids: unknown, n: number, allowEmpty: boolean): Int32Array {
  if (!(ids instanceof Int32Array) || (!allowEmpty && ids.length === 0)) {
    throw new InvalidArgumentError({ ...SITE, argument: `split.${name}`, value: ids, rule: `an Int32Array of node ids${allowEmpty ? '' : ' (non-empty)'}` });
  }
  for (let k = 0; k < ids.length; k++) {
    const v = ids[k] as number;
    if (!(v >= 0 && v < n)) throw new InvalidArgumentError({ ...SITE, argument: `split.${name}[${k}]`, value: v, rule: `a node id in [0, ${n})` });
  }
  return ids;
}

function accuracy(pred: Int32Array, labels: Int32Array, ids: Int32Array): number {
  if (ids.length === 0) return Number.NaN;
  let hit = 0;
  for (let k = 0; k < ids.length; k++) if (pred[ids[k] as number] === labels[ids[k] as number]) hit++;
  return hit / ids.length;
}

function argmaxRows(logits: Float32Array, n: number, c: number, out: Int32Array): void {
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = logits[i * c] as number;
    for (let j = 1; j < c; j++) {
      const v = logits[i * c + j] as number;
      if (v > bestValue) {
        bestValue = v;
        best = j;
      }
    }
    out[i] = best;
  }
}

/**
 * Trains `model` on `split` of `data` (labels and class count) with full-batch Adam and early stopping on
 * validation accuracy; returns the best-validation epoch's train/validation/test accuracies and per-epoch step
 * times. Leaves the model at its best-validation weights. Cost per epoch: one training step plus one evaluation
 * forward pass of the model.
 * @example const r = trainNodeClassifier(model, data, data.splits[0], { epochs: 300 }); r.testAccuracy
 */
export function trainNodeClassifier(
  model: NodeClassifier,
  data: { readonly labels: Int32Array; readonly classes: number },
  split: NodeSplit,
  options?: TrainNodeClassifierOptions,
): NodeTrainingResult {
  const m = model as Partial<NodeClassifier> | null;
  if (typeof m !== 'object' || m === null || typeof m.logits !== 'function' || !Array.isArray(m.trainableVariables) || m.trainableVariables.length === 0) {
    throw new InvalidArgumentError({ ...SITE, argument: 'model', value: model, rule: 'a NodeClassifier (createIbgnnClassifier, createDirGnnClassifier, createMlpClassifier)' });
  }
  const n = model.nodes;
  if (typeof data !== 'object' || data === null || !(data.labels instanceof Int32Array) || data.labels.length !== n) {
    throw new InvalidArgumentError({ ...SITE, argument: 'data.labels', value: data?.labels, rule: `an Int32Array of ${n} labels (one per node of the model)` });
  }
  if (data.classes !== model.classes) {
    throw new InvalidArgumentError({ ...SITE, argument: 'data.classes', value: data.classes, rule: `the model's class count (${model.classes})` });
  }
  for (let i = 0; i < n; i++) {
    const y = data.labels[i] as number;
    if (!(y >= 0 && y < model.classes)) throw new InvalidArgumentError({ ...SITE, argument: `data.labels[${i}]`, value: y, rule: `a class in [0, ${model.classes})` });
  }
  if (typeof split !== 'object' || split === null) throw new InvalidArgumentError({ ...SITE, argument: 'split', value: split, rule: 'a NodeSplit { train, val, test }' });
  const train = checkIds('train', split.train, n, false);
  const val = checkIds('val', split.val, n, false);
  const test = checkIds('test', split.test, n, true);
  const opts = checkOptions<TrainNodeClassifierOptions>(SITE, options, KEYS);
  const epochs = checkInteger(SITE, 'options.epochs', opts.epochs ?? 500, { min: 1 });
  const learningRate = checkFiniteNumber(SITE, 'options.learningRate', opts.learningRate ?? 0.005, { min: 0, minExclusive: true });
  const weightDecay = checkFiniteNumber(SITE, 'options.weightDecay', opts.weightDecay ?? 0, { min: 0 });
  const patience = checkInteger(SITE, 'options.patience', opts.patience ?? 100, { min: 0 });
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') throw new InvalidArgumentError({ ...SITE, argument: 'options.onProgress', value: opts.onProgress, rule: 'a function or undefined' });
  const signal = opts.signal;

  const variables = model.trainableVariables as tf.Variable[];
  const optimizer = new Adam(variables, { learningRate, weightDecay });
  const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(train, (i) => data.labels[i] as number), 'int32'), model.classes) as tf.Tensor2D);
  const losses = new Float64Array(epochs);
  const stepMs = new Float64Array(epochs);
  const pred = new Int32Array(n);
  let best = { val: -1, train: 0, test: 0, epoch: -1 };
  let bestWeights: Float32Array[] = [];
  let run = 0;
  let stopped: NodeTrainingResult['stopped'] = 'epochs';
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      if (signal?.aborted === true) {
        stopped = 'aborted';
        break;
      }
      const t0 = performance.now();
      // Adam.minimize reads the loss back, so the timing covers the whole step
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, gatherRows(model.logits({ training: true }), train)) as tf.Scalar);
      stepMs[epoch] = performance.now() - t0;
      losses[epoch] = loss;
      run = epoch + 1;
      const logits = model.logits({ training: false });
      try {
        argmaxRows(logits.dataSync() as Float32Array, n, model.classes, pred);
      } finally {
        logits.dispose();
      }
      const valAcc = accuracy(pred, data.labels, val);
      const trainAcc = accuracy(pred, data.labels, train);
      if (valAcc > best.val) {
        best = { val: valAcc, train: trainAcc, test: accuracy(pred, data.labels, test), epoch };
        bestWeights = variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
      }
      opts.onProgress?.({ epoch, epochs, loss, trainAccuracy: trainAcc, valAccuracy: valAcc, bestValAccuracy: best.val, bestEpoch: best.epoch, stepMs: stepMs[epoch] as number });
      if (!Number.isFinite(loss)) {
        throw new ConvergenceError({ ...SITE, iterations: epoch + 1, residual: loss, what: 'training (the loss is not finite)', hint: 'Lower options.learningRate.' });
      }
      if (epoch - best.epoch > patience) {
        stopped = 'patience';
        break;
      }
    }
  } finally {
    optimizer.dispose();
    targets.dispose();
  }
  // restore the best-validation weights
  if (bestWeights.length === variables.length) {
    variables.forEach((v, k) => tf.tidy(() => v.assign(tf.tensor(bestWeights[k] as Float32Array, v.shape, 'float32'))));
  }
  const times = Array.from(stepMs.subarray(run > 1 ? 1 : 0, run)).sort((a, b) => a - b);
  const medianStepMs = times.length === 0 ? Number.NaN : times.length % 2 === 1 ? (times[(times.length - 1) / 2] as number) : ((times[times.length / 2 - 1] as number) + (times[times.length / 2] as number)) / 2;
  return {
    trainAccuracy: best.train,
    valAccuracy: best.val,
    testAccuracy: best.test,
    bestEpoch: best.epoch,
    epochs: run,
    stopped,
    losses: losses.slice(0, run),
    stepMs: stepMs.slice(0, run),
    medianStepMs,
  };
}
