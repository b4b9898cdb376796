/**
 * @internal Biconnected components (blocks) by edge, for the Kuratowski extraction. Kept inside the planarity topic
 * so it does not depend on src/components. Iterative Hopcroft–Tarjan with an edge stack.
 *
 * Preconditions (not checked): a CSR over half-edges as in `internal-lr.ts`, no self-loops; parallel edges are
 * allowed (the parent edge is recognised by id).
 *
 * Reference: J. Hopcroft and R. Tarjan, "Algorithm 447: efficient algorithms for graph manipulation",
 * Communications of the ACM 16 (1973) 372–378.
 */

/** Block id of every edge (`blockOf[e]` in `[0, blockCount)`). O(n + m) time and memory. */
export function edgeBlocks(
  n: number,
  offsets: Int32Array,
  targets: Int32Array,
  edgeIds: Int32Array,
  m: number,
): { blockOf: Int32Array; blockCount: number } {
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parentEdge = new Int32Array(n).fill(-1);
  const iter = offsets.slice(0, n);
  const nodeStack = new Int32Array(n);
  const edgeStack = new Int32Array(m);
  const blockOf = new Int32Array(m).fill(-1);
  let blockCount = 0;
  let time = 0;
  let esp = 0;
  for (let s = 0; s < n; s++) {
    if (disc[s] !== -1) continue;
    disc[s] = time;
    low[s] = time++;
    let sp = 0;
    nodeStack[sp++] = s;
    while (sp > 0) {
      const v = nodeStack[sp - 1] as number;
      const p = iter[v] as number;
      if (p < (offsets[v + 1] as number)) {
        iter[v] = p + 1;
        const e = edgeIds[p] as number;
        if (e === parentEdge[v]) continue;
        const w = targets[p] as number;
        const dw = disc[w] as number;
        if (dw === -1) {
          parentEdge[w] = e;
          disc[w] = time;
          low[w] = time++;
          edgeStack[esp++] = e;
          nodeStack[sp++] = w;
        } else if (dw < (disc[v] as number)) {
          // Back edge to an ancestor, stacked once (from the descendant's side).
          edgeStack[esp++] = e;
          if (dw < (low[v] as number)) low[v] = dw;
        }
      } else {
        sp--;
        const e = parentEdge[v] as number;
        if (e === -1) continue;
        const u = nodeStack[sp - 1] as number;
        if ((low[v] as number) < (low[u] as number)) low[u] = low[v] as number;
        if ((low[v] as number) >= (disc[u] as number)) {
          // u separates v's subtree: the edges stacked since e form one block.
          let x: number;
          do {
            x = edgeStack[--esp] as number;
            blockOf[x] = blockCount;
          } while (x !== e);
          blockCount++;
        }
      }
    }
  }
  return { blockOf, blockCount };
}
