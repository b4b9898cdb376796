/**
 * @isinglab/gnn benchmark (`pnpm --filter @isinglab/gnn bench`): forward + backward time of one GCN layer
 * (64 → 64 features, loss Σ out, gradients for the kernel and the input) on G(n, m) graphs with m = 10³ … 10⁶
 * edges (average degree 10), three ways in the same run:
 *   spmm      — GCNConv's computation Â(XW) with this package's spmm (typed-array kernels, custom gradient);
 *   dense     — Â as a dense n × n tensor and matMul (only where n² floats fit: n ≤ 2,000);
 *   segment   — tfjs' gather + unsortedSegmentSum (cpu backend only, smallest size: O(segments × edges) there,
 *               and the wasm backend has no UnsortedSegmentSum kernel at all).
 * On the cpu and wasm backends. Prints a table of ratios against spmm.
 * Second part: forward + backward of one dense product (the layers' X·W, and IBG-NN's Uᵀ·H with transposeA) with
 * tf.matMul against this package's matMul, whose backward pass uses no transposed product (tfjs-backend-wasm runs
 * those 10–17× slower); the ratio tf.matMul / matMul is the claim (> 1 on wasm, ≈ 1 on cpu).
 * Writes bench/out/gnn.json. Options: --quick (sizes up to 10⁵).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { createRng, erdosRenyiGnm } from '@isinglab/graph';
import { benchEnvironment, formatTable, writeJsonAtomic } from '@isinglab/graph/testing';
import { gcnAdjacency, matMul, spmm, useBackend, type BackendName, type SparseAdjacency } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, 'out');
const quick = process.argv.includes('--quick');
const FEATURES = 64;
tf.env().set('PROD', true); // no "install tfjs-node" banner

interface Row {
  backend: BackendName;
  edges: number;
  nodes: number;
  spmmMs: number;
  denseMs: number | null;
  segmentMs: number | null;
}

/** Best wall time of `repeats` runs after one warm-up; `fn` must dispose what it creates. */
function time(fn: () => void, repeats: number): number {
  fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function forwardBackward(layerOut: (x: tf.Tensor2D, kernel: tf.Tensor2D) => tf.Tensor, x: tf.Tensor2D, kernel: tf.Tensor2D): void {
  tf.tidy(() => {
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => layerOut(a as tf.Tensor2D, b as tf.Tensor2D).sum())([x, kernel]);
    // force the computation (the cpu and wasm backends are synchronous, but be explicit)
    for (const g of grads) g.dataSync();
  });
}

function benchSize(backend: BackendName, edges: number): Row {
  const nodes = edges / 5;
  const graph = erdosRenyiGnm(nodes, edges, { rng: createRng(edges) });
  const adjacency = gcnAdjacency(graph);
  const repeats = edges >= 1e6 ? 2 : 4;
  const x = tf.randomNormal([nodes, FEATURES], 0, 1, 'float32', 1) as tf.Tensor2D;
  const kernel = tf.randomNormal([FEATURES, FEATURES], 0, 0.1, 'float32', 2) as tf.Tensor2D;
  // exactly GCNConv's computation without bias: Â (X W)
  const spmmMs = time(() => forwardBackward((a, k) => spmm(adjacency, matMul(a, k)), x, kernel), repeats);
  let denseMs: number | null = null;
  if (nodes <= 2000) {
    const denseA = tf.tensor2d(denseOf(adjacency), [nodes, nodes]);
    denseMs = time(() => forwardBackward((a, k) => matMul(denseA, matMul(a, k), false, false, 'a'), x, kernel), repeats);
    denseA.dispose();
  }
  let segmentMs: number | null = null;
  if (backend === 'cpu' && edges <= 1000) {
    const receivers = tf.tensor1d(rowsOf(adjacency), 'int32');
    const senders = tf.tensor1d(adjacency.colIndices, 'int32');
    const values = tf.tensor2d(adjacency.values, [adjacency.nnz, 1]);
    segmentMs = time(
      () => forwardBackward((a, k) => tf.unsortedSegmentSum(tf.mul(tf.gather(tf.matMul(a, k), senders), values), receivers, nodes), x, kernel),
      1,
    );
    tf.dispose([receivers, senders, values]);
  }
  tf.dispose([x, kernel]);
  return { backend, edges, nodes, spmmMs, denseMs, segmentMs };
}

