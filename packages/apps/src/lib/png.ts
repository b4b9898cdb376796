/**
 * A dependency-free PNG codec (ISO/IEC 15948, W3C PNG 2nd ed.) for the segmentation experiment: it reads the
 * dataset's images and masks and writes the figure panels. Decodes non-interlaced images of bit depth 8 in colour
 * types 0 (gray), 2 (RGB), 3 (palette, expanded to RGB), 4 (gray + alpha) and 6 (RGBA), all five row filters, and
 * checks every chunk's CRC; the zlib stream goes through node:zlib. Encodes 8-bit gray, gray + alpha, RGB or RGBA.
 * Malformed input throws ParseError naming the file and the byte offset of the problem.
 */
import { inflateSync, deflateSync } from 'node:zlib';
import { InvalidArgumentError, ParseError } from '@isinglab/graph';

/** Decoded pixels, row-major, `channels` bytes per pixel (1 gray, 2 gray + alpha, 3 RGB, 4 RGBA). */
export interface PngImage {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  data: Uint8Array;
}

export type PngFilter = 0 | 1 | 2 | 3 | 4;

export interface EncodePngOptions {
  /**
   * Row filter: one of 0 (None), 1 (Sub), 2 (Up), 3 (Average), 4 (Paeth) for every row, or `'adaptive'`: per row
   * the filter with the least sum of absolute (signed) bytes, the heuristic libpng uses. @default 'adaptive'
   */
  filter?: PngFilter | 'adaptive';
}

const SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10);
const CHANNELS_OF_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const TYPE_OF_CHANNELS = [0, 0, 4, 2, 6] as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as in PNG and zlib) of `bytes[start, end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function fail(file: string, offset: number, expected: string, found?: string): never {
  throw new ParseError({ pkg: 'apps', fn: 'decodePng', file, line: 0, column: 0, expected: `${expected} at byte ${offset}`, ...(found === undefined ? {} : { found }) });
}

function readU32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] as number) << 24) | ((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number)) >>> 0;
}

function writeU32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG file's bytes. `file` only names the input in errors. Palette images come back as RGB (a tRNS
 * chunk is ignored). O(width · height · channels).
 */
export function decodePng(input: Uint8Array, file = '<bytes>'): PngImage {
  // own copies: element access on a Buffer from another realm (node:fs, node:zlib under jest's vm) is ~10× slower
  const bytes = new Uint8Array(input);
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) fail(file, 0, 'the PNG signature 89 50 4E 47 0D 0A 1A 0A');
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let idatOffset = -1;
  let ended = false;
  while (!ended) {
    if (at + 12 > bytes.length) fail(file, at, 'a chunk header (length and type)', bytes.length === at ? 'end of file before IEND' : 'a truncated chunk');
    const length = readU32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4] as number, bytes[at + 5] as number, bytes[at + 6] as number, bytes[at + 7] as number);
    const dataStart = at + 8;
    if (length > 0x7fffffff || dataStart + length + 4 > bytes.length) fail(file, at, `the ${length} data bytes and CRC of chunk ${JSON.stringify(type)}`, 'end of file');
    const stored = readU32(bytes, dataStart + length);
    const computed = crc32(bytes, at + 4, dataStart + length);
    if (stored !== computed) fail(file, dataStart + length, `CRC 0x${computed.toString(16).padStart(8, '0')} of chunk ${JSON.stringify(type)}`, `0x${stored.toString(16).padStart(8, '0')}`);
    const data = bytes.subarray(dataStart, dataStart + length);
    if (type === 'IHDR') {
      if (length !== 13) fail(file, at, 'an IHDR chunk of 13 bytes', `${length}`);
      width = readU32(data, 0);
      height = readU32(data, 4);
      const depth = data[8] as number;
      colourType = data[9] as number;
      if (width === 0 || height === 0 || width > 1 << 24 || height > 1 << 24) fail(file, dataStart, 'a width and height between 1 and 2^24', `${width}×${height}`);
      if (CHANNELS_OF_TYPE[colourType] === undefined) fail(file, dataStart + 9, 'colour type 0, 2, 3, 4 or 6', `${colourType}`);
      if (depth !== 8) fail(file, dataStart + 8, 'bit depth 8 (the only depth this decoder reads)', `${depth}`);
      if (data[10] !== 0 || data[11] !== 0) fail(file, dataStart + 10, 'compression and filter method 0', `${data[10]}, ${data[11]}`);
      if (data[12] !== 0) fail(file, dataStart + 12, 'a non-interlaced image (interlace method 0)', `method ${data[12]}`);
    } else if (colourType < 0) {
      fail(file, at, 'the IHDR chunk first', JSON.stringify(type));
    } else if (type === 'PLTE') {
      if (length % 3 !== 0 || length === 0 || length > 768) fail(file, at, 'a PLTE chunk of 3 to 768 bytes, a multiple of 3', `${length}`);
      palette = data;
    } else if (type === 'IDAT') {
      if (idatOffset < 0) idatOffset = dataStart;
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
    } else if (((bytes[at + 4] as number) & 0x20) === 0) {
      fail(file, at, 'a known critical chunk (IHDR, PLTE, IDAT, IEND)', JSON.stringify(type));
    }
    at = dataStart + length + 4;
  }
  if (idat.length === 0) fail(file, at, 'at least one IDAT chunk', 'none');
  if (colourType === 3 && palette === undefined) fail(file, idatOffset, 'a PLTE chunk before the image data of a palette image', 'none');
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(inflateSync(Buffer.concat(idat)));
  } catch (error) {
    return fail(file, idatOffset, 'a valid zlib stream in the IDAT chunks', (error as Error).message);
  }
  const bpp = CHANNELS_OF_TYPE[colourType] as number;
  const stride = width * bpp;
  if (raw.length < height * (stride + 1)) fail(file, idatOffset, `${height * (stride + 1)} bytes of filtered image data`, `${raw.length} after inflating`);
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? (pixels[row + i - bpp] as number) : 0;
      const b = y > 0 ? (pixels[prev + i] as number) : 0;
      const c = y > 0 && i >= bpp ? (pixels[prev + i - bpp] as number) : 0;
      const x = raw[src + i] as number;
      let predictor: number;
      if (filter === 0) predictor = 0;
      else if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) predictor = paeth(a, b, c);
      else return fail(file, idatOffset, `filter type 0–4 on image row ${y}`, `${filter}`);
      pixels[row + i] = (x + predictor) & 0xff;
    }
  }
  if (colourType === 3) {
    const pal = palette as Uint8Array;
    const rgb = new Uint8Array(width * height * 3);
    for (let p = 0; p < width * height; p++) {
      const index = pixels[p] as number;
      if (3 * index + 2 >= pal.length) fail(file, idatOffset, `palette indices below ${pal.length / 3}`, `${index} at pixel ${p}`);
      rgb[3 * p] = pal[3 * index] as number;
      rgb[3 * p + 1] = pal[3 * index + 1] as number;
      rgb[3 * p + 2] = pal[3 * index + 2] as number;
    }
    return { width, height, channels: 3, data: rgb };
  }
  return { width, height, channels: bpp as 1 | 2 | 3 | 4, data: pixels };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  writeU32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeU32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Encodes 8-bit pixels as a PNG (colour type from `channels`). O(width · height · channels). */
export function encodePng(image: PngImage, options: EncodePngOptions = {}): Uint8Array {
  const site = { pkg: 'apps', fn: 'encodePng' };
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new InvalidArgumentError({ ...site, argument: 'image.width/height', value: `${width}×${height}`, rule: 'positive integers' });
  }
  if (![1, 2, 3, 4].includes(channels)) throw new InvalidArgumentError({ ...site, argument: 'image.channels', value: channels, rule: '1, 2, 3 or 4' });
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) {
    throw new InvalidArgumentError({ ...site, argument: 'image.data', value: `${(data as Uint8Array | undefined)?.length} bytes`, rule: `a Uint8Array of width·height·channels = ${width * height * channels} bytes` });
  }
  const filterOption = options.filter ?? 'adaptive';
  if (filterOption !== 'adaptive' && ![0, 1, 2, 3, 4].includes(filterOption)) {
    throw new InvalidArgumentError({ ...site, argument: 'options.filter', value: filterOption, rule: "0, 1, 2, 3, 4 or 'adaptive'" });
  }
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  const candidate = new Uint8Array(stride);
  const filterRow = (filter: PngFilter, y: number, out: Uint8Array, at: number): number => {
    let cost = 0;
    for (let i = 0; i < stride; i++) {
      const x = data[y * stride + i] as number;
      const a = i >= channels ? (data[y * stride + i - channels] as number) : 0;
      const b = y > 0 ? (data[(y - 1) * stride + i] as number) : 0;
      const c = y > 0 && i >= channels ? (data[(y - 1) * stride + i - channels] as number) : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      const v = (x - predictor) & 0xff;
      out[at + i] = v;
      cost += v < 128 ? v : 256 - v;
    }
    return cost;
  };
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    let best: PngFilter = filterOption === 'adaptive' ? 0 : filterOption;
    if (filterOption === 'adaptive') {
      let bestCost = Infinity;
      for (const f of [0, 1, 2, 3, 4] as const) {
        const cost = filterRow(f, y, candidate, 0);
        if (cost < bestCost) {
          bestCost = cost;
          best = f;
        }
      }
    }
    raw[at] = best;
    filterRow(best, y, raw, at + 1);
  }
  const header = new Uint8Array(13);
  writeU32(header, 0, width);
  writeU32(header, 4, height);
  header[8] = 8;
  header[9] = TYPE_OF_CHANNELS[channels] as number;
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
