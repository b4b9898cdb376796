import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, ParseError, createRng } from '@isinglab/graph';
import { Adam, EarlyStopping, cosineDecay, progressLine, stepDecay } from '../../src/index.js';
import { loadCheckpoint, restoreCheckpoint, saveCheckpoint } from '../../src/node/index.js';
import { matmul, maxAbsDiff, randomDense, transpose, type Dense } from '../helpers/dense.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

// Least squares: loss(W) = Σ (X W − Y)², gradient 2 Xᵀ (X W − Y), computed in float64 without tfjs.
const rng = createRng(3);
const X = randomDense(12, 3, rng);
const Y = randomDense(12, 2, rng);
const W0 = randomDense(3, 2, rng);

function gradient(w: Dense): Float64Array {
  const r = matmul(X, w);
  for (let k = 0; k < r.data.length; k++) r.data[k] = 2 * (r.data[k]! - Y.data[k]!);
  return matmul(transpose(X), r).data;
}

/** Adam / AdamW written out in float64. */
function referenceAdam(steps: number, lr: (t: number) => number, weightDecay = 0): Float64Array {
  const w = Float64Array.from(W0.data);
  const m = new Float64Array(w.length);
  const v = new Float64Array(w.length);
  for (let t = 1; t <= steps; t++) {
    const g = gradient({ rows: 3, cols: 2, data: w });
    for (let k = 0; k < w.length; k++) {
      m[k] = 0.9 * m[k]! + 0.1 * g[k]!;
      v[k] = 0.999 * v[k]! + 0.001 * g[k]! ** 2;
      const mHat = m[k]! / (1 - 0.9 ** t);
      const vHat = v[k]! / (1 - 0.999 ** t);
      w[k] = w[k]! - lr(t - 1) * (mHat / (Math.sqrt(vHat) + 1e-8) + weightDecay * w[k]!);
    }
  }
  return w;
}

