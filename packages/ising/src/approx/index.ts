// Public exports of the approximate-inference topic; re-exported by src/index.ts.
export { naiveMeanField } from './naive-mean-field.js';
export type { NaiveMeanFieldOptions, NaiveMeanFieldResult } from './naive-mean-field.js';
export { loopyBeliefPropagation } from './loopy-belief-propagation.js';
export type { LoopyBeliefPropagationOptions, LoopyBeliefPropagationResult } from './loopy-belief-propagation.js';
export { magnetisationFromSamples, etaDeterministic, etaStochastic, etaMeanField } from './magnetisation-estimates.js';
export type { ApproxSchedule, OnNonConvergence } from './iteration-options.js';
