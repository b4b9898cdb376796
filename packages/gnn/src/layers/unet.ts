/**
 * An image U-Net (Ronneberger, Fischer & Brox 2015) that maps an image to one real value per pixel and channel —
 * in "Ising on the Graph" (Seed 000) the magnetic field h_i of an Ising model on the pixel grid, which a sampler
 * then turns into a segmentation. The blocks follow that paper's Table 3 (itself after yassouali/pytorch-segmentation):
 * an input block, `depth` down-sampling blocks, a middle block and `depth` up-sampling blocks with skip connections,
 * then a 1×1 output convolution. With the defaults (baseFilters 16, depth 3) and 3 input channels the widths are
 * 3→16, 16→32, 32→64, 64→128, 128→128, 128→64, 64→32, 32→16, 16→1.
 *
 * Two tfjs 4.22 gaps decide the building blocks, so that the model trains on cpu and wasm alike:
 * - tfjs-backend-wasm has no `Conv2DBackpropFilter` kernel, so the kernels of `tf.layers.conv2d` and
 *   `tf.layers.conv2dTranspose` get no gradient there. `Conv2DSame` keeps tfjs' forward convolution and input
 *   gradient (`Conv2DBackpropInput` exists on wasm) and computes the filter gradient as another forward convolution.
 * - tfjs-backend-cpu's `ResizeNearestNeighborGrad` (the gradient of `tf.layers.upSampling2d`) indexes dy with the
 *   input's batch stride, so its gradient is wrong for batch > 1. `UpConv2D` is the 2×2, stride-2 transposed
 *   convolution of the U-Net paper written as one matrix product plus reshapes and a rank-4 transpose.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkBoolean, checkInteger, checkOneOf, type CheckSite } from '@isinglab/graph';
import { ACTIVATIONS, activate, checkSeed, firstInput, lastDim, type ActivationName } from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

// ---------------------------------------------------------------------------------------------------------------
// The convolution op

/**
 * 2-D convolution with stride 1 and tfjs' 'same' zero padding (for a kernel of size k, ⌊(k−1)/2⌋ rows and columns
 * before, the rest after): out[b, i, j, o] = Σ_{a, c, q} xpad[b, i + a, j + c, q] · filter[a, c, q, o].
 * Shapes: x [batch, height, width, inChannels], filter [kh, kw, inChannels, outChannels] → [batch, height, width,
 * outChannels]. Differentiable in both arguments on every backend: dx through tfjs' `conv2dTranspose`
 * (Conv2DBackpropInput), d(filter) as a forward 'valid' convolution of the padded x (channels and batch swapped)
 * with dy as the filter, because tfjs-backend-wasm has no Conv2DBackpropFilter kernel. Cost: forward and each
 * gradient O(batch · height · width · kh · kw · inChannels · outChannels), plus transposed copies of x and dy.
 * First-order gradients only (tf.customGrad).
 */
export function conv2dSame(x: tf.Tensor4D, filter: tf.Tensor4D): tf.Tensor4D {
  const site = { pkg: 'gnn', fn: 'conv2dSame' } as const;
  if (!(x instanceof tf.Tensor) || x.rank !== 4) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'x',
      value: x instanceof tf.Tensor ? `shape [${x.shape.join(', ')}]` : x,
      rule: 'a rank-4 tensor [batch, height, width, channels]',
    });
  }
  if (!(filter instanceof tf.Tensor) || filter.rank !== 4 || filter.shape[2] !== x.shape[3]) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'filter',
      value: filter instanceof tf.Tensor ? `shape [${filter.shape.join(', ')}]` : filter,
      rule: `a rank-4 tensor [kh, kw, ${x.shape[3]}, outChannels] (its third dimension the input's channels)`,
    });
  }
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xt, ft, save] = args as [tf.Tensor4D, tf.Tensor4D, tf.GradSaveFunc];
    save([xt, ft]);
    return {
      value: tf.conv2d(xt, ft, 1, 'same'),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, fs] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        const dx = tf.conv2dTranspose(dy4, fs, xs.shape, 1, 'same');
        return [dx, filterGradient(xs, dy4, fs.shape)];
      },
    };
  });
  return op(x, filter) as tf.Tensor4D;
}

function filterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, shape: [number, number, number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw] = shape;
    const top = Math.floor((kh - 1) / 2);
    const left = Math.floor((kw - 1) / 2);
    const padded = tf.pad(x, [
      [0, 0],
      [top, kh - 1 - top],
      [left, kw - 1 - left],
      [0, 0],
    ]);
    // dW[a, c, q, o] = Σ_{b,i,j} xpad[b, i+a, j+c, q] · dy[b, i, j, o] is itself a 'valid' convolution: input
    // channels q as the batch, the batch b as the channels, dy as a [height, width, batch, out] filter.
    const xT = tf.transpose(padded, [3, 1, 2, 0]);
    const dyT = tf.transpose(dy, [1, 2, 0, 3]);
    return tf.transpose(tf.conv2d(xT, dyT, 1, 'valid'), [1, 2, 0, 3]);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The convolution layer

export interface Conv2DSameConfig {
  /** Output channels. */
  filters: number;
  /** Side of the square kernel. @default 3 */
  kernelSize?: number;
  /** @default 'linear' */
  activation?: ActivationName;
  /** Add a bias per output channel. @default true */
  useBias?: boolean;
  /** Seed of the He-normal kernel initialiser; undefined draws from tfjs' global generator. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * A tf.layers convolution, act(conv2dSame(x, K) + b) with a [k, k, inChannels, filters] kernel K, that trains on
 * every backend (see `conv2dSame`: tfjs' own conv2d layer cannot be trained on wasm). Input [batch, height, width,
 * inChannels] → [batch, height, width, filters]; stride 1, 'same' zero padding. Kernel initialiser He-normal
 * (He et al. 2015, the variance Ronneberger et al. recommend for ReLU U-Nets), bias zeros.
 */
export class Conv2DSame extends tf.layers.Layer {
  static className = 'IsinglabConv2DSame';
  readonly filters: number;
  readonly kernelSize: number;
  readonly activation: ActivationName;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(config: Conv2DSameConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    const site = { pkg: 'gnn', fn: 'Conv2DSame' } as const;
    if (typeof config !== 'object' || config === null) {
      throw new InvalidArgumentError({ ...site, argument: 'config', value: config, rule: 'an object { filters, ... }' });
    }
    this.filters = checkInteger(site, 'config.filters', config.filters, { min: 1 });
    this.kernelSize = checkInteger(site, 'config.kernelSize', config.kernelSize ?? 3, { min: 1 });
    this.activation = checkOneOf(site, 'config.activation', config.activation ?? 'linear', ACTIVATIONS);
    this.useBias = checkBoolean(site, 'config.useBias', config.useBias ?? true);
    this.seed = checkSeed(site.fn, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const inC = lastDim(inputShape);
    const k = this.kernelSize;
    const init = tf.initializers.heNormal(this.seed === undefined ? {} : { seed: this.seed });
    this.kernel = this.addWeight('kernel', [k, k, inC, this.filters], 'float32', init);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...s.slice(0, -1), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs);
      if (x.rank !== 4) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: 'Conv2DSame',
          argument: 'inputs',
          value: `a tensor of shape [${x.shape.join(', ')}]`,
          rule: 'a rank-4 tensor [batch, height, width, channels]',
        });
      }
      let h: tf.Tensor = conv2dSame(x as tf.Tensor4D, (this.kernel as tf.LayerVariable).read() as tf.Tensor4D);
      if (this.bias !== undefined) h = tf.add(h, this.bias.read());
      return activate(h, this.activation);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      filters: this.filters,
      kernelSize: this.kernelSize,
      activation: this.activation,
      useBias: this.useBias,
    };
    if (this.seed !== undefined) config.seed = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(Conv2DSame);

