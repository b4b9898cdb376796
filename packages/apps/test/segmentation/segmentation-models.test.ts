import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, isProperColouring } from '@isinglab/graph';
import { Adam, useBackend } from '@isinglab/gnn';
import type { SegmentationSample } from '../../src/experiments/segmentation/dataset.js';
import {
  CrossEntropySegmenter,
  IsingSegmenter,
  balancedMisclassificationLoss,
  couplingSums,
  dice,
  diceLoss,
  kingsLayout,
  misclassificationLoss,
  type IsingSegmenterConfig,
} from '../../src/experiments/segmentation/segmentation-models.js';

tf.env().set('PROD', true);
// the CLI's backend (wasm when installed): the cpu backend's convolutions make these steps ~10× slower
beforeAll(async () => {
  await useBackend();
});

function syntheticBatch(count: number, size: number, seed: number): SegmentationSample[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, b) => {
    const mask = new Uint8Array(size * size);
    const image = new Float32Array(size * size * 3);
    for (let i = 0; i < mask.length; i++) {
      mask[i] = Math.floor(i / size) < size / 2 ? 1 : 0;
      for (let ch = 0; ch < 3; ch++) image[3 * i + ch] = mask[i]! + 0.1 * rng.float64();
    }
    return { id: `s${b}`, image, mask };
  });
}

describe('the king\'s-graph layout of Eq. 20', () => {
  it('classifies edges as orthogonal or diagonal and colours the grid properly with 4 colours', () => {
    const s = 5;
    const layout = kingsLayout(s);
    const diagonal = layout.diagonal.reduce((a, b) => a + b, 0);
    // an s×s grid has 2s(s − 1) orthogonal and 2(s − 1)² diagonal neighbour pairs
    expect(diagonal).toBe(2 * (s - 1) ** 2);
    expect(layout.u.length - diagonal).toBe(2 * s * (s - 1));
    expect(layout.schedule.classes).toBe(4);
    expect(isProperColouring(layout.graph, layout.schedule.colours)).toBe(true);
  });

  it('couplingSums equals a brute-force sum over pixel pairs', () => {
    const s = 6;
    const layout = kingsLayout(s);
    const rng = createRng(3);
    const spins = Int8Array.from({ length: 2 * s * s }, () => (rng.float64() < 0.5 ? -1 : 1));
    for (const offset of [0, s * s]) {
      let orthogonal = 0;
      let diagonal = 0;
      for (let a = 0; a < s * s; a++) {
        for (let b = a + 1; b < s * s; b++) {
          const dr = Math.abs(Math.floor(a / s) - Math.floor(b / s));
          const dc = Math.abs((a % s) - (b % s));
          const product = spins[offset + a]! * spins[offset + b]!;
          if (dr + dc === 1) orthogonal += product;
          else if (dr === 1 && dc === 1) diagonal += product;
        }
      }
      expect(couplingSums(layout, spins, offset)).toEqual({ orthogonal, diagonal });
    }
  });
});

