/**
 * @isinglab/graph benchmark: SPQR trees and the K3,3-minor test on random K3,3-free graphs (2-sums of random planar
 * pieces and K5s, `randomK33FreeGraph`) of 10^3 .. 10^6 nodes, beside biconnected components and a BFS of the same
 * graph measured in the same run (both linear-time, one DFS/BFS: the floor a linear-time decomposition is judged
 * against). Prints a table, the fitted exponent of time against edges (least squares on log–log; 1 is linear) and
 * writes bench/out/spqr-tree.json.
 * Usage: `node --expose-gc --import tsx bench/spqr-tree.bench.ts` [--sizes 1e3,1e4,1e5] [--max-piece 50]
 */
import { join } from 'node:path';
import {
  bfs,
  biconnectedComponents,
  checkK33MinorFree,
  createRng,
  randomK33FreeGraph,
  spqrTree,
  type Graph,
} from '../src/index.js';
import { benchEnvironment, formatTable, measure, powerLawExponent, writeJsonAtomic } from '../src/testing/index.js';

interface Row {
  operation: string;
  nodes: number;
  edges: number;
  components: number;
  ms: number;
  bccMs: number;
  ratioToBcc: number;
  nsPerEdge: number;
}

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = (argValue('--sizes') ?? '1e3,1e4,1e5,1e6').split(',').map(Number);
// Largest planar piece: bounded so the trees have many nodes (the default, unbounded, gives a few huge pieces).
const maxPiece = Number(argValue('--max-piece') ?? 50);
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

const env = benchEnvironment();
process.stderr.write(`spqr-tree bench on ${env.cpu} (${env.cores} cores), node ${env.node}, commit ${env.commit}\n`);

const rows: Row[] = [];
for (const n of sizes) {
  collectGarbage();
  const t0 = performance.now();
  const graph: Graph = randomK33FreeGraph(n, { rng: createRng(1), maxPieceOrder: maxPiece }).graph;
  const genMs = performance.now() - t0;
  const repeats = n >= 1e6 ? 3 : n >= 1e5 ? 7 : 21;
  const warm = { repeats, warmupMs: n >= 1e6 ? 0 : 1000, warmup: 1 };
  const bcc = measure(() => biconnectedComponents(graph), warm);
  const walk = measure(() => bfs(graph, 0), warm);
  const tree = measure(() => spqrTree(graph), warm);
  const k33 = measure(() => checkK33MinorFree(graph), warm);
  const noCert = measure(() => checkK33MinorFree(graph, { certificate: false }), warm);
  const components = spqrTree(graph).count;
  const verdict = checkK33MinorFree(graph).k33Free;
  if (!verdict) throw new Error('bench input has a K3,3 minor: the generator is broken');
  for (const [operation, ms] of [
    ['spqrTree', tree.medianMs],
    ['checkK33MinorFree', k33.medianMs],
    ['checkK33MinorFree, no certificate', noCert.medianMs],
    ['BFS (baseline)', walk.medianMs],
    ['biconnectedComponents (baseline)', bcc.medianMs],
  ] as const) {
    rows.push({
      operation,
      nodes: graph.order,
      edges: graph.size,
      components,
      ms,
      bccMs: bcc.medianMs,
      ratioToBcc: ms / bcc.medianMs,
      nsPerEdge: (ms * 1e6) / graph.size,
    });
  }
  process.stderr.write(
    `  n=${n} m=${graph.size} (${components} components, generated in ${genMs.toFixed(0)} ms): ` +
      `spqrTree ${tree.medianMs.toFixed(2)} ms, ` +
      `checkK33MinorFree ${k33.medianMs.toFixed(2)} ms, biconnectedComponents ${bcc.medianMs.toFixed(2)} ms\n`,
  );
}

/** Least-squares slope of log(ms) against log(edges): the empirical exponent. */
function exponent(operation: string): number | null {
  const r = rows.filter((row) => row.operation === operation);
  return r.length < 2 ? null : powerLawExponent(r.map((row) => row.edges), r.map((row) => row.ms));
}
const operations = [...new Set(rows.map((r) => r.operation))];
const exponents = Object.fromEntries(operations.map((op) => [op, exponent(op)]));

const table = formatTable([
  ['operation', 'nodes', 'edges', 'components', 'ms', 'ns/edge', '× biconnectedComponents'],
  ...rows.map((r) => [r.operation, r.nodes, r.edges, r.components, r.ms, r.nsPerEdge, `${r.ratioToBcc.toFixed(1)}x`]),
]);
const fitted = operations.map((op) => `${op} ${exponents[op] === null ? '-' : exponents[op]!.toFixed(2)}`).join(', ');
process.stdout.write(
  [
    `machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB; ${env.platform}; node ${env.node}; commit ${env.commit}`,
    `inputs: randomK33FreeGraph(n, { rng: createRng(1), maxPieceOrder: ${maxPiece} })`,
    table,
    `fitted exponent of time vs edges (1 = linear): ${fitted}`,
  ].join('\n') + '\n',
);
const out = join(import.meta.dirname, 'out', 'spqr-tree.json');
writeJsonAtomic(out, { environment: env, maxPieceOrder: maxPiece, rows, exponents });
process.stdout.write(`written: ${out}\n`);
