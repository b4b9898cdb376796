import { describe, expect, it } from '@jest/globals';
import { cubicLattice, kingsGraph, squareLattice, triangularLattice } from '../../src/generators/index.js';
import { hasEdge, validateGraph, type Graph } from '../../src/index.js';
import { degreeList, expected, expectMatchesRecord, sortedEdges } from './helpers.js';

/** Brute force over all node pairs: adjacent iff the (wrapped) offset is one of `allowed` (as ± pairs). */
function bruteLattice(rows: number, cols: number, periodic: [boolean, boolean], allowed: [number, number][]): [number, number][] {
  const edges: [number, number][] = [];
  const wrap = (d: number, size: number, per: boolean): number[] => {
    const out = [d];
    if (per) out.push(d - size, d + size);
    return out;
  };
  for (let a = 0; a < rows * cols; a++) {
    for (let b = a + 1; b < rows * cols; b++) {
      const dr = Math.floor(b / cols) - Math.floor(a / cols);
      const dc = (b % cols) - (a % cols);
      let adjacent = false;
      for (const r of wrap(dr, rows, periodic[0])) {
        for (const c of wrap(dc, cols, periodic[1])) {
          for (const [ar, ac] of allowed) {
            if ((r === ar && c === ac) || (r === -ar && c === -ac)) adjacent = true;
          }
        }
      }
      if (adjacent) edges.push([a, b]);
    }
  }
  return edges;
}

function triangleCount(g: Graph): number {
  let count = 0;
  for (let e = 0; e < g.size; e++) {
    const u = g.edgeSources[e]!;
    const v = g.edgeTargets[e]!;
    for (let p = g.offsets[v]!; p < g.offsets[v + 1]!; p++) {
      const w = g.targets[p]!;
      if (w > v && hasEdge(g, u, w)) count++;
    }
  }
  return count;
}

describe('squareLattice', () => {
  it.each(expected.grid_2d_graph.map((r) => [r.rows, r.cols, JSON.stringify(r.periodic), r] as const))(
    'equals networkx grid_2d_graph(%i, %i, periodic=%s) under id r·cols + c',
    (rows, cols, _p, rec) => {
      expectMatchesRecord(squareLattice(rows, cols, { periodic: rec.periodic }), rec);
    },
  );

  it('has the closed-form edge counts and degrees', () => {
    for (const [r, c] of [
      [1, 1],
      [1, 7],
      [3, 4],
      [10, 13],
    ] as const) {
      const g = squareLattice(r, c);
      expect(g.order).toBe(r * c);
      expect(g.size).toBe(r * (c - 1) + (r - 1) * c);
    }
    const torus = squareLattice(5, 7, { periodic: true });
    expect(torus.size).toBe(2 * 35);
    expect(new Set(degreeList(torus))).toEqual(new Set([4]));
    // Node id r·cols + c: (1, 2) – (1, 3) and (1, 2) – (2, 2) are edges; (1, 2) – (2, 3) is not.
    const g = squareLattice(4, 5);
    expect(hasEdge(g, 7, 8)).toBe(true);
    expect(hasEdge(g, 7, 12)).toBe(true);
    expect(hasEdge(g, 7, 13)).toBe(false);
  });

  it('builds empty and single-node lattices', () => {
    expect(squareLattice(0, 0).order).toBe(0);
    expect(squareLattice(0, 9).order).toBe(0);
    const one = squareLattice(1, 1);
    expect([one.order, one.size]).toEqual([1, 0]);
  });
});

describe('triangularLattice', () => {
  const cases: [number, number, boolean | [boolean, boolean]][] = [
    [4, 5, false],
    [4, 5, true],
    [3, 4, [true, false]],
    [5, 3, [false, true]],
    [3, 3, true],
    [1, 4, false],
    [2, 2, false],
  ];
  it.each(cases.map((c) => [c[0], c[1], JSON.stringify(c[2]), c[2]] as const))(
    '%i × %i (periodic %s) equals the brute-force square lattice + (1, 1) diagonals',
    (rows, cols, _p, periodic) => {
      const g = triangularLattice(rows, cols, { periodic });
      validateGraph(g);
      const per: [boolean, boolean] = typeof periodic === 'boolean' ? [periodic, periodic] : periodic;
      expect(sortedEdges(g)).toEqual(bruteLattice(rows, cols, per, [[0, 1], [1, 0], [1, 1]]));
    },
  );

  it('has 2(rows − 1)(cols − 1) triangles when open and is a 6-regular triangulated torus when periodic', () => {
    const open = triangularLattice(6, 7);
    expect(open.size).toBe(6 * 6 + 5 * 7 + 5 * 6);
    expect(triangleCount(open)).toBe(2 * 5 * 6);
    // Corners: (0,0) and (r−1,c−1) have degree 3, the other two degree 2; interior nodes degree 6.
    const deg = degreeList(open);
    expect([deg[0], deg[6], deg[35], deg[41]]).toEqual([3, 2, 2, 3]);
    expect(deg[1 * 7 + 1]).toBe(6);
    const torus = triangularLattice(5, 6, { periodic: true });
    expect(torus.size).toBe(3 * 30);
    expect(new Set(degreeList(torus))).toEqual(new Set([6]));
    expect(triangleCount(torus)).toBe(2 * 30); // Euler: V − E + F = 30 − 90 + 60 = 0 (torus)
    // The documented diagonal is (r, c) – (r + 1, c + 1), not (r, c + 1) – (r + 1, c).
    expect(hasEdge(open, 0, 8)).toBe(true);
    expect(hasEdge(open, 1, 7)).toBe(false);
  });
});

describe('kingsGraph', () => {
  it.each(expected.strong_product_of_paths.map((r) => [r.rows, r.cols, JSON.stringify(r.periodic), r] as const))(
    'equals networkx strong_product of paths/cycles (%i × %i, periodic %s)',
    (rows, cols, _p, rec) => {
      expectMatchesRecord(kingsGraph(rows, cols, { periodic: rec.periodic }), rec);
    },
  );

  it('has 4rc − 3(r + c) + 2 edges open, 4rc on the torus, and 8 neighbours inside', () => {
    for (const [r, c] of [
      [1, 1],
      [2, 9],
      [7, 5],
    ] as const) {
      expect(kingsGraph(r, c).size).toBe(4 * r * c - 3 * (r + c) + 2);
    }
    const torus = kingsGraph(4, 6, { periodic: true });
    expect(torus.size).toBe(4 * 24);
    expect(new Set(degreeList(torus))).toEqual(new Set([8]));
    expect(degreeList(kingsGraph(5, 5))[12]).toBe(8);
  });
});

describe('cubicLattice', () => {
  it.each(expected.cartesian_product_of_paths.map((r) => [r.x, r.y, r.z, JSON.stringify(r.periodic), r] as const))(
    'equals networkx cartesian products of paths/cycles (%i × %i × %i, periodic %s) under id (i·y + j)·z + k',
    (x, y, z, _p, rec) => {
      expectMatchesRecord(cubicLattice(x, y, z, { periodic: rec.periodic }), rec);
    },
  );

  it('has the closed-form counts', () => {
    const [x, y, z] = [4, 5, 6];
    expect(cubicLattice(x, y, z).size).toBe((x - 1) * y * z + x * (y - 1) * z + x * y * (z - 1));
    const torus = cubicLattice(3, 4, 5, { periodic: true });
    expect(torus.size).toBe(3 * 60);
    expect(new Set(degreeList(torus))).toEqual(new Set([6]));
    expect(cubicLattice(0, 4, 4).order).toBe(0);
  });
});
