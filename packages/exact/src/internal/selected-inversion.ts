/**
 * Selected inversion of a kept sparse skew factorisation (sparse-pfaffian.ts): the entries of K⁻¹ inside the
 * factor's pattern, in about the cost of the factorisation (Takahashi, Fagan & Chen 1973; Erisman & Tinney 1975;
 * multifrontal form: Amestoy et al. 2012). Every non-zero entry of K lies in that pattern, which is what the edge
 * correlations need: P(intercity edge a–c matched) = K_ac (K⁻¹)_ca.
 *
 * In the pivoted numbering K = L D Lᵀ (L block unit lower triangular, D skew 2×2 blocks), so Z = K⁻¹ satisfies
 * Z L = L⁻ᵀ D⁻¹, a block upper triangular matrix. Column block k (a pivot pair) of that identity, with A_k the rows
 * after k in k's front (L[·, k] is zero elsewhere), gives
 *   Z[A_k, k] = −Z[A_k, A_k] L[A_k, k],     Z[k, k] = D_k⁻¹ + Z[A_k, k]ᵀ L[A_k, k].
 * A front's rows after its pivots all lie in its parent's front, so walking the assembly tree from the root down,
 * each front's dense block of Z starts from its parent's block and is completed pivot by pivot from the last.
 * Only the blocks of fronts whose children are still to come are kept: O(root front²) memory along one path.
 */
import type { SkewFactor } from './sparse-pfaffian.js';

/**
 * (K⁻¹)[rows[i]][cols[i]] for each requested entry, rows and cols in K's own numbering. Each entry must lie in the
 * factor's pattern (a non-zero of K, or of L + Lᵀ); the factor must have been made with `keepFactor: true`.
 */
export function selectedInverse(factor: SkewFactor, rows: Int32Array, cols: Int32Array): Float64Array {
  const { symbolic, panels, panelStart, pivots, frontRows, frontRowStart, frontSize, frontPivots, scalarOrder } = factor;
  if (factor.kept !== true || panels === null || panelStart === null || frontRows === null || frontRowStart === null || frontSize === null || frontPivots === null) {
    throw new Error('exact: selectedInverse needs a factor made with keepFactor: true');
  }
  if (factor.failedAt >= 0) throw new Error('exact: selectedInverse on a failed factorisation');
  const { pairs, ordering } = symbolic;
  const { iperm, count, parent } = ordering;
  const n = 2 * pairs;
  const requests = rows.length;
  // elimination index of each permuted scalar, and the front that eliminated it
  const eliminatedAt = new Int32Array(n);
  for (let x = 0; x < n; x++) eliminatedAt[scalarOrder[x] as number] = x;
  const frontOf = new Int32Array(n);
  for (let t = 0, x = 0; t < count; t++) {
    const end = x + 2 * (frontPivots[t] as number);
    for (; x < end; x++) frontOf[scalarOrder[x] as number] = t;
  }
  // requests bucketed by the front of their earlier-eliminated scalar, which holds both rows
  const permuted = (s: number): number => 2 * (iperm[s >> 1] as number) + (s & 1);
  const requestRow = new Int32Array(requests);
  const requestCol = new Int32Array(requests);
  const requestFront = new Int32Array(requests);
  const bucketPtr = new Int32Array(count + 1);
  for (let i = 0; i < requests; i++) {
    const r = permuted(rows[i] as number);
    const c = permuted(cols[i] as number);
    requestRow[i] = r;
    requestCol[i] = c;
    const t = frontOf[(eliminatedAt[r] as number) < (eliminatedAt[c] as number) ? r : c] as number;
    requestFront[i] = t;
    bucketPtr[t + 1]!++;
  }
  for (let t = 0; t < count; t++) bucketPtr[t + 1] = (bucketPtr[t + 1] as number) + (bucketPtr[t] as number);
  const bucket = new Int32Array(requests);
  const bucketFill = bucketPtr.slice(0, count);
  for (let i = 0; i < requests; i++) bucket[bucketFill[requestFront[i] as number]!++] = i;
  // pivots in elimination order: front t's first pivot is pivots[pivotStart[t]]
  const pivotStart = new Int32Array(count + 1);
  for (let t = 0; t < count; t++) pivotStart[t + 1] = (pivotStart[t] as number) + (frontPivots[t] as number);
  const childrenLeft = new Int32Array(count);
  for (let t = 0; t < count; t++) if ((parent[t] as number) >= 0) childrenLeft[parent[t] as number]!++;
  const blocks: (Float64Array | null)[] = new Array<Float64Array | null>(count).fill(null);
  const position = new Int32Array(n); // local row of a permuted scalar in the front being read
  const positionOwner = new Int32Array(n).fill(-1);
  const out = new Float64Array(requests);
  let w = new Float64Array(16);
  let product = new Float64Array(16);
  for (let t = count - 1; t >= 0; t--) {
    const m = frontSize[t] as number;
    const e = frontPivots[t] as number;
    const r0 = frontRowStart[t] as number;
    const z = new Float64Array(m * m);
    const later = 2 * e;
    if (later < m) {
      // Z on the rows after the pivots, from the parent's block
      const p = parent[t] as number;
      const above = p >= 0 ? blocks[p] : null;
      if (above === null || above === undefined) throw new Error(`exact: selectedInverse: front ${t} has rows after its pivots but no parent block`);
      const mp = frontSize[p] as number;
      const rp = frontRowStart[p] as number;
      for (let i = 0; i < mp; i++) {
        const s = frontRows[rp + i] as number;
        position[s] = i;
        positionOwner[s] = p;
      }
      gatherFromParent(z, m, later, frontRows, r0, above, mp, position, positionOwner, p);
      if (--childrenLeft[p]! === 0) blocks[p] = null;
    } else if ((parent[t] as number) >= 0 && --childrenLeft[parent[t] as number]! === 0) {
      blocks[parent[t] as number] = null;
    }
    if (w.length < WIDTH * m) {
      w = new Float64Array(WIDTH * m);
      product = new Float64Array(WIDTH * m);
    }
    completeFront(z, m, e, panels, panelStart[t] as number, pivots, pivotStart[t] as number, w, product);
    // requested entries of this front
    const b0 = bucketPtr[t] as number;
    const b1 = bucketPtr[t + 1] as number;
    if (b1 > b0) {
      for (let i = 0; i < m; i++) {
        const s = frontRows[r0 + i] as number;
        position[s] = i;
        positionOwner[s] = -2 - t;
      }
      for (let k = b0; k < b1; k++) {
        const q = bucket[k] as number;
        const r = requestRow[q] as number;
        const c = requestCol[q] as number;
        if (positionOwner[r] !== -2 - t || positionOwner[c] !== -2 - t) {
          throw new Error(`exact: selectedInverse: entry (${rows[q]}, ${cols[q]}) is outside the factor's pattern`);
        }
        out[q] = z[(position[r] as number) * m + (position[c] as number)] as number;
      }
    }
    if ((childrenLeft[t] as number) > 0) blocks[t] = z;
  }
  return out;
}

