/**
 * Independent exact samples of a zero-field Ising model on a planar graph (seed 002, Sec. 4.2): per biconnected
 * block, a perfect matching of the expanded dual is drawn exactly, its intercity edges are the agreeing edges, and
 * the spins follow along a spanning tree up to a global flip drawn uniformly. Blocks are glued at articulation
 * points by flipping each block to agree with the spin already drawn there, which is exact because every block's
 * distribution is flip-symmetric (seed 002, Lemma 3).
 *
 * Small blocks (up to DENSE_SAMPLING_BLOCK_NODES nodes) sample matchings densely from an inverse computed once:
 * O(n²) per matching step, n ≈ 6 × block nodes. Larger blocks use the separator sampler
 * (internal/separator-sampler.ts, Wilson 1997): O(N^1.5) per sample.
 */
import { ConvergenceError, InvalidArgumentError, UnsupportedGraphError, biconnectedComponents, checkOptions, checkRng, type Graph, type Rng } from '@isinglab/graph';
import { blockCouplings, bridgeEdge, buildTriangulatedBlock, type PlanarMap } from '../internal/planar-map.js';
import { denseKasteleyn, kasteleynSystem } from '../internal/kasteleyn.js';
import { denseInverse, denseLu } from '../internal/dense-lu.js';
import { gaugedCouplings, treeGauge } from '../internal/gauge.js';
import { prepareIsingInput, type Couplings } from '../internal/planar-input.js';
import { k33FreeDecomposition, k33FreeSamples } from '../k33-free/k33-free-ising.js';
import { samplePerfectMatching, type DenseSkew } from '../internal/pm-sampler.js';
import { DENSE_PIECE_VERTICES, SeparatorMatchingSampler } from '../internal/separator-sampler.js';

export interface SampleExactOptions {
  /** Number of independent configurations. */
  samples: number;
  /** Random source (required). */
  rng: Rng;
  /** Inverse temperature β ≥ 0. @default 1 */
  beta?: number;
  /** Must be zero (see logPartition). @default 0 */
  fields?: number | ArrayLike<number>;
}

/**
 * Blocks up to this many nodes are sampled densely from an inverse prepared once (cost per sample ~ (6·nodes)³/2);
 * larger ones by separators (bench/sample.bench.ts: at 64 nodes the separator sampler is already ~12× faster).
 */
const DENSE_SAMPLING_BLOCK_NODES = 16;

/** Largest deviation from 1 of a sampling step's probability sum before the sampler refuses to go on. */
const PROBABILITY_TOLERANCE = 1e-7;

/**
 * `samples` independent exact configurations, row-major in an Int8Array of samples × N (±1).
 * @throws UnsupportedGraphError (non-planar, fields), InvalidArgumentError, ConvergenceError
 *   (the dense inverse lost the accuracy sampling needs: strongly frustrated couplings).
 * @example sampleExact(squareLattice(4, 4), 1, { beta: 0.4, samples: 1000, rng: createRng(1) })
 */
export function sampleExact(graph: Graph, couplings: Couplings, options: SampleExactOptions): Int8Array {
  return sampleExactTuned(graph, couplings, options, DEFAULT_TUNING);
}

/** Where the dense and separator samplers take over (internal; tests force the separator path on small graphs). */
export interface SamplingTuning {
  /** Blocks with more nodes use the separator sampler. */
  denseBlockNodes: number;
  /** The separator sampler's pieces of at most this many expanded-dual vertices are sampled densely. */
  densePieceVertices: number;
  /** Overrides the share of √pairs that outer-face chords may add to the top separator (shortcut-chords.ts). */
  shortcutBudget?: number;
  /** Called once the blocks are prepared, then after every sample (bench timings). */
  onStep?: (step: 'prepared' | 'sample') => void;
}

const DEFAULT_TUNING: SamplingTuning = Object.freeze({ denseBlockNodes: DENSE_SAMPLING_BLOCK_NODES, densePieceVertices: DENSE_PIECE_VERTICES });

