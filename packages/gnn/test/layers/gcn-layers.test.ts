import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, petersenGraph } from '@isinglab/graph';
import { GCNConv, GCNIIConv, adjacencyFromGraph, gcnAdjacency, type SparseAdjacency } from '../../src/index.js';
import { add, dense, identity, map, matmul, maxAbsDiff, randomDense, scale, type Dense } from '../helpers/dense.js';
import { denseGcnAdjacency, permuteRows, permuted, testGraphs } from '../helpers/graph-reference.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

// Forward: float32 layer vs float64 reference, entries O(1), ≤ ~35 terms per sum: 1e-5 absolute holds.
const TOL = 1e-5;
// Gradients: float32 backprop vs float64 central differences (h = 1e-6 on the reference, truncation ~1e-12):
// the float32 side dominates; 1e-4 relative to the largest gradient entry, at least 1e-5 absolute.
const GRAD_RTOL = 1e-4;

const f32 = (m: Dense) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');
const toDense = (t: tf.Tensor) => dense(t.shape[0]!, t.shape[1]!, t.dataSync());

function gcnReference(a: Dense, x: Dense, w: Dense, b: Float64Array | null, act: (v: number) => number): Dense {
  let h = matmul(matmul(a, x), w);
  if (b !== null) h = dense(h.rows, h.cols, h.data.map((v, k) => v + b[k % h.cols]!));
  return map(h, act);
}

function gcniiReference(a: Dense, h: Dense, h0: Dense, w: Dense, alpha: number, beta: number, act: (v: number) => number): Dense {
  const support = add(scale(matmul(a, h), 1 - alpha), scale(h0, alpha));
  const mix = add(scale(identity(w.rows), 1 - beta), scale(w, beta));
  return map(matmul(support, mix), act);
}

/** Central differences of Σ R ⊙ f(param) for every entry of param. */
function finiteDifferences(param: Dense, r: Dense, f: (p: Dense) => Dense): Float64Array {
  const h = 1e-6;
  const g = new Float64Array(param.data.length);
  for (let k = 0; k < g.length; k++) {
    const plus = dense(param.rows, param.cols, param.data);
    const minus = dense(param.rows, param.cols, param.data);
    plus.data[k]! += h;
    minus.data[k]! -= h;
    const lp = f(plus).data.reduce((s, v, i) => s + v * r.data[i]!, 0);
    const lm = f(minus).data.reduce((s, v, i) => s + v * r.data[i]!, 0);
    g[k] = (lp - lm) / (2 * h);
  }
  return g;
}

function expectGradClose(got: ArrayLike<number>, want: Float64Array): void {
  const scaleMax = Math.max(...Array.from(want, Math.abs));
  expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(Math.max(1e-5, GRAD_RTOL * scaleMax));
}

