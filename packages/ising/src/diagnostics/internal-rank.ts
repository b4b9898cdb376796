/**
 * @internal Rank normalisation (Vehtari et al. 2021, "Rank-normalization, folding, and localization: an improved
 * R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2), §4.1) and the standard normal quantile it needs.
 * Never re-exported.
 */

// Acklam's rational approximation of Φ⁻¹ (P. J. Acklam, 2003): relative error below 1.15e-9 over (0, 1), ample
// for rank normalisation, which only needs a monotone map onto normal scores.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Standard normal quantile Φ⁻¹(p) for 0 < p < 1 (precondition, not checked). */
export function normalQuantile(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  if (p < P_LOW || p > 1 - P_LOW) {
    const tail = p < P_LOW ? p : 1 - p;
    const r = Math.sqrt(-2 * Math.log(tail));
    const x = (((((c0 * r + c1) * r + c2) * r + c3) * r + c4) * r + c5) / ((((d0 * r + d1) * r + d2) * r + d3) * r + 1);
    return p < P_LOW ? x : -x;
  }
  const s = p - 0.5;
  const r = s * s;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * s) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Normal scores of the pooled draws: z_i = Φ⁻¹((r_i − 3/8)/(S + 1/4)) with r_i the 1-based rank of `values[i]`
 * among all S values, ties given their average rank (Blom 1958; Vehtari et al. 2021, Eq. 14). Order-preserving,
 * so the chain-major layout carries over. O(S log S).
 */
export function rankNormalize(values: ArrayLike<number>, out: Float64Array): Float64Array {
  const total = values.length;
  const order = new Int32Array(total);
  for (let i = 0; i < total; i++) order[i] = i;
  order.sort((a, b) => (values[a] as number) - (values[b] as number));
  const denominator = total + 0.25;
  let start = 0;
  while (start < total) {
    const v = values[order[start] as number] as number;
    let end = start + 1;
    while (end < total && values[order[end] as number] === v) end++;
    // Average of the 1-based ranks start+1 .. end.
    const rank = 0.5 * (start + 1 + end);
    const z = normalQuantile((rank - 0.375) / denominator);
    for (let k = start; k < end; k++) out[order[k] as number] = z;
    start = end;
  }
  return out;
}

/** Median of all values (mean of the two middle order statistics when the count is even). O(S log S). */
export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : 0.5 * ((sorted[mid - 1] as number) + (sorted[mid] as number));
}
