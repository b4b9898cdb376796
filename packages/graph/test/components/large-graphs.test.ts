import { describe, expect, it } from '@jest/globals';
import {
  biconnectedComponents,
  blockCutTree,
  buildGraph,
  connectedComponents,
  coreNumbers,
  stronglyConnectedComponents,
  twoCore,
} from '../../src/index.js';

// 10^6-node path and star: recursive DFS-based algorithms would overflow the call stack on the path.
const N = 1_000_000;

function pathGraph(n: number, directed = false, closeCycle = false) {
  const m = closeCycle ? n : n - 1;
  const sources = new Int32Array(m);
  const targets = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    sources[i] = i;
    targets[i] = (i + 1) % n;
  }
  return buildGraph({ order: n, sources, targets }, { directed }).graph;
}

function allEqual(a: ArrayLike<number>, value: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== value) return false;
  return true;
}

describe('components on 10^6-node graphs', () => {
  it('a 10^6-node path: one component, 999,999 bridges, 999,998 articulation points, core numbers all 1', () => {
    const g = pathGraph(N);
    const cc = connectedComponents(g);
    expect([cc.count, cc.sizes[0]]).toEqual([1, N]);
    // Edges listed from the far end build the longest union–find chains; still one component.
    const rev = buildGraph({ order: N, sources: g.edgeTargets.slice().reverse(), targets: g.edgeSources.slice().reverse() });
    expect(connectedComponents(rev.graph).count).toBe(1);
    const bcc = biconnectedComponents(g);
    expect(bcc.count).toBe(N - 1);
    let bridges = 0;
    for (let b = 0; b < bcc.count; b++) if (bcc.blockOffsets[b + 1]! - bcc.blockOffsets[b]! === 2) bridges++;
    expect(bridges).toBe(N - 1);
    expect(bcc.articulationPoints.length).toBe(N - 2);
    expect([bcc.articulationPoints[0], bcc.articulationPoints[N - 3]]).toEqual([1, N - 2]);
    const tree = blockCutTree(g, { biconnected: bcc });
    expect([tree.tree.order, tree.tree.size]).toEqual([2 * N - 3, 2 * N - 4]);
    const core = coreNumbers(g);
    expect([allEqual(core.core, 1), core.degeneracy]).toEqual([true, 1]);
    expect(twoCore(g, { core: core.core }).order).toBe(0);
  });

  it('a directed 10^6-node path has 10^6 strong components; a directed 10^6-cycle has one', () => {
    const path = stronglyConnectedComponents(pathGraph(N, true));
    expect(path.count).toBe(N);
    expect([path.component[0], path.component[N - 1]]).toEqual([0, N - 1]); // topological order
    const cycle = stronglyConnectedComponents(pathGraph(N, true, true));
    expect([cycle.count, cycle.sizes[0]]).toEqual([1, N]);
  });

  it('a 10^6-node star: one component, N − 1 bridge blocks, one articulation point, core numbers all 1', () => {
    const sources = new Int32Array(N - 1);
    const targets = new Int32Array(N - 1);
    for (let i = 0; i < N - 1; i++) targets[i] = i + 1;
    const g = buildGraph({ order: N, sources, targets }).graph;
    expect(connectedComponents(g).count).toBe(1);
    const bcc = biconnectedComponents(g);
    expect([bcc.count, Array.from(bcc.articulationPoints)]).toEqual([N - 1, [0]]);
    const tree = blockCutTree(g, { biconnected: bcc });
    expect(tree.tree.offsets[N]! - tree.tree.offsets[N - 1]!).toBe(N - 1); // the hub's cut node touches every block
    expect(allEqual(coreNumbers(g).core, 1)).toBe(true);
  });
});
