/**
 * ASCII PLY meshes (G. Turk, "The PLY Polygon File Format", Stanford, 1994): a header (`ply`, `format ascii 1.0`,
 * `comment`/`obj_info` lines, `element <name> <count>` each followed by its `property <type> <name>` or
 * `property list <count type> <index type> <name>` lines, `end_header`), then one line per element instance in
 * header order. Vertices give x, y, z (found by name among any scalar properties); faces give a `vertex_indices` or
 * `vertex_index` list; other elements are read and skipped. Binary PLY is a ParseError.
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
  firstNonSpace,
  formatNumber,
  MAX_PREALLOCATE,
  parseFloatToken,
  parseIntegerToken,
  pushInt,
  quoteToken,
  scanTokens,
} from './tokens.js';

/** Integer ranges of the PLY scalar types; floats have none. */
const INTEGER_TYPES: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  char: [-128, 127],
  int8: [-128, 127],
  uchar: [0, 255],
  uint8: [0, 255],
  short: [-32768, 32767],
  int16: [-32768, 32767],
  ushort: [0, 65535],
  uint16: [0, 65535],
  int: [-2147483648, 2147483647],
  int32: [-2147483648, 2147483647],
  uint: [0, 4294967295],
  uint32: [0, 4294967295],
});
const FLOAT_TYPES = new Set(['float', 'float32', 'double', 'float64']);

interface Property {
  name: string;
  /** Integer range of the (item) type, or undefined for a float type. */
  range: readonly [number, number] | undefined;
  /** Integer range of the list count type, or undefined for a scalar property. */
  countRange: readonly [number, number] | undefined;
}

interface Element {
  name: string;
  count: number;
  line: number;
  properties: Property[];
}

function typeRange(type: string): readonly [number, number] | undefined | null {
  if (Object.prototype.hasOwnProperty.call(INTEGER_TYPES, type)) return INTEGER_TYPES[type] as readonly [number, number];
  return FLOAT_TYPES.has(type) ? undefined : null;
}

