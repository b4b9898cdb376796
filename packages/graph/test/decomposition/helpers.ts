/**
 * Shared helpers for the decomposition suites: an independent brute-force triconnected decomposition (separation
 * pairs found by trying every pair, split, merge), structural checkers for a `TriconnectedComponents` / `SpqrTree`,
 * and builders of biconnected test graphs. Not a test file.
 */
import {
  biconnectedComponents,
  buildGraph,
  erdosRenyiGnp,
  isPlanar,
  randomPlanarGraph,
  type Graph,
  type K33FreeDecomposition,
  type Rng,
  type SpqrTree,
  type TriconnectedComponents,
} from '../../src/index.js';

export const S = 0;
export const P = 1;
export const R = 2;

/** A multigraph as plain arrays (edge e joins us[e]–vs[e]). */
export interface Multi {
  n: number;
  us: number[];
  vs: number[];
}

export function multiOf(g: Graph): Multi {
  return { n: g.order, us: Array.from(g.edgeSources), vs: Array.from(g.edgeTargets) };
}

export function graphOf(n: number, edges: readonly (readonly [number, number])[]): Graph {
  return buildGraph(
    { order: n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]) },
    { duplicates: 'error', selfLoops: 'error' },
  ).graph;
}

// ---------------------------------------------------------------------------------------------------------------
// Brute-force decomposition (independent of the code under test)
// ---------------------------------------------------------------------------------------------------------------

interface BEdge {
  id: number; // real: input edge id; virtual: -1 - k
  u: number;
  v: number;
}

/** A component in canonical form: type, sorted real edge ids, sorted virtual endpoint pairs "u-v". */
export interface CanonicalComponent {
  type: number;
  real: number[];
  virtual: string[];
}

function nodesOf(edges: BEdge[]): number[] {
  const set = new Set<number>();
  for (const e of edges) {
    set.add(e.u);
    set.add(e.v);
  }
  return [...set];
}

/**
 * Separation classes of `edges` w.r.t. {a, b}: edges sharing an endpoint other than a and b are in one class
 * (Hopcroft–Tarjan's definition). Returns the class index of each edge and the number of classes.
 */
function separationClasses(edges: BEdge[], a: number, b: number): { cls: number[]; count: number } {
  const parent = edges.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const firstAt = new Map<number, number>();
  edges.forEach((e, i) => {
    for (const x of [e.u, e.v]) {
      if (x === a || x === b) continue;
      const f = firstAt.get(x);
      if (f === undefined) firstAt.set(x, i);
      else parent[find(i)] = find(f);
    }
  });
  const ids = new Map<number, number>();
  const cls = edges.map((_, i) => {
    const r = find(i);
    if (!ids.has(r)) ids.set(r, ids.size);
    return ids.get(r)!;
  });
  return { cls, count: ids.size };
}

/** Splits one component at some separation pair, or returns null if it has none. */
function trySplit(edges: BEdge[], nextVirtual: () => number): [BEdge[], BEdge[]] | null {
  const nodes = nodesOf(edges);
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const { cls, count } = separationClasses(edges, a, b);
      if (count < 2) continue;
      const sizes = new Array<number>(count).fill(0);
      for (const c of cls) sizes[c]!++;
      if (count === 2 && sizes.some((s) => s === 1)) continue;
      if (count === 3 && sizes.every((s) => s === 1)) continue;
      // Group: one class with ≥ 2 edges versus the rest, or (all classes single edges) two edges versus the rest.
      let pick = sizes.findIndex((s) => s >= 2 && edges.length - s >= 2);
      const inFirst = new Set<number>();
      if (pick >= 0) {
        cls.forEach((c, k) => {
          if (c === pick) inFirst.add(k);
        });
      } else {
        pick = -1;
        inFirst.add(0);
        inFirst.add(1);
      }
      const k = nextVirtual();
      const left: BEdge[] = [{ id: -1 - k, u: a, v: b }];
      const right: BEdge[] = [{ id: -1 - k, u: a, v: b }];
      edges.forEach((e, idx) => (inFirst.has(idx) ? left : right).push(e));
      return [left, right];
    }
  }
  return null;
}

