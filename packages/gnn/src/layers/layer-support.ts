/**
 * What the graph layers share: the activation names they accept, reading the adjacency from `apply`'s kwargs,
 * and config validation with the package's error type.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkInteger } from '@isinglab/graph';
import { isSparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import type { Aggregation } from '../ops/spmm.js';

export type ActivationName = 'linear' | 'relu' | 'elu' | 'tanh' | 'sigmoid';
export const ACTIVATIONS: readonly ActivationName[] = ['linear', 'relu', 'elu', 'tanh', 'sigmoid'];

export function activate(x: tf.Tensor, name: ActivationName): tf.Tensor {
  switch (name) {
    case 'relu':
      return tf.relu(x);
    case 'elu':
      return tf.elu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    default:
      return x;
  }
}

/** Keyword arguments of a graph layer's `apply`/`call`: the message-passing matrix. */
export interface GraphKwargs {
  adjacency: SparseAdjacency;
}

export function adjacencyFromKwargs(fn: string, kwargs: unknown, rows: number, key = 'adjacency'): SparseAdjacency {
  const adjacency = (kwargs as Record<string, unknown> | undefined)?.[key];
  if (!isSparseAdjacency(adjacency)) {
    throw new InvalidArgumentError({
      pkg: 'gnn',
      fn,
      argument: `kwargs.${key}`,
      value: adjacency,
      rule: 'a SparseAdjacency',
      hint: 'Call layer.apply(x, { adjacency }) with adjacency from adjacencyFromGraph.',
    });
  }
  if (adjacency.rows !== rows || adjacency.cols !== rows) {
    throw new InvalidArgumentError({
      pkg: 'gnn',
      fn,
      argument: `kwargs.${key}`,
      value: `${adjacency.rows}×${adjacency.cols} adjacency`,
      rule: `a ${rows}×${rows} adjacency (one row and column per node of the input)`,
    });
  }
  return adjacency;
}

export function firstInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
}

export function lastDim(shape: tf.Shape | tf.Shape[]): number {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
  const d = s[s.length - 1];
  if (typeof d !== 'number') throw new Error('graph layers need a known feature dimension');
  return d;
}

export function checkPositiveInteger(fn: string, argument: string, value: unknown): number {
  return checkInteger({ pkg: 'gnn', fn }, argument, value, { min: 1 });
}

export function checkActivation(fn: string, value: unknown, argument = 'config.activation'): ActivationName {
  if (value === undefined) return 'linear';
  if (!ACTIVATIONS.includes(value as ActivationName)) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn, argument, value, rule: `one of ${ACTIVATIONS.join(', ')}` });
  }
  return value as ActivationName;
}

export function checkSeed(fn: string, value: unknown): number | undefined {
  return value === undefined ? undefined : checkInteger({ pkg: 'gnn', fn }, 'config.seed', value);
}

export function checkAggregation(fn: string, value: unknown): Aggregation {
  if (value !== 'sum' && value !== 'mean' && value !== 'max') {
    throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'config.aggregation', value, rule: "one of 'sum', 'mean', 'max'" });
  }
  return value;
}

/** Glorot-uniform initialiser with a seed derived per weight (undefined seed: tfjs' global generator). */
export function glorot(seed: number | undefined, offset: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform(seed === undefined ? {} : { seed: seed + offset });
}

/** Throws InvalidArgumentError unless a layer's `config` is an object (the first check of every constructor). */
export function checkConfigObject(fn: string, config: unknown, rule = 'an object { units, ... }'): void {
  if (typeof config !== 'object' || config === null) throw new InvalidArgumentError({ pkg: 'gnn', fn, argument: 'config', value: config, rule });
}

/** The tf.layers base config with a layer's own fields, and `seed` when one was given. */
export function layerConfig(base: tf.serialization.ConfigDict, own: tf.serialization.ConfigDict, seed: number | undefined): tf.serialization.ConfigDict {
  return { ...base, ...own, ...(seed === undefined ? {} : { seed }) };
}
