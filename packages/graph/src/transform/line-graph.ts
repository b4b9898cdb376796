import { InvalidArgumentError } from '../errors/errors.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { assembleGraph, type Graph } from '../core/graph.js';

export interface LineGraphResult {
  /** The line graph L(G): node i of L is edge i of the input; two nodes are adjacent when the edges share an end. */
  graph: Graph;
  /** For each edge of L, the input node its two input edges share. */
  sharedNode: Int32Array;
}

/** Largest line-graph size whose half-edge arrays still have fewer than 2^31 entries. */
const MAX_LINE_EDGES = 0x3fffffff;

/**
 * The line graph of an undirected graph, built straight into CSR arrays in O(n + m + Σ_v C(deg v, 2)).
 *
 * Edges of L are numbered in lexicographic order of their (smaller, larger) input-edge pairs: for each input edge f
 * in id order, the later edges at its two ends (each end's incident edges listed by ascending id) are merged. Visiting
 * L's edges in that order appends every row in ascending order, so no sort is needed. Because the input is simple,
 * two edges share at most one node and L has no repeated edge. L is unweighted and unlabelled.
 *
 * Reference: F. Harary, Graph Theory (1969), ch. 8; networkx `line_graph` computes the same graph.
 */
export function lineGraph(graph: Graph): LineGraphResult {
  const site = { pkg: 'graph', fn: 'lineGraph' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const n = graph.order;
  const m = graph.size;
  const off = graph.offsets;
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;

  let total = 0;
  for (let v = 0; v < n; v++) {
    const d = (off[v + 1] as number) - (off[v] as number);
    total += (d * (d - 1)) / 2;
  }
  if (total > MAX_LINE_EDGES) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'graph',
      value: `a graph whose line graph has ${total} edges`,
      rule: `a graph whose line graph has at most ${MAX_LINE_EDGES} edges (Σ C(deg, 2))`,
    });
  }

  // Incidence lists with rows sorted by edge id (filling in edge-id order), and each edge's slot in both rows.
  const inc = new Int32Array(2 * m);
  const cursor = off.slice(0, n);
  const slotAtSource = new Int32Array(m);
  const slotAtTarget = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const a = src[e] as number;
    const b = dst[e] as number;
    let p = cursor[a] as number;
    cursor[a] = p + 1;
    inc[p] = e;
    slotAtSource[e] = p;
    p = cursor[b] as number;
    cursor[b] = p + 1;
    inc[p] = e;
    slotAtTarget[e] = p;
  }

  // L's edges in lexicographic order (f, g), f < g.
  const lSources = new Int32Array(total);
  const lTargets = new Int32Array(total);
  const sharedNode = new Int32Array(total);
  let k = 0;
  for (let f = 0; f < m; f++) {
    const a = src[f] as number;
    const b = dst[f] as number;
    let p = (slotAtSource[f] as number) + 1;
    const pEnd = off[a + 1] as number;
    let q = (slotAtTarget[f] as number) + 1;
    const qEnd = off[b + 1] as number;
    while (p < pEnd || q < qEnd) {
      const takeA = q >= qEnd || (p < pEnd && (inc[p] as number) < (inc[q] as number));
      lSources[k] = f;
      if (takeA) {
        lTargets[k] = inc[p++] as number;
        sharedNode[k] = a;
      } else {
        lTargets[k] = inc[q++] as number;
        sharedNode[k] = b;
      }
      k++;
    }
  }

  // CSR rows: deg_L(f) = deg(a) + deg(b) − 2. Lexicographic edge order fills each row ascending (see buildGraph).
  const lOffsets = new Int32Array(m + 1);
  for (let f = 0; f < m; f++) {
    const a = src[f] as number;
    const b = dst[f] as number;
    const d = (off[a + 1] as number) - (off[a] as number) + (off[b + 1] as number) - (off[b] as number) - 2;
    lOffsets[f + 1] = (lOffsets[f] as number) + d;
  }
  const rowCursor = lOffsets.slice(0, m);
  const lTargetsCsr = new Int32Array(2 * total);
  const lEdgeIds = new Int32Array(2 * total);
  for (let e = 0; e < total; e++) {
    const f = lSources[e] as number;
    const g = lTargets[e] as number;
    let p = rowCursor[f] as number;
    rowCursor[f] = p + 1;
    lTargetsCsr[p] = g;
    lEdgeIds[p] = e;
    p = rowCursor[g] as number;
    rowCursor[g] = p + 1;
    lTargetsCsr[p] = f;
    lEdgeIds[p] = e;
  }
  const line = assembleGraph({
    directed: false,
    order: m,
    offsets: lOffsets,
    targets: lTargetsCsr,
    edgeIds: lEdgeIds,
    edgeSources: lSources,
    edgeTargets: lTargets,
  });
  return { graph: line, sharedNode };
}
