/**
 * Small dense linear-algebra kernels on row-major Float64Arrays, used by the IBG objective, the randomised SVD and
 * the feature least-squares fit. Kernels trust their inputs (shapes, finiteness); the public entry points validate.
 */

/**
 * out (k × k) ← AᵀA for A (n × k, row-major). Rows are taken four at a time so each pass over `out` (k² entries,
 * the cache-heavy part for k in the hundreds) serves four rows; only the upper triangle is accumulated, then
 * mirrored. O(n·k²/2) multiply-adds.
 */
export function gramInto(a: Float64Array, n: number, k: number, out: Float64Array): void {
  out.fill(0, 0, k * k);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * k;
    const o1 = o0 + k;
    const o2 = o1 + k;
    const o3 = o2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = a[o0 + p] as number;
      const a1 = a[o1 + p] as number;
      const a2 = a[o2 + p] as number;
      const a3 = a[o3 + p] as number;
      const row = p * k;
      for (let q = p; q < k; q++) {
        out[row + q] =
          (out[row + q] as number) +
          a0 * (a[o0 + q] as number) +
          a1 * (a[o1 + q] as number) +
          a2 * (a[o2 + q] as number) +
          a3 * (a[o3 + q] as number);
      }
    }
  }
  for (; i < n; i++) {
    const o = i * k;
    for (let p = 0; p < k; p++) {
      const ap = a[o + p] as number;
      if (ap === 0) continue;
      const row = p * k;
      for (let q = p; q < k; q++) out[row + q] = (out[row + q] as number) + ap * (a[o + q] as number);
    }
  }
  for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) out[q * k + p] = out[p * k + q] as number;
}

/**
 * out (n × k) += scale · A M for A (n × k) and M (k × k), both row-major. Four rows at a time so M is streamed once
 * per four rows. O(n·k²) multiply-adds.
 */
export function addMatMulInto(
  a: Float64Array,
  n: number,
  k: number,
  m: Float64Array,
  scale: number,
  out: Float64Array,
): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * k;
    const o1 = o0 + k;
    const o2 = o1 + k;
    const o3 = o2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = scale * (a[o0 + p] as number);
      const a1 = scale * (a[o1 + p] as number);
      const a2 = scale * (a[o2 + p] as number);
      const a3 = scale * (a[o3 + p] as number);
      const row = p * k;
      for (let q = 0; q < k; q++) {
        const mq = m[row + q] as number;
        out[o0 + q] = (out[o0 + q] as number) + a0 * mq;
        out[o1 + q] = (out[o1 + q] as number) + a1 * mq;
        out[o2 + q] = (out[o2 + q] as number) + a2 * mq;
        out[o3 + q] = (out[o3 + q] as number) + a3 * mq;
      }
    }
  }
  for (; i < n; i++) {
    const o = i * k;
    for (let p = 0; p < k; p++) {
      const ap = scale * (a[o + p] as number);
      if (ap === 0) continue;
      const row = p * k;
      for (let q = 0; q < k; q++) out[o + q] = (out[o + q] as number) + ap * (m[row + q] as number);
    }
  }
}

/**
 * Orthonormalises the columns of Y (n × l, row-major) in place by classical Gram–Schmidt applied twice
 * ("twice is enough", Giraud et al. 2005), on a column-major copy in `scratch` (length ≥ n·l) so every inner loop
 * is contiguous. A column whose norm falls below 1e-12 of its norm before projection is numerically dependent on
 * the earlier ones and is set to zero (the span is then smaller than l; callers treat zero columns as absent).
 * O(n·l²).
 */
export function orthonormaliseColumnsInPlace(y: Float64Array, n: number, l: number, scratch: Float64Array): void {
  for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) scratch[c * n + i] = y[i * l + c] as number;
  for (let c = 0; c < l; c++) {
    const oc = c * n;
    let before = 0;
    for (let i = 0; i < n; i++) before += (scratch[oc + i] as number) ** 2;
    before = Math.sqrt(before);
    if (before === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < c; b++) {
        const ob = b * n;
        let dot = 0;
        for (let i = 0; i < n; i++) dot += (scratch[ob + i] as number) * (scratch[oc + i] as number);
        if (dot === 0) continue;
        for (let i = 0; i < n; i++) scratch[oc + i] = (scratch[oc + i] as number) - dot * (scratch[ob + i] as number);
      }
    }
    let after = 0;
    for (let i = 0; i < n; i++) after += (scratch[oc + i] as number) ** 2;
    after = Math.sqrt(after);
    if (after <= 1e-12 * before) {
      scratch.fill(0, oc, oc + n);
    } else {
      const inv = 1 / after;
      for (let i = 0; i < n; i++) scratch[oc + i] = (scratch[oc + i] as number) * inv;
    }
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < l; c++) y[i * l + c] = scratch[c * n + i] as number;
}

/** Result of a small dense SVD: A = U diag(s) Vᵀ with s descending. */
export interface SmallSvd {
  /** Left singular vectors, m × n row-major (columns are the vectors; zero columns for zero singular values). */
  u: Float64Array;
  s: Float64Array;
  /** Right singular vectors, n × n row-major (columns are the vectors). */
  v: Float64Array;
}

