export { rlooWeights, rlooSurrogate, magnetisationPenalty } from './rloo.js';
export type { RlooSurrogateInput } from './rloo.js';
export { fieldLearningStep } from './field-learner.js';
export type { FieldLearningConfig, FieldLearningStep, GradientApplier } from './field-learner.js';
