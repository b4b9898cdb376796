import { afterAll, describe, expect, it } from '@jest/globals';
import { validateGraph } from '../../src/core/queries.js';
import { formatPly, parsePly, readPly } from '../../src/io/index.js';
import { createRng } from '../../src/random/rng.js';
import { createTempDir, expectInvalidArgument, expectInvalidArgumentAsync, expectParseError, expectSameMesh, randomMesh } from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

/** A tetrahedron with extra vertex properties, a quad-free face list, an extra element and odd property order. */
const TETRA = `ply
format ascii 1.0
comment made by hand
obj_info test
element vertex 5
property uchar red
property float z
property float y
property float x
property list uchar float normals
element face 4
property uchar flags
property list uchar int vertex_indices
property list ushort short extra
element edge 2
property int vertex1
property int vertex2
end_header
255 0 0 0 0
0 0 0 1 2 0.5 0.5
0 0 1 0 0
0 1 0 0 1 7
9 9 9 9 0
1 3 0 1 2 0
0 3 0 3 1 2 5 6
0 3 0 2 3 0
0 3 1 3 2 0
0 1
1 2
`;

describe('parsePly', () => {
  it('finds x, y, z by name, reads faces from the vertex_indices list, skips other properties and elements', () => {
    const r = parsePly(TETRA);
    expect(r.mesh.vertexCount).toBe(4);
    expect(r.unreferencedDropped).toBe(1);
    expect(r.mesh.faceCount).toBe(4);
    // Properties are stored z y x: vertex 2 is "z=0 y=1 x=0", vertex 3 "z=1 y=0 x=0".
    expect(Array.from(r.mesh.positions)).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(r.mesh.faces)).toEqual([0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2]);
    validateGraph(r.mesh.graph);
    expect(r.mesh.graph.size).toBe(6);
  });

  it('fan-triangulates polygons, accepts vertex_index, elements in any order, CRLF and empty elements', () => {
    const text = [
      'ply',
      'format ascii 1.0',
      'element face 1',
      'property list uint8 int32 vertex_index',
      'element vertex 4',
      'property double x',
      'property double y',
      'property double z',
      'element material 0',
      'property float shine',
      'end_header',
      '4 0 1 2 3',
      '0 0 0',
      '1 0 0',
      '1 1 0',
      '0 1 0',
      '',
    ].join('\r\n');
    const r = parsePly(text);
    expect(r.polygonsTriangulated).toBe(1);
    expect(Array.from(r.mesh.faces)).toEqual([0, 1, 2, 0, 2, 3]);
  });

  it('reads a point cloud (no face element) as a mesh whose vertices are all unreferenced', () => {
    const r = parsePly('ply\nformat ascii 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nend_header\n0 0 0\n1 1 1\n');
    expect(r.mesh.vertexCount).toBe(0);
    expect(r.unreferencedDropped).toBe(2);
  });
});

