/** Gauge x_v → s_v x_v of a block: J_uv → s_u s_v J_uv leaves Z unchanged and flips the matching correlations. */
import type { PlanarMap } from './planar-map.js';

/** Signs s_v making the edges of a BFS tree of the block ferromagnetic (βJ·s_u·s_v ≥ 0). */
export function treeGauge(map: PlanarMap, bj: Float64Array): Int8Array {
  const { nodes, tail, cwNext } = map;
  const sign = new Int8Array(nodes);
  const first = new Int32Array(nodes).fill(-1);
  for (let h = 0; h < 2 * map.edges; h++) if (first[tail[h] as number] === -1) first[tail[h] as number] = h;
  const queue = new Int32Array(nodes);
  let head = 0;
  let size = 0;
  sign[0] = 1;
  queue[size++] = 0;
  while (head < size) {
    const v = queue[head++] as number;
    const start = first[v] as number;
    if (start === -1) continue;
    let h = start;
    do {
      const w = tail[h ^ 1] as number;
      if (sign[w] === 0) {
        sign[w] = ((bj[h >> 1] as number) >= 0 ? sign[v] : -(sign[v] as number)) as number;
        queue[size++] = w;
      }
      h = cwNext[h] as number;
    } while (h !== start);
  }
  return sign;
}

/**
 * Signs of a low-energy state: the BFS-tree gauge, then greedy single-spin descent (flip a node whose local field
 * opposes it) until no flip lowers the energy (at most 100 sweeps). In this gauge most couplings favour the
 * reference state, which keeps the pivots of the Kasteleyn factorisation well scaled on frustrated blocks.
 */
export function lowEnergyGauge(map: PlanarMap, bj: Float64Array): Int8Array {
  const { nodes, tail, cwNext, edges } = map;
  const sign = treeGauge(map, bj);
  const first = new Int32Array(nodes).fill(-1);
  for (let h = 0; h < 2 * edges; h++) if (first[tail[h] as number] === -1) first[tail[h] as number] = h;
  for (let sweep = 0; sweep < 100; sweep++) {
    let changed = false;
    for (let v = 0; v < nodes; v++) {
      const start = first[v] as number;
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
