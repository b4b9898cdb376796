// Public exports of the VAN topic (re-exported by src/index.ts): the masked autoregressive network, its training and
// the estimates computed from its samples. made-kernel.ts is internal.
export type { UnnormalisedLogProb } from './target.js';
export { isingLogProb } from './target.js';
export { MadeVan } from './made-van.js';
export type { MadeVanOptions, MadeVanConfig, VanActivation, VanSample, VanSampleOptions } from './made-van.js';
export { trainVan } from './train-van.js';
export type { TrainVanOptions, TrainVanProgress, TrainVanHistory } from './train-van.js';
export { vanFreeEnergy } from './van-free-energy.js';
export type { VanFreeEnergyOptions, VanFreeEnergyEstimate } from './van-free-energy.js';
export { vanObservables } from './van-observables.js';
export type { VanObservablesOptions, VanObservables } from './van-observables.js';
export { fvsVanObservables } from './fvs-van-observables.js';
export type { FvsVanObservablesOptions, FvsVanObservables } from './fvs-van-observables.js';
