/**
 * The node classifiers end to end in evaluation mode against float64 references composed in the test: IBG-NN
 * (sparse features through the encoder, deepsets Φ, residual, row normalisation, jumping knowledge) on cpu and
 * wasm, Dir-GNN (from the arc list, Dir-GCN normalisation written out) and the MLP; 1e-4 relative tolerance
 * (float32 through ~3 layers). Plus: dropout masks are seeded and only active in training, no tensor leaks,
 * dispose frees everything, and a table of invalid options.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, fromEdges, type Graph } from '@isinglab/graph';
import type { NodeFeatures } from '../../src/data/node-dataset.js';
import { createIbgnnClassifier, type IbgnnClassifierOptions } from '../../src/nn/ibgnn-classifier.js';
import { createDirGnnClassifier, createMlpClassifier } from '../../src/nn/dir-gnn-classifier.js';
import { TEST_BACKENDS, denseFeatures, ibgConvReference, randomFactors, randomSparseFeatures, refOperators, switchTo, toMat, type RefConvConfig } from './ibg-helpers.js';
import { addRow, mat, matmul, maxAbs, maxAbsDiff, randomMat, type Mat } from './reference.js';

const N = 10;
const D = 7;
const K = 3;

const tanh = (a: Mat) => mat(a.rows, a.cols, a.data.map(Math.tanh));
const normalizeRows = (a: Mat) => {
  const out = mat(a.rows, a.cols, a.data);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = 0; j < a.cols; j++) s += a.data[i * a.cols + j]! ** 2;
    for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j]! /= Math.sqrt(s + 1e-12);
  }
  return out;
};
const concatCols = (parts: Mat[]) => {
  const cols = parts.reduce((s, p) => s + p.cols, 0);
  const out = mat(parts[0]!.rows, cols);
  for (let i = 0; i < out.rows; i++) {
    let at = 0;
    for (const p of parts) {
      for (let j = 0; j < p.cols; j++) out.data[i * cols + at + j] = p.data[i * p.cols + j]!;
      at += p.cols;
    }
  }
  return out;
};

/**
 * The float64 reference of one network of the seed-code IBG-NN in these tests (2 layers of free Φ, DeepSets node term
 * and read-out, max pool, tanh, residual, row normalisation): its jumping-knowledge features, both layers' outputs
 * side by side. `w[base …]` holds the network's 2 × 34 layer weights.
 */
function referenceNetworkFeatures(w: Mat[], base: number, x: Mat, ops: ReturnType<typeof refOperators>, directions: 'source' | 'target'): Mat {
  const cfg: RefConvConfig = { community: 'free', pool: 'max', activation: 'tanh', residual: true, useBias: true, nodeFunction: 'deepsets', communityReadout: 'deepsets', directions };
  const perLayer = 34;
  let h = x;
  const outs: Mat[] = [];
  for (let l = 0; l < 2; l++) {
    h = normalizeRows(ibgConvReference(cfg, w.slice(base + perLayer * l, base + perLayer * (l + 1)), h, ops));
    outs.push(h);
  }
  return concatCols(outs);
}

/** Sets every variable (biases included) to seeded random values so that every term is exercised. */
function randomiseVariables(variables: readonly tf.Variable[], seed: number): void {
  variables.forEach((v, k) => tf.tidy(() => v.assign(tf.randomUniform(v.shape, -0.6, 0.6, 'float32', seed + k))));
}

