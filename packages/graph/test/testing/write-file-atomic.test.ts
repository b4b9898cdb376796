import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../src/testing/index.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isinglab-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes text and bytes whole, creating the folder, and leaves no temporary file', () => {
    const text = join(dir, 'nested', 'a.txt');
    const bytes = join(dir, 'nested', 'b.bin');
    writeFileAtomic(text, 'hello');
    writeFileAtomic(bytes, new Uint8Array([0, 255, 7]));
    expect(readFileSync(text, 'utf8')).toBe('hello');
    expect([...readFileSync(bytes)]).toEqual([0, 255, 7]);
    expect(readdirSync(join(dir, 'nested')).sort()).toEqual(['a.txt', 'b.bin']);
  });

  it('replaces an existing file and writes JSON with a trailing newline', () => {
    const path = join(dir, 'r.json');
    writeFileAtomic(path, 'old');
    writeJsonAtomic(path, { a: 1 });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 1\n}\n');
  });

  it('keeps the old file and removes the temporary one when the rename fails', () => {
    const path = join(dir, 'target');
    mkdirSync(join(path, 'occupied'), { recursive: true }); // a non-empty folder where the file should go
    expect(() => writeFileAtomic(path, 'new')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readdirSync(path)).toEqual(['occupied']);
  });
});
