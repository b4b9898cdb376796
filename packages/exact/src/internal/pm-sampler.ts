/**
 * Exact perfect-matching sampling on a Pfaffian-oriented matrix K (dense): vertices are matched one at a time,
 * a to b with probability K_ab (K⁻¹)_ba in the current reduced matrix, after which rows and columns a, b are
 * removed from K⁻¹ by the Schur-complement identity
 *   (K without a, b)⁻¹ = K⁻¹ − K⁻¹[:, {a,b}] (K⁻¹[{a,b},{a,b}])⁻¹ K⁻¹[{a,b}, :],
 * i.e. K⁻¹_ij −= (K⁻¹_ib K⁻¹_aj − K⁻¹_ia K⁻¹_bj) / K⁻¹_ab. O(n³) per sample, n the matrix size.
 * The identity holds because removing a matched pair keeps every remaining matching's Pfaffian sign uniform.
 */
import type { Rng } from '@isinglab/graph';

export interface DenseSkew {
  n: number;
  /** Row-major K. */
  k: Float64Array;
  /** Row-major K⁻¹. */
  inverse: Float64Array;
  /** Neighbours of each vertex (CSR): the non-zero entries of its row. */
  offsets: Int32Array;
  neighbours: Int32Array;
}

/**
 * Draws one perfect matching: `partner[a]` receives a's partner. `work` (n² entries) is overwritten. Returns the
 * largest deviation of a step's probabilities from summing to 1 (a numerical health figure).
 */
export function samplePerfectMatching(system: DenseSkew, rng: Rng, partner: Int32Array, work: Float64Array): number {
  const { n, k, offsets, neighbours } = system;
  const inv = work;
  inv.set(system.inverse);
  const alive = new Uint8Array(n).fill(1);
  const aliveList = Int32Array.from({ length: n }, (_, i) => i);
  let aliveCount = n;
  let worst = 0;
  const probabilities = new Float64Array(8);
  const candidates = new Int32Array(8);
  for (let a = 0; a < n; a++) {
    if (alive[a] === 0) continue;
    let count = 0;
    let total = 0;
    for (let p = offsets[a] as number; p < (offsets[a + 1] as number); p++) {
      const b = neighbours[p] as number;
      if (alive[b] === 0) continue;
      const q = (k[a * n + b] as number) * (inv[b * n + a] as number);
      const clipped = q > 0 ? q : 0;
      candidates[count] = b;
      probabilities[count++] = clipped;
      total += clipped;
    }
    worst = Math.max(worst, Math.abs(total - 1));
    const b = drawCandidate(rng, candidates, probabilities, count, total);
    partner[a] = b;
    partner[b] = a;
    alive[a] = 0;
    alive[b] = 0;
    // compact the alive list, then update K⁻¹ on the surviving rows and columns only
    let w = 0;
    for (let t = 0; t < aliveCount; t++) {
      const v = aliveList[t] as number;
      if (alive[v] === 1) aliveList[w++] = v;
    }
    aliveCount = w;
    removePairFromInverse(inv, n, a, b, aliveList, aliveCount);
  }
  return worst;
}

/**
 * One draw among `count` candidates with weights probabilities[c] (summing to `total`): one rng.float64(); the last
 * candidate when rounding leaves the running remainder ≥ 0.
 */
export function drawCandidate(rng: Rng, candidates: Int32Array, probabilities: Float64Array, count: number, total: number): number {
  let r = rng.float64() * total;
  for (let c = 0; c < count; c++) {
    r -= probabilities[c] as number;
    if (r < 0) return candidates[c] as number;
  }
  return candidates[count - 1] as number;
}

/**
 * One index drawn with probability ∝ its weight, from cumulative weights cdf (non-decreasing, total cdf[last]): the
 * first i with cdf[i] > u · total, by binary search; one rng.float64().
 */
export function drawFromCumulative(rng: Rng, cdf: Float64Array): number {
  const target = rng.float64() * (cdf[cdf.length - 1] as number);
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Conditions K⁻¹ (row-major, stride n) on the pair a–b being matched, on the rows and columns listed in
 * rows[0 .. count) (which exclude a and b): (K without a, b)⁻¹ = K⁻¹ − K⁻¹[:, {a,b}] (K⁻¹[{a,b},{a,b}])⁻¹
 * K⁻¹[{a,b}, :], i.e. K⁻¹_ij −= (K⁻¹_ib K⁻¹_aj − K⁻¹_ia K⁻¹_bj) / K⁻¹_ab.
 */
export function removePairFromInverse(inv: Float64Array, n: number, a: number, b: number, rows: Int32Array, count: number): void {
  const qab = inv[a * n + b] as number;
  const rowA = a * n;
  const rowB = b * n;
  for (let u = 0; u < count; u++) {
    const i = rows[u] as number;
    const row = i * n;
    const xb = (inv[row + b] as number) / qab;
    const xa = (inv[row + a] as number) / qab;
    if (xb === 0 && xa === 0) continue;
    for (let v = 0; v < count; v++) {
      const j = rows[v] as number;
      inv[row + j] = (inv[row + j] as number) - (xb * (inv[rowA + j] as number) - xa * (inv[rowB + j] as number));
    }
  }
}
