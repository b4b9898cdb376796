import { afterAll, describe, expect, it } from '@jest/globals';
import { validateGraph } from '../../src/core/queries.js';
import { formatOff, parseOff, readOff } from '../../src/io/index.js';
import { createRng } from '../../src/random/rng.js';
import { createTempDir, expectInvalidArgument, expectInvalidArgumentAsync, expectParseError, expectSameMesh, randomMesh } from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

/** A square pyramid: one quad base with a colour, four triangles, a comment, an unused vertex. */
const PYRAMID = `OFF
# square pyramid
6 5 8

0 0 0
1 0 0
1 1 0
0 1 0
0.5 0.5 1
7 7 7
4 0 3 2 1 255 0 0
3 0 1 4
3 1 2 4 0.5 0.5 0.5 1
3 2 3 4
3 3 0 4
`;

describe('parseOff', () => {
  it('reads a pyramid: quad fan-triangulated, colours ignored, unused vertex dropped', () => {
    const r = parseOff(PYRAMID);
    expect(r.mesh.vertexCount).toBe(5);
    expect(r.unreferencedDropped).toBe(1);
    expect(r.polygonsTriangulated).toBe(1);
    expect(r.mesh.faceCount).toBe(6);
    validateGraph(r.mesh.graph);
    expect(r.mesh.graph.size).toBe(9); // 8 pyramid edges + the base diagonal
    expect(r.mesh.vertexCount - r.mesh.graph.size + r.mesh.faceCount).toBe(2);
  });

  it('accepts counts on the header line, COFF/NOFF variants with extra vertex columns, CRLF', () => {
    const r = parseOff('COFF 3 1 3\r\n0 0 0 255 0 0 255\r\n1 0 0 0 255 0 255\r\n0 1 0 0 0 255 255\r\n3 0 1 2\r\n');
    expect(r.mesh.faceCount).toBe(1);
    expect(Array.from(r.mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
    expect(parseOff('NOFF\n3 1 0\n0 0 0 0 0 1\n1 0 0 0 0 1\n0 1 0 0 0 1\n3 0 1 2\n').mesh.faceCount).toBe(1);
    expect(parseOff('OFF\n0 0 0\n').mesh.vertexCount).toBe(0);
    expect(parseOff('OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n').unreferencedDropped).toBe(3);
  });
});

describe('parseOff: malformed input', () => {
  const H = 'OFF\n3 1 3\n0 0 0\n1 0 0\n0 1 0\n';
  // [name, text, line, column, expected fragment]
  const cases: [string, string, number, number, RegExp][] = [
    ['empty file', '', 1, 1, /header/],
    ['bad header', 'OFX\n3 1 0\n', 1, 1, /header 'OFF'/],
    ['binary OFF', 'OFF BINARY\n', 1, 5, /binary OFF is unsupported/],
    ['4OFF', '4OFF\n', 1, 1, /unsupported/],
    ['missing counts', 'OFF\n# only a comment\n', 3, 1, /counts/],
    ['short counts', 'OFF\n3\n', 2, 2, /counts/],
    ['non-number count', 'OFF\n3 x 0\n', 2, 3, /number of faces/],
    ['negative count', 'OFF\n-3 1 0\n', 2, 1, /number of vertices/],
    ['too few vertices', 'OFF\n3 1 0\n0 0 0\n1 0 0\n', 5, 1, /1 more vertex lines/],
    ['short vertex line', 'OFF\n3 1 0\n0 0\n', 3, 4, /three coordinates/],
    ['NaN coordinate', 'OFF\n3 1 0\n0 NaN 0\n', 3, 3, /a number/],
    ['1e400 coordinate', 'OFF\n3 1 0\n0 1e400 0\n', 3, 3, /finite/],
    ['too few faces', `${H}`, 6, 1, /1 more face lines/],
    ['face count token bad', `${H}x 0 1 2\n`, 6, 1, /vertex count/],
    ['face with 2 vertices', `${H}2 0 1\n`, 6, 1, /at least 3/],
    ['face short of indices', `${H}3 0 1\n`, 6, 6, /3 vertex indices/],
    ['face index out of range', `${H}3 0 1 3\n`, 6, 7, /\[0, 3\)/],
    ['face index negative', `${H}3 0 -1 2\n`, 6, 5, /\[0, 3\)/],
    ['face colour junk', `${H}3 0 1 2 red\n`, 6, 9, /colour/],
    ['too many colour values', `${H}3 0 1 2 1 1 1 1 1\n`, 6, 17, /at most 4 colour/],
    ['extra line after the faces', `${H}3 0 1 2\n3 0 1 2\n`, 7, 1, /end of file/],
  ];
  it.each(cases)('%s', (_name, text, line, column, expected) => {
    expectParseError(() => parseOff(text, { file: 'm.off' }), { file: 'm.off', line, column, expected });
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => parseOff(undefined as never), 'text');
    expectInvalidArgument(() => parseOff('', { x: 1 } as never), 'options.x');
  });
});

describe('formatOff / readOff', () => {
  it('parseOff(formatOff(mesh)) is the same mesh, exactly, for 50 seeded random meshes', () => {
    const rng = createRng(12);
    for (let t = 0; t < 50; t++) {
      const mesh = randomMesh(rng);
      const text = formatOff(mesh);
      expect(text.split('\n')[1]).toBe(`${mesh.vertexCount} ${mesh.faceCount} ${mesh.graph.size}`);
      const r = parseOff(text);
      expect([r.unreferencedDropped, r.degenerateFacesDropped, r.polygonsTriangulated]).toEqual([0, 0, 0]);
      expectSameMesh(r.mesh, mesh);
    }
  });

  it('readOff equals parseOff on the same file; unreadable paths are InvalidArgumentError', async () => {
    const path = tmp.write('p.off', PYRAMID);
    expectSameMesh((await readOff(path)).mesh, parseOff(PYRAMID).mesh);
    await expectInvalidArgumentAsync(readOff(`${tmp.dir}/none.off`), 'path');
    await expectInvalidArgumentAsync(readOff(path, [] as never), 'options');
  });
});
