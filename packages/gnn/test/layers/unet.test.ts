import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, createRng, type Rng } from '@isinglab/graph';
import { Conv2DSame, UpConv2D, conv2dSame, createUNet, unetOutputShape, type UNetConfig } from '../../src/layers/unet.js';
import { maxAbsDiff } from '../helpers/dense.js';
import {
  conv2d,
  image,
  linear,
  parameterArrays,
  relu,
  unetReference,
  type ConvParams,
  type Image,
  type Scalar,
  type UNetParams,
} from '../helpers/unet-reference.js';
import { TEST_BACKENDS, switchTo } from '../helpers/backends.js';

// Forward: float32 model vs float64 reference; activations O(1), sums of ≤ 9·16 terms: rounding ~1e-6 (measured
// ≤ 2e-6), so 1e-5 absolute — ten times inside the 1e-4 the U-Net acceptance asks for.
const TOL = 1e-5;
// Gradients: float32 backprop vs float64 central differences (h = 1e-6; the nets are piecewise linear, so the
// differences are exact away from ReLU/max-pool kinks, which the seeded inputs do not straddle). The float32 side
// dominates: 1e-4 relative to the largest gradient entry (measured ≤ 1e-5), inside the 1e-3 allowed for float32
// convolutions.
const GRAD_RTOL = 1e-4;
const FD_H = 1e-6;

interface Resolved {
  depth: number;
  convsPerBlock: number;
  name: string;
  batchNorm: boolean;
  act: Scalar;
  finalAct: Scalar;
}

const SCALAR: Record<NonNullable<UNetConfig['activation']>, Scalar> = {
  linear,
  relu,
  elu: (v) => (v > 0 ? v : Math.expm1(v)),
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
};

function resolved(config: UNetConfig): Resolved {
  return {
    depth: config.depth ?? 3,
    convsPerBlock: config.convsPerBlock ?? 2,
    name: config.name ?? 'unet',
    batchNorm: config.batchNorm ?? false,
    act: SCALAR[config.activation ?? 'relu'],
    finalAct: SCALAR[config.finalActivation ?? 'linear'],
  };
}

/** Names of the convolution layers in the reference's parameter order (stem, encoders, middle, decoders, head). */
function convNames(r: Resolved): string[] {
  const blk = (prefix: string) => Array.from({ length: r.convsPerBlock }, (_, i) => `${prefix}_conv${i + 1}`);
  const names = blk(`${r.name}_stem`);
  for (let l = 1; l <= r.depth; l++) names.push(...blk(`${r.name}_enc${l}`));
  names.push(...blk(`${r.name}_mid`));
  for (let l = 1; l <= r.depth; l++) names.push(`${r.name}_dec${l}_upconv`, ...blk(`${r.name}_dec${l}`));
  names.push(`${r.name}_head`);
  return names;
}

function convParams(model: tf.LayersModel, name: string, bnName?: string): ConvParams {
  const layer = model.getLayer(name) as Conv2DSame;
  const [kernel, bias] = layer.getWeights();
  const [k, , inChannels, outChannels] = kernel!.shape as number[];
  const p: ConvParams = {
    kernelSize: k!,
    inChannels: inChannels!,
    outChannels: outChannels!,
    kernel: Float64Array.from(kernel!.dataSync()),
    bias: bias === undefined ? null : Float64Array.from(bias.dataSync()),
  };
  if (bnName !== undefined) {
    const bn = model.getLayer(bnName);
    const [gamma, beta, mean, variance] = bn.getWeights().map((w) => Float64Array.from(w.dataSync()));
    p.batchNorm = { gamma: gamma!, beta: beta!, mean: mean!, variance: variance!, epsilon: 1e-3 };
  }
  return p;
}

/** The model's weights as reference parameters (read by layer name). */
function paramsOf(model: tf.LayersModel, r: Resolved): UNetParams {
  const blk = (prefix: string) =>
    Array.from({ length: r.convsPerBlock }, (_, i) => convParams(model, `${prefix}_conv${i + 1}`, r.batchNorm ? `${prefix}_bn${i + 1}` : undefined));
  const encoders: ConvParams[][] = [];
  const decoders: UNetParams['decoders'] = [];
  for (let l = 1; l <= r.depth; l++) encoders.push(blk(`${r.name}_enc${l}`));
  for (let l = 1; l <= r.depth; l++) decoders.push({ up: convParams(model, `${r.name}_dec${l}_upconv`), convs: blk(`${r.name}_dec${l}`) });
  return { stem: blk(`${r.name}_stem`), encoders, middle: blk(`${r.name}_mid`), decoders, head: convParams(model, `${r.name}_head`) };
}

