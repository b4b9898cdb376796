import { afterAll, describe, expect, it } from '@jest/globals';
import { consumeFile, consumeText, readHead, type EndPosition, type LineConsumer } from '../../src/io/line-source.js';
import { createTempDir, expectInvalidArgumentAsync } from './helpers.js';

const tmp = createTempDir();
afterAll(() => tmp.cleanup());
const site = { pkg: 'graph', fn: 'test' };

/** A consumer that records every line and the end position. */
function recorder(): LineConsumer<{ lines: string[]; numbers: number[]; end: EndPosition }> & { lines: string[] } {
  const lines: string[] = [];
  const numbers: number[] = [];
  return {
    lines,
    line(text, n) {
      lines.push(text);
      numbers.push(n);
    },
    end(at) {
      return { lines, numbers, end: at };
    },
  };
}

/** The reference split, written independently of the implementation. */
function referenceSplit(text: string): { lines: string[]; end: EndPosition } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body === '') return { lines: [], end: { line: 1, column: 1, lines: 0 } };
  const parts = body.split('\n');
  const terminated = parts[parts.length - 1] === '';
  if (terminated) parts.pop();
  const lines = parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const end = terminated
    ? { line: lines.length + 1, column: 1, lines: lines.length }
    : { line: lines.length, column: lines[lines.length - 1]!.length + 1, lines: lines.length };
  return { lines, end };
}

const SAMPLES = ['', '\n', 'a', 'a\n', 'a\r\nb', 'a\r\nb\r\n', '\r\n\r\n', '\uFEFFx y\n', 'x\ry\n', 'ünï\ncødé\r', '\n\n\nlast'];

describe('consumeText', () => {
  it.each(SAMPLES.map((s) => [JSON.stringify(s), s] as const))('splits %s like the reference', (_name, text) => {
    const r = consumeText(text, recorder());
    const ref = referenceSplit(text);
    expect(r.lines).toEqual(ref.lines);
    expect(r.numbers).toEqual(ref.lines.map((_, i) => i + 1));
    expect(r.end).toEqual(ref.end);
  });
});

describe('consumeFile', () => {
  it.each(SAMPLES.map((s, i) => [JSON.stringify(s), s, i] as const))('streams %s like consumeText', async (_name, text, i) => {
    const path = tmp.write(`s${i}.txt`, text);
    const r = await consumeFile(site, path, recorder());
    const ref = consumeText(text, recorder());
    expect(r.lines).toEqual(ref.lines);
    expect(r.end).toEqual(ref.end);
  });

  it('reassembles CRLF and multi-byte characters split across 64 KiB chunk boundaries', async () => {
    const CHUNK = 1 << 16;
    const cases = [
      // '\r' is the last byte of chunk 1 and '\n' the first of chunk 2.
      `${'a'.repeat(CHUNK - 1)}\r\nnext\r\n`,
      // 'é' (2 bytes) straddles the boundary; '𝔵' (4 bytes) straddles the next one.
      `${'b'.repeat(CHUNK - 1)}é${'c'.repeat(CHUNK - 3)}𝔵\nend`,
      // A line spanning three chunks.
      `${'d'.repeat(3 * CHUNK + 5)}\r\n`,
      // BOM then many short lines across chunks.
      `\uFEFF${'0 1\r\n'.repeat(40000)}`,
    ];
    for (const [k, text] of cases.entries()) {
      const path = tmp.write(`chunks${k}.txt`, text);
      const r = await consumeFile(site, path, recorder());
      const ref = referenceSplit(text);
      expect(r.lines.length).toBe(ref.lines.length);
      expect(r.lines.every((l, j) => l === ref.lines[j])).toBe(true);
      expect(r.end).toEqual(ref.end);
    }
  });

  it('lets the consumer’s error through and turns read errors into InvalidArgumentError on path', async () => {
    const path = tmp.write('err.txt', 'a\nb\nc\n');
    const boom: LineConsumer<void> = {
      line(_t, n) {
        if (n === 2) throw new RangeError('from the consumer');
      },
      end() {},
    };
    await expect(consumeFile(site, path, boom)).rejects.toThrow(RangeError);
    const missing = await expectInvalidArgumentAsync(consumeFile(site, `${tmp.dir}/missing`, recorder()), 'path');
    expect(missing.message).toContain('ENOENT');
    await expectInvalidArgumentAsync(consumeFile(site, tmp.dir, recorder()), 'path');
    await expectInvalidArgumentAsync(readHead(site, `${tmp.dir}/missing`, 10), 'path');
    expect(await readHead(site, path, 3)).toBe('a\nb');
  });
});