function typeOf(edges: BEdge[]): number {
  const nodes = nodesOf(edges);
  if (nodes.length === 2) return P;
  if (nodes.length === edges.length) return S;
  return R;
}

/**
 * The triconnected components by definition: split at separation pairs until none is left (split components),
 * then merge S–S and P–P pairs sharing a virtual edge. Exponential-free but O(n² m) per split: small graphs only.
 */
export function bruteTriconnected(g: Multi): CanonicalComponent[] {
  let virtualCounter = 0;
  const nextVirtual = (): number => virtualCounter++;
  const work: BEdge[][] = [g.us.map((u, i) => ({ id: i, u, v: g.vs[i]! }))];
  const done: BEdge[][] = [];
  while (work.length > 0) {
    const c = work.pop()!;
    const split = trySplit(c, nextVirtual);
    if (split === null) done.push(c);
    else work.push(split[0], split[1]);
  }
  // Merge polygons with polygons and bonds with bonds along shared virtual edges.
  let comps = done.map((edges) => ({ edges, type: typeOf(edges) }));
  for (;;) {
    let merged = false;
    const where = new Map<number, number[]>();
    comps.forEach((c, i) => {
      for (const e of c.edges) if (e.id < 0) where.set(e.id, [...(where.get(e.id) ?? []), i]);
    });
    for (const [vid, [i, j]] of where) {
      const ci = comps[i!]!;
      const cj = comps[j!]!;
      if (ci.type !== cj.type || ci.type === R) continue;
      const edges = [...ci.edges, ...cj.edges].filter((e) => e.id !== vid);
      comps = comps.filter((_, k) => k !== i && k !== j);
      comps.push({ edges, type: ci.type });
      merged = true;
      break;
    }
    if (!merged) break;
  }
  return comps.map((c) => canonical(c.type, c.edges));
}

function canonical(type: number, edges: BEdge[]): CanonicalComponent {
  const real = edges.filter((e) => e.id >= 0).map((e) => e.id);
  real.sort((x, y) => x - y);
  const virtual = edges.filter((e) => e.id < 0).map((e) => `${Math.min(e.u, e.v)}-${Math.max(e.u, e.v)}`);
  virtual.sort();
  return { type, real, virtual };
}

/** Canonical components of a result, for comparison with `bruteTriconnected`. */
export function canonicalOf(tc: TriconnectedComponents): CanonicalComponent[] {
  const out: CanonicalComponent[] = [];
  for (let c = 0; c < tc.count; c++) {
    const edges: BEdge[] = [];
    for (let i = tc.componentOffsets[c]!; i < tc.componentOffsets[c + 1]!; i++) {
      const x = tc.componentEdges[i]!;
      if (x < tc.edgeCount) edges.push({ id: x, u: 0, v: 0 });
      else {
        const k = x - tc.edgeCount;
        edges.push({ id: -1 - k, u: tc.virtualSources[k]!, v: tc.virtualTargets[k]! });
      }
    }
    out.push(canonical(tc.componentType[c]!, edges));
  }
  return out;
}

