/**
 * Reader of a directed node-classification folder in Geom-GCN's text layout (Pei et al., ICLR 2020), the form in
 * which seed 003 (Appendix L.1) evaluates IBG-NN on chameleon and squirrel:
 *
 *   out1_graph_edges.txt          header `node_id<TAB>node_id`, then one arc `source<TAB>target` per line
 *   out1_node_feature_label.txt   header `node_id<TAB>feature<TAB>label<TAB>feature_dim<TAB>D`, then
 *                                 `id<TAB>i1,i2,...<TAB>label` per node in id order (sparse 0/1 features)
 *   splits/split_<i>.txt          i = 0, 1, ...: `id<TAB>train|val|test|none` per node in id order, no header
 *
 * node:fs is imported lazily so the package still loads in browsers.
 */
import { InvalidArgumentError, ParseError, buildGraph, checkOneOf, checkOptions, type Graph } from '@isinglab/graph';
import type { NodeClassificationDataset, NodeSplit, SparseNodeFeatures } from './node-dataset.js';

export interface ReadDirectedNodeDatasetOptions {
  /**
   * Arcs u → u in the edge file. `'keep'` (the files' 50 in chameleon, 140 in squirrel stay, as in PyG's
   * WikipediaNetwork that the seed's code loads) or `'drop'`. @default 'keep'
   */
  selfLoops?: 'keep' | 'drop';
  /** Dataset name. @default the folder's base name */
  name?: string;
}

const FN = 'readDirectedNodeDataset';
const SITE = { pkg: 'ibg', fn: FN } as const;
const EDGE_FILE = 'out1_graph_edges.txt';
const FEATURE_FILE = 'out1_node_feature_label.txt';
const SPLIT_DIR = 'splits';
const SPLIT_ROLES = ['train', 'val', 'test', 'none'] as const;

/**
 * Reads a Geom-GCN folder into a {@link NodeClassificationDataset}: the directed graph (one arc per edge line;
 * a repeated arc is a ParseError, since the format promises none), sparse binary features, labels and every
 * split file `splits/split_0.txt`, `split_1.txt`, ... (numbered from 0 without gaps; at least one).
 * O(file sizes). Malformed lines give a ParseError with file, line and column; a missing folder or file gives an
 * InvalidArgumentError naming it.
 * @example const data = await readDirectedNodeDataset('/data/chameleon'); // 2277 nodes, 36101 arcs, 10 splits
 */
export async function readDirectedNodeDataset(dir: string, options?: ReadDirectedNodeDatasetOptions): Promise<NodeClassificationDataset> {
  const opts = checkOptions<ReadDirectedNodeDatasetOptions>(SITE, options, ['selfLoops', 'name']);
  const selfLoops = checkOneOf(SITE, 'options.selfLoops', opts.selfLoops ?? 'keep', ['keep', 'drop'] as const);
  if (typeof dir !== 'string' || dir.length === 0) throw new InvalidArgumentError({ ...SITE, argument: 'dir', value: dir, rule: 'a non-empty folder path' });
  const fs = await import('node:fs/promises');
  const path = await import('node:path');
  const name = opts.name ?? path.basename(path.resolve(dir));
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError({ ...SITE, argument: 'options.name', value: name, rule: 'a non-empty string' });
  const folderRule = `a folder holding ${EDGE_FILE}, ${FEATURE_FILE} and ${SPLIT_DIR}/split_<i>.txt (Geom-GCN layout)`;
  const isDir = async (p: string) => (await fs.stat(p).catch(() => undefined))?.isDirectory() === true;
  if (!(await isDir(dir))) {
    throw new InvalidArgumentError({ ...SITE, argument: 'dir', value: dir, rule: folderRule, hint: 'The folder does not exist.' });
  }
  const read = async (file: string): Promise<string> => {
    try {
      return await fs.readFile(path.join(dir, file), 'utf8');
    } catch (cause) {
      throw new InvalidArgumentError({ ...SITE, argument: 'dir', value: dir, rule: folderRule, hint: `Cannot read ${file} in it.`, cause });
    }
  };
  const featureFile = path.join(dir, FEATURE_FILE);
  const { features, labels, classes } = parseFeatureFile(await read(FEATURE_FILE), featureFile);
  const nodes = labels.length;
  const graph = parseEdgeFile(await read(EDGE_FILE), path.join(dir, EDGE_FILE), nodes, selfLoops);

  const splitDir = path.join(dir, SPLIT_DIR);
  const entries = (await isDir(splitDir)) ? await fs.readdir(splitDir) : [];
  const numbers = new Set<number>();
  for (const entry of entries) {
    const m = /^split_(\d+)\.txt$/.exec(entry);
    if (m !== null) numbers.add(Number(m[1]));
  }
  const count = numbers.size;
  for (let i = 0; i < count; i++) {
    if (!numbers.has(i)) {
      throw new InvalidArgumentError({ ...SITE, argument: 'dir', value: dir, rule: folderRule, hint: `${SPLIT_DIR}/ has ${count} split files but not split_${i}.txt (they must be numbered 0..${count - 1}).` });
    }
  }
  if (count === 0) throw new InvalidArgumentError({ ...SITE, argument: 'dir', value: dir, rule: folderRule, hint: `No ${SPLIT_DIR}/split_0.txt found.` });
  const splits: NodeSplit[] = [];
  for (let i = 0; i < count; i++) {
    const file = `${SPLIT_DIR}/split_${i}.txt`;
    splits.push(parseSplitFile(await read(file), path.join(dir, file), nodes));
  }
  return Object.freeze({ name, graph, features, labels, classes, splits: Object.freeze(splits) });
}

