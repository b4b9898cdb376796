/**
 * Object File Format (OFF, Geomview; also the Princeton Shape Benchmark and the Chen et al. 2009 segmentation
 * benchmark meshes): an `OFF` header (variants `COFF`, `NOFF`, `CNOFF`, `STOFF`, ... whose vertex lines carry extra
 * columns), a counts line `vertices faces edges` (possibly on the header line), one vertex per line `x y z ...`,
 * then one face per line `k v1 .. vk [colour]` with 0-based indices. `#` starts a comment. Binary OFF and the
 * `4OFF` / `nOFF` variants are ParseErrors.
 */
import type { TriangleMesh } from '../mesh/triangle-mesh.js';
import type { EndPosition, LineConsumer, ParseContext } from './line-source.js';
import {
  addPolygon,
  addVertex,
  checkMesh,
  createMeshAccumulator,
  finishMesh,
  parseMeshText,
  readMeshFile,
  type MeshReadResult,
  type ParseMeshOptions,
  type ReadMeshOptions,
} from './mesh-builder.js';
import {
  createTokenSpans,
  formatNumber,
  MAX_PREALLOCATE,
  parseFloatToken,
  parseIntegerToken,
  pushInt,
  quoteToken,
  scanTokens,
} from './tokens.js';

const HEADER = /^(ST)?C?N?(4)?(n)?OFF$/;
/** Colour columns a face line may carry after its indices (none, an index, RGB or RGBA). */
const MAX_FACE_EXTRAS = 4;

function createOffConsumer(ctx: ParseContext): LineConsumer<MeshReadResult> {
  const spans = createTokenSpans();
  let acc = createMeshAccumulator(16, 16);
  let stage: 'header' | 'counts' | 'vertices' | 'faces' | 'done' = 'header';
  let vertexCount = 0;
  let faceCount = 0;
  let verticesRead = 0;
  let facesRead = 0;

  const count = (line: string, lineNumber: number, k: number, what: string): number => {
    const s = spans.starts[k] as number;
    const e = spans.ends[k] as number;
    const v = parseIntegerToken(line, s, e);
    if (!(Number.isInteger(v) && v >= 0 && v <= 0x7fffffff)) ctx.fail(lineNumber, s + 1, `${what} (a non-negative integer)`, quoteToken(line, s, e));
    return v;
  };

  const readCounts = (line: string, lineNumber: number, from: number, n: number): void => {
    if (n - from < 2) ctx.fail(lineNumber, line.length + 1, 'the counts: vertices faces edges', 'end of line');
    if (n - from > 3) {
      const s = spans.starts[from + 3] as number;
      ctx.fail(lineNumber, s + 1, 'end of the counts line (vertices faces edges)', quoteToken(line, s, spans.ends[from + 3] as number));
    }
    vertexCount = count(line, lineNumber, from, 'the number of vertices');
    faceCount = count(line, lineNumber, from + 1, 'the number of faces');
    if (n - from === 3) count(line, lineNumber, from + 2, 'the number of edges');
    acc = createMeshAccumulator(Math.min(vertexCount, MAX_PREALLOCATE), Math.min(faceCount, MAX_PREALLOCATE));
    stage = vertexCount > 0 ? 'vertices' : faceCount > 0 ? 'faces' : 'done';
  };

  const readHeader = (line: string, lineNumber: number, n: number): void => {
    const s = spans.starts[0] as number;
    const e = spans.ends[0] as number;
    const keyword = line.slice(s, e);
    const match = HEADER.exec(keyword);
    if (match === null) ctx.fail(lineNumber, s + 1, "the header 'OFF' (or COFF, NOFF, CNOFF, STOFF, ...)", quoteToken(line, s, e));
    if (match[2] !== undefined || match[3] !== undefined) {
      ctx.fail(lineNumber, s + 1, "a 3-D OFF header (the '4OFF' and 'nOFF' variants are unsupported)", quoteToken(line, s, e));
    }
    if (n > 1 && line.slice(spans.starts[1] as number, spans.ends[1] as number).toUpperCase() === 'BINARY') {
      ctx.fail(lineNumber, (spans.starts[1] as number) + 1, 'an ASCII OFF file (binary OFF is unsupported)', '"BINARY"');
    }
    if (n > 1) readCounts(line, lineNumber, 1, n);
    else stage = 'counts';
  };

  const readVertex = (line: string, lineNumber: number, n: number): void => {
    if (n < 3) ctx.fail(lineNumber, line.length + 1, 'three coordinates x y z', 'end of line');
    let x = 0;
    let y = 0;
    let z = 0;
    for (let k = 0; k < n; k++) {
      const s = spans.starts[k] as number;
      const e = spans.ends[k] as number;
      const value = parseFloatToken(line, s, e);
      if (!Number.isFinite(value)) {
        ctx.fail(lineNumber, s + 1, Number.isNaN(value) ? 'a number' : 'a finite number (the value overflows a double)', quoteToken(line, s, e));
      }
      if (k === 0) x = value;
      else if (k === 1) y = value;
      else if (k === 2) z = value;
    }
    addVertex(acc, x, y, z);
    verticesRead++;
    if (verticesRead === vertexCount) stage = faceCount > 0 ? 'faces' : 'done';
  };

  const readFace = (line: string, lineNumber: number, n: number): void => {
    const s0 = spans.starts[0] as number;
    const e0 = spans.ends[0] as number;
    const k = parseIntegerToken(line, s0, e0);
    if (!(Number.isInteger(k) && k >= 3)) ctx.fail(lineNumber, s0 + 1, 'a vertex count of at least 3', quoteToken(line, s0, e0));
    if (n < k + 1) ctx.fail(lineNumber, line.length + 1, `${k} vertex indices`, `${n - 1}`);
    if (n > k + 1 + MAX_FACE_EXTRAS) {
      const s = spans.starts[k + 1 + MAX_FACE_EXTRAS] as number;
      ctx.fail(lineNumber, s + 1, 'end of line (k indices and at most 4 colour values)', quoteToken(line, s, spans.ends[k + 1 + MAX_FACE_EXTRAS] as number));
    }
    for (let j = 1; j <= k; j++) {
      const s = spans.starts[j] as number;
      const e = spans.ends[j] as number;
      const v = parseIntegerToken(line, s, e);
      if (!(Number.isInteger(v) && v >= 0 && v < vertexCount)) ctx.fail(lineNumber, s + 1, `a vertex index in [0, ${vertexCount})`, quoteToken(line, s, e));
      pushInt(acc.polygon, v);
    }
    for (let j = k + 1; j < n; j++) {
      const s = spans.starts[j] as number;
      const e = spans.ends[j] as number;
      if (Number.isNaN(parseFloatToken(line, s, e))) ctx.fail(lineNumber, s + 1, 'a colour value', quoteToken(line, s, e));
    }
    addPolygon(acc);
    facesRead++;
    if (facesRead === faceCount) stage = 'done';
  };

  return {
    line(line: string, lineNumber: number): void {
      const n = scanTokens(line, spans, false, 35);
      if (n === 0) return;
      switch (stage) {
        case 'header':
          readHeader(line, lineNumber, n);
          break;
        case 'counts':
          readCounts(line, lineNumber, 0, n);
          break;
        case 'vertices':
          readVertex(line, lineNumber, n);
          break;
        case 'faces':
          readFace(line, lineNumber, n);
          break;
        default: {
          const s = spans.starts[0] as number;
          ctx.fail(lineNumber, s + 1, `end of file (the counts line declares ${vertexCount} vertices and ${faceCount} faces)`, quoteToken(line, s, spans.ends[0] as number));
        }
      }
    },
    end(at: EndPosition): MeshReadResult {
      if (stage === 'header') ctx.fail(at.line, at.column, "the header 'OFF'", 'end of file');
      if (stage === 'counts') ctx.fail(at.line, at.column, 'the counts line: vertices faces edges', 'end of file');
      if (stage === 'vertices') ctx.fail(at.line, at.column, `${vertexCount - verticesRead} more vertex lines (the counts line declares ${vertexCount})`, 'end of file');
      if (stage === 'faces') ctx.fail(at.line, at.column, `${faceCount - facesRead} more face lines (the counts line declares ${faceCount})`, 'end of file');
      return finishMesh(acc);
    },
  };
}

