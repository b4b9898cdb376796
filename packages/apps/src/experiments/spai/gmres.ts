/**
 * Right-preconditioned GMRES (Saad & Schultz 1986) on small dense systems, to count the iterations a sparse
 * approximate inverse saves: solve A M y = b, x = M y, until ‖b − A x‖ ≤ tol ‖b‖. Full (unrestarted) Arnoldi with
 * modified Gram–Schmidt and Givens rotations; SPAI's M is not symmetric, so CG does not apply.
 */

export interface GmresResult {
  iterations: number;
  /** ‖b − A x‖ / ‖b‖ at the end, recomputed from x. */
  relativeResidual: number;
  converged: boolean;
  x: Float64Array;
}

function matVec(a: Float64Array, n: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += (a[i * n + j] as number) * (v[j] as number);
    out[i] = s;
  }
}

/** `m` null means no preconditioner. */
export function gmres(a: Float64Array, n: number, b: Float64Array, m: Float64Array | null, tol = 1e-8, maxIterations = 2 * n): GmresResult {
  const beta = Math.hypot(...b);
  const basis: Float64Array[] = [b.map((v) => v / beta)];
  const h: Float64Array[] = []; // column j of the Hessenberg matrix, length j + 2
  const cs: number[] = [];
  const sn: number[] = [];
  const g = [beta];
  const w = new Float64Array(n);
  const z = new Float64Array(n);
  let k = 0;
  let converged = beta === 0;
  while (!converged && k < maxIterations) {
    const v = basis[k] as Float64Array;
    if (m === null) z.set(v);
    else matVec(m, n, v, z);
    matVec(a, n, z, w);
    const col = new Float64Array(k + 2);
    for (let i = 0; i <= k; i++) {
      const vi = basis[i] as Float64Array;
      let dot = 0;
      for (let r = 0; r < n; r++) dot += (w[r] as number) * (vi[r] as number);
      col[i] = dot;
      for (let r = 0; r < n; r++) w[r] = (w[r] as number) - dot * (vi[r] as number);
    }
    const norm = Math.hypot(...w);
    col[k + 1] = norm;
    for (let i = 0; i < k; i++) {
      const t = (cs[i] as number) * (col[i] as number) + (sn[i] as number) * (col[i + 1] as number);
      col[i + 1] = -(sn[i] as number) * (col[i] as number) + (cs[i] as number) * (col[i + 1] as number);
      col[i] = t;
    }
    const r = Math.hypot(col[k] as number, col[k + 1] as number);
    cs.push((col[k] as number) / r);
    sn.push((col[k + 1] as number) / r);
    col[k] = r;
    col[k + 1] = 0;
    g.push(-(sn[k] as number) * (g[k] as number));
    g[k] = (cs[k] as number) * (g[k] as number);
    h.push(col);
    k++;
    converged = Math.abs(g[k] as number) <= tol * beta || norm === 0;
    if (!converged) basis.push(w.map((x) => x / norm));
  }
  // y from the triangular system, x = M V y
  const y = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = g[i] as number;
    for (let j = i + 1; j < k; j++) s -= ((h[j] as Float64Array)[i] as number) * (y[j] as number);
    y[i] = s / ((h[i] as Float64Array)[i] as number);
  }
  const vy = new Float64Array(n);
  for (let j = 0; j < k; j++) for (let r = 0; r < n; r++) vy[r] = (vy[r] as number) + (y[j] as number) * ((basis[j] as Float64Array)[r] as number);
  const x = new Float64Array(n);
  if (m === null) x.set(vy);
  else matVec(m, n, vy, x);
  const ax = new Float64Array(n);
  matVec(a, n, x, ax);
  let res = 0;
  for (let r = 0; r < n; r++) res += ((b[r] as number) - (ax[r] as number)) ** 2;
  const relativeResidual = beta === 0 ? 0 : Math.sqrt(res) / beta;
  return { iterations: k, relativeResidual, converged: relativeResidual <= 10 * tol, x };
}
