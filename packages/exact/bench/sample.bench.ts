/**
 * Exact sampling time (sampleExact, the separator sampler of internal/separator-sampler.ts) on square lattices and
 * random Delaunay graphs at N = 10³, 10⁴, 10⁵ (10⁶ with --full; about an hour on 2 cores), mixed couplings
 * βJ ∈ [−0.4, 0.6]: the one-off preparation (planarity, blocks, the top separator level) and the mean time of the
 * samples after the first (10 at N ≤ 2·10³, 3 at N ≤ 2·10⁴, else 1; at N ≥ 5·10⁵ the first sample itself, since one
 * takes tens of minutes); fitted exponent of the per-sample time against N (N ≥ 10⁴; goal ≤ 1.6).
 * In the same run, the baselines: brute force at N = 16 and 20 (all 2^N states enumerated once, then one binary
 * search of their cumulative weights per sample), and the dense matching sampler (O(n³) per sample, n ≈ 6N) at
 * N = 64 and 144 (at 200 nodes its single long chain of Schur updates already loses the 1e-7 accuracy it checks).
 * Fixed seeds. JSON → bench/out/sample.json.
 */
import { createRng, randomPlanarGraph, squareLattice, type Graph } from '@isinglab/graph';
import { benchEnvironment, formatTable, powerLawExponent, writeJsonAtomic } from '@isinglab/graph/testing';
import { sampleExactTuned } from '../src/planar/sample-exact.js';
import { DENSE_PIECE_VERTICES } from '../src/internal/separator-sampler.js';
import { cumulativeWeights, drawFromCumulative, stateEnergies } from './brute-force-baseline.js';

const full = process.argv.includes('--full');
const quick = process.argv.includes('--quick');
const sizes = full ? [1e3, 1e4, 1e5, 1e6] : quick ? [1e3, 1e4] : [1e3, 1e4, 1e5];
const separatorPath = { denseBlockNodes: 16, densePieceVertices: DENSE_PIECE_VERTICES };
const densePath = { denseBlockNodes: Number.MAX_SAFE_INTEGER, densePieceVertices: DENSE_PIECE_VERTICES };
type Tuning = typeof separatorPath;

interface Row {
  family: string;
  n: number;
  sampler: 'separator' | 'dense' | 'brute force';
  prepareMs: number | null;
  perSampleMs: number | null;
  samples: number;
  error?: string;
}

function couplings(graph: Graph): Float64Array {
  const rng = createRng(graph.order);
  return Float64Array.from({ length: graph.size }, () => rng.float64() - 0.4);
}

/** Preparation time and the mean time of the samples after the first (the first also warms caches). */
function time(graph: Graph, J: Float64Array, samples: number, tuning: Tuning): { prepareMs: number; perSampleMs: number } {
  const stamps: number[] = [];
  const t0 = performance.now();
  sampleExactTuned(graph, J, { beta: 1, samples, rng: createRng(7) }, { ...tuning, onStep: () => stamps.push(performance.now()) });
  const prepareMs = stamps[0]! - t0;
  const later = samples > 1 ? (stamps[samples]! - stamps[1]!) / (samples - 1) : stamps[1]! - stamps[0]!;
  return { prepareMs, perSampleMs: later };
}

function run(family: string, graph: Graph, sampler: Row['sampler']): Row {
  const tuning = sampler === 'dense' ? densePath : separatorPath;
  const J = couplings(graph);
  const samples = graph.order <= 2e3 ? 11 : graph.order <= 2e4 ? 4 : graph.order < 5e5 ? 2 : 1;
  try {
    const { prepareMs, perSampleMs } = time(graph, J, samples, tuning);
    process.stderr.write(`  ${family} N=${graph.order} ${sampler}: prepare ${prepareMs.toFixed(0)} ms, ${perSampleMs.toFixed(1)} ms per sample\n`);
    return { family, n: graph.order, sampler, prepareMs, perSampleMs, samples: samples > 1 ? samples - 1 : 1 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`  ${family} N=${graph.order} ${sampler}: failed: ${message}\n`);
    return { family, n: graph.order, sampler, prepareMs: null, perSampleMs: null, samples: 0, error: message };
  }
}

/** Brute force: enumeration and cumulative weights (the preparation), then 1,000 draws decoded into spins. */
function runBrute(family: string, graph: Graph): Row {
  const J = couplings(graph);
  const t0 = performance.now();
  const cdf = cumulativeWeights(stateEnergies(graph, J));
  const t1 = performance.now();
  const rng = createRng(7);
  const spins = new Int8Array(graph.order);
  const draws = 1000;
  for (let k = 0; k < draws; k++) {
    const state = drawFromCumulative(rng, cdf);
    for (let i = 0; i < graph.order; i++) spins[i] = (state >> i) & 1 ? 1 : -1;
  }
  const perSampleMs = (performance.now() - t1) / draws;
  process.stderr.write(`  ${family} N=${graph.order} brute force: prepare ${(t1 - t0).toFixed(0)} ms, ${perSampleMs.toFixed(4)} ms per sample\n`);
  return { family, n: graph.order, sampler: 'brute force', prepareMs: t1 - t0, perSampleMs, samples: draws };
}

function fitExponent(rows: Row[]): number {
  const pts = rows.filter((r) => r.n >= 1e4 && r.perSampleMs !== null);
  return powerLawExponent(pts.map((r) => r.n), pts.map((r) => r.perSampleMs as number));
}

const env = benchEnvironment();
const families: [string, (n: number) => Graph][] = [
  ['square lattice', (n) => squareLattice(Math.round(Math.sqrt(n)), Math.round(Math.sqrt(n)))],
  ['Delaunay', (n) => randomPlanarGraph(n, { rng: createRng(n) }).graph],
];
const rows: Row[] = [];
const exponents: Record<string, number> = {};
// warm-up (JIT)
time(squareLattice(20, 20), couplings(squareLattice(20, 20)), 3, separatorPath);
const smallest: Record<string, Graph[]> = {
  'square lattice': [squareLattice(4, 4), squareLattice(4, 5)],
  Delaunay: [randomPlanarGraph(16, { rng: createRng(16) }).graph, randomPlanarGraph(20, { rng: createRng(20) }).graph],
};
for (const [family, make] of families) {
  for (const graph of smallest[family]!) rows.push(runBrute(family, graph), run(family, graph, 'separator'));
  for (const n of [64, 144]) {
    const graph = make(n);
    rows.push(run(family, graph, 'dense'), run(family, graph, 'separator'));
  }
  const mine: Row[] = [];
  for (const n of sizes) mine.push(run(family, make(n), 'separator'));
  rows.push(...mine);
  exponents[family] = fitExponent(mine);
}
writeJsonAtomic(new URL('./out/sample.json', import.meta.url).pathname, { env, rows, exponents });
const table = [
  ['family', 'N', 'sampler', 'prepare ms', 'ms / sample', 'samples timed'],
  ...rows.map((r) => [r.family, r.n, r.sampler, r.prepareMs ?? 'failed', r.perSampleMs === null ? 'failed' : r.perSampleMs < 0.1 ? r.perSampleMs.toExponential(2) : r.perSampleMs, r.samples]),
];
process.stdout.write(
  `${formatTable(table, { leftAlignedColumns: 2 })}\nfitted exponent of time per sample vs N (N ≥ 10⁴; goal ≤ 1.6): ${Object.entries(exponents)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ')}\n${JSON.stringify(env)}\n`,
);
