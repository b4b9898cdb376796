import { describe, expect, it } from '@jest/globals';
import { checkK33MinorFree, createRng, erdosRenyiGnp, isK33MinorFree, verifyKuratowskiSubgraph, type Graph } from '../../src/index.js';
import { checkK33FreeDecomposition, graphOf, hasMinorBrute } from './helpers.js';

function edgeList(g: Graph): [number, number][] {
  return Array.from(g.edgeSources, (u, e) => [u, g.edgeTargets[e]!] as [number, number]);
}

describe('checkK33MinorFree against a brute-force minor search', () => {
  it('every labelled graph on 6 nodes (2^15): K3,3 minor iff some bipartition 3 + 3 has all nine cross edges', () => {
    // On 6 nodes the six branch sets of a K3,3 minor are single nodes: a minor is a spanning K3,3 subgraph, one of
    // the 10 bipartitions of the nodes into two triples with all 9 cross edges present.
    const pairs: [number, number][] = [];
    const pairIndex = new Map<string, number>();
    for (let a = 0; a < 6; a++) for (let b = a + 1; b < 6; b++) pairIndex.set(`${a}-${b}`, pairs.push([a, b]) - 1);
    const bipartitions: number[] = []; // each as a mask of its 9 cross pairs
    for (let t = 0; t < 1 << 6; t++) {
      if (t & 1 || [0, 1, 2, 3, 4, 5].filter((x) => t & (1 << x)).length !== 3) continue; // node 0 on the other side
      let mask = 0;
      for (let a = 0; a < 6; a++) {
        for (let b = a + 1; b < 6; b++) if (((t >> a) & 1) !== ((t >> b) & 1)) mask |= 1 << pairIndex.get(`${a}-${b}`)!;
      }
      bipartitions.push(mask);
    }
    expect(bipartitions.length).toBe(10);
    let withMinor = 0;
    let bruteChecked = 0;
    const mismatches: string[] = [];
    for (let mask = 0; mask < 1 << 15; mask++) {
      const edges = pairs.filter((_, i) => mask & (1 << i));
      const closedForm = bipartitions.some((b) => (mask & b) === b);
      if (isK33MinorFree(graphOf(6, edges)) === closedForm) mismatches.push(JSON.stringify(edges));
      if (closedForm) withMinor++;
      // The general brute force agrees with the closed form (a sample, to validate the reference used below).
      if (mask % 61 === 0) {
        bruteChecked++;
        if (hasMinorBrute(6, edges, 'K33') !== closedForm) mismatches.push(`brute force: ${JSON.stringify(edges)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(withMinor).toBe(541); // measured; 10 · 2^6 = 640 supergraphs of single bipartitions, less the overlaps
    expect(bruteChecked).toBe(538);
  });

  it('random graphs on 7 and 8 nodes: same verdict as the brute force; certificates and decompositions verify', () => {
    const rng = createRng(4242);
    let free = 0;
    let notFree = 0;
    for (let i = 0; i < 400; i++) {
      const n = 7 + rng.int(2);
      const g = erdosRenyiGnp(n, 0.25 + 0.6 * rng.float64(), { rng });
      const brute = hasMinorBrute(n, edgeList(g), 'K33');
      const result = checkK33MinorFree(g);
      expect(result.k33Free).toBe(!brute);
      if (result.k33Free) {
        free++;
        expect(checkK33FreeDecomposition(g, result.decomposition, 8, rng)).toEqual([]);
      } else {
        notFree++;
        expect(result.certificate!.kind).toBe('K33');
        expect(verifyKuratowskiSubgraph(g, result.certificate!).valid).toBe(true);
      }
    }
    // Both verdicts are common (measured: 230 free, 170 not).
    expect(Math.min(free, notFree)).toBeGreaterThan(100);
  });
});