export function sortCanonical(list: CanonicalComponent[]): string[] {
  return list.map((c) => `${'SPR'[c.type]}|${c.real.join(',')}|${c.virtual.join(',')}`).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Structural checks of a result
// ---------------------------------------------------------------------------------------------------------------

/** Connected after deleting `removed` nodes (edges given as endpoint pairs over `nodes`)? */
function connectedWithout(nodes: number[], ends: [number, number][], removed: Set<number>): boolean {
  const keep = nodes.filter((x) => !removed.has(x));
  if (keep.length <= 1) return true;
  const adj = new Map<number, number[]>();
  for (const x of keep) adj.set(x, []);
  for (const [u, v] of ends) {
    if (removed.has(u) || removed.has(v)) continue;
    adj.get(u)!.push(v);
    adj.get(v)!.push(u);
  }
  const seen = new Set<number>([keep[0]!]);
  const stack = [keep[0]!];
  while (stack.length > 0) {
    const x = stack.pop()!;
    for (const y of adj.get(x)!) {
      if (!seen.has(y)) {
        seen.add(y);
        stack.push(y);
      }
    }
  }
  return seen.size === keep.length;
}

/** Brute-force 3-connectivity: ≥ 4 nodes, and removing any 1 or 2 nodes leaves the rest connected. */
export function isThreeConnected(nodes: number[], ends: [number, number][]): boolean {
  if (nodes.length < 4) return false;
  for (let i = 0; i < nodes.length; i++) {
    if (!connectedWithout(nodes, ends, new Set([nodes[i]!]))) return false;
    for (let j = i + 1; j < nodes.length; j++) {
      if (!connectedWithout(nodes, ends, new Set([nodes[i]!, nodes[j]!]))) return false;
    }
  }
  return true;
}

/**
 * Checks a decomposition of the multigraph `g` and returns a list of problems (empty when valid):
 * - every real edge in exactly one component, every virtual edge in exactly one, twins with equal endpoints;
 * - S: a cycle with ≥ 3 edges; P: two nodes, ≥ 3 edges; R: simple, 3-connected (brute force when it has
 *   ≤ `bruteLimit` nodes, otherwise ≥ 4 nodes and min degree ≥ 3);
 * - the components and twin pairs form a tree, with no S–S and no P–P tree edge;
 * - 2-summing along every tree edge (in a random order, deleting the twin pair) rebuilds exactly the input's edge
 *   multiset.
 */
export function checkDecomposition(g: Multi, tc: TriconnectedComponents, bruteLimit = 12, rng?: Rng): string[] {
  const problems: string[] = [];
  const m = g.us.length;
  if (tc.edgeCount !== m) problems.push(`edgeCount ${tc.edgeCount} != ${m}`);
  const ends = (x: number): [number, number] =>
    x < m ? [g.us[x]!, g.vs[x]!] : [tc.virtualSources[x - m]!, tc.virtualTargets[x - m]!];
  const realSeen = new Int32Array(m);
  const virtualSeen = new Int32Array(tc.virtualCount);
  for (let c = 0; c < tc.count; c++) {
    const ids = Array.from(tc.componentEdges.subarray(tc.componentOffsets[c]!, tc.componentOffsets[c + 1]!));
    const pairs = ids.map(ends);
    for (const x of ids) {
      if (x < m) {
        realSeen[x]!++;
        if (tc.edgeComponent[x] !== c) problems.push(`edgeComponent[${x}] != ${c}`);
      } else {
        virtualSeen[x - m]!++;
        if (tc.virtualComponent[x - m] !== c) problems.push(`virtualComponent[${x - m}] != ${c}`);
      }
    }
    const nodes = [...new Set(pairs.flat())];
    const type = tc.componentType[c]!;
    if (type === S) {
      const deg = new Map<number, number>();
      for (const [u, v] of pairs) {
        deg.set(u, (deg.get(u) ?? 0) + 1);
        deg.set(v, (deg.get(v) ?? 0) + 1);
      }
      if (ids.length < 3) problems.push(`S component ${c} has ${ids.length} edges`);
      if (nodes.length !== ids.length || [...deg.values()].some((d) => d !== 2)) {
        problems.push(`S component ${c} is not a cycle`);
      }
      if (!connectedWithout(nodes, pairs, new Set())) problems.push(`S component ${c} is not connected`);
      // Cycle order: consecutive edges share a node.
      for (let i = 0; i < pairs.length; i++) {
        const [a, b] = pairs[i]!;
        const [c2, d] = pairs[(i + 1) % pairs.length]!;
        if (a !== c2 && a !== d && b !== c2 && b !== d) problems.push(`S component ${c} not listed in cycle order`);
      }
    } else if (type === P) {
      if (nodes.length !== 2) problems.push(`P component ${c} has ${nodes.length} nodes`);
      if (ids.length < 3 && tc.count > 1) problems.push(`P component ${c} has ${ids.length} edges`);
    } else if (type === R) {
      const keys = pairs.map(([u, v]) => `${Math.min(u, v)}-${Math.max(u, v)}`);
      if (new Set(keys).size !== keys.length) problems.push(`R component ${c} is not simple`);
      if (nodes.length <= bruteLimit) {
        if (!isThreeConnected(nodes, pairs)) problems.push(`R component ${c} is not 3-connected`);
      } else {
        const deg = new Map<number, number>();
        for (const [u, v] of pairs) {
          deg.set(u, (deg.get(u) ?? 0) + 1);
          deg.set(v, (deg.get(v) ?? 0) + 1);
        }
        if (nodes.length < 4 || [...deg.values()].some((d) => d < 3)) problems.push(`R component ${c} has a node of degree < 3`);
      }
    } else problems.push(`component ${c} has type ${type}`);
  }
  for (let e = 0; e < m; e++) if (realSeen[e] !== 1) problems.push(`real edge ${e} in ${realSeen[e]} components`);
  if (tc.virtualCount % 2 !== 0) problems.push('odd virtual count');
  for (let k = 0; k < tc.virtualCount; k++) {
    if (virtualSeen[k] !== 1) problems.push(`virtual edge ${k} in ${virtualSeen[k]} components`);
    if (tc.virtualTwin[k] !== (k ^ 1)) problems.push(`virtualTwin[${k}] wrong`);
    if (tc.virtualSources[k] !== tc.virtualSources[k ^ 1] || tc.virtualTargets[k] !== tc.virtualTargets[k ^ 1]) {
      problems.push(`twins ${k}, ${k ^ 1} have different endpoints`);
    }
    if (tc.virtualComponent[k] === tc.virtualComponent[k ^ 1]) problems.push(`twins ${k}, ${k ^ 1} in one component`);
    if (tc.virtualSources[k]! >= tc.virtualTargets[k]!) problems.push(`virtual edge ${k} not ordered`);
  }
  // Tree: count − 1 edges, connected, no S–S / P–P.
  const T = tc.virtualCount / 2;
  if (tc.count > 0 && T !== tc.count - 1) problems.push(`${T} tree edges for ${tc.count} components`);
  for (let t = 0; t < T; t++) {
    const a = tc.virtualComponent[2 * t]!;
    const b = tc.virtualComponent[2 * t + 1]!;
    if (tc.componentType[a] === tc.componentType[b] && tc.componentType[a] !== R) {
      problems.push(`adjacent ${'SPR'[tc.componentType[a]!]} nodes ${a}, ${b}`);
    }
  }
  // 2-sum merge in random order: union–find over components, merged edge multisets.
  const owner = Array.from({ length: tc.count }, (_, c) => c);
  const find = (x: number): number => {
    while (owner[x] !== x) x = owner[x]!;
    return x;
  };
  const content = Array.from({ length: tc.count }, (_, c) =>
    new Set(Array.from(tc.componentEdges.subarray(tc.componentOffsets[c]!, tc.componentOffsets[c + 1]!))),
  );
  const order = Array.from({ length: T }, (_, t) => t);
  if (rng) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  }
  for (const t of order) {
    const a = find(tc.virtualComponent[2 * t]!);
    const b = find(tc.virtualComponent[2 * t + 1]!);
    if (a === b) {
      problems.push(`tree edge ${t} closes a cycle`);
      continue;
    }
    const merged = content[a]!;
    if (!merged.delete(m + 2 * t) || !content[b]!.delete(m + 2 * t + 1)) problems.push(`tree edge ${t}: twin missing`);
    for (const x of content[b]!) merged.add(x);
    content[b] = new Set();
    owner[b] = a;
  }
  if (tc.count > 0) {
    const rootSet = content[find(0)]!;
    const all = [...rootSet].sort((x, y) => x - y);
    if (all.length !== m || all.some((x, i) => x !== i)) problems.push('2-sum merge does not rebuild the input edges');
  }
  return problems;
}

