/**
 * Sparsity patterns the learned Ising model is compared with (seed 000, Table 2, plus two the paper lacks):
 * uniform random selection at a given fraction of the candidates, the pattern of A, the largest-magnitude entries of
 * the true inverse (an oracle bound), and the thresholded power pattern of classic SPAI practice.
 */
import type { Rng } from '@isinglab/graph';
import type { SpaiLineGraph } from './line-graph-model.js';

/** Each candidate kept independently with probability `fraction`. */
export function randomPattern(model: SpaiLineGraph, n: number, fraction: number, rng: Rng): Uint8Array {
  const pattern = new Uint8Array(n * n);
  for (let c = 0; c < model.rowOf.length; c++) {
    if (rng.float64() >= fraction) continue;
    const i = model.rowOf[c] as number;
    const j = model.colOf[c] as number;
    pattern[i * n + j] = 1;
    pattern[j * n + i] = 1;
  }
  return pattern;
}

/** The non-zero pattern of A ("Only A"). */
export function patternOfA(a: Float64Array): Uint8Array {
  return Uint8Array.from(a, (v) => (v !== 0 ? 1 : 0));
}

/** The ⌈fraction·candidates⌉ candidates with the largest |(A⁻¹)_ij| (needs the true inverse: an oracle). */
export function oraclePattern(model: SpaiLineGraph, n: number, inverse: Float64Array, fraction: number): Uint8Array {
  const count = model.rowOf.length;
  const keep = Math.ceil(fraction * count);
  const order = Array.from({ length: count }, (_, c) => c).sort(
    (x, y) => Math.abs(inverse[(model.rowOf[y] as number) * n + (model.colOf[y] as number)] as number) - Math.abs(inverse[(model.rowOf[x] as number) * n + (model.colOf[x] as number)] as number) || x - y,
  );
  const pattern = new Uint8Array(n * n);
  for (let r = 0; r < keep; r++) {
    const c = order[r] as number;
    const i = model.rowOf[c] as number;
    const j = model.colOf[c] as number;
    pattern[i * n + j] = 1;
    pattern[j * n + i] = 1;
  }
  return pattern;
}

/**
 * The thresholded power pattern of Chow's a priori SPAI patterns: the non-zeros of (I + Ã)^power, Ã the pattern
 * of A without entries below `threshold`·max|A| (E. Chow, SIAM J. Sci. Comput. 21, 2000): every entry reached by
 * a walk of at most `power` strong couplings.
 */
export function thresholdedPowerPattern(a: Float64Array, n: number, threshold: number, power: number): Uint8Array {
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] as number));
  const base = Uint8Array.from(a, (v) => (Math.abs(v) >= threshold * max && v !== 0 ? 1 : 0));
  for (let i = 0; i < n; i++) base[i * n + i] = 1;
  let current = base.slice();
  for (let p = 1; p < power; p++) {
    const next = new Uint8Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        if (current[i * n + k] === 0) continue;
        for (let j = 0; j < n; j++) if (base[k * n + j] === 1) next[i * n + j] = 1;
      }
    }
    current = next;
  }
  return current;
}
