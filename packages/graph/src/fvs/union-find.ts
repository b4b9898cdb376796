/**
 * @internal Disjoint-set forest on typed arrays (union by size, path halving; Tarjan 1975), iterative so deep
 * trees cannot overflow the stack. Not part of the public surface.
 */
export interface UnionFind {
  parent: Int32Array;
  size: Int32Array;
}

export function createUnionFind(n: number): UnionFind {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return { parent, size: new Int32Array(n).fill(1) };
}

export function findRoot(uf: UnionFind, x: number): number {
  const parent = uf.parent;
  let v = x;
  while (parent[v] !== v) {
    const gp = parent[parent[v] as number] as number;
    parent[v] = gp;
    v = gp;
  }
  return v;
}

/** Merges the sets of a and b; false when they were already one set (the edge a–b would close a cycle). */
export function unite(uf: UnionFind, a: number, b: number): boolean {
  let ra = findRoot(uf, a);
  let rb = findRoot(uf, b);
  if (ra === rb) return false;
  if ((uf.size[ra] as number) < (uf.size[rb] as number)) {
    const t = ra;
    ra = rb;
    rb = t;
  }
  uf.parent[rb] = ra;
  uf.size[ra] = (uf.size[ra] as number) + (uf.size[rb] as number);
  return true;
}