/** Extra checks for the tree fields of an `SpqrTree`. */
export function checkTreeFields(tree: SpqrTree): string[] {
  const problems: string[] = [];
  const count = tree.count;
  if (tree.treeEdgeCount * 2 !== tree.virtualCount) problems.push('treeEdgeCount');
  const seen = new Uint8Array(count);
  const pos = new Int32Array(count).fill(-1);
  tree.preorder.forEach((c, i) => {
    if (seen[c]) problems.push(`component ${c} twice in preorder`);
    seen[c] = 1;
    pos[c] = i;
  });
  if (tree.preorder.length !== count) problems.push('preorder length');
  for (let c = 0; c < count; c++) {
    const p = tree.parent[c]!;
    if (p === -1) {
      if (!tree.roots.includes(c)) problems.push(`component ${c} has no parent but is not a root`);
      continue;
    }
    if (pos[p]! >= pos[c]!) problems.push(`parent ${p} after child ${c} in preorder`);
    const k = tree.parentVirtual[c]!;
    if (tree.virtualComponent[k] !== c || tree.virtualComponent[k ^ 1] !== p) problems.push(`parentVirtual[${c}] wrong`);
    let found = false;
    for (let i = tree.treeOffsets[c]!; i < tree.treeOffsets[c + 1]!; i++) {
      if (tree.treeNeighbors[i] === p && tree.treeEdges[i] === k >> 1) found = true;
    }
    if (!found) problems.push(`tree adjacency of ${c} misses its parent`);
  }
  return problems;
}

