/**
 * The SPAI field model of seed 000 (Sec. 4.3, App. B.3 / D.1): a GCNII (4 layers, 64 hidden, α = 0.1, θ = 0.5) on
 * the line graph of the matrix predicts the field h of an Ising model with J = −0.4 on that line graph; T = 3
 * Metropolis sweeps give a configuration, its +1 nodes the sparsity pattern of M, and the loss is ‖A M − I‖_F.
 * Training uses the RLOO estimator with the magnetisation penalty (Eq. 19) from @isinglab/ising/learn.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '@isinglab/graph';
import { createIsingModel, sampleIsingSync } from '@isinglab/ising';
import { GCNIIConv, gcnAdjacency, type SparseAdjacency } from '@isinglab/gnn';
import { fieldLearningStep, type GradientApplier } from '@isinglab/ising/learn';
import { approximateInverse } from './least-squares-inverse.js';
import { patternFromSpins, type SpaiLineGraph } from './line-graph-model.js';

export interface SpaiModelConfig {
  /** Node features per line-graph node (2 for Setting 1, 3 for Settings 2 and 3). */
  featureCount: number;
  /** @default 64 */
  hidden?: number;
  /** @default 4 */
  layers?: number;
  /** @default 0.1 */
  alpha?: number;
  /** @default 0.5 */
  theta?: number;
  /** Ising coupling on the line graph. @default −0.4 */
  coupling?: number;
  /** @default 1 */
  beta?: number;
  /** Metropolis sweeps T. @default 3 */
  sweeps?: number;
  /** RLOO samples K per matrix. @default 2 */
  samplesPerStep?: number;
  /** η of Eq. 19 (0: half of the candidates). @default 0 */
  targetMagnetisation?: number;
  /** λ of Eq. 19. @default 1 */
  penaltyWeight?: number;
  /** Seed of every initialiser. @default 0 */
  seed?: number;
}

/** A matrix prepared for the model: its line graph and the GCN adjacency of that line graph. */
export interface SpaiInput {
  a: Float64Array;
  n: number;
  lineGraph: SpaiLineGraph;
  adjacency: SparseAdjacency;
}

export function prepareSpaiInput(a: Float64Array, n: number, lineGraph: SpaiLineGraph): SpaiInput {
  return { a, n, lineGraph, adjacency: gcnAdjacency(lineGraph.graph) };
}

export class SpaiFieldModel {
  readonly config: Required<SpaiModelConfig>;
  private readonly input: tf.layers.Layer;
  private readonly convs: GCNIIConv[];
  private readonly output: tf.layers.Layer;

  constructor(config: SpaiModelConfig) {
    this.config = {
      hidden: 64,
      layers: 4,
      alpha: 0.1,
      theta: 0.5,
      coupling: -0.4,
      beta: 1,
      sweeps: 3,
      samplesPerStep: 2,
      targetMagnetisation: 0,
      penaltyWeight: 1,
      seed: 0,
      ...config,
    };
    const c = this.config;
    this.input = tf.layers.dense({ units: c.hidden, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed }) });
    this.convs = Array.from({ length: c.layers }, (_, l) => new GCNIIConv({ layer: l + 1, alpha: c.alpha, theta: c.theta, activation: 'relu', seed: c.seed + 10 + l }));
    this.output = tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 1 }) });
  }

  /** h for every line-graph node of `input` (shape [candidates]). */
  field(input: SpaiInput): tf.Tensor1D {
    return tf.tidy(() => {
      const x = tf.tensor2d(input.lineGraph.features, [input.lineGraph.rowOf.length, this.config.featureCount]);
      const h0 = this.input.apply(x) as tf.Tensor2D;
      let h = h0;
      for (const conv of this.convs) h = conv.apply([h, h0], { adjacency: input.adjacency }) as tf.Tensor2D;
      return tf.reshape(this.output.apply(h) as tf.Tensor, [-1]) as tf.Tensor1D;
    });
  }

  /** The field as numbers (for sampling outside the training step). */
  fieldValues(input: SpaiInput): Float64Array {
    const h = this.field(input);
    const values = Float64Array.from(h.dataSync());
    h.dispose();
    return values;
  }

  /** One configuration of the line-graph Ising model with these fields (T sweeps from a random state, as Alg. 1). */
  sample(input: SpaiInput, fields: Float64Array, rng: Rng): Int8Array {
    const c = this.config;
    const ising = createIsingModel(input.lineGraph.graph, { couplings: c.coupling, fields, beta: c.beta });
    return sampleIsingSync(ising, { rng, chains: 1, sweeps: c.sweeps, burnIn: 0 }).spins;
  }

  /** All trainable variables (builds the layers on first use). */
  variables(example: SpaiInput): tf.Variable[] {
    tf.dispose(this.field(example));
    return [this.input, ...this.convs, this.output].flatMap((layer) => layer.trainableWeights.map((w) => w.read() as tf.Variable));
  }

  /** ‖A M(s) − I‖_F of configuration k of a batch of line-graph configurations. */
  static loss(input: SpaiInput, samples: Int8Array, k: number): number {
    const count = input.lineGraph.rowOf.length;
    return approximateInverse(input.a, input.n, patternFromSpins(input.lineGraph, input.n, samples, k * count)).frobenius;
  }

  /** One RLOO step on one matrix: the mean loss of its samples, their sampling fraction and η̃_det before the step. */
  trainStep(input: SpaiInput, variables: tf.Variable[], optimizer: GradientApplier, rng: Rng): { loss: number; fraction: number; etaDet: number } {
    const c = this.config;
    const step = fieldLearningStep(
      {
        graph: input.lineGraph.graph,
        couplings: c.coupling,
        beta: c.beta,
        samplesPerStep: c.samplesPerStep,
        sweeps: c.sweeps,
        targetMagnetisation: c.targetMagnetisation,
        penaltyWeight: c.penaltyWeight,
      },
      () => this.field(input),
      variables,
      optimizer,
      (samples, k) => SpaiFieldModel.loss(input, samples, k),
      rng,
    );
    let plus = 0;
    for (let i = 0; i < step.samples.length; i++) if (step.samples[i] === 1) plus++;
    return { loss: step.meanLoss, fraction: plus / step.samples.length, etaDet: step.etaDet };
  }

  dispose(): void {
    for (const layer of [this.input, ...this.convs, this.output]) if (layer.built) layer.dispose();
  }
}