/** Replaces every weight by seeded random values: kernels He-uniform, biases ±0.2, BN γ, variance in [0.5, 1.5]. */
function randomiseWeights(model: tf.LayersModel, rng: Rng): void {
  const fresh = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const name = w.originalName;
    const values = new Float32Array(size);
    const fanIn = shape.length === 4 ? shape[0]! * shape[1]! * shape[2]! : 1;
    for (let i = 0; i < size; i++) {
      const u = 2 * rng.float64() - 1;
      if (shape.length === 4) values[i] = u * Math.sqrt(6 / fanIn);
      else if (/gamma|moving_variance/.test(name)) values[i] = 1 + 0.5 * u;
      else values[i] = 0.2 * u;
    }
    return tf.tensor(values, shape);
  });
  model.setWeights(fresh);
  tf.dispose(fresh);
}

function randomImages(batch: number, h: number, w: number, c: number, rng: Rng): Image[] {
  return Array.from({ length: batch }, () => image(h, w, c, Array.from({ length: h * w * c }, () => 2 * rng.float64() - 1)));
}

const stack = (images: Image[]) => {
  const { height, width, channels } = images[0]!;
  const data = new Float32Array(images.length * height * width * channels);
  images.forEach((im, b) => data.set(Float32Array.from(im.data), b * im.data.length));
  return tf.tensor4d(data, [images.length, height, width, channels]);
};

/** Σ_b Σ R_b ⊙ f(x_b) for the float64 reference. */
function weightedSum(outs: Image[], r: Image[]): number {
  let s = 0;
  outs.forEach((o, b) => o.data.forEach((v, i) => (s += v * r[b]!.data[i]!)));
  return s;
}

/** Central differences of `loss` with respect to each listed entry of `param` (perturbed in place, restored). */
function finiteDifferences(param: Float64Array, loss: () => number, entries?: number[]): Float64Array {
  const idx = entries ?? Array.from(param, (_, i) => i);
  const g = new Float64Array(idx.length);
  idx.forEach((k, n) => {
    const v = param[k]!;
    param[k] = v + FD_H;
    const lp = loss();
    param[k] = v - FD_H;
    const lm = loss();
    param[k] = v;
    g[n] = (lp - lm) / (2 * FD_H);
  });
  return g;
}

function expectGradClose(got: ArrayLike<number>, want: Float64Array): void {
  const scale = Math.max(...Array.from(want, Math.abs));
  expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(Math.max(1e-6, GRAD_RTOL * scale));
}

/**
 * The full check of one configuration: forward against the reference, dL/dx and dL/dW (L = Σ out ⊙ R) against
 * central differences of the reference (weights: every entry, or `weightSample` random entries per array), and
 * `tf.memory().numTensors` unchanged by forward + backward.
 */
function checkAgainstReference(config: UNetConfig, batch: number, seed: number, weightSample?: number): void {
  const r = resolved(config);
  const [h, w, c] = config.inputShape;
  const rng = createRng(seed);
  const model = createUNet(config);
  randomiseWeights(model, rng);
  const params = paramsOf(model, r);
  const xs = randomImages(batch, h, w, c, rng);
  const [oh, ow, oc] = unetOutputShape(config);
  const rs = randomImages(batch, oh, ow, oc, rng);
  const reference = () => xs.map((x) => unetReference(x, params, r.act, r.finalAct));
  const want = reference();
  const loss = () => weightedSum(reference(), rs);
  const vars = convNames(r).flatMap((n) => model.getLayer(n).trainableWeights.map((v) => v.read() as tf.Variable));
  const arrays = parameterArrays(params);
  expect(vars.length).toBe(arrays.length);

  const before = tf.memory().numTensors;
  tf.tidy(() => {
    const x = stack(xs);
    const rt = stack(rs);
    const out = model.predict(x) as tf.Tensor;
    expect(out.shape).toEqual([batch, oh, ow, oc]);
    const wantFlat = Float64Array.from(want.flatMap((o) => Array.from(o.data)));
    expect(maxAbsDiff(out.dataSync(), wantFlat)).toBeLessThan(TOL);

    const dx = tf.grad((v: tf.Tensor) => (model.apply(v) as tf.Tensor).mul(rt).sum())(x);
    const fdx = xs.map((im) => finiteDifferences(im.data, loss));
    expectGradClose(dx.dataSync(), Float64Array.from(fdx.flatMap((g) => Array.from(g))));

    const { grads } = tf.variableGrads(() => (model.apply(x) as tf.Tensor).mul(rt).sum() as tf.Scalar, vars);
    vars.forEach((v, i) => {
      const param = arrays[i]!;
      const entries =
        weightSample === undefined || param.length <= weightSample ? undefined : Array.from({ length: weightSample }, () => rng.int(param.length));
      const fd = finiteDifferences(param, loss, entries);
      const got = grads[v.name]!.dataSync();
      expectGradClose(entries === undefined ? got : entries.map((k) => got[k]!), fd);
    });
  });
  expect(tf.memory().numTensors).toBe(before);
  model.dispose();
}

