import { describe, expect, it } from '@jest/globals';
import {
  angleDefects,
  applyCotangentLaplacian,
  cotangentLaplacian,
  cotangentWeights,
  gaussianCurvature,
  meanCurvature,
  meanCurvatureNormal,
  meshEdgeStats,
  normalizeMesh,
  vertexAreas,
  vertexNormals,
} from '../../src/mesh/index.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { buildGraph, fromEdges } from '../../src/core/build-graph.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { build, tetrahedron } from './mesh-builders.js';

const tet = tetrahedron();
const withFields = (fields: Partial<TriangleMesh>): TriangleMesh => ({ ...tet, ...fields }) as TriangleMesh;

const meshFunctions: [string, (m: unknown) => unknown][] = [
  ['cotangentWeights', (m) => cotangentWeights(m as TriangleMesh)],
  ['cotangentLaplacian', (m) => cotangentLaplacian(m as TriangleMesh)],
  ['vertexAreas', (m) => vertexAreas(m as TriangleMesh)],
  ['vertexNormals', (m) => vertexNormals(m as TriangleMesh)],
  ['meanCurvature', (m) => meanCurvature(m as TriangleMesh)],
  ['meanCurvatureNormal', (m) => meanCurvatureNormal(m as TriangleMesh)],
  ['angleDefects', (m) => angleDefects(m as TriangleMesh)],
  ['gaussianCurvature', (m) => gaussianCurvature(m as TriangleMesh)],
  ['meshEdgeStats', (m) => meshEdgeStats(m as TriangleMesh)],
  ['normalizeMesh', (m) => normalizeMesh(m as TriangleMesh)],
  ['applyCotangentLaplacian', (m) => applyCotangentLaplacian(m as TriangleMesh, new Float64Array(12))],
];

const badMeshes: [string, unknown, string][] = [
  ['null', null, 'mesh'],
  ['a plain object', {}, 'mesh'],
  ['positions of the wrong length', withFields({ positions: new Float64Array(9) }), 'mesh'],
  ['faces as a plain array', withFields({ faces: [0, 1, 2] as unknown as Int32Array }), 'mesh'],
  ['a non-graph', withFields({ graph: {} as TriangleMesh['graph'] }), 'mesh.graph'],
  ['a directed graph', withFields({ graph: buildGraph({ order: 4, sources: [0], targets: [1] }, { directed: true }).graph }), 'mesh.graph'],
  ['a graph of the wrong order', withFields({ graph: fromEdges([[0, 1]], { order: 5 }) }), 'mesh.graph.order'],
  ['a graph missing face sides', withFields({ graph: fromEdges([[0, 1], [1, 2], [2, 3]], { order: 4 }) }), 'mesh.graph'],
  ['a NaN coordinate', withFields({ positions: Float64Array.from(tet.positions, (x, i) => (i === 4 ? NaN : x)) }), 'mesh.positions[4]'],
  ['an infinite coordinate', withFields({ positions: Float64Array.from(tet.positions, (x, i) => (i === 0 ? Infinity : x)) }), 'mesh.positions[0]'],
  ['a face index out of range', withFields({ faces: Int32Array.from(tet.faces, (x, i) => (i === 5 ? 4 : x)) }), 'mesh.faces[5]'],
  ['a negative face index', withFields({ faces: Int32Array.from(tet.faces, (x, i) => (i === 0 ? -1 : x)) }), 'mesh.faces[0]'],
  ['a face with a repeated vertex', withFields({ faces: Int32Array.from(tet.faces, (x, i) => (i === 4 ? 0 : x)) }), 'mesh.faces[3..5]'],
];

function expectInvalid(call: () => unknown, argument: string): void {
  let caught: unknown;
  try {
    call();
  } catch (err) {
    caught = err;
  }
  expect(InvalidArgumentError.isInstance(caught)).toBe(true);
  expect((caught as InvalidArgumentError).argument).toBe(argument);
  expect((caught as Error).message).toMatch(/^@isinglab\/graph \w+: /);
}

