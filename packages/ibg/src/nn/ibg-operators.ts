/**
 * The four fixed linear maps of IBG signal processing (seed 003, Section 6): source/target synthesis
 * U_r = U diag(r), V_r = V diag(r) (community space → node space, N × K) and source/target analysis U_r^†, V_r^†
 * (node space → community space, K × N: the least-squares community features of a node signal, as the seed's
 * code does with torch.linalg.pinv). Computed once, in float64, before training; IBG-NN layers only multiply by
 * them, O(N·K·F) per layer, and never touch the edges.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkOptions } from '@isinglab/graph';
import type { IbgFactors } from '../model/ibg-factors.js';
import { pseudoInverse, type PseudoInverseOptions } from './pseudo-inverse.js';

/** The operators as float64 row-major matrices. */
export interface IbgOperatorMatrices {
  readonly nodes: number;
  readonly communities: number;
  /** U diag(r), N × K. */
  readonly sourceSynthesis: Float64Array;
  /** (U diag(r))^†, K × N. */
  readonly sourceAnalysis: Float64Array;
  /** V diag(r), N × K. */
  readonly targetSynthesis: Float64Array;
  /** (V diag(r))^†, K × N. */
  readonly targetAnalysis: Float64Array;
}

/** The operators as float32 tensors for IBGConv; owned by the caller (`dispose()`). */
export interface IbgOperators {
  readonly nodes: number;
  readonly communities: number;
  readonly sourceSynthesis: tf.Tensor2D;
  readonly sourceAnalysis: tf.Tensor2D;
  readonly targetSynthesis: tf.Tensor2D;
  readonly targetAnalysis: tf.Tensor2D;
  /** Frees the four tensors. */
  dispose(): void;
}

export type IbgOperatorsOptions = PseudoInverseOptions;

/** Throws InvalidArgumentError unless `factors` is a well-formed IbgFactors (shapes, finite, memberships in [0, 1]). */
export function checkIbgFactors(site: { pkg: string; fn: string }, factors: unknown, argument = 'factors'): IbgFactors {
  const f = factors as Partial<IbgFactors> | null;
  if (typeof f !== 'object' || f === null) {
    throw new InvalidArgumentError({ ...site, argument, value: factors, rule: 'an IbgFactors object { nodes, communities, sourceMemberships, targetMemberships, weights, ... }' });
  }
  const n = f.nodes;
  const k = f.communities;
  if (!(Number.isInteger(n) && (n as number) >= 1)) throw new InvalidArgumentError({ ...site, argument: `${argument}.nodes`, value: n, rule: 'a positive integer' });
  if (!(Number.isInteger(k) && (k as number) >= 1)) throw new InvalidArgumentError({ ...site, argument: `${argument}.communities`, value: k, rule: 'a positive integer' });
  const size = (n as number) * (k as number);
  for (const key of ['sourceMemberships', 'targetMemberships'] as const) {
    const m = f[key];
    if (!(m instanceof Float64Array) || m.length !== size) {
      throw new InvalidArgumentError({ ...site, argument: `${argument}.${key}`, value: m, rule: `a Float64Array of nodes·communities = ${size} entries` });
    }
    for (let i = 0; i < size; i++) {
      const v = m[i] as number;
      if (!(v >= 0 && v <= 1)) throw new InvalidArgumentError({ ...site, argument: `${argument}.${key}[${i}]`, value: v, rule: 'a membership in [0, 1]' });
    }
  }
  const r = f.weights;
  if (!(r instanceof Float64Array) || r.length !== k) {
    throw new InvalidArgumentError({ ...site, argument: `${argument}.weights`, value: r, rule: `a Float64Array of ${k} community weights` });
  }
  for (let c = 0; c < (k as number); c++) {
    if (!Number.isFinite(r[c])) throw new InvalidArgumentError({ ...site, argument: `${argument}.weights[${c}]`, value: r[c], rule: 'a finite number' });
  }
  return f as IbgFactors;
}

/** @internal M diag(r) for N × K memberships M: the synthesis operator U_r or V_r, float64 row-major. */
export function synthesisMatrix(memberships: Float64Array, r: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[i * k + c] = (memberships[i * k + c] as number) * (r[c] as number);
  return out;
}

/**
 * U diag(r), V diag(r) and their pseudo-inverses in float64. O(N·K²) (two QR + Jacobi pseudo-inverses).
 * @example const ops = ibgOperatorMatrices(factors); // ops.sourceAnalysis: K × N
 */
export function ibgOperatorMatrices(factors: IbgFactors, options?: IbgOperatorsOptions): IbgOperatorMatrices {
  const site = { pkg: 'ibg', fn: 'ibgOperatorMatrices' } as const;
  const f = checkIbgFactors(site, factors);
  const opts = checkOptions<IbgOperatorsOptions>(site, options, ['rcond']);
  const n = f.nodes;
  const k = f.communities;
  const sourceSynthesis = synthesisMatrix(f.sourceMemberships, f.weights, n, k);
  const targetSynthesis = synthesisMatrix(f.targetMemberships, f.weights, n, k);
  return Object.freeze({
    nodes: n,
    communities: k,
    sourceSynthesis,
    sourceAnalysis: pseudoInverse(sourceSynthesis, n, k, opts),
    targetSynthesis,
    targetAnalysis: pseudoInverse(targetSynthesis, n, k, opts),
  });
}

/**
 * The operators of {@link ibgOperatorMatrices} as float32 tensors (tfjs takes no float64), for IBGConv's
 * `kwargs.operators`. The caller disposes them. O(N·K²) once; memory 4·N·K floats.
 * @example const ops = ibgOperators(factors); try { layer.apply(h, { operators: ops }); } finally { ops.dispose(); }
 */
export function ibgOperators(factors: IbgFactors, options?: IbgOperatorsOptions): IbgOperators {
  return operatorsFromMatrices(ibgOperatorMatrices(factors, options));
}

/** Float32 tensors of precomputed float64 operator matrices (caller disposes). */
export function operatorsFromMatrices(m: IbgOperatorMatrices): IbgOperators {
  const { nodes: n, communities: k } = m;
  const t = (a: Float64Array, rows: number, cols: number) => tf.tensor2d(Float32Array.from(a), [rows, cols], 'float32');
  const sourceSynthesis = t(m.sourceSynthesis, n, k);
  const sourceAnalysis = t(m.sourceAnalysis, k, n);
  const targetSynthesis = t(m.targetSynthesis, n, k);
  const targetAnalysis = t(m.targetAnalysis, k, n);
  return Object.freeze({
    nodes: n,
    communities: k,
    sourceSynthesis,
    sourceAnalysis,
    targetSynthesis,
    targetAnalysis,
    dispose: () => tf.dispose([sourceSynthesis, sourceAnalysis, targetSynthesis, targetAnalysis]),
  });
}

/** True when `value` looks like IbgOperators (four rank-2 tensors with consistent shapes). */
export function isIbgOperators(value: unknown): value is IbgOperators {
  const v = value as Partial<IbgOperators> | null;
  if (typeof v !== 'object' || v === null || !Number.isInteger(v.nodes) || !Number.isInteger(v.communities)) return false;
  const n = v.nodes as number;
  const k = v.communities as number;
  const ok = (t: unknown, r: number, c: number) => t instanceof tf.Tensor && t.rank === 2 && t.shape[0] === r && t.shape[1] === c && !t.isDisposed;
  return ok(v.sourceSynthesis, n, k) && ok(v.targetSynthesis, n, k) && ok(v.sourceAnalysis, k, n) && ok(v.targetAnalysis, k, n);
}
