/**
 * The node-classification experiment of seed 003 (Appendix L.1, Table 2): on Chameleon and Squirrel with the 10
 * Geom-GCN splits, fit one IBG per dataset (densifying loss, SVD initialisation, Adam), then train IBG-NN on it and
 * Dir-GNN on the graph itself, in the same run, with the same input stage, width, depth, dropout, normalisation,
 * jumping knowledge, optimiser and early stopping, so the comparison isolates the graph operator.
 *
 * Resumable: the IBG fit checkpoints its full state (parameters, Adam moments, RNG) every `fitCheckpointEvery`
 * epochs and the finished fit; every finished (dataset, split, model) writes its own result file. A checkpoint is
 * used only when its fingerprint (the settings it depends on) matches. Every file is written atomically (temporary
 * file + rename), so an interrupted run never leaves a half-written checkpoint or results.json.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidArgumentError, ParseError, createRng } from '@isinglab/graph';
import { writeFileAtomic, writeJsonAtomic } from '@isinglab/graph/testing';
import {
  createDirGnnClassifier,
  createIbgnnClassifier,
  fitIbg,
  fitSignalEncoder,
  loadChameleon,
  loadSquirrel,
  trainNodeClassifier,
  type FitIbgProgress,
  createMlpClassifier,
  type CommunityFunction,
  type CommunityReadout,
  type NodeFunction,
  type IbgInitializer,
  type IbgFactors,
  type IbgFitState,
  type NodeClassificationDataset,
  type NodeClassifier,
  type NodeFeatures,
  type NodeTrainingState,
} from '@isinglab/ibg';
import { ibgFigure } from './ibg-figure.js';
import { readTrainingCheckpoint, removeTrainingCheckpoint, writeTrainingCheckpoint } from './training-checkpoint.js';
import { meanAndStd } from '../../lib/student-t.js';
import { decodeFloat64, encodeFloats } from '../../lib/base64-floats.js';

/** IBG-NN, the Dir-GNN baseline, and an MLP on the features alone (the "no graph" ablation). */
export type IbgModelName = 'IBG-NN' | 'Dir-GNN' | 'MLP';
export const IBG_MODELS: readonly IbgModelName[] = ['IBG-NN', 'Dir-GNN', 'MLP'];

/** Seed 003 Table 2 (test accuracy %, mean over the 10 splits): IBG-NN and the DirGNN row it quotes. */
export const IBG_SEED_ACCURACY: Readonly<Record<string, Readonly<Record<IbgModelName, number>>>> = {
  chameleon: { 'IBG-NN': 80.15, 'Dir-GNN': 79.74, MLP: 46.21 },
  squirrel: { 'IBG-NN': 77.63, 'Dir-GNN': 75.13, MLP: 28.77 },
};

export interface IbgRunConfig {
  name: string;
  /** Dataset names: 'chameleon', 'squirrel', or keys of RunIbgOptions.datasets. */
  datasets: string[];
  /** Split indices (0-based) to run. */
  splits: number[];
  /** Per-dataset overrides of splits. @default {} */
  splitsByDataset?: Record<string, number[]>;
  models: IbgModelName[];
  /** K. */
  communities: number;
  /** Per-dataset overrides of communities. @default {} */
  communitiesByDataset?: Record<string, number>;
  /** Adam steps of the IBG fit ("Approx. epochs"). */
  fitEpochs: number;
  /** Per-dataset overrides of fitEpochs (budget cuts for the larger graph). @default {} */
  fitEpochsByDataset?: Record<string, number>;
  /**
   * Fit the IBG to the node signal too (λ = 1): X projected to this many dimensions by a fixed Gaussian random
   * matrix (the reference trains a linear encoder of width "Encoded dim" instead); 0 fits the graph alone. @default 0
   */
  fitFeatures?: number;
  /** Adam learning rate of the IBG fit ("Approx. lr"). */
  fitLearningRate: number;
  /** γ of the densifying loss (null: unweighted). */
  densifyingScale: number | null;
  layers: number;
  hidden: number;
  /** Linear feature encoder width ("Encoded dim"); 0 for none. */
  encoder: number;
  dropout: number;
  normalize: boolean;
  jumpingKnowledge: 'none' | 'cat';
  /** Φ of every IBG-NN layer (see IBGConv; the reference code's default is 'free', its "unconstrained"). @default 'linear' */
  community?: CommunityFunction;
  /** Residual connections of IBG-NN per dataset ("Residual connection": chameleon ✓, squirrel –). */
  residual: Record<string, boolean>;
  /** IBG-NN's node-wise term H·W in every layer (IBGConv `selfTerm`). @default true */
  ibgSelfTerm?: boolean;
  /** IBG-NN's number of layers. @default layers */
  ibgLayers?: number;
  /** IBG-NN's node-wise function (IBGConv `nodeFunction`). @default 'linear' */
  ibgNodeFunction?: NodeFunction;
  /** IBG-NN's read-out of the synthesised community signals (IBGConv `communityReadout`). @default 'none' */
  ibgCommunityReadout?: CommunityReadout;
  /** IBG-NN as one network or the seed code's separate source and target networks. @default 'joint' */
  ibgBranches?: 'joint' | 'separate';
  /** IBG-NN's read-out with separate branches: one per network or one shared (IbgnnClassifier `head`). @default 'per-branch' */
  ibgHead?: 'per-branch' | 'shared';
  /** How IBG-NN's weights start (IBGConv `initializer`). @default 'glorot' */
  ibgInitializer?: IbgInitializer;
  /** Pooling of IBG-NN's DeepSets. @default 'mean' */
  pool?: 'mean' | 'max';
  /**
   * IBG-NN's input: a linear encoder of X trained against the fitted IBG and then frozen (fitSignalEncoder: the seed
   * code's "Encoded dim" with λ = 1, there trained jointly with the fit); undefined: IBG-NN reads X through its
   * own trainable encoder of width `encoder`.
   */
  signalEncoder?: { dim: number; epochs: number; learningRate: number };
  /** Dir-GNN's α (weight of the out-neighbours). @default 0.5 */
  dirGnnAlpha?: number;
  /** Dir-GNN's root term h·W_self (`rootWeight`). @default true */
  dirGnnRootWeight?: boolean;
  /** Classifier learning rate ("Fit lr"). */
  learningRate: number;
  /** Classifier epochs ("Fit epochs"). */
  epochs: number;
  /** Early-stopping patience on validation accuracy. */
  patience: number;
  /** How each epoch is measured (trainNodeClassifier `evaluation`; `'dropout'`: as the seed's trainer does). @default 'inference' */
  evaluation?: 'inference' | 'dropout';
  /** Checkpoint the IBG fit every this many epochs. @default 250 */
  fitCheckpointEvery?: number;
}

