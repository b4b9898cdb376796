// The IBG model topic: factors, loss and gradient, initialisation, fitting, fit quality, planted sampling.
export type { IbgFactors } from './ibg-factors.js';
export { ibgLoss, ibgLossGradientInto, createIbgGradient } from './ibg-loss.js';
export type { IbgLossOptions, IbgLossResult, IbgGradient } from './ibg-loss.js';
export { truncatedSvd } from './truncated-svd.js';
export type { TruncatedSvdOptions, TruncatedSvdResult } from './truncated-svd.js';
export { initialiseIbg } from './initialise-ibg.js';
export type { InitialiseIbgOptions, IbgInitMethod } from './initialise-ibg.js';
export { fitIbg } from './fit-ibg.js';
export type { FitIbgOptions, FitIbgResult, FitIbgProgress, IbgFitState } from './fit-ibg.js';
export { ibgFitQuality } from './ibg-fit-quality.js';
export type { IbgFitQualityOptions, IbgFitQuality, CutSimilarityEstimate } from './ibg-fit-quality.js';
export { samplePlantedIbg } from './sample-planted-ibg.js';
export type { SamplePlantedIbgOptions } from './sample-planted-ibg.js';
