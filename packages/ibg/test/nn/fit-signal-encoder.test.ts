/**
 * fitSignalEncoder on the cpu and wasm backends:
 * - the reported final loss equals ‖X W + b − U_r F_src − V_r F_dst‖²_F / D recomputed in float64 from the returned
 *   W, b, F (≤ 1e-4 relative: float32 training), and `encoded` equals X W + b;
 * - Adam lowers the loss by at least 100× from the initialisation on a small problem (measured: ~1e-4 of it);
 * - sparse and dense features give the same fit (same seeded initialisation, same arithmetic up to float32);
 * - same seed → identical result; no tensor leaks; bad input and an aborted signal are reported.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { fitSignalEncoder } from '../../src/nn/fit-signal-encoder.js';
import type { NodeFeatures } from '../../src/data/node-dataset.js';
import { TEST_BACKENDS, denseFeatures, randomFactors, randomSparseFeatures, switchTo } from './ibg-helpers.js';
import { addRow, mat, matmul, maxAbs, maxAbsDiff, scaleColumns } from './reference.js';

const N = 14;
const K = 3;
const D = 9;

for (const backend of TEST_BACKENDS) {
  describe(`fitSignalEncoder on ${backend}`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    it('reports the loss of the W, b, F it returns, lowers it 100×, and sparse = dense features', () => {
      const rng = createRng(4);
      const factors = randomFactors(N, K, rng);
      const features = randomSparseFeatures(N, D, 0.3, rng, () => 1);
      const dim = 4;
      const before = tf.memory().numTensors;
      const fit = fitSignalEncoder(factors, features, { dim, seed: 3, epochs: 400, learningRate: 0.03, progressEvery: 50 });
      expect(tf.memory().numTensors).toBe(before);
      const x = denseFeatures(features);
      const enc = addRow(matmul(x, mat(D, dim, fit.kernel)), fit.bias);
      expect(maxAbsDiff(fit.encoded, enc.data)).toBeLessThanOrEqual(1e-5 * Math.max(1, maxAbs(enc.data)));
      const us = scaleColumns(mat(N, K, factors.sourceMemberships), factors.weights);
      const vs = scaleColumns(mat(N, K, factors.targetMemberships), factors.weights);
      const approx = matmul(us, mat(K, dim, fit.sourceFeatures)).data.map((v, i) => v + matmul(vs, mat(K, dim, fit.targetFeatures)).data[i]!);
      let sse = 0;
      for (let i = 0; i < enc.data.length; i++) sse += (enc.data[i]! - approx[i]!) ** 2;
      const last = fit.losses[400]!;
      expect(Math.abs(last - sse / D)).toBeLessThanOrEqual(1e-4 * Math.max(sse / D, 1e-6));
      expect(last).toBeLessThan(fit.losses[0]! / 100);
      expect(fit.losses).toHaveLength(401);
      expect(maxAbs(fit.encoded)).toBeGreaterThan(1e-3); // the encoder did not collapse to zero
      const dense = fitSignalEncoder(factors, { kind: 'dense', rows: N, cols: D, values: denseFeatures(features).data }, { dim, seed: 3, epochs: 400, learningRate: 0.03 });
      expect(maxAbsDiff(dense.encoded, fit.encoded)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(fit.encoded)));
      const again = fitSignalEncoder(factors, features, { dim, seed: 3, epochs: 400, learningRate: 0.03, progressEvery: 50 });
      expect(Array.from(again.encoded)).toEqual(Array.from(fit.encoded));
    });
  });
}

describe('fitSignalEncoder validation', () => {
  beforeAll(async () => {
    await switchTo('cpu');
  });
  const rng = createRng(9);
  const factors = randomFactors(N, K, rng);
  const features = randomSparseFeatures(N, D, 0.3, rng, () => 1);

  it.each([
    ['options', undefined],
    ['options.dim', { dim: 0, seed: 1 }],
    ['options.seed', { dim: 2 }],
    ['options.epochs', { dim: 2, seed: 1, epochs: -1 }],
    ['options.learningRate', { dim: 2, seed: 1, learningRate: 0 }],
    ['options.onProgress', { dim: 2, seed: 1, onProgress: 3 }],
    ['options.colour', { dim: 2, seed: 1, colour: 'red' }],
  ])('%s: InvalidArgumentError naming it', (argument, options) => {
    expect(() => fitSignalEncoder(factors, features, options as never)).toThrow(InvalidArgumentError);
    expect(() => fitSignalEncoder(factors, features, options as never)).toThrow(argument);
  });

  it('features of another node count, and malformed factors, are rejected', () => {
    const other: NodeFeatures = { kind: 'dense', rows: N + 1, cols: 2, values: new Float64Array(2 * (N + 1)) };
    expect(() => fitSignalEncoder(factors, other, { dim: 2, seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => fitSignalEncoder({ ...factors, weights: new Float64Array(1) }, features, { dim: 2, seed: 1 })).toThrow(/weights/);
  });

  it('an aborted signal stops it with the reason, leaking nothing', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop here'));
    const before = tf.memory().numTensors;
    expect(() => fitSignalEncoder(factors, features, { dim: 2, seed: 1, epochs: 5, signal: controller.signal })).toThrow('stop here');
    expect(tf.memory().numTensors).toBe(before);
  });
});