function createPlyConsumer(ctx: ParseContext): LineConsumer<MeshReadResult> {
  const spans = createTokenSpans();
  let acc = createMeshAccumulator(16, 16);
  let stage: 'magic' | 'header' | 'data' = 'magic';
  let formatSeen = false;
  const elements: Element[] = [];
  // Data section state.
  let current = 0; // index of the element being read
  let remaining = 0; // instances of it still to read
  let vertexElement = -1;
  let faceElement = -1;
  let vertexCount = 0;
  let xIndex = -1;
  let yIndex = -1;
  let zIndex = -1;
  let listIndex = -1;

  const tokenText = (line: string, k: number): string => line.slice(spans.starts[k] as number, spans.ends[k] as number);
  const column = (k: number): number => (spans.starts[k] as number) + 1;
  const quoted = (line: string, k: number): string => quoteToken(line, spans.starts[k] as number, spans.ends[k] as number);

  const readHeaderLine = (line: string, lineNumber: number, n: number): void => {
    const keyword = tokenText(line, 0);
    if (keyword === 'comment' || keyword === 'obj_info') return;
    if (keyword === 'format') {
      if (n < 3) ctx.fail(lineNumber, line.length + 1, "'format ascii 1.0'", 'end of line');
      const kind = tokenText(line, 1);
      if (kind === 'binary_little_endian' || kind === 'binary_big_endian') {
        ctx.fail(lineNumber, column(1), "'ascii' (binary PLY is unsupported; convert it to ASCII first)", quoted(line, 1));
      }
      if (kind !== 'ascii') ctx.fail(lineNumber, column(1), "'ascii'", quoted(line, 1));
      if (tokenText(line, 2) !== '1.0') ctx.fail(lineNumber, column(2), "version '1.0'", quoted(line, 2));
      if (n > 3) ctx.fail(lineNumber, column(3), 'end of line', quoted(line, 3));
      formatSeen = true;
      return;
    }
    if (keyword === 'element') {
      if (n !== 3) ctx.fail(lineNumber, n < 3 ? line.length + 1 : column(3), "'element <name> <count>'", n < 3 ? 'end of line' : quoted(line, 3));
      const count = parseIntegerToken(line, spans.starts[2] as number, spans.ends[2] as number);
      if (!(Number.isInteger(count) && count >= 0 && count <= 0x7fffffff)) ctx.fail(lineNumber, column(2), 'an element count (a non-negative integer)', quoted(line, 2));
      const name = tokenText(line, 1);
      if (elements.some((el) => el.name === name)) ctx.fail(lineNumber, column(1), 'an element name not declared before', quoted(line, 1));
      elements.push({ name, count, line: lineNumber, properties: [] });
      return;
    }
    if (keyword === 'property') {
      const element = elements[elements.length - 1];
      if (element === undefined) ctx.fail(lineNumber, column(0), "an 'element' line before its properties", quoted(line, 0));
      if (n >= 2 && tokenText(line, 1) === 'list') {
        if (n !== 5) ctx.fail(lineNumber, n < 5 ? line.length + 1 : column(5), "'property list <count type> <item type> <name>'", n < 5 ? 'end of line' : quoted(line, 5));
        const countRange = typeRange(tokenText(line, 2));
        if (countRange === null || countRange === undefined) ctx.fail(lineNumber, column(2), 'an integer list count type (uchar, int, ...)', quoted(line, 2));
        const range = typeRange(tokenText(line, 3));
        if (range === null) ctx.fail(lineNumber, column(3), 'a PLY scalar type (char, uchar, short, ushort, int, uint, float, double)', quoted(line, 3));
        element.properties.push({ name: tokenText(line, 4), range, countRange });
        return;
      }
      if (n !== 3) ctx.fail(lineNumber, n < 3 ? line.length + 1 : column(3), "'property <type> <name>'", n < 3 ? 'end of line' : quoted(line, 3));
      const range = typeRange(tokenText(line, 1));
      if (range === null) ctx.fail(lineNumber, column(1), 'a PLY scalar type (char, uchar, short, ushort, int, uint, float, double)', quoted(line, 1));
      element.properties.push({ name: tokenText(line, 2), range, countRange: undefined });
      return;
    }
    if (keyword === 'end_header') {
      if (n > 1) ctx.fail(lineNumber, column(1), 'end of line', quoted(line, 1));
      if (!formatSeen) ctx.fail(lineNumber, column(0), "a 'format ascii 1.0' line before end_header", quoted(line, 0));
      startData(lineNumber);
      return;
    }
    ctx.fail(lineNumber, column(0), "a header line (format, comment, obj_info, element, property or end_header)", quoted(line, 0));
  };

  const startData = (lineNumber: number): void => {
    vertexElement = elements.findIndex((el) => el.name === 'vertex');
    if (vertexElement < 0) ctx.fail(lineNumber, 1, "an 'element vertex' declaration before end_header", "'end_header'");
    const vertex = elements[vertexElement] as Element;
    const find = (name: string): number => {
      const k = vertex.properties.findIndex((p) => p.name === name && p.countRange === undefined);
      if (k < 0) ctx.fail(vertex.line, 1, `a scalar property '${name}' of element vertex`, 'none');
      return k;
    };
    xIndex = find('x');
    yIndex = find('y');
    zIndex = find('z');
    vertexCount = vertex.count;
    faceElement = elements.findIndex((el) => el.name === 'face');
    let faceCount = 0;
    if (faceElement >= 0) {
      const face = elements[faceElement] as Element;
      listIndex = face.properties.findIndex((p) => (p.name === 'vertex_indices' || p.name === 'vertex_index') && p.countRange !== undefined);
      if (listIndex < 0) ctx.fail(face.line, 1, "a 'property list <count type> <index type> vertex_indices' of element face", 'none');
      const item = (face.properties[listIndex] as Property).range;
      if (item === undefined) ctx.fail(face.line, 1, 'an integer index type for vertex_indices', 'a float type');
      faceCount = face.count;
    }
    acc = createMeshAccumulator(Math.min(vertexCount, MAX_PREALLOCATE), Math.min(faceCount, MAX_PREALLOCATE));
    stage = 'data';
    current = 0;
    remaining = elements.length > 0 ? (elements[0] as Element).count : 0;
    skipEmptyElements();
  };

  const skipEmptyElements = (): void => {
    while (current < elements.length && remaining === 0) {
      current++;
      remaining = current < elements.length ? (elements[current] as Element).count : 0;
    }
  };

  /** Reads a number token for a property with integer range `range` (or a float when undefined). */
  const numberAt = (line: string, lineNumber: number, k: number, range: readonly [number, number] | undefined, what: string): number => {
    const s = spans.starts[k] as number;
    const e = spans.ends[k] as number;
    if (range !== undefined) {
      const v = parseIntegerToken(line, s, e);
      if (!(Number.isInteger(v) && v >= range[0] && v <= range[1])) ctx.fail(lineNumber, s + 1, `${what} (an integer in [${range[0]}, ${range[1]}])`, quoteToken(line, s, e));
      return v;
    }
    const v = parseFloatToken(line, s, e);
    if (Number.isNaN(v)) ctx.fail(lineNumber, s + 1, `${what} (a number)`, quoteToken(line, s, e));
    return v;
  };

  const readInstance = (line: string, lineNumber: number, n: number): void => {
    const element = elements[current] as Element;
    const isVertex = current === vertexElement;
    const isFace = current === faceElement;
    let k = 0;
    let x = 0;
    let y = 0;
    let z = 0;
    for (let p = 0; p < element.properties.length; p++) {
      const prop = element.properties[p] as Property;
      if (k >= n) ctx.fail(lineNumber, line.length + 1, `a value for property '${prop.name}' of element ${element.name}`, 'end of line');
      if (prop.countRange === undefined) {
        const v = numberAt(line, lineNumber, k, prop.range, `property '${prop.name}'`);
        if (isVertex && (p === xIndex || p === yIndex || p === zIndex)) {
          if (!Number.isFinite(v)) ctx.fail(lineNumber, column(k), `a finite coordinate ${prop.name} (the value overflows a double)`, quoted(line, k));
          if (p === xIndex) x = v;
          else if (p === yIndex) y = v;
          else z = v;
        }
        k++;
        continue;
      }
      const len = numberAt(line, lineNumber, k, prop.countRange, `the length of list '${prop.name}'`);
      const useList = isFace && p === listIndex;
      if (useList && len < 3) ctx.fail(lineNumber, column(k), 'a face with at least 3 vertices', quoted(line, k));
      k++;
      if (k + len > n) ctx.fail(lineNumber, line.length + 1, `${len} items in list '${prop.name}'`, `${n - k}`);
      for (let j = 0; j < len; j++, k++) {
        const v = numberAt(line, lineNumber, k, prop.range, `an item of list '${prop.name}'`);
        if (useList) {
          if (!(v >= 0 && v < vertexCount)) ctx.fail(lineNumber, column(k), `a vertex index in [0, ${vertexCount})`, quoted(line, k));
          pushInt(acc.polygon, v);
        }
      }
      if (useList) addPolygon(acc);
    }
    if (k < n) ctx.fail(lineNumber, column(k), `end of line (element ${element.name} has ${element.properties.length} properties)`, quoted(line, k));
    if (isVertex) addVertex(acc, x, y, z);
    remaining--;
    skipEmptyElements();
  };

  return {
    line(line: string, lineNumber: number): void {
      if (stage === 'magic') {
        const n = scanTokens(line, spans, false, -1);
        if (n !== 1 || tokenText(line, 0) !== 'ply') ctx.fail(lineNumber, 1, "the magic line 'ply'", n === 0 ? 'an empty line' : quoted(line, 0));
        stage = 'header';
        return;
      }
      if (stage === 'header') {
        if (firstNonSpace(line) < 0) return;
        const n = scanTokens(line, spans, false, -1);
        readHeaderLine(line, lineNumber, n);
        return;
      }
      const n = scanTokens(line, spans, false, -1);
      if (n === 0) return;
      if (current >= elements.length) {
        ctx.fail(lineNumber, column(0), 'end of file (every element declared in the header has been read)', quoted(line, 0));
      }
      readInstance(line, lineNumber, n);
    },
    end(at: EndPosition): MeshReadResult {
      if (stage === 'magic') ctx.fail(at.line, at.column, "the magic line 'ply'", 'end of file');
      if (stage === 'header') ctx.fail(at.line, at.column, "'end_header'", 'end of file');
      if (current < elements.length) {
        const element = elements[current] as Element;
        ctx.fail(at.line, at.column, `${remaining} more '${element.name}' lines (the header declares ${element.count})`, 'end of file');
      }
      return finishMesh(acc);
    },
  };
}

