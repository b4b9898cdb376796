import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions, checkProbability } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_ORDER, assembleSimpleUndirected, createEdgeBuffer, pushEdge } from './internal/assemble.js';
import { randomPlanarGraph } from './random-planar-graph.js';

export interface RandomK33FreeGraphOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
  /** Probability that a new piece is a K5 rather than a random planar graph (when a K5 still fits). @default 0.5 */
  k5Probability?: number;
  /**
   * Probability that a piece is glued by a 1-sum (identifying one node with a uniform random existing node) rather
   * than a 2-sum; any value > 0 gives graphs that are connected but in general not biconnected. @default 0
   */
  oneSumProbability?: number;
  /** Probability of deleting the shared edge after each 2-sum (the result stays biconnected). @default 0 */
  deleteSharedEdgeProbability?: number;
  /**
   * Largest order of a planar piece (≥ 3). The number of new nodes a planar piece brings is uniform between 1 and
   * the smaller of this bound (less its shared nodes) and the nodes still missing.
   * @default n (no bound: the reference generator's behaviour, a few large planar pieces and many K5s)
   */
  maxPieceOrder?: number;
}

export interface RandomK33FreeGraphResult {
  /** The graph: exactly n nodes, simple, connected; biconnected when `oneSumProbability` is 0. */
  graph: Graph;
  /** Number of K5 pieces glued in. */
  k5Count: number;
  /** Number of random planar pieces glued in. */
  planarPieceCount: number;
}

const DEFAULTS = Object.freeze({ k5Probability: 0.5, oneSumProbability: 0, deleteSharedEdgeProbability: 0 });
const OPTION_KEYS = ['rng', 'k5Probability', 'oneSumProbability', 'deleteSharedEdgeProbability', 'maxPieceOrder'] as const;

/**
 * A random graph with no K3,3 minor on exactly n nodes, grown as in Likhosherstov, Maximov and Chertkov (ICML 2019,
 * Section 7, and their reference code): start from a K5 or a random planar graph, then repeatedly pick a uniform
 * random existing piece and a uniform random edge of it, and glue a new piece — a K5 (with `k5Probability`) or the
 * Delaunay triangulation of uniform random points (`randomPlanarGraph`) — by a 2-sum: a random edge of the new piece
 * is identified with the chosen edge (kept, or deleted with `deleteSharedEdgeProbability`). With
 * `oneSumProbability` a piece is instead glued at one node (1-sum). 1-sums and 2-sums of graphs without a K3,3 minor
 * have none (Wagner 1937), and deleting edges keeps that, so every output is K3,3-minor-free; its triconnected
 * components are the planar pieces and the K5s (a piece may be split further where it has separation pairs).
 *
 * Node ids follow creation order; the first piece holds the smallest ids. Expected O(n) time (each planar piece
 * costs expected linear time in its order, plus a fixed cost of about 0.5 ms for the spatial sort of
 * `randomPlanarGraph`): n = 10^5 takes about a second with the default pieces, several seconds with
 * `maxPieceOrder: 50` (thousands of pieces).
 *
 * References: K. Wagner, "Über eine Eigenschaft der ebenen Komplexe", Math. Ann. 114 (1937) 570–590; A.
 * Likhosherstov, Y. Maximov and M. Chertkov, "Inference and sampling of K33-free Ising models", ICML 2019.
 *
 * @throws InvalidArgumentError when n is not an integer ≥ 3, `options.rng` is missing, a probability is outside
 * [0, 1], or `maxPieceOrder` is not an integer ≥ 3.
 */