/** Is {a, b} a separation pair of the simple graph `g` (deleting both disconnects the rest)? */
export function separates(g: Multi, a: number, b: number): boolean {
  const nodes = Array.from({ length: g.n }, (_, i) => i);
  const pairs = g.us.map((u, i) => [u, g.vs[i]!] as [number, number]);
  return !connectedWithout(nodes, pairs, new Set([a, b]));
}

// ---------------------------------------------------------------------------------------------------------------
// Biconnected test graphs
// ---------------------------------------------------------------------------------------------------------------

/** The largest block of `g`, relabelled to 0..k-1 (null when the graph has no block with ≥ 2 edges). */
export function largestBlock(g: Graph): Graph | null {
  const bcc = biconnectedComponents(g);
  const size = new Int32Array(bcc.count);
  for (let e = 0; e < g.size; e++) size[bcc.edgeComponent[e]!]!++;
  let best = -1;
  for (let b = 0; b < bcc.count; b++) if (size[b]! >= 2 && (best === -1 || size[b]! > size[best]!)) best = b;
  if (best === -1) return null;
  const local = new Map<number, number>();
  for (let i = bcc.blockOffsets[best]!; i < bcc.blockOffsets[best + 1]!; i++) local.set(bcc.blockNodes[i]!, local.size);
  const edges: [number, number][] = [];
  for (let e = 0; e < g.size; e++) {
    if (bcc.edgeComponent[e] === best) edges.push([local.get(g.edgeSources[e]!)!, local.get(g.edgeTargets[e]!)!]);
  }
  return graphOf(local.size, edges);
}

/** Random biconnected graph: largest block of G(n, p). */
export function randomDenseBlock(n: number, p: number, rng: Rng): Graph | null {
  return largestBlock(erdosRenyiGnp(n, p, { rng }));
}

/** Random biconnected planar graph: largest block of a thinned Delaunay triangulation. */
export function randomPlanarBlock(n: number, keep: number, rng: Rng): Graph | null {
  return largestBlock(randomPlanarGraph(n, { rng, keepEdgeProbability: keep }).graph);
}

/** Replaces each edge by a path of 1 + `extra[e]` edges (new nodes appended). */
export function subdivide(g: Multi, extra: (e: number) => number): Multi {
  let n = g.n;
  const us: number[] = [];
  const vs: number[] = [];
  g.us.forEach((u, e) => {
    let prev = u;
    for (let i = 0; i < extra(e); i++) {
      us.push(prev);
      vs.push(n);
      prev = n++;
    }
    us.push(prev);
    vs.push(g.vs[e]!);
  });
  return { n, us, vs };
}

