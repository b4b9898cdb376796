/**
 * Shared plumbing of the decomposition entry points: reading a Graph or a multigraph edge list, running the
 * triconnected kernel with the house error on non-biconnected input, and building SPQR tree fields. Internal.
 */
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkEdgeListShape } from '../internal/edge-list-shape.js';
import type { CheckSite } from '../errors/validate.js';
import { TYPE_P, triconnectedKernel, type RawTriconnected } from './internal-triconnected.js';
import type { MultigraphEdges, SpqrTree, TriconnectedComponents } from './types.js';

/** Validated input: n nodes, m edges `es[e]`–`et[e]`. */
export interface EdgeInput {
  n: number;
  m: number;
  es: Int32Array;
  et: Int32Array;
  /** True for a `Graph` input (no parallel edges). */
  simple: boolean;
}

/** Accepts an undirected `Graph` or a `MultigraphEdges` object; throws InvalidArgumentError otherwise. */
export function readInput(site: CheckSite, value: unknown): EdgeInput {
  const maybe = value as { offsets?: unknown; sources?: unknown } | null;
  if (typeof maybe === 'object' && maybe !== null && maybe.offsets === undefined && maybe.sources !== undefined) {
    return readMultigraph(site, value as MultigraphEdges);
  }
  const graph: Graph = checkGraph(site, value);
  checkUndirected(site, graph);
  return { n: graph.order, m: graph.size, es: graph.edgeSources, et: graph.edgeTargets, simple: true };
}

/** Largest multigraph order the decompositions accept. */
const MAX_MULTIGRAPH_ORDER = 0x3fffffff - 1;

function readMultigraph(site: CheckSite, input: MultigraphEdges): EdgeInput {
  const { order, sources, targets } = checkEdgeListShape(site, 'graph', input.order, input.sources, input.targets, MAX_MULTIGRAPH_ORDER);
  const m = sources.length;
  const es = new Int32Array(m);
  const et = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const a = sources[e];
    const b = targets[e];
    if (!(typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < order)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `graph.sources[${e}]`,
        value: a,
        rule: `a node id in [0, ${order})`,
      });
    }
    if (!(typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < order)) {
      throw new InvalidArgumentError({
        ...site,
        argument: `graph.targets[${e}]`,
        value: b,
        rule: `a node id in [0, ${order})`,
      });
    }
    if (a === b) {
      throw new InvalidArgumentError({
        ...site,
        argument: `graph.targets[${e}]`,
        value: b,
        rule: `different from graph.sources[${e}] (self-loops are not allowed)`,
      });
    }
    es[e] = a;
    et[e] = b;
  }
  return { n: order, m, es, et, simple: false };
}

/**
 * Runs the kernel on a whole input that must be biconnected. An input without edges and with at most one node has
 * no components; any other input must be connected, without isolated nodes, and without a cut vertex.
 */
export function decomposeBiconnected(site: CheckSite, input: EdgeInput): RawTriconnected {
  const { n, m, es, et, simple } = input;
  if (m === 0 && n <= 1) return emptyRaw();
  if (m === 0 || n < 2) throw notBiconnected(site, 'a graph without edges');
  const raw = triconnectedKernel(n, m, es, et, simple);
  if ('refused' in raw) {
    throw notBiconnected(
      site,
      raw.refused === 'cut-vertex' ? `a graph with cut vertex ${raw.node}` : `a disconnected graph (node ${raw.node} unreached)`,
    );
  }
  return raw;
}

function notBiconnected(site: CheckSite, what: string): InvalidArgumentError {
  return new InvalidArgumentError({
    ...site,
    argument: 'graph',
    value: what,
    rule: 'a biconnected graph (connected, no isolated node, no cut vertex)',
    hint: 'Split it with biconnectedComponents(graph) and decompose each block, or use checkK33MinorFree for any graph.',
  });
}

function emptyRaw(): RawTriconnected {
  return {
    count: 0,
    type: new Uint8Array(0),
    offsets: new Int32Array(1),
    edges: new Int32Array(0),
    virtualCount: 0,
    virtualSources: new Int32Array(0),
    virtualTargets: new Int32Array(0),
    virtualComponent: new Int32Array(0),
    edgeComponent: new Int32Array(0),
  };
}

