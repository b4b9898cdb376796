import { describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, pathGraph } from '@isinglab/graph';
import { createIsingModel } from '../../src/model/index.js';
import { exactSamples } from '../../src/exact/index.js';
import { fieldLearningStep, magnetisationPenalty, rlooSurrogate, rlooWeights } from '../../src/learn/index.js';

tf.env().set('PROD', true); // no "install tfjs-node" banner

// A 3-node chain with couplings J and a field h = θ (the trainable variables), β fixed; every expectation below
// is computed by enumerating the 8 states.
const graph = pathGraph(3);
const J = 0.6;
const BETA = 0.8;
const STATES = Array.from({ length: 8 }, (_, s) => [0, 1, 2].map((i) => ((s >> i) & 1 ? 1 : -1)));
/** A non-differentiable task loss: 1 when the ends disagree, plus 0.5 when the middle spin is up. */
const taskLoss = (x: number[]) => (x[0] !== x[2] ? 1 : 0) + (x[1] === 1 ? 0.5 : 0);

function exactMoments(h: number[]) {
  const w = STATES.map((x) => Math.exp(BETA * (J * (x[0]! * x[1]! + x[1]! * x[2]!) + h[0]! * x[0]! + h[1]! * x[1]! + h[2]! * x[2]!)));
  const z = w.reduce((a, b) => a + b, 0);
  const p = w.map((v) => v / z);
  const eLoss = STATES.reduce((s, x, k) => s + p[k]! * taskLoss(x), 0);
  // ∂E[ℓ]/∂h_i = β Cov(ℓ, x_i)
  const gradient = [0, 1, 2].map((i) => BETA * STATES.reduce((s, x, k) => s + p[k]! * taskLoss(x) * x[i]!, 0) - BETA * eLoss * STATES.reduce((s, x, k) => s + p[k]! * x[i]!, 0));
  return { p, eLoss, gradient };
}

describe('rlooWeights', () => {
  it('subtracts the mean of the other losses and sums to zero', () => {
    expect(Array.from(rlooWeights([1, 3]))).toEqual([-2, 2]);
    const w = rlooWeights([1, 2, 6, 3]);
    expect(w[2]).toBeCloseTo(6 - (1 + 2 + 3) / 3, 14);
    expect(Math.abs(w.reduce((a, b) => a + b, 0))).toBeLessThan(1e-12);
    expect(() => rlooWeights([1])).toThrow(InvalidArgumentError);
    expect(() => rlooWeights([1, Number.NaN])).toThrow(/losses\[1\]/);
  });
});

