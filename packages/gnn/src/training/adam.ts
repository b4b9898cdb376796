/**
 * Adam (Kingma & Ba 2015) with optional decoupled weight decay (AdamW, Loshchilov & Hutter 2019) and a
 * learning-rate schedule, over an explicit list of variables. Unlike tf.train.adam its state (step and moments)
 * can be read and restored, so a checkpointed run resumes exactly.
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, checkFiniteNumber } from '@isinglab/graph';
import type { LearningRateSchedule } from './learning-rate.js';

export interface AdamOptions {
  /** A rate or a schedule of the 0-based step. @default 0.001 */
  learningRate?: number | LearningRateSchedule;
  /** @default 0.9 */
  beta1?: number;
  /** @default 0.999 */
  beta2?: number;
  /** @default 1e-8 */
  epsilon?: number;
  /** Decoupled weight decay λ: θ ← θ − lr·λ·θ each step. @default 0 */
  weightDecay?: number;
}

/** Everything needed to resume: steps taken and both moment estimates per variable (float32, variable order). */
export interface AdamState {
  step: number;
  firstMoments: Float32Array[];
  secondMoments: Float32Array[];
}

const FN = 'Adam';

export class Adam {
  readonly variables: readonly tf.Variable[];
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  private readonly schedule: LearningRateSchedule;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private steps = 0;

  constructor(variables: readonly tf.Variable[], options: AdamOptions = {}) {
    if (!Array.isArray(variables) || variables.length === 0 || !variables.every((x) => x instanceof tf.Variable)) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'variables', value: variables, rule: 'a non-empty array of tf.Variable', hint: 'Layer weights: layer.trainableWeights.map((w) => w.read()).' });
    }
    const lr = options.learningRate ?? 0.001;
    if (typeof lr === 'number') {
      if (!(Number.isFinite(lr) && lr > 0)) throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'options.learningRate', value: lr, rule: 'a positive number or a schedule function' });
      this.schedule = () => lr;
    } else if (typeof lr === 'function') {
      this.schedule = lr;
    } else {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'options.learningRate', value: lr, rule: 'a positive number or a schedule function' });
    }
    const site = { pkg: 'gnn', fn: FN };
    const unit = (name: string, value: number, open: boolean) =>
      checkFiniteNumber(site, `options.${name}`, value, open ? { min: 0, max: 1, maxExclusive: true } : { min: 0 });
    this.beta1 = unit('beta1', options.beta1 ?? 0.9, true);
    this.beta2 = unit('beta2', options.beta2 ?? 0.999, true);
    this.epsilon = unit('epsilon', options.epsilon ?? 1e-8, false);
    this.weightDecay = unit('weightDecay', options.weightDecay ?? 0, false);
    this.variables = [...variables];
    // tidy disposes the zero tensors, not the variables made from them
    this.m = tf.tidy(() => this.variables.map((x) => tf.variable(tf.zerosLike(x), false)));
    this.v = tf.tidy(() => this.variables.map((x) => tf.variable(tf.zerosLike(x), false)));
  }

  /** Steps taken so far. */
  get step(): number {
    return this.steps;
  }

  /** The learning rate the next step will use. */
  get learningRate(): number {
    return this.schedule(this.steps);
  }

  /** One step on the gradients of `loss` with respect to the variables; returns the loss value. */
  minimize(loss: () => tf.Scalar): number {
    const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
    try {
      this.applyGradients(this.variables.map((x) => grads[x.name]));
      return value.dataSync()[0] as number;
    } finally {
      tf.dispose([value, ...Object.values(grads)]);
    }
  }

  /**
   * One step with the given gradients (same order and shapes as the variables). A null or undefined entry — what
   * tf.variableGrads gives for a variable the loss does not reach — leaves that variable and its moments untouched
   * (no weight decay either), as PyTorch's Adam skips parameters without a gradient.
   */
  applyGradients(gradients: readonly (tf.Tensor | null | undefined)[]): void {
    if (gradients.length !== this.variables.length) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: 'Adam.applyGradients', argument: 'gradients', value: `${gradients.length} tensors`, rule: `one gradient per variable (${this.variables.length})` });
    }
    const lr = this.schedule(this.steps);
    if (!(Number.isFinite(lr) && lr >= 0)) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: 'Adam.applyGradients', argument: 'learning-rate schedule', value: lr, rule: `a finite rate ≥ 0 at step ${this.steps}` });
    }
    this.steps++;
    const t = this.steps;
    const c1 = 1 - this.beta1 ** t;
    const c2 = 1 - this.beta2 ** t;
    tf.tidy(() => {
      this.variables.forEach((x, k) => {
        const g = gradients[k];
        if (g === null || g === undefined) return;
        (this.m[k] as tf.Variable).assign(tf.add(tf.mul(this.beta1, this.m[k] as tf.Variable), tf.mul(1 - this.beta1, g)));
        (this.v[k] as tf.Variable).assign(tf.add(tf.mul(this.beta2, this.v[k] as tf.Variable), tf.mul(1 - this.beta2, tf.square(g))));
        const mHat = tf.div(this.m[k] as tf.Variable, c1);
        const vHat = tf.div(this.v[k] as tf.Variable, c2);
        let update: tf.Tensor = tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon));
        if (this.weightDecay > 0) update = tf.add(update, tf.mul(this.weightDecay, x));
        x.assign(tf.sub(x, tf.mul(lr, update)));
      });
    });
  }

  getState(): AdamState {
    return {
      step: this.steps,
      firstMoments: this.m.map((x) => Float32Array.from(x.dataSync() as Float32Array)),
      secondMoments: this.v.map((x) => Float32Array.from(x.dataSync() as Float32Array)),
    };
  }

  setState(state: AdamState): void {
    const ok =
      typeof state === 'object' &&
      state !== null &&
      Number.isInteger(state.step) &&
      state.step >= 0 &&
      state.firstMoments?.length === this.variables.length &&
      state.secondMoments?.length === this.variables.length &&
      this.variables.every((x, k) => state.firstMoments[k]?.length === x.size && state.secondMoments[k]?.length === x.size);
    if (!ok) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: 'Adam.setState', argument: 'state', value: state, rule: 'an AdamState of this optimiser’s variables (same count and sizes)' });
    }
    this.steps = state.step;
    this.variables.forEach((x, k) => {
      tf.tidy(() => {
        (this.m[k] as tf.Variable).assign(tf.tensor(state.firstMoments[k] as Float32Array, x.shape));
        (this.v[k] as tf.Variable).assign(tf.tensor(state.secondMoments[k] as Float32Array, x.shape));
      });
    });
  }

  /** Frees the moment estimates (not the variables). */
  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