describe('parsePly: malformed input', () => {
  const HEAD = 'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n';
  const VERTS = '0 0 0\n1 0 0\n0 1 0\n';
  // [name, text, line, column, expected fragment]
  const cases: [string, string, number, number, RegExp][] = [
    ['empty file', '', 1, 1, /magic/],
    ['bad magic', 'PLY\n', 1, 1, /magic/],
    ['binary little endian', 'ply\nformat binary_little_endian 1.0\n', 2, 8, /binary PLY is unsupported/],
    ['binary big endian', 'ply\nformat binary_big_endian 1.0\n', 2, 8, /binary PLY is unsupported/],
    ['bad version', 'ply\nformat ascii 2.0\n', 2, 14, /1\.0/],
    ['no format line', 'ply\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n', 6, 1, /format ascii/],
    ['truncated header', 'ply\nformat ascii 1.0\nelement vertex 3\n', 4, 1, /end_header/],
    ['property before element', 'ply\nformat ascii 1.0\nproperty float x\n', 3, 1, /element/],
    ['unknown type', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty float128 x\n', 4, 10, /scalar type/],
    ['float list count', 'ply\nformat ascii 1.0\nelement face 1\nproperty list float int vertex_indices\n', 4, 15, /integer list count/],
    ['bad element count', 'ply\nformat ascii 1.0\nelement vertex -1\n', 3, 16, /element count/],
    ['unknown header line', 'ply\nformat ascii 1.0\nfoo bar\n', 3, 1, /header line/],
    ['no vertex element', 'ply\nformat ascii 1.0\nelement face 0\nproperty list uchar int vertex_indices\nend_header\n', 5, 1, /element vertex/],
    ['vertex without z', 'ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nend_header\n', 3, 1, /'z'/],
    ['face without index list', 'ply\nformat ascii 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nelement face 0\nproperty int flags\nend_header\n', 7, 1, /vertex_indices/],
    ['too few vertex lines', `${HEAD}0 0 0\n1 0 0\n`, 12, 1, /1 more 'vertex' lines/],
    ['too few face lines', `${HEAD}${VERTS}`, 13, 1, /1 more 'face' lines/],
    ['short vertex line', `${HEAD}0 0\n`, 10, 4, /property 'z'/],
    ['extra vertex value', `${HEAD}0 0 0 0\n`, 10, 7, /end of line/],
    ['NaN coordinate', `${HEAD}0 NaN 0\n`, 10, 3, /a number/],
    ['1e400 coordinate', `${HEAD}0 1e400 0\n`, 10, 3, /finite/],
    ['face index out of range', `${HEAD}${VERTS}3 0 1 3\n`, 13, 7, /\[0, 3\)/],
    ['face index not an integer', `${HEAD}${VERTS}3 0 1 1.5\n`, 13, 7, /integer/],
    ['face list short', `${HEAD}${VERTS}3 0 1\n`, 13, 6, /3 items/],
    ['face with 2 vertices', `${HEAD}${VERTS}2 0 1\n`, 13, 1, /at least 3/],
    ['list count beyond uchar', `${HEAD}${VERTS}256 0 1 2\n`, 13, 1, /\[0, 255\]/],
    ['extra line after the data', `${HEAD}${VERTS}3 0 1 2\n3 0 1 2\n`, 14, 1, /end of file/],
  ];
  it.each(cases)('%s', (_name, text, line, column, expected) => {
    expectParseError(() => parsePly(text, { file: 'm.ply' }), { file: 'm.ply', line, column, expected });
  });

  it('rejects bad arguments', () => {
    expectInvalidArgument(() => parsePly({} as never), 'text');
    expectInvalidArgument(() => formatPly({ vertexCount: 1, faceCount: 0, positions: new Float64Array([0, 0, NaN]), faces: new Int32Array(0) } as never), 'mesh.positions[2]');
  });
});

describe('formatPly / readPly', () => {
  it('parsePly(formatPly(mesh)) is the same mesh, exactly, for 50 seeded random meshes', () => {
    const rng = createRng(13);
    for (let t = 0; t < 50; t++) {
      const mesh = randomMesh(rng);
      const r = parsePly(formatPly(mesh));
      expect([r.unreferencedDropped, r.degenerateFacesDropped, r.polygonsTriangulated]).toEqual([0, 0, 0]);
      expectSameMesh(r.mesh, mesh);
    }
  });

  it('readPly equals parsePly on the same file; errors name the path; unreadable paths are InvalidArgumentError', async () => {
    const path = tmp.write('t.ply', TETRA);
    expectSameMesh((await readPly(path)).mesh, parsePly(TETRA).mesh);
    const bin = tmp.write('b.ply', 'ply\nformat binary_little_endian 1.0\nelement vertex 1\nend_header\n\u0000\u0001\u00ff');
    await expect(readPly(bin)).rejects.toMatchObject({ code: 'PARSE_ERROR', file: bin, line: 2, column: 8 });
    await expectInvalidArgumentAsync(readPly(`${tmp.dir}/none.ply`), 'path');
  });
});
