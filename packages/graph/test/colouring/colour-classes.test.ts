import { describe, expect, it } from '@jest/globals';
import { fromEdges } from '../../src/core/build-graph.js';
import type { Graph } from '../../src/core/graph.js';
import { InvalidArgumentError } from '../../src/errors/errors.js';
import { colourClasses, dsaturColouring, isProperColouring } from '../../src/colouring/index.js';
import { complete, cycle, properOnEdges, randomGraphs } from './helpers.js';

describe('isProperColouring', () => {
  it('agrees with an edge-list check on 200 random graphs, for proper and for damaged colourings', () => {
    let damagedFalse = 0;
    for (const c of randomGraphs(31, 200)) {
      const { colours } = dsaturColouring(c.graph);
      expect(isProperColouring(c.graph, colours)).toBe(true);
      if (c.edges.length === 0) continue;
      const [a, b] = c.edges[c.n % c.edges.length]!;
      const damaged = Array.from(colours);
      damaged[a] = damaged[b]!;
      expect(isProperColouring(c.graph, damaged)).toBe(properOnEdges(c.edges, damaged));
      expect(isProperColouring(c.graph, damaged)).toBe(false);
      damagedFalse++;
    }
    expect(damagedFalse).toBeGreaterThan(150);
  });

  it('named cases: odd cycle, K4, uncoloured and non-integer entries, directed arcs', () => {
    expect(isProperColouring(cycle(5), [0, 1, 0, 1, 2])).toBe(true);
    expect(isProperColouring(cycle(5), [0, 1, 0, 1, 0])).toBe(false);
    expect(isProperColouring(complete(4), new Int32Array([3, 2, 1, 0]))).toBe(true);
    expect(isProperColouring(complete(4), [0, 1, 2, -1])).toBe(false); // −1: uncoloured
    expect(isProperColouring(complete(4), [0, 1, 2, 3.5])).toBe(false);
    expect(isProperColouring(fromEdges([], { order: 0 }), [])).toBe(true);
    expect(isProperColouring(fromEdges([[0, 1]], { directed: true }), [0, 0])).toBe(false);
  });

  it('rejects bad input', () => {
    const table: [string, () => unknown, string][] = [
      ['not a graph', () => isProperColouring({} as Graph, []), 'graph'],
      ['wrong length', () => isProperColouring(cycle(4), [0, 1, 0]), 'colours'],
      ['not an array', () => isProperColouring(cycle(4), 'abcd' as never), 'colours'],
    ];
    expectErrors(table);
  });
});

describe('colourClasses', () => {
  it('lists each colour’s nodes ascending, matching a naive grouping, on 200 random colourings', () => {
    for (const c of randomGraphs(32, 200)) {
      const { colours, count } = dsaturColouring(c.graph);
      const classes = colourClasses(colours);
      expect(classes.count).toBe(count);
      expect(classes.offsets.length).toBe(count + 1);
      expect(classes.offsets[count]).toBe(c.n);
      for (let k = 0; k < count; k++) {
        const naive: number[] = [];
        for (let v = 0; v < c.n; v++) if (colours[v] === k) naive.push(v);
        expect(Array.from(classes.nodes.subarray(classes.offsets[k], classes.offsets[k + 1]))).toEqual(naive);
      }
    }
  });

  it('keeps empty classes when count is given, and handles no nodes', () => {
    const r = colourClasses([2, 0, 2], 4);
    expect(r).toEqual({ count: 4, offsets: new Int32Array([0, 1, 1, 3, 3]), nodes: new Int32Array([1, 0, 2]) });
    expect(colourClasses([])).toEqual({ count: 0, offsets: new Int32Array([0]), nodes: new Int32Array(0) });
    expect(colourClasses(new Int32Array([0, 0, 0]))).toEqual({
      count: 1,
      offsets: new Int32Array([0, 3]),
      nodes: new Int32Array([0, 1, 2]),
    });
  });

  it('rejects bad input', () => {
    const table: [string, () => unknown, string][] = [
      ['not an array', () => colourClasses(7 as never), 'colours'],
      ['negative colour', () => colourClasses([0, -1]), 'colours[1]'],
      ['non-integer colour', () => colourClasses([0.5]), 'colours[0]'],
      ['colour ≥ n without count', () => colourClasses([0, 5]), 'colours[1]'],
      ['colour ≥ count', () => colourClasses([0, 2], 2), 'colours[1]'],
      ['bad count', () => colourClasses([0], -1), 'count'],
      ['non-integer count', () => colourClasses([0], 1.5), 'count'],
    ];
    expectErrors(table);
  });
});

function expectErrors(table: [string, () => unknown, string][]): void {
  for (const [label, call, argument] of table) {
    let caught: unknown;
    try {
      call();
    } catch (err) {
      caught = err;
    }
    expect({ label, ok: InvalidArgumentError.isInstance(caught) }).toEqual({ label, ok: true });
    expect({ label, argument: (caught as InvalidArgumentError).argument }).toEqual({ label, argument });
  }
}
