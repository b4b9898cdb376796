/**
 * Nearest-point queries on the Stanford bunny (69451 triangles, normalised to unit diagonal): BVH (SAH and median
 * splits) against brute force over all triangles, per query, measured in the same run (brute force on the first 100
 * of the same query points, checked equal to the BVH answers), plus the full
 * Eq. 23 vertex-to-mesh distance (34834 vertices against a quadric-simplified half) and the BVH build.
 * Also prints the Eq. 23 quality table behind the tests' claim: spot and bunny at 50% of the vertices, random vertex
 * deletion (coarsenByKeptVertices, 3 seeds) against quadricEdgeCollapse (optimal and endpoint placement).
 * Prints the tables and writes bench/out/mesh-distance.json. Usage: `npx tsx bench/mesh-distance.bench.ts [--queries N]`
 * (run from packages/graph; needs the shared data folder).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseObj } from '../src/io/index.js';
import {
  buildTriangleBvh,
  coarsenByKeptVertices,
  normalizeMesh,
  pointToMeshDistances,
  quadricEdgeCollapse,
  vertexToMeshDistance,
} from '../src/mesh/index.js';
import type { TriangleMesh } from '../src/mesh/triangle-mesh.js';
import { closestPointOnTriangleKernel } from '../src/mesh/point-triangle-distance.js';
import { createRng } from '../src/random/rng.js';
import { benchEnvironment, findDataDir, formatTable, measure, writeJsonAtomic } from '../src/testing/index.js';

const args = process.argv.slice(2);
// BVH timings use all the query points; brute force (about 10^4 times slower per query) the first `bruteQueries`.
const queries = args.includes('--queries') ? Number(args[args.indexOf('--queries') + 1]) : 5000;
const bruteQueries = Math.min(queries, 100);

const dir = findDataDir();
if (dir === undefined) throw new Error('mesh-distance.bench: shared data folder not found (set ISINGLAB_DATA)');
const mesh = normalizeMesh(parseObj(readFileSync(join(dir, 'meshes', 'stanford-bunny.obj'), 'utf8')).mesh);

// Query points: random vertices moved by ~1% of the diagonal (the Eq. 23 regime: points near the surface).
const rng = createRng(1);
const points = new Float64Array(3 * queries);
for (let i = 0; i < queries; i++) {
  const v = rng.int(mesh.vertexCount);
  for (let d = 0; d < 3; d++) points[3 * i + d] = mesh.positions[3 * v + d]! + 0.01 * rng.normal();
}

/** Baseline: every triangle for every point (the same exact kernel the BVH calls in its leaves). */
function bruteForce(m: TriangleMesh, pts: Float64Array): Float64Array {
  const tri = new Float64Array(9 * m.faceCount);
  for (let f = 0; f < m.faceCount; f++) {
    for (let k = 0; k < 3; k++) for (let d = 0; d < 3; d++) tri[9 * f + 3 * k + d] = m.positions[3 * m.faces[3 * f + k]! + d]!;
  }
  const out = new Float64Array(6);
  const res = new Float64Array(pts.length / 3);
  for (let i = 0; i < res.length; i++) {
    let best = Infinity;
    for (let f = 0; f < m.faceCount; f++) {
      const d = closestPointOnTriangleKernel(pts[3 * i]!, pts[3 * i + 1]!, pts[3 * i + 2]!, tri, 9 * f, out);
      if (d < best) best = d;
    }
    res[i] = best;
  }
  return res;
}

const env = benchEnvironment();
const bvhSah = buildTriangleBvh(mesh);
const bvhMedian = buildTriangleBvh(mesh, { split: 'median' });
const brutePoints = points.subarray(0, 3 * bruteQueries);
const reference = bruteForce(mesh, brutePoints);
for (const bvh of [bvhSah, bvhMedian]) {
  const got = pointToMeshDistances(brutePoints, bvh).squaredDistances;
  for (let i = 0; i < bruteQueries; i++) if (got[i] !== reference[i]) throw new Error(`BVH and brute force differ at query ${i}`);
}

