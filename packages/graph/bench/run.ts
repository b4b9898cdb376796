/**
 * @isinglab/graph benchmarks: CSR build, BFS, connected and biconnected components, CoreHD and planarity at 10^4,
 * 10^5 and 10^6 edges, beside graphology (and its standard library) measured in the same run; where graphology has
 * no equivalent (biconnected components, planarity), networkx is timed instead when python3 has it.
 * Prints a table and writes bench/out/graph.json. Usage: `pnpm bench` [-- --sizes 1e4,1e5] [--no-networkx]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import { connectedComponents as graphologyConnectedComponents } from 'graphology-components';
import { bfsFromNode } from 'graphology-traversal';
import {
  bfs,
  biconnectedComponents,
  buildGraph,
  checkPlanarity,
  connectedComponents,
  coreHdFeedbackVertexSet,
  createRng,
  randomPlanarGraph,
  relabel,
  squareLattice,
  type Graph,
} from '../src/index.js';
import { benchEnvironment, formatTable, measure, writeJsonAtomic } from '../src/testing/index.js';

interface Row {
  operation: string;
  edges: number;
  nodes: number;
  isinglabMs: number;
  baseline: string;
  baselineMs: number | null;
  speedup: number | null;
  nsPerEdge: number;
}

const args = process.argv.slice(2);
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1e4, 1e5, 1e6];
const useNetworkx = !args.includes('--no-networkx') && hasNetworkx();
const rows: Row[] = [];

function hasNetworkx(): boolean {
  try {
    execFileSync('python3', ['-c', 'import networkx'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A random simple graph with exactly m edges on n = m/5 nodes (mean degree 10), as in the measurement. */
function randomSimpleGraph(m: number, seed: number): Graph {
  const rng = createRng(seed);
  const n = Math.max(10, Math.round(m / 5));
  let graph: Graph | undefined;
  let extra = Math.ceil(m * 0.01) + 10;
  while (!graph || graph.size < m) {
    const k = m + extra;
    const src = new Int32Array(k);
    const dst = new Int32Array(k);
    for (let i = 0; i < k; i++) {
      src[i] = rng.int(n);
      dst[i] = rng.int(n);
    }
    graph = buildGraph({ order: n, sources: src, targets: dst }).graph;
    extra *= 2;
  }
  // Keep the first m edges (edge ids follow input order).
  return buildGraph({ order: n, sources: graph.edgeSources.subarray(0, m), targets: graph.edgeTargets.subarray(0, m) }).graph;
}

function graphologyFrom(graph: Graph): UndirectedGraph {
  const g = new UndirectedGraph();
  for (let v = 0; v < graph.order; v++) g.addNode(v);
  for (let e = 0; e < graph.size; e++) g.addEdge(graph.edgeSources[e] as number, graph.edgeTargets[e] as number);
  return g;
}

