import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';
import { gatherRows } from '../../src/index.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

for (const backend of TEST_BACKENDS) {
  describe(`gatherRows on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });
    it('selects rows (repeats allowed) and scatters gradients back, adding repeats, without leaking tensors', () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [4, 2]);
        const idx = [3, 0, 3];
        expect(Array.from(gatherRows(x, idx).dataSync())).toEqual([7, 8, 1, 2, 7, 8]);
        const r = tf.tensor2d([1, 10, 100, 1000, 2, 20], [3, 2]);
        const dx = tf.grad((v: tf.Tensor) => gatherRows(v as tf.Tensor2D, idx).mul(r).sum())(x);
        expect(Array.from(dx.dataSync())).toEqual([100, 1000, 0, 0, 0, 0, 3, 30]);
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}

describe('gatherRows argument checks', () => {
  it('rejects indices out of range and tensors of rank 1', () => {
    tf.tidy(() => {
      expect(() => gatherRows(tf.zeros([2, 2]) as tf.Tensor2D, [2])).toThrow(InvalidArgumentError);
      expect(() => gatherRows(tf.zeros([2, 2]) as tf.Tensor2D, [-1])).toThrow(/indices\[0\]/);
      expect(() => gatherRows(tf.zeros([2]) as unknown as tf.Tensor2D, [0])).toThrow(InvalidArgumentError);
    });
  });
});