const opts = { warmup: 1, repeats: 9, budgetMs: 20000 };
const brute = measure(() => bruteForce(mesh, brutePoints), { warmup: 1, repeats: 3, budgetMs: 60000 });
const sah = measure(() => pointToMeshDistances(points, bvhSah), { ...opts, warmupMs: 200 });
const median = measure(() => pointToMeshDistances(points, bvhMedian), { ...opts, warmupMs: 200 });
const buildSah = measure(() => buildTriangleBvh(mesh), opts);
const buildMedian = measure(() => buildTriangleBvh(mesh, { split: 'median' }), opts);
const coarse = quadricEdgeCollapse(mesh, Math.round(mesh.vertexCount / 2)).mesh;
const eq23 = measure(() => vertexToMeshDistance(mesh, coarse), opts);

const bruteUs = (1000 * brute.medianMs) / bruteQueries;
const perQuery = (ms: number) => (1000 * ms) / queries;
const rows = [
  { operation: `brute force, ${bruteQueries} queries`, ms: brute.medianMs, usPerQuery: bruteUs, speedup: 1 },
  { operation: `BVH (sah), ${queries} queries`, ms: sah.medianMs, usPerQuery: perQuery(sah.medianMs), speedup: bruteUs / perQuery(sah.medianMs) },
  { operation: `BVH (median), ${queries} queries`, ms: median.medianMs, usPerQuery: perQuery(median.medianMs), speedup: bruteUs / perQuery(median.medianMs) },
  { operation: 'build BVH (sah)', ms: buildSah.medianMs, usPerQuery: null, speedup: null },
  { operation: 'build BVH (median)', ms: buildMedian.medianMs, usPerQuery: null, speedup: null },
  {
    operation: `Eq. 23: ${mesh.vertexCount} vertices vs ${coarse.faceCount} faces (build + queries)`,
    ms: eq23.medianMs,
    usPerQuery: (1000 * eq23.medianMs) / mesh.vertexCount,
    speedup: null,
  },
];
const table = formatTable([
  ['operation', 'median ms', 'us/query', 'speedup per query vs brute force'],
  ...rows.map((r) => [r.operation, r.ms, r.usPerQuery === null ? '-' : r.usPerQuery, r.speedup === null ? '-' : `${r.speedup.toFixed(0)}x`]),
]);
process.stdout.write(
  `machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB; ${env.platform}; node ${env.node}; commit ${env.commit}\n` +
    `stanford-bunny: ${mesh.vertexCount} vertices, ${mesh.faceCount} faces; BVH depth ${bvhSah.depth} (sah), ${bvhMedian.depth} (median)\n` +
    `${table}\n`,
);
// Quality: Eq. 23 (sum and per-vertex mean) at half the vertices.
const quality: { mesh: string; method: string; vertices: number; sum: number; mean: number }[] = [];
for (const file of ['spot.obj', 'stanford-bunny.obj']) {
  const m = normalizeMesh(parseObj(readFileSync(join(dir, 'meshes', file), 'utf8')).mesh);
  const target = Math.round(m.vertexCount / 2);
  const add = (method: string, coarseMesh: TriangleMesh) => {
    const d = vertexToMeshDistance(m, coarseMesh);
    quality.push({ mesh: file, method, vertices: coarseMesh.vertexCount, sum: d.sum, mean: d.mean });
  };
  for (const seed of [1, 2, 3]) {
    const r = createRng(seed);
    const perm = Int32Array.from({ length: m.vertexCount }, (_, i) => i);
    for (let i = 0; i < target; i++) {
      const j = i + r.int(m.vertexCount - i);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const mask = new Uint8Array(m.vertexCount);
    for (let i = 0; i < target; i++) mask[perm[i]!] = 1;
    add(`random deletion (seed ${seed})`, coarsenByKeptVertices(m, mask).mesh);
  }
  add('quadric (optimal)', quadricEdgeCollapse(m, target).mesh);
  add('quadric (endpoints)', quadricEdgeCollapse(m, target, { placement: 'endpoints' }).mesh);
}
process.stdout.write(
  `${formatTable([
    ['mesh (unit diagonal)', 'method', 'vertices', 'Eq. 23 sum', 'mean per vertex'],
    ...quality.map((q) => [q.mesh, q.method, q.vertices, q.sum.toExponential(3), q.mean.toExponential(3)]),
  ], { leftAlignedColumns: 2 })}\n`,
);
const out = join(import.meta.dirname, 'out', 'mesh-distance.json');
writeJsonAtomic(out, { environment: env, queries, rows, quality });
process.stdout.write(`written: ${out}\n`);