/**
 * Measured on chameleon (reduced budgets, split 0–2): the node-wise terms let both models fit each node's own
 * features and ignore the graph. Dir-GCN as in Rossi et al.'s recipe for chameleon/squirrel (α = 1, no root
 * term) went from 55.5 to 78.5 %; IBG-NN without its node-wise term from 59.0 to 64.7 % (K = 50) and 75.4 % (K =
 * 250). A residual connection adds H back and undoes that (59.0 % with it), so it is off here although Table 9 lists
 * it for chameleon. With a 2250-epoch K = 250 fit (splits 0–2): 'linear' 73.0 %, 'free' 73.2 %, 'free' + node-wise
 * term + residual 61.9 %, 'linear' at 5 × 128 73.8 %. The reference keeps its node-wise term and residual because
 * its encoder is frozen after the IBG fit (trained there by the signal term), so the node-wise path cannot memorise
 * raw features; that encoder is not built here yet.
 */
const GRAPH_ONLY = { residual: { chameleon: false, squirrel: false }, ibgSelfTerm: false, dirGnnAlpha: 1, dirGnnRootWeight: false };

/**
 * IBG-NN as the seed's code (jonkouch/IBGNN-clean, ibgnn/parser.py defaults with Table 9's settings) builds it:
 * separate source and target networks whose logits are averaged; in each layer a free community matrix M
 * ("unconstrained"), synthesised U_r M and read out per node by a three-layer DeepSets ("deepsets_fancy", max
 * pool), plus the same DeepSets of the node's previous representation and, on chameleon, a residual; the input is the
 * linear encoder trained against the IBG and then frozen (here for 1500 Adam steps at lr 0.03 with the fit fixed;
 * the seed trains it during the fit). The reference's 5 layers with concatenating jumping knowledge read out the
 * first 4 (the last layer is built but unused), hence 4 layers. Measured against GRAPH_ONLY on the same K = 250,
 * 10 000-epoch chameleon fit (width 64, one run per split): split 0 76.1 % vs 66.7 %, split 1 82.5 % vs 73.9 %.
 */
const REFERENCE_IBGNN = {
  community: 'free' as CommunityFunction,
  pool: 'max' as const,
  ibgSelfTerm: true,
  ibgNodeFunction: 'deepsets' as NodeFunction,
  ibgCommunityReadout: 'deepsets' as CommunityReadout,
  ibgBranches: 'separate' as const,
  residual: { chameleon: true, squirrel: false },
  signalEncoder: { dim: 128, epochs: 1500, learningRate: 0.03 },
};

