/**
 * Nested-dissection ordering of a (planar) graph by BFS level-structure separators (George & Liu's "automatic
 * nested dissection", a practical substitute for Lipton–Tarjan on planar graphs): in every piece a BFS from a
 * pseudo-peripheral vertex splits the vertices into levels; one level — the smallest among those that leave at
 * least BALANCE of the piece on each side, else the median — separates the levels before it from those after it
 * (vertices of that level with no neighbour further out join the near side), the two sides are ordered first and
 * the separator last. Pieces of at most `leafSize` vertices are not split (they become one dense front);
 * disconnected pieces are split into their components. Iterative (an explicit task stack), O(n log n) for graphs
 * whose separators shrink geometrically, with O(n) extra memory.
 *
 * The result also describes the separator tree, which the multifrontal factorisation uses as its assembly tree:
 * tree node t owns the positions supStart[t]..supStart[t+1] − 1 (a separator or a leaf piece), the nodes are in
 * postorder (every subtree owns a contiguous range of positions, its root last), and parent[t] > t (−1 for a root).
 * Internal kernel: the CSR (offsets, targets) must be symmetric; self-loops and repeated targets are tolerated.
 */

export interface NestedDissectionOrdering {
  /** perm[k] is the vertex eliminated k-th. */
  perm: Int32Array;
  /** iperm[v] is the position of vertex v (the inverse of perm). */
  iperm: Int32Array;
  /** Number of separator-tree nodes. */
  count: number;
  /** Tree node t owns positions supStart[t] .. supStart[t + 1] − 1; length count + 1, supStart[count] = n. */
  supStart: Int32Array;
  /** Parent tree node (> t), −1 for a root. */
  parent: Int32Array;
}

export interface NestedDissectionOptions {
  /** Pieces with at most this many vertices are left whole (one dense front). @default 16 */
  leafSize?: number;
}

/** Each side of a chosen separator level keeps at least this fraction of the piece (when such a level exists). */
const BALANCE = 0.3;
/** BFS sweeps from successively farther vertices when looking for a pseudo-peripheral root. */
const ROOT_SWEEPS = 2;

