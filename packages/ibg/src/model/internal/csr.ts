/**
 * Products of a 0/1 adjacency (out-CSR) with dense row-major blocks of l columns. Trusted inputs.
 */

/** out (n × l) ← A X: row i is the sum of rows X_j over arcs i → j. O(nnz·l). */
export function csrTimesDenseInto(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  x: Float64Array,
  l: number,
  out: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const oi = i * l;
    out.fill(0, oi, oi + l);
    const end = offsets[i + 1] as number;
    for (let e = offsets[i] as number; e < end; e++) {
      const oj = (targets[e] as number) * l;
      for (let c = 0; c < l; c++) out[oi + c] = (out[oi + c] as number) + (x[oj + c] as number);
    }
  }
}

/** out (n × l) ← Aᵀ X: row j is the sum of rows X_i over arcs i → j (a scatter over the out-CSR). O(nnz·l). */
export function csrTransposeTimesDenseInto(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  x: Float64Array,
  l: number,
  out: Float64Array,
): void {
  out.fill(0, 0, n * l);
  for (let i = 0; i < n; i++) {
    const oi = i * l;
    const end = offsets[i + 1] as number;
    for (let e = offsets[i] as number; e < end; e++) {
      const oj = (targets[e] as number) * l;
      for (let c = 0; c < l; c++) out[oj + c] = (out[oj + c] as number) + (x[oi + c] as number);
    }
  }
}