/** paper: seed 003's settings (see IBG_CONFIGS). */
const PAPER_CONFIG: IbgRunConfig = {
  name: 'paper',
  datasets: ['chameleon', 'squirrel'],
  splits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  models: ['IBG-NN', 'Dir-GNN'],
  // Table 9 searches K ∈ {50, 250}; on chameleon (reduced budget, 3 splits) K = 250 gave 68.6 % against 59.5 % at 50
  communities: 250,
  fitEpochs: 10_000,
  fitLearningRate: 0.03,
  densifyingScale: 20,
  layers: 5,
  hidden: 128,
  encoder: 128,
  dropout: 0.2,
  normalize: true,
  jumpingKnowledge: 'cat',
  ...GRAPH_ONLY,
  ...REFERENCE_IBGNN,
  ibgLayers: 4,
  learningRate: 0.003,
  epochs: 1500,
  patience: 300,
};

/**
 * cpu: paper with the two cuts this repository's 2-core machines can afford, both inside or beside Table 9's search:
 * K = 50 on squirrel (Table 9 searches K ∈ {50, 250}; K = 250 costs 1.3 s per fit epoch there, 3.6 h for the 10 000
 * epochs) and width 64 for every model (a width-128 IBG-NN step on squirrel takes 3.8 s, Dir-GNN's 1.8 s; at 64,
 * 1.4 s and 1.0 s). Run it in parts (`--datasets`, `--splits`); each finished split is a result file of its own.
 */
const CPU_CONFIG: IbgRunConfig = { ...PAPER_CONFIG, name: 'cpu', communitiesByDataset: { squirrel: 50 }, hidden: 64 };

/**
 * cpu-k250: the ablation of K behind cpu's Squirrel gap to the seed, cpu's IBG-NN on Squirrel with K = 250 (Table 9's
 * other value) fitted for 2000 epochs instead of 10 000 (the 3.6 h fit does not fit a session; the weighted relative
 * error is already 0.22 after 180 epochs against K = 50's 0.30 after 10 000). Everything else as cpu, so its split
 * results pair with cpu's. Dir-GNN does not read the IBG and is left out.
 */
const CPU_K250_CONFIG: IbgRunConfig = {
  ...CPU_CONFIG,
  name: 'cpu-k250',
  datasets: ['squirrel'],
  models: ['IBG-NN'],
  communitiesByDataset: { squirrel: 250 },
  fitEpochsByDataset: { squirrel: 2000 },
};

/**
 * paper-l6: Table 9's 6-layer point on chameleon, IBG-NN only (the seed's 80.15 % is the best point of a search over
 * K ∈ {50, 250}, 5 / 6 / 7 layers and lr 0.003 / 0.005; paper runs K = 250, 5 layers, lr 0.003). With concatenating
 * jumping knowledge the reference reads out all but its last layer, hence 5 IBG layers. It reads the same fit and
 * signal encoder as paper (neither depends on depth), so its split results pair with paper's.
 */
const PAPER_L6_CONFIG: IbgRunConfig = { ...PAPER_CONFIG, name: 'paper-l6', datasets: ['chameleon'], models: ['IBG-NN'], layers: 6, ibgLayers: 5 };

/**
 * paper-ref: paper's IBG-NN on chameleon with the last two differences from the reference code's model removed: the
 * source and target networks share one read-out (its single `lin1` on the averaged jumping-knowledge features)
 * and every weight starts as torch.nn.Linear's does (uniform in ±1/√fan_in, biases included). Same fit and
 * signal encoder as paper, so its splits pair with paper's.
 */
const PAPER_REF_CONFIG: IbgRunConfig = { ...PAPER_CONFIG, name: 'paper-ref', datasets: ['chameleon'], models: ['IBG-NN'], ibgHead: 'shared', ibgInitializer: 'fan-in' };

/**
 * paper-eval-dropout: paper's IBG-NN on chameleon measured as the seed's reference trainer measures it, with
 * dropout on in every evaluation pass (its IBGNN overrides train(mode) and ignores the mode, so model.eval() leaves
 * dropout on): validation accuracy, and so model selection and early stopping, see a noisy figure. Same fit and
 * encoder as paper, so its splits pair with paper's.
 */
const PAPER_EVAL_DROPOUT_CONFIG: IbgRunConfig = { ...PAPER_CONFIG, name: 'paper-eval-dropout', datasets: ['chameleon'], models: ['IBG-NN'], evaluation: 'dropout' };

/**
 * quick: a smoke run (1 split, small budgets). reduced: what this repository's CPU runs could afford (3 splits, 2 on squirrel,
 * 10× fewer fit epochs (30× on squirrel), width 64, 3 layers, at most 150 epochs with patience 40). paper: seed 003 Appendix O (Table 9) and the reference
 * code's defaults (ibgnn/parser.py: patience 300): K = 250, 10 000 fit epochs at lr 0.03, 5 layers of width 128,
 * encoder 128, dropout 0.2, row normalisation, concatenating jumping knowledge, lr 0.003, 1500 epochs; IBG-NN as the
 * reference code builds it (REFERENCE_IBGNN, also in quick) and Dir-GCN as Rossi et al.'s recipe (GRAPH_ONLY). reduced
 * keeps the graph-only IBG-NN of the earlier measurements.
 */
