import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { codeVersion } from '../../src/lib/provenance.js';

describe('codeVersion', () => {
  it('in this checkout: the short commit of HEAD, marked +dirty exactly when tracked files changed', () => {
    let head: string;
    try {
      head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // a copy without git (a source tarball): the package name and version
      expect(codeVersion()).toMatch(/^@isinglab\/apps@/);
      return;
    }
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    expect(codeVersion()).toBe(dirty ? `${head}+dirty` : head);
  });
});
