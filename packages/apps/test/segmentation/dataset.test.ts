import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, IsingLabError, ParseError } from '@isinglab/graph';
import { loadSegmentationDataset, loadSegmentationSample, resizeArea, standardise } from '../../src/experiments/segmentation/dataset.js';
import { SOURCE, copySubset } from './fixture-data.js';

const dir = mkdtempSync(join(tmpdir(), 'isinglab-seg-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resizeArea', () => {
  it('integer factor: each output pixel is the mean of its block', () => {
    const src = Float32Array.from({ length: 16 }, (_, i) => i); // 4×4, value = 4r + c
    expect(Array.from(resizeArea(src, 4, 4, 1, 2))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });

  it('crops the centred square of a wide image first', () => {
    // 6×2, two channels: columns 2 and 3 are the centred 2×2 square
    const src = new Float32Array(6 * 2 * 2);
    for (let r = 0; r < 2; r++) for (let c = 0; c < 6; c++) for (let ch = 0; ch < 2; ch++) src[(r * 6 + c) * 2 + ch] = c === 2 || c === 3 ? 10 + ch : 100;
    expect(Array.from(resizeArea(src, 6, 2, 2, 1))).toEqual([10, 11]);
  });

  it('fractional factor 3 → 2 weights the shared middle pixel by half (hand-computed)', () => {
    const src = Float32Array.of(0, 3, 6, 9, 12, 15, 18, 21, 24); // 3×3
    // output (0,0) covers rows/cols [0, 1.5): weights 1, 0.5 → (0·1 + 3·.5 + 9·.5 + 12·.25) / 2.25 = 4
    const out = resizeArea(src, 3, 3, 1, 2);
    expect(out[0]).toBeCloseTo(4, 5);
    expect(out[3]).toBeCloseTo(20, 5); // by symmetry 24 − 4
    // area averaging preserves the mean
    expect(out.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(12, 5);
  });

  it('standardise gives zero mean and unit variance', () => {
    const v = standardise(Float32Array.of(1, 2, 3, 4, 10));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean).toBeCloseTo(0, 6);
    expect(v.reduce((a, b) => a + b * b, 0) / v.length).toBeCloseTo(1, 5);
  });
});

const withData = SOURCE === undefined ? describe.skip : describe;

withData('the dsb2018-nuclei loader on 3 real images', () => {
  const sub = join(dir, 'three');
  const rows = SOURCE === undefined ? [] : copySubset(sub, 3);

  it('resizes images and masks, and splits 80/20 by sorted id', () => {
    const data = loadSegmentationDataset(sub, { size: 16 });
    expect(data.size).toBe(16);
    // round(0.8 · 3) = 2 training images: the two smallest ids
    const ids = rows.map((r) => r.id).sort();
    expect(data.train.map((s) => s.id)).toEqual(ids.slice(0, 2));
    expect(data.test.map((s) => s.id)).toEqual(ids.slice(2));
    for (const s of [...data.train, ...data.test]) {
      expect(s.image).toHaveLength(16 * 16 * 3);
      expect(s.mask).toHaveLength(16 * 16);
      expect(s.mask.every((v) => v === 0 || v === 1)).toBe(true);
    }
    // the third row is 320×256 colour: the crop keeps the centre; the thresholded 16×16 mask keeps the foreground
    // share of the full mask within 0.06 (measured: at most 0.03 off on these three images)
    for (const s of [...data.train, ...data.test]) {
      const row = rows.find((r) => r.id === s.id)!;
      const share = s.mask.reduce((a, b) => a + b, 0) / 256;
      expect(Math.abs(share - row.fraction)).toBeLessThan(0.06);
    }
  });

  it('a 128×128 resize of a 256×256 mask is the 2×2 majority (ties to foreground)', () => {
    const a = loadSegmentationSample(sub, rows[0]!.id, 128);
    const b = loadSegmentationSample(sub, rows[0]!.id, 64);
    expect(a.mask).toHaveLength(128 * 128);
    expect(b.mask.reduce((x, y) => x + y, 0) / b.mask.length).toBeCloseTo(rows[0]!.fraction, 1);
  });

  it('a bad data folder is an InvalidArgumentError naming the folder; a corrupt PNG a ParseError naming the file', () => {
    let error: unknown;
    try {
      loadSegmentationDataset(join(dir, 'missing'), { size: 16 });
    } catch (e) {
      error = e;
    }
    expect(IsingLabError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('data folder');
    expect((error as Error).message).toMatch(/data folder must be a folder with index.csv, images\/ and masks\/ .*missing/);
    const broken = join(dir, 'broken');
    const [first] = copySubset(broken, 2);
    writeFileSync(join(broken, 'masks', `${first!.id}.png`), 'not a png');
    expect(() => loadSegmentationDataset(broken, { size: 16 })).toThrow(ParseError);
    expect(() => loadSegmentationDataset(broken, { size: 16 })).toThrow(new RegExp(`masks/${first!.id}\\.png: expected the PNG signature`));
    expect(() => loadSegmentationDataset(sub, { size: 5 })).toThrow(/options.size must be an integer in \[8, 1024\]/);
  });
});
