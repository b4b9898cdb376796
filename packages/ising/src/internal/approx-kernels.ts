/**
 * Scalar kernels of the approximate-inference topic (src/approx). They trust their inputs (finite numbers) and are
 * written to stay finite and accurate at any β: no exp of a large positive argument, no atanh of a product near 1.
 */

// Bound once: global lookups are slow in jest's sandbox and these run once per half-edge per sweep.
const { abs, atanh, exp, log, log1p, tanh } = Math;
const LN2 = Math.LN2;

/** ln cosh x = |x| + ln(1 + e^{−2|x|}) − ln 2, finite for every finite x. */
export function logCosh(x: number): number {
  const a = abs(x);
  return a + log1p(exp(-2 * a)) - LN2;
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  return a >= b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/**
 * The cavity bias a spin with cavity field `c` sends through a coupling `k` (both already multiplied by β), given
 * `tanhK` = tanh k precomputed per edge: atanh(tanh k · tanh c) = ½ ln[cosh(k + c) / cosh(k − c)]. The atanh form is
 * used while |tanh k tanh c| < ½ (it keeps relative precision for tiny biases), the log-cosh form otherwise (it never
 * rounds to atanh(±1) = ±∞). |result| ≤ min(|k|, |c|).
 */
export function cavityBias(k: number, tanhK: number, c: number): number {
  const t = tanhK * tanh(c);
  if (t < 0.5 && t > -0.5) return atanh(t);
  return 0.5 * (logCosh(k + c) - logCosh(k - c));
}

/**
 * Neumaier's compensated sum: adds `value` to the running (sum, compensation) pair stored in `acc[0]`, `acc[1]`.
 * Free energies sum O(N + M) terms of similar size; plain summation drifts by up to (N + M)·ulp(ln Z) because the
 * rounding errors of repeated identical terms do not cancel.
 */
export function addCompensated(acc: Float64Array, value: number): void {
  const sum = acc[0] as number;
  const t = sum + value;
  if (abs(sum) >= abs(value)) acc[1]! += sum - t + value;
  else acc[1]! += value - t + sum;
  acc[0] = t;
}

/** Binary entropy of a ±1 spin with mean m ∈ [−1, 1], in nats, with 0 ln 0 = 0. */
export function spinEntropy(m: number): number {
  const p = 0.5 * (1 + m);
  const q = 0.5 * (1 - m);
  let s = 0;
  if (p > 0) s -= p * log(p);
  if (q > 0) s -= q * log(q);
  return s;
}