export interface UpConv2DConfig {
  /** Output channels. */
  filters: number;
  /** Add a bias per output channel. @default true */
  useBias?: boolean;
  /** Seed of the He-normal kernel initialiser; undefined draws from tfjs' global generator. */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * The U-Net "up-convolution": a 2×2 transposed convolution with stride 2 (as torch's ConvTranspose2d(k=2, s=2)),
 * out[b, 2i + a, 2j + c, o] = Σ_q x[b, i, j, q] · K[a, c, q, o] + bias[o], with a [2, 2, inChannels, filters]
 * kernel. Input [batch, h, w, inChannels] → [batch, 2h, 2w, filters]. Computed as one [batch·h·w, inChannels] ×
 * [inChannels, 4·filters] product and a rank-4 transpose, so it trains on every backend (see the module note).
 * Cost O(batch · h · w · inChannels · 4 · filters). He-normal kernel, zero bias.
 */
export class UpConv2D extends tf.layers.Layer {
  static className = 'IsinglabUpConv2D';
  readonly filters: number;
  readonly useBias: boolean;
  readonly seed: number | undefined;
  private kernel: tf.LayerVariable | undefined;
  private bias: tf.LayerVariable | undefined;

  constructor(config: UpConv2DConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    const site = { pkg: 'gnn', fn: 'UpConv2D' } as const;
    if (typeof config !== 'object' || config === null) {
      throw new InvalidArgumentError({ ...site, argument: 'config', value: config, rule: 'an object { filters, ... }' });
    }
    this.filters = checkInteger(site, 'config.filters', config.filters, { min: 1 });
    this.useBias = checkBoolean(site, 'config.useBias', config.useBias ?? true);
    this.seed = checkSeed(site.fn, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const inC = lastDim(inputShape);
    const init = tf.initializers.heNormal(this.seed === undefined ? {} : { seed: this.seed });
    this.kernel = this.addWeight('kernel', [2, 2, inC, this.filters], 'float32', init);
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const double = (d: number | null | undefined) => (typeof d === 'number' ? 2 * d : null);
    return [s[0] ?? null, double(s[1]), double(s[2]), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = firstInput(inputs);
      if (x.rank !== 4) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: 'UpConv2D',
          argument: 'inputs',
          value: `a tensor of shape [${x.shape.join(', ')}]`,
          rule: 'a rank-4 tensor [batch, height, width, channels]',
        });
      }
      const [batch, h, w, inC] = x.shape as [number, number, number, number];
      const f = this.filters;
      const kernel = (this.kernel as tf.LayerVariable).read();
      // [a, c, q, o] → [q, (a, c, o)]: one product gives every output pixel of each 2×2 block
      const k2 = tf.reshape(tf.transpose(kernel, [2, 0, 1, 3]), [inC, 4 * f]);
      const y = matMul(tf.reshape(x, [batch * h * w, inC]), k2);
      // rows (b, i, j), columns (a, c, o) → (b, i, a, j, c, o): swap j and a, then the layout is [b, 2h, 2w, o]
      const blocks = tf.transpose(tf.reshape(y, [batch * h, w, 2, 2 * f]), [0, 2, 1, 3]);
      let out: tf.Tensor = tf.reshape(blocks, [batch, 2 * h, 2 * w, f]);
      if (this.bias !== undefined) out = tf.add(out, this.bias.read());
      return out;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { filters: this.filters, useBias: this.useBias };
    if (this.seed !== undefined) config.seed = this.seed;
    return { ...super.getConfig(), ...config };
  }
}
tf.serialization.registerClass(UpConv2D);

// ---------------------------------------------------------------------------------------------------------------
// The U-Net

export interface UNetConfig {
  /** [height, width, channels] of one input image; height and width must be divisible by 2^depth. */
  inputShape: readonly [number, number, number];
  /** Values per output pixel (1: one Ising field value h_i per pixel). @default 1 */
  outputChannels?: number;
  /** Channels of the input block; doubled at each down-sampling level. @default 16 */
  baseFilters?: number;
  /** Number of down-sampling (and up-sampling) levels; each halves height and width. @default 3 */
  depth?: number;
  /** Side of the (odd, square) kernels of the block convolutions. @default 3 */
  kernelSize?: number;
  /** Convolutions per block (2 in Ronneberger et al.). @default 2 */
  convsPerBlock?: number;
  /** Activation after each block convolution. @default 'relu' */
  activation?: ActivationName;
  /** Activation of the 1×1 output convolution ('linear': the Ising field is real-valued). @default 'linear' */
  finalActivation?: ActivationName;
  /** Batch normalisation between each block convolution (then without bias) and its activation. @default false */
  batchNorm?: boolean;
  /**
   * Seed of the kernel initialisers: the i-th convolution (in construction order) uses seed + i. Undefined draws
   * from tfjs' global generator. @default undefined
   */
  seed?: number;
  /** Name of the model and prefix of its layer names (`<name>_enc1_conv2`, ...). @default 'unet' */
  name?: string;
}

type ResolvedUNetConfig = Required<Omit<UNetConfig, 'seed'>> & { seed: number | undefined };

const UNET_KEYS: readonly (keyof UNetConfig)[] = [
  'inputShape',
  'outputChannels',
  'baseFilters',
  'depth',
  'kernelSize',
  'convsPerBlock',
  'activation',
  'finalActivation',
  'batchNorm',
  'seed',
  'name',
];

function resolveUNetConfig(fn: string, config: unknown): ResolvedUNetConfig {
  const site: CheckSite = { pkg: 'gnn', fn };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new InvalidArgumentError({ ...site, argument: 'config', value: config, rule: 'an object { inputShape, ... }' });
  }
  const c = config as UNetConfig;
  for (const key of Object.keys(c)) {
    if (!(UNET_KEYS as readonly string[]).includes(key)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `config.${key}`,
        value: (c as unknown as Record<string, unknown>)[key],
        rule: `absent (unknown option; known options are ${UNET_KEYS.join(', ')})`,
      });
    }
  }
  const shape = c.inputShape as unknown;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every((d) => Number.isInteger(d) && (d as number) >= 1)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'config.inputShape',
      value: shape,
      rule: 'an array [height, width, channels] of 3 positive integers',
      hint: 'Give the shape of one image, without the batch dimension.',
    });
  }
  const depth = checkInteger(site, 'config.depth', c.depth ?? 3, { min: 1 });
  const [height, width] = shape as [number, number, number];
  const stride = 2 ** depth;
  if (height % stride !== 0 || width % stride !== 0) {
    const up = (v: number) => Math.ceil(v / stride) * stride;
    // the deepest level the image supports as it is: the 2-adic valuation of gcd(height, width)
    let maxDepth = 0;
    while (height % 2 ** (maxDepth + 1) === 0 && width % 2 ** (maxDepth + 1) === 0) maxDepth++;
    throw new InvalidArgumentError({
      ...site,
      argument: 'config.inputShape',
      value: `${height}×${width}`,
      rule: `a height and width divisible by 2^depth = ${stride}`,
      hint:
        `Pad the images to ${up(height)}×${up(width)} (e.g. tf.mirrorPad) and crop the output` +
        (maxDepth >= 1 ? `, or use depth ≤ ${maxDepth}.` : '.'),
    });
  }
  const kernelSize = checkInteger(site, 'config.kernelSize', c.kernelSize ?? 3, { min: 1 });
  if (kernelSize % 2 === 0) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'config.kernelSize',
      value: kernelSize,
      rule: 'an odd positive integer',
      hint: "Even kernels pad 'same' convolutions asymmetrically; use 3 or 5.",
    });
  }
  const name = c.name ?? 'unet';
  if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'config.name',
      value: name,
      rule: 'a name of letters, digits and _ starting with a letter',
    });
  }
  return {
    inputShape: [height, width, shape[2] as number],
    outputChannels: checkInteger(site, 'config.outputChannels', c.outputChannels ?? 1, { min: 1 }),
    baseFilters: checkInteger(site, 'config.baseFilters', c.baseFilters ?? 16, { min: 1 }),
    depth,
    kernelSize,
    convsPerBlock: checkInteger(site, 'config.convsPerBlock', c.convsPerBlock ?? 2, { min: 1 }),
    activation: checkOneOf(site, 'config.activation', c.activation ?? 'relu', ACTIVATIONS),
    finalActivation: checkOneOf(site, 'config.finalActivation', c.finalActivation ?? 'linear', ACTIVATIONS),
    batchNorm: checkBoolean(site, 'config.batchNorm', c.batchNorm ?? false),
    seed: checkSeed(fn, c.seed),
    name,
  };
}

