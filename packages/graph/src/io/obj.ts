/**
 * Wavefront OBJ meshes (the `v` and `f` statements of the Wavefront "Object Files (.obj)" specification, Advanced
 * Visualizer manual, appendix B1): `v x y z [w]` (extra columns such as vertex colours allowed), faces `f a b c`,
 * `f a/t b/t c/t`, `f a//n ...`, `f a/t/n ...` with 1-based or negative (relative) vertex indices. Polygons are
 * fan-triangulated; other statements (vt, vn, o, g, s, usemtl, mtllib, l, p and the free-form geometry ones) are
 * ignored; an unknown statement is a ParseError.
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
import { createTokenSpans, formatNumber, parseFloatToken, parseIntegerToken, pushInt, quoteToken, scanTokens } from './tokens.js';

/** Statements of the OBJ specification that carry no triangle-mesh data here. */
const IGNORED = new Set([
  'vt', 'vn', 'vp', 'o', 'g', 's', 'usemtl', 'mtllib', 'l', 'p', 'cstype', 'deg', 'bmat', 'step', 'curv', 'curv2',
  'surf', 'parm', 'trim', 'hole', 'scrv', 'sp', 'end', 'con', 'mg', 'lod', 'usemap', 'maplib', 'bevel', 'c_interp',
  'd_interp', 'trace_obj', 'ctech', 'stech', 'shadow_obj', 'call', 'csh',
]);

/** True when line[start, end) after a face index is `/[t]` or `/[t]/[n]` with optional signed integers t, n. */
function validFaceSuffix(line: string, start: number, end: number): boolean {
  let i = start;
  for (let part = 0; part < 2 && i < end; part++) {
    if (line.charCodeAt(i) !== 47) return false; // '/'
    i++;
    const c = line.charCodeAt(i);
    if (i < end && (c === 45 || c === 43)) i++;
    while (i < end) {
      const d = line.charCodeAt(i);
      if (d < 48 || d > 57) break;
      i++;
    }
  }
  return i === end;
}

function createObjConsumer(ctx: ParseContext): LineConsumer<MeshReadResult> {
  const spans = createTokenSpans();
  const acc = createMeshAccumulator();
  let vertices = 0;

  const readVertex = (line: string, lineNumber: number, n: number): void => {
    if (n < 4) ctx.fail(lineNumber, line.length + 1, 'three coordinates x y z', 'end of line');
    let x = 0;
    let y = 0;
    let z = 0;
    for (let k = 1; k < n; k++) {
      const s = spans.starts[k] as number;
      const e = spans.ends[k] as number;
      const value = parseFloatToken(line, s, e);
      if (!Number.isFinite(value)) {
        ctx.fail(lineNumber, s + 1, Number.isNaN(value) ? 'a number' : 'a finite number (the value overflows a double)', quoteToken(line, s, e));
      }
      if (k === 1) x = value;
      else if (k === 2) y = value;
      else if (k === 3) z = value;
    }
    addVertex(acc, x, y, z);
    vertices++;
  };

  const readFace = (line: string, lineNumber: number, n: number): void => {
    if (n < 4) ctx.fail(lineNumber, line.length + 1, 'at least three vertex indices', 'end of line');
    for (let k = 1; k < n; k++) {
      const s = spans.starts[k] as number;
      const e = spans.ends[k] as number;
      let slash = line.indexOf('/', s);
      if (slash < 0 || slash > e) slash = e;
      const raw = parseIntegerToken(line, s, slash);
      if (!Number.isInteger(raw) || raw === 0 || !validFaceSuffix(line, slash, e)) {
        ctx.fail(lineNumber, s + 1, 'a vertex reference v, v/t, v//n or v/t/n with a non-zero integer v', quoteToken(line, s, e));
      }
      // Positive indices count from 1; negative ones back from the latest vertex.
      const v = raw > 0 ? raw - 1 : vertices + raw;
      if (!(v >= 0 && v < vertices)) {
        ctx.fail(lineNumber, s + 1, `a vertex index in [1, ${vertices}] or [-${vertices}, -1] (vertices defined so far)`, quoteToken(line, s, slash));
      }
      pushInt(acc.polygon, v);
    }
    addPolygon(acc);
  };

  return {
    line(line: string, lineNumber: number): void {
      const n = scanTokens(line, spans, false, 35);
      if (n === 0) return;
      const s = spans.starts[0] as number;
      const e = spans.ends[0] as number;
      const keyword = line.slice(s, e);
      if (keyword === 'v') readVertex(line, lineNumber, n);
      else if (keyword === 'f' || keyword === 'fo') readFace(line, lineNumber, n);
      else if (!IGNORED.has(keyword)) ctx.fail(lineNumber, s + 1, 'an OBJ statement (v, f, vt, vn, o, g, s, usemtl, ...)', quoteToken(line, s, e));
    },
    end(_at: EndPosition): MeshReadResult {
      return finishMesh(acc);
    },
  };
}

/**
 * Parses an OBJ mesh. Unreferenced vertices and degenerate triangles are dropped and counted; polygons are
 * fan-triangulated and counted. O(characters + vertices + faces). Malformed content throws ParseError.
 * Reference: Wavefront Technologies, "Object Files (.obj)", Advanced Visualizer manual, appendix B1.
 */
export function parseObj(text: string, options?: ParseMeshOptions): MeshReadResult {
  return parseMeshText('parseObj', text, options, createObjConsumer);
}

/** Streams an OBJ file through the parser of `parseObj`. O(bytes + vertices + faces). */
export async function readObj(path: string, options?: ReadMeshOptions): Promise<MeshReadResult> {
  return readMeshFile('readObj', path, options, createObjConsumer);
}

/** Writes `v x y z` and 1-based `f a b c` lines; `parseObj` of the output gives the same mesh exactly. O(V + F). */
export function formatObj(mesh: TriangleMesh): string {
  const m = checkMesh({ pkg: 'graph', fn: 'formatObj' }, mesh);
  const parts: string[] = [`# ${m.vertexCount} vertices, ${m.faceCount} triangles\n`];
  const p = m.positions;
  for (let v = 0; v < m.vertexCount; v++) {
    parts.push(`v ${formatNumber(p[3 * v] as number)} ${formatNumber(p[3 * v + 1] as number)} ${formatNumber(p[3 * v + 2] as number)}\n`);
  }
  const f = m.faces;
  for (let t = 0; t < m.faceCount; t++) {
    parts.push(`f ${(f[3 * t] as number) + 1} ${(f[3 * t + 1] as number) + 1} ${(f[3 * t + 2] as number) + 1}\n`);
  }
  return parts.join('');
}
