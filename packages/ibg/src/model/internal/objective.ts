/**
 * The IBG objective and its gradient (seed 003, Eq. (8) restructured as in Proposition 5.1): for a 0/1 adjacency A
 * (N × N, given by its out-CSR with nnz arcs), memberships U, V ∈ [0, 1]^{N×K}, weights r ∈ R^K and
 * Â = U diag(r) Vᵀ,
 *
 *   S_w = Σ_ij W_ij (A_ij − Â_ij)²,  W_ij = 1 on arcs, w on non-arcs
 *       = Σ_{(i,j)∈E} [(1 − Â_ij)² − w Â_ij²] + w · tr(VᵀV diag(r) UᵀU diag(r)),
 *
 * so nothing N × N is formed: the arc sum costs O(nnz·K) and the trace O(N·K²) through two K × K Gram matrices.
 * The unweighted S_1 (w = 1) comes from the same sums for free. With a signal X (N × D) and community features
 * F_src, F_dst (K × D), X̂ = U diag(r) F_src + V diag(r) F_dst and the signal SSE is ‖X − X̂‖²_F (O(N·K·D)).
 *
 * The kernel minimises L = graphScale · S_w + signalScale · ‖X − X̂‖²; the caller picks the scales (1/N and λ/D for
 * the full graph, rescaled estimates for a node sample). Gradients are with respect to the memberships U, V (not
 * their logits: the caller applies the sigmoid's derivative), r, F_src and F_dst.
 *
 * Preconditions (trusted): CSR rows hold node ids in [0, n); arrays have the documented lengths; all finite.
 */
import { addMatMulInto, gramInto } from './dense.js';

export interface ObjectiveProblem {
  /** Number of nodes N of this (sub)problem. */
  n: number;
  /** Communities K. */
  k: number;
  /** Signal dimension D (0: no signal term). */
  d: number;
  /** Out-CSR row starts (length ≥ n + 1) and targets. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Weight w of non-arcs (arcs weigh 1). */
  nonEdgeWeight: number;
  /** Multiplies S_w in the loss. */
  graphScale: number;
  /** Multiplies ‖X − X̂‖² in the loss. */
  signalScale: number;
  /** Signal X (n × d, row-major), or null when d = 0. */
  features: Float64Array | null;
}

/** Gradient buffers, fully overwritten by the kernel. u and v have n·k entries, r has k, fs and fd k·d. */
export interface ObjectiveGradient {
  u: Float64Array;
  v: Float64Array;
  r: Float64Array;
  fs: Float64Array;
  fd: Float64Array;
}

/** Scratch space reused across calls (no allocation per evaluation). */
export interface ObjectiveWorkspace {
  /** U diag(r), n × k. */
  p: Float64Array;
  gu: Float64Array;
  gv: Float64Array;
  mk: Float64Array;
  xhat: Float64Array;
  /** [S_w, S_1, signal SSE, Σ_E Â² ] after each call. */
  sums: Float64Array;
}

export function createObjectiveWorkspace(n: number, k: number, d: number): ObjectiveWorkspace {
  return {
    p: new Float64Array(n * k),
    gu: new Float64Array(k * k),
    gv: new Float64Array(k * k),
    mk: new Float64Array(k * k),
    xhat: new Float64Array(Math.max(d, 1)),
    sums: new Float64Array(4),
  };
}

/**
 * Evaluates the sums (into ws.sums) and, when `grad` is given, the gradient of
 * L = graphScale·S_w + signalScale·‖X − X̂‖². Returns L. O(nnz·K + N·K² + N·K·D).
 */
