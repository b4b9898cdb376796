/**
 * The readers on every graph and mesh file of the shared data folder (skipped when findDataDir() finds none).
 * Expected counts come from each folder's FORMAT.md (checked there with Python/networkx) and, for the MatrixMarket
 * files, from test/fixtures/io/mtx_expected.json, written by generate_mtx_expected.py with scipy.io.mmread and
 * networkx. Streaming: every readX(path) must equal parseX(text of the file).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateGraph } from '../../src/core/queries.js';
import {
  detectGraphFormat,
  matrixMarketToGraph,
  parseEdgeList,
  parseGml,
  parseMatrixMarket,
  parseObj,
  parsePly,
  readEdgeList,
  readGml,
  readGraphFile,
  readMatrixMarket,
  readObj,
  readPly,
  type MeshReadResult,
} from '../../src/io/index.js';
import type { TriangleMesh } from '../../src/mesh/triangle-mesh.js';
import { findDataDir } from '../../src/testing/data-dir.js';
import { countComponents, expectSameArray, expectSameGraph, expectSameMesh } from './helpers.js';

const DATA = findDataDir();
const describeData = DATA === undefined ? describe.skip : describe;
const path = (rel: string): string => join(DATA ?? '', rel);
const text = (rel: string): string => readFileSync(path(rel), 'utf8');

/** Every MatrixMarket file of suitesparse-symmetric/, by name. */
const MTX_FILES = [
  '494_bus.mtx',
  'Erdos971.mtx',
  'G51.mtx',
  'GD06_theory.mtx',
  'GD97_b.mtx',
  'LFAT5.mtx',
  'bcspwr01.mtx',
  'bcspwr02.mtx',
  'bcspwr03.mtx',
  'bcspwr04.mtx',
  'bcspwr05.mtx',
  'bcspwr06.mtx',
  'bcspwr07.mtx',
  'bcspwr08.mtx',
  'bcspwr09.mtx',
  'bcspwr10.mtx',
  'bcsstk13.mtx',
  'can___24.mtx',
  'dwt_878.mtx',
  'dwt_992.mtx',
  'hangGlider_2.mtx',
  'jagmesh7.mtx',
  'reorientation_1.mtx',
  'tumorAntiAngiogenesis_2.mtx',
];
const EDGE_FILES = ['karate/edges.txt', 'polblogs/edges.txt', 'chameleon/out1_graph_edges.txt', 'squirrel/out1_graph_edges.txt'];
const GML_FILES = ['polblogs/polblogs.gml'];

/** meshes/FORMAT.md: vertices in the file, vertices used, faces, Euler characteristic (null when not a manifold). */
const MESHES: Record<string, { vertices: number; used: number; faces: number; chi: number | null; edgeFaceCounts: Record<number, number> }> = {
  'meshes/spot.obj': { vertices: 2930, used: 2930, faces: 5856, chi: 2, edgeFaceCounts: { 2: 8784 } },
  'meshes/bob_tri.obj': { vertices: 5344, used: 5344, faces: 10688, chi: 0, edgeFaceCounts: { 2: 16032 } },
  'meshes/blub_triangulated.obj': { vertices: 7106, used: 7106, faces: 14208, chi: 2, edgeFaceCounts: { 2: 21312 } },
  // Genus 0 with 5 holes: chi = 2 − 5; 223 boundary edges lie on one triangle.
  'meshes/stanford-bunny.obj': { vertices: 35947, used: 34834, faces: 69451, chi: -3, edgeFaceCounts: { 1: 223 } },
  // Non-manifold: 803 (res4) and 2094 (res3) edges shared by 4 or more faces.
  'meshes/dragon_vrip_res4.ply': { vertices: 5205, used: 5203, faces: 11102, chi: null, edgeFaceCounts: { 4: 803 } },
  'meshes/dragon_vrip_res3.ply': { vertices: 22998, used: 22982, faces: 47794, chi: null, edgeFaceCounts: { 4: 2094 } },
};

