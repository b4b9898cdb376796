/**
 * Full-batch training of a NodeClassifier (IBG-NN or a baseline) on one split, as in the seed's trainer
 * (ibgnn/trainer.py): Adam on the cross-entropy of the training nodes, evaluation of every epoch, model selection
 * and early stopping on validation accuracy; the reported accuracies are those of the best-validation epoch,
 * whose weights are restored at the end.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvergenceError, InvalidArgumentError, checkFiniteNumber, checkInteger, checkOneOf, checkOptions, type RngState } from '@isinglab/graph';
import { Adam, gatherRows, type AdamState } from '@isinglab/gnn';
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
  /**
   * Calls `onCheckpoint` after every this many epochs (unless the run ends there) and once when aborted, with the
   * state after the last finished epoch. 0: never. @default 0
   */
  checkpointEvery?: number;
  /** Receives the state to save; `resume` with it continues the run exactly where it stood. */
  onCheckpoint?: (state: NodeTrainingState) => void;
  /**
   * A state from onCheckpoint of the same model (same constructor options), split and options: training goes on
   * from its epoch and ends as the uninterrupted run would (same weights, accuracies and losses on one backend).
   */
  resume?: NodeTrainingState;
  /**
   * How each epoch's accuracies are measured: `'inference'` one forward pass without dropout; `'dropout'` with
   * dropout on, one pass (one mask) each for the training, validation and test nodes, in that order. The seed's
   * reference trainer does the latter without meaning to (its IBGNN overrides `train(mode)` and ignores `mode`, so
   * `model.eval()` leaves dropout on); it is here to measure what that does, not as a recommendation.
   * @default 'inference'
   */
  evaluation?: 'inference' | 'dropout';
}

