/**
 * @internal Raw kernels of the FVS reduction: they trust their inputs (a valid reduction, ±1 spins, buffers of
 * length N) and allocate nothing. Never re-exported.
 *
 * Notation (all fields in units of β, i.e. θ = β h): given s_F, forest node v sees the field
 * θ_v = β h_v + Σ_{f ∈ F, f ~ v} β J_vf s_f. Leaf removal (seed appendix B, Eqs. 22–23) sums out a leaf v with
 * cavity field a_v (its own field plus what its removed children sent) hanging on parent p with coupling K_v = β J_vp:
 *   Σ_{s_v} exp(s_v (a_v + K_v s_p)) = exp(c_v + u_v s_p),
 *   c_v = ½ [L(a_v + K_v) + L(a_v − K_v)],  u_v = ½ [L(a_v + K_v) − L(a_v − K_v)] = atanh(tanh a_v tanh K_v),
 * with L(x) = ln 2cosh x, so log w gains c_v and the parent's field gains u_v. A root r adds L(a_r).
 */
import type { FvsReduction } from './fvs-reduction.js';

const abs = Math.abs;
const exp = Math.exp;
const log1p = Math.log1p;
const tanh = Math.tanh;

/** ln(2 cosh x) = |x| + ln(1 + e^{−2|x|}): finite for every finite x (no overflow of cosh at |x| > 710). */
export function logTwoCosh(x: number): number {
  const a = abs(x);
  return a + log1p(exp(-2 * a));
}

/**
 * Writes the forest fields θ_v (β h_v plus the FVS neighbours' couplings) into `field` and returns the FVS-only
 * part of log w: Σ_k β h_{F_k} s_k + Σ_{FVS edges} β J s_a s_b. Entries of `field` at FVS nodes hold β h (unused).
 * Spins of the configuration are `spins[base .. base + |F| − 1]`. O(N + |F| + edges touching F).
 */
export function fillForestFields(r: FvsReduction, spins: Int8Array, base: number, field: Float64Array): number {
  const fvs = r.fvsNodes;
  const f = fvs.length;
  const bOff = r.boundaryOffsets;
  const bNode = r.boundaryNodes;
  const bJ = r.boundaryCouplings;
  const scaled = r.scaledFields;
  field.set(scaled);
  let lw = 0;
  for (let k = 0; k < f; k++) {
    const s = spins[base + k] as number;
    lw += (scaled[fvs[k] as number] as number) * s;
    const end = bOff[k + 1] as number;
    for (let q = bOff[k] as number; q < end; q++) {
      const v = bNode[q] as number;
      field[v] = (field[v] as number) + (bJ[q] as number) * s;
    }
  }
  const ea = r.fvsEdgeFrom;
  const eb = r.fvsEdgeTo;
  const ej = r.fvsEdgeCouplings;
  for (let c = 0; c < ea.length; c++) {
    lw += (ej[c] as number) * (spins[base + (ea[c] as number)] as number) * (spins[base + (eb[c] as number)] as number);
  }
  return lw;
}

/**
 * log w(s_F) for one FVS configuration: `fillForestFields` then leaf removal in `forestOrder`. O(N + M); uses
 * `field` (length N) as working memory.
 */
export function logWeightKernel(r: FvsReduction, spins: Int8Array, base: number, field: Float64Array): number {
  let lw = fillForestFields(r, spins, base, field);
  const order = r.forestOrder;
  const parent = r.forestParent;
  const kc = r.parentCouplings;
  for (let i = 0; i < order.length; i++) {
    const v = order[i] as number;
    const a = field[v] as number;
    const p = parent[v] as number;
    if (p < 0) {
      lw += logTwoCosh(a);
      continue;
    }
    const kv = kc[v] as number;
    const plus = logTwoCosh(a + kv);
    const minus = logTwoCosh(a - kv);
    lw += 0.5 * (plus + minus);
    field[p] = (field[p] as number) + 0.5 * (plus - minus);
  }
  return lw;
}

/**
 * Exact conditional statistics of the forest given one FVS configuration (two-pass sum-product on each tree).
 * Upward (leaf removal): `cavity[v]` = a_v, `message[v]` = u_v, and the returned log w(s_F). Downward (reverse
 * order): `full[v]` = H_v, the total field whose tanh is ⟨s_v | s_F⟩: roots H_r = a_r, and for a child v of p,
 * H_v = a_v + atanh(tanh(H_p − u_v) tanh K_v) (p's field without v's message, passed through the edge).
 * Entries at FVS nodes are left untouched. O(N + M).
 */
export function forestSumProduct(
  r: FvsReduction,
  spins: Int8Array,
  base: number,
  cavity: Float64Array,
  message: Float64Array,
  full: Float64Array,
): number {
  // `full` serves as the accumulating field during the upward pass.
  let lw = fillForestFields(r, spins, base, full);
  const order = r.forestOrder;
  const parent = r.forestParent;
  const kc = r.parentCouplings;
  const count = order.length;
  for (let i = 0; i < count; i++) {
    const v = order[i] as number;
    const a = full[v] as number;
    cavity[v] = a;
    const p = parent[v] as number;
    if (p < 0) {
      message[v] = 0;
      lw += logTwoCosh(a);
      continue;
    }
    const kv = kc[v] as number;
    const plus = logTwoCosh(a + kv);
    const minus = logTwoCosh(a - kv);
    const u = 0.5 * (plus - minus);
    message[v] = u;
    lw += 0.5 * (plus + minus);
    full[p] = (full[p] as number) + u;
  }
  for (let i = count - 1; i >= 0; i--) {
    const v = order[i] as number;
    const p = parent[v] as number;
    if (p < 0) {
      full[v] = cavity[v] as number;
      continue;
    }
    const b = (full[p] as number) - (message[v] as number);
    const kv = kc[v] as number;
    full[v] = (cavity[v] as number) + 0.5 * (logTwoCosh(b + kv) - logTwoCosh(b - kv));
  }
  return lw;
}

/**
 * ⟨s_v s_p | s_F⟩ for a forest node v and its parent p after `forestSumProduct`: the pair sees
 * exp(a s_v + b s_p + K s_v s_p) with a = a_v, b = H_p − u_v, so the correlation is
 * tanh(K + ½ [L(a + b) − L(a − b)]).
 */
export function parentPairCorrelation(
  r: FvsReduction,
  v: number,
  cavity: Float64Array,
  message: Float64Array,
  full: Float64Array,
): number {
  const p = r.forestParent[v] as number;
  const a = cavity[v] as number;
  const b = (full[p] as number) - (message[v] as number);
  return tanh((r.parentCouplings[v] as number) + 0.5 * (logTwoCosh(a + b) - logTwoCosh(a - b)));
}
