import { describe, expect, it } from '@jest/globals';
import {
  assembleSimpleDirected,
  assembleSimpleUndirected,
} from '../../src/generators/internal/assemble.js';
import { createPairSet, pairSetAdd, pairSetDelete, pairSetHas } from '../../src/generators/internal/pair-set.js';
import { inCircle, orient2d } from '../../src/generators/internal/predicates.js';
import { buildGraph, createRng, validateGraph, type Graph } from '../../src/index.js';
import { ExactPoints } from './geometry.js';
import { chiSquareSf, chiSquareTest, expected } from './helpers.js';

function csrArrays(g: Graph) {
  return [g.offsets, g.targets, g.edgeIds, g.inOffsets, g.inSources, g.inEdgeIds, g.edgeSources, g.edgeTargets].map((a) =>
    Array.from(a),
  );
}

describe('CSR assembly for simple edge lists', () => {
  it('equals buildGraph on 100 random simple graphs, undirected and directed', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 100; trial++) {
      const directed = trial % 2 === 1;
      const n = 1 + rng.int(40);
      const seen = new Set<string>();
      const src: number[] = [];
      const dst: number[] = [];
      const m = rng.int(3 * n);
      for (let i = 0; i < m; i++) {
        let u = rng.int(n);
        let v = rng.int(n);
        if (u === v) continue;
        if (!directed && u > v) [u, v] = [v, u];
        if (seen.has(`${u},${v}`)) continue;
        seen.add(`${u},${v}`);
        src.push(u);
        dst.push(v);
      }
      const mine = directed
        ? assembleSimpleDirected(n, Int32Array.from(src), Int32Array.from(dst))
        : assembleSimpleUndirected(n, Int32Array.from(src), Int32Array.from(dst));
      validateGraph(mine);
      const ref = buildGraph({ order: n, sources: src, targets: dst }, { directed }).graph;
      expect(csrArrays(mine)).toEqual(csrArrays(ref));
    }
  });
});

describe('pair set', () => {
  it('agrees with a JS Set over 20000 random add / delete / has operations at high load', () => {
    const rng = createRng(5);
    const set = createPairSet(200); // 512 slots, kept up to ~40% full: long probe chains and wrap-around
    const ref = new Set<string>();
    let mismatches = 0;
    for (let step = 0; step < 20000; step++) {
      const u = rng.int(30);
      const v = rng.int(30);
      const key = `${u},${v}`;
      const op = rng.int(3);
      if (op === 0 && ref.size < 200) {
        if (pairSetAdd(set, u, v) === ref.has(key)) mismatches++;
        ref.add(key);
      } else if (op === 1) {
        if (pairSetDelete(set, u, v) !== ref.has(key)) mismatches++;
        ref.delete(key);
      } else if (pairSetHas(set, u, v) !== ref.has(key)) {
        mismatches++;
      }
      if (set.size !== ref.size) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(ref.size).toBeGreaterThan(100);
    for (let u = 0; u < 30; u++) for (let v = 0; v < 30; v++) expect(pairSetHas(set, u, v)).toBe(ref.has(`${u},${v}`));
  });
});

describe('geometric predicates', () => {
  const sign = (x: number | bigint) => (x > 0 ? 1 : x < 0 ? -1 : 0);

  it('orient2d has the exact sign on 5000 nearly collinear triples (where plain floating point often fails)', () => {
    const rng = createRng(21);
    let floatWrong = 0;
    for (let i = 0; i < 5000; i++) {
      const ax = 0.25 + 0.5 * rng.float64();
      const ay = 0.25 + 0.5 * rng.float64();
      const bx = 0.25 + 0.5 * rng.float64();
      const by = 0.25 + 0.5 * rng.float64();
      const t = rng.float64();
      const cx = ax + t * (bx - ax); // rounded onto the line ab
      const cy = ay + t * (by - ay);
      const P = new ExactPoints([ax, ay, bx, by, cx, cy]);
      const exact = sign(P.orient(0, 1, 2));
      expect(sign(orient2d(ax, ay, bx, by, cx, cy))).toBe(exact);
      if (sign((ax - cx) * (by - cy) - (ay - cy) * (bx - cx)) !== exact) floatWrong++;
    }
    expect(floatWrong).toBeGreaterThan(100); // the test exercises the exact fallback
  });

  it('inCircle has the exact sign on 5000 nearly cocircular quadruples', () => {
    const rng = createRng(22);
    let floatWrong = 0;
    for (let i = 0; i < 5000; i++) {
      const cx0 = 0.4 + 0.2 * rng.float64();
      const cy0 = 0.4 + 0.2 * rng.float64();
      const r = 0.05 + 0.3 * rng.float64();
      const angles = [0, 1, 2, 3].map(() => 2 * Math.PI * rng.float64());
      const sorted3 = angles.slice(0, 3).sort((a, b) => a - b); // counter-clockwise a, b, c
      const pts = [...sorted3, angles[3]!].flatMap((th) => [cx0 + r * Math.cos(th), cy0 + r * Math.sin(th)]);
      const [ax, ay, bx, by, cx, cy, dx, dy] = pts as [number, number, number, number, number, number, number, number];
      const P = new ExactPoints(pts);
      if (P.orient(0, 1, 2) <= 0n) continue;
      const exact = sign(P.inCircle(0, 1, 2, 3));
      expect(sign(inCircle(ax, ay, bx, by, cx, cy, dx, dy))).toBe(exact);
      const adx = ax - dx;
      const ady = ay - dy;
      const bdx = bx - dx;
      const bdy = by - dy;
      const cdx = cx - dx;
      const cdy = cy - dy;
      const plain =
        (adx * adx + ady * ady) * (bdx * cdy - cdx * bdy) +
        (bdx * bdx + bdy * bdy) * (cdx * ady - adx * cdy) +
        (cdx * cdx + cdy * cdy) * (adx * bdy - bdx * ady);
      if (sign(plain) !== exact) floatWrong++;
    }
    expect(floatWrong).toBeGreaterThan(100);
  });

  it('exact for subnormal, huge and mixed-exponent coordinates', () => {
    expect(orient2d(0, 0, 5e-324, 0, 1e-323, 0)).toBe(0);
    expect(sign(orient2d(0, 0, 5e-324, 0, 0, 5e-324))).toBe(1);
    expect(sign(orient2d(1e100, 1e100, 1e100 + 2 ** 280, 1e100, 1e100, 1e100 + 2 ** 280))).toBe(1);
    // (1, 0), (0, 1), (−1, 0) on the unit circle; (0, −1) on it, (0, −1 + 2^−52) inside.
    expect(inCircle(1, 0, 0, 1, -1, 0, 0, -1)).toBe(0);
    expect(sign(inCircle(1, 0, 0, 1, -1, 0, 0, -1 + 2 ** -52))).toBe(1);
    expect(sign(inCircle(1, 0, 0, 1, -1, 0, 0, -1 - 2 ** -52))).toBe(-1);
  });
});

describe('test statistics helper', () => {
  it('chiSquareSf matches scipy.stats.chi2.sf (relative 1e-9)', () => {
    for (const { df, x, sf } of expected.chi2_sf) expect(Math.abs(chiSquareSf(x, df) - sf)).toBeLessThanOrEqual(1e-9 * sf);
  });
  it('chiSquareTest rejects a clearly biased sample and accepts an exact one', () => {
    expect(chiSquareTest([1200, 800, 1000], [1000, 1000, 1000]).p).toBeLessThan(1e-9);
    expect(chiSquareTest([1000, 1000, 1000], [1000, 1000, 1000]).p).toBe(1);
  });
});
