/** Gauge x_v → s_v x_v of a block: J_uv → s_u s_v J_uv leaves Z unchanged and flips the matching correlations. */
import type { PlanarMap } from './planar-map.js';

/** Signs s_v making the edges of the block's BFS tree ferromagnetic (βJ·s_u·s_v ≥ 0). */
export function treeGauge(map: PlanarMap, bj: Float64Array): Int8Array {
  const { nodes, tail, bfsOrder, parentHalf } = map;
  const sign = new Int8Array(nodes);
  if (nodes === 0) return sign;
  sign[0] = 1;
  for (let k = 1; k < nodes; k++) {
    const w = bfsOrder[k] as number;
    const h = parentHalf[w] as number;
    const parent = sign[tail[h] as number] as number;
    sign[w] = (bj[h >> 1] as number) >= 0 ? parent : -parent;
  }
  return sign;
}

/** β·J_e · s_u · s_v for every map edge: the couplings in the gauge `sign`. */
export function gaugedCouplings(map: PlanarMap, bj: Float64Array, sign: Int8Array): Float64Array {
  return bj.map((v, e) => v * (sign[map.tail[2 * e] as number] as number) * (sign[map.tail[2 * e + 1] as number] as number));
}

/**
 * Signs of a low-energy state: the BFS-tree gauge, then greedy single-spin descent (flip a node whose local field
 * opposes it) until no flip lowers the energy (at most 100 sweeps). In this gauge most couplings favour the
 * reference state, which keeps the pivots of the Kasteleyn factorisation well scaled on frustrated blocks.
 */
export function lowEnergyGauge(map: PlanarMap, bj: Float64Array): Int8Array {
  const { nodes, tail, cwNext, firstOut } = map;
  const sign = treeGauge(map, bj);
  for (let sweep = 0; sweep < 100; sweep++) {
    let changed = false;
    for (let v = 0; v < nodes; v++) {
      const start = firstOut[v] as number;
      if (start === -1) continue;
      let field = 0;
      let h = start;
      do {
        field += (bj[h >> 1] as number) * (sign[tail[h ^ 1] as number] as number);
        h = cwNext[h] as number;
      } while (h !== start);
      if (field * (sign[v] as number) < 0) {
        sign[v] = -(sign[v] as number);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return sign;
}
