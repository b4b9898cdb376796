import { afterAll, describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import { validateGraph } from '../../src/core/queries.js';
import { formatGml, parseGml, readGml } from '../../src/io/index.js';
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

const SAMPLE = `Creator "test" # a comment
Version 1
graph [
  directed 1
  name "sample &amp; co"
  edge [ source 30 target 10 weight 2.5 ]
  node [
    id 10
    label "ten &quot;10&quot; &#233;"
    value 0
    graphics [ x 1.5 y -2 fill "#ff0000" ]
  ]
  node [ id 20 label "a
multi-line label" size 3.25 ]
  node [ id 30 ]
  edge [
    source 10
    target 20
    value 4
  ]
]
`;

describe('parseGml', () => {
  it('reads nodes, labels, attributes and edges (edges may precede the nodes they name)', () => {
    const r = parseGml(SAMPLE);
    validateGraph(r.graph);
    expect(r.graph.directed).toBe(true);
    expect(r.directedInFile).toBe(true);
    expect(r.graph.order).toBe(3);
    expect(Array.from(r.nodeIds)).toEqual([10, 20, 30]);
    expect(r.graph.labels).toEqual(['ten "10" é', 'a\nmulti-line label', '30']);
    expect({ ...r.nodeAttributes[0] }).toEqual({ value: 0 });
    expect({ ...r.nodeAttributes[1] }).toEqual({ size: 3.25 });
    expect(Object.keys(r.nodeAttributes[2]!)).toEqual([]);
    expect({ ...r.graphAttributes }).toEqual({ directed: 1, name: 'sample & co' });
    expect(r.edgeBlocks).toBe(2);
    expect(Array.from(r.graph.edgeSources)).toEqual([2, 0]);
    expect(Array.from(r.graph.edgeTargets)).toEqual([0, 1]);
    expect(Array.from(r.graph.weights!)).toEqual([2.5, 4]);
  });

  it('lets options.directed override the header, and counts self-loops and duplicates', () => {
    const text = 'graph [ undirected 1 multigraph 1 node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] edge [ source 2 target 1 ] edge [ source 2 target 2 ] ]';
    const u = parseGml(text);
    expect(u.graph.directed).toBe(false);
    expect(u.graph.size).toBe(1);
    expect(u.duplicatesDropped).toBe(1);
    expect(u.selfLoopsDropped).toBe(1);
    const d = parseGml(text, { directed: true, selfLoops: 'keep' });
    expect(d.graph.size).toBe(3);
    expect(d.duplicatesDropped).toBe(0);
    expect(parseGml('graph [ directed 1 ]', { directed: false }).graph.directed).toBe(false);
    expect(d.graph.labels).toBeUndefined();
  });

  it('accepts CRLF, comments, keys with underscores, NAN/INF attribute values, and an empty graph', () => {
    const r = parseGml('graph [\r\n  node [ id -5 my_attr NAN other -INF ] # c\r\n]\r\n');
    expect(Array.from(r.nodeIds)).toEqual([-5]);
    expect(r.nodeAttributes[0]!['my_attr']).toBeNaN();
    expect(r.nodeAttributes[0]!['other']).toBe(-Infinity);
    expect(parseGml('graph [ ]').graph.order).toBe(0);
  });

  it('keeps attribute records free of prototype keys', () => {
    const r = parseGml('graph [ node [ id 1 __proto__ 5 constructor "x" ] ]');
    expect(r.nodeAttributes[0]!['__proto__']).toBe(5);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseGml: malformed input', () => {
  // [name, text, line, column, expected fragment]
  const cases: [string, string, number, number, RegExp][] = [
    ['empty file', '', 1, 1, /graph \[/],
    ['no graph block', 'Creator "x"\n', 2, 1, /graph \[/],
    ['two graph blocks', 'graph [ ]\ngraph [ ]\n', 2, 1, /one graph/],
    ['unclosed list', 'graph [\n node [ id 1 ]\n', 3, 1, /'\]' closing the list opened on line 1/],
    ['stray ]', 'graph [ ]\n]\n', 2, 1, /a key/],
    ['value where a key is expected', 'graph [ 5 ]', 1, 9, /a key/],
    ['string where a key is expected', 'graph [ "x" ]', 1, 9, /a key/],
    ['[ without a key', 'graph [ [ ] ]', 1, 9, /a key/],
    ['] after a key', 'graph [ node ]', 1, 14, /a value for 'node'/],
    ['key at end of file', 'graph [ ]\nCreator', 2, 8, /a value for 'Creator'/],
    ['unclosed string', 'graph [ node [ id 1 label "abc\n]\n', 3, 1, /closing quote/],
    ['bare word value', 'graph [ node [ id one ] ]', 1, 19, /a value for 'id'/],
    ['node without id', 'graph [\n node [ label "x" ]\n]', 2, 0, /an id in the node block/],
    ['non-integer id', 'graph [ node [ id 1.5 ] ]', 1, 19, /integer/],
    ['huge id', 'graph [ node [ id 99999999999999999999 ] ]', 1, 19, /32-bit/],
    ['string id', 'graph [ node [ id "1" ] ]', 1, 19, /node id/],
    ['duplicate node id', 'graph [ node [ id 1 ] node [ id 1 ] ]', 1, 33, /not used by an earlier/],
    ['two ids in one node', 'graph [ node [ id 1 id 2 ] ]', 1, 21, /one id/],
    ['edge without target', 'graph [ node [ id 1 ]\n edge [ source 1 ] ]', 2, 0, /a target/],
    ['edge to an unknown node', 'graph [ node [ id 1 ]\n edge [ source 1\n target 7 ] ]', 3, 9, /the id of a node block/],
    ['mixed weights', 'graph [ node [ id 1 ] node [ id 2 ]\nedge [ source 1 target 2 weight 1 ]\nedge [ source 2 target 1 ] ]', 3, 0, /weight/],
    ['bad directed', 'graph [ directed "yes" ]', 1, 18, /directed 0 or 1/],
  ];
  it.each(cases)('%s', (_name, text, line, column, expected) => {
    expectParseError(() => parseGml(text, { file: 'g.gml' }), { file: 'g.gml', line, column, expected });
  });

  it.each([['NAN'], ['1e400'], ['"3"'], ['INF']])('edge weight %s', (value) => {
    const text = `graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 weight ${value} ] ]`;
    expectParseError(() => parseGml(text), { line: 1, column: text.indexOf(value) + 1, expected: /finite number \(the edge weight\)/ });
  });

  it('reports policy violations at the edge block', () => {
    const text = 'graph [ node [ id 1 ] node [ id 2 ]\nedge [ source 1 target 2 ]\nedge [\nsource 2 target 1 ]\nedge [ source 2 target 2 ] ]';
    expectParseError(() => parseGml(text, { duplicates: 'error' }), { line: 3, expected: /repeated/ });
    expectParseError(() => parseGml(text, { selfLoops: 'error' }), { line: 5, expected: /different nodes/ });
    expectInvalidArgument(() => parseGml(text, { selfLoops: 'keep' }), 'options.selfLoops');
    expectInvalidArgument(() => parseGml(text, { selfLoops: 'keep', directed: false }), 'options.selfLoops');
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => parseGml(null as never), 'text');
    expectInvalidArgument(() => parseGml('', { directed: 1 as never }), 'options.directed');
    expectInvalidArgument(() => parseGml('', { duplicates: 'x' as never }), 'options.duplicates');
    expectInvalidArgument(() => parseGml('', { labels: true } as never), 'options.labels');
  });
});

describe('formatGml: round trips', () => {
  it.each(Object.entries(namedGraphs()))('%s', (_name, { order, edges }) => {
    const g = fromEdges(edges, { order });
    expectSameGraph(parseGml(formatGml(g)).graph, g);
  });

  it('round-trips 60 seeded random graphs with awkward labels, ids and attributes', () => {
    const rng = createRng(314);
    const awkward = ['"quoted"', 'a & b', '&amp;', 'tab\there', 'new\nline', 'back\\slash', 'ünïcødé 𝔵', '', '#not a comment', ']['];
    for (let t = 0; t < 60; t++) {
      const n = rng.int(25);
      const labels = t % 2 === 0 ? Array.from({ length: n }, (_, v) => `${awkward[v % awkward.length]}${v}`) : undefined;
      const g = randomGraph(rng, n, rng.int(3 * n + 1), { directed: t % 3 === 0, weighted: t % 4 !== 0, ...(labels ? { labels } : {}) });
      const ids = Array.from({ length: n }, (_, v) => 1000 - 7 * v);
      const attrs = Array.from({ length: n }, (_, v) => ({ value: v % 2, score: rng.normal(), note: awkward[v % awkward.length]! }));
      const text = formatGml(g, { nodeIds: ids, nodeAttributes: attrs, graphAttributes: { name: 'r&d "x"' } });
      const back = parseGml(text);
      // GML cannot say that an edgeless graph is weighted: it reads back unweighted.
      expectSameGraph(back.graph, g.size === 0 && g.weights ? { ...g, weights: undefined } : g);
      expectSameArray(back.nodeIds, ids, 'nodeIds');
      expect(back.nodeAttributes.map((a) => ({ ...a }))).toEqual(attrs);
      expect(back.graphAttributes['name']).toBe('r&d "x"');
    }
  });

  it('rejects bad arguments', () => {
    const g = fromEdges([[0, 1]]);
    expectInvalidArgument(() => formatGml({} as never), 'graph');
    expectInvalidArgument(() => formatGml(g, { nodeIds: [1] }), 'options.nodeIds');
    expectInvalidArgument(() => formatGml(g, { nodeIds: [1, 1] }), 'options.nodeIds[1]');
    expectInvalidArgument(() => formatGml(g, { nodeAttributes: [{ id: 3 }, {}] }), 'options.nodeAttributes[0] key');
    expectInvalidArgument(() => formatGml(g, { nodeAttributes: [{ 'bad key': 3 }, {}] }), 'options.nodeAttributes[0] key');
    expectInvalidArgument(() => formatGml(g, { nodeAttributes: [{ ok: [] as never }, {}] }), 'options.nodeAttributes[0].ok');
    expectInvalidArgument(() => formatGml(g, { graphAttributes: { directed: 1 } }), 'options.graphAttributes key');
  });
});

describe('readGml', () => {
  it('equals parseGml on the same file', async () => {
    const path = tmp.write('s.gml', SAMPLE);
    const a = await readGml(path);
    const b = parseGml(SAMPLE);
    expectSameGraph(a.graph, b.graph);
    expectSameArray(a.nodeIds, b.nodeIds);
    expect(a.nodeAttributes.map((x) => ({ ...x }))).toEqual(b.nodeAttributes.map((x) => ({ ...x })));
  });

  it('reports errors with the path as file, and unreadable paths as InvalidArgumentError', async () => {
    const path = tmp.write('bad.gml', 'graph [\n node [ id 1 ]\n');
    await expect(readGml(path)).rejects.toMatchObject({ code: 'PARSE_ERROR', file: path, line: 3, column: 1 });
    await expectInvalidArgumentAsync(readGml(`${tmp.dir}/none.gml`), 'path');
  });
});