describe('losses and scores', () => {
  it('Eq. 22 is twice the misclassified share; Dice by hand', () => {
    const mask = Uint8Array.of(1, 1, 0, 0);
    expect(misclassificationLoss(Int8Array.of(1, -1, -1, 1), 0, mask)).toBe(1); // 2 of 4 wrong → 2·0.5
    expect(misclassificationLoss(Int8Array.of(9, 1, 1, -1, -1), 1, mask)).toBe(0);
    expect(dice(Uint8Array.of(1, 0, 1, 0), mask)).toBe(0.5); // 2·1 / (2 + 2)
    expect(dice(new Uint8Array(4), new Uint8Array(4))).toBe(1);
    expect(dice(new Uint8Array(4), mask)).toBe(0);
  });

  it('the balanced loss weights both classes equally (hand-computed)', () => {
    const mask = Uint8Array.of(1, 0, 0, 0);
    // all background: foreground share wrong 1/1, background 0/3 → 1 (Eq. 22 would give 2·1/4 = 0.5)
    expect(balancedMisclassificationLoss(Int8Array.of(-1, -1, -1, -1), 0, mask)).toBe(1);
    expect(misclassificationLoss(Int8Array.of(-1, -1, -1, -1), 0, mask)).toBe(0.5);
    // one background pixel wrong: 0 + 1/3
    expect(balancedMisclassificationLoss(Int8Array.of(1, 1, -1, -1), 0, mask)).toBeCloseTo(1 / 3, 12);
    // an empty class counts the other twice, so the range stays [0, 2]
    expect(balancedMisclassificationLoss(Int8Array.of(1, -1), 0, Uint8Array.of(0, 0))).toBe(1);
    expect(balancedMisclassificationLoss(Int8Array.of(1, 1), 0, Uint8Array.of(0, 0))).toBe(2);
  });

  it('the Dice loss is 1 − dice() of the sample read as a mask, at any offset (random spins, 200 draws)', () => {
    const rng = createRng(12);
    for (let t = 0; t < 200; t++) {
      const n = 1 + rng.int(30);
      const offset = rng.int(5);
      const spins = new Int8Array(offset + n);
      const mask = new Uint8Array(n);
      const prediction = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const on = rng.float64() < 0.3;
        spins[offset + i] = on ? 1 : -1;
        prediction[i] = on ? 1 : 0;
        mask[i] = rng.float64() < 0.3 ? 1 : 0;
      }
      expect(diceLoss(spins, offset, mask)).toBeCloseTo(1 - dice(prediction, mask), 14);
    }
    // hand-computed: one of two foreground pixels found, one false positive → Dice 2·1/(2 + 2) = 0.5
    expect(diceLoss(Int8Array.of(1, -1, 1, -1), 0, Uint8Array.of(1, 1, 0, 0))).toBe(0.5);
  });
});