/**
 * Parses an OFF mesh. Unreferenced vertices and degenerate triangles are dropped and counted; polygons are
 * fan-triangulated and counted. O(characters + vertices + faces). Malformed content throws ParseError.
 * Reference: the Geomview OFF file format (geomview.org, "OFF Files").
 */
export function parseOff(text: string, options?: ParseMeshOptions): MeshReadResult {
  return parseMeshText('parseOff', text, options, createOffConsumer);
}

/** Streams an OFF file through the parser of `parseOff`. O(bytes + vertices + faces). */
export async function readOff(path: string, options?: ReadMeshOptions): Promise<MeshReadResult> {
  return readMeshFile('readOff', path, options, createOffConsumer);
}

/** Writes `OFF`, the counts (edges = mesh.graph.size), vertices and `3 a b c` faces; `parseOff` reads it back exactly. */
export function formatOff(mesh: TriangleMesh): string {
  const m = checkMesh({ pkg: 'graph', fn: 'formatOff' }, mesh);
  const edges = m.graph !== undefined && typeof m.graph.size === 'number' ? m.graph.size : 0;
  const parts: string[] = ['OFF\n', `${m.vertexCount} ${m.faceCount} ${edges}\n`];
  const p = m.positions;
  for (let v = 0; v < m.vertexCount; v++) {
    parts.push(`${formatNumber(p[3 * v] as number)} ${formatNumber(p[3 * v + 1] as number)} ${formatNumber(p[3 * v + 2] as number)}\n`);
  }
  const f = m.faces;
  for (let t = 0; t < m.faceCount; t++) parts.push(`3 ${f[3 * t]} ${f[3 * t + 1]} ${f[3 * t + 2]}\n`);
  return parts.join('');
}
