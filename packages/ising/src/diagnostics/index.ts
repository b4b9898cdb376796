export { autocorrelation } from './autocorrelation.js';
export type { AutocorrelationOptions } from './autocorrelation.js';
export { integratedAutocorrelationTime } from './integrated-autocorrelation-time.js';
export type {
  IntegratedAutocorrelationTimeOptions,
  IntegratedAutocorrelationTimeResult,
  TauMethod,
} from './integrated-autocorrelation-time.js';
export { effectiveSampleSize } from './effective-sample-size.js';
export type { EffectiveSampleSizeOptions } from './effective-sample-size.js';
export { bulkEffectiveSampleSize } from './bulk-effective-sample-size.js';
export type { BulkEffectiveSampleSizeOptions } from './bulk-effective-sample-size.js';
export { splitRHat } from './split-r-hat.js';
export type { SplitRHatOptions } from './split-r-hat.js';
export { rankNormalizedSplitRHat } from './rank-normalized-split-r-hat.js';
export type { RankNormalizedSplitRHatOptions } from './rank-normalized-split-r-hat.js';
export { meanWithError } from './mean-with-error.js';
export type { MeanWithErrorOptions, MeanWithErrorResult } from './mean-with-error.js';
export { nodeMarginalsFromSamples } from './node-marginals-from-samples.js';
export { pairCorrelationsFromSamples } from './pair-correlations-from-samples.js';
export { magnetisationSeries } from './magnetisation-series.js';
export type { MagnetisationSeriesOptions } from './magnetisation-series.js';
export { energySeries } from './energy-series.js';
export { nodeMarginalErrors } from './node-marginal-errors.js';
export type { NodeMarginalErrorsOptions, NodeMarginalErrorsResult } from './node-marginal-errors.js';