/**
 * Shape [height, width, outputChannels] of the U-Net's output for one image (the batch dimension is the input's);
 * validates `config` as `createUNet` does. O(1).
 */
export function unetOutputShape(config: UNetConfig): [number, number, number] {
  const c = resolveUNetConfig('unetOutputShape', config);
  return [c.inputShape[0], c.inputShape[1], c.outputChannels];
}

/**
 * Builds a U-Net (Ronneberger et al. 2015) as a tf.LayersModel with the functional API: [batch, height, width,
 * channels] → [batch, height, width, outputChannels], e.g. one Ising magnetic-field value per pixel (Seed 000, App.
 * B.1). With F = baseFilters and D = depth:
 * - input block: convsPerBlock × (k×k conv → activation) to F channels, at full resolution (skip 0);
 * - encoder ℓ = 1..D: 2×2 max-pooling, then convs to F·2^ℓ channels at 1/2^ℓ resolution (skip ℓ, ℓ < D);
 * - middle block: convs keeping F·2^D channels at the coarsest resolution;
 * - decoder ℓ = 1..D: a 2×2 stride-2 transposed convolution (`UpConv2D`, linear) to F·2^(D−ℓ) channels at twice
 *   the resolution, concatenation [skip D−ℓ, up-sampled], then convs to F·2^(D−ℓ) channels;
 * - output: a 1×1 convolution to outputChannels with finalActivation.
 * With batchNorm each block conv is conv (no bias) → batch normalisation → activation. Layer names are
 * `<name>_stem_conv1`, `<name>_enc2_pool`, `<name>_enc2_conv1`, `<name>_mid_conv1`,
 * `<name>_dec1_upconv`, `<name>_dec1_concat`, `<name>_dec1_conv1`, `<name>_head` (and `_bn<i>`, `_act<i>`).
 * Cost per image: O((2D + 1) · H·W·k²·F²·convsPerBlock) multiply-adds — every level costs about the same (a quarter
 * of the pixels, four times the F²); parameters O(k²F²·4^D·convsPerBlock), 777k with the defaults and 3 channels.
 * Trains on the cpu and wasm backends (tested; see the module note for why not `tf.layers.conv2d`/`upSampling2d`).
 * Serialisable with model.toJSON / tf.models.modelFromJSON once this module is imported (it registers Conv2DSame
 * and UpConv2D).
 * @example const model = createUNet({ inputShape: [64, 64, 3], seed: 1 }); // 3→16→32→64→128, field [b, 64, 64, 1]
 */
