/**
 * EGNNConv (Satorras, Hoogeboom & Welling 2021, "E(n) Equivariant Graph Neural Networks", ICML), one layer on
 * node features h and coordinates x:
 *   m_ij = φ_e(h_i, h_j, ‖x_i − x_j‖², a_ij)
 *   x_i' = x_i + C_i Σ_j w_ij (x_i − x_j) φ_x(m_ij)
 *   m_i  = Σ_j w_ij m_ij,   h_i' = φ_h(h_i, m_i)   (+ h_i with `residual`)
 * The sums run over the stored entries (i, j) of the adjacency (rows = receivers i, columns = senders j); the
 * entry value w_ij weighs both sums (1 for an unweighted graph, 0 masks an edge out of them).
 */
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError } from '@isinglab/graph';
import { sparseAdjacency, type SparseAdjacency } from '../sparse/sparse-adjacency.js';
import { spmm } from '../ops/spmm.js';
import {
  adjacencyFromKwargs,
  checkConfigObject,
  checkPositiveInteger,
  checkSeed,
  layerConfig,
} from './layer-support.js';
import { matMul } from '../ops/mat-mul.js';

/** How the coordinate updates reaching a node are combined: C_i = 1 / (entries in row i), or C_i = 1. */
export type CoordinateAggregation = 'mean' | 'sum';

export interface EGNNConvConfig {
  /** Width of the output features h'. */
  units: number;
  /** Width of the messages m_ij and of the hidden layers of φ_e, φ_x and φ_h. @default units */
  hiddenUnits?: number;
  /** h' = h + φ_h(h, m) instead of φ_h(h, m); needs the input feature width to equal `units`. @default false */
  residual?: boolean;
  /**
   * `'mean'`: C_i = 1 / (number of entries in row i), the paper's choice (1/(M − 1) on a complete graph of M
   * nodes) that keeps the update's size independent of the degree; `'sum'`: C_i = 1. @default 'mean'
   */
  coordinateAggregation?: CoordinateAggregation;
  /** Length n of the coordinate vectors (3 for point clouds and meshes; the layer is E(n)-equivariant). @default 3 */
  spatialDimensions?: number;
  /**
   * Seed of the initialisers (kernel k uses seed + k); undefined draws from tfjs' global generator. Kernels are
   * Glorot-uniform, biases zero, and φ_x's last kernel Glorot-uniform × 0.001 as in the authors' code, so that
   * a fresh layer moves the coordinates only slightly.
   */
  seed?: number;
  name?: string;
  trainable?: boolean;
}

/**
 * The edge-wise structure EGNNConv derives from an adjacency, as sparse matrices over its stored entries in
 * row-major order (entry e = position e of `colIndices`, the order `spmm`'s `edgeValues` and EGNN's edge
 * attributes use):
 * - `receiver` (nnz × n): row e selects node i(e), so receiver · X = X[i(e)] per entry;
 * - `sender` (nnz × n): row e selects node j(e);
 * - `difference` (nnz × n): receiver − sender, so difference · X = X[i(e)] − X[j(e)] (a self-loop gives 0);
 * - `aggregate` (n × nnz): row i holds the entries of row i with their values w_e, so aggregate · M = Σ_j w_ij m_ij
 *   (and with spmm's `'mean'` divides by the number of entries in row i).
 * Gathers and scatters through spmm keep every gradient in typed-array kernels (tf.gather's needs
 * UnsortedSegmentSum, absent on wasm). O(n + nnz) time and memory.
 */
export interface EdgeIncidence {
  readonly receiver: SparseAdjacency;
  readonly sender: SparseAdjacency;
  readonly difference: SparseAdjacency;
  readonly aggregate: SparseAdjacency;
}

/** Builds the {@link EdgeIncidence} matrices of an adjacency (see there). O(n + nnz). */
export function edgeIncidence(adjacency: SparseAdjacency): EdgeIncidence {
  const { rows, cols, nnz, rowOffsets, colIndices, values } = adjacency;
  if (rows !== cols) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn: 'edgeIncidence', argument: 'adjacency', value: `${rows}×${cols}`, rule: 'a square adjacency (one row and column per node)' });
  }
  const entry = new Int32Array(nnz);
  const rowOf = new Int32Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let e = rowOffsets[i] as number; e < (rowOffsets[i + 1] as number); e++) rowOf[e] = i;
  }
  for (let e = 0; e < nnz; e++) entry[e] = e;
  const pairReceivers = new Int32Array(2 * nnz);
  const pairSenders = new Int32Array(2 * nnz);
  const pairValues = new Float32Array(2 * nnz);
  for (let e = 0; e < nnz; e++) {
    pairReceivers[2 * e] = e;
    pairReceivers[2 * e + 1] = e;
    pairSenders[2 * e] = rowOf[e] as number;
    pairSenders[2 * e + 1] = colIndices[e] as number;
    pairValues[2 * e] = 1;
    pairValues[2 * e + 1] = -1;
  }
  return Object.freeze({
    receiver: sparseAdjacency({ rows: nnz, cols: rows, receivers: entry, senders: rowOf }),
    sender: sparseAdjacency({ rows: nnz, cols: rows, receivers: entry, senders: colIndices }),
    difference: sparseAdjacency({ rows: nnz, cols: rows, receivers: pairReceivers, senders: pairSenders, values: pairValues }),
    aggregate: sparseAdjacency({ rows, cols: nnz, receivers: rowOf, senders: entry, values }),
  });
}

