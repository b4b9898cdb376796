/**
 * Planted IBGs for tests and the measures used to check that a fit recovers them.
 */
import { createRng } from '@isinglab/graph';
import type { IbgFactors } from '../../src/model/ibg-factors.js';
import { permutations } from './helpers.js';

/**
 * K communities with weight 1 and 0/1 memberships, so Â ∈ {0, 1} and the sampled graph is exactly the IBG:
 * source sets are the residue classes i mod K (a partition); target sets are random with probability pT, each with
 * a private member (node c belongs to target set c only) — both factors then contain a scaled identity, which makes
 * the nonnegative factorisation unique up to permutation and scaling. With `disjointTargets` the target sets are
 * disjoint as well and of distinct sizes (node j is in set c = ⌊j/2⌋ mod K when ⌊j/2K⌋ < ⌊n/2K⌋ − c; pT unused), so
 * the singular values sqrt(|S_c||T_c|) are distinct and the singular vectors are the block indicators.
 */
export function plantedBlocks(seed: number, n: number, k: number, pT: number, disjointTargets: boolean): IbgFactors {
  const rng = createRng(seed);
  const u = new Float64Array(n * k);
  const v = new Float64Array(n * k);
  for (let i = 0; i < n; i++) u[i * k + (i % k)] = 1;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < n; j++) {
      if (disjointTargets) v[j * k + c] = Math.floor(j / 2) % k === c && Math.floor(j / (2 * k)) < Math.floor(n / (2 * k)) - c ? 1 : 0;
      else v[j * k + c] = j < k ? (j === c ? 1 : 0) : rng.float64() < pT ? 1 : 0;
    }
  }
  return {
    nodes: n,
    communities: k,
    featureDim: 0,
    sourceMemberships: u,
    targetMemberships: v,
    weights: new Float64Array(k).fill(1),
    sourceFeatures: new Float64Array(0),
    targetFeatures: new Float64Array(0),
  };
}

function dot(a: Float64Array, ca: number, b: Float64Array, cb: number, n: number, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * k + ca]! * b[i * k + cb]!;
  return s;
}

export interface Recovery {
  /** The permutation π (planted c ↔ fitted π[c]) minimising componentError. */
  permutation: number[];
  /** max_c ‖r_c u_c v_cᵀ − r'_π(c) u'_π(c) v'_π(c)ᵀ‖_F / ‖r_c u_c v_cᵀ‖_F: scale-free (memberships can trade scale with r). */
  componentError: number;
  /** max over c, i of |u'_π(c)[i] / max u'_π(c) − u_c[i]| and the same for v: memberships normalised to max 1. */
  membershipError: number;
}

/** Matches fitted to planted communities by brute force over all K! permutations (K ≤ 6). */
export function recovery(truth: IbgFactors, fit: IbgFactors): Recovery {
  const n = truth.nodes;
  const k = truth.communities;
  const kf = fit.communities;
  let best: Recovery = { permutation: [], componentError: Infinity, membershipError: Infinity };
  for (const perm of permutations(k)) {
    let worst = 0;
    for (let c = 0; c < k; c++) {
      const q = perm[c]!;
      const tt = truth.weights[c]! ** 2 * dot(truth.sourceMemberships, c, truth.sourceMemberships, c, n, k) * dot(truth.targetMemberships, c, truth.targetMemberships, c, n, k);
      const ff = fit.weights[q]! ** 2 * dot(fit.sourceMemberships, q, fit.sourceMemberships, q, n, kf) * dot(fit.targetMemberships, q, fit.targetMemberships, q, n, kf);
      let tfU = 0;
      let tfV = 0;
      for (let i = 0; i < n; i++) {
        tfU += truth.sourceMemberships[i * k + c]! * fit.sourceMemberships[i * kf + q]!;
        tfV += truth.targetMemberships[i * k + c]! * fit.targetMemberships[i * kf + q]!;
      }
      const tf = truth.weights[c]! * fit.weights[q]! * tfU * tfV;
      worst = Math.max(worst, Math.sqrt(Math.max(0, tt + ff - 2 * tf) / tt));
    }
    if (worst < best.componentError) best = { permutation: perm, componentError: worst, membershipError: 0 };
  }
  let m = 0;
  for (let c = 0; c < k; c++) {
    const q = best.permutation[c]!;
    for (const [t, f] of [
      [truth.sourceMemberships, fit.sourceMemberships],
      [truth.targetMemberships, fit.targetMemberships],
    ] as const) {
      let max = 0;
      for (let i = 0; i < n; i++) max = Math.max(max, f[i * kf + q]!);
      for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(f[i * kf + q]! / max - t[i * k + c]!));
    }
  }
  best.membershipError = m;
  return best;
}
