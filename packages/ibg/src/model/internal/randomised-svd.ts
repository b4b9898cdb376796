/**
 * Randomised truncated SVD of a 0/1 adjacency given by its out-CSR (Halko, Martinsson & Tropp 2011). Trusted inputs.
 */
import type { Rng } from '@isinglab/graph';
import type { TruncatedSvdResult } from '../truncated-svd.js';
import { csrTimesDenseInto, csrTransposeTimesDenseInto } from './csr.js';
import { jacobiSvd, orthonormaliseColumnsInPlace } from './dense.js';

/**
 * The kernel behind truncatedSvd (see there), for callers that validated their inputs: rank ≤ l ≤ n.
 */
export function randomisedSvd(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  rank: number,
  l: number,
  q: number,
  rng: Rng,
): TruncatedSvdResult {
  const y = new Float64Array(n * l);
  const z = new Float64Array(n * l);
  const scratch = new Float64Array(n * l);
  for (let i = 0; i < n * l; i++) z[i] = rng.normal();
  csrTimesDenseInto(n, offsets, targets, z, l, y);
  orthonormaliseColumnsInPlace(y, n, l, scratch);
  for (let it = 0; it < q; it++) {
    csrTransposeTimesDenseInto(n, offsets, targets, y, l, z);
    orthonormaliseColumnsInPlace(z, n, l, scratch);
    csrTimesDenseInto(n, offsets, targets, z, l, y);
    orthonormaliseColumnsInPlace(y, n, l, scratch);
  }
  // B = Qᵀ A = Cᵀ with C = Aᵀ Q (N × ℓ). C = Q2 R2, so B = R2ᵀ Q2ᵀ and A ≈ Q R2ᵀ Q2ᵀ.
  const c = new Float64Array(n * l);
  csrTransposeTimesDenseInto(n, offsets, targets, y, l, c);
  const q2 = Float64Array.from(c);
  orthonormaliseColumnsInPlace(q2, n, l, scratch);
  const r2t = new Float64Array(l * l); // R2ᵀ[a][b] = R2[b][a] = Σ_i Q2[i][b] C[i][a]
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const ca = c[o + a] as number;
      if (ca === 0) continue;
      for (let b = 0; b < l; b++) r2t[a * l + b] = (r2t[a * l + b] as number) + ca * (q2[o + b] as number);
    }
  }
  const small = jacobiSvd(r2t, l, l);
  const values = new Float64Array(rank);
  const left = new Float64Array(n * rank);
  const right = new Float64Array(n * rank);
  const sigmaMax = small.s[0] as number;
  for (let t = 0; t < rank; t++) {
    const sigma = small.s[t] as number;
    // numerically zero: rank(A) < t + 1; leave zero vectors (their directions are arbitrary)
    if (!(sigma > 1e-12 * sigmaMax)) continue;
    values[t] = sigma;
    for (let i = 0; i < n; i++) {
      const o = i * l;
      let a = 0;
      let b = 0;
      for (let m = 0; m < l; m++) {
        a += (y[o + m] as number) * (small.u[m * l + t] as number);
        b += (q2[o + m] as number) * (small.v[m * l + t] as number);
      }
      left[i * rank + t] = a;
      right[i * rank + t] = b;
    }
    // sign convention: the largest-magnitude entry of the left vector is positive
    let best = 0;
    for (let i = 0; i < n; i++) {
      const a = left[i * rank + t] as number;
      if (Math.abs(a) > Math.abs(best)) best = a;
    }
    if (best < 0) {
      for (let i = 0; i < n; i++) {
        left[i * rank + t] = -(left[i * rank + t] as number);
        right[i * rank + t] = -(right[i * rank + t] as number);
      }
    }
  }
  return { rank, values, left, right };
}
