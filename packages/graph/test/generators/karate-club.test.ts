import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { karateClub, karateClubFactions } from '../../src/generators/index.js';
import { findDataDir } from '../../src/testing/index.js';
import { expected, expectMatchesRecord, sortedEdges } from './helpers.js';

describe('karateClub', () => {
  it('equals networkx karate_club_graph(): 34 nodes, 78 edges, same degrees', () => {
    const g = karateClub();
    expect([g.order, g.size]).toEqual([34, 78]);
    expect(g.weights).toBeUndefined();
    expectMatchesRecord(g, expected.karate_club_graph);
  });

  it('weighted: Zachary interaction counts equal networkx weight attributes', () => {
    const g = karateClub({ weighted: true });
    const byEdge = new Map<string, number>();
    for (let e = 0; e < g.size; e++) byEdge.set(`${g.edgeSources[e]}-${g.edgeTargets[e]}`, g.weights![e]!);
    const rec = expected.karate_club_graph;
    rec.edges.forEach(([u, v], i) => expect(byEdge.get(`${u}-${v}`)).toBe(rec.weights[i]));
  });

  it('factions equal networkx club attributes (17 Mr. Hi, 17 Officer)', () => {
    const f = karateClubFactions();
    expect(f).toEqual(expected.karate_club_graph.clubs);
    expect(f.filter((c) => c === 'Mr. Hi')).toHaveLength(17);
    expect([f[0], f[33]]).toEqual(['Mr. Hi', 'Officer']);
    // A fresh array each call: mutating one must not affect the next.
    f[0] = 'Officer';
    expect(karateClubFactions()[0]).toBe('Mr. Hi');
  });

  const dir = findDataDir();
  const file = dir === undefined ? undefined : join(dir, 'karate', 'edges.txt');
  const maybe = file !== undefined && existsSync(file) ? it : it.skip;
  maybe('equals shared/data/karate/edges.txt and clubs.txt', () => {
    const edges = readFileSync(file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ').map(Number) as [number, number]);
    expect(sortedEdges(karateClub())).toEqual(edges);
    const clubs = readFileSync(join(dir!, 'karate', 'clubs.txt'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[1]!.replace('_', ' '));
    expect(karateClubFactions()).toEqual(clubs);
  });
});
