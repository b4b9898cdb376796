/**
 * @internal Chain splitting and the split-R̂ kernel shared by `splitRHat`, `rankNormalizedSplitRHat` and
 * `bulkEffectiveSampleSize`. Never re-exported.
 */

/**
 * Copies each chain's two halves into `out` (length 2·chains·⌊draws/2⌋) as 2·chains chains of ⌊draws/2⌋ draws;
 * with an odd `draws` the middle draw is dropped (as the `posterior` R package does). Returns the half length.
 */
export function splitChains(values: ArrayLike<number>, chains: number, draws: number, out: Float64Array): number {
  const half = Math.floor(draws / 2);
  const secondStart = draws - half;
  let k = 0;
  for (let c = 0; c < chains; c++) {
    const base = c * draws;
    for (let j = 0; j < half; j++) out[k++] = values[base + j] as number;
    for (let j = 0; j < half; j++) out[k++] = values[base + secondStart + j] as number;
  }
  return half;
}

/**
 * Split-R̂ (Gelman et al., BDA3 §11.4, Eqs. 11.2–11.4): each chain cut in two halves of n = ⌊draws/2⌋ (middle
 * draw dropped when odd); with m = 2·chains halves, W = mean of the halves' variances (n − 1 denominator),
 * B/n = variance of their means (m − 1 denominator), var⁺ = (n−1)/n·W + B/n and R̂ = √(var⁺/W).
 * W = 0 (every half frozen): R̂ = 1 when the halves also share one value, else +∞. Preconditions: draws ≥ 4.
 * O(chains·draws).
 */
export function splitRHatKernel(values: ArrayLike<number>, chains: number, draws: number): number {
  const half = Math.floor(draws / 2);
  const secondStart = draws - half;
  const m = 2 * chains;
  let sumW = 0;
  // Means relative to the very first value; halves are shifted by their first value so frozen halves give exact 0.
  const ref = values[0] as number;
  let meanOfMeans = 0;
  let sumSqMeans = 0;
  for (let h = 0; h < m; h++) {
    const start = (h >> 1) * draws + ((h & 1) === 0 ? 0 : secondStart);
    const shift = values[start] as number;
    let sum = 0;
    for (let j = 0; j < half; j++) sum += (values[start + j] as number) - shift;
    const mean = sum / half;
    let ss = 0;
    for (let j = 0; j < half; j++) {
      const d = (values[start + j] as number) - shift - mean;
      ss += d * d;
    }
    sumW += ss / (half - 1);
    // Welford update of the halves' means (relative to ref) for a stable between-half variance.
    const x = shift - ref + mean;
    const delta = x - meanOfMeans;
    meanOfMeans += delta / (h + 1);
    sumSqMeans += delta * (x - meanOfMeans);
  }
  const w = sumW / m;
  const bOverN = sumSqMeans / (m - 1);
  if (w === 0) return bOverN === 0 ? 1 : Infinity;
  const varPlus = ((half - 1) / half) * w + bOverN;
  return Math.sqrt(varPlus / w);
}
