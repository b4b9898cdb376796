/**
 * IBGConv on the cpu and wasm backends against the float64 reference of ibg-helpers.ts (its own pseudo-inverse
 * by the normal equations, the update equation written out with plain loops):
 * - forward: max |tfjs − reference| ≤ 1e-4 · max(1, max |reference|) (float32 storage of the operators, weights
 *   and activations: ~1e-7 relative per op over a few dozen ops);
 * - gradients of Σ R ⊙ out with respect to every weight and to the input vs central differences (h = 1e-6) of the
 *   reference: ≤ 1e-4 relative to the largest gradient entry (smooth tanh activation, so no kinks);
 * - tf.memory().numTensors unchanged; config validation; getConfig round trip; mismatched operators rejected.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng } from '@isinglab/graph';
import { IBGConv, type IBGConvConfig } from '../../src/nn/ibg-conv.js';
import { ibgOperatorMatrices, ibgOperators } from '../../src/nn/ibg-operators.js';
import { TEST_BACKENDS, centralDifferences, f32, ibgConvReference, randomFactors, refOperators, switchTo, toMat, type RefConvConfig } from './ibg-helpers.js';
import { maxAbs, maxAbsDiff, randomMat } from './reference.js';

const N = 12;
const K = 3;
const F = 4;

const CASES: [string, RefConvConfig, number][] = [
  // [name, config, units]
  ['linear Φ, tanh', { community: 'linear', pool: 'mean', activation: 'tanh', residual: false, useBias: true }, 5],
  ['mlp Φ, tanh, residual', { community: 'mlp', pool: 'mean', activation: 'tanh', residual: true, useBias: true }, F],
  ['deepsets Φ (mean pool), no bias', { community: 'deepsets', pool: 'mean', activation: 'tanh', residual: false, useBias: false }, 3],
  ['deepsets Φ (max pool), linear σ', { community: 'deepsets', pool: 'max', activation: 'linear', residual: false, useBias: true }, 3],
  ['free Φ, tanh', { community: 'free', pool: 'mean', activation: 'tanh', residual: false, useBias: true }, 5],
  // the reference code's defaults: free Φ, DeepSets node term and read-out (max pool), one direction per network
  ['free Φ, deepsets node term and read-out, source only', { community: 'free', pool: 'max', activation: 'tanh', residual: true, useBias: false, nodeFunction: 'deepsets', communityReadout: 'deepsets', directions: 'source' }, F],
  ['linear Φ, linear read-out, mean-pool deepsets node term, target only', { community: 'linear', pool: 'mean', activation: 'tanh', residual: false, useBias: true, nodeFunction: 'deepsets', communityReadout: 'linear', directions: 'target' }, 3],
  ['mlp Φ, deepsets read-out, both directions, no node term', { community: 'mlp', pool: 'mean', activation: 'tanh', residual: false, useBias: true, selfTerm: false, communityReadout: 'deepsets' }, 3],
];

for (const backend of TEST_BACKENDS) {
  describe(`IBGConv on ${backend}`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    it.each(CASES)('%s: forward and every gradient equal the float64 reference', (_name, cfg, units) => {
      const rng = createRng(units * 31 + cfg.community.length);
      const factors = randomFactors(N, K, rng);
      const ref = refOperators(factors);
      const h = randomMat(N, F, rng);
      const r = randomMat(N, units, rng);
      const layer = new IBGConv({ units, communities: K, ...cfg, seed: 7 });
      const ops = ibgOperators(factors);
      try {
        tf.tidy(() => void layer.apply(f32(h), { operators: ops }));
        // biases start at zero: give them values so that their terms are exercised
        const values = layer.getWeights().map((w) => tf.tidy(() => (w.rank === 1 ? tf.randomUniform(w.shape, -0.5, 0.5, 'float32', 3) : w.clone())));
        layer.setWeights(values);
        tf.dispose(values);
        const weights = layer.getWeights().map(toMat);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const want = ibgConvReference(cfg, weights, h, ref);
          const got = (layer.apply(f32(h), { operators: ops }) as tf.Tensor).dataSync();
          expect(maxAbsDiff(got, want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data)));
          const rt = f32(r);
          const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
          const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(f32(h), { operators: ops }) as tf.Tensor, rt)) as tf.Scalar, variables);
          variables.forEach((v, k) => {
            const fd = centralDifferences(weights[k]!, r, (w) => ibgConvReference(cfg, weights.map((m, j) => (j === k ? w : m)), h, ref));
            expect(maxAbsDiff(grads[v.name]!.dataSync(), fd)).toBeLessThanOrEqual(Math.max(1e-5, 1e-4 * maxAbs(fd)));
          });
          const dx = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(layer.apply(x, { operators: ops }) as tf.Tensor, rt)))(f32(h));
          const fdx = centralDifferences(h, r, (x) => ibgConvReference(cfg, weights, x, ref));
          expect(maxAbsDiff(dx.dataSync(), fdx)).toBeLessThanOrEqual(Math.max(1e-5, 1e-4 * maxAbs(fdx)));
        });
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        ops.dispose();
        layer.dispose();
      }
    });

    it('ReLU forward equals the reference; a getConfig → fromConfig clone computes the same output', () => {
      const rng = createRng(5);
      const factors = randomFactors(N, K, rng);
      const h = randomMat(N, F, rng);
      const cfg: RefConvConfig = { community: 'linear', pool: 'mean', activation: 'relu', residual: false, useBias: true };
      const layer = new IBGConv({ units: 6, communities: K, ...cfg, seed: 1 });
      const ops = ibgOperators(factors);
      tf.tidy(() => {
        const got = (layer.apply(f32(h), { operators: ops }) as tf.Tensor).dataSync();
        const want = ibgConvReference(cfg, layer.getWeights().map(toMat), h, refOperators(factors));
        expect(maxAbsDiff(got, want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data)));
        const config = JSON.parse(JSON.stringify(layer.getConfig())) as tf.serialization.ConfigDict;
        const entry = tf.serialization.SerializationMap.getMap().classNameMap['IsinglabIBGConv']!;
        const clone = entry[1](entry[0], config) as IBGConv;
        clone.apply(f32(h), { operators: ops });
        clone.setWeights(layer.getWeights());
        expect(clone.getConfig()).toEqual(layer.getConfig());
        expect(Array.from((clone.apply(f32(h), { operators: ops }) as tf.Tensor).dataSync())).toEqual(Array.from(got));
        clone.dispose();
      });
      ops.dispose();
      layer.dispose();
    });
  });
}

describe('IBGConv validation', () => {
  beforeAll(async () => {
    await switchTo('cpu');
  });

  const badConfigs: [string, unknown][] = [
    ['config', undefined],
    ['config.units', { units: 0, communities: 2 }],
    ['config.units', { units: 1.5, communities: 2 }],
    ['config.communities', { units: 2 }],
    ['config.community', { units: 2, communities: 2, community: 'attention' }],
    ['config.nodeFunction', { units: 2, communities: 2, nodeFunction: 'mlp' }],
    ['config.communityReadout', { units: 2, communities: 2, communityReadout: 'max' }],
    ['config.directions', { units: 2, communities: 2, directions: 'out' }],
    ['config.pool', { units: 2, communities: 2, pool: 'sum' }],
    ['config.activation', { units: 2, communities: 2, activation: 'gelu' }],
    ['config.residual', { units: 2, communities: 2, residual: 'yes' }],
    ['config.useBias', { units: 2, communities: 2, useBias: 1 }],
    ['config.initializer', { units: 2, communities: 2, initializer: 'torch' }],
    ['config.seed', { units: 2, communities: 2, seed: 0.5 }],
    ['config.hidden', { units: 2, communities: 2, hidden: 3 }],
  ];
  it.each(badConfigs)('%s: InvalidArgumentError', (argument, config) => {
    let err: unknown;
    try {
      new IBGConv(config as IBGConvConfig);
    } catch (e) {
      err = e;
    }
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });

  it('rejects missing, disposed or mismatched operators and a residual with unequal widths', () => {
    const rng = createRng(9);
    const factors = randomFactors(N, K, rng);
    const h = randomMat(N, F, rng);
    const expectArg = (argument: string, call: () => unknown) => {
      const before = tf.memory().numTensors;
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(InvalidArgumentError.isInstance(err)).toBe(true);
      expect((err as InvalidArgumentError).argument).toBe(argument);
      expect(tf.memory().numTensors).toBe(before);
    };
    const layer = new IBGConv({ units: 3, communities: K });
    const x = f32(h);
    const ops = ibgOperators(factors);
    tf.tidy(() => void layer.apply(x, { operators: ops })); // builds the weights
    expectArg('kwargs.operators', () => layer.apply(x, {}));
    const other = ibgOperators(randomFactors(N, K + 1, rng));
    expectArg('kwargs.operators', () => layer.apply(x, { operators: other }));
    other.dispose();
    const wrongN = ibgOperators(randomFactors(N + 1, K, rng));
    expectArg('kwargs.operators', () => layer.apply(x, { operators: wrongN }));
    wrongN.dispose();
    const gone = ibgOperators(factors);
    gone.dispose();
    expectArg('kwargs.operators', () => layer.apply(x, { operators: gone }));
    expectArg('config.residual', () => new IBGConv({ units: 3, communities: K, residual: true }).apply(x, { operators: ops }));
    ops.dispose();
    x.dispose();
    layer.dispose();
  });

  it("initializer: 'glorot' keeps tf's Glorot kernels and zero biases; 'fan-in' draws kernels and biases in ±1/√fan_in (torch's Linear)", () => {
    const rng = createRng(12);
    const factors = randomFactors(40, K, rng);
    const ops = ibgOperators(factors);
    const x = f32(randomMat(40, 16, rng));
    const config: IBGConvConfig = { units: 32, communities: K, community: 'linear', nodeFunction: 'deepsets', communityReadout: 'deepsets', seed: 7 };
    const weightsOf = (layer: IBGConv) => {
      tf.tidy(() => void layer.apply(x, { operators: ops }));
      return layer.trainableWeights.map((w) => ({ name: w.name, shape: w.shape, values: w.read().dataSync() as Float32Array }));
    };
    const glorot = new IBGConv(config);
    const fanIn = new IBGConv({ ...config, initializer: 'fan-in' });
    const g = weightsOf(glorot);
    const t = weightsOf(fanIn);
    expect(t.map((w) => w.shape)).toEqual(g.map((w) => w.shape));
    // the default is unchanged: the node-wise DeepSets' first kernel is tf's Glorot draw with the layer's seed + 1
    const first = tf.tidy(() => tf.initializers.glorotUniform({ seed: 8 }).apply([16, 32], 'float32').dataSync());
    expect(Array.from(g.find((w) => w.name.includes('self_set_1_kernel'))!.values)).toEqual(Array.from(first));
    for (const [k, w] of t.entries()) {
      const isBias = w.shape.length === 1;
      // the self bias beside DeepSets has no Linear of its own in the reference: it starts at 0 either way
      if (w.name.includes('self_bias')) {
        expect(maxAbs(w.values)).toBe(0);
        continue;
      }
      // each bias follows its kernel; its fan-in is that kernel's rows
      const fan = isBias ? (t[k - 1]!.shape[0] as number) : (w.shape[0] as number);
      const bound = 1 / Math.sqrt(fan);
      expect(maxAbs(w.values)).toBeLessThanOrEqual(bound * (1 + 1e-6));
      // 32 or more draws of U(−b, b): the largest |v| is above b/2 unless something is off (chance < 2^−32)
      expect(maxAbs(w.values)).toBeGreaterThan(bound / 2);
      if (isBias) expect(maxAbs(g[k]!.values)).toBe(0);
    }
    // same seed, same draws; bias draws differ from their kernels' first row
    expect(weightsOf(new IBGConv({ ...config, initializer: 'fan-in' })).map((w) => Array.from(w.values))).toEqual(t.map((w) => Array.from(w.values)));
    const kernel = t.find((w) => w.name.includes('self_set_1_kernel'))!;
    const bias = t.find((w) => w.name.includes('self_set_1_bias'))!;
    expect(Array.from(bias.values)).not.toEqual(Array.from(kernel.values.slice(0, 32)));
    expect(fanIn.getConfig()['initializer']).toBe('fan-in');
    expect(glorot.getConfig()['initializer']).toBe('glorot');
    ops.dispose();
    x.dispose();
    glorot.dispose();
    fanIn.dispose();
  });

  it('ibgOperatorMatrices: U diag(r) and its pseudo-inverse; bad factors rejected', () => {
    const rng = createRng(4);
    const f = randomFactors(6, 2, rng);
    const m = ibgOperatorMatrices(f);
    const ref = refOperators(f);
    expect(maxAbsDiff(m.sourceSynthesis, ref.us.data)).toBe(0);
    expect(maxAbsDiff(m.targetAnalysis, ref.pv.data)).toBeLessThan(1e-10 * maxAbs(ref.pv.data));
    const bad: [string, unknown][] = [
      ['factors', null],
      ['factors.nodes', { ...f, nodes: 0 }],
      ['factors.communities', { ...f, communities: -1 }],
      ['factors.sourceMemberships', { ...f, sourceMemberships: new Float64Array(3) }],
      ['factors.targetMemberships[4]', { ...f, targetMemberships: f.targetMemberships.map((v, i) => (i === 4 ? 1.5 : v)) }],
      ['factors.weights', { ...f, weights: new Float32Array(2) }],
      ['factors.weights[1]', { ...f, weights: Float64Array.from([1, Number.POSITIVE_INFINITY]) }],
    ];
    for (const [argument, factors] of bad) {
      let err: unknown;
      try {
        ibgOperatorMatrices(factors as never);
      } catch (e) {
        err = e;
      }
      expect(InvalidArgumentError.isInstance(err)).toBe(true);
      expect((err as InvalidArgumentError).argument).toBe(argument);
    }
  });
});