export const IBG_CONFIGS: Record<string, IbgRunConfig> = {
  quick: {
    name: 'quick',
    datasets: ['chameleon'],
    splits: [0],
    models: ['IBG-NN', 'Dir-GNN'],
    communities: 16,
    fitEpochs: 100,
    fitLearningRate: 0.03,
    densifyingScale: 20,
    layers: 2,
    hidden: 32,
    encoder: 32,
    dropout: 0.2,
    normalize: true,
    jumpingKnowledge: 'cat',
    ...GRAPH_ONLY,
    ...REFERENCE_IBGNN,
    signalEncoder: { dim: 32, epochs: 50, learningRate: 0.03 },
    learningRate: 0.005,
    epochs: 30,
    patience: 30,
  },
  reduced: {
    name: 'reduced',
    datasets: ['chameleon', 'squirrel'],
    splits: [0, 1, 2],
    models: ['IBG-NN', 'Dir-GNN'],
    communities: 50,
    fitEpochs: 1000,
    // squirrel's fit costs ~6× chameleon's per epoch (217 073 vs 36 101 arcs)
    fitEpochsByDataset: { squirrel: 300 },
    splitsByDataset: { squirrel: [0, 1] },
    fitLearningRate: 0.03,
    densifyingScale: 20,
    layers: 3,
    hidden: 64,
    encoder: 64,
    dropout: 0.2,
    normalize: true,
    jumpingKnowledge: 'cat',
    ...GRAPH_ONLY,
    learningRate: 0.005,
    epochs: 150,
    patience: 40,
  },
  paper: PAPER_CONFIG,
  cpu: CPU_CONFIG,
  'cpu-k250': CPU_K250_CONFIG,
  'paper-l6': PAPER_L6_CONFIG,
  'paper-ref': PAPER_REF_CONFIG,
  'paper-eval-dropout': PAPER_EVAL_DROPOUT_CONFIG,
};

export interface IbgFitSummary {
  dataset: string;
  nodes: number;
  arcs: number;
  communities: number;
  epochs: number;
  /** ‖A − Â‖_W / ‖A‖_W of the final fit. */
  relativeError: number;
  /** ‖A − Â‖_F / ‖A‖_F of the final fit. */
  unweightedRelativeError: number;
  /** Wall time of the fit per epoch (ms), over the epochs this process ran (null when loaded from a checkpoint). */
  msPerEpoch: number | null;
}

export interface IbgSplitResult {
  dataset: string;
  split: number;
  model: IbgModelName;
  trainAccuracy: number;
  valAccuracy: number;
  testAccuracy: number;
  bestEpoch: number;
  epochs: number;
  stopped: string;
  /** Median wall time of one training step (forward + backward + update), ms. */
  medianStepMs: number;
}

export interface IbgSummary {
  dataset: string;
  model: IbgModelName;
  splits: number;
  /** Test accuracy in %, mean and sample standard deviation over the splits. */
  mean: number;
  std: number;
  /** Seed 003's number for the row, in %. */
  seed: number | null;
  medianStepMs: number;
}

export interface IbgRunResult {
  fits: IbgFitSummary[];
  splits: IbgSplitResult[];
  summary: IbgSummary[];
}

export type IbgProgress =
  | { phase: 'fit'; dataset: string; epoch: number; epochs: number; relativeError: number }
  | { phase: 'encode'; dataset: string; epoch: number; epochs: number; loss: number }
  /** epoch: epochs done (1-based); bestEpoch: 0-based epoch of the best validation accuracy so far (the run ends after epoch bestEpoch + patience + 1 unless it improves). */
  | { phase: 'train'; dataset: string; split: number; model: IbgModelName; epoch: number; epochs: number; valAccuracy: number; bestEpoch: number }
  /** epochs: the length of the finished (or loaded) run. */
  | { phase: 'done'; dataset: string; split: number; model: IbgModelName; testAccuracy: number; cached: boolean; epochs: number };

export interface RunIbgOptions {
  outDir: string;
  /** Folder holding chameleon/ and squirrel/ (see loadChameleon); undefined: findDataDir. */
  dataDir: string | undefined;
  /** Datasets supplied directly (tests, synthetic data), by name; they take precedence over the loaders. */
  datasets?: Record<string, NodeClassificationDataset>;
  onProgress?: (p: IbgProgress) => void;
  signal?: AbortSignal;
  commit?: string;
  /**
   * Save a training run's state every this many epochs (and on abort), so that an interrupted run resumes from
   * there; 0: only the finished runs are kept. @default 50
   */
  trainCheckpointEvery?: number;
}

async function loadDataset(name: string, options: RunIbgOptions): Promise<NodeClassificationDataset> {
  const given = options.datasets?.[name];
  // the key names the dataset in file names and tables, whatever its own name
  if (given !== undefined) return given.name === name ? given : { ...given, name };
  if (name === 'chameleon') return loadChameleon(options.dataDir);
  if (name === 'squirrel') return loadSquirrel(options.dataDir);
  throw new Error(`run-ibg-experiment: unknown dataset ${name} (chameleon, squirrel, or pass it in options.datasets)`);
}

