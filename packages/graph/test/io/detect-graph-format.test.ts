import { describe, expect, it } from '@jest/globals';
import { detectGraphFormat } from '../../src/io/index.js';
import { expectInvalidArgument } from './helpers.js';

describe('detectGraphFormat', () => {
  it.each([
    ['a/b/graph.txt', 'edgelist'],
    ['x.edges', 'edgelist'],
    ['x.EL', 'edgelist'],
    ['x.tsv', 'edgelist'],
    ['x.csv', 'edgelist'],
    ['C:\\data\\m.MTX', 'matrixmarket'],
    ['m.mm', 'matrixmarket'],
    ['polblogs.gml', 'gml'],
    ['bunny.obj', 'obj'],
    ['seg/1.off', 'off'],
    ['dragon.ply', 'ply'],
  ])('%s by extension → %s', (path, format) => {
    expect(detectGraphFormat(path)).toBe(format);
  });

  it('returns undefined when neither the name nor the content decides', () => {
    expect(detectGraphFormat('noext')).toBeUndefined();
    expect(detectGraphFormat('file.bin')).toBeUndefined();
    expect(detectGraphFormat('file.bin', 'some words here and more\n')).toBeUndefined();
    expect(detectGraphFormat('.hidden')).toBeUndefined();
  });

  it('lets an unambiguous signature override a generic extension, never a specific one', () => {
    expect(detectGraphFormat('m.txt', '%%MatrixMarket matrix coordinate real general\n')).toBe('matrixmarket');
    expect(detectGraphFormat('m.txt', ['\uFEFFply', 'format ascii 1.0'])).toBe('ply');
    expect(detectGraphFormat('m.txt', 'OFF\n3 1 0\n')).toBe('off');
    expect(detectGraphFormat('m.txt', 'COFF 3 1 0\n')).toBe('off');
    expect(detectGraphFormat('g.txt', 'Creator "x"\ngraph [\n')).toBe('gml');
    expect(detectGraphFormat('g.txt', '0 1\n1 2\n')).toBe('edgelist');
    expect(detectGraphFormat('g.obj', '%%MatrixMarket matrix coordinate real general\n')).toBe('obj');
  });

  it('decides by content alone for unknown extensions', () => {
    expect(detectGraphFormat('data', '%%MatrixMarket matrix coordinate real general\r\n3 3 0\r\n')).toBe('matrixmarket');
    expect(detectGraphFormat('data', '# exported\nv 0 0 0\nv 1 0 0\n')).toBe('obj');
    expect(detectGraphFormat('data', '% konect\n1 2 0.5\n')).toBe('edgelist');
    expect(detectGraphFormat('data', 'graph [ node [ id 1 ] ]')).toBe('gml');
    expect(detectGraphFormat('data', '')).toBeUndefined();
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => detectGraphFormat(3 as never), 'path');
    expectInvalidArgument(() => detectGraphFormat('x', 5 as never), 'firstLines');
  });
});

describe('detectGraphFormat: edge lists by content', () => {
  it('needs lines of 2–3 numbers, after at most one header line', () => {
    expect(detectGraphFormat('data', 'node_id\tnode_id\n0\t1\n')).toBe('edgelist');
    expect(detectGraphFormat('data', 'hello there world\n')).toBeUndefined();
    expect(detectGraphFormat('data', 'a b\nc d\n0 1\n')).toBeUndefined();
    expect(detectGraphFormat('data', '0 1 2 3\n')).toBeUndefined();
  });
});
