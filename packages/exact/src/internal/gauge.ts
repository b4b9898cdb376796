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