/** Bright disc (radius 2.5–4.5) on a noisy background (offset U(0, 0.3), noise σ 0.3, centred by −0.5), 16×16, label 1 inside. */
function discImages(n: number, rng: Rng): { x: tf.Tensor4D; y: tf.Tensor4D; labels: Float32Array } {
  const size = 16;
  const x = new Float32Array(n * size * size);
  const labels = new Float32Array(n * size * size);
  for (let b = 0; b < n; b++) {
    const cx = 4 + 8 * rng.float64();
    const cy = 4 + 8 * rng.float64();
    const radius = 2.5 + 2 * rng.float64();
    const background = 0.3 * rng.float64();
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const inside = (i + 0.5 - cy) ** 2 + (j + 0.5 - cx) ** 2 <= radius ** 2;
        const k = (b * size + i) * size + j;
        labels[k] = inside ? 1 : 0;
        x[k] = (inside ? 1 : 0) + background + 0.3 * rng.normal() - 0.5;
      }
    }
  }
  return { x: tf.tensor4d(x, [n, size, size, 1]), y: tf.tensor4d(labels, [n, size, size, 1]), labels };
}

for (const backend of TEST_BACKENDS) {
  describe(`createUNet on the ${backend} backend`, () => {
    beforeAll(async () => {
      await switchTo(backend);
    });

    it('gives [batch, H, W, outputChannels] for several sizes, depths and channel counts', () => {
      const cases: [UNetConfig, number][] = [
        [{ inputShape: [8, 8, 1], depth: 1, baseFilters: 2, seed: 1 }, 1],
        [{ inputShape: [16, 24, 3], depth: 3, baseFilters: 2, outputChannels: 2, seed: 2 }, 2],
        [{ inputShape: [32, 8, 2], depth: 2, baseFilters: 3, convsPerBlock: 1, kernelSize: 5, seed: 3 }, 3],
        [{ inputShape: [4, 12, 1], depth: 2, baseFilters: 2, outputChannels: 3, batchNorm: true, seed: 4 }, 2],
      ];
      for (const [config, batch] of cases) {
        const model = createUNet(config);
        const [h, w, c] = unetOutputShape(config);
        expect([h, w]).toEqual(config.inputShape.slice(0, 2));
        expect(c).toBe(config.outputChannels ?? 1);
        expect(model.outputs[0]!.shape).toEqual([null, h, w, c]);
        tf.tidy(() => expect((model.predict(tf.ones([batch, ...config.inputShape])) as tf.Tensor).shape).toEqual([batch, h, w, c]));
        model.dispose();
      }
    });

    it('conv2dSame: forward and gradients in x and the filter match the float64 reference (k = 1, 2, 3)', () => {
      const rng = createRng(5);
      for (const k of [1, 2, 3]) {
        const [inC, outC] = [2, 3];
        const xs = randomImages(2, 5, 4, inC, rng);
        const rs = randomImages(2, 5, 4, outC, rng);
        const kernel = Float64Array.from({ length: k * k * inC * outC }, () => 2 * rng.float64() - 1);
        const p: ConvParams = { kernelSize: k, inChannels: inC, outChannels: outC, kernel, bias: null };
        const loss = () => weightedSum(xs.map((x) => conv2d(x, p)), rs);
        const before = tf.memory().numTensors;
        tf.tidy(() => {
          const x = stack(xs);
          const f = tf.tensor4d(Float32Array.from(p.kernel), [k, k, inC, outC]);
          const rt = stack(rs);
          const want = Float64Array.from(xs.flatMap((im) => Array.from(conv2d(im, p).data)));
          expect(maxAbsDiff(conv2dSame(x, f).dataSync(), want)).toBeLessThan(1e-5);
          const [dx, df] = tf.grads((a: tf.Tensor, b: tf.Tensor) => conv2dSame(a as tf.Tensor4D, b as tf.Tensor4D).mul(rt).sum())([x, f]);
          expectGradClose(dx!.dataSync(), Float64Array.from(xs.flatMap((im) => Array.from(finiteDifferences(im.data, loss)))));
          expectGradClose(df!.dataSync(), finiteDifferences(p.kernel, loss));
        });
        expect(tf.memory().numTensors).toBe(before);
      }
    });

    it('depth 1, one conv per block (conv → relu → pool → conv → up → concat → conv), 8×8×1: output, input and all weight gradients match the reference', () => {
      checkAgainstReference({ inputShape: [8, 8, 1], depth: 1, convsPerBlock: 1, baseFilters: 2, seed: 11 }, 2, 101);
    });

    it('depth 2, two convs per block, 8×8×2 → 2 channels: output, input gradients and sampled weight gradients match the reference', () => {
      checkAgainstReference({ inputShape: [8, 8, 2], depth: 2, baseFilters: 2, outputChannels: 2, seed: 12 }, 1, 102, 12);
    });

    it('with batch normalisation: inference output matches the reference; a training-mode backward pass leaves no tensors', () => {
      const config: UNetConfig = { inputShape: [8, 8, 1], depth: 1, baseFilters: 2, batchNorm: true, seed: 13 };
      const r = resolved(config);
      const rng = createRng(103);
      const model = createUNet(config);
      randomiseWeights(model, rng);
      const params = paramsOf(model, r);
      const xs = randomImages(2, 8, 8, 1, rng);
      const want = Float64Array.from(xs.flatMap((x) => Array.from(unetReference(x, params, relu, linear).data)));
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = stack(xs);
        expect(maxAbsDiff((model.predict(x) as tf.Tensor).dataSync(), want)).toBeLessThan(TOL);
        const { value, grads } = tf.variableGrads(() => (model.apply(x, { training: true }) as tf.Tensor).square().mean() as tf.Scalar);
        expect(Number.isFinite(value.dataSync()[0])).toBe(true);
        expect(Object.keys(grads).length).toBe(model.trainableWeights.length);
      });
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });

    it('the same seed gives identical weights and outputs; another seed differs; the convolutions of one model differ', () => {
      const config: UNetConfig = { inputShape: [8, 8, 1], depth: 2, baseFilters: 2, seed: 42 };
      const [a, b, c] = [createUNet(config), createUNet(config), createUNet({ ...config, seed: 43 })];
      const x = tf.tensor4d(Float32Array.from({ length: 64 }, (_, i) => Math.sin(i)), [1, 8, 8, 1]);
      tf.tidy(() => {
        const wa = a.getWeights().map((w) => Array.from(w.dataSync()));
        expect(b.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(wa);
        expect(Array.from((b.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((a.predict(x) as tf.Tensor).dataSync()));
        const wc = c.getWeights().map((w) => Array.from(w.dataSync()));
        expect(wc).not.toEqual(wa);
        expect(maxAbsDiff((c.predict(x) as tf.Tensor).dataSync(), (a.predict(x) as tf.Tensor).dataSync())).toBeGreaterThan(1e-3);
        // seed + layer index: two kernels of the same shape [3, 3, 2, 2] are not copies of each other
        const k1 = a.getLayer('unet_stem_conv2').getWeights()[0]!;
        const k2 = a.getLayer('unet_dec2_conv2').getWeights()[0]!;
        expect(k1.shape).toEqual(k2.shape);
        expect(maxAbsDiff(k1.dataSync(), k2.dataSync())).toBeGreaterThan(1e-3);
      });
      x.dispose();
      for (const m of [a, b, c]) m.dispose();
    });

    it('model.toJSON → tf.models.modelFromJSON rebuilds a model that gives the same outputs with copied weights', async () => {
      const config: UNetConfig = {
        inputShape: [8, 8, 2],
        depth: 2,
        baseFilters: 2,
        outputChannels: 2,
        finalActivation: 'tanh',
        batchNorm: true,
        seed: 7,
      };
      const model = createUNet(config);
      randomiseWeights(model, createRng(8));
      const json = model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'];
      const topology = JSON.parse(JSON.stringify(json)) as tf.io.ModelJSON['modelTopology'];
      const clone = await tf.models.modelFromJSON({ modelTopology: topology } as tf.io.ModelJSON);
      clone.setWeights(model.getWeights());
      expect(clone.toJSON(null, false)).toEqual(json);
      expect(clone.layers.filter((l) => l instanceof Conv2DSame || l instanceof UpConv2D).length).toBe(convNames(resolved(config)).length);
      tf.tidy(() => {
        const x = tf.randomUniform([2, 8, 8, 2], -1, 1, 'float32', 3);
        expect(Array.from((clone.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
      });
      model.dispose();
      clone.dispose();
    });

    it('skip connections matter: zeroing the skip path (the skip half of the first decoder conv) changes the output', () => {
      const config: UNetConfig = { inputShape: [8, 8, 1], depth: 1, baseFilters: 2, convsPerBlock: 1, seed: 21 };
      const model = createUNet(config);
      randomiseWeights(model, createRng(22));
      const r = resolved(config);
      const params = paramsOf(model, r);
      const xs = randomImages(1, 8, 8, 1, createRng(23));
      tf.tidy(() => {
        const x = stack(xs);
        const full = (model.predict(x) as tf.Tensor).dataSync().slice();
        // decoder conv input = [skip (2 channels), up (2 channels)]: zero the kernel rows that read the skip
        const layer = model.getLayer('unet_dec1_conv1');
        const [kernel, bias] = layer.getWeights() as [tf.Tensor4D, tf.Tensor];
        const mask = tf.concat([tf.zeros([3, 3, 2, 2]), tf.ones([3, 3, 2, 2])], 2);
        layer.setWeights([kernel.mul(mask), bias]);
        const noSkip = (model.predict(x) as tf.Tensor).dataSync();
        expect(maxAbsDiff(noSkip, full)).toBeGreaterThan(1e-2);
        // and the reference with zero skips agrees with the masked model
        expect(maxAbsDiff(noSkip, unetReference(xs[0]!, params, relu, linear, true).data)).toBeLessThan(TOL);
      });
      model.dispose();
    });

    it('training smoke test: a depth-2 U-Net learns disc segmentation (loss below half, > 90 % held-out pixel accuracy)', () => {
      // 20 training and 10 held-out images; Adam (lr 0.01), 24 steps on minibatches of 5. Measured on wasm with model
      // seeds 1–6: final/initial loss ≤ 0.07, accuracy ≥ 97.7 %; seed 5 on cpu and wasm alike: loss ratio 0.04,
      // accuracy 98.7 %. Predicting background everywhere scores 82 %, hence also a Dice bound.
      const rng = createRng(2024);
      const train = discImages(20, rng);
      const test = discImages(10, rng);
      const model = createUNet({ inputShape: [16, 16, 1], depth: 2, baseFilters: 8, convsPerBlock: 1, seed: 5 });
      const optimizer = tf.train.adam(0.01);
      const fullLoss = () => tf.tidy(() => (tf.losses.sigmoidCrossEntropy(train.y, model.apply(train.x) as tf.Tensor) as tf.Scalar).dataSync()[0]!);
      const initial = fullLoss();
      const batch = 5;
      for (let step = 0; step < 24; step++) {
        const start = (step * batch) % 20;
        optimizer.minimize(() =>
          tf.tidy(() => {
            const xb = tf.slice(train.x, [start, 0, 0, 0], [batch, 16, 16, 1]);
            const yb = tf.slice(train.y, [start, 0, 0, 0], [batch, 16, 16, 1]);
            return tf.losses.sigmoidCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar;
          }),
        );
      }
      const final = fullLoss();
      const pred = tf.tidy(() => (model.predict(test.x) as tf.Tensor).dataSync());
      let correct = 0;
      let both = 0;
      let sizes = 0;
      pred.forEach((v, i) => {
        const p = v > 0 ? 1 : 0;
        const t = test.labels[i]!;
        if (p === t) correct++;
        both += p * t;
        sizes += p + t;
      });
      expect(final).toBeLessThan(0.5 * initial);
      expect(correct / pred.length).toBeGreaterThan(0.9);
      expect((2 * both) / sizes).toBeGreaterThan(0.8);
      optimizer.dispose();
      tf.dispose([train.x, train.y, test.x, test.y]);
      model.dispose();
    });
  });
}

describe('U-Net architecture and argument checks', () => {
  it('with the defaults and 3 input channels the block widths are those of Seed 000, Table 3', () => {
    const model = createUNet({ inputShape: [8, 8, 3], seed: 1 });
    const width = (name: string) => (model.getLayer(name).outputShape as number[])[3];
    const table: [string, number][] = [
      ['unet_input', 3],
      ['unet_stem_conv2', 16],
      ['unet_enc1_conv2', 32],
      ['unet_enc2_conv2', 64],
      ['unet_enc3_conv2', 128],
      ['unet_mid_conv2', 128],
      ['unet_dec1_conv2', 64],
      ['unet_dec2_conv2', 32],
      ['unet_dec3_conv2', 16],
      ['unet_head', 1],
    ];
    for (const [name, w] of table) expect([name, width(name)]).toEqual([name, w]);
    expect((model.getLayer('unet_enc3_conv2').outputShape as number[]).slice(1, 3)).toEqual([1, 1]);
    model.dispose();
  });

  it('names the padding that makes an image fit in the error', () => {
    expect(() => createUNet({ inputShape: [12, 30, 1], depth: 2 })).toThrow(
      '@isinglab/gnn createUNet: config.inputShape must be a height and width divisible by 2^depth = 4 (got ',
    );
    expect(() => createUNet({ inputShape: [12, 30, 1], depth: 2 })).toThrow('Pad the images to 12×32 (e.g. tf.mirrorPad) and crop the output, or use depth ≤ 1.');
  });

  const shape: [number, number, number] = [8, 8, 1];
  const cases: [string, () => unknown, string][] = [
    ['a missing config', () => createUNet(undefined as never), 'config'],
    ['no inputShape', () => createUNet({} as never), 'config.inputShape'],
    ['a rank-2 inputShape', () => createUNet({ inputShape: [8, 8] as never }), 'config.inputShape'],
    ['a fractional inputShape', () => createUNet({ inputShape: [8.5, 8, 1] }), 'config.inputShape'],
    ['zero channels', () => createUNet({ inputShape: [8, 8, 0] }), 'config.inputShape'],
    ['a height not divisible by 2^depth', () => createUNet({ inputShape: [12, 16, 1], depth: 3 }), 'config.inputShape'],
    ['depth 0', () => createUNet({ inputShape: shape, depth: 0 }), 'config.depth'],
    ['0 base filters', () => createUNet({ inputShape: shape, baseFilters: 0 }), 'config.baseFilters'],
    ['1.5 output channels', () => createUNet({ inputShape: shape, outputChannels: 1.5 }), 'config.outputChannels'],
    ['an even kernel size', () => createUNet({ inputShape: shape, kernelSize: 4 }), 'config.kernelSize'],
    ['0 convs per block', () => createUNet({ inputShape: shape, convsPerBlock: 0 }), 'config.convsPerBlock'],
    ['an unknown activation', () => createUNet({ inputShape: shape, activation: 'gelu' as never }), 'config.activation'],
    ['an unknown final activation', () => createUNet({ inputShape: shape, finalActivation: 'softmax' as never }), 'config.finalActivation'],
    ['a non-boolean batchNorm', () => createUNet({ inputShape: shape, batchNorm: 'yes' as never }), 'config.batchNorm'],
    ['a fractional seed', () => createUNet({ inputShape: shape, seed: 1.5 }), 'config.seed'],
    ['a name with a space', () => createUNet({ inputShape: shape, name: 'my unet' }), 'config.name'],
    ['an unknown option', () => createUNet({ inputShape: shape, filters: 8 } as never), 'config.filters'],
    ['unetOutputShape with depth 4 on 8×8', () => unetOutputShape({ inputShape: shape, depth: 4 }), 'config.inputShape'],
    ['Conv2DSame without filters', () => new Conv2DSame({} as never), 'config.filters'],
    ['Conv2DSame on a rank-3 tensor', () => new Conv2DSame({ filters: 2 }).apply(tf.ones([8, 8, 1])), 'inputs'],
    ['UpConv2D with 0 filters', () => new UpConv2D({ filters: 0 }), 'config.filters'],
    ['conv2dSame on a rank-3 tensor', () => conv2dSame(tf.ones([8, 8, 1]) as never, tf.ones([3, 3, 1, 1])), 'x'],
    ['conv2dSame with a filter for 2 channels on 1', () => conv2dSame(tf.ones([1, 8, 8, 1]), tf.ones([3, 3, 2, 1])), 'filter'],
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
