import { checkGraph, checkUndirected } from '../core/queries.js';
import type { Graph } from '../core/graph.js';
import type { KuratowskiSubgraph, PlanarityVerification } from './types.js';

/**
 * Checks that `certificate` proves `graph` non-planar, independently of how it was computed:
 * - `kind` is `'K5'` or `'K33'`; `edges` are distinct edge ids of `graph`; `branchNodes` are 5 (K5) or 6 (K3,3)
 *   distinct node ids;
 * - in the subgraph formed by `edges`, every branch node has degree 4 (K5) or 3 (K3,3) and every other node touched
 *   has degree 2;
 * - walking from each branch node along each of its edges through degree-2 nodes always ends at another branch
 *   node, every edge lies on one such path (no detached cycle), and contracting the paths gives exactly K5 on the
 *   branch nodes, or exactly K3,3 with sides `branchNodes[0..3)` and `branchNodes[3..6)`: each required pair joined
 *   by exactly one path, no path inside a side of K3,3.
 *
 * Complexity: O(n + m + k) time, O(n + m) memory (k = `edges.length`).
 *
 * Reference: K. Kuratowski, "Sur le problème des courbes gauches en topologie", Fund. Math. 15 (1930) 271–283.
 *
 * @throws InvalidArgumentError when `graph` is not an undirected Graph (a malformed certificate is reported as
 * invalid, not thrown).
 */
export function verifyKuratowskiSubgraph(graph: Graph, certificate: KuratowskiSubgraph): PlanarityVerification {
  const site = { pkg: 'graph', fn: 'verifyKuratowskiSubgraph' };
  checkGraph(site, graph);
  checkUndirected(site, graph);
  const fail = (reason: string): PlanarityVerification => ({ valid: false, reason });
  if (typeof certificate !== 'object' || certificate === null) return fail('the certificate is not an object');
  const { kind, edges, branchNodes } = certificate as Partial<KuratowskiSubgraph>;
  if (kind !== 'K5' && kind !== 'K33') return fail(`kind must be 'K5' or 'K33'`);
  if (!(edges instanceof Int32Array)) return fail('edges must be an Int32Array');
  if (!(branchNodes instanceof Int32Array)) return fail('branchNodes must be an Int32Array');
  const nb = kind === 'K5' ? 5 : 6;
  const branchDegree = kind === 'K5' ? 4 : 3;
  const n = graph.order;
  const m = graph.size;
  if (branchNodes.length !== nb) return fail(`${kind} needs ${nb} branch nodes, got ${branchNodes.length}`);

  // branchIndex[v]: position of v in branchNodes, or -1.
  const branchIndex = new Int32Array(n).fill(-1);
  for (let i = 0; i < nb; i++) {
    const v = branchNodes[i] as number;
    if (!(v >= 0 && v < n)) return fail(`branchNodes[${i}] = ${v} is not a node id`);
    if (branchIndex[v] !== -1) return fail(`branch node ${v} is listed twice`);
    branchIndex[v] = i;
  }
  const inSub = new Uint8Array(m);
  const subDeg = new Int32Array(n);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as number;
    if (!(e >= 0 && e < m)) return fail(`edges[${i}] = ${e} is not an edge id`);
    if (inSub[e] === 1) return fail(`edge ${e} is listed twice`);
    inSub[e] = 1;
    subDeg[graph.edgeSources[e] as number]!++;
    subDeg[graph.edgeTargets[e] as number]!++;
  }
  for (let v = 0; v < n; v++) {
    const d = subDeg[v] as number;
    if (branchIndex[v] !== -1) {
      if (d !== branchDegree) return fail(`branch node ${v} has degree ${d}, not ${branchDegree}`);
    } else if (d !== 0 && d !== 2) {
      return fail(`node ${v} is not a branch node but has degree ${d} (must be 2)`);
    }
  }

  // Walk each path once, from a branch node along an unused edge, until the next branch node.
  const used = new Uint8Array(m);
  const joined = new Uint8Array(nb * nb);
  let usedCount = 0;
  let paths = 0;
  const off = graph.offsets;
  for (let i = 0; i < nb; i++) {
    const b = branchNodes[i] as number;
    for (let p = off[b] as number; p < (off[b + 1] as number); p++) {
      let e = graph.edgeIds[p] as number;
      if (inSub[e] !== 1 || used[e] === 1) continue;
      let cur = graph.targets[p] as number;
      used[e] = 1;
      usedCount++;
      while (branchIndex[cur] === -1) {
        // cur has degree 2 in the subgraph: leave by its other certificate edge.
        let found = -1;
        for (let q = off[cur] as number; q < (off[cur + 1] as number); q++) {
          const f = graph.edgeIds[q] as number;
          if (inSub[f] === 1 && f !== e) {
            found = q;
            break;
          }
        }
        e = graph.edgeIds[found] as number;
        if (used[e] === 1) return fail(`the path from ${b} runs into itself at node ${cur}`);
        used[e] = 1;
        usedCount++;
        cur = graph.targets[found] as number;
      }
      const j = branchIndex[cur] as number;
      if (cur === b) return fail(`a path leaves branch node ${b} and returns to it`);
      const lo = Math.min(i, j);
      const hi = Math.max(i, j);
      if (kind === 'K33' && (lo < 3) === (hi < 3)) {
        return fail(`a path joins ${branchNodes[lo]} and ${branchNodes[hi]}, on the same side of K3,3`);
      }
      if (joined[lo * nb + hi] === 1) {
        return fail(`branch nodes ${branchNodes[lo]} and ${branchNodes[hi]} are joined by two paths`);
      }
      joined[lo * nb + hi] = 1;
      paths++;
    }
  }
  const needed = kind === 'K5' ? 10 : 9;
  if (paths !== needed) return fail(`found ${paths} branch paths, ${kind} needs ${needed}`);
  if (usedCount !== edges.length) {
    return fail(`${edges.length - usedCount} certificate edges lie on no branch path (a detached cycle)`);
  }
  return { valid: true };
}
