// Public exports of the FVS-reduction topic; re-exported by src/index.ts.
export { fvsReduction, checkFvsReduction } from './fvs-reduction.js';
export type { FvsReduction, FvsReductionOptions } from './fvs-reduction.js';
export { fvsLogWeightsInto, fvsUnnormalisedLogProb } from './fvs-log-weights.js';
export { enumerateFvs, MAX_FVS_ENUMERATION } from './enumerate-fvs.js';
export type { EnumerateFvsOptions, FvsEnumeration } from './enumerate-fvs.js';
export { sampleForestInto } from './sample-forest.js';
export { forestConditionalMomentsInto } from './forest-conditional-moments.js';
export type { ForestMomentsOut } from './forest-conditional-moments.js';
