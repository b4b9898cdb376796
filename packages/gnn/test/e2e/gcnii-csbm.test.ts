import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@isinglab/graph';
import { GCNIIConv, contextualSbm, gatherRows, gcnAdjacency } from '../../src/index.js';
import { switchTo } from '../helpers/backends.js';

// End to end (issue acceptance): a 4-layer, 64-hidden GCNII trained on a seeded contextual SBM with 2,000 nodes
// and 2 classes (d = 8, λ = 2, μ = 2, p = 100) reaches ≥ 90 % test accuracy. Features alone are weak here
// (μ²/γ = 0.2; see the MLP baseline below), so the accuracy comes from message passing.
const NODES = 2000;
const data = contextualSbm({ nodes: NODES, features: 100, averageDegree: 8, lambda: 2, mu: 2, rng: createRng(2024) });
const split = (() => {
  const rng = createRng(7);
  const ids = Array.from({ length: NODES }, (_, i) => i);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.uint32() % (i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return { train: ids.slice(0, 600), val: ids.slice(600, 1000), test: ids.slice(1000) };
})();

function train(useGraph: boolean, epochs: number): { val: number; test: number } {
  const adjacency = gcnAdjacency(data.graph);
  const hidden = 64;
  const input = tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
  const convs = [1, 2, 3, 4].map((l) => new GCNIIConv({ layer: l, alpha: 0.1, theta: 0.5, activation: 'relu', seed: 10 + l }));
  const output = tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) });
  const x = tf.tensor2d(data.features, [NODES, 100]);
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), 2));
  const trainTargets = tf.tidy(() => tf.gather(oneHot, split.train));
  const forward = () => {
    const h0 = input.apply(x) as tf.Tensor2D;
    let h = h0;
    if (useGraph) for (const conv of convs) h = conv.apply([h, h0], { adjacency }) as tf.Tensor2D;
    return output.apply(h) as tf.Tensor2D;
  };
  // build every layer once so that its variables exist before minimize collects them
  tf.tidy(() => void forward());
  const variables = [input, output, ...(useGraph ? convs : [])].flatMap((layer) => layer.trainableWeights.map((w) => w.read() as tf.Variable));
  const optimizer = tf.train.adam(0.01);
  const accuracy = (logits: tf.Tensor2D, ids: number[]) => {
    const pred = logits.argMax(1).dataSync();
    return ids.filter((i) => pred[i] === data.labels[i]).length / ids.length;
  };
  let best = { val: -1, test: 0 };
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.minimize(() => tf.tidy(() => tf.losses.softmaxCrossEntropy(trainTargets, gatherRows(forward(), split.train)) as tf.Scalar), false, variables);
    if (epoch % 5 === 4) {
      tf.tidy(() => {
        const logits = forward();
        const val = accuracy(logits, split.val);
        // model selection on the validation split only
        if (val > best.val) best = { val, test: accuracy(logits, split.test) };
      });
    }
  }
  optimizer.dispose();
  tf.dispose([x, oneHot, trainTargets]);
  for (const layer of [input, output, ...convs]) if (layer.built) layer.dispose();
  return best;
}

describe('GCNII on a contextual SBM (wasm backend)', () => {
  beforeAll(async () => {
    await switchTo('wasm');
  });

  it('the dataset is balanced, homophilous and has the requested average degree', () => {
    const ones = data.labels.reduce((s, v) => s + v, 0);
    expect(ones).toBe(NODES / 2);
    let within = 0;
    for (let e = 0; e < data.graph.size; e++) within += data.labels[data.graph.edgeSources[e]!] === data.labels[data.graph.edgeTargets[e]!] ? 1 : 0;
    // expected within-class fraction (d + λ√d)/(2d) ≈ 0.854; 2d·n/2 ≈ 8000 edges, σ ≈ 0.005
    expect(Math.abs(within / data.graph.size - (8 + 2 * Math.sqrt(8)) / 16)).toBeLessThan(0.025);
    expect(Math.abs((2 * data.graph.size) / NODES - 8)).toBeLessThan(0.3);
  });

  it('a 4-layer, 64-hidden GCNII reaches ≥ 90 % test accuracy; an MLP on the features alone does not', () => {
    const before = tf.memory().numTensors;
    const gcnii = train(true, 100);
    const mlp = train(false, 100);
    expect(tf.memory().numTensors).toBe(before);
    process.stdout.write(`GCNII test accuracy ${gcnii.test.toFixed(3)} (val ${gcnii.val.toFixed(3)}); MLP ${mlp.test.toFixed(3)}\n`);
    expect(gcnii.test).toBeGreaterThanOrEqual(0.9);
    expect(mlp.test).toBeLessThan(0.85);
  });
});
