/** Guessing a graph or mesh file's format from its name and, when the name does not settle it, its first lines. */
import { InvalidArgumentError } from '../errors/errors.js';

/** The formats `readGraphFile` reads. */
export type GraphFormat = 'edgelist' | 'matrixmarket' | 'gml' | 'obj' | 'off' | 'ply';

export const GRAPH_FORMATS: readonly GraphFormat[] = Object.freeze(['edgelist', 'matrixmarket', 'gml', 'obj', 'off', 'ply']);

/** Extensions that name one format for certain. */
const SPECIFIC: Readonly<Record<string, GraphFormat>> = Object.freeze({
  mtx: 'matrixmarket',
  mm: 'matrixmarket',
  gml: 'gml',
  obj: 'obj',
  off: 'off',
  ply: 'ply',
});
/** Generic text extensions: an edge list unless the content carries another format's signature. */
const GENERIC = new Set(['txt', 'edges', 'el', 'edgelist', 'tsv', 'csv']);

const OFF_HEADER = /^(ST)?C?N?4?n?OFF(\s|$)/;
const OBJ_KEYWORD = /^(v|vt|vn|f|o|g|s|usemtl|mtllib)\s/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The format a file's first lines announce, or undefined. Only unambiguous signatures count. */
function sniffSignature(lines: readonly string[]): GraphFormat | undefined {
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '').trim();
  if (first.startsWith('%%MatrixMarket')) return 'matrixmarket';
  if (first === 'ply') return 'ply';
  if (OFF_HEADER.test(first)) return 'off';
  const head = lines.join('\n');
  if (/(^|\s)graph\s*\[/.test(head)) return 'gml';
  return undefined;
}

/**
 * A weaker guess for files without a recognised extension: OBJ statements, or lines of 2–3 numbers (after at most
 * one header line).
 */
function sniffContent(lines: readonly string[]): GraphFormat | undefined {
  let headerAllowed = true;
  for (const raw of lines) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('%')) continue;
    if (OBJ_KEYWORD.test(line)) return 'obj';
    const tokens = line.split(/[\s,]+/);
    if ((tokens.length === 2 || tokens.length === 3) && tokens.every((t) => NUMBER.test(t))) return 'edgelist';
    if (!headerAllowed) return undefined;
    headerAllowed = false;
  }
  return undefined;
}

function splitHead(firstLines: string | readonly string[]): readonly string[] {
  return typeof firstLines === 'string' ? firstLines.split(/\r?\n/).slice(0, 64) : firstLines.slice(0, 64);
}

/**
 * The format of the file at `path`: a specific extension decides (.mtx/.mm, .gml, .obj, .off, .ply); a generic
 * text extension (.txt, .edges, .el, .edgelist, .tsv, .csv) means an edge list unless `firstLines` carry a
 * MatrixMarket banner, a PLY magic line, an OFF header or a GML `graph [`; other names are decided by `firstLines`
 * alone. Returns undefined when nothing decides. Pure: reads no file (`readGraphFile` passes the head of the file).
 * O(length of `firstLines`, at most its first 64 lines).
 */
export function detectGraphFormat(path: string, firstLines?: string | readonly string[]): GraphFormat | undefined {
  const site = { pkg: 'graph', fn: 'detectGraphFormat' };
  if (typeof path !== 'string') throw new InvalidArgumentError({ ...site, argument: 'path', value: path, rule: 'a string' });
  if (firstLines !== undefined && typeof firstLines !== 'string' && !Array.isArray(firstLines)) {
    throw new InvalidArgumentError({ ...site, argument: 'firstLines', value: firstLines, rule: 'a string, an array of lines, or undefined' });
  }
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  if (Object.prototype.hasOwnProperty.call(SPECIFIC, ext)) return SPECIFIC[ext];
  const lines = firstLines === undefined ? undefined : splitHead(firstLines);
  const signature = lines === undefined ? undefined : sniffSignature(lines);
  if (signature !== undefined) return signature;
  if (GENERIC.has(ext)) return 'edgelist';
  return lines === undefined ? undefined : sniffContent(lines);
}