describe('one training step of each model', () => {
  const config = { size: 16, baseFilters: 4, depth: 2, seed: 5 };

  it('the Ising model: RLOO step moves the U-Net and the couplings, draws ±1 samples, and frees its tensors', () => {
    const before = tf.memory().numTensors;
    const model = new IsingSegmenter({ ...config, sweeps: 2, samplesPerStep: 2 });
    const optimizer = new Adam(model.variables(), { learningRate: 0.01 });
    const batch = syntheticBatch(2, 16, 1);
    const weights0 = model.variables().map((v) => Float32Array.from(v.dataSync()));
    const countBefore = tf.memory().numTensors;
    const loss = model.trainStep(batch, optimizer, createRng(2));
    expect(tf.memory().numTensors).toBe(countBefore);
    // Eq. 22 lies in [0, 2]
    expect(loss).toBeGreaterThanOrEqual(0);
    expect(loss).toBeLessThanOrEqual(2);
    const changed = model.variables().filter((v, i) => v.dataSync().some((x, j) => x !== weights0[i]![j]));
    expect(changed.length).toBeGreaterThan(0);
    // Adam's first step moves each parameter with a non-zero gradient by ≈ lr: log w and log w* both move
    const [w, wd] = model.couplings();
    expect(Math.abs(Math.log(w / 0.2))).toBeGreaterThan(0.005);
    expect(Math.abs(Math.log(wd / 0.2))).toBeGreaterThan(0.005);
    const prediction = model.predict(model.fields(batch)[0]!, 5, createRng(3));
    expect(prediction.mask.every((v) => v === 0 || v === 1)).toBe(true);
    // the mean of 5 draws of (x + 1)/2 is a multiple of 1/5
    expect(prediction.mean.every((v) => v >= 0 && v <= 1 && Math.abs(v * 5 - Math.round(v * 5)) < 1e-9)).toBe(true);
    // same seed → same samples
    const h = model.fields(batch)[1]!;
    expect(model.sample(h, 2, createRng(9))).toEqual(model.sample(h, 2, createRng(9)));
    // a batch of one image (the last batch of an epoch can be one): tfjs's unstack gradient used to throw here
    const single = model.trainStep(syntheticBatch(1, 16, 4), optimizer, createRng(4));
    expect(single).toBeGreaterThanOrEqual(0);
    expect(tf.memory().numTensors).toBe(countBefore);
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the task loss option: trainStep reports the mean loss of exactly the samples a same-seeded draw gives', () => {
    const batch = syntheticBatch(2, 16, 3);
    for (const [loss, taskLoss] of [['dice', diceLoss], ['misclassification', misclassificationLoss], ['balanced', balancedMisclassificationLoss]] as const) {
      const model = new IsingSegmenter({ ...config, sweeps: 2, samplesPerStep: 3, loss });
      const h = model.fields(batch);
      const rng = createRng(21);
      let expected = 0;
      batch.forEach((sample, b) => {
        const spins = model.sample(h[b]!, 3, rng);
        for (let k = 0; k < 3; k++) expected += taskLoss(spins, k * 256, sample.mask) / 6;
      });
      const optimizer = new Adam(model.variables(), { learningRate: 0.01 });
      expect(model.trainStep(batch, optimizer, createRng(21))).toBeCloseTo(expected, 12);
      optimizer.dispose();
      model.dispose();
    }
  });

  it('couplingLearningRateScale c: same starting couplings, and Adam\'s first step moves log w by ≈ c·lr instead of lr', () => {
    const batch = syntheticBatch(2, 16, 1);
    const firstStepOfLogW = (scale: number): number[] => {
      const model = new IsingSegmenter({ ...config, sweeps: 2, samplesPerStep: 4, initialCoupling: 0.3, initialDiagonalCoupling: 0.1, couplingLearningRateScale: scale });
      const [w0, wd0] = model.couplings();
      expect(w0).toBeCloseTo(0.3, 6);
      expect(wd0).toBeCloseTo(0.1, 6);
      const optimizer = new Adam(model.variables(), { learningRate: 1e-3 });
      model.trainStep(batch, optimizer, createRng(2));
      const [w, wd] = model.couplings();
      optimizer.dispose();
      model.dispose();
      return [Math.log(w / 0.3), Math.log(wd / 0.1)];
    };
    const plain = firstStepOfLogW(1);
    const scaled = firstStepOfLogW(20);
    // Adam's first step is lr·sign(g) (|m̂/√v̂| = 1) whatever the gradient's size; the samples are the same (same seeds)
    for (const [k, step] of plain.entries()) {
      expect(Math.abs(step)).toBeCloseTo(1e-3, 5);
      expect(scaled[k]!).toBeCloseTo(20 * step, 5);
    }
    expect(() => new IsingSegmenter({ ...config, couplingLearningRateScale: 0 })).toThrow(/couplingLearningRateScale/);
  });

  it('an unknown task loss is a typed error at construction, not a silent fallback to Eq. 22', () => {
    const misspelt = { ...config, loss: 'misclasification' } as unknown as IsingSegmenterConfig;
    expect(() => new IsingSegmenter(misspelt)).toThrow(InvalidArgumentError);
    expect(() => new IsingSegmenter(misspelt)).toThrow(/config.loss must be one of "misclassification", "balanced", "dice"/);
  });

  it('initialiseFieldFrom: the Ising fields are the cross-entropy logits / (2β), so σ(2βh) = σ(logit); the source is untouched', () => {
    const before = tf.memory().numTensors;
    const source = new CrossEntropySegmenter({ ...config, seed: 8 });
    const optimizer = new Adam(source.variables(), { learningRate: 0.01 });
    const batch = syntheticBatch(2, 16, 6);
    // a trained (not freshly initialised) source, so every layer differs from the target's initial weights
    source.trainStep(batch, optimizer);
    optimizer.dispose();
    const sourceWeights = source.variables().map((v) => Float32Array.from(v.dataSync()));
    for (const beta of [1, 0.5]) {
      const model = new IsingSegmenter({ ...config, beta });
      const count = tf.memory().numTensors;
      model.initialiseFieldFrom(source.unet);
      expect(tf.memory().numTensors).toBe(count);
      const logits = source.logits(batch);
      const fields = model.fields(batch);
      for (let b = 0; b < batch.length; b++) {
        // float32 rounding of the scaled head only (measured max |Δ| ≈ 1e-7 of logits of order 1)
        for (let i = 0; i < 256; i++) expect(Math.abs(fields[b]![i]! - logits[b]![i]! / (2 * beta))).toBeLessThan(1e-5);
      }
      // training the copy leaves the source's variables alone
      const adam = new Adam(model.variables(), { learningRate: 0.01 });
      model.trainStep(batch, adam, createRng(1));
      adam.dispose();
      source.variables().forEach((v, i) => expect(Float32Array.from(v.dataSync())).toEqual(sourceWeights[i]));
      model.dispose();
    }
    const shallow = new IsingSegmenter({ ...config, depth: 1 });
    expect(() => shallow.initialiseFieldFrom(source.unet)).toThrow(/another architecture/);
    shallow.dispose();
    source.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predictMode: sign(h) when couplings vanish, otherwise a local mode (no single flip lowers the energy, checked by brute force)', () => {
    const size = 4;
    const rng = createRng(12);
    const h = Float32Array.from({ length: size * size }, () => 2 * rng.float64() - 1);
    const weak = new IsingSegmenter({ size, baseFilters: 2, depth: 1, initialCoupling: 1e-9, initialDiagonalCoupling: 1e-9 });
    expect(weak.predictMode(h)).toEqual(Uint8Array.from(h, (v) => (v > 0 ? 1 : 0)));
    weak.dispose();
    const model = new IsingSegmenter({ size, baseFilters: 2, depth: 1, initialCoupling: 0.4, initialDiagonalCoupling: 0.15 });
    const [w, wd] = model.couplings();
    const { u, v, diagonal } = model.layout;
    const energy = (x: Int8Array): number => {
      let e = 0;
      for (let k = 0; k < u.length; k++) e -= (diagonal[k] === 1 ? wd : w) * x[u[k]!]! * x[v[k]!]!;
      for (let i = 0; i < x.length; i++) e -= h[i]! * x[i]!;
      return e;
    };
    const mask = model.predictMode(h);
    const x = Int8Array.from(mask, (m) => (m === 1 ? 1 : -1));
    const e0 = energy(x);
    for (let i = 0; i < x.length; i++) {
      x[i] = -x[i]!;
      // 1e-12: float64 sums of 16 fields and 42 couplings of order 1
      expect(energy(x)).toBeGreaterThanOrEqual(e0 - 1e-12);
      x[i] = -x[i]!;
    }
    // the couplings matter here: the mode differs from sign(h) (measured: 4 of 16 pixels)
    expect(mask).not.toEqual(Uint8Array.from(h, (hv) => (hv > 0 ? 1 : 0)));
    model.dispose();
  });

  it('the cross-entropy U-Net: the loss falls over a few steps on a separable toy batch, and tensors are freed', () => {
    const before = tf.memory().numTensors;
    const model = new CrossEntropySegmenter(config);
    const optimizer = new Adam(model.variables(), { learningRate: 0.01 });
    const batch = syntheticBatch(2, 16, 4);
    const countBefore = tf.memory().numTensors;
    const first = model.trainStep(batch, optimizer);
    let last = first;
    for (let i = 0; i < 5; i++) last = model.trainStep(batch, optimizer);
    expect(tf.memory().numTensors).toBe(countBefore);
    // measured: 0.69 → 0.55 in 6 steps; any decrease shows the gradient flows
    expect(last).toBeLessThan(first);
    const logits = model.logits(batch);
    expect(logits[0]).toHaveLength(256);
    expect(CrossEntropySegmenter.predict(Float32Array.of(-1, 0, 2))).toEqual(Uint8Array.of(0, 0, 1));
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
