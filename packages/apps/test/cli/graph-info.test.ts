import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findDataDir } from '@isinglab/graph/testing';
import { bundledDataDir } from '../../src/lib/paths.js';
import { listDataFiles } from '../../src/commands/data-stats.js';
import { run } from './helpers.js';

const bundled = bundledDataDir();
const KEYS = [
  'nodes',
  'edges',
  'selfLoopsDropped',
  'duplicatesDropped',
  'components',
  'minDegree',
  'maxDegree',
  'meanDegree',
  'biconnectedComponents',
  'articulationPoints',
  'twoCoreSize',
  'greedyColours',
  'planar',
  'fvsSize',
];

describe('isinglab graph info', () => {
  it('reports the karate club exactly (values checked against networkx 3.6.1)', async () => {
    const r = await run('graph', 'info', join(bundled, 'karate', 'edges.txt'), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    for (const key of KEYS) expect(s).toHaveProperty(key);
    // networkx: 34 nodes, 78 edges, 1 component, degrees 1..17, 3 biconnected components, articulation point {0},
    // 2-core of 33 nodes (node 11 has degree 1), not planar.
    expect(s).toMatchObject({
      nodes: 34,
      edges: 78,
      components: 1,
      minDegree: 1,
      maxDegree: 17,
      biconnectedComponents: 3,
      articulationPoints: 1,
      twoCoreSize: 33,
      planar: false,
      selfLoopsDropped: 0,
      duplicatesDropped: 0,
    });
    expect(s.meanDegree).toBeCloseTo(156 / 34, 12);
    expect(s.greedyColours).toBeGreaterThanOrEqual(5); // karate contains a 5-clique {0,1,2,3,7}
    expect(s.fvsSize).toBeGreaterThan(0);
  });

  it('prints a readable report without --json, and mesh counts for OBJ', async () => {
    const r = await run('graph', 'info', join(bundled, 'meshes', 'spot.obj'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nodes\s+2930$/m);
    expect(r.stdout).toMatch(/^planar\s+yes$/m); // a closed genus-0 surface
    expect(r.stdout).toMatch(/^mesh vertices \/ faces\s+2930 \/ 5856$/m);
  });

  it('exits 2 with file:line on a truncated copy and on junk, with one line on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'isinglab-cli-'));
    try {
      const text = readFileSync(join(bundled, 'suitesparse-symmetric', 'bcspwr01.mtx'), 'utf8');
      const truncated = join(dir, 'truncated.mtx');
      writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)).replace(/\n[^\n]*$/, '\n'));
      const r = await run('graph', 'info', truncated);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`${truncated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(:\\d+)?: expected`));
      const junk = join(dir, 'junk.txt');
      writeFileSync(junk, '0 1\n1 2\n2 x\n');
      const j = await run('graph', 'info', junk);
      expect(j.code).toBe(2);
      expect(j.stderr).toMatch(/junk\.txt:3:\d+: expected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors and bad options, 0 on --help', async () => {
    expect((await run('graph', 'info')).code).toBe(2);
    expect((await run('graph', 'info', 'a', 'b')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('graph', 'info', 'x.txt', '--bogus')).code).toBe(2);
    const fmt = await run('graph', 'info', join(bundled, 'karate', 'edges.txt'), '--format', 'xml');
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toMatch(/--format must be one of/);
    const missing = await run('graph', 'info', '/nonexistent/file.mtx');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/readable file/);
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/isinglab graph info FILE/);
  });

  const dataDir = findDataDir();
  (dataDir ? describe : describe.skip)('on every graph and mesh file of the shared data folder', () => {
    // The list is kept explicitly so that a file that disappears or a new one is noticed.
    const expected = [
      'chameleon/out1_graph_edges.txt',
      'karate/edges.txt',
      'meshes/blub_triangulated.obj',
      'meshes/bob_tri.obj',
      'meshes/dragon_vrip_res3.ply',
      'meshes/dragon_vrip_res4.ply',
      'meshes/spot.obj',
      'meshes/stanford-bunny.obj',
      'polblogs/edges.txt',
      'polblogs/polblogs.gml',
      'squirrel/out1_graph_edges.txt',
      ...[
        '494_bus', 'Erdos971', 'G51', 'GD06_theory', 'GD97_b', 'LFAT5', 'bcspwr01', 'bcspwr02', 'bcspwr03', 'bcspwr04',
        'bcspwr05', 'bcspwr06', 'bcspwr07', 'bcspwr08', 'bcspwr09', 'bcspwr10', 'bcsstk13', 'can___24', 'dwt_878',
        'dwt_992', 'hangGlider_2', 'jagmesh7', 'reorientation_1', 'tumorAntiAngiogenesis_2',
      ].map((name) => `suitesparse-symmetric/${name}.mtx`),
    ];
    it('finds exactly the listed files', () => {
      const found = listDataFiles(dataDir!).map((f) => f.slice(dataDir!.length + 1).split('\\').join('/'));
      expect(found.sort()).toEqual([...expected].sort());
    });
    it.each(expected)('graph info %s succeeds', async (name) => {
      const r = await run('graph', 'info', join(dataDir!, name), '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      for (const key of KEYS) expect(s).toHaveProperty(key);
      expect(s.nodes).toBeGreaterThan(0);
    });
    it('matches FORMAT.md counts for directed files read as such', async () => {
      const r = await run('graph', 'info', join(dataDir!, 'chameleon', 'out1_graph_edges.txt'), '--directed', '--json');
      const s = JSON.parse(r.stdout);
      // FORMAT.md: 36101 arcs incl. 50 self-loops; 31371 undirected edges.
      expect([s.arcs, s.selfLoopsDropped, s.edges, s.nodes]).toEqual([36051, 50, 31371, 2277]);
    });
  });
});