for (const backend of TEST_BACKENDS) {
  describe(`GCNConv and GCNIIConv on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    for (const [name, graph] of testGraphs()) {
      const n = graph.order;
      const aHat = denseGcnAdjacency(graph);
      const adjacency = gcnAdjacency(graph);

      it(`${name}: Â built by gcnAdjacency equals the dense reference`, () => {
        const got = dense(n, n);
        for (let i = 0; i < n; i++) for (let e = adjacency.rowOffsets[i]!; e < adjacency.rowOffsets[i + 1]!; e++) got.data[i * n + adjacency.colIndices[e]!]! += adjacency.values[e]!;
        expect(maxAbsDiff(got.data, aHat.data)).toBeLessThan(1e-7);
      });

      it(`${name}: GCNConv forward, kernel and input gradients match the dense reference and finite differences`, () => {
        const rng = createRng(n);
        const x = randomDense(n, 5, rng);
        const r = randomDense(n, 4, rng);
        const layer = new GCNConv({ units: 4, activation: 'tanh', seed: 7 });
        tf.tidy(() => void layer.apply(f32(x), { adjacency }));
        // a non-zero bias so that it is exercised (getWeights returns the variables' own tensors: not disposed)
        const newBias = tf.tensor1d([0.1, -0.2, 0.3, 0.05]);
        layer.setWeights([layer.getWeights()[0]!, newBias]);
        newBias.dispose();
        const w = toDense(layer.getWeights()[0]!);
        const b = Float64Array.from(layer.getWeights()[1]!.dataSync());
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const xt = f32(x);
          const out = layer.apply(xt, { adjacency }) as tf.Tensor;
          expect(maxAbsDiff(out.dataSync(), gcnReference(aHat, x, w, b, Math.tanh).data)).toBeLessThan(TOL);
          const rt = f32(r);
          const kernelVar = layer.trainableWeights[0]!.read() as tf.Variable;
          const { grads } = tf.variableGrads(() => (layer.apply(xt, { adjacency }) as tf.Tensor).mul(rt).sum() as tf.Scalar, [kernelVar]);
          expectGradClose(grads[kernelVar.name]!.dataSync(), finiteDifferences(w, r, (wp) => gcnReference(aHat, x, wp, b, Math.tanh)));
          const dx = tf.grad((v: tf.Tensor) => (layer.apply(v, { adjacency }) as tf.Tensor).mul(rt).sum())(xt);
          expectGradClose(dx.dataSync(), finiteDifferences(x, r, (xp) => gcnReference(aHat, xp, w, b, Math.tanh)));
        });
        expect(tf.memory().numTensors).toBe(before);
      });

      it(`${name}: GCNIIConv forward, kernel and input gradients match the dense reference and finite differences`, () => {
        const rng = createRng(n + 1);
        const h = randomDense(n, 6, rng);
        const h0 = randomDense(n, 6, rng);
        const r = randomDense(n, 6, rng);
        const layer = new GCNIIConv({ layer: 3, alpha: 0.2, theta: 0.7, activation: 'tanh', seed: 9 });
        tf.tidy(() => void layer.apply([f32(h), f32(h0)], { adjacency }));
        const w = toDense(layer.getWeights()[0]!);
        const beta = Math.log(0.7 / 3 + 1);
        expect(layer.beta).toBeCloseTo(beta, 15);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const ht = f32(h);
          const h0t = f32(h0);
          const out = layer.apply([ht, h0t], { adjacency }) as tf.Tensor;
          expect(maxAbsDiff(out.dataSync(), gcniiReference(aHat, h, h0, w, 0.2, beta, Math.tanh).data)).toBeLessThan(TOL);
          const rt = f32(r);
          const kernelVar = layer.trainableWeights[0]!.read() as tf.Variable;
          const { grads } = tf.variableGrads(() => (layer.apply([ht, h0t], { adjacency }) as tf.Tensor).mul(rt).sum() as tf.Scalar, [kernelVar]);
          expectGradClose(grads[kernelVar.name]!.dataSync(), finiteDifferences(w, r, (wp) => gcniiReference(aHat, h, h0, wp, 0.2, beta, Math.tanh)));
          const [dh, dh0] = tf.grads((a: tf.Tensor, b: tf.Tensor) => (layer.apply([a, b], { adjacency }) as tf.Tensor).mul(rt).sum())([ht, h0t]);
          expectGradClose(dh!.dataSync(), finiteDifferences(h, r, (hp) => gcniiReference(aHat, hp, h0, w, 0.2, beta, Math.tanh)));
          expectGradClose(dh0!.dataSync(), finiteDifferences(h0, r, (hp) => gcniiReference(aHat, h, hp, w, 0.2, beta, Math.tanh)));
        });
        expect(tf.memory().numTensors).toBe(before);
      });

      it(`${name}: relabelling the nodes permutes the outputs of both layers the same way`, () => {
        const { perm, graph: pg } = permuted(graph, 11);
        const pAdj = gcnAdjacency(pg);
        const rng = createRng(n + 2);
        const x = randomDense(n, 4, rng);
        const px = dense(n, 4, permuteRows(x.data, perm, 4));
        const gcn = new GCNConv({ units: 3, activation: 'relu', seed: 1 });
        const gcnii = new GCNIIConv({ layer: 1, seed: 2 });
        tf.tidy(() => {
          const out = (gcn.apply(f32(x), { adjacency }) as tf.Tensor).dataSync();
          const pout = (gcn.apply(f32(px), { adjacency: pAdj }) as tf.Tensor).dataSync();
          expect(maxAbsDiff(pout, permuteRows(out, perm, 3))).toBeLessThan(TOL);
          const out2 = (gcnii.apply([f32(x), f32(x)], { adjacency }) as tf.Tensor).dataSync();
          const pout2 = (gcnii.apply([f32(px), f32(px)], { adjacency: pAdj }) as tf.Tensor).dataSync();
          expect(maxAbsDiff(pout2, permuteRows(out2, perm, 4))).toBeLessThan(TOL);
        });
      });
    }

    it('getConfig → fromConfig rebuilds layers that give the same outputs with the same weights', () => {
      const graph = petersenGraph();
      const adjacency = gcnAdjacency(graph);
      const x = randomDense(10, 4, createRng(1));
      for (const make of [() => new GCNConv({ units: 3, activation: 'elu', seed: 3, useBias: true }), () => new GCNIIConv({ layer: 2, alpha: 0.3, theta: 1.5, seed: 4 })]) {
        const layer = make();
        const inputs = () => (layer instanceof GCNIIConv ? [f32(x), f32(x)] : f32(x));
        tf.tidy(() => void layer.apply(inputs(), { adjacency }));
        const config = JSON.parse(JSON.stringify(layer.getConfig())) as tf.serialization.ConfigDict;
        const className = (layer.constructor as unknown as { className: string }).className;
        const cls = tf.serialization.SerializationMap.getMap().classNameMap[className]!;
        const clone = cls[1](cls[0], config) as tf.layers.Layer;
        tf.tidy(() => void clone.apply(inputs(), { adjacency }));
        clone.setWeights(layer.getWeights());
        tf.tidy(() => {
          const a = (layer.apply(inputs(), { adjacency }) as tf.Tensor).dataSync();
          const b = (clone.apply(inputs(), { adjacency }) as tf.Tensor).dataSync();
          expect(Array.from(b)).toEqual(Array.from(a));
        });
        expect(clone.getConfig()).toEqual(layer.getConfig());
      }
    });

    it('the same seed gives the same initial weights', () => {
      const adjacency = gcnAdjacency(petersenGraph());
      const weights = [1, 2].map(() => {
        const layer = new GCNConv({ units: 5, seed: 42 });
        tf.tidy(() => void layer.apply(tf.ones([10, 3]), { adjacency }));
        return Array.from(layer.getWeights()[0]!.dataSync());
      });
      expect(weights[1]).toEqual(weights[0]);
    });
  });
}

describe('graph layer argument checks', () => {
  const graph = petersenGraph();
  const adjacency = gcnAdjacency(graph);
  const raw: SparseAdjacency = adjacencyFromGraph(graph);
  const cases: [string, () => unknown, string][] = [
    ['GCNConv without units', () => new GCNConv({} as never), 'config.units'],
    ['GCNConv with 2.5 units', () => new GCNConv({ units: 2.5 }), 'config.units'],
    ['GCNConv with an unknown activation', () => new GCNConv({ units: 2, activation: 'gelu' as never }), 'config.activation'],
    ['GCNConv without an adjacency', () => new GCNConv({ units: 2 }).apply(tf.ones([10, 3])), 'kwargs.adjacency'],
    ['GCNConv with an unnormalised adjacency', () => new GCNConv({ units: 2 }).apply(tf.ones([10, 3]), { adjacency: raw }), 'kwargs.adjacency'],
    ['GCNConv with an adjacency of another size', () => new GCNConv({ units: 2 }).apply(tf.ones([9, 3]), { adjacency }), 'kwargs.adjacency'],
    ['GCNIIConv with layer 0', () => new GCNIIConv({ layer: 0 }), 'config.layer'],
    ['GCNIIConv with alpha 1.5', () => new GCNIIConv({ layer: 1, alpha: 1.5 }), 'config.alpha'],
    ['GCNIIConv with theta 0', () => new GCNIIConv({ layer: 1, theta: 0 }), 'config.theta'],
    ['GCNIIConv with one input', () => new GCNIIConv({ layer: 1 }).apply(tf.ones([10, 3]), { adjacency }), 'inputs'],
    ['GCNIIConv with inputs of different widths', () => new GCNIIConv({ layer: 1 }).apply([tf.ones([10, 3]), tf.ones([10, 4])], { adjacency }), 'inputs'],
  ];
  for (const [name, fn, argument] of cases) {
    it(`rejects ${name} (InvalidArgumentError on ${argument})`, () => {
      tf.tidy(() => {
        let caught: unknown;
        try {
          fn();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(InvalidArgumentError);
        expect((caught as InvalidArgumentError).argument).toBe(argument);
      });
    });
  }
});
