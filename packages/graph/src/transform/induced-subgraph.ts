import { InvalidArgumentError } from '../errors/errors.js';
import { checkGraph } from '../core/queries.js';
import { assembleGraph, type Graph } from '../core/graph.js';

export interface SubgraphResult {
  graph: Graph;
  /** `nodeMap[i]` is the original id of new node i (the input order of `nodes`). */
  nodeMap: Int32Array;
  /** `edgeMap[e]` is the original id of new edge e. */
  edgeMap: Int32Array;
}

/**
 * The subgraph induced by `nodes` (distinct node ids, in the order the new ids should follow), in
 * O(order + Σ degree(nodes)). Edge ids of the result follow the original edge ids' order.
 */
export function inducedSubgraph(graph: Graph, nodes: ArrayLike<number>): SubgraphResult {
  const site = { pkg: 'graph', fn: 'inducedSubgraph' };
  checkGraph(site, graph);
  const k = nodes.length;
  const newId = new Int32Array(graph.order).fill(-1);
  for (let i = 0; i < k; i++) {
    const v = nodes[i] as number;
    if (!(Number.isInteger(v) && v >= 0 && v < graph.order)) {
      throw new InvalidArgumentError({ ...site, argument: `nodes[${i}]`, value: v, rule: `a node id in [0, ${graph.order})` });
    }
    if (newId[v] !== -1) {
      throw new InvalidArgumentError({ ...site, argument: `nodes[${i}]`, value: v, rule: 'not a repeat (node ids must be distinct)' });
    }
    newId[v] = i;
  }
  // Keep edges with both ends inside, in original edge-id order.
  const keepEdge = new Int32Array(graph.size).fill(-1);
  let size = 0;
  for (let e = 0; e < graph.size; e++) {
    if (newId[graph.edgeSources[e] as number] !== -1 && newId[graph.edgeTargets[e] as number] !== -1) keepEdge[e] = size++;
  }
  const edgeMap = new Int32Array(size);
  const edgeSources = new Int32Array(size);
  const edgeTargets = new Int32Array(size);
  const weights = graph.weights ? new Float64Array(size) : undefined;
  for (let e = 0; e < graph.size; e++) {
    const ne = keepEdge[e] as number;
    if (ne < 0) continue;
    edgeMap[ne] = e;
    let a = newId[graph.edgeSources[e] as number] as number;
    let b = newId[graph.edgeTargets[e] as number] as number;
    if (!graph.directed && a > b) [a, b] = [b, a];
    edgeSources[ne] = a;
    edgeTargets[ne] = b;
    if (weights) weights[ne] = graph.weights![e] as number;
  }
  const build = (offSrc: Int32Array, nbrSrc: Int32Array, idSrc: Int32Array) => {
    const offsets = new Int32Array(k + 1);
    for (let i = 0; i < k; i++) {
      const v = nodes[i] as number;
      let count = 0;
      for (let p = offSrc[v] as number; p < (offSrc[v + 1] as number); p++) if (keepEdge[idSrc[p] as number]! >= 0) count++;
      offsets[i + 1] = (offsets[i] as number) + count;
    }
    const nbrs = new Int32Array(offsets[k] as number);
    const ids = new Int32Array(offsets[k] as number);
    for (let i = 0; i < k; i++) {
      const v = nodes[i] as number;
      let q = offsets[i] as number;
      const start = q;
      for (let p = offSrc[v] as number; p < (offSrc[v + 1] as number); p++) {
        const ne = keepEdge[idSrc[p] as number] as number;
        if (ne < 0) continue;
        nbrs[q] = newId[nbrSrc[p] as number] as number;
        ids[q] = ne;
        q++;
      }
      sortRowPairs(nbrs, ids, start, q);
    }
    return { offsets, nbrs, ids };
  };
  const out = build(graph.offsets, graph.targets, graph.edgeIds);
  const inn = graph.directed ? build(graph.inOffsets, graph.inSources, graph.inEdgeIds) : out;
  const labels = graph.labels ? Array.from({ length: k }, (_, i) => graph.labels![nodes[i] as number] as string) : undefined;
  const sub = assembleGraph({
    directed: graph.directed,
    order: k,
    offsets: out.offsets,
    targets: out.nbrs,
    edgeIds: out.ids,
    inOffsets: inn.offsets,
    inSources: inn.nbrs,
    inEdgeIds: inn.ids,
    edgeSources,
    edgeTargets,
    weights,
    labels,
  });
  return { graph: sub, nodeMap: Int32Array.from(nodes), edgeMap };
}

/** Sorts `keys[a..b)` ascending, moving `values` alongside (insertion sort for short rows, else index sort). */
export function sortRowPairs(keys: Int32Array, values: Int32Array, a: number, b: number): void {
  const len = b - a;
  if (len < 2) return;
  if (len <= 32) {
    for (let i = a + 1; i < b; i++) {
      const key = keys[i] as number;
      const val = values[i] as number;
      let j = i - 1;
      while (j >= a && (keys[j] as number) > key) {
        keys[j + 1] = keys[j] as number;
        values[j + 1] = values[j] as number;
        j--;
      }
      keys[j + 1] = key;
      values[j + 1] = val;
    }
    return;
  }
  const order = Array.from({ length: len }, (_, i) => a + i).sort((x, y) => (keys[x] as number) - (keys[y] as number));
  const k2 = order.map((i) => keys[i] as number);
  const v2 = order.map((i) => values[i] as number);
  for (let i = 0; i < len; i++) {
    keys[a + i] = k2[i] as number;
    values[a + i] = v2[i] as number;
  }
}
