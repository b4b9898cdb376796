// Helpers for tests and benchmarks in isinglab packages and in users' own suites (exported as '@isinglab/graph/testing').
export { findDataDir } from './data-dir.js';
export { benchEnvironment, gitCommit, measure, formatTable, powerLawExponent, writeFileAtomic, writeJsonAtomic } from './bench.js';
export type { BenchEnvironment, FormatTableOptions, MeasureOptions, Measurement } from './bench.js';