// ---- checkpoints: JSON with the Float64Arrays as base64 of their bytes (base64-floats.ts) ----

const STATE_ARRAYS = ['sourceLogits', 'targetLogits', 'weights', 'sourceFeatures', 'targetFeatures', 'adamFirstMoments', 'adamSecondMoments'] as const;

/** @internal An IbgFitState as JSON-safe data (exported for the tests). */
export function encodeFitState(state: IbgFitState): Record<string, unknown> {
  const out: Record<string, unknown> = { ...state };
  for (const key of STATE_ARRAYS) out[key] = encodeFloats(state[key]);
  return out;
}

/** @internal The inverse of encodeFitState. */
export function decodeFitState(data: Record<string, unknown>): IbgFitState {
  const out: Record<string, unknown> = { ...data };
  for (const key of STATE_ARRAYS) out[key] = decodeFloat64(data[key]);
  return out as unknown as IbgFitState;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    // a missing or unreadable checkpoint is simply not used (atomic writes mean it is never half-written)
    return undefined;
  }
}

function fitFingerprint(config: IbgRunConfig, dataset: string): string {
  const features = config.fitFeatures ?? 0;
  return JSON.stringify({ dataset, communities: communitiesOf(config, dataset), fitLearningRate: config.fitLearningRate, densifyingScale: config.densifyingScale, fitSeed: 1, ...(features > 0 ? { fitFeatures: features } : {}) });
}

/** X R / √d: the node features projected by a fixed Gaussian d-column matrix R (seeded), dense N × d row-major. */
export function projectFeatures(features: NodeFeatures, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const cols = features.cols;
  const r = new Float64Array(cols * d);
  for (let i = 0; i < r.length; i++) r[i] = rng.normal() / Math.sqrt(d);
  const out = new Float64Array(features.rows * d);
  const add = (row: number, col: number, value: number) => {
    const o = row * d;
    const c = col * d;
    for (let j = 0; j < d; j++) out[o + j] = (out[o + j] as number) + value * (r[c + j] as number);
  };
  if (features.kind === 'sparse') {
    for (let i = 0; i < features.rows; i++) for (let e = features.offsets[i] as number; e < (features.offsets[i + 1] as number); e++) add(i, features.indices[e] as number, features.values[e] as number);
  } else {
    for (let i = 0; i < features.rows; i++) for (let k = 0; k < cols; k++) add(i, k, features.values[i * cols + k] as number);
  }
  return out;
}

/** The splits of one dataset (splitsByDataset, else splits). */
export function splitsOf(config: IbgRunConfig, dataset: string): number[] {
  return config.splitsByDataset?.[dataset] ?? config.splits;
}

/** K of one dataset (communitiesByDataset, else communities). */
export function communitiesOf(config: IbgRunConfig, dataset: string): number {
  return config.communitiesByDataset?.[dataset] ?? config.communities;
}

/** The fit epochs of one dataset (fitEpochsByDataset, else fitEpochs). */
export function fitEpochsOf(config: IbgRunConfig, dataset: string): number {
  return config.fitEpochsByDataset?.[dataset] ?? config.fitEpochs;
}

/** Whether a configuration trains a model that reads the IBG (IBG-NN); Dir-GNN and MLP read the graph and X only. */
export function usesIbg(config: IbgRunConfig): boolean {
  return config.models.includes('IBG-NN');
}

/** The settings one (dataset, split, model) result depends on: a change to another model's settings keeps it. */
function splitFingerprint(config: IbgRunConfig, dataset: string, split: number, model: IbgModelName): string {
  const common = {
    layers: config.layers,
    hidden: config.hidden,
    encoder: config.encoder,
    dropout: config.dropout,
    normalize: config.normalize,
    jumpingKnowledge: config.jumpingKnowledge,
    learningRate: config.learningRate,
    epochs: config.epochs,
    patience: config.patience,
    // only when set, so that earlier results keep their fingerprints
    ...(config.evaluation === undefined ? {} : { evaluation: config.evaluation }),
  };
  if (model === 'Dir-GNN') return JSON.stringify({ ...common, dirGnnAlpha: config.dirGnnAlpha ?? 0.5, dirGnnRootWeight: config.dirGnnRootWeight ?? true, dataset, split, model });
  if (model === 'MLP') return JSON.stringify({ ...common, dataset, split, model });
  return JSON.stringify({
    ...common,
    fit: fitFingerprint(config, dataset),
    fitEpochs: fitEpochsOf(config, dataset),
    community: config.community ?? 'linear',
    pool: config.pool ?? 'mean',
    residual: config.residual[dataset] ?? false,
    selfTerm: config.ibgSelfTerm ?? true,
    ibgLayers: config.ibgLayers ?? config.layers,
    nodeFunction: config.ibgNodeFunction ?? 'linear',
    communityReadout: config.ibgCommunityReadout ?? 'none',
    branches: config.ibgBranches ?? 'joint',
    signalEncoder: config.signalEncoder ?? null,
    // only when set, so that the results of configurations from before these options keep their fingerprints
    ...(config.ibgHead === undefined ? {} : { head: config.ibgHead }),
    ...(config.ibgInitializer === undefined ? {} : { initializer: config.ibgInitializer }),
    dataset,
    split,
    model,
  });
}

