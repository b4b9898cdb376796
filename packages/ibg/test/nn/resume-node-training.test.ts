/**
 * trainNodeClassifier's checkpoints: a run resumed from any state that onCheckpoint gave (periodic or on abort)
 * ends exactly as the uninterrupted run (losses, accuracies, best epoch, final weights), for each classifier with
 * dropout on, because the state carries the weights, Adam's moments, the dropout generator and the best-epoch
 * bookkeeping. A state whose dropout generator is replaced resumes differently, so the generator is what makes the
 * masks match. Invalid states are rejected with the field that is wrong.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { directedSbm } from '../../src/data/directed-sbm.js';
import { createIbgnnClassifier } from '../../src/nn/ibgnn-classifier.js';
import { createDirGnnClassifier, createMlpClassifier } from '../../src/nn/dir-gnn-classifier.js';
import type { NodeClassifier } from '../../src/nn/node-classifier.js';
import { trainNodeClassifier, type NodeTrainingResult, type NodeTrainingState, type TrainNodeClassifierOptions } from '../../src/nn/train-node-classifier.js';
import { randomFactors, switchTo } from './ibg-helpers.js';

const EPOCHS = 30;
const data = directedSbm({ nodes: 60, probabilities: [[0.05, 0.2], [0.02, 0.05]], featureDim: 6, featureSignal: 1.5, rng: createRng(4) });
const split = data.splits[0]!;
const common = { classes: 2, seed: 3, hidden: 8, dropout: 0.5 };
const MAKERS: [string, () => NodeClassifier][] = [
  ['MLP', () => createMlpClassifier(data.features, common)],
  ['Dir-GNN', () => createDirGnnClassifier(data.graph, data.features, common)],
  ['IBG-NN', () => createIbgnnClassifier(randomFactors(60, 3, createRng(9)), data.features, common)],
];
const OPTIONS: TrainNodeClassifierOptions = { epochs: EPOCHS, patience: 100, learningRate: 0.02 };

interface Outcome {
  result: NodeTrainingResult;
  weights: number[][];
}

function train(make: () => NodeClassifier, options: TrainNodeClassifierOptions): Outcome {
  const model = make();
  try {
    const result = trainNodeClassifier(model, data, split, { ...OPTIONS, ...options });
    return { result, weights: model.trainableVariables.map((v) => Array.from(v.dataSync())) };
  } finally {
    model.dispose();
  }
}

function expectSameRun(got: Outcome, want: Outcome): void {
  expect(Array.from(got.result.losses)).toEqual(Array.from(want.result.losses));
  const pick = (r: NodeTrainingResult) => [r.trainAccuracy, r.valAccuracy, r.testAccuracy, r.bestEpoch, r.epochs, r.stopped];
  expect(pick(got.result)).toEqual(pick(want.result));
  expect(got.weights).toEqual(want.weights);
}

describe('trainNodeClassifier resumes from its checkpoints exactly (cpu)', () => {
  beforeAll(async () => {
    await switchTo('cpu');
  });

  for (const [name, make] of MAKERS) {
    it(`${name}: periodic and abort checkpoints resume to the uninterrupted run`, () => {
      const before = tf.memory().numTensors;
      const reference = train(make, {});
      const states: NodeTrainingState[] = [];
      const checkpointed = train(make, { checkpointEvery: 7, onCheckpoint: (s) => states.push(s) });
      // saving checkpoints does not disturb the run; one every 7 epochs, none at the end
      expectSameRun(checkpointed, reference);
      expect(states.map((s) => s.epoch)).toEqual([7, 14, 21, 28]);
      expect(states.every((s) => s.losses.length === s.epoch && s.stepMs.length === s.epoch && s.randomState !== undefined)).toBe(true);
      // states taken early are not changed by the training after them
      expect(Array.from(states[0]!.losses)).toEqual(Array.from(reference.result.losses.subarray(0, 7)));

      for (const state of [states[0]!, states[2]!]) expectSameRun(train(make, { resume: state }), reference);

      // Ctrl-C after epoch 10: the abort hands over the state after epoch 10, and resuming it finishes the run
      const controller = new AbortController();
      let onAbort: NodeTrainingState | undefined;
      const aborted = train(make, { signal: controller.signal, onProgress: (p) => p.epoch === 9 && controller.abort(), onCheckpoint: (s) => (onAbort = s) });
      expect([aborted.result.stopped, onAbort?.epoch]).toEqual(['aborted', 10]);
      expectSameRun(train(make, { resume: onAbort! }), reference);

      // a resumed run checkpoints on as the uninterrupted one would
      const later: number[] = [];
      train(make, { resume: states[0]!, checkpointEvery: 7, onCheckpoint: (s) => later.push(s.epoch) });
      expect(later).toEqual([14, 21, 28]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('the dropout generator is part of the state: resuming with another generator state changes the run', () => {
    const [, make] = MAKERS[0]!;
    const reference = train(make, {});
    let state: NodeTrainingState | undefined;
    train(make, { checkpointEvery: 10, onCheckpoint: (s) => (state ??= s) });
    const fresh = make();
    const otherRandom = fresh.getRandomState!();
    fresh.dispose();
    const other = train(make, { resume: { ...state!, randomState: otherRandom } });
    expect(Array.from(other.result.losses.subarray(0, 10))).toEqual(Array.from(reference.result.losses.subarray(0, 10)));
    expect(Array.from(other.result.losses.subarray(10))).not.toEqual(Array.from(reference.result.losses.subarray(10)));
  });

  it('a run that stops on patience after resuming stops where the uninterrupted run does', () => {
    const [, make] = MAKERS[1]!;
    const options = { epochs: 200, patience: 5, learningRate: 0.05 };
    const reference = train(make, options);
    expect(reference.result.stopped).toBe('patience');
    const states: NodeTrainingState[] = [];
    train(make, { ...options, checkpointEvery: 3, onCheckpoint: (s) => states.push(s) });
    expect(states.length).toBeGreaterThan(1);
    expectSameRun(train(make, { ...options, resume: states.at(-1)! }), reference);
  });

  it('rejects states that cannot resume this run, naming the field', () => {
    const [, make] = MAKERS[0]!;
    let state: NodeTrainingState | undefined;
    train(make, { checkpointEvery: 10, onCheckpoint: (s) => (state ??= s) });
    const s = state!;
    const model = make();
    const before = tf.memory().numTensors;
    const bad: [string, TrainNodeClassifierOptions][] = [
      ['options.resume', { resume: 3 as never }],
      ['options.resume.epoch', { resume: { ...s, epoch: 0 } }],
      ['options.resume.epoch', { resume: { ...s, epoch: EPOCHS } }],
      ['options.resume.weights', { resume: { ...s, weights: s.weights.slice(1) } }],
      ['options.resume.weights', { resume: { ...s, weights: s.weights.map((w) => new Float32Array(w.length + 1)) } }],
      ['options.resume.bestWeights', { resume: { ...s, bestWeights: [new Float32Array(1)] } }],
      ['options.resume.best', { resume: { ...s, best: { ...s.best, epoch: 10 } } }],
      ['options.resume.best', { resume: { ...s, best: { ...s.best, test: 2 } } }],
      ['options.resume.best.epoch', { resume: { ...s, best: { ...s.best, epoch: 0 } }, patience: 3 }],
      ['options.resume.losses', { resume: { ...s, losses: s.losses.slice(1) } }],
      ['options.resume.stepMs', { resume: { ...s, stepMs: Array.from(s.stepMs) as never } }],
      ['options.resume.randomState', { resume: { ...s, randomState: undefined } }],
      ['options.checkpointEvery', { checkpointEvery: -1, onCheckpoint: () => undefined }],
      ['options.checkpointEvery', { checkpointEvery: 1.5, onCheckpoint: () => undefined }],
      ['options.onCheckpoint', { checkpointEvery: 5 }],
      ['options.onCheckpoint', { onCheckpoint: 'save' as never }],
    ];
    for (const [argument, options] of bad) {
      let err: unknown;
      try {
        trainNodeClassifier(model, data, split, { ...OPTIONS, ...options });
      } catch (e) {
        err = e;
      }
      expect([argument, InvalidArgumentError.isInstance(err) ? (err as InvalidArgumentError).argument : err]).toEqual([argument, argument]);
    }
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
