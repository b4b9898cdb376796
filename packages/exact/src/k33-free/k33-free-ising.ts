/**
 * Exact log Z, edge correlations and samples of zero-field Ising models on graphs without a K3,3 minor (seed 002,
 * Sections 5.3–5.4), by dynamic programming over the SPQR tree of every block.
 *
 * Bottom-up: a non-root component c shares the separation pair {u, v} with its parent. Summing out its subtree's
 * nodes other than u, v leaves a function of x_u·x_v only (flip symmetry), W_c(s) = exp(logC_c + K_c·s), with
 * W_c(±) = ½ Z_c(x_v = ±x_u) computed on c's local graph (real edges, children's K on their virtual edges) with v
 * merged into u: a planar graph (or a K4 from a K5), hence solvable exactly. The parent then sees the virtual edge
 * as an ordinary edge of coupling K_c, and log Z_B = log Z_root + Σ_c logC_c.
 * Top-down (correlations): the rest of the tree seen from c is likewise one coupling D_c on c's parent edge,
 * computed in the parent with c's twin edge left out; c's local graph with every virtual edge set to the coupling
 * of the other side is then the exact marginal model of c's nodes.
 * Sampling: the root's local graph is sampled, then every child given x_u, x_v (v tied to s·u), in preorder; blocks
 * are glued at articulation points by a global flip of each block (exact for zero fields, seed 002 Lemma 3).
 *
 * Cost: one or two planar solves per component and direction; O(N^1.5) overall for bounded component degrees.
 */
import { UnsupportedGraphError, checkK33MinorFree, type Graph, type K33FreeDecomposition, type Rng } from '@isinglab/graph';
import { localEdgeCorrelations, localLogZ, localSamples, type LocalModel, type Tie } from '../internal/component-ising.js';
import { bridgeEdge } from '../internal/planar-map.js';
import { logCosh } from '../internal/log-cosh.js';

type Site = { pkg: string; fn: string };

/** The decomposition of a K3,3-minor-free graph, or UnsupportedGraphError with a K3,3 subdivision as certificate. */
export function k33FreeDecomposition(site: Site, graph: Graph): K33FreeDecomposition {
  const result = checkK33MinorFree(graph);
  if (!result.k33Free) {
    throw new UnsupportedGraphError({
      ...site,
      reason: 'the graph has a K3,3 minor (the certificate is a K3,3 subdivision in it)',
      certificate: result.certificate,
      hint: 'Exact inference here covers planar and K3,3-minor-free graphs; use MCMC (@isinglab/ising) for others.',
    });
  }
  return result.decomposition;
}

/** One component's local graph: its nodes (graph ids) and edges, each real (edge id) or virtual (virtual id). */
interface Component {
  nodes: Int32Array;
  a: Int32Array;
  b: Int32Array;
  /** ≥ 0: real edge id; < 0: virtual edge −1 − k. */
  edge: Int32Array;
  /** Local index of the parent edge's endpoints (u < v by virtual endpoint order), −1 at a root. */
  u: number;
  v: number;
  /** Local edge index of the parent virtual edge, −1 at a root. */
  parentEdge: number;
}

interface TreeModel {
  decomposition: K33FreeDecomposition;
  components: Component[];
  /** Upward coupling K_c and log constant logC_c of each non-root component. */
  up: Float64Array;
  upConstant: Float64Array;
}