export function nestedDissection(order: number, offsets: Int32Array, targets: Int32Array, options: NestedDissectionOptions = {}): NestedDissectionOrdering {
  const leafSize = Math.max(1, options.leafSize ?? 16);
  const n = order;
  const verts = new Int32Array(n);
  for (let v = 0; v < n; v++) verts[v] = v;
  const member = new Int32Array(n); // piece stamp: member[v] === tick ⇔ v is in the current piece
  const seen = new Int32Array(n); // BFS stamp
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const scratch = new Int32Array(n);
  let counts = new Int32Array(64);
  let tick = 0;
  let bfsTick = 0;

  // tree nodes in creation order: separator range start and parent id
  let nodeLo: Int32Array<ArrayBuffer> = new Int32Array(64);
  let nodeParent: Int32Array<ArrayBuffer> = new Int32Array(64);
  let nodes = 0;
  const addNode = (lo: number, parent: number): number => {
    if (nodes === nodeLo.length) {
      nodeLo = grow(nodeLo);
      nodeParent = grow(nodeParent);
    }
    nodeLo[nodes] = lo;
    nodeParent[nodes] = parent;
    return nodes++;
  };

  // task stack: (lo, hi, parent node)
  let tasks: Int32Array<ArrayBuffer> = new Int32Array(3 * 64);
  let top = 0;
  const push = (lo: number, hi: number, parent: number): void => {
    if (hi <= lo) return;
    if (top + 3 > tasks.length) tasks = grow(tasks);
    tasks[top++] = lo;
    tasks[top++] = hi;
    tasks[top++] = parent;
  };
  push(0, n, -1);

  /** BFS inside the current piece from `root`; fills queue[0..size) and level[]; returns the number reached. */
  const bfs = (root: number): number => {
    bfsTick++;
    let head = 0;
    let size = 0;
    queue[size++] = root;
    seen[root] = bfsTick;
    level[root] = 0;
    while (head < size) {
      const v = queue[head++] as number;
      const next = (level[v] as number) + 1;
      for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) {
        const w = targets[p] as number;
        if (member[w] !== tick || seen[w] === bfsTick) continue;
        seen[w] = bfsTick;
        level[w] = next;
        queue[size++] = w;
      }
    }
    return size;
  };

  while (top > 0) {
    const parent = tasks[--top] as number;
    const hi = tasks[--top] as number;
    const lo = tasks[--top] as number;
    const size = hi - lo;
    if (size <= leafSize) {
      addNode(lo, parent);
      continue;
    }
    tick++;
    for (let k = lo; k < hi; k++) member[verts[k] as number] = tick;
    let reached = bfs(verts[lo] as number);
    if (reached < size) {
      // disconnected piece: its first component, then the rest, as independent pieces
      let a = lo;
      let b = lo + reached;
      for (let k = lo; k < hi; k++) {
        const v = verts[k] as number;
        if (seen[v] === bfsTick) scratch[a++] = v;
        else scratch[b++] = v;
      }
      verts.set(scratch.subarray(lo, hi), lo);
      push(lo, lo + reached, parent);
      push(lo + reached, hi, parent);
      continue;
    }
    // pseudo-peripheral root: restart from a vertex of the last level
    for (let sweep = 0; sweep < ROOT_SWEEPS; sweep++) reached = bfs(queue[reached - 1] as number);
    const depth = level[queue[reached - 1] as number] as number;
    if (depth < 2) {
      // no level with vertices on both sides: keep the piece whole
      addNode(lo, parent);
      continue;
    }
    if (counts.length < depth + 1) counts = new Int32Array(2 * (depth + 1));
    counts.fill(0, 0, depth + 1);
    for (let k = 0; k < size; k++) {
      const l = level[queue[k] as number] as number;
      counts[l] = (counts[l] as number) + 1;
    }
    // separator level: smallest among the balanced ones, else the one holding the median vertex
    let best = -1;
    let median = -1;
    let below = counts[0] as number;
    const minSide = BALANCE * size;
    for (let l = 1; l < depth; l++) {
      const c = counts[l] as number;
      const above = size - below - c;
      if (median === -1 && below + c >= size / 2) median = l;
      if (below >= minSide && above >= minSide && (best === -1 || c < (counts[best] as number))) best = l;
      below += c;
    }
    const cut = best !== -1 ? best : median !== -1 ? median : depth - 1;
    // partition: near side (levels < cut, plus cut-level vertices with no neighbour beyond), far side, separator
    let nNear = 0;
    let nFar = 0;
    let nSep = 0;
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      const l = level[v] as number;
      if (l < cut) nNear++;
      else if (l > cut) nFar++;
    }
    // cut-level vertices: separator only if adjacent to the far side
    let near = lo;
    let far = lo + nNear; // provisional; fixed after counting thinned vertices
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      if ((level[v] as number) !== cut) continue;
      let touchesFar = false;
      for (let p = offsets[v] as number, end = offsets[v + 1] as number; p < end; p++) {
        const w = targets[p] as number;
        if (member[w] === tick && (level[w] as number) > cut) {
          touchesFar = true;
          break;
        }
      }
      if (touchesFar) nSep++;
      else {
        nNear++;
        level[v] = -1; // marks "near"
      }
    }
    near = lo;
    far = lo + nNear;
    let sep = hi - nSep;
    for (let k = 0; k < size; k++) {
      const v = queue[k] as number;
      const l = level[v] as number;
      if (l < cut) verts[near++] = v;
      else if (l > cut) verts[far++] = v;
      else verts[sep++] = v;
    }
    const node = addNode(hi - nSep, parent);
    push(lo, lo + nNear, node);
    push(lo + nNear, lo + nNear + nFar, node);
  }

  // postorder: the separators tile [0, n); sort nodes by their first position
  const nodeAt = new Int32Array(n + 1).fill(-1);
  for (let t = 0; t < nodes; t++) nodeAt[nodeLo[t] as number] = t;
  const rank = new Int32Array(nodes);
  const supStart = new Int32Array(nodes + 1);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const t = nodeAt[p] as number;
    if (t === -1) continue;
    rank[t] = count;
    supStart[count++] = p;
  }
  supStart[count] = n;
  const parentOut = new Int32Array(count);
  for (let t = 0; t < nodes; t++) {
    const p = nodeParent[t] as number;
    parentOut[rank[t] as number] = p === -1 ? -1 : (rank[p] as number);
  }
  const iperm = new Int32Array(n);
  for (let k = 0; k < n; k++) iperm[verts[k] as number] = k;
  return { perm: verts, iperm, count, supStart, parent: parentOut };
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}
