import { describe, expect, it } from '@jest/globals';
import {
  ConvergenceError,
  InvalidArgumentError,
  IsingLabError,
  ParseError,
  UnsupportedGraphError,
  describeValue,
} from '../../src/index.js';

describe('IsingLabError hierarchy', () => {
  it('formats InvalidArgumentError in the house shape', () => {
    const e = new InvalidArgumentError({ pkg: 'graph', fn: 'f', argument: 'n', value: -1, rule: 'a non-negative integer', hint: 'Try 0.' });
    expect(e.message).toBe('@isinglab/graph f: n must be a non-negative integer (got -1). Try 0.');
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.name).toBe('InvalidArgumentError');
    expect(e.argument).toBe('n');
    expect(e.value).toBe(-1);
  });

  it('formats ParseError with file:line:column', () => {
    const e = new ParseError({ pkg: 'graph', fn: 'readX', file: 'a.mtx', line: 3, column: 7, expected: 'an integer', found: '"x"' });
    expect(e.message).toBe('@isinglab/graph readX: a.mtx:3:7: expected an integer, found "x".');
    expect([e.file, e.line, e.column, e.expected]).toEqual(['a.mtx', 3, 7, 'an integer']);
  });

  it('carries certificates and convergence data', () => {
    const cert = { kind: 'K5' };
    const u = new UnsupportedGraphError({ pkg: 'exact', fn: 'logPartition', reason: 'the graph is not planar', certificate: cert });
    expect(u.certificate).toBe(cert);
    expect(u.message).toBe('@isinglab/exact logPartition: the graph is not planar.');
    const c = new ConvergenceError({ pkg: 'ising', fn: 'bp', what: 'belief propagation', iterations: 10, residual: 0.5 });
    expect(c.message).toContain('did not converge after 10 iterations (residual 0.5)');
    expect([c.iterations, c.residual]).toEqual([10, 0.5]);
  });

  it('recognises errors across package copies by marker and code, not instanceof', () => {
    const e = new ParseError({ pkg: 'graph', fn: 'r', file: 'f', line: 1, column: 1, expected: 'x' });
    // A structurally identical object from "another copy": same marker, same code, different prototype.
    const foreign = Object.assign(new Error('x'), { code: 'PARSE_ERROR', [Symbol.for('isinglab.error')]: true });
    expect(IsingLabError.isInstance(e)).toBe(true);
    expect(ParseError.isInstance(e)).toBe(true);
    expect(InvalidArgumentError.isInstance(e)).toBe(false);
    expect(ParseError.isInstance(foreign)).toBe(true);
    expect(IsingLabError.isInstance(foreign)).toBe(true);
    expect(IsingLabError.isInstance(new Error('plain'))).toBe(false);
    expect(IsingLabError.isInstance(null)).toBe(false);
    expect(e).toBeInstanceOf(IsingLabError);
    expect(e).toBeInstanceOf(Error);
  });

  it('describes values briefly', () => {
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue('x'.repeat(100))).toHaveLength(42);
    expect(describeValue(new Float64Array(3))).toBe('Float64Array(3)');
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(new Map())).toBe('a Map');
    expect(describeValue({})).toBe('an object');
  });
});
