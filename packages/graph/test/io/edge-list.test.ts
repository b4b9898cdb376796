import { afterAll, describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import { edgeBetween, validateGraph } from '../../src/core/queries.js';
import { formatEdgeList, parseEdgeList, readEdgeList } from '../../src/io/index.js';
import { createRng } from '../../src/random/rng.js';
import {
  createTempDir,
  expectInvalidArgument,
  expectInvalidArgumentAsync,
  expectParseError,
  expectSameArray,
  expectSameGraph,
  namedGraphs,
  randomGraph,
} from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

describe('parseEdgeList: reading', () => {
  it('reads space-, tab- and comma-separated lines with comments, blank lines and CRLF', () => {
    const text = '# a comment\r\n% konect comment\r\n\r\n0 1\r\n1\t2\r\n2,3 # trailing comment\r\n  3 ,  0  \r\n';
    const r = parseEdgeList(text);
    validateGraph(r.graph);
    expect(r.graph.directed).toBe(false);
    expect(r.graph.order).toBe(4);
    expect(r.graph.size).toBe(4);
    expect(Array.from(r.graph.edgeSources)).toEqual([0, 1, 2, 0]);
    expect(Array.from(r.graph.edgeTargets)).toEqual([1, 2, 3, 3]);
    expect(r.graph.weights).toBeUndefined();
    expect(r.lines).toBe(7);
    expect(r.edgeLines).toBe(4);
    expect(r.headerSkipped).toBe(false);
  });

  it('counts lines with and without a final newline the same way', () => {
    expect(parseEdgeList('0 1\n1 2').lines).toBe(2);
    expect(parseEdgeList('0 1\n1 2\n').lines).toBe(2);
    expect(parseEdgeList('').lines).toBe(0);
  });

  it('reads an empty file as the empty graph, and honours order for isolated nodes', () => {
    const empty = parseEdgeList('# nothing\n\n');
    expect(empty.graph.order).toBe(0);
    expect(empty.graph.size).toBe(0);
    const padded = parseEdgeList('0 1\n', { order: 5 });
    expect(padded.graph.order).toBe(5);
    expect(padded.graph.size).toBe(1);
    expect(parseEdgeList('', { order: 1 }).graph.order).toBe(1);
  });

  it('reads weights automatically from a third column, exactly', () => {
    const r = parseEdgeList('0 1 2.5\n1 2 -1e-300\n2 0 1e308\n');
    expect(Array.from(r.graph.weights!)).toEqual([2.5, -1e-300, 1e308]);
    const ignored = parseEdgeList('0 1 2.5 extra\n', { weighted: false });
    expect(ignored.graph.weights).toBeUndefined();
    expect(parseEdgeList('0 1 7\n', { weighted: true }).graph.weights).toEqual(new Float64Array([7]));
  });

  it("skips a non-numeric header under 'auto' (chameleon's node_id<TAB>node_id) and on request", () => {
    const r = parseEdgeList('node_id\tnode_id\n0\t1\n1\t2\n');
    expect(r.headerSkipped).toBe(true);
    expect(r.graph.size).toBe(2);
    const forced = parseEdgeList('5 5\n0 1\n', { header: true });
    expect(forced.headerSkipped).toBe(true);
    expect(forced.graph.order).toBe(2);
    // A mixed first line is data, hence malformed.
    expectParseError(() => parseEdgeList('0 x\n0 1\n'), { line: 1, column: 3, expected: /node id/ });
    // header: false reads the header as data.
    expectParseError(() => parseEdgeList('source target\n0 1\n', { header: false }), { line: 1, column: 1 });
  });

  it('reads label ids in order of first appearance and keeps them as labels', () => {
    const r = parseEdgeList('alice bob\nbob carol\ncarol alice 3\n'.replace(' 3', ''), { ids: 'label' });
    expect(r.graph.labels).toEqual(['alice', 'bob', 'carol']);
    expect(r.graph.size).toBe(3);
    expect(edgeBetween(r.graph, 0, 2)).toBe(2);
    // Under ids 'label', 'auto' never skips a header (a header cannot be told from names).
    const h = parseEdgeList('source target\na b\n', { ids: 'label' });
    expect(h.graph.labels).toEqual(['source', 'target', 'a', 'b']);
  });

  it('shifts 1-based ids and checks them', () => {
    const r = parseEdgeList('1 2\n2 3\n', { indexBase: 1 });
    expect(r.graph.order).toBe(3);
    expect(Array.from(r.graph.edgeSources)).toEqual([0, 1]);
    expectParseError(() => parseEdgeList('1 2\n0 3\n', { indexBase: 1 }), { line: 2, column: 1, expected: />= 1/ });
  });

  it('applies the self-loop and duplicate policies and counts what was dropped', () => {
    const text = '0 1\n1 0\n1 1\n0 1\n2 2\n';
    const und = parseEdgeList(text);
    expect(und.graph.size).toBe(1);
    expect(und.selfLoopsDropped).toBe(2);
    expect(und.duplicatesDropped).toBe(2);
    const dir = parseEdgeList(text, { directed: true, selfLoops: 'keep' });
    expect(dir.graph.size).toBe(4);
    expect(dir.duplicatesDropped).toBe(1);
    expect(dir.selfLoopsDropped).toBe(0);
    const summed = parseEdgeList('0 1 1.5\n1 0 2\n', { duplicates: 'sum' });
    expect(Array.from(summed.graph.weights!)).toEqual([3.5]);
  });

  it('reports policy violations as ParseErrors at the offending line', () => {
    expectParseError(() => parseEdgeList('0 1\n1 2\n2 1\n', { duplicates: 'error' }), { line: 3, expected: /no repeated edge/ });
    // Directed, 1→2 and 2→1 are different arcs.
    expect(parseEdgeList('0 1\n1 2\n2 1\n', { duplicates: 'error', directed: true }).graph.size).toBe(3);
    expectParseError(() => parseEdgeList('0 1\n# c\n0 1\n', { duplicates: 'error', directed: true, file: 'f' }), {
      file: 'f',
      line: 3,
      expected: /no repeated edge/,
    });
  });
});

describe('parseEdgeList: malformed input', () => {
  // [name, text, options, line, column, expected fragment]
  const cases: [string, string, object, number, number, RegExp][] = [
    ['one token', '0 1\n2\n', {}, 2, 2, /second node id/],
    ['non-number id', '0 1\n1 two\n', {}, 2, 3, /node id/],
    ['float id', '0 1.5\n', {}, 1, 3, /integer node id/],
    ['negative id', '0 -1\n', {}, 1, 3, />= 0/],
    ['id at maxOrder', '0 16\n', { maxOrder: 16 }, 1, 3, /maxOrder/],
    ['id beyond order', '0 1\n1 5\n', { order: 5 }, 2, 3, /below 5/],
    ['huge id', '0 99999999999999999999\n', {}, 1, 3, /below/],
    ['NaN weight', '0 1 NaN\n', {}, 1, 5, /number/],
    ['1e400 weight', '0 1 1e400\n', {}, 1, 5, /finite/],
    ['inf weight', '0 1 inf\n', {}, 1, 5, /number/],
    ['hex weight', '0 1 0x10\n', {}, 1, 5, /number/],
    ['missing weight after a weighted line', '0 1 2\n1 2\n', {}, 2, 4, /weight/],
    ['extra column after an unweighted line', '0 1\n1 2 3\n', {}, 2, 5, /end of line/],
    ['four columns', '0 1 2 3\n', {}, 1, 7, /at most 3/],
    ['missing weight when weighted', '0 1\n', { weighted: true }, 1, 4, /weight/],
    ['self-loop under error', '0 1\n\n3 3\n', { selfLoops: 'error' }, 3, 1, /different nodes/],
    ['weight sum overflow', '0 1 1e308\n1 0 1e308\n', { duplicates: 'sum' }, 2, 0, /finite/],
  ];
  it.each(cases)('%s', (_name, text, options, line, column, expected) => {
    expectParseError(() => parseEdgeList(text, { file: 'in.txt', ...options }), { file: 'in.txt', line, column, expected });
  });
});

describe('parseEdgeList / readEdgeList: bad arguments', () => {
  const cases: [string, unknown, unknown, string][] = [
    ['text not a string', 42, undefined, 'text'],
    ['unknown option', '', { wieghted: true }, 'options.wieghted'],
    ['directed not boolean', '', { directed: 1 }, 'options.directed'],
    ['weighted bad', '', { weighted: 'yes' }, 'options.weighted'],
    ['header bad', '', { header: 1 }, 'options.header'],
    ['ids bad', '', { ids: 'name' }, 'options.ids'],
    ['indexBase 2', '', { indexBase: 2 }, 'options.indexBase'],
    ['order negative', '', { order: -1 }, 'options.order'],
    ['order with labels', '', { order: 3, ids: 'label' }, 'options.order'],
    ['order above maxOrder', '', { order: 100, maxOrder: 10 }, 'options.order'],
    ['maxOrder 0', '', { maxOrder: 0 }, 'options.maxOrder'],
    ['duplicates bad', '', { duplicates: 'last' }, 'options.duplicates'],
    ['selfLoops keep undirected', '', { selfLoops: 'keep' }, 'options.selfLoops'],
    ['file not a string', '', { file: 3 }, 'options.file'],
  ];
  it.each(cases)('%s', (_name, text, options, argument) => {
    expectInvalidArgument(() => parseEdgeList(text as string, options as object), argument);
  });

  it('rejects unreadable paths with the OS reason', async () => {
    const missing = await expectInvalidArgumentAsync(readEdgeList(`${tmp.dir}/missing.txt`), 'path');
    expect(missing.message).toMatch(/a readable file/);
    expect(missing.message).toMatch(/ENOENT/);
    const dir = await expectInvalidArgumentAsync(readEdgeList(tmp.dir), 'path');
    expect(dir.message).toMatch(/EISDIR/);
    await expectInvalidArgumentAsync(readEdgeList(''), 'path');
    await expectInvalidArgumentAsync(readEdgeList(7 as unknown as string), 'path');
    await expectInvalidArgumentAsync(readEdgeList(`${tmp.dir}/x`, { file: 'x' } as object), 'options.file');
  });
});

describe('formatEdgeList: round trips', () => {
  it.each(Object.entries(namedGraphs()))('%s', (_name, { order, edges }) => {
    const g = fromEdges(edges, { order });
    const text = formatEdgeList(g);
    expectSameGraph(parseEdgeList(text, { order }).graph, g);
  });

  it('round-trips 60 seeded random graphs over every writer option', () => {
    const rng = createRng(20240601);
    for (let t = 0; t < 60; t++) {
      const n = 1 + rng.int(40);
      const directed = t % 2 === 1;
      const weighted = t % 3 !== 0;
      const useLabels = t % 5 === 0;
      const labels = useLabels ? Array.from({ length: n }, (_, v) => `n${v}_é${t}`) : undefined;
      const g = randomGraph(rng, n, rng.int(3 * n), { directed, weighted, ...(labels ? { labels } : {}) });
      const separator = ([' ', '\t', ','] as const)[t % 3];
      const indexBase = (t % 4 === 1 ? 1 : 0) as 0 | 1;
      const text = formatEdgeList(g, { separator, labels: useLabels, indexBase, ...(t % 7 === 0 ? { header: 'source target weight' } : {}) });
      const header = t % 7 === 0;
      // weighted: explicit, so that a weighted graph without edges stays weighted (no line says so).
      const w = g.weights !== undefined;
      const back = parseEdgeList(text, useLabels ? { directed, ids: 'label', header, weighted: w } : { directed, indexBase, order: n, weighted: w });
      expect(back.duplicatesDropped).toBe(0);
      if (useLabels) {
        // Isolated nodes have no line: compare through the labels.
        expect(back.graph.size).toBe(g.size);
        // Undirected edges store the smaller id first, which renumbering may swap: compare unordered pairs then.
        const pair = (a: string, b: string) => (directed || a < b ? `${a}|${b}` : `${b}|${a}`);
        for (let e = 0; e < g.size; e++) {
          const bl = back.graph.labels!;
          expect(pair(bl[back.graph.edgeSources[e]!]!, bl[back.graph.edgeTargets[e]!]!)).toBe(
            pair(labels![g.edgeSources[e]!]!, labels![g.edgeTargets[e]!]!),
          );
        }
        expectSameArray(back.graph.weights, g.weights, 'weights');
      } else {
        expectSameGraph(back.graph, g);
      }
    }
  });

  it('rejects labels it cannot write and other bad arguments', () => {
    const g = fromEdges([[0, 1]], { labels: ['a b', 'c'] });
    expectInvalidArgument(() => formatEdgeList(g, { labels: true }), 'graph.labels[0]');
    expectInvalidArgument(() => formatEdgeList(fromEdges([[0, 1]]), { labels: true }), 'options.labels');
    expectInvalidArgument(() => formatEdgeList(fromEdges([[0, 1]]), { weights: true }), 'options.weights');
    expectInvalidArgument(() => formatEdgeList({} as never), 'graph');
    expectInvalidArgument(() => formatEdgeList(fromEdges([[0, 1]]), { separator: ';' as never }), 'options.separator');
    expectInvalidArgument(() => formatEdgeList(fromEdges([[0, 1]]), { header: 'a\nb' }), 'options.header');
  });
});

describe('readEdgeList: streaming', () => {
  it('equals parseEdgeList on the same text, across many 64 KiB chunks, with CRLF and multi-byte labels', async () => {
    const rng = createRng(7);
    const lines: string[] = ['# big file\r\n'];
    for (let i = 0; i < 20000; i++) lines.push(`ñ${rng.int(5000)}€\t𝔵${rng.int(5000)}\t${rng.normal()}\r\n`);
    const text = lines.join('');
    const path = tmp.write('big.tsv', text);
    const fromFile = await readEdgeList(path, { ids: 'label' });
    const fromText = parseEdgeList(text, { ids: 'label' });
    expectSameGraph(fromFile.graph, fromText.graph);
    expect(fromFile.lines).toBe(fromText.lines);
    expect(fromFile.lines).toBe(20001);
    expect(fromFile.graph.labels!.every((l) => /^(ñ\d+€|𝔵\d+)$/.test(l))).toBe(true);
  });

  it('handles a single line longer than a chunk and reports errors at the same place as parseEdgeList', async () => {
    const long = `${'9'.repeat(200000)} 1\n`;
    const path = tmp.write('long.txt', `0 1\n${long}`);
    const fromText = expectParseError(() => parseEdgeList(`0 1\n${long}`, { file: path }), { file: path, line: 2, column: 1 });
    try {
      await readEdgeList(path);
      throw new Error('no error');
    } catch (err) {
      expect(err).toMatchObject({ file: path, line: 2, column: 1, expected: fromText.expected });
    }
  });
});
