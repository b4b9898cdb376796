import { afterAll, describe, expect, it } from '@jest/globals';
import { validateGraph } from '../../src/core/queries.js';
import { readGraphFile } from '../../src/io/index.js';
import { createTempDir, expectInvalidArgumentAsync, expectParseErrorAsync } from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());

describe('readGraphFile', () => {
  it('reads every format into the same summary shape', async () => {
    const edges = tmp.write('g.txt', '0 1\n1 2\n2 0\n1 0\n3 3\n');
    const e = await readGraphFile(edges);
    expect(e).toMatchObject({ format: 'edgelist', selfLoopsDropped: 1, duplicatesDropped: 1 });
    expect(e.graph.size).toBe(3);
    const d = await readGraphFile(edges, { directed: true });
    expect(d.graph.directed).toBe(true);
    expect(d.graph.size).toBe(4);

    const mtx = tmp.write('m.mtx', '%%MatrixMarket matrix coordinate pattern symmetric\n3 3 3\n1 1\n2 1\n3 2\n');
    const m = await readGraphFile(mtx);
    expect(m).toMatchObject({ format: 'matrixmarket', selfLoopsDropped: 1, duplicatesDropped: 0 });
    expect(m.graph.size).toBe(2);
    expect(m.matrix!.entries).toBe(3);

    const gml = tmp.write('g.gml', 'graph [ directed 1 node [ id 5 ] node [ id 6 ] edge [ source 5 target 6 ] ]');
    const g = await readGraphFile(gml);
    expect(g.format).toBe('gml');
    expect(g.graph.directed).toBe(true);
    expect(Array.from(g.nodeIds!)).toEqual([5, 6]);
    expect((await readGraphFile(gml, { directed: false })).graph.directed).toBe(false);

    const obj = tmp.write('t.obj', 'v 0 0 0\nv 1 0 0\nv 0 1 0\nv 5 5 5\nf 1 2 3\n');
    const o = await readGraphFile(obj);
    expect(o).toMatchObject({ format: 'obj', unreferencedDropped: 1, degenerateFacesDropped: 0, polygonsTriangulated: 0 });
    expect(o.mesh!.faceCount).toBe(1);
    expect(o.graph).toBe(o.mesh!.graph);

    const off = tmp.write('t.off', 'OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n');
    expect((await readGraphFile(off)).format).toBe('off');
    const ply = tmp.write('t.ply', 'ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n');
    expect((await readGraphFile(ply)).mesh!.faceCount).toBe(1);
    for (const s of [e, m, g, o]) validateGraph(s.graph);
  });

  it('detects the format from the content when the name does not say', async () => {
    const mtxAsTxt = tmp.write('matrix.txt', '%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 2\n');
    expect((await readGraphFile(mtxAsTxt)).format).toBe('matrixmarket');
    const noExt = tmp.write('mesh', 'ply\nformat ascii 1.0\nelement vertex 0\nproperty float x\nproperty float y\nproperty float z\nend_header\n');
    expect((await readGraphFile(noExt)).format).toBe('ply');
    const forced = tmp.write('forced.dat', '0 1\n');
    expect((await readGraphFile(forced, { format: 'edgelist' })).graph.size).toBe(1);
  });

  it('reports a non-square matrix as a ParseError about the whole file (line 0)', async () => {
    const rect = tmp.write('rect.mtx', '%%MatrixMarket matrix coordinate pattern general\n2 3 0\n');
    await expectParseErrorAsync(readGraphFile(rect), { file: rect, line: 0, column: 0, expected: /square/ });
    const huge = tmp.write('huge.mtx', '%%MatrixMarket matrix coordinate pattern general\n2000000000 2000000000 0\n');
    await expectParseErrorAsync(readGraphFile(huge), { file: huge, line: 0, column: 0, expected: /rows/ });
  });

  it('passes ParseErrors through with the path as file', async () => {
    const bad = tmp.write('bad.edges', '0 1\n0 x\n');
    await expectParseErrorAsync(readGraphFile(bad), { file: bad, line: 2, column: 3 });
  });

  it('rejects bad arguments', async () => {
    await expectInvalidArgumentAsync(readGraphFile(`${tmp.dir}/missing.gml`), 'path');
    await expectInvalidArgumentAsync(readGraphFile(`${tmp.dir}/missing`), 'path');
    await expectInvalidArgumentAsync(readGraphFile(tmp.dir), 'path');
    await expectInvalidArgumentAsync(readGraphFile(tmp.write('what.bin', 'hello there world\n')), 'options.format');
    await expectInvalidArgumentAsync(readGraphFile(tmp.write('a.txt', '0 1\n'), { format: 'dot' as never }), 'options.format');
    await expectInvalidArgumentAsync(readGraphFile(tmp.write('b.txt', '0 1\n'), { directed: 'yes' as never }), 'options.directed');
    await expectInvalidArgumentAsync(readGraphFile(tmp.write('c.txt', '0 1\n'), { weighted: true } as never), 'options.weighted');
    const obj = tmp.write('d.obj', 'v 0 0 0\n');
    await expectInvalidArgumentAsync(readGraphFile(obj, { directed: true }), 'options.directed');
  });
});
