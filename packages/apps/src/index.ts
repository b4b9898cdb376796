// @isinglab/apps: the experiment pipelines and the isinglab CLI. The programmatic surface is small.
export { runCli, USAGE } from './cli/run-cli.js';
export type { CliIo } from './cli/io.js';
export { graphStats, formatGraphStats } from './lib/graph-stats.js';
export type { GraphStats, GraphStatsOptions } from './lib/graph-stats.js';
export { listDataFiles } from './commands/data-stats.js';