/** Times a networkx operation on the graph in a python subprocess (algorithm time only, median of repeats). */
function networkxMs(graph: Graph, operation: 'biconnected' | 'planarity', repeats: number): number | null {
  if (!useNetworkx) return null;
  const dir = mkdtempSync(join(tmpdir(), 'isinglab-bench-'));
  try {
    const file = join(dir, 'edges.txt');
    const lines: string[] = [];
    for (let e = 0; e < graph.size; e++) lines.push(`${graph.edgeSources[e]} ${graph.edgeTargets[e]}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    const op = operation === 'biconnected' ? 'list(nx.biconnected_components(G))' : 'nx.check_planarity(G)';
    const script = `
import sys, time, statistics, networkx as nx
sys.setrecursionlimit(10**7)
G = nx.read_edgelist(sys.argv[1], nodetype=int)
G.add_nodes_from(range(${graph.order}))
ts = []
for _ in range(${repeats}):
    t = time.perf_counter(); ${op}; ts.append(time.perf_counter() - t)
print(statistics.median(ts) * 1000)
`;
    const out = execFileSync('python3', ['-c', script, file], { encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 20 });
    return Number(out.trim());
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function record(operation: string, graph: Graph, ours: number, baseline: string, baselineMs: number | null): void {
  rows.push({
    operation,
    edges: graph.size,
    nodes: graph.order,
    isinglabMs: ours,
    baseline,
    baselineMs,
    speedup: baselineMs === null ? null : baselineMs / ours,
    nsPerEdge: (ours * 1e6) / Math.max(1, graph.size),
  });
  const tail = baselineMs === null ? '' : `, ${baseline} ${baselineMs.toFixed(1)} ms (${(baselineMs / ours).toFixed(1)}x)`;
  process.stderr.write(`  ${operation} m=${graph.size}: ${ours.toFixed(2)} ms${tail}\n`);
}

const env = benchEnvironment();
process.stderr.write(`@isinglab/graph bench on ${env.cpu} (${env.cores} cores), node ${env.node}, commit ${env.commit}\n`);

const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

for (const m of sizes) {
  // isinglab first, baselines after: a live 10^6-edge graphology graph would make every later allocation pay for
  // major collections. One collection between sizes (not per measurement: a shrunken heap faults pages back in).
  collectGarbage();
  const repeats = m >= 1e6 ? 5 : m >= 1e5 ? 15 : 41; // small sizes: many short runs for a stable median
  const warm = { repeats, warmupMs: 500 };
  const graph = randomSimpleGraph(m, 1);
  const src = graph.edgeSources;
  const dst = graph.edgeTargets;
  const build = measure(() => buildGraph({ order: graph.order, sources: src, targets: dst }), warm);
  const ours = measure(() => bfs(graph, 0), warm);
  const cc = measure(() => connectedComponents(graph), warm);
  const bcc = measure(() => biconnectedComponents(graph), warm);
  const fvs = measure(() => coreHdFeedbackVertexSet(graph), warm);

  // Planarity on planar inputs (Delaunay triangulations with about m edges), embedding built. Two numberings of the
  // same graph: node ids in random point order, and in BFS order (coherent, as mesh files are). A BFS over the same
  // graph shows the memory-latency floor every algorithm pays on randomly numbered inputs.
  const randomIds = randomPlanarGraph(Math.round(m / 3) + 2, { rng: createRng(2) }).graph;
  const bfsOrder = bfs(randomIds, 0).order;
  const newIds = new Int32Array(randomIds.order);
  bfsOrder.forEach((v, i) => {
    newIds[v] = i;
  });
  const coherent = relabel(randomIds, newIds).graph;
  const lrCoherent = measure(() => checkPlanarity(coherent), warm);
  const lrRandom = measure(() => checkPlanarity(randomIds), warm);
  const bfsRandom = measure(() => bfs(randomIds, 0), warm);
  const side = Math.round(Math.sqrt(m / 2));
  const grid = squareLattice(side, side);
  const lrGrid = measure(() => checkPlanarity(grid), warm);

  // Baselines.
  const slow = { repeats: m >= 1e6 ? 1 : 3, warmup: m >= 1e6 ? 0 : 1 };
  const gBuild = measure(() => graphologyFrom(graph), slow);
  record('build CSR', graph, build.medianMs, 'graphology', gBuild.medianMs);
  const gg = graphologyFrom(graph);
  const theirs = measure(
    () => {
      let count = 0;
      bfsFromNode(gg, '0', () => {
        count++;
      });
      return count;
    },
    { repeats: m >= 1e6 ? 3 : 5 },
  );
  record('BFS', graph, ours.medianMs, 'graphology-traversal', theirs.medianMs);
  const gcc = measure(() => graphologyConnectedComponents(gg), { repeats: m >= 1e6 ? 3 : 5 });
  record('connected components', graph, cc.medianMs, 'graphology-components', gcc.medianMs);
  record('biconnected components', graph, bcc.medianMs, 'networkx', networkxMs(graph, 'biconnected', m >= 1e6 ? 1 : 3));
  record('CoreHD FVS', graph, fvs.medianMs, 'none (no graphology equivalent)', null);
  record('planarity + embedding, coherent ids', coherent, lrCoherent.medianMs, 'networkx', networkxMs(coherent, 'planarity', 1));
  record('planarity + embedding, random ids', randomIds, lrRandom.medianMs, 'none', null);
  record('BFS on the same graph, random ids', randomIds, bfsRandom.medianMs, 'none', null);
  record('planarity + embedding, square grid', grid, lrGrid.medianMs, 'none', null);
}

// Scaling claims: time per edge from the smallest to the largest size.
function perEdgeGrowth(operation: string): number | null {
  const r = rows.filter((row) => row.operation === operation);
  return r.length >= 2 ? r[r.length - 1]!.nsPerEdge / r[0]!.nsPerEdge : null;
}
const scaling = {
  planarityCoherentIds: perEdgeGrowth('planarity + embedding, coherent ids'),
  planarityRandomIds: perEdgeGrowth('planarity + embedding, random ids'),
  bfsRandomIds: perEdgeGrowth('BFS on the same graph, random ids'),
  planarityGrid: perEdgeGrowth('planarity + embedding, square grid'),
};
const growth = (x: number | null) => (x === null ? '-' : x.toFixed(2));

const table = formatTable([
  ['operation', 'edges', 'isinglab ms', 'ns/edge', 'baseline', 'baseline ms', 'speedup'],
  ...rows.map((r) => [
    r.operation,
    r.edges,
    r.isinglabMs,
    r.nsPerEdge,
    r.baseline,
    r.baselineMs === null ? '-' : r.baselineMs,
    r.speedup === null ? '-' : `${r.speedup.toFixed(1)}x`,
  ]),
]);
const summary = [
  `machine: ${env.cpu}, ${env.cores} cores, ${env.memoryGiB} GiB; ${env.platform}; node ${env.node}; commit ${env.commit}`,
  table,
  `time per edge, largest / smallest size: planarity ${growth(scaling.planarityCoherentIds)} with coherent ids (goal <= 2), ` +
    `${growth(scaling.planarityRandomIds)} with random ids, ${growth(scaling.planarityGrid)} on square grids; BFS with random ids ${growth(scaling.bfsRandomIds)} (memory-latency floor)`,
].join('\n');
process.stdout.write(`${summary}\n`);
const out = join(import.meta.dirname, 'out', 'graph.json');
writeJsonAtomic(out, { environment: env, rows, planarityScaling: scaling });
process.stdout.write(`written: ${out}\n`);