/** `sampleExact` with explicit thresholds (not exported from the package). */
export function sampleExactTuned(graph: Graph, couplings: Couplings, options: SampleExactOptions, tuning: SamplingTuning): Int8Array {
  const site = { pkg: 'exact', fn: 'sampleExact' };
  if (options === undefined) {
    throw new InvalidArgumentError({ ...site, argument: 'options', value: options, rule: 'an object { samples, rng, beta? }' });
  }
  const opts = checkOptions<SampleExactOptions>(site, options, ['samples', 'rng', 'beta', 'fields']);
  const samples = opts.samples;
  if (!Number.isInteger(samples) || (samples as number) < 0) {
    throw new InvalidArgumentError({ ...site, argument: 'options.samples', value: samples, rule: 'an integer ≥ 0' });
  }
  const rng = checkRng(site, opts.rng, 'options.rng');
  const { betaJ, embedding } = prepareIsingInput(site, graph, couplings, opts);
  if (embedding === null) return k33FreeSamples(graph, betaJ, k33FreeDecomposition(site, graph), samples as number, rng);
  const n = graph.order;
  const out = new Int8Array((samples as number) * n);
  const bcc = biconnectedComponents(graph);
  const nodeLocal = new Int32Array(n).fill(-1);
  const edgeLocal = new Int32Array(graph.size).fill(-1);
  // one sampler per block, prepared once
  const blocks: BlockSampler[] = [];
  for (let b = 0; b < bcc.count; b++) {
    const nodes = bcc.blockNodes.subarray(bcc.blockOffsets[b] as number, bcc.blockOffsets[b + 1] as number);
    if (nodes.length === 2) {
      const bridgeBetaJ = betaJ[bridgeEdge(graph, bcc.edgeComponent, b, nodes[0] as number)] as number;
      blocks.push({ nodes, bridge: (1 + Math.tanh(bridgeBetaJ)) / 2, system: null, separator: null, map: null, sign: null });
      continue;
    }
    const map = buildTriangulatedBlock(graph, embedding, bcc.edgeComponent, b, nodes, nodeLocal, edgeLocal);
    blocks.push(prepareBlock(site, map, betaJ, tuning));
  }
  const order = blockOrder(n, bcc.count, bcc.blockOffsets, bcc.blockNodes);
  tuning.onStep?.('prepared');
  const x = new Int8Array(n);
  const assigned = new Uint8Array(n);
  const scratch = new Map<number, { partner: Int32Array; work: Float64Array; local: Int8Array }>();
  for (let s = 0; s < (samples as number); s++) {
    assigned.fill(0);
    for (const b of order) {
      const block = blocks[b] as BlockSampler;
      const local = drawBlock(site, block, rng, scratch, b);
      // glue: flip the block to agree with an already drawn node (at most one: the block tree)
      let flip = 1;
      for (let i = 0; i < block.nodes.length; i++) {
        const v = block.nodes[i] as number;
        if (assigned[v] === 1) {
          flip = (x[v] as number) === (local[i] as number) ? 1 : -1;
          break;
        }
      }
      for (let i = 0; i < block.nodes.length; i++) {
        const v = block.nodes[i] as number;
        x[v] = (flip * (local[i] as number)) as number;
        assigned[v] = 1;
      }
    }
    for (let v = 0; v < n; v++) if (assigned[v] === 0) x[v] = rng.float64() < 0.5 ? 1 : -1; // isolated nodes
    out.set(x, s * n);
    tuning.onStep?.('sample');
  }
  return out;
}

interface BlockSampler {
  nodes: Int32Array;
  /** P(the bridge's endpoints agree), for two-node blocks. */
  bridge: number | null;
  system: DenseSkew | null;
  separator: SeparatorMatchingSampler | null;
  map: PlanarMap | null;
  sign: Int8Array | null;
}


function prepareBlock(site: { pkg: string; fn: string }, map: PlanarMap, globalBetaJ: Float64Array, tuning: SamplingTuning): BlockSampler {
  const bj = blockCouplings(map, globalBetaJ);
  const sign = treeGauge(map, bj);
  const ks = kasteleynSystem(map, gaugedCouplings(map, bj, sign));
  if (map.nodes > tuning.denseBlockNodes) {
    const separator = new SeparatorMatchingSampler(site, map, ks, tuning.densePieceVertices, tuning.shortcutBudget);
    return { nodes: map.globalNode, bridge: null, system: null, separator, map, sign };
  }
  const n = ks.size;
  const k = denseKasteleyn(ks);
  const degree = new Int32Array(n + 1);
  for (let t = 0; t < ks.values.length; t++) {
    const a = ks.rows[t] as number;
    const c = ks.cols[t] as number;
    degree[a + 1] = (degree[a + 1] as number) + 1;
    degree[c + 1] = (degree[c + 1] as number) + 1;
  }
  for (let i = 0; i < n; i++) degree[i + 1] = (degree[i + 1] as number) + (degree[i] as number);
  const cursor = degree.slice(0, n);
  const neighbours = new Int32Array(degree[n] as number);
  for (let t = 0; t < ks.values.length; t++) {
    const a = ks.rows[t] as number;
    const c = ks.cols[t] as number;
    neighbours[cursor[a] as number] = c;
    cursor[a] = (cursor[a] as number) + 1;
    neighbours[cursor[c] as number] = a;
    cursor[c] = (cursor[c] as number) + 1;
  }
  const inverse = denseInverse(denseLu(k.slice(), n));
  return { nodes: map.globalNode, bridge: null, system: { n, k, inverse, offsets: degree, neighbours }, separator: null, map, sign };
}

