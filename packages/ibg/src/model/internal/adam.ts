/**
 * Adam (Kingma & Ba, ICLR 2015, Algorithm 1) over one flat Float64Array of parameters, in place and
 * allocation-free: the IBG fit keeps every parameter (logits of U and V, r, F_src, F_dst) in one buffer so one
 * loop updates them all. Matches torch.optim.Adam's update (bias-corrected moments, ε added to √v̂).
 */

export interface FlatAdam {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Steps taken. */
  step: number;
  /** First and second moment estimates, one entry per parameter. */
  readonly m: Float64Array;
  readonly v: Float64Array;
}

export function createFlatAdam(size: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): FlatAdam {
  return { beta1, beta2, epsilon, step: 0, m: new Float64Array(size), v: new Float64Array(size) };
}

/** θ ← θ − lr · m̂ / (√v̂ + ε) for every entry; increments `adam.step`. O(size). */
export function flatAdamStep(adam: FlatAdam, params: Float64Array, grad: Float64Array, learningRate: number): void {
  const { beta1, beta2, epsilon, m, v } = adam;
  adam.step += 1;
  const t = adam.step;
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  const stepSize = learningRate / c1;
  const sqrtC2 = Math.sqrt(c2);
  const b1c = 1 - beta1;
  const b2c = 1 - beta2;
  const size = params.length;
  for (let i = 0; i < size; i++) {
    const g = grad[i] as number;
    const mi = beta1 * (m[i] as number) + b1c * g;
    const vi = beta2 * (v[i] as number) + b2c * g * g;
    m[i] = mi;
    v[i] = vi;
    params[i] = (params[i] as number) - (stepSize * mi) / (Math.sqrt(vi) / sqrtC2 + epsilon);
  }
}
