export { updateSchedule } from './update-schedule.js';
export type { UpdateSchedule, UpdateScheduleOptions } from './update-schedule.js';
export { sampleIsing, sampleIsingSync } from './sample-ising.js';
export { TIE_ACCEPTANCE } from '../internal/single-spin-kernel.js';
export type {
  AcceptanceRule,
  SampleIsingAsyncOptions,
  SampleIsingOptions,
  SampleIsingResult,
  SamplerCheckpoint,
  SamplerName,
  SamplerProgress,
} from './sample-ising.js';