function buildComponents(graph: Graph, d: K33FreeDecomposition): Component[] {
  const t = d.tree;
  const local = new Int32Array(graph.order).fill(-1);
  const components: Component[] = [];
  for (let c = 0; c < t.count; c++) {
    const from = t.componentOffsets[c] as number;
    const to = t.componentOffsets[c + 1] as number;
    const nodes: number[] = [];
    const a = new Int32Array(to - from);
    const b = new Int32Array(to - from);
    const edge = new Int32Array(to - from);
    let parentEdge = -1;
    const localOf = (x: number): number => {
      if (local[x] === -1) {
        local[x] = nodes.length;
        nodes.push(x);
      }
      return local[x] as number;
    };
    for (let i = from; i < to; i++) {
      const id = t.componentEdges[i] as number;
      let x: number;
      let y: number;
      if (id < t.edgeCount) {
        x = graph.edgeSources[id] as number;
        y = graph.edgeTargets[id] as number;
        edge[i - from] = id;
      } else {
        const k = id - t.edgeCount;
        x = t.virtualSources[k] as number;
        y = t.virtualTargets[k] as number;
        edge[i - from] = -1 - k;
        if (k === t.parentVirtual[c]) parentEdge = i - from;
      }
      a[i - from] = localOf(x);
      b[i - from] = localOf(y);
    }
    for (const x of nodes) local[x] = -1;
    components.push({
      nodes: Int32Array.from(nodes),
      a,
      b,
      edge,
      u: parentEdge < 0 ? -1 : (a[parentEdge] as number),
      v: parentEdge < 0 ? -1 : (b[parentEdge] as number),
      parentEdge,
    });
  }
  return components;
}

/**
 * The local model of component c: real edges at β·J; a virtual edge to a child at the child's K; the parent edge at
 * `parentCoupling` (NaN: left out); the edge `skip` (local index) left out.
 */
function localModel(c: Component, betaJ: Float64Array, t: K33FreeDecomposition['tree'], up: Float64Array, parentCoupling: number, skip = -1): LocalModel {
  const count = c.a.length;
  const a: number[] = [];
  const b: number[] = [];
  const j: number[] = [];
  for (let e = 0; e < count; e++) {
    if (e === skip) continue;
    const id = c.edge[e] as number;
    let w: number;
    if (id >= 0) w = betaJ[id] as number;
    else if (e === c.parentEdge) {
      if (Number.isNaN(parentCoupling)) continue;
      w = parentCoupling;
    } else {
      const k = -1 - id;
      w = up[t.virtualComponent[k ^ 1] as number] as number;
    }
    a.push(c.a[e] as number);
    b.push(c.b[e] as number);
    j.push(w);
  }
  return { nodes: c.nodes.length, a: Int32Array.from(a), b: Int32Array.from(b), j: Float64Array.from(j) };
}

function upwardPass(graph: Graph, betaJ: Float64Array, d: K33FreeDecomposition): TreeModel {
  const t = d.tree;
  const components = buildComponents(graph, d);
  const up = new Float64Array(t.count);
  const upConstant = new Float64Array(t.count);
  for (let i = t.count - 1; i >= 0; i--) {
    const c = t.preorder[i] as number;
    if (t.parent[c] === -1) continue;
    const comp = components[c] as Component;
    const model = localModel(comp, betaJ, t, up, Number.NaN);
    const plus = localLogZ(model, { u: comp.u, v: comp.v, sign: 1 });
    const minus = localLogZ(model, { u: comp.u, v: comp.v, sign: -1 });
    up[c] = 0.5 * (plus - minus);
    upConstant[c] = 0.5 * (plus + minus) - Math.LN2;
  }
  return { decomposition: d, components, up, upConstant };
}

/** log Z of a K3,3-minor-free graph (β·J per edge id). */
export function k33FreeLogPartition(graph: Graph, betaJ: Float64Array, d: K33FreeDecomposition): number {
  const m = upwardPass(graph, betaJ, d);
  const t = d.tree;
  const blocks = d.blocks;
  let logZ = graph.order * Math.LN2;
  for (let b = 0; b < blocks.count; b++) {
    const size = (blocks.blockOffsets[b + 1] as number) - (blocks.blockOffsets[b] as number);
    const from = d.blockComponentOffsets[b] as number;
    const to = d.blockComponentOffsets[b + 1] as number;
    let logZB: number;
    if (from === to) {
      logZB = 2 * Math.LN2 + logCosh(betaJ[bridgeEdge(graph, blocks.edgeComponent, b, blocks.blockNodes[blocks.blockOffsets[b] as number] as number)] as number);
    } else {
      logZB = 0;
      for (let c = from; c < to; c++) {
        if (t.parent[c] === -1) logZB += localLogZ(localModel(m.components[c] as Component, betaJ, t, m.up, Number.NaN), null);
        else logZB += m.upConstant[c] as number;
      }
    }
    logZ += logZB - size * Math.LN2;
  }
  return logZ;
}