interface MtxExpected {
  rows: number;
  cols: number;
  entries: number;
  field: string;
  symmetry: string;
  diagonalEntries: number;
  nodes: number;
  edges: number;
  components: number;
  maxDegree: number;
}
const MTX_EXPECTED = (
  JSON.parse(readFileSync(new URL('../fixtures/io/mtx_expected.json', import.meta.url), 'utf8')) as { files: Record<string, MtxExpected> }
).files;

/** Files that look like graphs or meshes, anywhere under the data folder. */
function graphFilesOnDisk(root: string): string[] {
  const out: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) stack.push(full);
      else if (/\.(mtx|mm|gml|obj|off|ply)$/i.test(name) || /edges/i.test(name)) out.push(relative(root, full).split('\\').join('/'));
    }
  }
  return out.sort();
}

/** How many edges lie on exactly k triangles, for the k in `counts` (k = 4 means "4 or more"). */
function edgeFaceHistogram(mesh: TriangleMesh): Map<number, number> {
  const perEdge = new Int32Array(mesh.graph.size);
  const g = mesh.graph;
  for (let t = 0; t < mesh.faceCount; t++) {
    for (let k = 0; k < 3; k++) {
      const a = mesh.faces[3 * t + k]!;
      const b = mesh.faces[3 * t + ((k + 1) % 3)]!;
      // Binary search of b in a's sorted row gives the edge id.
      let lo = g.offsets[a]!;
      let hi = g.offsets[a + 1]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (g.targets[mid] === b) {
          perEdge[g.edgeIds[mid]!]!++;
          break;
        }
        if (g.targets[mid]! < b) lo = mid + 1;
        else hi = mid - 1;
      }
    }
  }
  const hist = new Map<number, number>();
  for (const c of perEdge) hist.set(c, (hist.get(c) ?? 0) + 1);
  return hist;
}

describeData('real data: the list of files', () => {
  it('names every graph and mesh file in the data folder (add new files to this test)', () => {
    const listed = [
      ...MTX_FILES.map((f) => `suitesparse-symmetric/${f}`),
      ...EDGE_FILES,
      ...GML_FILES,
      ...Object.keys(MESHES),
    ].sort();
    expect(graphFilesOnDisk(DATA!)).toEqual(listed);
    expect(Object.keys(MTX_EXPECTED).sort()).toEqual([...MTX_FILES].sort());
  });

  it('detects every listed file’s format from its name and first lines', () => {
    const expected: Record<string, string> = { mtx: 'matrixmarket', txt: 'edgelist', gml: 'gml', obj: 'obj', ply: 'ply' };
    for (const rel of [...MTX_FILES.map((f) => `suitesparse-symmetric/${f}`), ...EDGE_FILES, ...GML_FILES, ...Object.keys(MESHES)]) {
      const head = readFileSync(path(rel), 'utf8').slice(0, 4096);
      expect(`${rel}: ${detectGraphFormat(rel, head)}`).toBe(`${rel}: ${expected[rel.split('.').pop()!]}`);
      expect(`${rel}: ${detectGraphFormat('noext', head)}`).toBe(`${rel}: ${expected[rel.split('.').pop()!]}`);
    }
  });
});

describeData('real data: SuiteSparse MatrixMarket files (expected from scipy + networkx)', () => {
  it.each(MTX_FILES)('%s', async (name) => {
    const rel = `suitesparse-symmetric/${name}`;
    const want = MTX_EXPECTED[name]!;
    const m = parseMatrixMarket(text(rel), { file: rel });
    expect([m.rows, m.cols, m.entries, m.field, m.symmetry]).toEqual([want.rows, want.cols, want.entries, want.field, want.symmetry]);
    let diagonal = 0;
    for (let k = 0; k < m.entries; k++) if (m.rowIndices[k] === m.colIndices[k]) diagonal++;
    expect(diagonal).toBe(want.diagonalEntries);
    // Every '%' line but the banner is a comment (can___24.mtx has none).
    expect(m.comments.length).toBe(text(rel).split('\n').filter((l) => l.startsWith('%')).length - 1);
    const r = matrixMarketToGraph(m);
    validateGraph(r.graph);
    expect(r.graph.directed).toBe(false);
    expect([r.graph.order, r.graph.size, r.selfLoopsDropped]).toEqual([want.nodes, want.edges, want.diagonalEntries]);
    expect(r.duplicatesDropped).toBe(want.entries - want.diagonalEntries - want.edges);
    expect(countComponents(r.graph)).toBe(want.components);
    let maxDegree = 0;
    for (let v = 0; v < r.graph.order; v++) maxDegree = Math.max(maxDegree, r.graph.offsets[v + 1]! - r.graph.offsets[v]!);
    expect(maxDegree).toBe(want.maxDegree);
    expect(r.graph.weights === undefined).toBe(want.field === 'pattern');
    // Streaming equals parsing.
    const streamed = await readMatrixMarket(path(rel));
    expectSameArray(streamed.rowIndices, m.rowIndices);
    expectSameArray(streamed.colIndices, m.colIndices);
    expectSameArray(streamed.values, m.values);
    expect(streamed.comments).toEqual(m.comments);
  });
});

