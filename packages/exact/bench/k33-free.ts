/**
 * log Z of zero-field Ising models on random K3,3-minor-free graphs (2-sums of random planar pieces and K5s, seed 002
 * Section 7) against N = 10³ … 10⁵ (3·10⁴ with --quick), with random planar (Delaunay) graphs of the same N solved
 * by the planar path in the same run as the baseline; fitted exponent of time vs N (seed 002 Fig. 6: N^1.5).
 * Fixed seeds, one warm-up. JSON → bench/out/k33-free.json.
 */
import { checkK33MinorFree, createRng, randomK33FreeGraph, randomPlanarGraph } from '@isinglab/graph';
import { benchEnvironment, formatTable, powerLawExponent, writeJsonAtomic } from '@isinglab/graph/testing';
import { logPartition } from '../src/index.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [1e3, 3e3, 1e4, 3e4] : [1e3, 3e3, 1e4, 3e4, 1e5];

function fitExponent(points: [number, number][]): number {
  return powerLawExponent(points.map((p) => p[0]), points.map((p) => p[1]));
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

interface Row { n: number; edges: number; k5: number; planarPieces: number; components: number; decompositionMs: number; logZMs: number; planarMs: number }

const rows: Row[] = [];
logPartition(randomK33FreeGraph(300, { rng: createRng(1) }).graph, 0.3); // warm-up
for (const n of sizes) {
  const rng = createRng(n);
  const { graph, k5Count, planarPieceCount } = randomK33FreeGraph(n, { rng });
  const J = Float64Array.from({ length: graph.size }, () => 2 * rng.float64() - 1);
  let components = 0;
  const decompositionMs = time(() => {
    const r = checkK33MinorFree(graph, { certificate: false });
    if (!r.k33Free) throw new Error('generator output has a K3,3 minor');
    components = r.decomposition.tree.count;
  });
  const logZMs = time(() => logPartition(graph, J, { beta: 0.5 }));
  const planar = randomPlanarGraph(n, { rng: createRng(n + 1) }).graph;
  const Jp = Float64Array.from({ length: planar.size }, () => 2 * rng.float64() - 1);
  const planarMs = time(() => logPartition(planar, Jp, { beta: 0.5 }));
  rows.push({ n, edges: graph.size, k5: k5Count, planarPieces: planarPieceCount, components, decompositionMs, logZMs, planarMs });
  process.stdout.write(`N = ${n}: ${logZMs.toFixed(0)} ms\n`);
}
const exponent = fitExponent(rows.map((r) => [r.n, r.logZMs]));
const planarExponent = fitExponent(rows.map((r) => [r.n, r.planarMs]));
const env = benchEnvironment();
writeJsonAtomic(new URL('./out/k33-free.json', import.meta.url).pathname, { env, rows, exponent, planarExponent });
const table: (string | number)[][] = [['N', 'edges', 'K5 pieces', 'planar pieces', 'components', 'decomposition ms', 'log Z ms', 'planar N ms', 'K33-free / planar']];
for (const r of rows) table.push([r.n, r.edges, r.k5, r.planarPieces, r.components, r.decompositionMs, r.logZMs, r.planarMs, r.logZMs / r.planarMs]);
process.stdout.write(`${formatTable(table)}\nfitted exponent of log Z time vs N: K33-free ${exponent.toFixed(2)}, planar baseline ${planarExponent.toFixed(2)}\n${JSON.stringify(env)}\n`);