/**
 * The inverse of the root's Schur complement, i.e. the block of K⁻¹ on the last front's rows, from a factor kept with
 * `keepFactor: 'root'` (or true) whose last front is the single root and eliminates all its rows. Returns the rows
 * (permuted scalar ids, the front's final local order) and the block, row-major, both triangles.
 */
export function rootFrontInverse(factor: SkewFactor): { rows: Int32Array; inverse: Float64Array } {
  const { symbolic, panels, panelStart, pivots, frontRows, frontRowStart, frontSize, frontPivots } = factor;
  if (panels === null || panelStart === null || frontRows === null || frontRowStart === null || frontSize === null || frontPivots === null) {
    throw new Error('exact: rootFrontInverse needs a factor made with keepFactor');
  }
  if (factor.failedAt >= 0) throw new Error('exact: rootFrontInverse on a failed factorisation');
  const t = symbolic.ordering.count - 1;
  const m = frontSize[t] as number;
  const e = frontPivots[t] as number;
  if (symbolic.ordering.parent[t] !== -1 || 2 * e !== m) throw new Error('exact: rootFrontInverse: the last front is not a root that eliminates all its rows');
  const z = new Float64Array(m * m);
  const w = new Float64Array(Math.max(16, WIDTH * m));
  const product = new Float64Array(Math.max(16, WIDTH * m));
  completeFront(z, m, e, panels, panelStart[t] as number, pivots, symbolic.pairs - e, w, product);
  const r0 = frontRowStart[t] as number;
  return { rows: frontRows.slice(r0, r0 + m), inverse: z };
}

/** z[i][j] = parent block's entry of the same two rows, for the rows i, j ≥ later (the rows after the pivots). */
function gatherFromParent(
  z: Float64Array,
  m: number,
  later: number,
  frontRows: Int32Array,
  r0: number,
  above: Float64Array,
  mp: number,
  position: Int32Array,
  positionOwner: Int32Array,
  p: number,
): void {
  for (let i = later; i < m; i++) {
    const si = frontRows[r0 + i] as number;
    if (positionOwner[si] !== p) throw new Error(`exact: selectedInverse: row ${si} of a front is missing from its parent front ${p}`);
  }
  for (let i = later; i < m; i++) {
    const pi = (position[frontRows[r0 + i] as number] as number) * mp;
    const row = i * m;
    for (let j = later; j < m; j++) z[row + j] = above[pi + (position[frontRows[r0 + j] as number] as number)] as number;
  }
}

/**
 * Pivot pairs of a front completed together: their 2·GROUP columns share one read of Z's later rows (two rows at a
 * time, in 4-column passes while the rows are in L1).
 */
const GROUP = 8;
const WIDTH = 2 * GROUP;

