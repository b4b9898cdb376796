import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitCommit } from '../../src/testing/index.js';

describe('gitCommit', () => {
  it('gives HEAD’s short commit, +dirty exactly when tracked files changed; null outside a checkout', () => {
    let head: string | null = null;
    try {
      head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // a copy without git: nothing to compare against
    }
    if (head !== null) {
      const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
      expect(gitCommit()).toBe(dirty ? `${head}+dirty` : head);
    }
    const outside = mkdtempSync(join(tmpdir(), 'isinglab-no-git-'));
    try {
      expect(gitCommit(outside)).toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
