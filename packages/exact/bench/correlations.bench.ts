/**
 * Edge correlations (edgeCorrelations: sparse factorisation + selected inversion, two gauges) against log Z
 * (logPartition: the same factorisation without the inverse, two gauges) through the public API, on square lattices
 * and random Delaunay graphs at N = 10³, 10⁴, 10⁵; mixed couplings βJ ∈ [−0.4, 0.6]. Prints the time ratio and the
 * fitted exponent of the correlation time against N (N ≥ 10⁴). Fixed seeds. JSON → bench/out/correlations.json.
 */
import { createRng, randomPlanarGraph, squareLattice, type Graph } from '@isinglab/graph';
import { benchEnvironment, formatTable, powerLawExponent, writeJsonAtomic } from '@isinglab/graph/testing';
import { edgeCorrelations, logPartition } from '../src/index.js';

const sizes = process.argv.includes('--quick') ? [1e3, 1e4] : [1e3, 1e4, 1e5];

interface Row {
  family: string;
  n: number;
  logZMs: number;
  correlationsMs: number;
}

function couplings(graph: Graph): Float64Array {
  const rng = createRng(graph.order);
  return Float64Array.from({ length: graph.size }, () => rng.float64() - 0.4);
}

function run(family: string, graph: Graph): Row {
  const J = couplings(graph);
  const t0 = performance.now();
  logPartition(graph, J);
  const t1 = performance.now();
  edgeCorrelations(graph, J);
  const t2 = performance.now();
  process.stderr.write(`  ${family} N=${graph.order}: log Z ${(t1 - t0).toFixed(0)} ms, correlations ${(t2 - t1).toFixed(0)} ms\n`);
  return { family, n: graph.order, logZMs: t1 - t0, correlationsMs: t2 - t1 };
}

const env = benchEnvironment();
const families: [string, (n: number) => Graph][] = [
  ['square lattice', (n) => squareLattice(Math.round(Math.sqrt(n)), Math.round(Math.sqrt(n)))],
  ['Delaunay', (n) => randomPlanarGraph(n, { rng: createRng(n) }).graph],
];
run('warm-up', squareLattice(20, 20));
const rows: Row[] = [];
const exponents: Record<string, number> = {};
for (const [family, make] of families) {
  const mine = sizes.map((n) => run(family, make(n)));
  rows.push(...mine);
  const fitted = mine.filter((r) => r.n >= 1e4);
  exponents[family] = powerLawExponent(fitted.map((r) => r.n), fitted.map((r) => r.correlationsMs));
}
writeJsonAtomic(new URL('./out/correlations.json', import.meta.url).pathname, { env, rows, exponents });
const table = [['family', 'N', 'log Z ms', 'correlations ms', 'correlations / log Z'], ...rows.map((r) => [r.family, r.n, r.logZMs, r.correlationsMs, r.correlationsMs / r.logZMs])];
process.stdout.write(
  `${formatTable(table, { leftAlignedColumns: 1 })}\nfitted exponent of correlation time vs N (N ≥ 10⁴): ${Object.entries(exponents)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}\n${JSON.stringify(env)}\n`,
);