export function createUNet(config: UNetConfig): tf.LayersModel {
  const c = resolveUNetConfig('createUNet', config);
  const { name, baseFilters: f, depth, convsPerBlock } = c;
  let convIndex = 0;
  const nextSeed = () => (c.seed === undefined ? undefined : c.seed + convIndex++);
  const conv = (x: tf.SymbolicTensor, filters: number, kernelSize: number, layerName: string, activation: ActivationName, useBias = true) =>
    new Conv2DSame({ filters, kernelSize, activation, useBias, seed: nextSeed(), name: layerName }).apply(x) as tf.SymbolicTensor;
  const block = (input: tf.SymbolicTensor, filters: number, prefix: string): tf.SymbolicTensor => {
    let x = input;
    for (let i = 1; i <= convsPerBlock; i++) {
      if (c.batchNorm) {
        x = conv(x, filters, c.kernelSize, `${prefix}_conv${i}`, 'linear', false);
        x = tf.layers.batchNormalization({ axis: -1, name: `${prefix}_bn${i}` }).apply(x) as tf.SymbolicTensor;
        x = tf.layers.activation({ activation: c.activation, name: `${prefix}_act${i}` }).apply(x) as tf.SymbolicTensor;
      } else {
        x = conv(x, filters, c.kernelSize, `${prefix}_conv${i}`, c.activation);
      }
    }
    return x;
  };

  const input = tf.input({ shape: [...c.inputShape], name: `${name}_input` });
  const skips: tf.SymbolicTensor[] = [block(input, f, `${name}_stem`)];
  let x = skips[0] as tf.SymbolicTensor;
  for (let level = 1; level <= depth; level++) {
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid', name: `${name}_enc${level}_pool` }).apply(x) as tf.SymbolicTensor;
    x = block(x, f * 2 ** level, `${name}_enc${level}`);
    if (level < depth) skips.push(x);
  }
  x = block(x, f * 2 ** depth, `${name}_mid`);
  for (let level = 1; level <= depth; level++) {
    const filters = f * 2 ** (depth - level);
    const prefix = `${name}_dec${level}`;
    x = new UpConv2D({ filters, seed: nextSeed(), name: `${prefix}_upconv` }).apply(x) as tf.SymbolicTensor;
    const skip = skips[depth - level] as tf.SymbolicTensor;
    x = tf.layers.concatenate({ axis: -1, name: `${prefix}_concat` }).apply([skip, x]) as tf.SymbolicTensor;
    x = block(x, filters, prefix);
  }
  const output = conv(x, c.outputChannels, 1, `${name}_head`, c.finalActivation);
  return tf.model({ inputs: input, outputs: output, name });
}