for (const backend of TEST_BACKENDS) {
  describe(`classifiers on ${backend}`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    it('IBG-NN (sparse X, encoder, deepsets Φ, residual, normalisation, jumping knowledge) equals the reference', () => {
      const rng = createRng(17);
      const factors = randomFactors(N, K, rng);
      const features = randomSparseFeatures(N, D, 0.35, rng, (i) => (i % 3 === 0 ? 1 : 0.5 + rng.float64()));
      const options: IbgnnClassifierOptions = { classes: 3, seed: 5, hidden: 4, layers: 2, encoder: 4, community: 'deepsets', pool: 'max', activation: 'tanh', residual: true, normalize: true, jumpingKnowledge: 'cat', dropout: 0.5 };
      const before = tf.memory().numTensors;
      const model = createIbgnnClassifier(factors, features, options);
      randomiseVariables(model.trainableVariables, 3);
      const w = model.trainableVariables.map(toMat);
      // reference: encoder, two layers (each: 2 self + 2 × 4 deepsets weights), head
      const cfg: RefConvConfig = { community: 'deepsets', pool: 'max', activation: 'tanh', residual: true, useBias: true };
      const ops = refOperators(factors);
      let h = addRow(matmul(denseFeatures(features), w[0]!), w[1]!.data);
      const outs: Mat[] = [];
      for (let l = 0; l < 2; l++) {
        h = normalizeRows(ibgConvReference(cfg, w.slice(2 + 10 * l, 12 + 10 * l), h, ops));
        outs.push(h);
      }
      const want = addRow(matmul(concatCols(outs), w[22]!), w[23]!.data);
      expect(w).toHaveLength(24);
      tf.tidy(() => {
        const got = model.logits().dataSync();
        expect(maxAbsDiff(got, want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data)));
        // dropout only in training, with masks from the model's seeded generator
        const train1 = model.logits({ training: true }).dataSync();
        expect(maxAbsDiff(train1, got)).toBeGreaterThan(1e-3);
      });
      const twin = createIbgnnClassifier(factors, features, options);
      randomiseVariables(twin.trainableVariables, 3);
      tf.tidy(() => {
        const a = model.logits({ training: true }).dataSync();
        twin.logits({ training: true }); // the twin's first mask equals the model's first (already drawn above)
        expect(Array.from(twin.logits({ training: true }).dataSync())).toEqual(Array.from(a));
      });
      twin.dispose();
      model.dispose();
      model.dispose(); // idempotent
      expect(tf.memory().numTensors).toBe(before);
      expect(() => model.logits()).toThrow(/disposed/);
    });

    it('IBG-NN on dense X without encoder, linear Φ, no jumping knowledge equals the reference', () => {
      const rng = createRng(3);
      const factors = randomFactors(N, K, rng);
      const x = randomMat(N, D, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: D, values: x.data };
      const model = createIbgnnClassifier(factors, features, { classes: 4, seed: 1, hidden: 5, layers: 3, activation: 'tanh' });
      randomiseVariables(model.trainableVariables, 8);
      const w = model.trainableVariables.map(toMat);
      const cfg: RefConvConfig = { community: 'linear', pool: 'mean', activation: 'tanh', residual: false, useBias: true };
      const ops = refOperators(factors);
      let h = x;
      for (let l = 0; l < 3; l++) h = ibgConvReference(cfg, w.slice(6 * l, 6 * l + 6), h, ops);
      const want = addRow(matmul(h, w[18]!), w[19]!.data);
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data))));
      model.dispose();
    });

    it('IBG-NN without the node-wise term (selfTerm: false) equals the reference', () => {
      // the graph reaches a node only through its communities: H' = σ(b + U_r Φ(U_r⁺ H) + V_r Φ(V_r⁺ H))
      const rng = createRng(21);
      const factors = randomFactors(N, K, rng);
      const x = randomMat(N, D, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: D, values: x.data };
      const model = createIbgnnClassifier(factors, features, { classes: 3, seed: 4, hidden: 5, layers: 2, activation: 'tanh', selfTerm: false });
      randomiseVariables(model.trainableVariables, 6);
      const w = model.trainableVariables.map(toMat);
      // per layer: self bias, then W, b for source and target (no self kernel)
      expect(w).toHaveLength(2 * 5 + 2);
      const cfg: RefConvConfig = { community: 'linear', pool: 'mean', activation: 'tanh', residual: false, useBias: true, selfTerm: false };
      const ops = refOperators(factors);
      let h = x;
      for (let l = 0; l < 2; l++) h = ibgConvReference(cfg, w.slice(5 * l, 5 * l + 5), h, ops);
      const want = addRow(matmul(h, w[10]!), w[11]!.data);
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data))));
      model.dispose();
    });

    it("IBG-NN as the seed's code builds it (separate source/target networks, DeepSets terms, free Φ) equals the reference", () => {
      // two networks, each: L layers σ(DS(H) + b + DS(U_r M) + H) on its own side, then its own head; logits averaged
      const rng = createRng(33);
      const factors = randomFactors(N, K, rng);
      const x = randomMat(N, 4, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: 4, values: x.data };
      const before = tf.memory().numTensors;
      const model = createIbgnnClassifier(factors, features, { classes: 3, seed: 2, hidden: 4, layers: 2, activation: 'tanh', community: 'free', pool: 'max', nodeFunction: 'deepsets', communityReadout: 'deepsets', branches: 'separate', residual: true, normalize: true, jumpingKnowledge: 'cat', dropout: 0.2 });
      randomiseVariables(model.trainableVariables, 9);
      const w = model.trainableVariables.map(toMat);
      // per layer: 16 node DeepSets + 1 bias + 1 free M + 16 read-out DeepSets = 34; per network 2 layers + head
      const perLayer = 34;
      expect(w).toHaveLength(2 * (2 * perLayer + 2));
      const ops = refOperators(factors);
      const logits = (['source', 'target'] as const).map((directions, b) => {
        const base = b * (2 * perLayer + 2);
        return addRow(matmul(referenceNetworkFeatures(w, base, x, ops, directions), w[base + 2 * perLayer]!), w[base + 2 * perLayer + 1]!.data);
      });
      const want = logits[0]!.data.map((v, i) => (v + logits[1]!.data[i]!) / 2);
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want))));
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it("IBG-NN with one shared head (the seed code's single lin1) equals W·(z_src + z_dst)/2 + b; fan-in initialisation bounds the head", () => {
      const rng = createRng(34);
      const factors = randomFactors(N, K, rng);
      const x = randomMat(N, 4, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: 4, values: x.data };
      const before = tf.memory().numTensors;
      const options: IbgnnClassifierOptions = { classes: 3, seed: 2, hidden: 4, layers: 2, activation: 'tanh', community: 'free', pool: 'max', nodeFunction: 'deepsets', communityReadout: 'deepsets', branches: 'separate', head: 'shared', residual: true, normalize: true, jumpingKnowledge: 'cat', dropout: 0.2 };
      const fanIn = createIbgnnClassifier(factors, features, { ...options, initializer: 'fan-in', hidden: 16 });
      // the head reads 2 layers × 16 features: kernel and bias in ±1/√32, listed once after the source network
      const headAt = (fanIn.trainableVariables.length - 2) / 2;
      const head = fanIn.trainableVariables.slice(headAt, headAt + 2).map((v) => v.dataSync());
      expect(fanIn.trainableVariables[headAt]!.shape).toEqual([32, 3]);
      for (const values of head) {
        expect(maxAbs(values)).toBeLessThanOrEqual(1 / Math.sqrt(32) + 1e-7);
        expect(maxAbs(values)).toBeGreaterThan(0);
      }
      fanIn.dispose();
      const model = createIbgnnClassifier(factors, features, options);
      randomiseVariables(model.trainableVariables, 9);
      const w = model.trainableVariables.map(toMat);
      const perLayer = 34;
      // source layers, the shared head, target layers
      expect(w).toHaveLength(2 * (2 * perLayer) + 2);
      const ops = refOperators(factors);
      // the target network's layers follow the shared head
      const reads = (['source', 'target'] as const).map((directions, b) => referenceNetworkFeatures(w, b * (2 * perLayer + 2), x, ops, directions));
      const mean = mat(N, reads[0]!.cols, reads[0]!.data.map((v, i) => (v + reads[1]!.data[i]!) / 2));
      const want = addRow(matmul(mean, w[2 * perLayer]!), w[2 * perLayer + 1]!.data).data;
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want))));
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });

    it('Dir-GCN as in the reference code (α = 1, no self term) equals D_out^-1/2 A D_in^-1/2 H W_out + b', () => {
      // Rossi et al.'s DirGCNConv: α·lin(Â H) + (1 − α)·lin(Âᵀ-normalised H), no root weight; chameleon uses α = 1
      const rng = createRng(12);
      const arcs: [number, number][] = [];
      for (let u = 0; u < N; u++) for (let v = 0; v < N; v++) if (u !== v && rng.float64() < 0.3) arcs.push([u, v]);
      arcs.push([2, 2]);
      const graph: Graph = fromEdges(arcs, { order: N, directed: true, selfLoops: 'keep' });
      const x = randomMat(N, D, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: D, values: x.data };
      const model = createDirGnnClassifier(graph, features, { classes: 3, seed: 3, hidden: 4, layers: 2, alpha: 1, rootWeight: false, activation: 'tanh' });
      randomiseVariables(model.trainableVariables, 2);
      const w = model.trainableVariables.map(toMat);
      // per layer: in kernel (weight 0 at α = 1), out kernel, bias; then the head
      expect(w).toHaveLength(2 * 3 + 2);
      // dense A with A[u, v] = 1 for u → v, then row-scale by d_out^-1/2 and column-scale by d_in^-1/2
      const a = mat(N, N);
      for (const [u, v] of arcs) a.data[u * N + v] = 1;
      const rowSum = (i: number) => Array.from({ length: N }, (_, j) => a.data[i * N + j]!).reduce((s, t) => s + t, 0);
      const colSum = (j: number) => Array.from({ length: N }, (_, i) => a.data[i * N + j]!).reduce((s, t) => s + t, 0);
      const norm = mat(N, N, a.data.map((v, k) => (v === 0 ? 0 : v / Math.sqrt(rowSum(Math.floor(k / N)) * colSum(k % N)))));
      let h = x;
      for (let l = 0; l < 2; l++) {
        const [, wOut, b] = w.slice(3 * l, 3 * l + 3) as [Mat, Mat, Mat];
        h = tanh(addRow(matmul(norm, matmul(h, wOut)), b.data));
      }
      const want = addRow(matmul(h, w[6]!), w[7]!.data);
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data))));
      model.dispose();
    });

    it('Dir-GNN (Dir-GCN normalisation from the arc list) and the MLP equal their references', () => {
      const rng = createRng(8);
      const arcs: [number, number][] = [];
      for (let u = 0; u < N; u++) for (let v = 0; v < N; v++) if (u !== v && rng.float64() < 0.25) arcs.push([u, v]);
      arcs.push([4, 4]); // a self-loop, as in chameleon
      const graph: Graph = fromEdges(arcs, { order: N, directed: true, selfLoops: 'keep' });
      const x = randomMat(N, D, rng);
      const features: NodeFeatures = { kind: 'dense', rows: N, cols: D, values: x.data };
      const model = createDirGnnClassifier(graph, features, { classes: 3, seed: 2, hidden: 4, layers: 2, alpha: 0.3, activation: 'tanh' });
      randomiseVariables(model.trainableVariables, 1);
      const w = model.trainableVariables.map(toMat);
      const dIn = new Float64Array(N);
      const dOut = new Float64Array(N);
      for (const [u, v] of arcs) {
        dOut[u]!++;
        dIn[v]!++;
      }
      // Â_in[v, u] = Â_out[u, v] = 1/√(d_in(v)·d_out(u)) for each arc u → v
      const aIn = mat(N, N);
      const aOut = mat(N, N);
      for (const [u, v] of arcs) {
        const c = 1 / Math.sqrt(dIn[v]! * dOut[u]!);
        aIn.data[v * N + u]! += c;
        aOut.data[u * N + v]! += c;
      }
      let h = x;
      for (let l = 0; l < 2; l++) {
        const [wIn, wOut, wSelf, b] = w.slice(4 * l, 4 * l + 4) as [Mat, Mat, Mat, Mat];
        const s = matmul(h, wSelf);
        const i = matmul(aIn, matmul(h, wIn));
        const o = matmul(aOut, matmul(h, wOut));
        h = tanh(addRow(mat(N, 4, s.data.map((v, k) => v + 0.7 * i.data[k]! + 0.3 * o.data[k]!)), b.data));
      }
      const want = addRow(matmul(h, w[8]!), w[9]!.data);
      tf.tidy(() => expect(maxAbsDiff(model.logits().dataSync(), want.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(want.data))));
      model.dispose();

      const mlp = createMlpClassifier(features, { classes: 3, seed: 2, hidden: 4, layers: 1, activation: 'tanh', encoder: 3 });
      randomiseVariables(mlp.trainableVariables, 4);
      const m = mlp.trainableVariables.map(toMat);
      const mh = tanh(addRow(matmul(addRow(matmul(x, m[0]!), m[1]!.data), m[2]!), m[3]!.data));
      const mwant = addRow(matmul(mh, m[4]!), m[5]!.data);
      tf.tidy(() => expect(maxAbsDiff(mlp.logits().dataSync(), mwant.data)).toBeLessThanOrEqual(1e-4 * Math.max(1, maxAbs(mwant.data))));
      mlp.dispose();
    });
  });
}

