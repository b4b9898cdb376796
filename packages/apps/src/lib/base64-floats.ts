/**
 * Float arrays in JSON checkpoints as base64 of their bytes: exact (no decimal round trip) at 4/3 of the binary size.
 * The decoders throw on text that is not base64 of whole values, for the callers that treat such a file as unusable.
 */

export function encodeFloats(a: Float32Array | Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function bytesOf(text: unknown, width: number): Buffer {
  if (typeof text !== 'string') throw new Error('not a base64 string');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % width !== 0) throw new Error(`${bytes.byteLength} bytes is not a whole number of ${width}-byte values`);
  return bytes;
}

export function decodeFloat32(text: unknown): Float32Array {
  const bytes = bytesOf(text, 4);
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function decodeFloat64(text: unknown): Float64Array {
  const bytes = bytesOf(text, 8);
  const out = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
