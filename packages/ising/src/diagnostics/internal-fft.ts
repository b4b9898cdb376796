/**
 * @internal Radix-2 FFTs for the autocorrelation kernels: an iterative in-place complex FFT (Cooley–Tukey, bit
 * reversal first) and a real FFT of length L = 2M computed through one complex FFT of length M (Press et al.,
 * Numerical Recipes 3rd ed., §12.3 "FFT of real functions"). Never re-exported from the barrel.
 *
 * Preconditions (not checked): `size` is a power of two ≥ 2, every buffer has the length its plan says.
 */

/** Buffers and twiddle factors for real FFTs of one length; reused across calls so transforms allocate nothing. */
export interface FftPlan {
  /** Real transform length L (power of two ≥ 2). */
  readonly size: number;
  /** M = L/2, the complex transform length. */
  readonly half: number;
  /** cos(2πk/L) and sin(2πk/L) for k = 0..M (both ends included: the real-FFT unpacking needs k = M). */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  /** Complex scratch of length M. */
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Smallest power of two ≥ max(n, 2). */
export function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

export function createFftPlan(size: number): FftPlan {
  const half = size / 2;
  const cos = new Float64Array(half + 1);
  const sin = new Float64Array(half + 1);
  // Trig calls for the first octant only, the rest by symmetry: a quarter of the calls (Math lookups are slow in
  // jest's sandbox) and tables that are exactly symmetric, e.g. sin(π) = 0 rather than 1.2e-16.
  const mathCos = Math.cos;
  const mathSin = Math.sin;
  const quarter = size >> 2;
  const octant = size >> 3;
  const step = (2 * Math.PI) / size;
  for (let k = 0; k <= octant; k++) {
    cos[k] = mathCos(k * step);
    sin[k] = mathSin(k * step);
  }
  for (let k = octant + 1; k <= quarter; k++) {
    cos[k] = sin[quarter - k] as number;
    sin[k] = cos[quarter - k] as number;
  }
  for (let k = quarter + 1; k <= half; k++) {
    cos[k] = -(cos[half - k] as number);
    sin[k] = sin[half - k] as number;
  }
  return { size, half, cos, sin, re: new Float64Array(half), im: new Float64Array(half) };
}

/**
 * In-place forward complex FFT of `plan.re`, `plan.im` (length M = L/2), X_k = Σ_j z_j e^{−2πijk/M}. O(M log M).
 * Twiddles for span `len` are e^{−2πij/len} = table entry j·(L/len).
 */
function complexFftInPlace(plan: FftPlan): void {
  const { re, im, cos, sin, size } = plan;
  const m = plan.half;
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < m; i++) {
    let bit = m >> 1;
    for (; (j & bit) !== 0; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
  for (let len = 2; len <= m; len <<= 1) {
    const halfLen = len >> 1;
    const step = size / len;
    // Block-outer order walks memory sequentially (a twiddle-outer order thrashes the cache on long arrays).
    for (let block = 0; block < m; block += len) {
      for (let j = 0; j < halfLen; j++) {
        const wr = cos[j * step] as number;
        const wi = -(sin[j * step] as number);
        const a = block + j;
        const b = a + halfLen;
        const br = re[b] as number;
        const bi = im[b] as number;
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        const ar = re[a] as number;
        const ai = im[a] as number;
        re[b] = ar - tr;
        im[b] = ai - ti;
        re[a] = ar + tr;
        im[a] = ai + ti;
      }
    }
  }
}

/**
 * Forward real FFT: X_k = Σ_{j<L} x_j e^{−2πijk/L} for k = 0..L/2 into `outRe`, `outIm` (length L/2 + 1); the
 * rest follows from X_{L−k} = conj(X_k). Packs z_j = x_{2j} + i·x_{2j+1}, transforms at length M = L/2 and
 * unpacks X_k = E_k + e^{−2πik/L}·O_k with E_k = (Z_k + conj Z_{M−k})/2, O_k = (Z_k − conj Z_{M−k})/(2i).
 * O(L log L); `x` is read, not modified.
 */
export function realFft(plan: FftPlan, x: Float64Array, outRe: Float64Array, outIm: Float64Array): void {
  const { re, im, cos, sin } = plan;
  const m = plan.half;
  for (let j = 0; j < m; j++) {
    re[j] = x[2 * j] as number;
    im[j] = x[2 * j + 1] as number;
  }
  complexFftInPlace(plan);
  for (let k = 0; k <= m; k++) {
    const p = k === m ? 0 : k;
    const q = k === 0 ? 0 : m - k;
    const zr = re[p] as number;
    const zi = im[p] as number;
    const yr = re[q] as number;
    const yi = im[q] as number;
    const er = 0.5 * (zr + yr);
    const ei = 0.5 * (zi - yi);
    const or = 0.5 * (zi + yi);
    const oi = -0.5 * (zr - yr);
    const c = cos[k] as number;
    const s = sin[k] as number;
    outRe[k] = er + or * c + oi * s;
    outIm[k] = ei + oi * c - or * s;
  }
}