/** Splits text into lines (LF or CRLF); a final newline does not make an extra line. */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  for (let k = 0; k < out.length; k++) {
    const s = out[k] as string;
    if (s.endsWith('\r')) out[k] = s.slice(0, -1);
  }
  return out;
}

function fail(file: string, line: number, column: number, expected: string, found?: string): never {
  throw new ParseError({ ...SITE, file, line, column, expected, ...(found === undefined ? {} : { found }) });
}

function quote(token: string): string {
  return token.length === 0 ? 'an empty field' : JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
}

/** Decimal digits only (no sign, no spaces), below 2^31; −1 otherwise. */
function parseIndex(s: string, start: number, end: number): number {
  if (end <= start || end - start > 10) return -1;
  let v = 0;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v <= 0x7fffffff ? v : -1;
}

function parseFeatureFile(text: string, file: string): { features: SparseNodeFeatures; labels: Int32Array; classes: number } {
  const ls = lines(text);
  if (ls.length === 0) fail(file, 0, 0, 'a header line', 'an empty file');
  const header = (ls[0] as string).split('\t');
  const names = ['node_id', 'feature', 'label', 'feature_dim'];
  if (header.length !== 5 || names.some((n, k) => header[k] !== n)) {
    fail(file, 1, 1, 'the header `node_id<TAB>feature<TAB>label<TAB>feature_dim<TAB>D`', quote(ls[0] as string));
  }
  const dimText = header[4] as string;
  const dim = parseIndex(dimText, 0, dimText.length);
  if (dim < 1) fail(file, 1, (ls[0] as string).lastIndexOf('\t') + 2, 'a positive feature dimension', quote(dimText));
  const nodes = ls.length - 1;
  const offsets = new Int32Array(nodes + 1);
  const labels = new Int32Array(nodes);
  // first pass: count entries so the index array is allocated once
  let nnz = 0;
  for (let i = 0; i < nodes; i++) {
    const s = ls[i + 1] as string;
    const a = s.indexOf('\t');
    const b = a < 0 ? -1 : s.indexOf('\t', a + 1);
    if (b > a + 1) for (let k = a + 1; k < b; k++) if (s.charCodeAt(k) === 44) nnz++;
    if (b > a + 1) nnz++;
  }
  const indices = new Int32Array(nnz);
  let at = 0;
  let maxLabel = -1;
  for (let i = 0; i < nodes; i++) {
    const lineNo = i + 2;
    const s = ls[i + 1] as string;
    const a = s.indexOf('\t');
    const b = a < 0 ? -1 : s.indexOf('\t', a + 1);
    if (a < 0 || b < 0 || s.indexOf('\t', b + 1) >= 0) fail(file, lineNo, 1, 'three tab-separated fields `id<TAB>features<TAB>label`', quote(s));
    const id = parseIndex(s, 0, a);
    if (id !== i) fail(file, lineNo, 1, `node id ${i} (nodes are listed in id order from 0)`, quote(s.slice(0, a)));
    offsets[i] = at;
    if (b > a + 1) {
      let start = a + 1;
      let previous = -1;
      for (;;) {
        let stop = s.indexOf(',', start);
        if (stop < 0 || stop > b) stop = b;
        const k = parseIndex(s, start, stop);
        if (k < 0 || k >= dim) fail(file, lineNo, start + 1, `a feature index in [0, ${dim})`, quote(s.slice(start, stop)));
        if (k <= previous) fail(file, lineNo, start + 1, `feature indices in ascending order without repeats (after ${previous})`, quote(s.slice(start, stop)));
        indices[at++] = k;
        previous = k;
        if (stop === b) break;
        start = stop + 1;
      }
    }
    const label = parseIndex(s, b + 1, s.length);
    if (label < 0) fail(file, lineNo, b + 2, 'a non-negative integer label', quote(s.slice(b + 1)));
    labels[i] = label;
    if (label > maxLabel) maxLabel = label;
  }
  offsets[nodes] = at;
  const values = new Float64Array(nnz).fill(1);
  const features: SparseNodeFeatures = Object.freeze({ kind: 'sparse', rows: nodes, cols: dim, offsets, indices, values });
  return { features, labels, classes: maxLabel + 1 };
}