/** ⟨x_u x_v⟩ of every edge of a K3,3-minor-free graph. */
export function k33FreeEdgeCorrelations(graph: Graph, betaJ: Float64Array, d: K33FreeDecomposition): Float64Array {
  const m = upwardPass(graph, betaJ, d);
  const t = d.tree;
  const out = new Float64Array(graph.size);
  for (let e = 0; e < graph.size; e++) if ((t.edgeComponent[e] as number) < 0) out[e] = Math.tanh(betaJ[e] as number);
  const down = downwardPass(betaJ, m);
  for (let c = 0; c < t.count; c++) {
    const comp = m.components[c] as Component;
    const model = localModel(comp, betaJ, t, m.up, t.parent[c] === -1 ? Number.NaN : (down[c] as number));
    const corr = localEdgeCorrelations(model);
    // localModel keeps every edge here (a root has no parent edge), in order
    for (let e = 0; e < comp.a.length; e++) {
      const id = comp.edge[e] as number;
      if (id >= 0) out[id] = corr[e] as number;
    }
  }
  return out;
}

/** D_c: the coupling on c's parent edge that stands for everything outside c's subtree. */
function downwardPass(betaJ: Float64Array, m: TreeModel): Float64Array {
  const t = m.decomposition.tree;
  const down = new Float64Array(t.count);
  for (let i = 0; i < t.count; i++) {
    const p = t.preorder[i] as number;
    const parentComp = m.components[p] as Component;
    for (let e = 0; e < parentComp.a.length; e++) {
      const id = parentComp.edge[e] as number;
      if (id >= 0 || e === parentComp.parentEdge) continue;
      const child = t.virtualComponent[(-1 - id) ^ 1] as number;
      const model = localModel(parentComp, betaJ, t, m.up, t.parent[p] === -1 ? Number.NaN : (down[p] as number), e);
      const tie = (sign: 1 | -1): Tie => ({ u: parentComp.a[e] as number, v: parentComp.b[e] as number, sign });
      down[child] = 0.5 * (localLogZ(model, tie(1)) - localLogZ(model, tie(-1)));
    }
  }
  return down;
}

