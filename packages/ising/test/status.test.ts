import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import * as api from '../src/index.js';

// Until its issue lands this package is a placeholder: it must export nothing and its README must say so.
describe('placeholder package', () => {
  it('exports nothing', () => {
    expect(Object.keys(api)).toEqual([]);
  });
  it('says in its README that it is not built yet', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toMatch(/\*\*Status: not built yet\.\*\*/);
  });
});
