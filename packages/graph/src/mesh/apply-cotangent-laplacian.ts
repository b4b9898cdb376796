/** Applying the cotangent Laplacian to per-vertex fields. */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkFiniteArray, type CheckSite } from '../errors/validate.js';
import type { CotangentLaplacianMatrix } from './cotangent-laplacian.js';
import { checkMesh } from './internal/check-mesh.js';
import {
  cornerGeometry,
  cotangentWeightsKernel,
  faceSideEdges,
  laplacianFromWeights,
} from './internal/mesh-kernels.js';
import type { TriangleMesh } from './triangle-mesh.js';

/**
 * out = L · values for a field of k numbers per vertex: `values` is an n × k row-major Float64Array (k = length / n),
 * so out[i·k + c] = Σ_j L_ij values[j·k + c]. With L from `cotangentLaplacian` (PSD convention) this is
 * Σ_j w_ij (f_i − f_j) per component; for k = 3 and values = mesh.positions it is the area gradient (twice the
 * mean-curvature normal times the vertex area).
 *
 * `operator` is either a precomputed `CotangentLaplacianMatrix` (any square CSR matrix of that shape) or a mesh, in
 * which case L is built first (O(V + F log d)); pass the matrix when applying repeatedly. With a matrix and a
 * caller-owned `out` nothing is allocated. `out` must have the length of `values` and must not overlap it.
 *
 * Complexity: O(nnz · k) plus O(nnz + n·k) entry checks (column range, finite entries).
 * Reference: O. Sorkine, "Laplacian mesh processing", Eurographics STAR 2005.
 *
 * @returns `out` (allocated when omitted).
 */
export function applyCotangentLaplacian(
  operator: TriangleMesh | CotangentLaplacianMatrix,
  values: Float64Array,
  out?: Float64Array,
): Float64Array {
  const site = { pkg: 'graph', fn: 'applyCotangentLaplacian' };
  let L: CotangentLaplacianMatrix;
  if (isMesh(operator)) {
    const mesh = checkMesh(site, operator, 'operator');
    const sides = faceSideEdges(site, mesh, 'operator');
    L = laplacianFromWeights(mesh, cotangentWeightsKernel(mesh, cornerGeometry(mesh), sides));
  } else {
    L = checkMatrix(site, operator);
  }
  const n = L.order;
  if (!(values instanceof Float64Array)) {
    throw new InvalidArgumentError({ ...site, argument: 'values', value: values, rule: 'a Float64Array' });
  }
  if (n === 0 ? values.length !== 0 : values.length % n !== 0) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'values.length',
      value: values.length,
      rule: `a multiple of the number of vertices (${n})`,
    });
  }
  checkFiniteArray(site, 'values', values);
  const k = n === 0 ? 0 : values.length / n;
  let y: Float64Array;
  if (out === undefined) {
    y = new Float64Array(values.length);
  } else {
    if (!(out instanceof Float64Array)) {
      throw new InvalidArgumentError({ ...site, argument: 'out', value: out, rule: 'a Float64Array or undefined' });
    }
    if (out.length !== values.length) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'out.length',
        value: out.length,
        rule: `equal to values.length (${values.length})`,
      });
    }
    if (overlaps(out, values)) {
      throw new InvalidArgumentError({
        ...site,
        argument: 'out',
        value: out,
        rule: 'a buffer that does not overlap values',
      });
    }
    y = out;
  }
  const off = L.offsets;
  const cols = L.columns;
  const vals = L.values;
  for (let i = 0; i < n; i++) {
    const base = i * k;
    for (let c = 0; c < k; c++) y[base + c] = 0;
    const end = off[i + 1] as number;
    for (let h = off[i] as number; h < end; h++) {
      const a = vals[h] as number;
      const src = (cols[h] as number) * k;
      for (let c = 0; c < k; c++) y[base + c]! += a * (values[src + c] as number);
    }
  }
  return y;
}

function isMesh(value: unknown): value is TriangleMesh {
  return typeof value === 'object' && value !== null && 'faces' in value && 'graph' in value;
}

function overlaps(a: Float64Array, b: Float64Array): boolean {
  if (a.buffer !== b.buffer) return false;
  const a0 = a.byteOffset;
  const b0 = b.byteOffset;
  return a0 < b0 + b.byteLength && b0 < a0 + a.byteLength;
}

/** Structure of a square CSR matrix: lengths, monotone offsets, columns in range. O(order + nnz). */
function checkMatrix(site: CheckSite, value: unknown): CotangentLaplacianMatrix {
  const m = value as Partial<CotangentLaplacianMatrix> | null;
  const rule =
    'a TriangleMesh or a CotangentLaplacianMatrix ({ order, offsets, columns, values } from cotangentLaplacian)';
  const ok =
    typeof m === 'object' &&
    m !== null &&
    Number.isInteger(m.order) &&
    (m.order as number) >= 0 &&
    m.offsets instanceof Int32Array &&
    m.columns instanceof Int32Array &&
    m.values instanceof Float64Array &&
    m.offsets.length === (m.order as number) + 1 &&
    m.values.length === m.columns.length &&
    m.offsets[0] === 0 &&
    m.offsets[m.order as number] === m.columns.length;
  if (!ok) throw new InvalidArgumentError({ ...site, argument: 'operator', value, rule });
  const L = value as CotangentLaplacianMatrix;
  for (let i = 0; i < L.order; i++) {
    if ((L.offsets[i + 1] as number) < (L.offsets[i] as number)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `operator.offsets[${i + 1}]`,
        value: L.offsets[i + 1],
        rule: `>= operator.offsets[${i}] (${L.offsets[i]})`,
      });
    }
  }
  for (let h = 0; h < L.columns.length; h++) {
    const c = L.columns[h] as number;
    if (c < 0 || c >= L.order) {
      throw new InvalidArgumentError({
        ...site,
        argument: `operator.columns[${h}]`,
        value: c,
        rule: `a column index in [0, ${L.order})`,
      });
    }
  }
  checkFiniteArray(site, 'operator.values', L.values);
  return L;
}