/** `samples` exact configurations (rows of N spins) of a K3,3-minor-free graph. */
export function k33FreeSamples(graph: Graph, betaJ: Float64Array, d: K33FreeDecomposition, samples: number, rng: Rng): Int8Array {
  const m = upwardPass(graph, betaJ, d);
  const t = d.tree;
  const n = graph.order;
  const blocks = d.blocks;
  const out = new Int8Array(samples * n);
  const scratch = new Int8Array(samples * n); // one block at a time, in graph node ids
  // components of each block in preorder (parents first)
  const byBlock: number[][] = Array.from({ length: blocks.count }, () => []);
  for (let i = 0; i < t.count; i++) (byBlock[d.componentBlock[t.preorder[i] as number] as number] as number[]).push(t.preorder[i] as number);
  const nodeBlocks: number[][] = Array.from({ length: n }, () => []);
  for (let b = 0; b < blocks.count; b++) {
    for (let i = blocks.blockOffsets[b] as number; i < (blocks.blockOffsets[b + 1] as number); i++) (nodeBlocks[blocks.blockNodes[i] as number] as number[]).push(b);
  }
  // blocks in BFS order over the block–cut tree, each sampled on its own and flipped to agree with the one node it
  // shares with the blocks placed before it (exact: every block's distribution is flip-symmetric)
  const assigned = new Uint8Array(n);
  const placed = new Uint8Array(blocks.count);
  for (let start = 0; start < blocks.count; start++) {
    if (placed[start]) continue;
    const queue = [start];
    placed[start] = 1;
    for (let head = 0; head < queue.length; head++) {
      const b = queue[head] as number;
      const nodesFrom = blocks.blockOffsets[b] as number;
      const nodesTo = blocks.blockOffsets[b + 1] as number;
      if ((byBlock[b] as number[]).length === 0) {
        const e = bridgeEdge(graph, blocks.edgeComponent, b, blocks.blockNodes[nodesFrom] as number);
        const x = graph.edgeSources[e] as number;
        const y = graph.edgeTargets[e] as number;
        const agree = 1 / (1 + Math.exp(-2 * (betaJ[e] as number)));
        for (let s = 0; s < samples; s++) {
          scratch[s * n + x] = 1;
          scratch[s * n + y] = rng.float64() < agree ? 1 : -1;
        }
      } else {
        for (const c of byBlock[b] as number[]) sampleComponent(m.components[c] as Component, t.parent[c] === -1, betaJ, t, m.up, scratch, samples, n, rng);
      }
      let anchor = -1;
      for (let i = nodesFrom; i < nodesTo; i++) if (assigned[blocks.blockNodes[i] as number]) anchor = blocks.blockNodes[i] as number;
      for (let s = 0; s < samples; s++) {
        const sign = anchor >= 0 ? (out[s * n + anchor] as number) * (scratch[s * n + anchor] as number) : rng.float64() < 0.5 ? -1 : 1;
        for (let i = nodesFrom; i < nodesTo; i++) {
          const x = blocks.blockNodes[i] as number;
          out[s * n + x] = sign * (scratch[s * n + x] as number);
        }
      }
      for (let i = nodesFrom; i < nodesTo; i++) {
        const x = blocks.blockNodes[i] as number;
        assigned[x] = 1;
        for (const nb of nodeBlocks[x] as number[]) {
          if (!placed[nb]) {
            placed[nb] = 1;
            queue.push(nb);
          }
        }
      }
    }
  }
  // isolated nodes: uniform
  for (let x = 0; x < n; x++) {
    if (assigned[x]) continue;
    for (let s = 0; s < samples; s++) out[s * n + x] = rng.float64() < 0.5 ? -1 : 1;
  }
  return out;
}

/** Samples component `comp` into `spins` (rows of n), given its parent edge's endpoints already sampled. */
function sampleComponent(comp: Component, isRoot: boolean, betaJ: Float64Array, t: K33FreeDecomposition['tree'], up: Float64Array, spins: Int8Array, samples: number, n: number, rng: Rng): void {
  const model = localModel(comp, betaJ, t, up, Number.NaN);
  const k = comp.nodes.length;
  if (isRoot) {
    const local = localSamples(model, null, samples, rng);
    for (let s = 0; s < samples; s++) for (let x = 0; x < k; x++) spins[s * n + (comp.nodes[x] as number)] = local[s * k + x] as number;
    return;
  }
  const gu = comp.nodes[comp.u] as number;
  const gv = comp.nodes[comp.v] as number;
  for (const sign of [1, -1] as const) {
    const rows: number[] = [];
    for (let s = 0; s < samples; s++) if ((spins[s * n + gu] as number) * (spins[s * n + gv] as number) === sign) rows.push(s);
    const local = localSamples(model, { u: comp.u, v: comp.v, sign }, rows.length, rng);
    for (let r = 0; r < rows.length; r++) {
      const s = rows[r] as number;
      const flip = (spins[s * n + gu] as number) * (local[r * k + comp.u] as number);
      for (let x = 0; x < k; x++) {
        if (x === comp.u || x === comp.v) continue;
        spins[s * n + (comp.nodes[x] as number)] = flip * (local[r * k + x] as number);
      }
    }
  }
}