const FN = 'EGNNConv';
/** φ_x's last kernel is scaled by this gain (the authors' xavier_uniform_(gain=0.001)). */
const COORDINATE_GAIN = 0.001;

/**
 * One E(n)-equivariant graph layer (EGNN, Satorras et al. 2021). `apply([h, x], { adjacency })` or
 * `apply([h, x, a], { adjacency })` with h: [nodes, F] features, x: [nodes, n] coordinates, optional a:
 * [nnz, A] edge attributes (one row per stored adjacency entry, row-major entry order), adjacency nodes × nodes;
 * returns `[h', x']` with h': [nodes, units], x': [nodes, n].
 *
 * φ_e = SiLU ∘ Linear ∘ SiLU ∘ Linear (input [h_i, h_j, ‖x_i − x_j‖², a_ij] of width 2F + 1 + A), φ_x = Linear(no
 * bias) ∘ SiLU ∘ Linear (one scalar per edge), φ_h = Linear ∘ SiLU ∘ Linear (input [h_i, m_i]), as in the
 * authors' code. h' is invariant and x' equivariant under rotations, reflections and translations of x, and both
 * are equivariant under node relabelling. Self-loops are allowed: they send a message with distance 0 and no
 * displacement (but count in the `'mean'` of the coordinate update).
 *
 * Weights (`getWeights()` order): edgeKernel1 [2F + 1 + A, H] (rows: h_i, then h_j, then ‖x_i − x_j‖², then
 * a_ij), edgeBias1 [H], edgeKernel2 [H, H], edgeBias2 [H], coordKernel1 [H, H], coordBias1 [H], coordKernel2 [H, 1],
 * nodeKernel1 [F + H, H] (rows: h_i, then m_i), nodeBias1 [H], nodeKernel2 [H, units], nodeBias2 [units].
 *
 * Cost: O(nodes · (F + H) · H + nnz · (H² + n + A · H)) time, O(nnz · H) memory, forward and backward. φ_e's first
 * layer is applied to the node features before the per-edge gather (h W for each node, then gathered), which is
 * the same linear map at nodes × instead of edges × the width of its input.
 */
export class EGNNConv extends tf.layers.Layer {
  static className = 'IsinglabEGNNConv';
  readonly units: number;
  readonly hiddenUnits: number;
  readonly residual: boolean;
  readonly coordinateAggregation: CoordinateAggregation;
  readonly spatialDimensions: number;
  readonly seed: number | undefined;
  private inFeatures = 0;
  private edgeFeatures = 0;
  private weightsList: tf.LayerVariable[] = [];
  // derived per adjacency; weak keys so that dropping an adjacency frees its incidence matrices
  private readonly incidenceCache = new WeakMap<SparseAdjacency, EdgeIncidence>();