/**
 * Parses an ASCII PLY mesh. Unreferenced vertices and degenerate triangles are dropped and counted; polygons are
 * fan-triangulated and counted. O(characters + vertices + faces). Malformed content throws ParseError.
 * Reference: G. Turk, "The PLY Polygon File Format", Stanford (1994).
 */
export function parsePly(text: string, options?: ParseMeshOptions): MeshReadResult {
  return parseMeshText('parsePly', text, options, createPlyConsumer);
}

/** Streams an ASCII PLY file through the parser of `parsePly`. O(bytes + vertices + faces). */
export async function readPly(path: string, options?: ReadMeshOptions): Promise<MeshReadResult> {
  return readMeshFile('readPly', path, options, createPlyConsumer);
}

/**
 * Writes ASCII PLY with `double` coordinates and `list uchar int vertex_indices` faces; `parsePly` reads it back
 * exactly. O(V + F).
 */
export function formatPly(mesh: TriangleMesh): string {
  const m = checkMesh({ pkg: 'graph', fn: 'formatPly' }, mesh);
  const parts: string[] = [
    'ply\n',
    'format ascii 1.0\n',
    'comment written by @isinglab/graph\n',
    `element vertex ${m.vertexCount}\n`,
    'property double x\n',
    'property double y\n',
    'property double z\n',
    `element face ${m.faceCount}\n`,
    'property list uchar int vertex_indices\n',
    'end_header\n',
  ];
  const p = m.positions;
  for (let v = 0; v < m.vertexCount; v++) {
    parts.push(`${formatNumber(p[3 * v] as number)} ${formatNumber(p[3 * v + 1] as number)} ${formatNumber(p[3 * v + 2] as number)}\n`);
  }
  const f = m.faces;
  for (let t = 0; t < m.faceCount; t++) parts.push(`3 ${f[3 * t]} ${f[3 * t + 1]} ${f[3 * t + 2]}\n`);
  return parts.join('');
}