/** Adds `copies(e)` parallel copies of each edge (multigraph). */
export function duplicateEdges(g: Multi, copies: (e: number) => number): Multi {
  const us = [...g.us];
  const vs = [...g.vs];
  g.us.forEach((u, e) => {
    for (let i = 0; i < copies(e); i++) {
      us.push(u);
      vs.push(g.vs[e]!);
    }
  });
  return { n: g.n, us, vs };
}

/** Randomly relabels nodes and permutes edges (to exercise different DFS orders). */
export function shuffleMulti(g: Multi, rng: Rng): Multi {
  const perm = Array.from({ length: g.n }, (_, i) => i);
  for (let i = perm.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const order = Array.from({ length: g.us.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { n: g.n, us: order.map((e) => perm[g.us[e]!]!), vs: order.map((e) => perm[g.vs[e]!]!) };
}

export function toInput(g: Multi): { order: number; sources: number[]; targets: number[] } {
  return { order: g.n, sources: g.us, targets: g.vs };
}

/**
 * 2-sum of two multigraphs: edge `ea` of `a` (u–v) is identified with edge `eb` of `b` (mapped onto u–v, in the
 * given orientation); `keep` keeps one copy of the shared edge, otherwise both copies are deleted. `b`'s other
 * nodes are appended after `a`'s.
 */
export function twoSum(a: Multi, ea: number, b: Multi, eb: number, keep: boolean): Multi {
  const map = new Array<number>(b.n).fill(-1);
  map[b.us[eb]!] = a.us[ea]!;
  map[b.vs[eb]!] = a.vs[ea]!;
  let n = a.n;
  for (let x = 0; x < b.n; x++) if (map[x] === -1) map[x] = n++;
  const us: number[] = [];
  const vs: number[] = [];
  a.us.forEach((u, e) => {
    if (e === ea && !keep) return;
    us.push(u);
    vs.push(a.vs[e]!);
  });
  b.us.forEach((u, e) => {
    if (e === eb) return;
    us.push(map[u]!);
    vs.push(map[b.vs[e]!]!);
  });
  return { n, us, vs };
}

// ---------------------------------------------------------------------------------------------------------------
// Brute-force minors (independent of the code under test)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Does the simple graph on n ≤ 12 nodes have a K3,3 (or K5) minor? Searches minor models directly: every node is
 * unused or joins one of the six (five) branch sets, each branch set must induce a connected subgraph, and the
 * required pairs of branch sets must be joined by an edge. New branch sets are opened in order, which removes the
 * relabelling symmetry inside a side; exponential (about 7^n / 36 leaves), meant for n ≤ 8.
 */
export function hasMinorBrute(n: number, edges: readonly (readonly [number, number])[], minor: 'K33' | 'K5'): boolean {
  if (n > 12) throw new Error('hasMinorBrute: n ≤ 12 only');
  const adj = new Array<number>(n).fill(0);
  for (const [u, v] of edges) {
    adj[u] = adj[u]! | (1 << v);
    adj[v] = adj[v]! | (1 << u);
  }
  const k = minor === 'K33' ? 6 : 5;
  const sets = new Array<number>(k).fill(0);
  const near = new Array<number>(k).fill(0); // union of the neighbourhoods of each set's nodes
  const connected = (mask: number): boolean => {
    let seen = mask & -mask;
    let frontier = seen;
    while (frontier !== 0) {
      let next = 0;
      for (let v = 0; v < n; v++) if (frontier & (1 << v)) next |= adj[v]!;
      next &= mask & ~seen;
      seen |= next;
      frontier = next;
    }
    return seen === mask;
  };
  const pairs: [number, number][] = [];
  if (minor === 'K5') for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) pairs.push([i, j]);
  else for (let i = 0; i < 3; i++) for (let j = 3; j < 6; j++) pairs.push([i, j]);
  const valid = (): boolean => {
    for (const [i, j] of pairs) if ((near[i]! & sets[j]!) === 0) return false;
    for (let i = 0; i < k; i++) if (!connected(sets[i]!)) return false;
    return true;
  };
  // K3,3: sides [0, 3) and [3, 6), each opening its sets in order; K5: one side [0, 5).
  const sides: [number, number][] = minor === 'K33' ? [[0, 3], [3, 6]] : [[0, 5]];
  const opened = sides.map(() => 0);
  const rec = (v: number): boolean => {
    let missing = 0;
    sides.forEach(([lo, hi], s) => (missing += hi - lo - opened[s]!));
    if (n - v < missing) return false;
    if (v === n) return valid();
    const bit = 1 << v;
    if (rec(v + 1)) return true;
    for (let s = 0; s < sides.length; s++) {
      const [lo, hi] = sides[s]!;
      const before = opened[s]!;
      for (let i = 0; i < Math.min(hi - lo, before + 1); i++) {
        const savedNear = near[lo + i]!;
        sets[lo + i] = sets[lo + i]! | bit;
        near[lo + i] = savedNear | adj[v]!;
        opened[s] = Math.max(before, i + 1);
        const ok = rec(v + 1);
        sets[lo + i] = sets[lo + i]! & ~bit;
        near[lo + i] = savedNear;
        opened[s] = before;
        if (ok) return true;
      }
    }
    return false;
  };
  return rec(0);
}

// ---------------------------------------------------------------------------------------------------------------
// The decomposition returned by checkK33MinorFree
// ---------------------------------------------------------------------------------------------------------------

/** Node count and edge list of component c of a decomposition (real edges of `g`, virtual edges by endpoints). */
export function componentEdges(g: Graph, tc: TriconnectedComponents, c: number): { nodes: number[]; ends: [number, number][] } {
  const m = tc.edgeCount;
  const ends: [number, number][] = [];
  for (let i = tc.componentOffsets[c]!; i < tc.componentOffsets[c + 1]!; i++) {
    const x = tc.componentEdges[i]!;
    ends.push(x < m ? [g.edgeSources[x]!, g.edgeTargets[x]!] : [tc.virtualSources[x - m]!, tc.virtualTargets[x - m]!]);
  }
  return { nodes: [...new Set(ends.flat())], ends };
}

/**
 * Checks a K3,3-free decomposition of `g` (returns the problems found):
 * - blocks equal `biconnectedComponents(g)`; components of block b are `blockComponentOffsets[b] .. [b+1]`, their
 *   `componentBlock` is b, and bridges have none;
 * - restricted to each block, the components and the virtual edges inside it pass `checkDecomposition` (types,
 *   twins, tree, no S–S / P–P, 2-sum merge rebuilds exactly the block's edges);
 * - the tree fields pass `checkTreeFields`, with one root per tree;
 * - every R component is K5 (flagged in `componentIsK5`) or planar: by brute-force minor search (Wagner: no K5 and
 *   no K3,3 minor) up to `bruteLimit` nodes, by `isPlanar` above.
 */
export function checkK33FreeDecomposition(g: Graph, dec: K33FreeDecomposition, bruteLimit = 8, rng?: Rng): string[] {
  const problems: string[] = [];
  const { blocks, tree } = dec;
  const ref = biconnectedComponents(g);
  if (JSON.stringify(Array.from(ref.edgeComponent)) !== JSON.stringify(Array.from(blocks.edgeComponent))) {
    problems.push('blocks differ from biconnectedComponents');
  }
  const m = g.size;
  if (tree.edgeCount !== m) problems.push('edgeCount');
  const B = blocks.count;
  if (dec.blockComponentOffsets.length !== B + 1 || dec.blockComponentOffsets[B] !== tree.count) {
    problems.push('blockComponentOffsets');
  }
  const blockEdges: number[][] = Array.from({ length: B }, () => []);
  for (let e = 0; e < m; e++) blockEdges[blocks.edgeComponent[e]!]!.push(e);
  let trees = 0;
  for (let b = 0; b < B; b++) {
    const c0 = dec.blockComponentOffsets[b]!;
    const c1 = dec.blockComponentOffsets[b + 1]!;
    const edges = blockEdges[b]!;
    if (edges.length < 2) {
      if (c1 !== c0) problems.push(`bridge block ${b} has components`);
      for (const e of edges) if (tree.edgeComponent[e] !== -1) problems.push(`bridge ${e} in a component`);
      continue;
    }
    trees++;
    for (let c = c0; c < c1; c++) if (dec.componentBlock[c] !== b) problems.push(`componentBlock[${c}] != ${b}`);
    // Restrict to the block: real edges renumbered by position in `edges`, virtual edges of these components.
    const localEdge = new Map<number, number>(edges.map((e, i) => [e, i]));
    const virtuals: number[] = [];
    for (let k = 0; k < tree.virtualCount; k++) {
      const c = tree.virtualComponent[k]!;
      if (c >= c0 && c < c1) virtuals.push(k);
    }
    const localVirtual = new Map<number, number>(virtuals.map((k, i) => [k, i]));
    if (virtuals.some((k, i) => (k ^ 1) !== (virtuals[i ^ 1] ?? -1))) problems.push(`block ${b}: twins not adjacent`);
    const offsets = new Int32Array(c1 - c0 + 1);
    const list: number[] = [];
    for (let c = c0; c < c1; c++) {
      for (let i = tree.componentOffsets[c]!; i < tree.componentOffsets[c + 1]!; i++) {
        const x = tree.componentEdges[i]!;
        if (x < m) {
          const l = localEdge.get(x);
          if (l === undefined) problems.push(`edge ${x} of block ${blocks.edgeComponent[x]} in a component of block ${b}`);
          list.push(l ?? -1);
        } else {
          const l = localVirtual.get(x - m);
          if (l === undefined) problems.push(`virtual edge ${x - m} outside its component range`);
          list.push(edges.length + (l ?? 0));
        }
      }
      offsets[c - c0 + 1] = list.length;
    }
    const local: TriconnectedComponents = {
      edgeCount: edges.length,
      count: c1 - c0,
      componentType: tree.componentType.slice(c0, c1),
      componentOffsets: offsets,
      componentEdges: Int32Array.from(list),
      edgeComponent: Int32Array.from(edges, (e) => tree.edgeComponent[e]! - c0),
      virtualCount: virtuals.length,
      virtualSources: Int32Array.from(virtuals, (k) => tree.virtualSources[k]!),
      virtualTargets: Int32Array.from(virtuals, (k) => tree.virtualTargets[k]!),
      virtualTwin: Int32Array.from(virtuals, (_, i) => i ^ 1),
      virtualComponent: Int32Array.from(virtuals, (k) => tree.virtualComponent[k]! - c0),
    };
    const multi: Multi = { n: g.order, us: edges.map((e) => g.edgeSources[e]!), vs: edges.map((e) => g.edgeTargets[e]!) };
    for (const p of checkDecomposition(multi, local, 10, rng)) problems.push(`block ${b}: ${p}`);
  }
  if (tree.roots.length !== trees) problems.push(`${tree.roots.length} roots for ${trees} trees`);
  problems.push(...checkTreeFields(tree));
  for (let c = 0; c < tree.count; c++) {
    if (tree.componentType[c] !== R) {
      if (dec.componentIsK5[c] !== 0) problems.push(`non-R component ${c} flagged K5`);
      continue;
    }
    const { nodes, ends } = componentEdges(g, tree, c);
    const isK5 = nodes.length === 5 && ends.length === 10;
    if ((dec.componentIsK5[c] === 1) !== isK5) problems.push(`componentIsK5[${c}] wrong`);
    if (isK5) continue;
    let planar: boolean;
    if (nodes.length <= bruteLimit) {
      const id = new Map(nodes.map((v, i) => [v, i]));
      const local = ends.map(([u, v]) => [id.get(u)!, id.get(v)!] as [number, number]);
      planar = !hasMinorBrute(nodes.length, local, 'K33') && !hasMinorBrute(nodes.length, local, 'K5');
    } else {
      const id = new Map(nodes.map((v, i) => [v, i]));
      planar = isPlanar(graphOf(nodes.length, ends.map(([u, v]) => [id.get(u)!, id.get(v)!] as [number, number])));
    }
    if (!planar) problems.push(`R component ${c} is neither planar nor K5`);
  }
  return problems;
}