  constructor(config: EGNNConvConfig) {
    super({ name: config?.name, trainable: config?.trainable });
    checkConfigObject(FN, config);
    this.units = checkPositiveInteger(FN, 'config.units', config.units);
    this.hiddenUnits = config.hiddenUnits === undefined ? this.units : checkPositiveInteger(FN, 'config.hiddenUnits', config.hiddenUnits);
    this.residual = config.residual ?? false;
    if (typeof this.residual !== 'boolean') {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'config.residual', value: config.residual, rule: 'a boolean' });
    }
    const aggregation = config.coordinateAggregation ?? 'mean';
    if (aggregation !== 'mean' && aggregation !== 'sum') {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'config.coordinateAggregation', value: aggregation, rule: "'mean' or 'sum'" });
    }
    this.coordinateAggregation = aggregation;
    this.spatialDimensions = config.spatialDimensions === undefined ? 3 : checkPositiveInteger(FN, 'config.spatialDimensions', config.spatialDimensions);
    this.seed = checkSeed(FN, config.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = checkInputShapes(inputShape, this.spatialDimensions);
    const f = shapes.features;
    if (this.residual && f !== this.units) {
      throw new InvalidArgumentError({
        pkg: 'gnn',
        fn: FN,
        argument: 'config.residual',
        value: `residual with ${f} input features and ${this.units} units`,
        rule: 'false unless the input feature width equals units',
      });
    }
    this.inFeatures = f;
    this.edgeFeatures = shapes.edgeFeatures;
    const h = this.hiddenUnits;
    let k = 0;
    const glorot = (scale = 1) => {
      const seed = this.seed === undefined ? {} : { seed: this.seed + k };
      k++;
      return tf.initializers.varianceScaling({ scale, mode: 'fanAvg', distribution: 'uniform', ...seed });
    };
    const zeros = tf.initializers.zeros();
    this.weightsList = [
      this.addWeight('edgeKernel1', [2 * f + 1 + this.edgeFeatures, h], 'float32', glorot()),
      this.addWeight('edgeBias1', [h], 'float32', zeros),
      this.addWeight('edgeKernel2', [h, h], 'float32', glorot()),
      this.addWeight('edgeBias2', [h], 'float32', zeros),
      this.addWeight('coordKernel1', [h, h], 'float32', glorot()),
      this.addWeight('coordBias1', [h], 'float32', zeros),
      this.addWeight('coordKernel2', [h, 1], 'float32', glorot(COORDINATE_GAIN * COORDINATE_GAIN)),
      this.addWeight('nodeKernel1', [f + h, h], 'float32', glorot()),
      this.addWeight('nodeBias1', [h], 'float32', zeros),
      this.addWeight('nodeKernel2', [h, this.units], 'float32', glorot()),
      this.addWeight('nodeBias2', [this.units], 'float32', zeros),
    ];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const shapes = checkInputShapes(inputShape, this.spatialDimensions);
    return [[...shapes.h.slice(0, -1), this.units], [...shapes.x]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor[] {
    return tf.tidy(() => {
      const { h, x, attributes } = this.checkInputs(inputs);
      const adjacency = adjacencyFromKwargs(FN, kwargs, h.shape[0]);
      if (attributes !== undefined && attributes.shape[0] !== adjacency.nnz) {
        throw new InvalidArgumentError({
          pkg: 'gnn',
          fn: FN,
          argument: 'inputs[2]',
          value: `shape [${attributes.shape.join(', ')}]`,
          rule: `edge attributes of shape [${adjacency.nnz}, ${this.edgeFeatures}] (one row per stored adjacency entry)`,
        });
      }
      const inc = this.incidenceOf(adjacency);
      const [eK1, eB1, eK2, eB2, cK1, cB1, cK2, nK1, nB1, nK2, nB2] = this.weightsList.map((w) => w.read()) as Weights;
      const f = this.inFeatures;
      const hid = this.hiddenUnits;
      // relative positions and squared distances per entry: the only way x enters, hence E(n) invariance of m_ij
      const diff = spmm(inc.difference, x);
      const dist2 = tf.sum(tf.square(diff), 1, true) as tf.Tensor2D;
      // φ_e's first layer split by input block: [h_i, h_j, d², a] W = (h W_i)[i] + (h W_j)[j] + d² w_d + a W_a
      const towardReceiver = matMul(h, tf.slice(eK1, [0, 0], [f, hid])) as tf.Tensor2D;
      const towardSender = matMul(h, tf.slice(eK1, [f, 0], [f, hid])) as tf.Tensor2D;
      let pre: tf.Tensor = tf.add(spmm(inc.receiver, towardReceiver), spmm(inc.sender, towardSender));
      pre = tf.add(pre, matMul(dist2, tf.slice(eK1, [2 * f, 0], [1, hid])));
      if (attributes !== undefined) pre = tf.add(pre, matMul(attributes, tf.slice(eK1, [2 * f + 1, 0], [this.edgeFeatures, hid])));
      const message = silu(tf.add(matMul(silu(tf.add(pre, eB1)) as tf.Tensor2D, eK2), eB2)) as tf.Tensor2D;
      // coordinate update: one scalar per entry scales the relative position
      const weight = matMul(silu(tf.add(matMul(message, cK1), cB1)) as tf.Tensor2D, cK2);
      const shift = spmm(inc.aggregate, tf.mul(diff, weight) as tf.Tensor2D, { aggregation: this.coordinateAggregation });
      const xOut = tf.add(x, shift);
      // feature update from the summed messages
      const summed = spmm(inc.aggregate, message);
      const hidden = silu(tf.add(tf.add(matMul(h, tf.slice(nK1, [0, 0], [f, hid])), matMul(summed, tf.slice(nK1, [f, 0], [hid, hid]))), nB1));
      let hOut: tf.Tensor = tf.add(matMul(hidden as tf.Tensor2D, nK2), nB2);
      if (this.residual) hOut = tf.add(h, hOut);
      return [hOut, xOut];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = {
      units: this.units,
      hiddenUnits: this.hiddenUnits,
      residual: this.residual,
      coordinateAggregation: this.coordinateAggregation,
      spatialDimensions: this.spatialDimensions,
    };
    return layerConfig(super.getConfig(), config, this.seed);
  }

  private incidenceOf(adjacency: SparseAdjacency): EdgeIncidence {
    let inc = this.incidenceCache.get(adjacency);
    if (inc === undefined) {
      inc = edgeIncidence(adjacency);
      this.incidenceCache.set(adjacency, inc);
    }
    return inc;
  }

  private checkInputs(inputs: tf.Tensor | tf.Tensor[]): { h: tf.Tensor2D; x: tf.Tensor2D; attributes: tf.Tensor2D | undefined } {
    const expected = this.edgeFeatures > 0 ? 3 : 2;
    if (!Array.isArray(inputs) || inputs.length !== expected || !inputs.every((t) => t instanceof tf.Tensor)) {
      throw new InvalidArgumentError({
        pkg: 'gnn',
        fn: FN,
        argument: 'inputs',
        value: describeInputs(inputs),
        rule: expected === 3 ? 'three tensors [h, x, edge attributes] (the layer was built with edge attributes)' : 'two tensors [h, x] (the layer was built without edge attributes)',
      });
    }
    const [h, x, attributes] = inputs as [tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    if (h.rank !== 2 || h.dtype !== 'float32' || h.shape[1] !== this.inFeatures) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[0]', value: describeTensor(h), rule: `a float32 tensor of shape [nodes, ${this.inFeatures}] (the width the layer was built with)` });
    }
    const n = h.shape[0];
    if (x.rank !== 2 || x.dtype !== 'float32' || x.shape[0] !== n || x.shape[1] !== this.spatialDimensions) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[1]', value: describeTensor(x), rule: `float32 coordinates of shape [${n}, ${this.spatialDimensions}] (one row per node of inputs[0])` });
    }
    if (attributes !== undefined && (attributes.rank !== 2 || attributes.dtype !== 'float32' || attributes.shape[1] !== this.edgeFeatures)) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[2]', value: describeTensor(attributes), rule: `float32 edge attributes of shape [nnz, ${this.edgeFeatures}]` });
    }
    return { h: h as tf.Tensor2D, x: x as tf.Tensor2D, attributes: attributes as tf.Tensor2D | undefined };
  }
}
tf.serialization.registerClass(EGNNConv);

/** The variables in `getWeights()` order (biases rank 1, kernels rank 2). */
type Weights = [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

/** SiLU (swish), x·σ(x): EGNN's activation. */
function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** Validates the shapes passed to build / computeOutputShape: [h, x] or [h, x, a], all rank 2. */
function checkInputShapes(inputShape: tf.Shape | tf.Shape[], dims: number): { h: tf.Shape; x: tf.Shape; features: number; edgeFeatures: number } {
  const list = inputShape as tf.Shape[];
  const ok = Array.isArray(inputShape) && (list.length === 2 || list.length === 3) && list.every((s) => Array.isArray(s) && s.length === 2);
  if (!ok) {
    throw new InvalidArgumentError({
      pkg: 'gnn',
      fn: FN,
      argument: 'inputs',
      value: JSON.stringify(inputShape),
      rule: 'two rank-2 tensors [h, x] or three [h, x, edge attributes]',
    });
  }
  const [h, x, a] = list as [tf.Shape, tf.Shape, tf.Shape | undefined];
  const features = h[1];
  if (typeof features !== 'number' || features < 1) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[0]', value: JSON.stringify(h), rule: 'features of shape [nodes, F] with a known F ≥ 1' });
  }
  if (x[1] !== dims || (typeof h[0] === 'number' && typeof x[0] === 'number' && h[0] !== x[0])) {
    throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[1]', value: JSON.stringify(x), rule: `coordinates of shape [${h[0] ?? 'nodes'}, ${dims}] (one row per node of inputs[0])` });
  }
  let edgeFeatures = 0;
  if (a !== undefined) {
    if (typeof a[1] !== 'number' || a[1] < 1) {
      throw new InvalidArgumentError({ pkg: 'gnn', fn: FN, argument: 'inputs[2]', value: JSON.stringify(a), rule: 'edge attributes of shape [nnz, A] with a known A ≥ 1' });
    }
    edgeFeatures = a[1];
  }
  return { h, x, features, edgeFeatures };
}

function describeTensor(t: tf.Tensor): string {
  return `${t.dtype} tensor of shape [${t.shape.join(', ')}]`;
}

function describeInputs(inputs: unknown): unknown {
  if (inputs instanceof tf.Tensor) return describeTensor(inputs);
  if (Array.isArray(inputs)) return inputs.map((t) => (t instanceof tf.Tensor ? `[${t.shape.join(', ')}]` : String(t))).join(' and ');
  return inputs;
}
