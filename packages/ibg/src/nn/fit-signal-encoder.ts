/**
 * The frozen input encoder of the seed's IBG-NN recipe for Chameleon and Squirrel (App. O: "encoded dim" 128,
 * λ = 1): a linear map X W + b of the node features, trained so that its output is a signal the IBG can
 * represent, ‖X W + b − U_r F_src − V_r F_dst‖²_F / D (the signal term of the fit, eq. 8, with the seed code's
 * normalisation by the raw feature dimension D). The seed's code trains it jointly with U, V, r; here the IBG is
 * already fitted and stays fixed, and W, b, F_src, F_dst are trained by Adam from torch's Linear initialisation.
 * The minimiser is not unique (W = 0 is one): what Adam reaches from that start keeps the part of a random
 * projection of X that lies in span[U_r, V_r] and damps the rest, so the encoded features carry the node signal
 * as the communities see it. IBG-NN then reads them as fixed inputs (`encoder: 0`).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkFiniteNumber, checkInteger, checkOptions, createRng, type Rng } from '@isinglab/graph';
import { matMul } from '@isinglab/gnn';
import type { NodeFeatures } from '../data/node-dataset.js';
import type { IbgFactors } from '../model/ibg-factors.js';
import { checkAbortSignal, checkFunction } from '../model/internal/checks.js';
import { checkIbgFactors, synthesisMatrix } from './ibg-operators.js';
import { FeatureMatrix, checkNodeFeatures } from './node-classifier.js';

export interface FitSignalEncoderOptions {
  /** d: columns of the encoded features (the seed uses 128). */
  dim: number;
  /** Seed of the initial W, b, F_src, F_dst (required: no hidden randomness). */
  seed: number;
  /** Adam steps (full batch). @default 1500 */
  epochs?: number;
  /** Adam's learning rate (the seed's fit uses 0.03). @default 0.03 */
  learningRate?: number;
  /** Called every `progressEvery` epochs and after the last. */
  onProgress?: (progress: { epoch: number; epochs: number; loss: number }) => void;
  /** @default 100 */
  progressEvery?: number;
  /** Checked before every epoch; when aborted the call throws `signal.reason`. */
  signal?: AbortSignal;
}

export interface SignalEncoderFit {
  readonly nodes: number;
  readonly dim: number;
  /** X W + b after the last step, N × d row-major: the input of IBG-NN (as dense NodeFeatures). */
  readonly encoded: Float64Array;
  /** W (D × d), b (d). */
  readonly kernel: Float64Array;
  readonly bias: Float64Array;
  /** F_src, F_dst (K × d). */
  readonly sourceFeatures: Float64Array;
  readonly targetFeatures: Float64Array;
  /** The loss before the first step and after every step (epochs + 1 entries). */
  readonly losses: Float64Array;
}

const SITE = { pkg: 'ibg', fn: 'fitSignalEncoder' } as const;
const KEYS = ['dim', 'seed', 'epochs', 'learningRate', 'onProgress', 'progressEvery', 'signal'] as const;

function uniform(rng: Rng, size: number, bound: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.float64() - 1) * bound;
  return out;
}

/**
 * Trains the linear signal encoder against the fixed IBG `factors` (see the module comment). O(epochs·(nnz(X)·d +
 * N·K·d)) with sparse features. Deterministic for a given seed on a given backend.
 * @throws InvalidArgumentError for malformed factors, features of another node count, or bad options;
 *   `signal.reason` when aborted.
 * @example const enc = fitSignalEncoder(fit.factors, data.features, { dim: 128, seed: 1 });
 *   const model = createIbgnnClassifier(fit.factors, { kind: 'dense', rows: enc.nodes, cols: enc.dim, values: enc.encoded }, { classes, seed: 1 });
 */
export function fitSignalEncoder(factors: IbgFactors, features: NodeFeatures, options: FitSignalEncoderOptions): SignalEncoderFit {
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError({ ...SITE, argument: 'options', value: options, rule: 'an object { dim, seed, ... }' });
  const o = checkOptions<FitSignalEncoderOptions>(SITE, options, KEYS);
  const f = checkIbgFactors(SITE, factors);
  const x = checkNodeFeatures(SITE, features, f.nodes);
  const dim = checkInteger(SITE, 'options.dim', o.dim, { min: 1 });
  const seed = checkInteger(SITE, 'options.seed', o.seed);
  const epochs = checkInteger(SITE, 'options.epochs', o.epochs ?? 1500, { min: 0 });
  const learningRate = checkFiniteNumber(SITE, 'options.learningRate', o.learningRate ?? 0.03, { min: 0, minExclusive: true });
  const progressEvery = checkInteger(SITE, 'options.progressEvery', o.progressEvery ?? 100, { min: 1 });
  checkFunction(SITE, 'options.onProgress', o.onProgress);
  const signal = checkAbortSignal(SITE, o.signal);
  const n = f.nodes;
  const k = f.communities;
  const d = x.cols;
  const rng = createRng(seed);
  const synthesis = (m: Float64Array) => tf.tensor2d(Float32Array.from(synthesisMatrix(m, f.weights, n, k)), [n, k]);
  const su = synthesis(f.sourceMemberships);
  const sv = synthesis(f.targetMemberships);
  const xMatrix = new FeatureMatrix(x, { sparse: true });
  // torch.nn.Linear's default initialisation, and the seed code's for the community features
  // tidy frees the initial values that tf.variable copies
  const [w, b, fs, fd] = tf.tidy(() => [
    tf.variable(tf.tensor2d(uniform(rng, d * dim, 1 / Math.sqrt(d)), [d, dim])),
    tf.variable(tf.tensor1d(uniform(rng, dim, 1 / Math.sqrt(d)))),
    tf.variable(tf.tensor2d(uniform(rng, k * dim, 1 / Math.sqrt(k)), [k, dim])),
    tf.variable(tf.tensor2d(uniform(rng, k * dim, 1 / Math.sqrt(k)), [k, dim])),
  ]) as [tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R1>, tf.Variable<tf.Rank.R2>, tf.Variable<tf.Rank.R2>];
  const encode = () => tf.add(xMatrix.times(w), b) as tf.Tensor2D;
  const lossOf = () => tf.div(tf.sum(tf.square(tf.sub(encode(), tf.add(matMul(su, fs, false, false, 'a'), matMul(sv, fd, false, false, 'a'))))), d) as tf.Scalar;
  const optimizer = tf.train.adam(learningRate);
  const losses = new Float64Array(epochs + 1);
  try {
    losses[0] = tf.tidy(() => lossOf().dataSync()[0] as number);
    for (let e = 1; e <= epochs; e++) {
      signal?.throwIfAborted();
      optimizer.minimize(lossOf, false, [w, b, fs, fd]);
      if (e % progressEvery === 0 || e === epochs) {
        losses[e] = tf.tidy(() => lossOf().dataSync()[0] as number);
        o.onProgress?.({ epoch: e, epochs, loss: losses[e] as number });
      } else {
        losses[e] = Number.NaN;
      }
    }
    const encodedTensor = tf.tidy(encode);
    const encoded = Float64Array.from(encodedTensor.dataSync());
    encodedTensor.dispose();
    return Object.freeze({
      nodes: n,
      dim,
      encoded,
      kernel: Float64Array.from(w.dataSync()),
      bias: Float64Array.from(b.dataSync()),
      sourceFeatures: Float64Array.from(fs.dataSync()),
      targetFeatures: Float64Array.from(fd.dataSync()),
      losses,
    });
  } finally {
    optimizer.dispose();
    xMatrix.dispose();
    tf.dispose([su, sv, w, b, fs, fd]);
  }
}
