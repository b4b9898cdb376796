import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32, deflateSync } from 'node:zlib';
import { createRng, IsingLabError, ParseError } from '@isinglab/graph';
import { findDataDir } from '@isinglab/graph/testing';
import { crc32, decodePng, encodePng, type PngImage } from '../../src/lib/png.js';

// PNG assembled by hand in the test (chunks with node:zlib's own crc32), so the decoder is checked against bytes its
// own encoder did not make.
function handPng(width: number, height: number, colourType: number, filtered: number[], extra: [string, Uint8Array][] = []): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = colourType;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      ...extra.map(([t, d]) => chunk(t, d)),
      chunk('IDAT', deflateSync(Uint8Array.from(filtered))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

function randomImage(width: number, height: number, channels: 1 | 2 | 3 | 4, seed: number): PngImage {
  const rng = createRng(seed);
  const data = new Uint8Array(width * height * channels);
  // smooth ramps plus noise, so the predictors have something to predict
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (rng.uint32() % 16)) & 0xff;
  return { width, height, channels, data };
}

describe('crc32', () => {
  it('matches the standard check values and node:zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    const bytes = randomImage(37, 5, 3, 1).data;
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });
});

describe('decodePng on hand-filtered bytes', () => {
  // 3×2 gray; values worked out by hand from the PNG spec's reconstruction formulas
  it('Average (3) and Paeth (4) rows', () => {
    const avg = decodePng(handPng(3, 2, 0, [3, 10, 20, 30, 3, 1, 2, 3]));
    // row 0: 10, 20 + ⌊10/2⌋ = 25, 30 + ⌊25/2⌋ = 42; row 1: 1 + ⌊10/2⌋ = 6, 2 + ⌊(6+25)/2⌋ = 17, 3 + ⌊(17+42)/2⌋ = 32
    expect(Array.from(avg.data)).toEqual([10, 25, 42, 6, 17, 32]);
    const pth = decodePng(handPng(3, 2, 0, [3, 10, 20, 30, 4, 1, 2, 3]));
    // row 1 Paeth over (10, 25, 42): picks b each time → 11, 27, 45
    expect(Array.from(pth.data)).toEqual([10, 25, 42, 11, 27, 45]);
  });

  it('None (0), Sub (1) with wrap-around and Up (2) rows, RGB', () => {
    const png = decodePng(handPng(2, 3, 2, [0, 1, 2, 3, 4, 5, 6, 1, 200, 100, 50, 100, 200, 250, 2, 1, 1, 1, 1, 1, 1]));
    expect(png.channels).toBe(3);
    // Sub row: 200, 100, 50, (100+200) mod 256 = 44, (200+100) mod 256 = 44, (250+50) mod 256 = 44
    expect(Array.from(png.data)).toEqual([1, 2, 3, 4, 5, 6, 200, 100, 50, 44, 44, 44, 201, 101, 51, 45, 45, 45]);
  });

  it('palette (3) expands to RGB; gray + alpha (4) keeps two channels', () => {
    const plte = Uint8Array.of(255, 0, 0, 0, 0, 255);
    const pal = decodePng(handPng(2, 1, 3, [0, 1, 0], [['PLTE', plte]]));
    expect(pal.channels).toBe(3);
    expect(Array.from(pal.data)).toEqual([0, 0, 255, 255, 0, 0]);
    const ga = decodePng(handPng(1, 1, 4, [0, 9, 200]));
    expect(ga.channels).toBe(2);
    expect(Array.from(ga.data)).toEqual([9, 200]);
  });
});

describe('encodePng → decodePng round trip', () => {
  it.each([1, 2, 3, 4] as const)('%i channel(s), every filter type and adaptive', (channels) => {
    const image = randomImage(13, 7, channels, 10 + channels);
    for (const filter of [0, 1, 2, 3, 4, 'adaptive'] as const) {
      const bytes = encodePng(image, { filter });
      const back = decodePng(bytes);
      expect(back).toEqual({ width: 13, height: 7, channels, data: image.data });
    }
  });

  it('a forced filter is what the file stores (row filter bytes read back independently)', async () => {
    const { inflateSync } = await import('node:zlib');
    const bytes = encodePng(randomImage(4, 3, 1, 5), { filter: 3 });
    // IHDR is 8 + 25 bytes; the IDAT data follows its 8-byte header
    const length = Buffer.from(bytes).readUInt32BE(33);
    const raw = inflateSync(bytes.subarray(41, 41 + length));
    expect([raw[0], raw[5], raw[10]]).toEqual([3, 3, 3]);
  });

  it('rejects bad images with InvalidArgumentError', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(/image.data must be/);
    expect(() => encodePng({ width: 0, height: 2, channels: 1, data: new Uint8Array(0) })).toThrow(/width\/height/);
  });
});