describeData('real data: edge lists', () => {
  it('karate: 34 nodes, 78 edges, no self-loops or repeats', async () => {
    const r = await readEdgeList(path('karate/edges.txt'));
    validateGraph(r.graph);
    expect([r.graph.order, r.graph.size, r.selfLoopsDropped, r.duplicatesDropped, r.lines, r.headerSkipped]).toEqual([34, 78, 0, 0, 78, false]);
    expectSameGraph(r.graph, parseEdgeList(text('karate/edges.txt')).graph);
  });

  it('polblogs/edges.txt: 19,090 lines; directed 19,025 arcs (3 self-loops kept, 65 repeats); undirected 16,715', async () => {
    const directed = await readEdgeList(path('polblogs/edges.txt'), { directed: true, selfLoops: 'keep', order: 1490 });
    validateGraph(directed.graph);
    expect([directed.edgeLines, directed.graph.size, directed.duplicatesDropped, directed.selfLoopsDropped]).toEqual([19090, 19025, 65, 0]);
    const undirected = await readEdgeList(path('polblogs/edges.txt'), { order: 1490 });
    expect([undirected.graph.order, undirected.graph.size, undirected.selfLoopsDropped]).toEqual([1490, 16715, 3]);
    // FORMAT.md: 268 components, 266 of them isolated nodes.
    expect(countComponents(undirected.graph)).toBe(268);
    expectSameGraph(directed.graph, parseEdgeList(text('polblogs/edges.txt'), { directed: true, selfLoops: 'keep', order: 1490 }).graph);
  });

  it.each([
    // [file, nodes, edge lines, self-loops, undirected edges]
    ['chameleon/out1_graph_edges.txt', 2277, 36101, 50, 31371],
    ['squirrel/out1_graph_edges.txt', 5201, 217073, 140, 198353],
  ])('%s: header skipped; directed with its self-loops; undirected simple', async (rel, nodes, arcs, loops, edges) => {
    const directed = await readEdgeList(path(rel), { directed: true, selfLoops: 'keep' });
    validateGraph(directed.graph);
    expect(directed.headerSkipped).toBe(true);
    expect([directed.graph.order, directed.graph.size, directed.duplicatesDropped, directed.lines]).toEqual([nodes, arcs, 0, arcs + 1]);
    let selfLoops = 0;
    for (let e = 0; e < directed.graph.size; e++) if (directed.graph.edgeSources[e] === directed.graph.edgeTargets[e]) selfLoops++;
    expect(selfLoops).toBe(loops);
    const undirected = await readEdgeList(path(rel));
    validateGraph(undirected.graph);
    expect([undirected.graph.order, undirected.graph.size, undirected.selfLoopsDropped]).toEqual([nodes, edges, loops]);
    // Each pair linked both ways is one repeat: FORMAT.md's 4680 (chameleon) and 18580 (squirrel) pairs.
    expect(undirected.duplicatesDropped).toBe(arcs - loops - edges);
    expectSameGraph(undirected.graph, parseEdgeList(text(rel), { file: path(rel) }).graph);
  });
});

