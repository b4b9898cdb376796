import { biconnectedComponents } from '../components/biconnected-components.js';
import { buildGraph } from '../core/build-graph.js';
import type { Graph } from '../core/graph.js';
import { checkGraph, checkUndirected } from '../core/queries.js';
import { IsingLabError } from '../errors/errors.js';
import { checkBoolean, checkOptions } from '../errors/validate.js';
import { isPlanar } from '../planarity/is-planar.js';
import { k33Certificate } from './internal-k33-certificate.js';
import { triconnectedForest } from './internal-forest.js';
import { toComponents, withTree } from './internal-spqr.js';
import { TYPE_R } from './internal-triconnected.js';
import type { K33MinorResult } from './types.js';

export interface CheckK33MinorFreeOptions {
  /**
   * When the graph has a K3,3 minor, build a K3,3 subdivision of the graph as the certificate. Set to false to get
   * `{ k33Free: false }` alone (saves the planarity embedding and path searches of the certificate).
   * @default true
   */
  certificate?: boolean;
}

const DEFAULTS = Object.freeze({ certificate: true });
const OPTION_KEYS = ['certificate'] as const;

/**
 * Decides whether an undirected graph has a K3,3 minor and returns a certificate either way:
 * - K3,3-minor-free: the decomposition used by exact inference on such graphs — the blocks, the SPQR forest (one
 *   SPQR tree per block with ≥ 2 edges, in the graph's node and edge ids) and, per R component, whether it is a K5;
 *   every other R component is planar;
 * - otherwise: a subdivision of K3,3 in the graph (`kind: 'K33'`, always, also when the obstruction found first is
 *   a K5 inside a larger 3-connected component), which `verifyKuratowskiSubgraph` accepts.
 *
 * Characterisation (Wagner 1937; D. W. Hall, "A note on primitive skew curves", Bull. AMS 49 (1943) 935–936): a
 * graph has no K3,3 minor iff every triconnected component of every block is planar or a K5 — S and P components
 * are always planar, and a 3-connected graph other than K5 with a K5 minor also has a K3,3 minor. The certificate
 * takes a Kuratowski subgraph of the offending component (`checkPlanarity`), turns a K5 subdivision into a K3,3
 * one inside that 3-connected component (constructive form of Hall's argument), and replaces each virtual edge by
 * a path through the rest of the graph beyond its separation pair.
 *
 * Complexity: O(n + m) for the blocks, the decomposition (`spqrTree` per block) and one linear-time planarity test
 * of all R components other than K5 side by side; with a certificate, plus one `checkPlanarity` extraction on the
 * offending component and O(n + m) path searches. Iterative throughout (no recursion).
 *
 * References: K. Wagner, Math. Ann. 114 (1937); D. W. Hall (1943); J. E. Hopcroft and R. E. Tarjan, SIAM J.
 * Comput. 2(3), 1973, with C. Gutwenger and P. Mutzel, GD 2000 (triconnected components); A. Likhosherstov,
 * Y. Maximov and M. Chertkov, "Inference and sampling of K33-free Ising models", ICML 2019 (the use made of it).
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph or `options` is malformed.
 */
export function checkK33MinorFree(graph: Graph, options?: CheckK33MinorFreeOptions): K33MinorResult {
  const site = { pkg: 'graph', fn: 'checkK33MinorFree' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const opts = { ...DEFAULTS, ...checkOptions<CheckK33MinorFreeOptions>(site, options, OPTION_KEYS) };
  checkBoolean(site, 'options.certificate', opts.certificate);

  const blocks = biconnectedComponents(graph);
  const raw = triconnectedForest(graph, blocks);
  const m = graph.size;
  const componentIsK5 = new Uint8Array(raw.count);
  // The skeletons of the R components that are not K5, relabelled and stored side by side as one disjoint union:
  // a single planarity test covers them all (a union is planar iff every part is), instead of one call per
  // component, whose fixed cost dominates on the many small components of typical inputs.
  const unionSources = new Int32Array(raw.edges.length);
  const unionTargets = new Int32Array(raw.edges.length);
  const partComponent: number[] = [];
  const partNodeStart: number[] = [0];
  const partEdgeStart: number[] = [0];
  // Scratch: local id of each graph node inside the current component.
  const localOf = new Int32Array(graph.order).fill(-1);
  const nodes = new Int32Array(graph.order);
  let unionOrder = 0;
  let unionSize = 0;
  let offending = -1;
  for (let c = 0; c < raw.count && offending === -1; c++) {
    if (raw.type[c] !== TYPE_R) continue;
    const first = raw.offsets[c] as number;
    const k = (raw.offsets[c + 1] as number) - first;
    let count = 0;
    for (let i = 0; i < k; i++) {
      const x = raw.edges[first + i] as number;
      const u = x < m ? (graph.edgeSources[x] as number) : (raw.virtualSources[x - m] as number);
      const v = x < m ? (graph.edgeTargets[x] as number) : (raw.virtualTargets[x - m] as number);
      if (localOf[u] === -1) {
        localOf[u] = count;
        nodes[count++] = u;
      }
      if (localOf[v] === -1) {
        localOf[v] = count;
        nodes[count++] = v;
      }
      unionSources[unionSize + i] = unionOrder + (localOf[u] as number);
      unionTargets[unionSize + i] = unionOrder + (localOf[v] as number);
    }
    for (let i = 0; i < count; i++) localOf[nodes[i] as number] = -1;
    // R components are simple: 5 nodes and 10 edges is exactly K5.
    if (count === 5 && k === 10) {
      componentIsK5[c] = 1;
      continue;
    }
    if (k > 3 * count - 6) {
      offending = c; // too many edges to be planar (Euler)
      break;
    }
    unionOrder += count;
    unionSize += k;
    partComponent.push(c);
    partNodeStart.push(unionOrder);
    partEdgeStart.push(unionSize);
  }
  if (offending === -1 && unionSize > 0) {
    const union = buildGraph({
      order: unionOrder,
      sources: unionSources.subarray(0, unionSize),
      targets: unionTargets.subarray(0, unionSize),
    });
    if (!isPlanar(union.graph)) {
      // Rare path: find the first non-planar part.
      for (let p = 0; p < partComponent.length && offending === -1; p++) {
        const n0 = partNodeStart[p] as number;
        const e0 = partEdgeStart[p] as number;
        const e1 = partEdgeStart[p + 1] as number;
        const ps = new Int32Array(e1 - e0);
        const pt = new Int32Array(e1 - e0);
        for (let i = e0; i < e1; i++) {
          ps[i - e0] = (unionSources[i] as number) - n0;
          pt[i - e0] = (unionTargets[i] as number) - n0;
        }
        const part = buildGraph({ order: (partNodeStart[p + 1] as number) - n0, sources: ps, targets: pt });
        if (!isPlanar(part.graph)) offending = partComponent[p] as number;
      }
      if (offending === -1) {
        throw new IsingLabError('@isinglab/graph checkK33MinorFree: internal error (no non-planar component).');
      }
    }
  }

  if (offending !== -1 && !opts.certificate) return { k33Free: false };
  const tree = withTree(toComponents(raw, m));
  if (offending !== -1) return { k33Free: false, certificate: k33Certificate(graph, tree, offending) };
  return {
    k33Free: true,
    decomposition: {
      blocks,
      tree,
      componentBlock: raw.componentBlock,
      blockComponentOffsets: raw.blockComponentOffsets,
      componentIsK5,
    },
  };
}