export function evaluateObjective(
  prob: ObjectiveProblem,
  u: Float64Array,
  v: Float64Array,
  r: Float64Array,
  fs: Float64Array,
  fd: Float64Array,
  ws: ObjectiveWorkspace,
  grad: ObjectiveGradient | null,
): number {
  const { n, k, d, offsets, targets, nonEdgeWeight: w, graphScale } = prob;
  const nk = n * k;
  const p = ws.p;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) p[o + c] = (u[o + c] as number) * (r[c] as number);
  }
  if (grad !== null) {
    grad.u.fill(0, 0, nk);
    grad.v.fill(0, 0, nk);
    grad.r.fill(0, 0, k);
    grad.fs.fill(0, 0, k * d);
    grad.fd.fill(0, 0, k * d);
  }

  // Arc term: Σ_E [(1 − a)² − w a²] and Σ_E a², a = Â_ij = P_i · V_j.
  let arcW = 0;
  let arcA2 = 0;
  let arcMiss = 0;
  if (grad === null) {
    for (let i = 0; i < n; i++) {
      const oi = i * k;
      const end = offsets[i + 1] as number;
      for (let e = offsets[i] as number; e < end; e++) {
        const oj = (targets[e] as number) * k;
        let a = 0;
        for (let c = 0; c < k; c++) a += (p[oi + c] as number) * (v[oj + c] as number);
        const miss = 1 - a;
        arcMiss += miss * miss;
        arcA2 += a * a;
      }
    }
    arcW = arcMiss - w * arcA2;
  } else {
    const gu = grad.u;
    const gv = grad.v;
    const twoScaleKeep = 2 * graphScale * (1 - w);
    const twoScale = 2 * graphScale;
    for (let i = 0; i < n; i++) {
      const oi = i * k;
      const end = offsets[i + 1] as number;
      for (let e = offsets[i] as number; e < end; e++) {
        const oj = (targets[e] as number) * k;
        let a = 0;
        for (let c = 0; c < k; c++) a += (p[oi + c] as number) * (v[oj + c] as number);
        const miss = 1 - a;
        arcMiss += miss * miss;
        arcA2 += a * a;
        // ∂/∂a of graphScale·[(1 − a)² − w a²]
        const g = twoScaleKeep * a - twoScale;
        // ∂a/∂U_ic = r_c V_jc (r applied below, once per row); ∂a/∂V_jc = P_ic
        for (let c = 0; c < k; c++) {
          gu[oi + c] = (gu[oi + c] as number) + g * (v[oj + c] as number);
          gv[oj + c] = (gv[oj + c] as number) + g * (p[oi + c] as number);
        }
      }
    }
    arcW = arcMiss - w * arcA2;
    // gu now holds Σ_j g_ij V_j per row: ∂/∂r_c = Σ_i U_ic (that)_c, ∂/∂U_ic = r_c (that)_c
    const gr = grad.r;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      for (let c = 0; c < k; c++) {
        const t = gu[o + c] as number;
        gr[c] = (gr[c] as number) + (u[o + c] as number) * t;
        gu[o + c] = (r[c] as number) * t;
      }
    }
  }

  // Global term T = ‖Â‖²_F = Σ_cl r_c r_l (UᵀU)_cl (VᵀV)_cl.
  gramInto(u, n, k, ws.gu);
  gramInto(v, n, k, ws.gv);
  const gU = ws.gu;
  const gV = ws.gv;
  let trace = 0;
  for (let c = 0; c < k; c++) {
    const rc = r[c] as number;
    const row = c * k;
    let s = 0;
    for (let l = 0; l < k; l++) s += (r[l] as number) * (gU[row + l] as number) * (gV[row + l] as number);
    trace += rc * s;
    if (grad !== null && w > 0) grad.r[c] = (grad.r[c] as number) + 2 * graphScale * w * s;
  }
  if (grad !== null && w > 0) {
    const coef = 2 * graphScale * w;
    const mk = ws.mk;
    // ∂T/∂U = 2 U M with M_cl = r_c r_l (VᵀV)_cl; ∂T/∂V = 2 V M' with M'_cl = r_c r_l (UᵀU)_cl
    for (let c = 0; c < k; c++) {
      const rc = r[c] as number;
      for (let l = 0; l < k; l++) mk[c * k + l] = rc * (r[l] as number) * (gV[c * k + l] as number);
    }
    addMatMulInto(u, n, k, mk, coef, grad.u);
    for (let c = 0; c < k; c++) {
      const rc = r[c] as number;
      for (let l = 0; l < k; l++) mk[c * k + l] = rc * (r[l] as number) * (gU[c * k + l] as number);
    }
    addMatMulInto(v, n, k, mk, coef, grad.v);
  }
  const sW = arcW + w * trace;
  const s1 = arcMiss - arcA2 + trace;

  // Signal term ‖X − U diag(r) F_src − V diag(r) F_dst‖².
  let sse = 0;
  const x = prob.features;
  if (d > 0 && x !== null) {
    const xhat = ws.xhat;
    const c2 = -2 * prob.signalScale;
    for (let i = 0; i < n; i++) {
      const o = i * k;
      const ox = i * d;
      xhat.fill(0, 0, d);
      for (let c = 0; c < k; c++) {
        const pc = p[o + c] as number;
        const qc = (v[o + c] as number) * (r[c] as number);
        const of = c * d;
        for (let t = 0; t < d; t++) xhat[t] = (xhat[t] as number) + pc * (fs[of + t] as number) + qc * (fd[of + t] as number);
      }
      // residual in place: xhat ← X_i − X̂_i
      for (let t = 0; t < d; t++) {
        const res = (x[ox + t] as number) - (xhat[t] as number);
        xhat[t] = res;
        sse += res * res;
      }
      if (grad !== null) {
        const { u: gu, v: gv, r: gr, fs: gfs, fd: gfd } = grad;
        for (let c = 0; c < k; c++) {
          const of = c * d;
          let s1c = 0;
          let s2c = 0;
          for (let t = 0; t < d; t++) {
            const res = xhat[t] as number;
            s1c += res * (fs[of + t] as number);
            s2c += res * (fd[of + t] as number);
          }
          const dp = c2 * s1c;
          const dq = c2 * s2c;
          const rc = r[c] as number;
          gu[o + c] = (gu[o + c] as number) + dp * rc;
          gv[o + c] = (gv[o + c] as number) + dq * rc;
          gr[c] = (gr[c] as number) + dp * (u[o + c] as number) + dq * (v[o + c] as number);
          const ap = c2 * (p[o + c] as number);
          const aq = c2 * (v[o + c] as number) * rc;
          for (let t = 0; t < d; t++) {
            const res = xhat[t] as number;
            gfs[of + t] = (gfs[of + t] as number) + ap * res;
            gfd[of + t] = (gfd[of + t] as number) + aq * res;
          }
        }
      }
    }
  }
  const sums = ws.sums;
  sums[0] = sW;
  sums[1] = s1;
  sums[2] = sse;
  sums[3] = arcA2;
  return graphScale * sW + prob.signalScale * sse;
}