describe('classifier option validation', () => {
  beforeAll(async () => {
    await switchTo('cpu');
  });
  const rng = createRng(1);
  const factors = randomFactors(N, K, rng);
  const features: NodeFeatures = { kind: 'dense', rows: N, cols: D, values: randomMat(N, D, rng).data };
  const ok = { classes: 3, seed: 1 };
  const bad: [string, () => unknown][] = [
    ['options', () => createIbgnnClassifier(factors, features, undefined as never)],
    ['options.classes', () => createIbgnnClassifier(factors, features, { ...ok, classes: 1 })],
    ['options.seed', () => createIbgnnClassifier(factors, features, { classes: 3 } as never)],
    ['options.hidden', () => createIbgnnClassifier(factors, features, { ...ok, hidden: 0 })],
    ['options.layers', () => createIbgnnClassifier(factors, features, { ...ok, layers: 0 })],
    ['options.encoder', () => createIbgnnClassifier(factors, features, { ...ok, encoder: -1 })],
    ['options.community', () => createIbgnnClassifier(factors, features, { ...ok, community: 'gat' as never })],
    ['options.pool', () => createIbgnnClassifier(factors, features, { ...ok, pool: 'sum' as never })],
    ['options.activation', () => createIbgnnClassifier(factors, features, { ...ok, activation: 'gelu' as never })],
    ['options.dropout', () => createIbgnnClassifier(factors, features, { ...ok, dropout: 1 })],
    ['options.residual', () => createIbgnnClassifier(factors, features, { ...ok, residual: 1 as never })],
    ['options.selfTerm', () => createIbgnnClassifier(factors, features, { ...ok, selfTerm: 'no' as never })],
    ['options.nodeFunction', () => createIbgnnClassifier(factors, features, { ...ok, nodeFunction: 'mlp' as never })],
    ['options.communityReadout', () => createIbgnnClassifier(factors, features, { ...ok, communityReadout: 'max' as never })],
    ['options.branches', () => createIbgnnClassifier(factors, features, { ...ok, branches: 'both' as never })],
    ['options.head', () => createIbgnnClassifier(factors, features, { ...ok, head: 'one' as never })],
    ['options.initializer', () => createIbgnnClassifier(factors, features, { ...ok, initializer: 'he' as never })],
    ['options.normalize', () => createIbgnnClassifier(factors, features, { ...ok, normalize: 'yes' as never })],
    ['options.jumpingKnowledge', () => createIbgnnClassifier(factors, features, { ...ok, jumpingKnowledge: 'max' as never })],
    ['options.rcond', () => createIbgnnClassifier(factors, features, { ...ok, rcond: -1 })],
    ['options.lr', () => createIbgnnClassifier(factors, features, { ...ok, lr: 0.1 } as never)],
    ['factors', () => createIbgnnClassifier(null as never, features, ok)],
    ['features', () => createIbgnnClassifier(randomFactors(N + 1, K, rng), features, ok)],
    ['features', () => createIbgnnClassifier(factors, { kind: 'dense', rows: N, cols: D, values: new Float64Array(3) }, ok)],
    ['features.values[2]', () => createIbgnnClassifier(factors, { kind: 'dense', rows: N, cols: D, values: new Float64Array(N * D).fill(Number.NaN, 2) }, ok)],
    ['features.indices[0]', () => createIbgnnClassifier(factors, { kind: 'sparse', rows: N, cols: D, offsets: new Int32Array(N + 1).fill(1, 1), indices: Int32Array.of(D), values: Float64Array.of(1) }, ok)],
    ['graph', () => createDirGnnClassifier({} as never, features, ok)],
    ['features', () => createDirGnnClassifier(fromEdges([[0, 1]], { order: N + 2, directed: true }), features, ok)],
    ['options.alpha', () => createDirGnnClassifier(fromEdges([[0, 1]], { order: N, directed: true }), features, { ...ok, alpha: 2 })],
    ['options.alpha', () => createMlpClassifier(features, { ...ok, alpha: 0.5 } as never)],
    ['options.rootWeight', () => createDirGnnClassifier(fromEdges([[0, 1]], { order: N, directed: true }), features, { ...ok, rootWeight: 0 as never })],
    ['options.rootWeight', () => createMlpClassifier(features, { ...ok, rootWeight: false } as never)],
    ['options.layers', () => createMlpClassifier(features, { ...ok, layers: 1.5 })],
  ];
  it.each(bad)('%s: InvalidArgumentError and no tensor left behind', (argument, call) => {
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
  });
});