function parseEdgeFile(text: string, file: string, nodes: number, selfLoops: 'keep' | 'drop'): Graph {
  const ls = lines(text);
  if (ls.length === 0) fail(file, 0, 0, 'a header line', 'an empty file');
  if (ls[0] !== 'node_id\tnode_id') fail(file, 1, 1, 'the header `node_id<TAB>node_id`', quote(ls[0] as string));
  const m = ls.length - 1;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const lineNo = e + 2;
    const s = ls[e + 1] as string;
    const a = s.indexOf('\t');
    if (a < 0 || s.indexOf('\t', a + 1) >= 0) fail(file, lineNo, 1, 'two tab-separated node ids `source<TAB>target`', quote(s));
    const u = parseIndex(s, 0, a);
    if (u < 0 || u >= nodes) fail(file, lineNo, 1, `a node id in [0, ${nodes})`, quote(s.slice(0, a)));
    const v = parseIndex(s, a + 1, s.length);
    if (v < 0 || v >= nodes) fail(file, lineNo, a + 2, `a node id in [0, ${nodes})`, quote(s.slice(a + 1)));
    sources[e] = u;
    targets[e] = v;
  }
  const built = buildGraph({ order: nodes, sources, targets }, { directed: true, selfLoops, duplicates: 'first' });
  if (built.duplicatesDropped > 0) {
    // report the first repeated line and the line it repeats
    const firstLine = new Int32Array(built.graph.size).fill(-1);
    for (let e = 0; e < m; e++) {
      const id = built.inputToEdge[e] as number;
      if (id < 0) continue;
      if ((firstLine[id] as number) >= 0) {
        fail(file, e + 2, 1, `distinct arcs (this one repeats line ${firstLine[id]})`, quote(ls[e + 1] as string));
      }
      firstLine[id] = e + 2;
    }
  }
  return built.graph;
}

function parseSplitFile(text: string, file: string, nodes: number): NodeSplit {
  const ls = lines(text);
  if (ls.length !== nodes) fail(file, Math.min(ls.length, nodes) + 1, 0, `${nodes} lines (one per node)`, `${ls.length} lines`);
  const role = new Int8Array(nodes);
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < nodes; i++) {
    const lineNo = i + 1;
    const s = ls[i] as string;
    const a = s.indexOf('\t');
    if (a < 0) fail(file, lineNo, 1, 'two tab-separated fields `id<TAB>train|val|test|none`', quote(s));
    const id = parseIndex(s, 0, a);
    if (id !== i) fail(file, lineNo, 1, `node id ${i} (nodes are listed in id order from 0)`, quote(s.slice(0, a)));
    const r = SPLIT_ROLES.indexOf(s.slice(a + 1) as (typeof SPLIT_ROLES)[number]);
    if (r < 0) fail(file, lineNo, a + 2, 'one of train, val, test, none', quote(s.slice(a + 1)));
    role[i] = r;
    counts[r] = (counts[r] as number) + 1;
  }
  const pick = (r: number) => {
    const out = new Int32Array(counts[r] as number);
    let k = 0;
    for (let i = 0; i < nodes; i++) if (role[i] === r) out[k++] = i;
    return out;
  };
  return Object.freeze({ train: pick(0), val: pick(1), test: pick(2) });
}