/**
 * Fills a front's block of Z (m × m, row-major, both triangles) whose rows after its e pivot pairs are already
 * filled: for each pivot pair k from the last, Z[A_k, k] = −Z[A_k, A_k] L[A_k, k] and the 2×2 block
 * Z[k, k] = D_k⁻¹ + Z[A_k, k]ᵀ L[A_k, k] (D_k = [[0, δ], [−δ, 0]], D_k⁻¹ = [[0, −1/δ], [1/δ, 0]]), with
 * Z[k, A_k] = −Z[A_k, k]ᵀ. The panel of pivot k holds (L_i0, L_i1) for i = 2k + 2 .. m − 1.
 *
 * Pivots go in groups of GROUP from the last: the products with the rows after the whole group (the bulk of the
 * work) are done for the group's 2·GROUP columns in one pass over those rows of Z (`product`); each pivot then adds
 * the few terms of the group's own rows.
 */
function completeFront(
  z: Float64Array,
  m: number,
  e: number,
  panels: Float64Array,
  panel0: number,
  pivots: Float64Array,
  pivot0: number,
  w: Float64Array,
  product: Float64Array,
): void {
  for (let g1 = e; g1 > 0; g1 -= GROUP) {
    const g0 = g1 > GROUP ? g1 - GROUP : 0;
    const first = 2 * g0;
    const after = 2 * g1;
    // w[j·WIDTH + c] = L[j][first + c] (zero above the panel's first row and for columns past the group)
    w.fill(0, first * WIDTH, m * WIDTH);
    for (let k = g0; k < g1; k++) {
      const c = 2 * (k - g0);
      let at = panel0 + 2 * (k * (m - 2) - k * (k - 1));
      for (let j = 2 * k + 2; j < m; j++, at += 2) {
        w[j * WIDTH + c] = panels[at] as number;
        w[j * WIDTH + c + 1] = panels[at + 1] as number;
      }
    }
    groupProduct(z, m, after, w, product);
    for (let k = g1 - 1; k >= g0; k--) {
      const c0 = 2 * k;
      const c1 = c0 + 1;
      const l0 = c0 - first;
      const l1 = l0 + 1;
      let corner = 0;
      for (let i = c0 + 2; i < m; i++) {
        const row = i * m;
        let s0 = 0;
        let s1 = 0;
        let jEnd = m;
        if (i >= after) {
          s0 = product[i * WIDTH + l0] as number;
          s1 = product[i * WIDTH + l1] as number;
          jEnd = after;
        }
        for (let j = c0 + 2; j < jEnd; j++) {
          const x = z[row + j] as number;
          s0 += x * (w[j * WIDTH + l0] as number);
          s1 += x * (w[j * WIDTH + l1] as number);
        }
        z[row + c0] = -s0;
        z[row + c1] = -s1;
        z[c0 * m + i] = s0;
        z[c1 * m + i] = s1;
        corner -= s0 * (w[i * WIDTH + l1] as number);
      }
      const z01 = -1 / (pivots[pivot0 + k] as number) + corner;
      z[c0 * m + c1] = z01;
      z[c1 * m + c0] = -z01;
    }
  }
}

/** product[i·WIDTH + c] = Σ_{j ≥ after} z[i][j] · w[j·WIDTH + c] for rows i ≥ after: one read of Z[after.., after..]. */
function groupProduct(z: Float64Array, m: number, after: number, w: Float64Array, product: Float64Array): void {
  let i = after;
  for (; i + 1 < m; i += 2) {
    for (let c0 = 0; c0 < WIDTH; c0 += 4) productPass2(z, i * m, (i + 1) * m, after, m, w, c0, product, i * WIDTH + c0);
  }
  if (i < m) {
    for (let c0 = 0; c0 < WIDTH; c0 += 4) productPass2(z, i * m, i * m, after, m, w, c0, product, i * WIDTH + c0);
  }
}

/**
 * Two rows at once: out[o + c] = Σ_j z[r0 + j] · w[j·WIDTH + c0 + c] and out[o + WIDTH + c] the same with r1, c < 4,
 * j from after to m − 1 (each w entry read serves both rows). With r1 = r0 the second row's sums are not stored.
 */
function productPass2(z: Float64Array, r0: number, r1: number, after: number, m: number, w: Float64Array, c0: number, out: Float64Array, o: number): void {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  for (let j = after, wj = after * WIDTH + c0; j < m; j++, wj += WIDTH) {
    const x = z[r0 + j] as number;
    const y = z[r1 + j] as number;
    const w0 = w[wj] as number;
    const w1 = w[wj + 1] as number;
    const w2 = w[wj + 2] as number;
    const w3 = w[wj + 3] as number;
    a0 += x * w0;
    a1 += x * w1;
    a2 += x * w2;
    a3 += x * w3;
    b0 += y * w0;
    b1 += y * w1;
    b2 += y * w2;
    b3 += y * w3;
  }
  out[o] = a0;
  out[o + 1] = a1;
  out[o + 2] = a2;
  out[o + 3] = a3;
  if (r1 === r0) return;
  out[o + WIDTH] = b0;
  out[o + WIDTH + 1] = b1;
  out[o + WIDTH + 2] = b2;
  out[o + WIDTH + 3] = b3;
}