/**
 * Thin SVD of a small dense A (m × n, row-major, m ≥ n) by one-sided Jacobi rotations (Hestenes 1958): columns of
 * A·V are made pairwise orthogonal; their norms are the singular values (sorted, largest first). A pair counts as
 * orthogonal when |a_pᵀa_q| ≤ tolerance·‖a_p‖‖a_q‖. Accurate to a few ulps relative to ‖A‖; converges
 * quadratically, stopped after `maxSweeps` (never reached in practice for n ≤ a few hundred: `converged` says).
 * O(sweeps·m·n²).
 */
export function jacobiSvd(a: Float64Array, m: number, n: number, tolerance = 1e-15, maxSweeps = 60): SmallSvd & JacobiConvergence {
  // column-major working copies: work (m × n), v (n × n)
  const work = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) work[j * m + i] = a[i * n + j] as number;
  const vc = new Float64Array(n * n);
  for (let j = 0; j < n; j++) vc[j * n + j] = 1;
  let sweeps = 0;
  let converged = false;
  let offMax = 0;
  while (sweeps < maxSweeps) {
    let rotated = false;
    offMax = 0;
    for (let p = 0; p < n - 1; p++) {
      const op = p * m;
      for (let q = p + 1; q < n; q++) {
        const oq = q * m;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = work[op + i] as number;
          const y = work[oq + i] as number;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0) continue;
        const off = Math.abs(gamma) / Math.sqrt(alpha * beta);
        if (off > offMax) offMax = off;
        if (off <= tolerance) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = work[op + i] as number;
          const y = work[oq + i] as number;
          work[op + i] = c * x - s * y;
          work[oq + i] = s * x + c * y;
        }
        const vp = p * n;
        const vq = q * n;
        for (let i = 0; i < n; i++) {
          const x = vc[vp + i] as number;
          const y = vc[vq + i] as number;
          vc[vp + i] = c * x - s * y;
          vc[vq + i] = s * x + c * y;
        }
      }
    }
    sweeps++;
    if (!rotated) {
      converged = true;
      break;
    }
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += (work[j * m + i] as number) ** 2;
    norms[j] = Math.sqrt(s);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => (norms[y] as number) - (norms[x] as number));
  const u = new Float64Array(m * n);
  const s = new Float64Array(n);
  const v = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    const j = order[c] as number;
    const sj = norms[j] as number;
    s[c] = sj;
    if (sj > 0) for (let i = 0; i < m; i++) u[i * n + c] = (work[j * m + i] as number) / sj;
    for (let i = 0; i < n; i++) v[i * n + c] = vc[j * n + i] as number;
  }
  return { u, s, v, sweeps, converged, offMax };
}

/** How a Jacobi SVD ended: sweeps run, whether the last one rotated nothing, its largest relative off-orthogonality. */
export interface JacobiConvergence {
  sweeps: number;
  converged: boolean;
  offMax: number;
}

/**
 * Solves (G + δI) X = B for symmetric positive semi-definite G (p × p) and B (p × d), both row-major, by Cholesky,
 * with the ridge δ = 1e-10 · max(diag G) (plus the smallest normal number) so that a singular G (zero columns in
 * the design, e.g. communities of weight 0) still gives the minimum-norm-like solution instead of failing.
 * Returns X (p × d). O(p³/3 + p²·d).
 */
export function ridgeCholeskySolve(g: Float64Array, p: number, b: Float64Array, d: number): Float64Array {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, g[i * p + i] as number);
  const delta = 1e-10 * maxDiag + Number.MIN_VALUE * 1e10;
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (g[i * p + j] as number) + (i === j ? delta : 0);
      for (let t = 0; t < j; t++) s -= (l[i * p + t] as number) * (l[j * p + t] as number);
      if (i === j) {
        // s > 0 in exact arithmetic (G + δI is positive definite); guard the rounding of a near-singular pivot
        l[i * p + i] = Math.sqrt(Math.max(s, delta));
      } else {
        l[i * p + j] = s / (l[j * p + j] as number);
      }
    }
  }
  const x = new Float64Array(p * d);
  x.set(b.subarray(0, p * d));
  // forward: L y = b
  for (let i = 0; i < p; i++) {
    const li = l[i * p + i] as number;
    for (let c = 0; c < d; c++) {
      let s = x[i * d + c] as number;
      for (let t = 0; t < i; t++) s -= (l[i * p + t] as number) * (x[t * d + c] as number);
      x[i * d + c] = s / li;
    }
  }
  // backward: Lᵀ x = y
  for (let i = p - 1; i >= 0; i--) {
    const li = l[i * p + i] as number;
    for (let c = 0; c < d; c++) {
      let s = x[i * d + c] as number;
      for (let t = i + 1; t < p; t++) s -= (l[t * p + i] as number) * (x[t * d + c] as number);
      x[i * d + c] = s / li;
    }
  }
  return x;
}