/** The file of one (dataset, split, model) result in the checkpoint folder. */
function splitResultFile(dataset: string, split: number, model: IbgModelName): string {
  return `${dataset}-split-${split}-${model}.json`;
}

/** The file of one (dataset, split, model) run's mid-training state, until its result file replaces it. */
function splitTrainingFile(dataset: string, split: number, model: IbgModelName): string {
  return `${dataset}-split-${split}-${model}.training.json`;
}

/**
 * Epoch counts of the finished runs in `outDir` that a part leaves out: other splits of the configuration's datasets
 * and models, trained with the same settings (their result files' fingerprints match). They tell how long a model's
 * runs last before the part has finished one (IbgEta). Unreadable or foreign files are skipped.
 */
export function finishedRunLengthsOutside(config: IbgRunConfig, outDir: string): Map<IbgModelName, number[]> {
  const lengths = new Map<IbgModelName, number[]>();
  const folder = join(outDir, 'checkpoints');
  if (!existsSync(folder)) return lengths;
  const files = readdirSync(folder).sort();
  for (const dataset of config.datasets) {
    const inPart = new Set(splitsOf(config, dataset));
    const prefix = `${dataset}-split-`;
    for (const model of config.models) {
      for (const file of files) {
        if (!file.startsWith(prefix)) continue;
        const split = Number.parseInt(file.slice(prefix.length), 10);
        // the name must be exactly this split's result file (no other model, no leading zeros or trailing text)
        if (!Number.isInteger(split) || file !== splitResultFile(dataset, split, model) || inPart.has(split)) continue;
        const saved = readJson(join(folder, file)) as { fingerprint?: string; result?: { epochs?: unknown } } | undefined;
        const epochs = saved?.result?.epochs;
        if (saved?.fingerprint !== splitFingerprint(config, dataset, split, model) || typeof epochs !== 'number') continue;
        lengths.set(model, [...(lengths.get(model) ?? []), epochs]);
      }
    }
  }
  return lengths;
}

/**
 * The frozen encoded features of IBG-NN's input (config.signalEncoder), trained once per dataset against its IBG
 * and kept as a checkpoint; undefined when the configuration has none.
 */
export function encodeDatasetSignal(data: NodeClassificationDataset, factors: IbgFactors, config: IbgRunConfig, options: RunIbgOptions): NodeFeatures | undefined {
  const enc = config.signalEncoder;
  if (enc === undefined || !usesIbg(config)) return undefined;
  const path = join(options.outDir, 'checkpoints', `${data.name}-signal-encoder.json`);
  const fingerprint = JSON.stringify({ fit: fitFingerprint(config, data.name), fitEpochs: fitEpochsOf(config, data.name), ...enc, seed: 1 });
  const saved = readJson(path) as { fingerprint?: string; encoded?: string } | undefined;
  let encoded: Float64Array;
  if (saved?.fingerprint === fingerprint && typeof saved.encoded === 'string') {
    encoded = decodeFloat64(saved.encoded);
  } else {
    const fit = fitSignalEncoder(factors, data.features, {
      dim: enc.dim,
      seed: 1,
      epochs: enc.epochs,
      learningRate: enc.learningRate,
      progressEvery: 10,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (p) => options.onProgress?.({ phase: 'encode', dataset: data.name, epoch: p.epoch, epochs: p.epochs, loss: p.loss }),
    });
    encoded = fit.encoded;
    writeJsonAtomic(path, { fingerprint, loss: fit.losses[fit.losses.length - 1], encoded: encodeFloats(encoded) });
  }
  return { kind: 'dense', rows: data.graph.order, cols: enc.dim, values: encoded };
}

