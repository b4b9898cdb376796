import type { Graph } from '../core/graph.js';
import { IsingLabError, InvalidArgumentError } from '../errors/errors.js';
import { checkOptions, checkProbability } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_ORDER, assembleSimpleUndirected } from './internal/assemble.js';
import { delaunayTriangulation } from './internal/delaunay.js';
import { createPairSet, pairSetAdd } from './internal/pair-set.js';

export interface RandomPlanarGraphOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
  /**
   * Keep each Delaunay edge independently with this probability (the graph stays planar, only sparser; `triangles`
   * still lists the full triangulation). @default 1
   */
  keepEdgeProbability?: number;
}

export interface RandomPlanarGraphResult {
  /** The Delaunay graph of the points (or the kept part of it); node v is the point (points[2v], points[2v+1]). */
  graph: Graph;
  /** x, y of node v at 2v, 2v + 1: uniform in [0, 1)², multiples of 2^−53, no two equal. */
  points: Float64Array;
  /** The Delaunay triangles, node ids of triangle t at 3t, 3t+1, 3t+2, counter-clockwise. */
  triangles: Int32Array;
}

const DEFAULTS = Object.freeze({ keepEdgeProbability: 1 });
/** Largest supported n: the triangulation keeps ~2n triangles of 6 Int32 each plus scratch. */
const MAX_POINTS = Math.floor(MAX_ORDER / 4);
// Bound once: in sandboxes such as jest's vm contexts every global lookup (Math.*) in a hot loop is very slow.
const floor = Math.floor;

/**
 * A random planar graph: the Delaunay triangulation of n independent uniform points in the unit square, built from
 * scratch by incremental Bowyer–Watson insertion (A. Bowyer, Comput. J. 24(2), 1981; D. F. Watson, same issue) with
 * ghost triangles outside the hull, points inserted in Hilbert-curve order and located by a visibility walk from the
 * previous insertion. Orientation and in-circle signs are exact (floating-point filter with Shewchuk's error bounds,
 * exact BigInt fallback), so ties (collinear or cocircular points) are resolved consistently; duplicate points are
 * redrawn (probability ≈ n²·2^−107), as is a whole sample that is entirely collinear (n = 3 only, probability ≈ 0).
 *
 * The result has E = 3n − 3 − h edges and 2n − 2 − h triangles for h points on the convex hull (n ≥ 3); for n ≤ 2
 * it is the path on the points. Node ids follow the order the points were drawn; edge ids are arbitrary but
 * deterministic. Expected O(n) time after an O(n) Hilbert sort; 3·10^5 points (≈ 9·10^5 edges) take about 0.6 s
 * (Node 20, one core).
 */
export function randomPlanarGraph(n: number, options: RandomPlanarGraphOptions): RandomPlanarGraphResult {
  const site = { pkg: 'graph', fn: 'randomPlanarGraph' };
  const opts = { ...DEFAULTS, ...checkOptions<RandomPlanarGraphOptions>(site, options, ['rng', 'keepEdgeProbability']) };
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_POINTS)) {
    throw new InvalidArgumentError({ ...site, argument: 'n', value: n, rule: `an integer in [0, ${MAX_POINTS}]` });
  }
  const rng = checkRng(site, opts.rng);
  const keep = checkProbability(site, 'options.keepEdgeProbability', opts.keepEdgeProbability);

  const points = new Float64Array(2 * n);
  let triangles: Int32Array = new Int32Array(0);
  let sources: Int32Array;
  let targets: Int32Array;
  for (;;) {
    drawDistinctPoints(points, n, rng);
    if (n < 3) {
      sources = Int32Array.from({ length: Math.max(0, n - 1) }, (_, i) => i);
      targets = Int32Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1);
      break;
    }
    const dt = delaunayTriangulation(points, n);
    if (dt.ok) {
      triangles = dt.triangles;
      sources = dt.edgeSources;
      targets = dt.edgeTargets;
      break;
    }
    if (dt.reason === 'duplicate') {
      throw new IsingLabError(`@isinglab/graph randomPlanarGraph: internal error (points ${dt.other} and ${dt.point} coincide).`);
    }
    // All points collinear: redraw the whole sample.
  }

  if (keep < 1) {
    let kept = 0;
    for (let e = 0; e < sources.length; e++) {
      if (rng.float64() < keep) {
        sources[kept] = sources[e] as number;
        targets[kept] = targets[e] as number;
        kept++;
      }
    }
    sources = sources.slice(0, kept);
    targets = targets.slice(0, kept);
  }
  return { graph: assembleSimpleUndirected(n, sources, targets), points, triangles };
}

/** Fills `points` with n uniform points of [0, 1)², redrawing any point equal to an earlier one (exact equality). */
function drawDistinctPoints(points: Float64Array, n: number, rng: Rng): void {
  // Hashing the top 30 bits of each coordinate finds candidate repeats in O(1); only a cell collision (probability
  // about n²·2^−61) pays for an exact scan.
  const cells = createPairSet(n);
  for (let i = 0; i < n; i++) {
    for (;;) {
      const x = rng.float64();
      const y = rng.float64();
      if (!pairSetAdd(cells, floor(x * 1073741824), floor(y * 1073741824))) {
        let repeat = false;
        for (let j = 0; j < i && !repeat; j++) repeat = points[2 * j] === x && points[2 * j + 1] === y;
        if (repeat) continue;
      }
      points[2 * i] = x;
      points[2 * i + 1] = y;
      break;
    }
  }
}
