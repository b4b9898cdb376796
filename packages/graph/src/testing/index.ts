// Helpers for tests in isinglab packages and in users' own test suites (exported as '@isinglab/graph/testing').
export { findDataDir } from './data-dir.js';
