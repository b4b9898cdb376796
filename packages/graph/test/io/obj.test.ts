import { afterAll, describe, expect, it } from '@jest/globals';
import { validateGraph } from '../../src/core/queries.js';
import { formatObj, parseObj, readObj } from '../../src/io/index.js';
import { createRng } from '../../src/random/rng.js';
import { createTempDir, expectInvalidArgument, expectInvalidArgumentAsync, expectParseError, expectSameMesh, randomMesh } from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

/** A unit cube with quad faces in every index style OBJ allows, plus statements the reader ignores. */
const CUBE = `# cube
mtllib cube.mtl
o Cube
v 0 0 0
v 1 0 0 1.0
v 1 1 0 0.5 0.5 0.5
v 0 1 0
v 0 0 1
v 1 0 1
v 1 1 1
v 0 1 1
v 9 9 9
vt 0 0
vt 1 0
vn 0 0 1
g side
usemtl red
s off
f 1 4 3 2
f 5/1 6/2 7/1 8/2
f 1//1 2//1 6//1 5//1
f -8/1/1 -7/2/1 -3/1/1 -4/2/1
f 3 4 8 7 # top
f 4 1 5 8
l 1 2
p 3
`;

describe('parseObj', () => {
  it('reads a quad cube: fan triangulation, every index style, an unreferenced vertex, ignored statements', () => {
    const r = parseObj(CUBE);
    expect(r.mesh.vertexCount).toBe(8);
    expect(r.unreferencedDropped).toBe(1); // v 9 9 9
    expect(r.polygonsTriangulated).toBe(6);
    expect(r.degenerateFacesDropped).toBe(0);
    expect(r.mesh.faceCount).toBe(12);
    expect(Array.from(r.vertexMap)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Fan from the first vertex: f 1 4 3 2 gives (1,4,3), (1,3,2).
    expect(Array.from(r.mesh.faces.subarray(0, 6))).toEqual([0, 3, 2, 0, 2, 1]);
    // The right side, written with negative indices after 9 vertices: -8 -7 -3 -4 are 2 3 7 6 (1-based).
    expect(Array.from(r.mesh.faces.subarray(18, 24))).toEqual([1, 2, 6, 1, 6, 5]);
    validateGraph(r.mesh.graph);
    // A closed cube surface: Euler V − E + F = 2, every edge on exactly 2 triangles.
    expect(r.mesh.vertexCount - r.mesh.graph.size + r.mesh.faceCount).toBe(2);
  });

  it('resolves negative indices relative to the vertices defined so far', () => {
    const r = parseObj('v 0 0 0\nv 1 0 0\nv 0 1 0\nf -3 -2 -1\nv 0 0 1\nf -1 -4 -3\n');
    expect(Array.from(r.mesh.faces)).toEqual([0, 1, 2, 3, 0, 1]);
  });

  it('drops degenerate triangles and counts them; keeps colour columns out of the coordinates', () => {
    const r = parseObj('v 0 0 0 1 0 0\nv 1 0 0 0 1 0\nv 0 1 0 0 0 1\nf 1 2 3\nf 1 1 2\n');
    expect(r.degenerateFacesDropped).toBe(1);
    expect(r.mesh.faceCount).toBe(1);
    expect(Array.from(r.mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0]);
  });

  it('reads an empty file as an empty mesh, and CRLF line ends', () => {
    expect(parseObj('').mesh.vertexCount).toBe(0);
    const r = parseObj('v 0 0 0\r\nv 1 0 0\r\nv 0 1 0\r\nf 1 2 3\r\n');
    expect(r.mesh.faceCount).toBe(1);
  });
});

describe('parseObj: malformed input', () => {
  const V = 'v 0 0 0\nv 1 0 0\nv 0 1 0\n';
  // [name, text, line, column, expected fragment]
  const cases: [string, string, number, number, RegExp][] = [
    ['short vertex', 'v 1 2\n', 1, 6, /three coordinates/],
    ['non-number coordinate', 'v 1 x 2\n', 1, 5, /a number/],
    ['NaN coordinate', 'v 1 NaN 2\n', 1, 5, /a number/],
    ['1e400 coordinate', 'v 1 2 1e400\n', 1, 7, /finite/],
    ['face with two vertices', `${V}f 1 2\n`, 4, 6, /three vertex indices/],
    ['face index 0', `${V}f 0 1 2\n`, 4, 3, /non-zero/],
    ['face index out of range', `${V}f 1 2 4\n`, 4, 7, /\[1, 3\]/],
    ['negative index too far back', `${V}f -4 1 2\n`, 4, 3, /\[-3, -1\]/],
    ['forward reference', `v 0 0 0\nf 1 2 3\nv 1 0 0\nv 0 1 0\n`, 2, 5, /defined so far/],
    ['bad face suffix', `${V}f 1/x 2 3\n`, 4, 3, /vertex reference/],
    ['three slashes', `${V}f 1/2/3/4 2 3\n`, 4, 3, /vertex reference/],
    ['float index', `${V}f 1.0 2 3\n`, 4, 3, /vertex reference/],
    ['huge index', `${V}f 99999999999999999999 2 3\n`, 4, 3, /\[1, 3\]/],
    ['unknown statement', `${V}bogus 1 2\n`, 4, 1, /OBJ statement/],
  ];
  it.each(cases)('%s', (_name, text, line, column, expected) => {
    expectParseError(() => parseObj(text, { file: 'm.obj' }), { file: 'm.obj', line, column, expected });
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => parseObj(1 as never), 'text');
    expectInvalidArgument(() => parseObj('', { file: 1 } as never), 'options.file');
    expectInvalidArgument(() => parseObj('', { flip: true } as never), 'options.flip');
    expectInvalidArgument(() => formatObj({} as never), 'mesh.vertexCount');
  });
});

describe('formatObj / readObj', () => {
  it('parseObj(formatObj(mesh)) is the same mesh, exactly, for 50 seeded random meshes', () => {
    const rng = createRng(11);
    for (let t = 0; t < 50; t++) {
      const mesh = randomMesh(rng);
      const r = parseObj(formatObj(mesh));
      expect([r.unreferencedDropped, r.degenerateFacesDropped, r.polygonsTriangulated]).toEqual([0, 0, 0]);
      expectSameMesh(r.mesh, mesh);
    }
  });

  it('readObj equals parseObj on the same file; unreadable paths are InvalidArgumentError', async () => {
    const path = tmp.write('cube.obj', CUBE);
    expectSameMesh((await readObj(path)).mesh, parseObj(CUBE).mesh);
    await expectInvalidArgumentAsync(readObj(`${tmp.dir}/none.obj`), 'path');
    await expectInvalidArgumentAsync(readObj(path, { file: 'x' } as never), 'options.file');
    const bad = tmp.write('bad.obj', 'v 0 0 0\nf 1 1\n');
    await expect(readObj(bad)).rejects.toMatchObject({ code: 'PARSE_ERROR', file: bad, line: 2 });
  });
});
