// IBG-NN: the fixed IBG operators, the IBGConv layer, node classifiers (IBG-NN and baselines) and their trainer.
export { pseudoInverse } from './pseudo-inverse.js';
export type { PseudoInverseOptions } from './pseudo-inverse.js';
export { ibgOperators, ibgOperatorMatrices, operatorsFromMatrices, isIbgOperators, checkIbgFactors } from './ibg-operators.js';
export type { IbgOperators, IbgOperatorMatrices, IbgOperatorsOptions } from './ibg-operators.js';
export { IBGConv } from './ibg-conv.js';
export type { IBGConvConfig, IbgKwargs, CommunityFunction, CommunityReadout, NodeFunction, IbgDirections, IbgInitializer } from './ibg-conv.js';
export type { NodeClassifier } from './node-classifier.js';
export { createIbgnnClassifier, ibgnnClassifierConfig, IbgnnClassifier } from './ibgnn-classifier.js';
export type { IbgnnClassifierOptions, IbgnnClassifierConfig } from './ibgnn-classifier.js';
export { createDirGnnClassifier, createMlpClassifier, DirGnnClassifier, MlpClassifier } from './dir-gnn-classifier.js';
export type { DirGnnClassifierOptions, MlpClassifierOptions } from './dir-gnn-classifier.js';
export { trainNodeClassifier } from './train-node-classifier.js';
export type { TrainNodeClassifierOptions, NodeTrainingResult, NodeTrainingProgress, NodeTrainingState } from './train-node-classifier.js';
export { fitSignalEncoder } from './fit-signal-encoder.js';
export type { FitSignalEncoderOptions, SignalEncoderFit } from './fit-signal-encoder.js';
