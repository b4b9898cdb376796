/**
 * A plain float64 U-Net written without tfjs: the independent side of the U-Net tests. Images are one picture
 * each, row-major [height, width, channels] in a Float64Array; kernels [k, k, inChannels, outChannels] as in tfjs.
 */

export interface Image {
  height: number;
  width: number;
  channels: number;
  data: Float64Array;
}

/** Inference-mode batch normalisation of one convolution's output: γ (x − mean) / √(variance + ε) + β. */
export interface BatchNormParams {
  gamma: Float64Array;
  beta: Float64Array;
  mean: Float64Array;
  variance: Float64Array;
  epsilon: number;
}

export interface ConvParams {
  kernelSize: number;
  inChannels: number;
  outChannels: number;
  kernel: Float64Array;
  bias: Float64Array | null;
  batchNorm?: BatchNormParams;
}

export interface UNetParams {
  stem: ConvParams[];
  /** encoders[ℓ − 1]: the convolutions of level ℓ (after its max-pooling). */
  encoders: ConvParams[][];
  middle: ConvParams[];
  /** decoders[ℓ − 1]: the 2×2 stride-2 up-convolution and the convolutions of decoder ℓ (ℓ = 1 the deepest). */
  decoders: { up: ConvParams; convs: ConvParams[] }[];
  head: ConvParams;
}

export type Scalar = (v: number) => number;

export const relu: Scalar = (v) => (v > 0 ? v : 0);
export const linear: Scalar = (v) => v;

export function image(height: number, width: number, channels: number, data?: ArrayLike<number>): Image {
  const d = new Float64Array(height * width * channels);
  if (data !== undefined) d.set(data);
  return { height, width, channels, data: d };
}

/** Stride-1 convolution with tfjs' 'same' zero padding: ⌊(k − 1)/2⌋ before, the rest after. */
export function conv2d(x: Image, p: ConvParams): Image {
  if (x.channels !== p.inChannels) throw new Error(`conv2d: ${x.channels} channels into a ${p.inChannels}-channel kernel`);
  const { height, width } = x;
  const k = p.kernelSize;
  const before = Math.floor((k - 1) / 2);
  const out = image(height, width, p.outChannels);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const o = (i * width + j) * p.outChannels;
      for (let a = 0; a < k; a++) {
        const si = i + a - before;
        if (si < 0 || si >= height) continue;
        for (let c = 0; c < k; c++) {
          const sj = j + c - before;
          if (sj < 0 || sj >= width) continue;
          const s = (si * width + sj) * x.channels;
          for (let q = 0; q < x.channels; q++) {
            const v = x.data[s + q]!;
            const w = ((a * k + c) * p.inChannels + q) * p.outChannels;
            for (let r = 0; r < p.outChannels; r++) out.data[o + r]! += v * p.kernel[w + r]!;
          }
        }
      }
      if (p.bias !== null) for (let r = 0; r < p.outChannels; r++) out.data[o + r]! += p.bias[r]!;
    }
  }
  const bn = p.batchNorm;
  if (bn !== undefined) {
    for (let e = 0; e < out.data.length; e++) {
      const r = e % p.outChannels;
      out.data[e] = (bn.gamma[r]! * (out.data[e]! - bn.mean[r]!)) / Math.sqrt(bn.variance[r]! + bn.epsilon) + bn.beta[r]!;
    }
  }
  return out;
}

export function mapImage(x: Image, f: Scalar): Image {
  return { ...x, data: x.data.map(f) };
}

/** 2×2 max-pooling with stride 2 (height and width even). */
export function maxPool2(x: Image): Image {
  const out = image(x.height / 2, x.width / 2, x.channels);
  for (let i = 0; i < out.height; i++) {
    for (let j = 0; j < out.width; j++) {
      for (let q = 0; q < x.channels; q++) {
        let m = -Infinity;
        for (let a = 0; a < 2; a++) for (let c = 0; c < 2; c++) m = Math.max(m, x.data[((2 * i + a) * x.width + 2 * j + c) * x.channels + q]!);
        out.data[(i * out.width + j) * x.channels + q] = m;
      }
    }
  }
  return out;
}

/** 2×2 stride-2 transposed convolution: out[2i + a, 2j + c, o] = Σ_q x[i, j, q] K[a, c, q, o] + b[o]. */
export function upConv2x(x: Image, p: ConvParams): Image {
  if (p.kernelSize !== 2 || x.channels !== p.inChannels) throw new Error('upConv2x: needs a [2, 2, in, out] kernel');
  const out = image(2 * x.height, 2 * x.width, p.outChannels);
  for (let i = 0; i < out.height; i++) {
    for (let j = 0; j < out.width; j++) {
      const s = ((i >> 1) * x.width + (j >> 1)) * x.channels;
      const o = (i * out.width + j) * p.outChannels;
      const tap = ((i & 1) * 2 + (j & 1)) * p.inChannels;
      for (let r = 0; r < p.outChannels; r++) {
        let v = p.bias === null ? 0 : p.bias[r]!;
        for (let q = 0; q < x.channels; q++) v += x.data[s + q]! * p.kernel[(tap + q) * p.outChannels + r]!;
        out.data[o + r] = v;
      }
    }
  }
  return out;
}

/** Channel concatenation [a, b]. */
export function concatChannels(a: Image, b: Image): Image {
  const channels = a.channels + b.channels;
  const out = image(a.height, a.width, channels);
  for (let p = 0; p < a.height * a.width; p++) {
    for (let q = 0; q < a.channels; q++) out.data[p * channels + q] = a.data[p * a.channels + q]!;
    for (let q = 0; q < b.channels; q++) out.data[p * channels + a.channels + q] = b.data[p * b.channels + q]!;
  }
  return out;
}

function block(x: Image, convs: ConvParams[], act: Scalar): Image {
  let h = x;
  for (const p of convs) h = mapImage(conv2d(h, p), act);
  return h;
}

/**
 * The U-Net of Ronneberger et al. as createUNet documents it: input block (skip 0), D × (max-pool, block) keeping
 * skips 1..D−1, middle block, D × (2×2 stride-2 up-conv, concat [skip, up], block), then the head conv with
 * `finalAct`. `zeroSkips` replaces every skip tensor by zeros (to show that the skip path matters).
 */
export function unetReference(x: Image, params: UNetParams, act: Scalar, finalAct: Scalar, zeroSkips = false): Image {
  const depth = params.encoders.length;
  let h = block(x, params.stem, act);
  const skips = [h];
  for (let level = 1; level <= depth; level++) {
    h = block(maxPool2(h), params.encoders[level - 1]!, act);
    if (level < depth) skips.push(h);
  }
  h = block(h, params.middle, act);
  for (let level = 1; level <= depth; level++) {
    const dec = params.decoders[level - 1]!;
    const up = upConv2x(h, dec.up);
    const skip = skips[depth - level]!;
    h = block(concatChannels(zeroSkips ? image(skip.height, skip.width, skip.channels) : skip, up), dec.convs, act);
  }
  return mapImage(conv2d(h, params.head), finalAct);
}

/** Every parameter array of `params`, in a fixed order (for finite differences over all of them). */
export function parameterArrays(params: UNetParams): Float64Array[] {
  const convs = [...params.stem, ...params.encoders.flat(), ...params.middle, ...params.decoders.flatMap((d) => [d.up, ...d.convs]), params.head];
  return convs.flatMap((p) => [p.kernel, ...(p.bias === null ? [] : [p.bias])]);
}