export function randomK33FreeGraph(n: number, options: RandomK33FreeGraphOptions): RandomK33FreeGraphResult {
  const site = { pkg: 'graph', fn: 'randomK33FreeGraph' };
  const opts = { ...DEFAULTS, ...checkOptions<RandomK33FreeGraphOptions>(site, options, OPTION_KEYS) };
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 3 && n <= MAX_ORDER / 4)) {
    const rule = `an integer in [3, ${Math.floor(MAX_ORDER / 4)}]`;
    throw new InvalidArgumentError({ ...site, argument: 'n', value: n, rule });
  }
  const rng = checkRng(site, opts.rng);
  const pK5 = checkProbability(site, 'options.k5Probability', opts.k5Probability);
  const pOne = checkProbability(site, 'options.oneSumProbability', opts.oneSumProbability);
  const pDelete = checkProbability(site, 'options.deleteSharedEdgeProbability', opts.deleteSharedEdgeProbability);
  const maxPiece = opts.maxPieceOrder ?? n;
  if (!(typeof maxPiece === 'number' && Number.isInteger(maxPiece) && maxPiece >= 3)) {
    throw new InvalidArgumentError({ ...site, argument: 'options.maxPieceOrder', value: maxPiece, rule: 'an integer >= 3' });
  }

  // Global edges (a buffer plus a deleted flag) and, per piece, the global ids of its edges.
  const edges = createEdgeBuffer(3 * n);
  let deleted = new Uint8Array(3 * n + 16);
  const edgeOf = new Map<number, number>(); // key u·n + v (u < v) → global edge index
  const pieceEdges = createEdgeBuffer(3 * n); // sources: global edge index; targets unused
  const pieceStart: number[] = [];
  let order = 0;
  let k5Count = 0;
  let planarPieceCount = 0;
  const map = new Int32Array(Math.min(n, maxPiece) + 2);

  const addEdge = (u: number, v: number): number => {
    const a = u < v ? u : v;
    const b = u < v ? v : u;
    const key = a * n + b;
    let id = edgeOf.get(key);
    if (id === undefined) {
      id = edges.length;
      pushEdge(edges, a, b);
      if (id >= deleted.length) {
        const grown = new Uint8Array(2 * deleted.length);
        grown.set(deleted);
        deleted = grown;
      }
      edgeOf.set(key, id);
    }
    pushEdge(pieceEdges, id, 0);
    return id;
  };

  /** Glues a piece (local edges ls–lt on k nodes); `shared` local nodes map to `attach` (length 0, 1 or 2). */
  const glue = (k: number, ls: ArrayLike<number>, lt: ArrayLike<number>, sharedLocal: number[], attach: number[]): void => {
    for (let i = 0; i < k; i++) map[i] = -1;
    sharedLocal.forEach((x, i) => (map[x] = attach[i] as number));
    for (let i = 0; i < k; i++) if (map[i] === -1) map[i] = order++;
    pieceStart.push(pieceEdges.length);
    for (let e = 0; e < ls.length; e++) addEdge(map[ls[e] as number] as number, map[lt[e] as number] as number);
    if (attach.length === 2) {
      const [u, v] = attach as [number, number];
      const id = edgeOf.get(Math.min(u, v) * n + Math.max(u, v)) as number;
      deleted[id] = rng.float64() < pDelete ? 1 : 0;
    }
  };

  const k5s = new Int32Array(10);
  const k5t = new Int32Array(10);
  for (let i = 0, e = 0; i < 5; i++) {
    for (let j = i + 1; j < 5; j++, e++) {
      k5s[e] = i;
      k5t[e] = j;
    }
  }

  // First piece.
  if (n >= 5 && rng.float64() < pK5) {
    glue(5, k5s, k5t, [], []);
    k5Count++;
  } else {
    const k = 3 + rng.int(Math.min(n, maxPiece) - 2);
    const g = randomPlanarGraph(k, { rng }).graph;
    glue(k, g.edgeSources, g.edgeTargets, [], []);
    planarPieceCount++;
  }

  while (order < n) {
    const remaining = n - order;
    const oneSum = rng.float64() < pOne;
    const shared = oneSum ? 1 : 2;
    // Attachment: a random edge of a random piece (2-sum), or a random node (1-sum).
    const piece = rng.int(pieceStart.length);
    const p0 = pieceStart[piece] as number;
    const p1 = piece + 1 < pieceStart.length ? (pieceStart[piece + 1] as number) : pieceEdges.length;
    const parentEdge = pieceEdges.sources[p0 + rng.int(p1 - p0)] as number;
    const attach = oneSum
      ? [rng.int(order)]
      : rng.int(2) === 0
        ? [edges.sources[parentEdge] as number, edges.targets[parentEdge] as number]
        : [edges.targets[parentEdge] as number, edges.sources[parentEdge] as number];
    if (remaining >= 5 - shared && rng.float64() < pK5) {
      const e = rng.int(10);
      glue(5, k5s, k5t, oneSum ? [k5s[e] as number] : [k5s[e] as number, k5t[e] as number], attach);
      k5Count++;
    } else {
      const fresh = 1 + rng.int(Math.min(remaining, maxPiece - shared));
      const k = fresh + shared;
      const g = randomPlanarGraph(k, { rng }).graph;
      const e = rng.int(g.size);
      const sharedLocal = oneSum ? [g.edgeSources[e] as number] : [g.edgeSources[e] as number, g.edgeTargets[e] as number];
      glue(k, g.edgeSources, g.edgeTargets, sharedLocal, attach);
      planarPieceCount++;
    }
  }

  let kept = 0;
  for (let e = 0; e < edges.length; e++) if (deleted[e] === 0) kept++;
  const sources = new Int32Array(kept);
  const targets = new Int32Array(kept);
  for (let e = 0, j = 0; e < edges.length; e++) {
    if (deleted[e] === 1) continue;
    sources[j] = edges.sources[e] as number;
    targets[j++] = edges.targets[e] as number;
  }
  return { graph: assembleSimpleUndirected(n, sources, targets), k5Count, planarPieceCount };
}
