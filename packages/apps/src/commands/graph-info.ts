/** `isinglab graph info FILE [--format F] [--json] [--directed]`. */
import { checkOneOf, GRAPH_FORMATS } from '@isinglab/graph';
import { formatGraphStats, graphStats } from '../lib/graph-stats.js';
import type { CliIo } from '../cli/io.js';

export interface GraphInfoOptions {
  format?: string;
  json?: boolean;
  directed?: boolean;
}

export async function graphInfo(file: string, options: GraphInfoOptions, io: CliIo): Promise<number> {
  const format = options.format === undefined ? undefined : checkOneOf({ pkg: 'apps', fn: 'graph info' }, '--format', options.format, GRAPH_FORMATS);
  const stats = await graphStats(file, { ...(format ? { format } : {}), ...(options.directed ? { directed: true } : {}) });
  io.out(options.json ? JSON.stringify(stats) : formatGraphStats(stats));
  return 0;
}
