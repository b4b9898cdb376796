/** Exact planar geometry for the Delaunay tests, in BigInt (independent of src/generators/internal/predicates.ts). */

/** x as an exact integer multiple of 2^−60; throws if x is not one (all test inputs are). */
function big(x: number): bigint {
  const s = x * 2 ** 60;
  if (!Number.isInteger(s)) throw new Error(`test geometry: ${x} is not a multiple of 2^-60`);
  return BigInt(s);
}

export class ExactPoints {
  readonly xs: bigint[];
  readonly ys: bigint[];
  constructor(readonly coords: ArrayLike<number>) {
    this.xs = [];
    this.ys = [];
    for (let i = 0; i < coords.length / 2; i++) {
      this.xs.push(big(coords[2 * i]!));
      this.ys.push(big(coords[2 * i + 1]!));
    }
  }
  get n(): number {
    return this.xs.length;
  }
  /** Twice the signed area of (a, b, c): > 0 counter-clockwise. */
  orient(a: number, b: number, c: number): bigint {
    const { xs: X, ys: Y } = this;
    return (X[b]! - X[a]!) * (Y[c]! - Y[a]!) - (Y[b]! - Y[a]!) * (X[c]! - X[a]!);
  }
  /** > 0 when d is strictly inside the circumcircle of the counter-clockwise triangle (a, b, c). */
  inCircle(a: number, b: number, c: number, d: number): bigint {
    const { xs: X, ys: Y } = this;
    const rows = [a, b, c].map((v) => {
      const dx = X[v]! - X[d]!;
      const dy = Y[v]! - Y[d]!;
      return [dx, dy, dx * dx + dy * dy] as const;
    });
    const [r0, r1, r2] = rows as [readonly [bigint, bigint, bigint], readonly [bigint, bigint, bigint], readonly [bigint, bigint, bigint]];
    return (
      r0[0] * (r1[1] * r2[2] - r2[1] * r1[2]) - r0[1] * (r1[0] * r2[2] - r2[0] * r1[2]) + r0[2] * (r1[0] * r2[1] - r2[0] * r1[1])
    );
  }
  /** Strict convex hull (no collinear points), counter-clockwise, by Andrew's monotone chain. */
  hull(): number[] {
    const idx = Array.from({ length: this.n }, (_, i) => i).sort((i, j) => {
      const dx = this.xs[i]! - this.xs[j]!;
      if (dx !== 0n) return dx < 0n ? -1 : 1;
      const dy = this.ys[i]! - this.ys[j]!;
      return dy < 0n ? -1 : dy > 0n ? 1 : 0;
    });
    if (idx.length < 3) return idx;
    const chain = (list: number[]) => {
      const out: number[] = [];
      for (const p of list) {
        while (out.length >= 2 && this.orient(out[out.length - 2]!, out[out.length - 1]!, p) <= 0n) out.pop();
        out.push(p);
      }
      out.pop();
      return out;
    };
    return [...chain(idx), ...chain([...idx].reverse())];
  }
  /** Number of points on the hull boundary, counting points in the interior of hull edges. */
  boundaryCount(hull: number[]): number {
    let count = 0;
    for (let p = 0; p < this.n; p++) {
      for (let i = 0; i < hull.length; i++) {
        const a = hull[i]!;
        const b = hull[(i + 1) % hull.length]!;
        if (this.orient(a, b, p) !== 0n) continue;
        const inX = (this.xs[p]! - this.xs[a]!) * (this.xs[p]! - this.xs[b]!) <= 0n;
        const inY = (this.ys[p]! - this.ys[a]!) * (this.ys[p]! - this.ys[b]!) <= 0n;
        if (inX && inY) {
          count++;
          break;
        }
      }
    }
    return count;
  }
}

/** Area of a simple polygon given as a vertex cycle (shoelace), in floating point. */
export function polygonArea(coords: ArrayLike<number>, cycle: number[]): number {
  let s = 0;
  for (let i = 0; i < cycle.length; i++) {
    const a = cycle[i]!;
    const b = cycle[(i + 1) % cycle.length]!;
    s += coords[2 * a]! * coords[2 * b + 1]! - coords[2 * b]! * coords[2 * a + 1]!;
  }
  return s / 2;
}

export interface TriangulationCheck {
  hullSize: number;
  boundary: number;
}

/**
 * Certifies a Delaunay triangulation by brute force: triangles counter-clockwise and non-degenerate, no point strictly
 * inside any circumcircle (exact), E = 3n − 3 − b and T = 2n − 2 − b (b points on the hull boundary), the edge list
 * equals the set of triangle sides, every side in at most 2 triangles, and triangle areas sum to the hull area.
 */
export function checkDelaunay(
  coords: ArrayLike<number>,
  triangles: ArrayLike<number>,
  edges: [number, number][],
  expect: (cond: boolean, what: string) => void,
): TriangulationCheck {
  const P = new ExactPoints(coords);
  const n = P.n;
  const hull = P.hull();
  const b = P.boundaryCount(hull);
  const T = triangles.length / 3;
  expect(T === 2 * n - 2 - b, `T = ${T}, expected 2n − 2 − b = ${2 * n - 2 - b}`);
  expect(edges.length === 3 * n - 3 - b, `E = ${edges.length}, expected 3n − 3 − b = ${3 * n - 3 - b}`);
  const sides = new Map<string, number>();
  let area = 0;
  for (let t = 0; t < T; t++) {
    const [a, c, d] = [triangles[3 * t]!, triangles[3 * t + 1]!, triangles[3 * t + 2]!];
    expect(P.orient(a, c, d) > 0n, `triangle ${t} is counter-clockwise and non-degenerate`);
    for (let p = 0; p < n; p++) {
      if (p === a || p === c || p === d) continue;
      if (P.inCircle(a, c, d, p) > 0n) expect(false, `point ${p} inside the circumcircle of triangle ${t}`);
    }
    for (const [u, v] of [
      [a, c],
      [c, d],
      [d, a],
    ] as const) {
      const key = `${Math.min(u, v)}-${Math.max(u, v)}`;
      sides.set(key, (sides.get(key) ?? 0) + 1);
    }
    area += (coords[2 * c]! - coords[2 * a]!) * (coords[2 * d + 1]! - coords[2 * a + 1]!);
    area -= (coords[2 * c + 1]! - coords[2 * a + 1]!) * (coords[2 * d]! - coords[2 * a]!);
  }
  area /= 2;
  expect([...sides.values()].every((k) => k <= 2), 'every side in at most two triangles');
  const edgeKeys = edges.map(([u, v]) => `${Math.min(u, v)}-${Math.max(u, v)}`).sort();
  expect(JSON.stringify(edgeKeys) === JSON.stringify([...sides.keys()].sort()), 'edges are exactly the triangle sides');
  const hullArea = polygonArea(coords, hull);
  expect(Math.abs(area - hullArea) <= 1e-9 * hullArea, `triangle area ${area} equals hull area ${hullArea} (1e-9 relative)`);
  return { hullSize: hull.length, boundary: b };
}
