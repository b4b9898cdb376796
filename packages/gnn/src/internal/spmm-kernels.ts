/**
 * Typed-array kernels of the sparse–dense product used for message passing. They trust their inputs: a valid CSR
 * (rowOffsets of length rows + 1, column indices < cols), `x` of cols·F entries, outputs sized by the caller.
 * Rows are accumulated in a float64 scratch row before the single float32 rounding, so results do not depend on
 * the order of neighbours beyond that rounding.
 */

/**
 * out[i,:] = Σ_{e ∈ row i} value_e · rowScale_i · x[col_e, :]. `values` null means 1 for every entry, `rowScale`
 * null means 1 for every row (mean aggregation passes 1 / entries-in-row).
 */
export function spmmSumInto(
  out: Float32Array,
  rows: number,
  rowOffsets: Int32Array,
  colIndices: Int32Array,
  values: Float32Array | null,
  rowScale: Float32Array | null,
  x: Float32Array,
  features: number,
  scratch: Float64Array,
): void {
  for (let i = 0; i < rows; i++) {
    scratch.fill(0, 0, features);
    const end = rowOffsets[i + 1] as number;
    for (let e = rowOffsets[i] as number; e < end; e++) {
      const v = values === null ? 1 : (values[e] as number);
      const base = (colIndices[e] as number) * features;
      for (let f = 0; f < features; f++) scratch[f] = (scratch[f] as number) + v * (x[base + f] as number);
    }
    const s = rowScale === null ? 1 : (rowScale[i] as number);
    const o = i * features;
    for (let f = 0; f < features; f++) out[o + f] = s * (scratch[f] as number);
  }
}

/**
 * Gradient of spmmSum with respect to x: dx = Aᵀ·dy, one output row per column of A, read through the transposed
 * index (`tOffsets` over columns, `tRows` the row of each entry, `tEntry` its position in the forward order).
 */
export function spmmSumTransposeInto(
  dx: Float32Array,
  cols: number,
  tOffsets: Int32Array,
  tRows: Int32Array,
  tEntry: Int32Array,
  values: Float32Array | null,
  rowScale: Float32Array | null,
  dy: Float32Array,
  features: number,
  scratch: Float64Array,
): void {
  for (let j = 0; j < cols; j++) {
    scratch.fill(0, 0, features);
    const end = tOffsets[j + 1] as number;
    for (let k = tOffsets[j] as number; k < end; k++) {
      const i = tRows[k] as number;
      const v = (values === null ? 1 : (values[tEntry[k] as number] as number)) * (rowScale === null ? 1 : (rowScale[i] as number));
      const base = i * features;
      for (let f = 0; f < features; f++) scratch[f] = (scratch[f] as number) + v * (dy[base + f] as number);
    }
    const o = j * features;
    for (let f = 0; f < features; f++) dx[o + f] = scratch[f] as number;
  }
}

/** Gradient of spmmSum with respect to the entry values: dw_e = rowScale_i · ⟨dy[i,:], x[col_e,:]⟩. */
export function spmmSumValueGradInto(
  dw: Float32Array,
  rows: number,
  rowOffsets: Int32Array,
  colIndices: Int32Array,
  rowScale: Float32Array | null,
  dy: Float32Array,
  x: Float32Array,
  features: number,
): void {
  for (let i = 0; i < rows; i++) {
    const s = rowScale === null ? 1 : (rowScale[i] as number);
    const yBase = i * features;
    const end = rowOffsets[i + 1] as number;
    for (let e = rowOffsets[i] as number; e < end; e++) {
      const xBase = (colIndices[e] as number) * features;
      let dot = 0;
      for (let f = 0; f < features; f++) dot += (dy[yBase + f] as number) * (x[xBase + f] as number);
      dw[e] = s * dot;
    }
  }
}

/**
 * out[i,f] = max_{e ∈ row i} value_e · x[col_e, f], 0 for a row without entries; `argmax[i·F + f]` receives the
 * winning entry (the first one on ties) or −1.
 */
export function spmmMaxInto(
  out: Float32Array,
  argmax: Int32Array,
  rows: number,
  rowOffsets: Int32Array,
  colIndices: Int32Array,
  values: Float32Array | null,
  x: Float32Array,
  features: number,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * features;
    const start = rowOffsets[i] as number;
    const end = rowOffsets[i + 1] as number;
    if (start === end) {
      out.fill(0, o, o + features);
      argmax.fill(-1, o, o + features);
      continue;
    }
    for (let e = start; e < end; e++) {
      const v = values === null ? 1 : (values[e] as number);
      const base = (colIndices[e] as number) * features;
      for (let f = 0; f < features; f++) {
        const m = v * (x[base + f] as number);
        if (e === start || m > (out[o + f] as number)) {
          out[o + f] = m;
          argmax[o + f] = e;
        }
      }
    }
  }
}

/** Gradients of spmmMax: dx[col_e, f] += value_e · dy[i, f] and dw_e += dy[i, f] · x[col_e, f] for each winning e. */
export function spmmMaxGradInto(
  dx: Float32Array | null,
  dw: Float32Array | null,
  argmax: Int32Array,
  rows: number,
  colIndices: Int32Array,
  values: Float32Array | null,
  dy: Float32Array,
  x: Float32Array,
  features: number,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * features;
    for (let f = 0; f < features; f++) {
      const e = argmax[o + f] as number;
      if (e < 0) continue;
      const g = dy[o + f] as number;
      const xi = (colIndices[e] as number) * features + f;
      if (dx !== null) dx[xi] = (dx[xi] as number) + (values === null ? 1 : (values[e] as number)) * g;
      if (dw !== null) dw[e] = (dw[e] as number) + g * (x[xi] as number);
    }
  }
}
