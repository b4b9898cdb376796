import type { Graph } from '../core/graph.js';
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions } from '../errors/validate.js';
import { checkRng, type Rng } from '../random/rng.js';
import { MAX_UNDIRECTED_SIZE, assembleSimpleUndirected } from './internal/assemble.js';

export interface RandomApollonianNetworkOptions {
  /** Random source (required: there is no default generator). Create one with `createRng(seed)`. */
  rng: Rng;
}

export interface RandomApollonianNetworkResult {
  /** A maximal planar graph: n nodes, 3n − 6 edges. */
  graph: Graph;
  /** The 2n − 5 inner faces, 3 node ids each; the outer face is 0, 1, 2. */
  triangles: Int32Array;
}

/**
 * A random Apollonian network (T. Zhou, G. Yan, B.-H. Wang, "Maximal planar networks with large clustering
 * coefficient and power-law degree distribution", Phys. Rev. E 71, 046141, 2005): start from the triangle 0, 1, 2;
 * node k = 3..n−1 goes into an inner face chosen uniformly at random and is joined to its three corners, splitting it
 * into three. The result is a maximal planar graph (a planar 3-tree) with 3n − 6 edges. Edge ids: 0–1, 0–2, 1–2, then
 * the three edges of each new node in insertion order. Requires n ≥ 3. O(n).
 */
export function randomApollonianNetwork(n: number, options: RandomApollonianNetworkOptions): RandomApollonianNetworkResult {
  const site = { pkg: 'graph', fn: 'randomApollonianNetwork' };
  const opts = checkOptions<RandomApollonianNetworkOptions>(site, options, ['rng']);
  const maxN = Math.floor(MAX_UNDIRECTED_SIZE / 3);
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 3 && n <= maxN)) {
    throw new InvalidArgumentError({ ...site, argument: 'n', value: n, rule: `an integer in [3, ${maxN}]` });
  }
  const rng = checkRng(site, opts.rng);
  const size = 3 * n - 6;
  const sources = new Int32Array(size);
  const targets = new Int32Array(size);
  sources[0] = 0;
  targets[0] = 1;
  sources[1] = 0;
  targets[1] = 2;
  sources[2] = 1;
  targets[2] = 2;
  const faces = new Int32Array(3 * (2 * n - 5));
  faces[0] = 0;
  faces[1] = 1;
  faces[2] = 2;
  let faceCount = 1;
  let e = 3;
  for (let k = 3; k < n; k++) {
    const f = rng.int(faceCount);
    const a = faces[3 * f] as number;
    const b = faces[3 * f + 1] as number;
    const c = faces[3 * f + 2] as number;
    faces[3 * f + 2] = k; // (a, b, k)
    faces[3 * faceCount] = b;
    faces[3 * faceCount + 1] = c;
    faces[3 * faceCount + 2] = k;
    faces[3 * faceCount + 3] = c;
    faces[3 * faceCount + 4] = a;
    faces[3 * faceCount + 5] = k;
    faceCount += 2;
    sources[e] = a; // a, b, c < k
    targets[e++] = k;
    sources[e] = b;
    targets[e++] = k;
    sources[e] = c;
    targets[e++] = k;
  }
  return { graph: assembleSimpleUndirected(n, sources, targets), triangles: faces };
}
