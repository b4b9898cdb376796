/**
 * Test helpers for the sparse solver: Kasteleyn systems of planar blocks built exactly as planar-ising.ts does
 * (checkPlanarity → biconnectedComponents → buildTriangulatedBlock → kasteleynSystem), a dense reference log|det|,
 * and a low-energy gauge (BFS tree made ferromagnetic, then zero-temperature single-spin descent).
 */
import { biconnectedComponents, checkPlanarity, type Graph } from '@isinglab/graph';
import { blockCouplings, buildTriangulatedBlock, type PlanarMap } from '../../src/internal/planar-map.js';
import { denseKasteleyn, kasteleynSystem, type KasteleynSystem } from '../../src/internal/kasteleyn.js';
import { denseLu } from '../../src/internal/dense-lu.js';

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
