/**
 * log Z of zero-field planar Ising models with the sparse nested-dissection Pfaffian solver (composed here as
 * planar-ising.ts composes the dense one, single biconnected block), square lattices and random Delaunay graphs at
 * N = 10³, 10⁴, 10⁵ (10⁶ with --full); dense LU baseline for N ≤ 2,000 and brute-force enumeration (all 2^N states)
 * for N = 16 and 20 in the same run; fitted exponent of time vs N.
 * Fixed seeds; one warm-up at the smallest size. JSON → bench/out/exact.json.
 */
import { biconnectedComponents, checkPlanarity, createRng, randomPlanarGraph, squareLattice, type Graph } from '@isinglab/graph';
import { benchEnvironment, formatTable, powerLawExponent, writeJsonAtomic } from '@isinglab/graph/testing';
import { buildTriangulatedBlock } from '../src/internal/planar-map.js';
import { kasteleynSystem } from '../src/internal/kasteleyn.js';
import { denseLu } from '../src/internal/dense-lu.js';
import { analyseSkew, factorSkew, pairGraph } from '../src/internal/sparse-pfaffian.js';
import { nestedDissection } from '../src/internal/nested-dissection.js';
import { shortcutChordPairs } from '../src/internal/shortcut-chords.js';
import { logSumExp, stateEnergies } from './brute-force-baseline.js';

const full = process.argv.includes('--full');
const sizes = full ? [1e3, 1e4, 1e5, 1e6] : [1e3, 1e4, 1e5];
const BETA_J = 0.4;

interface Row { family: string; n: number; pairs: number; prepMs: number; orderMs: number; factorMs: number; totalMs: number; denseMs: number | null; logZ: number; denseLogZ: number | null; maxFront: number; blocksL: number }

function run(family: string, graph: Graph, withDense: boolean): Row {
  const t0 = performance.now();
  const planarity = checkPlanarity(graph);
  if (!planarity.planar) throw new Error('not planar');
  const bcc = biconnectedComponents(graph);
  if (bcc.count !== 1) throw new Error('bench expects one biconnected block');
  const nodes = bcc.blockNodes.subarray(bcc.blockOffsets[0]!, bcc.blockOffsets[1]!);
  const map = buildTriangulatedBlock(graph, planarity.embedding, bcc.edgeComponent, 0, nodes, new Int32Array(graph.order).fill(-1), new Int32Array(graph.size).fill(-1));
  const bj = new Float64Array(map.edges);
  for (let e = 0; e < map.edges; e++) if (map.globalEdge[e]! >= 0) bj[e] = BETA_J;
  const system = kasteleynSystem(map, bj);
  let sum = 0;
  for (const x of bj) sum += x;
  const t1 = performance.now();
  const pg = pairGraph(system);
  const ordering = nestedDissection(pg.order, pg.offsets, pg.targets, { orderLast: shortcutChordPairs(map, pg) });
  const symbolic = analyseSkew(system, pg, ordering);
  const t2 = performance.now();
  const factor = factorSkew(symbolic, system.values);
  const t3 = performance.now();
  const logZ = Math.LN2 - sum + system.logScale + 0.5 * factor.logAbsDet;
  let denseMs: number | null = null;
  let denseLogZ: number | null = null;
  if (withDense) {
    const d0 = performance.now();
    const size = system.size;
    const dense = new Float64Array(size * size);
    for (let t = 0; t < system.values.length; t++) {
      dense[system.rows[t]! * size + system.cols[t]!]! += system.values[t]!;
      dense[system.cols[t]! * size + system.rows[t]!]! -= system.values[t]!;
    }
    denseLogZ = Math.LN2 - sum + system.logScale + 0.5 * denseLu(dense, size).logAbsDet;
    denseMs = performance.now() - d0 + (t1 - t0);
  }
  return { family, n: graph.order, pairs: symbolic.pairs, prepMs: t1 - t0, orderMs: t2 - t1, factorMs: t3 - t2, totalMs: t3 - t0, denseMs, logZ, denseLogZ, maxFront: symbolic.maxFront, blocksL: symbolic.blocksL };
}

function fitExponent(rows: Row[]): number {
  const pts = rows.filter((r) => r.n >= 1e4);
  return powerLawExponent(pts.map((r) => r.n), pts.map((r) => r.totalMs));
}

const families: [string, (n: number) => Graph][] = [
  ['square lattice', (n) => squareLattice(Math.round(Math.sqrt(n)), Math.round(Math.sqrt(n)))],
  ['Delaunay', (n) => randomPlanarGraph(n, { rng: createRng(n) }).graph],
];
run('warm-up', squareLattice(32, 32), false);
const rows: Row[] = [];
const exponents: Record<string, number> = {};
for (const [family, make] of families) {
  const mine: Row[] = [];
  for (const n of sizes) mine.push(run(family, make(n), n <= 1000));
  if (family === 'square lattice') mine.push(run(family, squareLattice(45, 45), true)); // dense baseline at N ≈ 2,000
  exponents[family] = fitExponent(mine.filter((r) => sizes.includes(r.n) || r.n === Math.round(Math.sqrt(r.n)) ** 2));
  rows.push(...mine);
}
// brute force on the smallest graphs: all 2^N states, against the sparse solver on the same graph
interface BruteRow { family: string; n: number; bruteMs: number; sparseMs: number; difference: number }
const brute: BruteRow[] = [];
for (const [family, graph] of [
  ['square lattice', squareLattice(4, 4)],
  ['square lattice', squareLattice(4, 5)],
  ['Delaunay', randomPlanarGraph(16, { rng: createRng(16) }).graph],
  ['Delaunay', randomPlanarGraph(20, { rng: createRng(20) }).graph],
] as const) {
  const sparse = run(family, graph, false);
  const t0 = performance.now();
  const logZ = logSumExp(stateEnergies(graph, new Float64Array(graph.size).fill(BETA_J)));
  brute.push({ family, n: graph.order, bruteMs: performance.now() - t0, sparseMs: sparse.totalMs, difference: Math.abs(logZ - sparse.logZ) });
}
const env = benchEnvironment();
writeJsonAtomic(new URL('./out/exact.json', import.meta.url).pathname, { env, betaJ: BETA_J, rows, exponents, bruteForce: brute });
const table: (string | number)[][] = [['family', 'N', 'pairs', 'prep ms', 'order+symb ms', 'factor ms', 'total ms', 'dense ms', 'dense/sparse', 'max front', 'L blocks / pair', '|ΔlogZ| vs dense']];
for (const r of rows) {
  table.push([r.family, r.n, r.pairs, r.prepMs, r.orderMs, r.factorMs, r.totalMs, r.denseMs ?? '-', r.denseMs === null ? '-' : r.denseMs / r.totalMs, r.maxFront, r.blocksL / r.pairs, r.denseLogZ === null ? '-' : Math.abs(r.logZ - r.denseLogZ).toExponential(1)]);
}
const bruteTable: (string | number)[][] = [['family', 'N', 'brute force ms', 'sparse ms', 'brute / sparse', '|ΔlogZ|']];
for (const r of brute) bruteTable.push([r.family, r.n, r.bruteMs, r.sparseMs, r.bruteMs / r.sparseMs, r.difference.toExponential(1)]);
process.stdout.write(`${formatTable(bruteTable, { leftAlignedColumns: 1 })}\n\n`);
process.stdout.write(`${formatTable(table, { leftAlignedColumns: 1 })}\nfitted exponent of total time vs N (N ≥ 10⁴): ${Object.entries(exponents).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}\n${JSON.stringify(env)}\n`);
