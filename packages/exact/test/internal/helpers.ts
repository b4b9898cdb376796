/**
 * Test helpers for the sparse solver: Kasteleyn systems of planar blocks built exactly as planar-ising.ts does
 * (checkPlanarity → biconnectedComponents → buildTriangulatedBlock → kasteleynSystem), a dense reference log|det|,
 * and a low-energy gauge (BFS tree made ferromagnetic, then zero-temperature single-spin descent).
 */
import { biconnectedComponents, checkPlanarity, type Graph } from '@isinglab/graph';
import { blockCouplings, buildTriangulatedBlock, type PlanarMap } from '../../src/internal/planar-map.js';
import { denseKasteleyn, kasteleynSystem, type KasteleynSystem } from '../../src/internal/kasteleyn.js';
import { denseLu } from '../../src/internal/dense-lu.js';
import type { SkewFactor } from '../../src/internal/sparse-pfaffian.js';

/** The triangulated maps of the graph's biconnected blocks with ≥ 3 nodes. */
export function planarBlocks(graph: Graph): PlanarMap[] {
  const planarity = checkPlanarity(graph);
  if (!planarity.planar) throw new Error('planarBlocks: not planar');
  const bcc = biconnectedComponents(graph);
  const nodeLocal = new Int32Array(graph.order).fill(-1);
  const edgeLocal = new Int32Array(graph.size).fill(-1);
  const out: PlanarMap[] = [];
  for (let b = 0; b < bcc.count; b++) {
    const nodes = bcc.blockNodes.subarray(bcc.blockOffsets[b]!, bcc.blockOffsets[b + 1]!);
    if (nodes.length < 3) continue;
    out.push(buildTriangulatedBlock(graph, planarity.embedding, bcc.edgeComponent, b, nodes, nodeLocal, edgeLocal));
  }
  return out;
}

/** βJ per map edge from βJ per global edge (chords 0): the solver's own mapping. */
export const mapCouplings = blockCouplings;

/** Gauge x_v → s_v x_v with s a low-energy state (BFS tree satisfied, then greedy flips); returns the gauged βJ. */
export function lowEnergyGauge(map: PlanarMap, bj: Float64Array): Float64Array {
  const n = map.nodes;
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < map.edges; e++) {
    adj[map.tail[2 * e]!]!.push(e);
    adj[map.tail[2 * e + 1]!]!.push(e);
  }
  const other = (e: number, v: number) => (map.tail[2 * e]! === v ? map.tail[2 * e + 1]! : map.tail[2 * e]!);
  const sign = new Int8Array(n);
  sign[0] = 1;
  const queue = [0];
  for (let h = 0; h < queue.length; h++) {
    const v = queue[h]!;
    for (const e of adj[v]!) {
      const w = other(e, v);
      if (sign[w] === 0) {
        sign[w] = bj[e]! >= 0 ? sign[v]! : -sign[v]!;
        queue.push(w);
      }
    }
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let changed = false;
    for (let v = 0; v < n; v++) {
      let field = 0;
      for (const e of adj[v]!) field += bj[e]! * sign[other(e, v)]!;
      if (field * sign[v]! < 0) {
        sign[v] = -sign[v]!;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return bj.map((x, e) => x * sign[map.tail[2 * e]!]! * sign[map.tail[2 * e + 1]!]!);
}

/** log|det K| by the dense LU with partial pivoting of dense-lu.ts (the O(n³) baseline). */
export function denseLogAbsDet(k: KasteleynSystem): number {
  return denseLu(denseKasteleyn(k), k.size).logAbsDet;
}

export { kasteleynSystem };

/**
 * Solves K x = b with a kept factor (forward, pivot and backward substitution through the fronts' L panels): the
 * test reference for selected inversion, one column of K⁻¹ per solve (`keepFactor: true`); b and x in K's own numbering (length size). x may be a
 * fresh array (returned) or `out`. O(factor size).
 */
export function solveSkew(factor: SkewFactor, rhs: Float64Array, out: Float64Array = new Float64Array(rhs.length)): Float64Array {
  const { symbolic, panels, panelStart, pivots, frontRows, frontRowStart, frontSize, frontPivots, scalarOrder } = factor;
  if (panels === null || panelStart === null || frontRows === null || frontRowStart === null || frontSize === null || frontPivots === null) {
    throw new Error('exact: solveSkew needs a factor made with keepFactor');
  }
  if (factor.failedAt >= 0) throw new Error('exact: solveSkew on a failed factorisation');
  const { pairs, ordering } = symbolic;
  const { perm, count } = ordering;
  const n = 2 * pairs;
  // z in the pivoted numbering x (the x-th scalar eliminated is permuted scalar scalarOrder[x]); rows of the
  // fronts are scalar ids of the permuted numbering, turned into x by `inverse`
  const inverse = new Int32Array(n);
  const z = new Float64Array(n);
  for (let x = 0; x < n; x++) {
    const ps = scalarOrder[x] as number;
    inverse[ps] = x;
    z[x] = rhs[2 * (perm[ps >> 1] as number) + (ps & 1)] as number;
  }
  // forward: L y = z
  for (let t = 0; t < count; t++) {
    const m = frontSize[t] as number;
    const e = frontPivots[t] as number;
    const r0 = frontRowStart[t] as number;
    let at = panelStart[t] as number;
    for (let k = 0; k < e; k++) {
      const x0 = z[inverse[frontRows[r0 + 2 * k] as number] as number] as number;
      const x1 = z[inverse[frontRows[r0 + 2 * k + 1] as number] as number] as number;
      for (let i = 2 * k + 2; i < m; i++) {
        const g = inverse[frontRows[r0 + i] as number] as number;
        z[g] = (z[g] as number) - ((panels[at] as number) * x0 + (panels[at + 1] as number) * x1);
        at += 2;
      }
    }
  }
  // D w = y: D_q = [[0, δ], [−δ, 0]], D_q⁻¹ = [[0, −1/δ], [1/δ, 0]]
  for (let q = 0; q < pairs; q++) {
    const d = pivots[q] as number;
    const y0 = z[2 * q] as number;
    const y1 = z[2 * q + 1] as number;
    z[2 * q] = -y1 / d;
    z[2 * q + 1] = y0 / d;
  }
  // backward: Lᵀ x = w
  for (let t = count - 1; t >= 0; t--) {
    const m = frontSize[t] as number;
    const e = frontPivots[t] as number;
    const r0 = frontRowStart[t] as number;
    // panels of pivot k start after those of pivots < k
    for (let k = e - 1; k >= 0; k--) {
      let at = (panelStart[t] as number) + 2 * (k * (m - 2) - k * (k - 1));
      const g0 = inverse[frontRows[r0 + 2 * k] as number] as number;
      const g1 = inverse[frontRows[r0 + 2 * k + 1] as number] as number;
      let x0 = z[g0] as number;
      let x1 = z[g1] as number;
      for (let i = 2 * k + 2; i < m; i++) {
        const xi = z[inverse[frontRows[r0 + i] as number] as number] as number;
        x0 -= (panels[at] as number) * xi;
        x1 -= (panels[at + 1] as number) * xi;
        at += 2;
      }
      z[g0] = x0;
      z[g1] = x1;
    }
  }
  for (let x = 0; x < n; x++) {
    const ps = scalarOrder[x] as number;
    out[2 * (perm[ps >> 1] as number) + (ps & 1)] = z[x] as number;
  }
  return out;
}