/** Spins of the block's nodes (in `nodes` order) for one sample, up to the global flip drawn here. */
function drawBlock(
  site: { pkg: string; fn: string },
  block: BlockSampler,
  rng: Rng,
  scratch: Map<number, { partner: Int32Array; work: Float64Array; local: Int8Array }>,
  id: number,
): Int8Array {
  let s = scratch.get(id);
  if (s === undefined) {
    const n = block.system !== null ? block.system.n : block.map !== null ? 2 * block.map.edges : 0;
    const dense = block.system === null ? 0 : n;
    s = { partner: new Int32Array(n), work: new Float64Array(dense * dense), local: new Int8Array(block.nodes.length) };
    scratch.set(id, s);
  }
  const local = s.local;
  const first = rng.float64() < 0.5 ? 1 : -1;
  if (block.bridge !== null) {
    local[0] = first;
    local[1] = rng.float64() < block.bridge ? first : -first;
    return local;
  }
  const map = block.map as PlanarMap;
  const sign = block.sign as Int8Array;
  if (block.separator !== null) {
    block.separator.sample(rng, s.partner);
  } else {
    const system = block.system as DenseSkew;
    const worst = samplePerfectMatching(system, rng, s.partner, s.work);
    if (!(worst <= PROBABILITY_TOLERANCE)) {
      throw new ConvergenceError({
        ...site,
        iterations: 0,
        residual: worst,
        what: `the dense matching sampler of a ${map.nodes}-node block (step probabilities off by ${worst.toExponential(2)})`,
        hint: 'The couplings are too strong on frustrated cycles for the dense inverse; lower β or use MCMC.',
      });
    }
  }
  // spins in the gauged model along the block's BFS tree: a tree edge's endpoints agree iff its intercity edge is
  // matched
  const gaugedSpin = new Int8Array(map.nodes);
  const { tail, bfsOrder, parentHalf } = map;
  gaugedSpin[0] = first * (sign[0] as number);
  for (let k = 1; k < map.nodes; k++) {
    const w = bfsOrder[k] as number;
    const h = parentHalf[w] as number;
    const e = h >> 1;
    const parent = gaugedSpin[tail[h] as number] as number;
    gaugedSpin[w] = s.partner[2 * e] === 2 * e + 1 ? parent : -parent;
  }
  for (let i = 0; i < map.nodes; i++) local[i] = ((gaugedSpin[i] as number) * (sign[i] as number)) as number;
  return local;
}

/** Blocks in an order where each block after the first of its component shares a node with an earlier one. */
function blockOrder(n: number, count: number, blockOffsets: Int32Array, blockNodes: Int32Array): number[] {
  const nodeBlocks: number[][] = Array.from({ length: n }, () => []);
  for (let b = 0; b < count; b++) for (let p = blockOffsets[b] as number; p < (blockOffsets[b + 1] as number); p++) (nodeBlocks[blockNodes[p] as number] as number[]).push(b);
  const seen = new Uint8Array(count);
  const order: number[] = [];
  for (let start = 0; start < count; start++) {
    if (seen[start] === 1) continue;
    seen[start] = 1;
    const queue = [start];
    for (let head = 0; head < queue.length; head++) {
      const b = queue[head] as number;
      order.push(b);
      for (let p = blockOffsets[b] as number; p < (blockOffsets[b + 1] as number); p++) {
        for (const c of nodeBlocks[blockNodes[p] as number] as number[]) {
          if (seen[c] === 0) {
            seen[c] = 1;
            queue.push(c);
          }
        }
      }
    }
  }
  return order;
}