describeData('real data: polblogs.gml', () => {
  it('1490 nodes, 19,090 edge blocks; undirected simple 16,715 edges; directed equals edges.txt', async () => {
    const rel = 'polblogs/polblogs.gml';
    const undirected = await readGml(path(rel));
    validateGraph(undirected.graph);
    expect(undirected.directedInFile).toBe(false); // the edited header says `undirected 1`
    expect([undirected.graph.order, undirected.edgeBlocks, undirected.graph.size, undirected.selfLoopsDropped]).toEqual([1490, 19090, 16715, 3]);
    expect(Array.from(undirected.nodeIds)).toEqual(Array.from({ length: 1490 }, (_, v) => v + 1));
    expect(undirected.graph.labels![0]).toBe('100monkeystyping.com');

    const directed = await readGml(path(rel), { directed: true, selfLoops: 'keep' });
    expect([directed.graph.size, directed.duplicatesDropped]).toEqual([19025, 65]);
    const fromEdges = parseEdgeList(text('polblogs/edges.txt'), { directed: true, selfLoops: 'keep', order: 1490 });
    expectSameArray(directed.graph.edgeSources, fromEdges.graph.edgeSources, 'edgeSources');
    expectSameArray(directed.graph.edgeTargets, fromEdges.graph.edgeTargets, 'edgeTargets');

    // The `value` attribute is labels.txt's left (0) / right (1): 758 left, 732 right.
    const sides = text('polblogs/labels.txt').trim().split('\n').map((l) => l.split(' ')[1]);
    expect(directed.nodeAttributes.map((a) => (a['value'] === 0 ? 'left' : 'right'))).toEqual(sides);
    expect(sides.filter((s) => s === 'left').length).toBe(758);
    expect(typeof directed.nodeAttributes[0]!['source']).toBe('string');

    const parsed = parseGml(text(rel), { directed: true, selfLoops: 'keep' });
    expectSameGraph(directed.graph, parsed.graph);
    expectSameArray(directed.nodeIds, parsed.nodeIds);
  });
});

describeData('real data: meshes', () => {
  it.each(Object.entries(MESHES))('%s', async (rel, want) => {
    const isObj = rel.endsWith('.obj');
    const r: MeshReadResult = isObj ? await readObj(path(rel)) : await readPly(path(rel));
    const m = r.mesh;
    validateGraph(m.graph);
    expect([m.vertexCount + r.unreferencedDropped, m.vertexCount, m.faceCount]).toEqual([want.vertices, want.used, want.faces]);
    expect([r.unreferencedDropped, r.degenerateFacesDropped, r.polygonsTriangulated]).toEqual([want.vertices - want.used, 0, 0]);
    expect(r.vertexMap.length).toBe(want.used);
    if (want.chi !== null) expect(m.vertexCount - m.graph.size + m.faceCount).toBe(want.chi);
    const hist = edgeFaceHistogram(m);
    for (const [k, count] of Object.entries(want.edgeFaceCounts)) {
      const faces = Number(k);
      const got = faces >= 4 ? [...hist].filter(([c]) => c >= 4).reduce((s, [, n]) => s + n, 0) : (hist.get(faces) ?? 0);
      expect(`${faces} faces: ${got} edges`).toBe(`${faces} faces: ${count} edges`);
    }
    if (want.chi === 2 || want.chi === 0) expect([...hist.keys()]).toEqual([2]); // closed manifolds
    const parsed = isObj ? parseObj(text(rel)) : parsePly(text(rel));
    expectSameMesh(m, parsed.mesh);
    expectSameArray(r.vertexMap, parsed.vertexMap);
  });

  it('readGraphFile gives the same meshes and graphs', async () => {
    const s = await readGraphFile(path('meshes/dragon_vrip_res4.ply'));
    expect([s.format, s.unreferencedDropped, s.mesh!.faceCount]).toEqual(['ply', 2, 11102]);
    const k = await readGraphFile(path('karate/edges.txt'));
    expect([k.format, k.graph.order, k.graph.size]).toEqual(['edgelist', 34, 78]);
    const c = await readGraphFile(path('chameleon/out1_graph_edges.txt'), { directed: true });
    expect([c.graph.size, c.selfLoopsDropped]).toEqual([36051, 50]);
    const b = await readGraphFile(path('suitesparse-symmetric/bcspwr01.mtx'));
    expect([b.format, b.graph.order, b.graph.size]).toEqual(['matrixmarket', 39, 46]);
  });
});
