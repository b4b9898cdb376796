/** `isinglab data stats`: statistics of every graph and mesh file in the data folder, as a table and JSON. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InvalidArgumentError } from '@isinglab/graph';
import { formatTable, writeJsonAtomic } from '@isinglab/graph/testing';
import { graphStats, type GraphStats } from '../lib/graph-stats.js';
import { locateData, resultsDir } from '../lib/paths.js';
import type { CliIo } from '../cli/io.js';

/** Files read as directed graphs (their FORMAT.md says the edges are hyperlinks). */
const DIRECTED_FILES = new Set([
  'polblogs/edges.txt',
  'polblogs/polblogs.gml',
  'chameleon/out1_graph_edges.txt',
  'squirrel/out1_graph_edges.txt',
]);

/** Graph and mesh files under `dir`: MatrixMarket, GML, OBJ, OFF, PLY, and edge lists (`edges.txt`, `*_edges.txt`). */
export function listDataFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'splits' && name !== 'images' && name !== 'masks') walk(path);
      } else if (/\.(mtx|gml|obj|off|ply)$/i.test(name) || /(^|_)edges\.txt$/.test(name)) {
        out.push(path);
      }
    }
  };
  walk(dir);
  return out;
}

export interface DataStatsOptions {
  data?: string;
  json?: boolean;
  config?: string;
}

export async function dataStats(options: DataStatsOptions, io: CliIo): Promise<number> {
  const config = options.config ?? 'quick';
  if (config !== 'quick' && config !== 'paper') {
    throw new InvalidArgumentError({ pkg: 'apps', fn: 'data stats', argument: '--config', value: config, rule: "'quick' or 'paper'" });
  }
  const location = locateData(options.data);
  const files = listDataFiles(location.dir);
  if (files.length === 0) {
    throw new InvalidArgumentError({
      pkg: 'apps',
      fn: 'data stats',
      argument: '--data',
      value: location.dir,
      rule: 'a folder holding graph or mesh files (.mtx, .gml, .obj, .off, .ply, edges.txt)',
      hint: 'Point --data or ISINGLAB_DATA at ../shared/data.',
    });
  }
  io.err(`data stats: ${files.length} files in ${location.dir}${location.bundled ? ' (bundled copy: ../shared/data not found)' : ''}`);
  const started = Date.now();
  const rows: (GraphStats & { name: string; seconds: number })[] = [];
  for (const [i, file] of files.entries()) {
    const name = relative(location.dir, file);
    const t0 = Date.now();
    const stats = await graphStats(file, DIRECTED_FILES.has(name.split('\\').join('/')) ? { directed: true } : {});
    const seconds = (Date.now() - t0) / 1000;
    rows.push({ ...stats, file: name, name, seconds });
    const elapsed = (Date.now() - started) / 1000;
    const eta = (elapsed / (i + 1)) * (files.length - i - 1);
    io.err(`[${i + 1}/${files.length}] ${name} (${seconds.toFixed(2)} s; elapsed ${elapsed.toFixed(1)} s, eta ${eta.toFixed(1)} s)`);
  }
  const out = join(resultsDir(), 'data-stats', `${config}.json`);
  writeJsonAtomic(out, { config, dataDir: location.dir, bundled: location.bundled, files: rows });
  if (options.json) {
    io.out(JSON.stringify(rows, null, 2));
  } else {
    io.out(formatStatsTable(rows));
    io.out(`\nwritten: ${out}`);
  }
  return 0;
}

export function formatStatsTable(rows: readonly (GraphStats & { name: string })[]): string {
  const header = ['file', 'format', 'nodes', 'edges', 'comp', 'deg max', 'deg mean', 'blocks', 'artic', '2-core', 'colours', 'planar', 'FVS'];
  const body = rows.map((r) => [
    r.name,
    r.format + (r.directed ? '*' : ''),
    String(r.nodes),
    String(r.edges),
    String(r.components),
    String(r.maxDegree),
    r.meanDegree.toFixed(2),
    String(r.biconnectedComponents),
    String(r.articulationPoints),
    String(r.twoCoreSize),
    String(r.greedyColours),
    r.planar ? 'yes' : 'no',
    String(r.fvsSize),
  ]);
  const note = '* directed file; statistics are those of its undirected simple graph';
  return [formatTable([header, ...body], { leftAlignedColumns: 2 }), '', note].join('\n');
}
