/**
 * The Geom-GCN reader: exact parses of small fixtures written to a temporary folder, a table of malformed files
 * (ParseError with file, line and column), missing folders/files (InvalidArgumentError saying where the files go),
 * and the real chameleon/squirrel folders against the counts stated in their FORMAT.md (checked there with
 * Python; skipped when findDataDir() finds no data folder).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, ParseError, validateGraph } from '@isinglab/graph';
import { findDataDir } from '@isinglab/graph/testing';
import { readDirectedNodeDataset } from '../../src/data/read-directed-node-dataset.js';
import { loadChameleon, loadSquirrel } from '../../src/data/wikipedia-networks.js';
import { denseFeatureMatrix, type NodeClassificationDataset } from '../../src/data/node-dataset.js';

const ROOT = mkdtempSync(join(tmpdir(), 'ibg-data-'));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

interface Files {
  edges?: string;
  features?: string;
  splits?: string[];
}

const GOOD: Required<Files> = {
  edges: 'node_id\tnode_id\n0\t1\n1\t2\n2\t0\n2\t2\n1\t0\n',
  features: 'node_id\tfeature\tlabel\tfeature_dim\t4\n0\t0,3\t1\n1\t\t0\n2\t2\t2\n',
  splits: ['0\ttrain\n1\tval\n2\ttest\n', '0\ttest\n1\ttrain\n2\tnone\n'],
};

let folderCount = 0;
function writeFolder(files: Files): string {
  const dir = join(ROOT, `case-${folderCount++}`);
  mkdirSync(join(dir, 'splits'), { recursive: true });
  if (files.edges !== undefined) writeFileSync(join(dir, 'out1_graph_edges.txt'), files.edges);
  if (files.features !== undefined) writeFileSync(join(dir, 'out1_node_feature_label.txt'), files.features);
  (files.splits ?? []).forEach((s, i) => writeFileSync(join(dir, 'splits', `split_${i}.txt`), s));
  return dir;
}

async function parseError(files: Files): Promise<ParseError> {
  const dir = writeFolder(files);
  try {
    await readDirectedNodeDataset(dir);
  } catch (err) {
    if (ParseError.isInstance(err)) return err as ParseError;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('readDirectedNodeDataset on fixtures', () => {
  it('parses a 3-node folder exactly (arcs, self-loop, sparse features, labels, both splits, `none`)', async () => {
    const data = await readDirectedNodeDataset(writeFolder(GOOD));
    expect(data.name).toMatch(/^case-/);
    expect(data.graph.directed).toBe(true);
    expect(data.graph.order).toBe(3);
    expect(data.graph.size).toBe(5);
    validateGraph(data.graph);
    const arcs = Array.from(data.graph.edgeSources, (u, e) => `${u}>${data.graph.edgeTargets[e]}`).sort();
    expect(arcs).toEqual(['0>1', '1>0', '1>2', '2>0', '2>2']);
    expect(data.features.kind).toBe('sparse');
    expect(data.features.cols).toBe(4);
    expect(Array.from(denseFeatureMatrix(data.features))).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(data.labels)).toEqual([1, 0, 2]);
    expect(data.classes).toBe(3);
    expect(data.splits).toHaveLength(2);
    expect(data.splits.map((s) => [Array.from(s.train), Array.from(s.val), Array.from(s.test)])).toEqual([
      [[0], [1], [2]],
      [[1], [], [0]],
    ]);
  });

  it('drops self-loops on request and accepts CRLF line ends', async () => {
    const crlf = Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, Array.isArray(v) ? v.map((s) => s.replace(/\n/g, '\r\n')) : v.replace(/\n/g, '\r\n')]));
    const data = await readDirectedNodeDataset(writeFolder(crlf), { selfLoops: 'drop', name: 'tiny' });
    expect(data.name).toBe('tiny');
    expect(data.graph.size).toBe(4);
  });

  const edges = GOOD.edges;
  const features = GOOD.features;
  const cases: [string, Files, string, number, number][] = [
    // [what, files, file name, line, column]
    ['empty edge file', { ...GOOD, edges: '' }, 'out1_graph_edges.txt', 0, 0],
    ['edge header', { ...GOOD, edges: edges.replace('node_id\tnode_id', 'src\tdst') }, 'out1_graph_edges.txt', 1, 1],
    ['edge line with one field', { ...GOOD, edges: edges.replace('1\t2\n', '1 2\n') }, 'out1_graph_edges.txt', 3, 1],
    ['edge line with three fields', { ...GOOD, edges: edges.replace('1\t2\n', '1\t2\t3\n') }, 'out1_graph_edges.txt', 3, 1],
    ['negative source', { ...GOOD, edges: edges.replace('2\t0\n', '-2\t0\n') }, 'out1_graph_edges.txt', 4, 1],
    ['target out of range', { ...GOOD, edges: edges.replace('2\t0\n', '2\t3\n') }, 'out1_graph_edges.txt', 4, 3],
    ['non-integer target', { ...GOOD, edges: edges.replace('2\t0\n', '2\t0.5\n') }, 'out1_graph_edges.txt', 4, 3],
    ['blank line between arcs', { ...GOOD, edges: edges.replace('2\t0\n', '\n2\t0\n') }, 'out1_graph_edges.txt', 4, 1],
    ['repeated arc (reported at the repeat)', { ...GOOD, edges: `${edges}1\t2\n` }, 'out1_graph_edges.txt', 7, 1],
    ['feature header', { ...GOOD, features: features.replace('feature_dim\t4', 'dim\t4') }, 'out1_node_feature_label.txt', 1, 1],
    ['feature dimension 0', { ...GOOD, features: features.replace('feature_dim\t4', 'feature_dim\t0') }, 'out1_node_feature_label.txt', 1, 35],
    ['node ids out of order', { ...GOOD, features: features.replace('1\t\t0\n', '7\t\t0\n') }, 'out1_node_feature_label.txt', 3, 1],
    ['feature index ≥ D', { ...GOOD, features: features.replace('0\t0,3\t1', '0\t0,4\t1') }, 'out1_node_feature_label.txt', 2, 5],
    ['descending feature indices', { ...GOOD, features: features.replace('0\t0,3\t1', '0\t3,0\t1') }, 'out1_node_feature_label.txt', 2, 5],
    ['repeated feature index', { ...GOOD, features: features.replace('0\t0,3\t1', '0\t3,3\t1') }, 'out1_node_feature_label.txt', 2, 5],
    ['empty feature index', { ...GOOD, features: features.replace('0\t0,3\t1', '0\t0,,3\t1') }, 'out1_node_feature_label.txt', 2, 5],
    ['bad label', { ...GOOD, features: features.replace('2\t2\t2', '2\t2\tx') }, 'out1_node_feature_label.txt', 4, 5],
    ['two fields in a feature line', { ...GOOD, features: features.replace('2\t2\t2', '2\t2') }, 'out1_node_feature_label.txt', 4, 1],
    ['split role', { ...GOOD, splits: ['0\ttrain\n1\tvalid\n2\ttest\n'] }, 'split_0.txt', 2, 3],
    ['split id order', { ...GOOD, splits: ['0\ttrain\n2\tval\n1\ttest\n'] }, 'split_0.txt', 2, 1],
    ['split too short', { ...GOOD, splits: ['0\ttrain\n1\tval\n'] }, 'split_0.txt', 3, 0],
    ['split too long', { ...GOOD, splits: [GOOD.splits[0]!, '0\ttrain\n1\tval\n2\ttest\n3\ttest\n'] }, 'split_1.txt', 4, 0],
  ];
  it.each(cases)('%s gives a ParseError at its file, line and column', async (_what, files, file, line, column) => {
    const err = await parseError(files);
    expect(err.file.endsWith(file)).toBe(true);
    expect(err.line).toBe(line);
    expect(err.column).toBe(column);
    expect(err.message).toContain(line > 0 ? `${file}:${line}` : file);
  });

  const missing: [string, () => string, RegExp][] = [
    ['a folder that does not exist', () => join(ROOT, 'no-such-folder'), /does not exist/],
    ['no edge file', () => writeFolder({ features: GOOD.features, splits: GOOD.splits }), /out1_graph_edges\.txt/],
    ['no feature file', () => writeFolder({ edges: GOOD.edges, splits: GOOD.splits }), /out1_node_feature_label\.txt/],
    ['no split file', () => writeFolder({ edges: GOOD.edges, features: GOOD.features }), /split_0\.txt/],
    [
      'a gap in the split numbers',
      () => {
        const dir = writeFolder(GOOD);
        writeFileSync(join(dir, 'splits', 'split_3.txt'), GOOD.splits[0]!);
        return dir;
      },
      /not split_2\.txt/,
    ],
  ];
  it.each(missing)('%s gives an InvalidArgumentError on `dir`', async (_what, make, message) => {
    const dir = make();
    const err = await readDirectedNodeDataset(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe('dir');
    expect((err as Error).message).toMatch(message);
  });

  const badOptions: [string, unknown, unknown, string][] = [
    ['dir: empty path', '', undefined, 'dir'],
    ['dir: not a string', 3, undefined, 'dir'],
    ['options.selfloops: unknown option', 'x', { selfloops: 'keep' }, 'options.selfloops'],
    ["options.selfLoops: 'error'", 'x', { selfLoops: 'error' }, 'options.selfLoops'],
  ];
  it.each(badOptions)('%s gives an InvalidArgumentError on that argument', async (_what, dir, options, argument) => {
    const err = await readDirectedNodeDataset(dir as string, options as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe(argument);
  });

  it('loadChameleon on a data folder without chameleon/ says where to put the files', async () => {
    const err = await loadChameleon(ROOT).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(InvalidArgumentError.isInstance(err)).toBe(true);
    expect((err as InvalidArgumentError).argument).toBe('dataDir');
    expect((err as Error).message).toContain(join(ROOT, 'chameleon'));
    expect((err as Error).message).toContain('out1_graph_edges.txt');
  });
});

// FORMAT.md of each folder: counts checked there with Python.
interface Expected {
  nodes: number;
  arcs: number;
  selfLoops: number;
  reciprocalPairs: number;
  featureDim: number;
  nonzeros: number;
  emptyRows: number;
  classSizes: number[];
  split: [number, number, number];
}
const EXPECTED: Record<'chameleon' | 'squirrel', Expected> = {
  chameleon: { nodes: 2277, arcs: 36101, selfLoops: 50, reciprocalPairs: 4680, featureDim: 2325, nonzeros: 29157, emptyRows: 233, classSizes: [456, 460, 453, 521, 387], split: [1092, 729, 456] },
  squirrel: { nodes: 5201, arcs: 217073, selfLoops: 140, reciprocalPairs: 18580, featureDim: 2089, nonzeros: 93477, emptyRows: 165, classSizes: [1042, 1040, 1039, 1040, 1040], split: [2496, 1664, 1041] },
};

function checkAgainstFormat(data: NodeClassificationDataset, want: Expected): void {
  const g = data.graph;
  expect(g.directed).toBe(true);
  expect(g.order).toBe(want.nodes);
  expect(g.size).toBe(want.arcs);
  let loops = 0;
  let reciprocal = 0;
  for (let e = 0; e < g.size; e++) {
    const u = g.edgeSources[e]!;
    const v = g.edgeTargets[e]!;
    if (u === v) {
      loops++;
      continue;
    }
    // count each unordered pair once, from its smaller endpoint, when the reverse arc exists
    if (u < v) {
      let found = false;
      for (let k = g.offsets[v]!; k < g.offsets[v + 1]!; k++) if (g.targets[k] === u) found = true;
      if (found) reciprocal++;
    }
  }
  expect(loops).toBe(want.selfLoops);
  expect(reciprocal).toBe(want.reciprocalPairs);
  // every node appears in some arc
  for (let v = 0; v < g.order; v++) expect(g.offsets[v + 1]! - g.offsets[v]! + g.inOffsets[v + 1]! - g.inOffsets[v]!).toBeGreaterThan(0);
  const f = data.features;
  if (f.kind !== 'sparse') throw new Error('expected sparse features');
  expect(f.cols).toBe(want.featureDim);
  expect(f.offsets[f.rows]).toBe(want.nonzeros);
  let empty = 0;
  for (let i = 0; i < f.rows; i++) if (f.offsets[i] === f.offsets[i + 1]) empty++;
  expect(empty).toBe(want.emptyRows);
  expect(data.classes).toBe(5);
  const sizes = [0, 0, 0, 0, 0];
  for (const y of data.labels) sizes[y]!++;
  expect(sizes).toEqual(want.classSizes);
  expect(data.splits).toHaveLength(10);
  const trainKeys = new Set<string>();
  for (const s of data.splits) {
    expect([s.train.length, s.val.length, s.test.length]).toEqual(want.split);
    const seen = new Uint8Array(want.nodes);
    for (const part of [s.train, s.val, s.test]) for (const i of part) seen[i]!++;
    expect(seen.every((c) => c === 1)).toBe(true); // disjoint and covering
    trainKeys.add(Array.from(s.train).join(','));
  }
  expect(trainKeys.size).toBe(10);
}

const DATA = findDataDir();
const describeData = DATA === undefined ? describe.skip : describe;

describeData('the real Geom-GCN folders (FORMAT.md counts)', () => {
  it('chameleon: 2277 nodes, 36101 arcs, 50 self-loops, 4680 reciprocal pairs, 10 splits of 1092/729/456', async () => {
    checkAgainstFormat(await loadChameleon(DATA), EXPECTED.chameleon);
  });
  it('squirrel: 5201 nodes, 217073 arcs, 140 self-loops, 18580 reciprocal pairs, 10 splits of 2496/1664/1041', async () => {
    checkAgainstFormat(await loadSquirrel(DATA), EXPECTED.squirrel);
  });
  it('chameleon without self-loops has 36051 arcs; the default data folder is found', async () => {
    const data = await loadChameleon(undefined, { selfLoops: 'drop' });
    expect(data.graph.size).toBe(36101 - 50);
  });
});