const initialWeights = () => tf.tidy(() => tf.variable(tf.tensor2d(Float32Array.from(W0.data), [3, 2])));
const lossOf = (w: tf.Variable, x: tf.Tensor, y: tf.Tensor) => () => tf.sum(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar;

for (const backend of TEST_BACKENDS) {
  describe(`Adam on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const [name, lr, wd] of [
      ['constant rate', 0.05, 0],
      ['cosine schedule with warm-up and weight decay', cosineDecay({ initial: 0.1, final: 0.01, steps: 30, warmup: 5 }), 0.01],
    ] as const) {
      it(`${name}: 30 steps match the float64 reference within 1e-5`, () => {
        const before = tf.memory().numTensors;
        const w = initialWeights();
        const x = tf.tensor2d(Float32Array.from(X.data), [12, 3]);
        const y = tf.tensor2d(Float32Array.from(Y.data), [12, 2]);
        const adam = new Adam([w], { learningRate: lr, weightDecay: wd });
        for (let s = 0; s < 30; s++) adam.minimize(lossOf(w, x, y));
        const schedule = typeof lr === 'number' ? () => lr : lr;
        expect(maxAbsDiff(w.dataSync(), referenceAdam(30, schedule, wd))).toBeLessThan(1e-5);
        expect(adam.step).toBe(30);
        adam.dispose();
        tf.dispose([w, x, y]);
        expect(tf.memory().numTensors).toBe(before);
      });
    }

    it('with a constant rate it takes the same steps as tf.train.adam', () => {
      const x = tf.tensor2d(Float32Array.from(X.data), [12, 3]);
      const y = tf.tensor2d(Float32Array.from(Y.data), [12, 2]);
      const a = initialWeights();
      const b = initialWeights();
      const ours = new Adam([a], { learningRate: 0.05 });
      const theirs = tf.train.adam(0.05, 0.9, 0.999, 1e-8);
      for (let s = 0; s < 20; s++) {
        ours.minimize(lossOf(a, x, y));
        theirs.minimize(lossOf(b, x, y), false, [b]);
      }
      expect(maxAbsDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-5);
      ours.dispose();
      theirs.dispose();
      tf.dispose([a, b, x, y]);
    });

    it('a variable the loss does not reach (null gradient) is left alone, moments included; the others step as without it', () => {
      const x = tf.tensor2d(Float32Array.from(X.data), [12, 3]);
      const y = tf.tensor2d(Float32Array.from(Y.data), [12, 2]);
      const a = initialWeights();
      const alone = initialWeights();
      const unused = tf.variable(tf.tensor1d([1, 2, 3]));
      const withUnused = new Adam([a, unused], { learningRate: 0.05, weightDecay: 0.1 });
      const reference = new Adam([alone], { learningRate: 0.05, weightDecay: 0.1 });
      const numTensors = tf.memory().numTensors;
      for (let s = 0; s < 5; s++) {
        withUnused.minimize(lossOf(a, x, y));
        reference.minimize(lossOf(alone, x, y));
      }
      expect(tf.memory().numTensors).toBe(numTensors);
      expect(Array.from(a.dataSync())).toEqual(Array.from(alone.dataSync()));
      expect(Array.from(unused.dataSync())).toEqual([1, 2, 3]);
      const state = withUnused.getState();
      expect(Array.from(state.firstMoments[1]!)).toEqual([0, 0, 0]);
      expect(Array.from(state.secondMoments[1]!)).toEqual([0, 0, 0]);
      withUnused.dispose();
      reference.dispose();
      tf.dispose([a, alone, unused, x, y]);
    });
  });
}

describe('checkpoints', () => {
  it('save at step 5, restore into fresh variables and optimiser, continue: equals 10 uninterrupted steps bit for bit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gnn-ckpt-'));
    const path = join(dir, 'run.ckpt.json');
    const x = tf.tensor2d(Float32Array.from(X.data), [12, 3]);
    const y = tf.tensor2d(Float32Array.from(Y.data), [12, 2]);
    const schedule = stepDecay({ initial: 0.05, every: 3 });
    const straight = initialWeights();
    const adamStraight = new Adam([straight], { learningRate: schedule });
    for (let s = 0; s < 10; s++) adamStraight.minimize(lossOf(straight, x, y));

    const first = initialWeights();
    const adamFirst = new Adam([first], { learningRate: schedule });
    for (let s = 0; s < 5; s++) adamFirst.minimize(lossOf(first, x, y));
    saveCheckpoint(path, { variables: [first], optimizer: adamFirst, epoch: 5, metadata: { note: 'half way' } });
    expect(readdirSync(dir)).toEqual(['run.ckpt.json']); // no temporary file left behind

    const resumed = tf.tidy(() => tf.variable(tf.zeros([3, 2])));
    const adamResumed = new Adam([resumed], { learningRate: schedule });
    const checkpoint = loadCheckpoint(path);
    expect(checkpoint.epoch).toBe(5);
    expect(checkpoint.metadata).toEqual({ note: 'half way' });
    restoreCheckpoint(checkpoint, [resumed], adamResumed);
    expect(adamResumed.step).toBe(5);
    for (let s = 0; s < 5; s++) adamResumed.minimize(lossOf(resumed, x, y));
    expect(Array.from(resumed.dataSync())).toEqual(Array.from(straight.dataSync()));

    // damaged files are ParseErrors, never a crash from deep inside
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.slice(0, text.length / 2));
    expect(() => loadCheckpoint(path)).toThrow(ParseError);
    writeFileSync(path, JSON.stringify({ format: 'something-else' }));
    expect(() => loadCheckpoint(path)).toThrow(/format/);
    expect(() => loadCheckpoint(join(dir, 'missing.json'))).toThrow(InvalidArgumentError);
    // shape mismatch on restore
    expect(() => restoreCheckpoint(checkpoint, [tf.variable(tf.zeros([2, 3]))])).toThrow(/variables\[0\]/);
    for (const o of [adamStraight, adamFirst, adamResumed]) o.dispose();
    tf.dispose([x, y, straight, first, resumed]);
  });
});

describe('schedules, early stopping and the progress line', () => {
  it('stepDecay and cosineDecay follow their closed forms', () => {
    const s = stepDecay({ initial: 1, factor: 0.1, every: 10 });
    expect([s(0), s(9), s(10), s(25)]).toEqual([1, 1, 0.1, 1 * 0.1 ** 2]);
    const c = cosineDecay({ initial: 1, final: 0, steps: 11, warmup: 1 });
    expect(c(0)).toBeCloseTo(0.5, 15); // warm-up: (t + 1)/(warmup + 1)
    expect(c(1)).toBeCloseTo(1, 15);
    expect(c(6)).toBeCloseTo(0.5, 15); // half way through the decay
    expect(c(11)).toBe(0);
    expect(() => cosineDecay({ initial: 1, steps: 5, warmup: 5 })).toThrow(/options.warmup/);
    expect(() => stepDecay({ initial: -1, every: 2 })).toThrow(InvalidArgumentError);
  });

  it('EarlyStopping tracks the best value and stops after `patience` epochs without improvement', () => {
    const stop = new EarlyStopping({ patience: 2, mode: 'max', minDelta: 0.01 });
    const updates = [0.5, 0.6, 0.605, 0.59, 0.7, 0.69, 0.7, 0.7].map((v) => stop.update(v));
    expect(updates.map((u) => u.improved)).toEqual([true, true, false, false, true, false, false, false]);
    expect(updates.map((u) => u.stop)).toEqual([false, false, false, false, false, false, false, true]);
    expect(stop.best).toBe(0.7);
    expect(stop.bestEpoch).toBe(4);
    expect(new EarlyStopping({ patience: 0 }).update(Number.NaN)).toEqual({ improved: false, stop: true });
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/options.patience/);
  });

  it('progressLine shows the bar, the metrics, the elapsed time and an ETA', () => {
    expect(progressLine({ epoch: 12, epochs: 100, elapsedMs: 4000, metrics: { loss: 0.31, 'val acc': 0.92 } })).toBe(
      'epoch 12/100 [#.........] 12%  loss 0.3100  val acc 0.9200  elapsed 4s  eta 29s',
    );
    expect(progressLine({ epoch: 100, epochs: 100, elapsedMs: 125000 })).toBe('epoch 100/100 [##########] 100%  elapsed 2m05s');
  });

  it("progressLine shows the caller's remainingMs as the ETA instead of the rate extrapolation", () => {
    expect(progressLine({ epoch: 10, epochs: 100, elapsedMs: 10000, remainingMs: 61000 })).toBe('epoch 10/100 [#.........] 10%  elapsed 10s  eta 1m01s');
    // shown even before any rate exists, and ignored when not finite or once the work is done
    expect(progressLine({ epoch: 0, epochs: 100, elapsedMs: 0, remainingMs: 5000 })).toBe('epoch 0/100 [..........] 0%  elapsed 0s  eta 5s');
    expect(progressLine({ epoch: 10, epochs: 100, elapsedMs: 10000, remainingMs: Number.NaN })).toBe('epoch 10/100 [#.........] 10%  elapsed 10s  eta 1m30s');
    expect(progressLine({ epoch: 100, epochs: 100, elapsedMs: 10000, remainingMs: 5000 })).toBe('epoch 100/100 [##########] 100%  elapsed 10s');
  });

  it('progressLine after a resume counts the restored epochs in the bar but not in the rate', () => {
    // 40 restored, 10 more in 5 s: 50 left at 0.5 s each
    expect(progressLine({ epoch: 50, epochs: 100, elapsedMs: 5000, completedBefore: 40 })).toBe('epoch 50/100 [#####.....] 50%  elapsed 5s  eta 25s');
    // nothing done yet in this process: no rate, so no ETA
    expect(progressLine({ epoch: 40, epochs: 100, elapsedMs: 3000, completedBefore: 40 })).toBe('epoch 40/100 [####......] 40%  elapsed 3s');
  });
});