/** Wraps a raw decomposition (ids already final) as the public components object. */
export function toComponents(raw: RawTriconnected, edgeCount: number): TriconnectedComponents {
  const virtualTwin = new Int32Array(raw.virtualCount);
  for (let k = 0; k < raw.virtualCount; k++) virtualTwin[k] = k ^ 1;
  return {
    edgeCount,
    count: raw.count,
    componentType: raw.type,
    componentOffsets: raw.offsets,
    componentEdges: raw.edges,
    edgeComponent: raw.edgeComponent,
    virtualCount: raw.virtualCount,
    virtualSources: raw.virtualSources,
    virtualTargets: raw.virtualTargets,
    virtualTwin,
    virtualComponent: raw.virtualComponent,
  };
}

/**
 * Adds the tree fields to a decomposition. `root`, when given, is the root of the (single) tree containing it;
 * every other tree is rooted at its first component that is not a P node (its first component if all are).
 * O(count + virtualCount).
 */
export function withTree(tc: TriconnectedComponents, root?: number): SpqrTree {
  const count = tc.count;
  const T = tc.virtualCount >> 1;
  const treeOffsets = new Int32Array(count + 1);
  for (let k = 0; k < tc.virtualCount; k++) treeOffsets[(tc.virtualComponent[k] as number) + 1]!++;
  for (let c = 0; c < count; c++) treeOffsets[c + 1]! += treeOffsets[c] as number;
  const treeNeighbors = new Int32Array(2 * T);
  const treeEdges = new Int32Array(2 * T);
  // Entry for virtual edge k: neighbour is the twin's component. Also remember which virtual edge it is.
  const entryVirtual = new Int32Array(2 * T);
  {
    const fill = treeOffsets.slice(0, count);
    for (let k = 0; k < tc.virtualCount; k++) {
      const c = tc.virtualComponent[k] as number;
      const at = fill[c]!++;
      treeNeighbors[at] = tc.virtualComponent[k ^ 1] as number;
      treeEdges[at] = k >> 1;
      entryVirtual[at] = k;
    }
  }
  // Label trees, pick roots, then a DFS from each root for parents and preorder.
  const treeOf = new Int32Array(count).fill(-1);
  const stack = new Int32Array(count);
  const rootList: number[] = [];
  for (let s = 0; s < count; s++) {
    if (treeOf[s] !== -1) continue;
    const id = rootList.length;
    let sp = 0;
    stack[sp++] = s;
    treeOf[s] = id;
    let chosen = -1;
    while (sp > 0) {
      const c = stack[--sp] as number;
      if (root !== undefined && c === root) chosen = c;
      for (let i = treeOffsets[c] as number; i < (treeOffsets[c + 1] as number); i++) {
        const d = treeNeighbors[i] as number;
        if (treeOf[d] === -1) {
          treeOf[d] = id;
          stack[sp++] = d;
        }
      }
    }
    rootList.push(chosen === -1 ? -1 : chosen);
  }
  // Default roots: first non-P component of each tree in id order.
  const defaultRoot = new Int32Array(rootList.length).fill(-1);
  const firstAny = new Int32Array(rootList.length).fill(-1);
  for (let c = 0; c < count; c++) {
    const id = treeOf[c] as number;
    if (firstAny[id] === -1) firstAny[id] = c;
    if (defaultRoot[id] === -1 && tc.componentType[c] !== TYPE_P) defaultRoot[id] = c;
  }
  const roots = new Int32Array(rootList.length);
  for (let id = 0; id < rootList.length; id++) {
    const r = rootList[id] as number;
    roots[id] = r !== -1 ? r : defaultRoot[id] !== -1 ? (defaultRoot[id] as number) : (firstAny[id] as number);
  }
  const parent = new Int32Array(count).fill(-1);
  const parentVirtual = new Int32Array(count).fill(-1);
  const preorder = new Int32Array(count);
  const seen = new Uint8Array(count);
  let p = 0;
  for (let id = 0; id < roots.length; id++) {
    let sp = 0;
    const r = roots[id] as number;
    stack[sp++] = r;
    seen[r] = 1;
    while (sp > 0) {
      const c = stack[--sp] as number;
      preorder[p++] = c;
      for (let i = treeOffsets[c] as number; i < (treeOffsets[c + 1] as number); i++) {
        const d = treeNeighbors[i] as number;
        if (seen[d] === 1) continue;
        seen[d] = 1;
        parent[d] = c;
        parentVirtual[d] = (entryVirtual[i] as number) ^ 1;
        stack[sp++] = d;
      }
    }
  }
  return { ...tc, treeEdgeCount: T, treeOffsets, treeNeighbors, treeEdges, roots, parent, parentVirtual, preorder };
}