describe('bad inputs', () => {
  // Functions that never walk the edges (areas, normals, normalisation) do not look up face sides in the graph.
  const usesEdges = new Set(['cotangentWeights', 'cotangentLaplacian', 'meanCurvature', 'meanCurvatureNormal', 'angleDefects',
    'gaussianCurvature', 'meshEdgeStats', 'applyCotangentLaplacian']);
  for (const [fn, call] of meshFunctions) {
    const cases = badMeshes
      .filter(([name]) => usesEdges.has(fn) || name !== 'a graph missing face sides')
      // applyCotangentLaplacian names its first argument `operator`; non-mesh objects are judged as matrices.
      .map(([name, mesh, argument]): [string, unknown, string] =>
        fn !== 'applyCotangentLaplacian' ? [name, mesh, argument]
        : [name, mesh, argument === 'mesh' && (mesh === null || !('faces' in (mesh as object))) ? 'operator' : argument.replace(/^mesh/, 'operator')]);
    it.each(cases)(`${fn} rejects %s`, (_name, mesh, argument) => expectInvalid(() => call(mesh), argument));
  }

  it('vertexAreas, vertexNormals and normalizeMesh ignore a graph that misses face sides (they never read edges)', () => {
    const mesh = withFields({ graph: fromEdges([[0, 1], [1, 2], [2, 3]], { order: 4 }) });
    expect(Array.from(vertexAreas(mesh))).toEqual(Array.from(vertexAreas(tet)));
    expect(Array.from(vertexNormals(mesh))).toEqual(Array.from(vertexNormals(tet)));
    expect(normalizeMesh(mesh).graph).toBe(mesh.graph);
  });

  const optionCases: [string, () => unknown, string][] = [
    ['vertexAreas options not an object', () => vertexAreas(tet, 'mixed' as never), 'options'],
    ['vertexAreas unknown option', () => vertexAreas(tet, { kinds: 'barycentric' } as never), 'options.kinds'],
    ['vertexAreas bad kind', () => vertexAreas(tet, { kind: 'voronoi' as never }), 'options.kind'],
    ['vertexNormals bad weighting', () => vertexNormals(tet, { weighting: 'Angle' as never }), 'options.weighting'],
    ['vertexNormals null options', () => vertexNormals(tet, null as never), 'options'],
    ['meanCurvature bad areaKind', () => meanCurvature(tet, { areaKind: 'voronoi' as never }), 'options.areaKind'],
    ['meanCurvature bad normalWeighting', () => meanCurvature(tet, { normalWeighting: 1 as never }), 'options.normalWeighting'],
    ['meanCurvature unknown option', () => meanCurvature(tet, { kind: 'barycentric' } as never), 'options.kind'],
    ['meanCurvatureNormal bad areaKind', () => meanCurvatureNormal(tet, { areaKind: null as never }), 'options.areaKind'],
    ['gaussianCurvature bad areaKind', () => gaussianCurvature(tet, { areaKind: 'mixed' as never }), 'options.areaKind'],
    ['gaussianCurvature unknown option', () => gaussianCurvature(tet, { weighting: 'angle' } as never), 'options.weighting'],
  ];
  it.each(optionCases)('%s', (_name, call, argument) => expectInvalid(call, argument));

  const L = cotangentLaplacian(tet);
  const x = new Float64Array(4);
  const applyCases: [string, () => unknown, string][] = [
    ['values not a Float64Array', () => applyCotangentLaplacian(L, [0, 0, 0, 0] as never), 'values'],
    ['values of the wrong length', () => applyCotangentLaplacian(L, new Float64Array(6)), 'values.length'],
    ['non-empty values on an empty operator', () => applyCotangentLaplacian(build([], []), new Float64Array(1)), 'values.length'],
    ['a NaN value', () => applyCotangentLaplacian(L, Float64Array.from([0, NaN, 0, 0])), 'values[1]'],
    ['out not a Float64Array', () => applyCotangentLaplacian(L, x, new Float32Array(4) as never), 'out'],
    ['out of the wrong length', () => applyCotangentLaplacian(L, x, new Float64Array(3)), 'out.length'],
    ['out aliasing values', () => applyCotangentLaplacian(L, x, x), 'out'],
    ['out overlapping values', () => {
      const buf = new Float64Array(6);
      return applyCotangentLaplacian(L, buf.subarray(0, 4), buf.subarray(2, 6));
    }, 'out'],
    ['operator not a matrix or mesh', () => applyCotangentLaplacian({ order: 4 } as never, x), 'operator'],
    ['operator with a column out of range', () =>
      applyCotangentLaplacian({ ...L, columns: Int32Array.from(L.columns, (c, i) => (i === 2 ? 9 : c)) }, x), 'operator.columns[2]'],
    ['operator with decreasing offsets', () =>
      applyCotangentLaplacian({ ...L, offsets: Int32Array.from(L.offsets, (o, i) => (i === 1 ? 12 : o)) }, x), 'operator.offsets[2]'],
    ['operator with a NaN entry', () =>
      applyCotangentLaplacian({ ...L, values: Float64Array.from(L.values, (v, i) => (i === 3 ? NaN : v)) }, x), 'operator.values[3]'],
  ];
  it.each(applyCases)('applyCotangentLaplacian rejects %s', (_name, call, argument) => expectInvalid(call, argument));

  it('normalizeMesh rejects a mesh whose vertices all coincide', () => {
    expectInvalid(() => normalizeMesh(build([1, 2, 3, 1, 2, 3, 1, 2, 3], [0, 1, 2])), 'mesh');
  });
});