/** Everything a run needs to continue after `epoch` epochs (what onCheckpoint receives and resume takes). */
export interface NodeTrainingState {
  /** Epochs finished. */
  epoch: number;
  /** Values of the model's trainableVariables, in order. */
  weights: Float32Array[];
  optimizer: AdamState;
  /** The model's dropout generator (getRandomState), when it has one. */
  randomState?: RngState;
  /** Accuracies of the best-validation epoch so far (epoch −1 and val −1 before any). */
  best: { val: number; train: number; test: number; epoch: number };
  /** The weights of best.epoch (empty before any). */
  bestWeights: Float32Array[];
  /** Training loss and step time (ms) of each finished epoch (`epoch` entries). */
  losses: Float64Array;
  stepMs: Float64Array;
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
const KEYS = ['epochs', 'learningRate', 'weightDecay', 'patience', 'onProgress', 'signal', 'checkpointEvery', 'onCheckpoint', 'resume', 'evaluation'] as const;

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

/** Copies of the variables' values, in order. */
function readWeights(variables: readonly tf.Variable[]): Float32Array[] {
  return variables.map((v) => Float32Array.from(v.dataSync() as Float32Array));
}

/** Sets each variable to its array of `weights` (same order and sizes). */
function assignWeights(variables: readonly tf.Variable[], weights: readonly Float32Array[]): void {
  variables.forEach((v, k) => tf.tidy(() => v.assign(tf.tensor(weights[k] as Float32Array, v.shape, 'float32'))));
}

/** Throws InvalidArgumentError unless `state` can resume a run of `variables` (and of a model with `randomState`). */
function checkResumeState(state: unknown, variables: readonly tf.Variable[], hasRandomState: boolean, epochs: number, patience: number): NodeTrainingState {
  const fail = (argument: string, value: unknown, rule: string): never => {
    throw new InvalidArgumentError({ ...SITE, argument: `options.resume${argument}`, value, rule });
  };
  const s = state as Partial<NodeTrainingState> | null;
  if (typeof s !== 'object' || s === null) return fail('', state, 'a NodeTrainingState from onCheckpoint');
  const epoch = s.epoch as number;
  if (!Number.isInteger(epoch) || epoch < 1 || epoch >= epochs) fail('.epoch', epoch, `an integer in [1, options.epochs = ${epochs})`);
  const sameShapes = (arrays: unknown): boolean =>
    Array.isArray(arrays) && arrays.length === variables.length && variables.every((v, k) => arrays[k] instanceof Float32Array && (arrays[k] as Float32Array).length === v.size);
  if (!sameShapes(s.weights)) fail('.weights', s.weights, `${variables.length} Float32Arrays sized as the model's trainableVariables`);
  if (!(Array.isArray(s.bestWeights) && s.bestWeights.length === 0) && !sameShapes(s.bestWeights)) {
    fail('.bestWeights', s.bestWeights, `[] or ${variables.length} Float32Arrays sized as the model's trainableVariables`);
  }
  const best = s.best;
  const isAccuracy = (x: unknown): boolean => typeof x === 'number' && ((x >= 0 && x <= 1) || Number.isNaN(x));
  if (typeof best !== 'object' || best === null || !Number.isInteger(best.epoch) || best.epoch < -1 || best.epoch >= epoch || !isAccuracy(best.train) || !isAccuracy(best.test) || !(best.val === -1 || isAccuracy(best.val))) {
    fail('.best', best, `{ val, train, test, epoch } with accuracies in [0, 1] and epoch in [-1, ${epoch})`);
  }
  if (epoch - 1 - (best as { epoch: number }).epoch > patience) fail('.best.epoch', best?.epoch, `within options.patience = ${patience} of the state's last epoch (${epoch - 1}); that run had already stopped`);
  if (!(s.losses instanceof Float64Array) || s.losses.length !== epoch) fail('.losses', s.losses, `a Float64Array of ${epoch} losses`);
  if (!(s.stepMs instanceof Float64Array) || s.stepMs.length !== epoch) fail('.stepMs', s.stepMs, `a Float64Array of ${epoch} step times`);
  if (hasRandomState && s.randomState === undefined) fail('.randomState', s.randomState, "the model's dropout generator state (the model has getRandomState)");
  return s as NodeTrainingState;
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
  const checkpointEvery = checkInteger(SITE, 'options.checkpointEvery', opts.checkpointEvery ?? 0, { min: 0 });
  if (opts.onCheckpoint !== undefined && typeof opts.onCheckpoint !== 'function') throw new InvalidArgumentError({ ...SITE, argument: 'options.onCheckpoint', value: opts.onCheckpoint, rule: 'a function or undefined' });
  if (checkpointEvery > 0 && opts.onCheckpoint === undefined) throw new InvalidArgumentError({ ...SITE, argument: 'options.onCheckpoint', value: undefined, rule: 'a function when options.checkpointEvery > 0' });
  const signal = opts.signal;
  const evaluation = checkOneOf(SITE, 'options.evaluation', opts.evaluation ?? 'inference', ['inference', 'dropout'] as const);

  const variables = model.trainableVariables as tf.Variable[];
  const hasRandomState = typeof model.getRandomState === 'function' && typeof model.setRandomState === 'function';
  const resume = opts.resume === undefined ? undefined : checkResumeState(opts.resume, variables, hasRandomState, epochs, patience);
  const optimizer = new Adam(variables, { learningRate, weightDecay });
  const targets = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(train, (i) => data.labels[i] as number), 'int32'), model.classes) as tf.Tensor2D);
  const losses = new Float64Array(epochs);
  const stepMs = new Float64Array(epochs);
  const pred = new Int32Array(n);
  let best = { val: -1, train: 0, test: 0, epoch: -1 };
  let bestWeights: Float32Array[] = [];
  let run = 0;
  let stopped: NodeTrainingResult['stopped'] = 'epochs';
  if (resume !== undefined) {
    optimizer.setState(resume.optimizer);
    assignWeights(variables, resume.weights);
    if (hasRandomState) model.setRandomState?.(resume.randomState as RngState);
    best = { ...resume.best };
    bestWeights = resume.bestWeights;
    losses.set(resume.losses);
    stepMs.set(resume.stepMs);
    run = resume.epoch;
  }
  /** The argmax class of every node into `pred` (dropout on when `training`). */
  const predict = (training: boolean): Int32Array => {
    const logits = model.logits({ training });
    try {
      argmaxRows(logits.dataSync() as Float32Array, n, model.classes, pred);
    } finally {
      logits.dispose();
    }
    return pred;
  };
  // bestWeights' arrays are replaced, never written, so a state may share them
  const state = (): NodeTrainingState => ({
    epoch: run,
    weights: readWeights(variables),
    optimizer: optimizer.getState(),
    ...(hasRandomState ? { randomState: model.getRandomState?.() as RngState } : {}),
    best: { ...best },
    bestWeights,
    losses: losses.slice(0, run),
    stepMs: stepMs.slice(0, run),
  });
  try {
    for (let epoch = run; epoch < epochs; epoch++) {
      if (signal?.aborted === true) {
        stopped = 'aborted';
        if (opts.onCheckpoint !== undefined && run > 0) opts.onCheckpoint(state());
        break;
      }
      const t0 = performance.now();
      // Adam.minimize reads the loss back, so the timing covers the whole step
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(targets, gatherRows(model.logits({ training: true }), train)) as tf.Scalar);
      stepMs[epoch] = performance.now() - t0;
      losses[epoch] = loss;
      run = epoch + 1;
      let trainAcc: number;
      let valAcc: number;
      let testAcc: number;
      if (evaluation === 'inference') {
        predict(false);
        [trainAcc, valAcc, testAcc] = [accuracy(pred, data.labels, train), accuracy(pred, data.labels, val), accuracy(pred, data.labels, test)];
      } else {
        trainAcc = accuracy(predict(true), data.labels, train);
        valAcc = accuracy(predict(true), data.labels, val);
        testAcc = accuracy(predict(true), data.labels, test);
      }
      if (valAcc > best.val) {
        best = { val: valAcc, train: trainAcc, test: testAcc, epoch };
        bestWeights = readWeights(variables);
      }
      opts.onProgress?.({ epoch, epochs, loss, trainAccuracy: trainAcc, valAccuracy: valAcc, bestValAccuracy: best.val, bestEpoch: best.epoch, stepMs: stepMs[epoch] as number });
      if (!Number.isFinite(loss)) {
        throw new ConvergenceError({ ...SITE, iterations: epoch + 1, residual: loss, what: 'training (the loss is not finite)', hint: 'Lower options.learningRate.' });
      }
      if (epoch - best.epoch > patience) {
        stopped = 'patience';
        break;
      }
      if (checkpointEvery > 0 && run % checkpointEvery === 0 && run < epochs) opts.onCheckpoint?.(state());
    }
  } finally {
    optimizer.dispose();
    targets.dispose();
  }
  // restore the best-validation weights
  if (bestWeights.length === variables.length) {
    assignWeights(variables, bestWeights);
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