describe('the RLOO estimator on a 3-node model, against enumeration', () => {
  it('log Z cancels for K = 2, 3, 4: the surrogate with the full log p(x) has the same gradient', () => {
    const theta = tf.variable(tf.tensor1d([0.3, -0.2, 0.5]));
    const rng = createRng(1);
    for (const k of [2, 3, 4]) {
      const model = createIsingModel(graph, { couplings: J, fields: Float64Array.from(theta.dataSync()), beta: BETA });
      const samples = exactSamples(model, k, { rng });
      const weights = rlooWeights(Array.from({ length: k }, (_, s) => taskLoss(Array.from(samples.subarray(3 * s, 3 * s + 3)))));
      const viaSurrogate = tf.tidy(() => tf.grad((h: tf.Tensor) => rlooSurrogate({ fields: h as tf.Tensor1D, beta: BETA, samples, weights }))(theta).arraySync()) as number[];
      const viaLogP = tf.tidy(() =>
        tf
          .grad((h: tf.Tensor) => {
            // log p(x) = β(J Σ x x + ⟨h, x⟩) − log Z(h), log Z by logsumexp over the 8 states
            const all = tf.tensor2d(STATES, [8, 3]);
            const logZ = tf.logSumExp(tf.add(tf.mul(BETA, tf.sum(tf.mul(all, h), 1)), tf.tensor1d(STATES.map((x) => BETA * J * (x[0]! * x[1]! + x[1]! * x[2]!)))));
            const terms = Array.from({ length: k }, (_, s) => {
              const x = tf.tensor1d(Array.from(samples.subarray(3 * s, 3 * s + 3)));
              return tf.mul(weights[s]!, tf.sub(tf.mul(BETA, tf.sum(tf.mul(h, x))), logZ));
            });
            return tf.div(tf.addN(terms), k);
          })(theta)
          .arraySync(),
      ) as number[];
      for (let i = 0; i < 3; i++) expect(viaSurrogate[i]!).toBeCloseTo(viaLogP[i]!, 5);
    }
    theta.dispose();
  });

  for (const k of [2, 4]) {
    it(`K = ${k}: the mean RLOO gradient over many exact draws equals ∇E[ℓ] within 4 standard errors`, () => {
      const h = [0.3, -0.2, 0.5];
      const exact = exactMoments(h);
      const model = createIsingModel(graph, { couplings: J, fields: Float64Array.from(h), beta: BETA });
      const theta = tf.variable(tf.tensor1d(h));
      const rng = createRng(10 + k);
      const repeats = 2500;
      const sum = [0, 0, 0];
      const sumSq = [0, 0, 0];
      for (let r = 0; r < repeats; r++) {
        const samples = exactSamples(model, k, { rng });
        const weights = rlooWeights(Array.from({ length: k }, (_, s) => taskLoss(Array.from(samples.subarray(3 * s, 3 * s + 3)))));
        const g = tf.tidy(() => tf.grad((v: tf.Tensor) => rlooSurrogate({ fields: v as tf.Tensor1D, beta: BETA, samples, weights }))(theta).dataSync());
        for (let i = 0; i < 3; i++) {
          sum[i]! += g[i]!;
          sumSq[i]! += g[i]! ** 2;
        }
      }
      for (let i = 0; i < 3; i++) {
        const mean = sum[i]! / repeats;
        const se = Math.sqrt((sumSq[i]! / repeats - mean ** 2) / repeats);
        expect(Math.abs(mean - exact.gradient[i]!)).toBeLessThan(4 * se);
      }
      theta.dispose();
    });
  }

  it('magnetisationPenalty is λ(mean tanh(βh) − η)² with its exact gradient', () => {
    tf.tidy(() => {
      const h = tf.tensor1d([0.4, -1.0, 0.2]);
      const value = magnetisationPenalty(h, BETA, 0.1, 2).dataSync()[0]!;
      const eta = ([0.4, -1.0, 0.2].map((v) => Math.tanh(BETA * v)).reduce((a, b) => a + b, 0)) / 3;
      expect(value).toBeCloseTo(2 * (eta - 0.1) ** 2, 6);
      const g = tf.grad((v: tf.Tensor) => magnetisationPenalty(v as tf.Tensor1D, BETA, 0.1, 2))(h).dataSync();
      [0.4, -1.0, 0.2].forEach((v, i) => expect(g[i]!).toBeCloseTo((2 * 2 * (eta - 0.1) * BETA * (1 - Math.tanh(BETA * v) ** 2)) / 3, 6));
      expect(() => magnetisationPenalty(h, BETA, 2)).toThrow(InvalidArgumentError);
    });
  });
});

describe('fieldLearningStep', () => {
  function train(seed: number, steps: number) {
    const theta = tf.tidy(() => tf.variable(tf.zeros([3])));
    const optimizer = tf.train.sgd(0.2);
    const rng = createRng(seed);
    for (let s = 0; s < steps; s++) {
      fieldLearningStep(
        { graph, couplings: J, beta: BETA, samplesPerStep: 4, sampler: 'exact', penaltyWeight: 0 },
        () => theta.clone() as tf.Tensor1D,
        [theta],
        optimizer,
        (samples, k) => taskLoss(Array.from(samples.subarray(3 * k, 3 * k + 3))),
        rng,
      );
    }
    const h = Array.from(theta.dataSync());
    theta.dispose();
    optimizer.dispose();
    return h;
  }

  it('lowers the exact expected loss, is deterministic for a seed and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const h = train(3, 150);
    expect(tf.memory().numTensors).toBe(before);
    expect(exactMoments(h).eLoss).toBeLessThan(exactMoments([0, 0, 0]).eLoss - 0.15);
    expect(train(3, 20)).toEqual(train(3, 20));
  });

  it('with Metropolis (T sweeps, as Alg. 1) and the magnetisation penalty pulling η̃_det to the target', () => {
    const theta = tf.variable(tf.tensor1d([1, 1, 1]));
    const optimizer = tf.train.sgd(0.5);
    const rng = createRng(4);
    let last = 0;
    for (let s = 0; s < 60; s++) {
      last = fieldLearningStep(
        { graph, couplings: J, beta: BETA, samplesPerStep: 2, sweeps: 3, targetMagnetisation: 0, penaltyWeight: 5 },
        () => theta.clone() as tf.Tensor1D,
        [theta],
        optimizer,
        () => 0, // no task loss: only the penalty acts
        rng,
      ).etaDet;
    }
    expect(Math.abs(last)).toBeLessThan(0.1);
    theta.dispose();
    optimizer.dispose();
  });
});
