/**
 * One check list for every graph layer: forward vs a float64 reference written without tfjs, gradients (one weight,
 * the first input) vs central differences of that reference, no tensor leaks, and a getConfig → fromConfig round trip.
 */
import { expect } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { dense, maxAbsDiff, type Dense } from './dense.js';

export const FORWARD_TOL = 1e-5;
export const GRAD_RTOL = 1e-4;

export const f32 = (m: Dense) => tf.tensor2d(Float32Array.from(m.data), [m.rows, m.cols], 'float32');

/** A layer's weights as float64 matrices (vectors as 1 × k, scalars as 1 × 1), in getWeights order. */
export function weightsOf(layer: tf.layers.Layer): Dense[] {
  return layer.getWeights().map((t) => {
    const rows = t.rank === 2 ? t.shape[0]! : 1;
    const cols = t.rank === 2 ? t.shape[1]! : t.rank === 1 ? t.shape[0]! : 1;
    return dense(rows, cols, t.dataSync());
  });
}

function loss(out: Dense, r: Dense): number {
  let s = 0;
  for (let k = 0; k < out.data.length; k++) s += out.data[k]! * r.data[k]!;
  return s;
}

/** Central differences (h = 1e-6) of Σ R ⊙ f(m) with respect to every entry of m. */
export function centralDifferences(m: Dense, r: Dense, f: (p: Dense) => Dense): Float64Array {
  const h = 1e-6;
  const g = new Float64Array(m.data.length);
  for (let k = 0; k < g.length; k++) {
    const plus = dense(m.rows, m.cols, m.data);
    const minus = dense(m.rows, m.cols, m.data);
    plus.data[k]! += h;
    minus.data[k]! -= h;
    g[k] = (loss(f(plus), r) - loss(f(minus), r)) / (2 * h);
  }
  return g;
}

export function expectGradClose(got: ArrayLike<number>, want: Float64Array): void {
  const scale = Math.max(...Array.from(want, Math.abs));
  expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(Math.max(1e-5, GRAD_RTOL * scale));
}

export interface LayerCase {
  layer: tf.layers.Layer;
  /** Float64 inputs; a single input is passed as a tensor, several as a list. */
  inputs: Dense[];
  kwargs: Record<string, unknown>;
  reference: (weights: Dense[], inputs: Dense[]) => Dense;
  /** Index (in getWeights order) of the weight whose gradient is checked. @default 0 */
  weightIndex?: number;
  /** Random seed-derived cotangent R for the loss Σ R ⊙ out. */
  cotangent: Dense;
}

function apply(c: LayerCase, tensors: tf.Tensor[]): tf.Tensor {
  return c.layer.apply(tensors.length === 1 ? tensors[0]! : tensors, c.kwargs) as tf.Tensor;
}

/** Builds the layer, then checks forward, the weight and input gradients and tensor bookkeeping. */
export function checkLayer(c: LayerCase): void {
  tf.tidy(() => void apply(c, c.inputs.map(f32)));
  const weights = weightsOf(c.layer);
  const wi = c.weightIndex ?? 0;
  const before = tf.memory().numTensors;
  tf.tidy(() => {
    const xs = c.inputs.map(f32);
    const out = apply(c, xs);
    expect(maxAbsDiff(out.dataSync(), c.reference(weights, c.inputs).data)).toBeLessThan(FORWARD_TOL);
    const rt = f32(c.cotangent);
    const variable = c.layer.trainableWeights[wi]!.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => apply(c, xs).mul(rt).sum() as tf.Scalar, [variable]);
    const fdWeight = centralDifferences(weights[wi]!, c.cotangent, (w) => c.reference(weights.map((m, k) => (k === wi ? w : m)), c.inputs));
    expectGradClose(grads[variable.name]!.dataSync(), fdWeight);
    const dx = tf.grad((v: tf.Tensor) => apply(c, [v, ...xs.slice(1)]).mul(rt).sum())(xs[0]!);
    const fdInput = centralDifferences(c.inputs[0]!, c.cotangent, (x) => c.reference(weights, [x, ...c.inputs.slice(1)]));
    expectGradClose(dx.dataSync(), fdInput);
  });
  expect(tf.memory().numTensors).toBe(before);
}

/** getConfig → JSON → fromConfig (through tfjs' registry) gives a layer with equal config and, given the same weights, equal outputs. */
export function checkConfigRoundTrip(c: LayerCase): void {
  const layer = c.layer;
  tf.tidy(() => void apply(c, c.inputs.map(f32)));
  const config = JSON.parse(JSON.stringify(layer.getConfig())) as tf.serialization.ConfigDict;
  const className = (layer.constructor as unknown as { className: string }).className;
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  expect(entry).toBeDefined();
  const clone = entry![1](entry![0], config) as tf.layers.Layer;
  const cloneCase = { ...c, layer: clone };
  tf.tidy(() => void apply(cloneCase, c.inputs.map(f32)));
  clone.setWeights(layer.getWeights());
  expect(clone.getConfig()).toEqual(layer.getConfig());
  tf.tidy(() => {
    const a = apply(c, c.inputs.map(f32)).dataSync();
    const b = apply(cloneCase, c.inputs.map(f32)).dataSync();
    expect(Array.from(b)).toEqual(Array.from(a));
  });
}