interface ProductRow {
  backend: BackendName;
  product: string;
  tfMatMulMs: number;
  matMulMs: number;
}

/** Forward + backward (gradients for both factors) of op(a)·op(b), with tf.matMul and with matMul. */
function benchProduct(backend: BackendName, label: string, aShape: [number, number], bShape: [number, number], transposeA: boolean): ProductRow {
  const a = tf.randomNormal(aShape, 0, 1, 'float32', 3) as tf.Tensor2D;
  const b = tf.randomNormal(bShape, 0, 1, 'float32', 4) as tf.Tensor2D;
  const tfMatMulMs = time(() => forwardBackward((x, y) => tf.matMul(x, y, transposeA), a, b), 4);
  const matMulMs = time(() => forwardBackward((x, y) => matMul(x, y, transposeA), a, b), 4);
  tf.dispose([a, b]);
  return { backend, product: label, tfMatMulMs, matMulMs };
}

function denseOf(a: SparseAdjacency): Float32Array {
  const d = new Float32Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let e = a.rowOffsets[i]!; e < a.rowOffsets[i + 1]!; e++) d[i * a.cols + a.colIndices[e]!]! += a.values[e]!;
  return d;
}

function rowsOf(a: SparseAdjacency): Int32Array {
  const rows = new Int32Array(a.nnz);
  for (let i = 0; i < a.rows; i++) rows.fill(i, a.rowOffsets[i]!, a.rowOffsets[i + 1]!);
  return rows;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const env = benchEnvironment();
  const sizes = quick ? [1e3, 1e4, 1e5] : [1e3, 1e4, 1e5, 1e6];
  const rows: Row[] = [];
  const products: ProductRow[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    await useBackend({ prefer: [backend] });
    for (const edges of sizes) {
      const row = benchSize(backend, edges);
      rows.push(row);
      process.stderr.write(`bench: ${backend} ${edges} edges done\n`);
    }
    // Chameleon-sized (2,277 nodes) and larger layers of width 128; K = 250 communities for Uᵀ·H
    for (const n of quick ? [2277, 20_000] : [2277, 20_000, 100_000]) {
      products.push(benchProduct(backend, `X·W, X ${n}×128, W 128×128`, [n, 128], [128, 128], false));
      products.push(benchProduct(backend, `Uᵀ·H, U ${n}×250, H ${n}×128`, [n, 250], [n, 128], true));
    }
    process.stderr.write(`bench: ${backend} dense products done\n`);
  }
  writeJsonAtomic(join(outDir, 'gnn.json'), { environment: env, features: FEATURES, rows, products });
  const fmt = (v: number | null) => (v === null ? 'n/a' : v);
  const ratio = (v: number | null, base: number) => (v === null ? 'n/a' : `${(v / base).toFixed(1)}x`);
  console.log(`@isinglab/gnn bench — ${env.cpu}, ${env.cores} cores, Node ${env.node}, commit ${env.commit}`);
  console.log(`\nGCN layer forward + backward, ${FEATURES} → ${FEATURES} features, G(n, m) with average degree 10 (best wall time, ms)`);
  console.log(
    formatTable([
      ['backend', 'edges', 'nodes', 'spmm ms', 'dense ms', 'segment ms', 'dense / spmm', 'segment / spmm'],
      ...rows.map((r) => [r.backend, r.edges, r.nodes, r.spmmMs, fmt(r.denseMs), fmt(r.segmentMs), ratio(r.denseMs, r.spmmMs), ratio(r.segmentMs, r.spmmMs)]),
    ]),
  );
  console.log('\nDense product forward + backward (gradients for both factors), best wall time (ms)');
  console.log(
    formatTable([
      ['backend', 'product', 'tf.matMul ms', 'matMul ms', 'tf.matMul / matMul'],
      ...products.map((r) => [r.backend, r.product, r.tfMatMulMs, r.matMulMs, `${(r.tfMatMulMs / r.matMulMs).toFixed(1)}x`]),
    ]),
  );
  console.log(`\nwrote ${join(outDir, 'gnn.json')}`);
}

await main();