/** Fits (or resumes, or loads) the IBG of one dataset; checkpoints every `fitCheckpointEvery` epochs. */
export function fitDatasetIbg(data: NodeClassificationDataset, config: IbgRunConfig, options: RunIbgOptions): { factors: IbgFactors; summary: IbgFitSummary } {
  const path = join(options.outDir, 'checkpoints', `${data.name}-ibg-fit.json`);
  const fingerprint = fitFingerprint(config, data.name);
  const every = config.fitCheckpointEvery ?? 250;
  const fitEpochs = fitEpochsOf(config, data.name);
  let resume: IbgFitState | undefined;
  const saved = readJson(path) as { fingerprint?: string; state?: Record<string, unknown> } | undefined;
  if (saved?.fingerprint === fingerprint && saved.state !== undefined) {
    const state = decodeFitState(saved.state);
    // a longer checkpoint than asked for is not cut back: start afresh
    if (state.epoch <= fitEpochs) resume = state;
  }
  const done = resume?.epoch ?? 0;
  const save = (state: IbgFitState) => writeJsonAtomic(path, { fingerprint, state: encodeFitState(state) });
  const started = performance.now();
  const fit = fitIbg(data.graph, {
    communities: communitiesOf(config, data.name),
    epochs: fitEpochs - done,
    learningRate: config.fitLearningRate,
    densifyingScale: config.densifyingScale,
    ...((config.fitFeatures ?? 0) > 0 ? { features: projectFeatures(data.features, config.fitFeatures as number, 2), signalWeight: 1 } : {}),
    ...(resume === undefined ? { rng: createRng(1) } : { resume }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (p: FitIbgProgress) => {
      if (p.epoch % every === 0 && p.epoch < p.totalEpochs) save(p.snapshot());
      if (p.epoch % 10 === 0 || p.epoch === p.totalEpochs) options.onProgress?.({ phase: 'fit', dataset: data.name, epoch: p.epoch, epochs: p.totalEpochs, relativeError: p.relativeError });
    },
  });
  const elapsed = performance.now() - started;
  if (done < fitEpochs) save(fit.state);
  return {
    factors: fit.factors,
    summary: {
      dataset: data.name,
      nodes: data.graph.order,
      arcs: data.graph.offsets[data.graph.order] as number,
      communities: communitiesOf(config, data.name),
      epochs: fitEpochs,
      relativeError: fit.loss.relativeError,
      unweightedRelativeError: fit.loss.unweightedRelativeError,
      msPerEpoch: fitEpochs > done ? elapsed / (fitEpochs - done) : null,
    },
  };
}

function buildModel(model: IbgModelName, data: NodeClassificationDataset, factors: IbgFactors | undefined, config: IbgRunConfig, seed: number, ibgInput: NodeFeatures | undefined): NodeClassifier {
  const common = { classes: data.classes, seed, hidden: config.hidden, layers: config.layers, encoder: config.encoder, dropout: config.dropout, normalize: config.normalize, jumpingKnowledge: config.jumpingKnowledge };
  if (model === 'IBG-NN') {
    if (factors === undefined) throw new Error(`run-ibg-experiment: IBG-NN on ${data.name} needs the fitted IBG`);
    return createIbgnnClassifier(factors, ibgInput ?? data.features, {
      ...common,
      // the frozen encoded features are IBG-NN's input as they are
      ...(ibgInput === undefined ? {} : { encoder: 0 }),
      layers: config.ibgLayers ?? config.layers,
      residual: config.residual[data.name] ?? false,
      selfTerm: config.ibgSelfTerm ?? true,
      ...(config.community === undefined ? {} : { community: config.community }),
      ...(config.pool === undefined ? {} : { pool: config.pool }),
      ...(config.ibgNodeFunction === undefined ? {} : { nodeFunction: config.ibgNodeFunction }),
      ...(config.ibgCommunityReadout === undefined ? {} : { communityReadout: config.ibgCommunityReadout }),
      ...(config.ibgBranches === undefined ? {} : { branches: config.ibgBranches }),
      ...(config.ibgHead === undefined ? {} : { head: config.ibgHead }),
      ...(config.ibgInitializer === undefined ? {} : { initializer: config.ibgInitializer }),
    });
  }
  if (model === 'MLP') return createMlpClassifier(data.features, common);
  return createDirGnnClassifier(data.graph, data.features, { ...common, alpha: config.dirGnnAlpha ?? 0.5, rootWeight: config.dirGnnRootWeight ?? true });
}

/**
 * One (dataset, split, model): loaded from its result file when present, else trained and saved. `factors` (the
 * dataset's fitted IBG) may be undefined for the models that do not read it.
 */
export function runIbgSplit(data: NodeClassificationDataset, factors: IbgFactors | undefined, split: number, model: IbgModelName, config: IbgRunConfig, options: RunIbgOptions, ibgInput?: NodeFeatures): IbgSplitResult {
  const path = join(options.outDir, 'checkpoints', splitResultFile(data.name, split, model));
  const fingerprint = splitFingerprint(config, data.name, split, model);
  const saved = readJson(path) as { fingerprint?: string; result?: IbgSplitResult } | undefined;
  if (saved?.fingerprint === fingerprint && saved.result !== undefined) {
    options.onProgress?.({ phase: 'done', dataset: data.name, split, model, testAccuracy: saved.result.testAccuracy, cached: true, epochs: saved.result.epochs });
    return saved.result;
  }
  const nodeSplit = data.splits[split];
  if (nodeSplit === undefined) throw new Error(`run-ibg-experiment: ${data.name} has no split ${split} (it has ${data.splits.length})`);
  const classifier = buildModel(model, data, factors, config, 1000 + split, ibgInput);
  const trainingPath = join(options.outDir, 'checkpoints', splitTrainingFile(data.name, split, model));
  const resume = readTrainingCheckpoint(trainingPath, fingerprint);
  const save = (state: NodeTrainingState) => writeTrainingCheckpoint(trainingPath, fingerprint, state);
  try {
    let r: ReturnType<typeof trainNodeClassifier>;
    try {
      r = trainNodeClassifier(classifier, data, nodeSplit, {
        epochs: config.epochs,
        learningRate: config.learningRate,
        patience: config.patience,
        ...(config.evaluation === undefined ? {} : { evaluation: config.evaluation }),
        checkpointEvery: options.trainCheckpointEvery ?? 50,
        onCheckpoint: save,
        ...(resume === undefined ? {} : { resume }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        onProgress: (p) => options.onProgress?.({ phase: 'train', dataset: data.name, split, model, epoch: p.epoch + 1, epochs: p.epochs, valAccuracy: p.valAccuracy, bestEpoch: p.bestEpoch }),
      });
    } catch (e) {
      // a state with this run's fingerprint that the trainer rejects (written by other code): name the file
      if (!InvalidArgumentError.isInstance(e) || !e.argument.startsWith('options.resume')) throw e;
      throw new ParseError({ pkg: 'apps', fn: 'experiment ibg', file: trainingPath, line: 0, column: 0, expected: 'a training state this run can resume (delete the file to start the run afresh)', found: e.message, cause: e });
    }
    if (r.stopped === 'aborted') throw options.signal?.reason ?? new Error('aborted');
    const result: IbgSplitResult = {
      dataset: data.name,
      split,
      model,
      trainAccuracy: r.trainAccuracy,
      valAccuracy: r.valAccuracy,
      testAccuracy: r.testAccuracy,
      bestEpoch: r.bestEpoch,
      epochs: r.epochs,
      stopped: r.stopped,
      medianStepMs: r.medianStepMs,
    };
    writeJsonAtomic(path, { fingerprint, result });
    removeTrainingCheckpoint(trainingPath);
    options.onProgress?.({ phase: 'done', dataset: data.name, split, model, testAccuracy: result.testAccuracy, cached: false, epochs: result.epochs });
    return result;
  } finally {
    classifier.dispose();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Mean ± sample standard deviation (in %) of the test accuracies per dataset and model. */
export function summariseIbg(splits: readonly IbgSplitResult[]): IbgSummary[] {
  const out: IbgSummary[] = [];
  for (const dataset of [...new Set(splits.map((s) => s.dataset))]) {
    for (const model of IBG_MODELS) {
      const rs = splits.filter((s) => s.dataset === dataset && s.model === model);
      if (rs.length === 0) continue;
      const { mean, std } = meanAndStd(rs.map((r) => 100 * r.testAccuracy));
      out.push({ dataset, model, splits: rs.length, mean, std, seed: IBG_SEED_ACCURACY[dataset]?.[model] ?? null, medianStepMs: median(rs.map((r) => r.medianStepMs)) });
    }
  }
  return out;
}

/**
 * Every dataset × split × model of a configuration; writes results.json and results.svg atomically into `outDir`.
 * The IBG is fitted (or loaded) only when a model reads it (usesIbg): a Dir-GNN part does not wait hours for a fit,
 * and its results.json lists no fit.
 */
export async function runIbgExperiment(config: IbgRunConfig, options: RunIbgOptions): Promise<IbgRunResult> {
  const fits: IbgFitSummary[] = [];
  const splits: IbgSplitResult[] = [];
  for (const name of config.datasets) {
    const data = await loadDataset(name, options);
    let factors: IbgFactors | undefined;
    let ibgInput: NodeFeatures | undefined;
    if (usesIbg(config)) {
      const fitted = fitDatasetIbg(data, config, options);
      factors = fitted.factors;
      fits.push(fitted.summary);
      ibgInput = encodeDatasetSignal(data, factors, config, options);
    }
    for (const split of splitsOf(config, name)) {
      for (const model of config.models) splits.push(runIbgSplit(data, factors, split, model, config, options, ibgInput));
    }
  }
  const summary = summariseIbg(splits);
  const finished = new Date().toISOString();
  writeJsonAtomic(join(options.outDir, 'results.json'), { config, commit: options.commit ?? null, finished, backend: tf.getBackend(), fits, summary, splits });
  writeFileAtomic(join(options.outDir, 'results.svg'), ibgFigure(summary, config.name));
  return { fits, splits, summary };
}

/** True when `outDir` holds a finished results.json (for callers that want to skip a finished configuration). */
export function hasIbgResults(outDir: string): boolean {
  return existsSync(join(outDir, 'results.json'));
}