describe('decodePng on malformed input', () => {
  const good = encodePng(randomImage(8, 8, 3, 2));

  function parseError(bytes: Uint8Array): ParseError {
    try {
      decodePng(bytes, 'bad.png');
    } catch (error) {
      expect(IsingLabError.isInstance(error)).toBe(true);
      expect(error).toBeInstanceOf(ParseError);
      return error as ParseError;
    }
    throw new Error('expected a ParseError');
  }

  it('a corrupted CRC names the file, the chunk and the byte offset', () => {
    const bad = good.slice();
    bad[32] = (bad[32] as number) ^ 0xff; // last CRC byte of IHDR (IHDR spans bytes 8..32)
    const e = parseError(bad);
    expect(e.file).toBe('bad.png');
    expect(e.message).toMatch(/bad\.png: expected CRC 0x[0-9a-f]{8} of chunk "IHDR" at byte 29, found 0x/);
  });

  it('a flipped data byte fails the CRC of its chunk', () => {
    const bad = good.slice();
    bad[45] = (bad[45] as number) ^ 1; // inside the IDAT data
    expect(parseError(bad).message).toMatch(/of chunk "IDAT" at byte \d+/);
  });

  it('a truncated file, a bad signature and an empty file', () => {
    expect(parseError(good.subarray(0, 50)).message).toMatch(/at byte 33, found end of file/);
    expect(parseError(good.subarray(0, good.length - 12)).message).toMatch(/end of file before IEND/);
    const sig = good.slice();
    sig[1] = 0;
    expect(parseError(sig).message).toMatch(/PNG signature 89 50 4E 47 0D 0A 1A 0A at byte 0/);
    expect(parseError(new Uint8Array(0)).message).toMatch(/PNG signature/);
  });

  it('unsupported bit depth and interlacing are refused, not misread', () => {
    const ihdr = (depth: number, interlace: number) => {
      const bytes = handPng(1, 1, 0, [0, 0]);
      bytes[24] = depth;
      bytes[28] = interlace;
      Buffer.from(bytes.buffer, bytes.byteOffset).writeUInt32BE(zlibCrc32(bytes.subarray(12, 29)), 29);
      return bytes;
    };
    expect(parseError(ihdr(16, 0)).message).toMatch(/bit depth 8 .* at byte 24, found 16/);
    expect(parseError(ihdr(8, 1)).message).toMatch(/non-interlaced/);
  });

  it('a bad filter byte and a short zlib stream', () => {
    expect(parseError(handPng(1, 1, 0, [7, 0])).message).toMatch(/filter type 0–4 on image row 0 at byte \d+, found 7/);
    expect(parseError(handPng(2, 2, 0, [0, 1, 2])).message).toMatch(/6 bytes of filtered image data/);
  });
});

describe('decodePng on the dsb2018-nuclei data', () => {
  const root = findDataDir();
  const dir = root === undefined ? undefined : join(root, 'dsb2018-nuclei');
  const run = dir === undefined ? it.skip : it;
  // first row of index.csv: 256×256, gray (R = G = B), 27 nuclei, foreground fraction 0.0872 (4 decimals)
  const id = '00071198d059ba7f5914a526d124d28e6d010c92466da21d4a04cd5413362552';

  run('reads a real RGBA image and its mask (filters 0, 1, 2, 4) consistently with index.csv', () => {
    const image = decodePng(readFileSync(join(dir as string, 'images', `${id}.png`)));
    const mask = decodePng(readFileSync(join(dir as string, 'masks', `${id}.png`)));
    expect([image.width, image.height, image.channels]).toEqual([256, 256, 4]);
    expect([mask.width, mask.height, mask.channels]).toEqual([256, 256, 1]);
    let gray = true;
    let opaque = true;
    let spread = 0;
    for (let p = 0; p < 256 * 256; p++) {
      const [r, g, b, a] = [0, 1, 2, 3].map((c) => image.data[4 * p + c] as number) as [number, number, number, number];
      if (r !== g || g !== b) gray = false;
      if (a !== 255) opaque = false;
      spread = Math.max(spread, r);
    }
    expect(gray).toBe(true);
    expect(opaque).toBe(true);
    expect(spread).toBeGreaterThan(50);
    let foreground = 0;
    let other = 0;
    for (const v of mask.data) {
      if (v === 255) foreground++;
      else if (v !== 0) other++;
    }
    expect(other).toBe(0);
    // index.csv rounds to 4 decimals: |fraction − 0.0872| ≤ 0.00005
    expect(Math.abs(foreground / (256 * 256) - 0.0872)).toBeLessThanOrEqual(0.00005);
  });
});
