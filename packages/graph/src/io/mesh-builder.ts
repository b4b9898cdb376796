/**
 * @internal What the OBJ, OFF and PLY readers share: growable vertex and triangle buffers, fan triangulation of
 * polygons, the final `meshFromArrays` call, and the mesh argument check of the writers.
 */
import { InvalidArgumentError } from '../errors/errors.js';
import { checkOptions, type CheckSite } from '../errors/validate.js';
import { meshFromArrays, type TriangleMesh } from '../mesh/triangle-mesh.js';
import { checkPath, consumeFile, consumeText, createParseContext, type LineConsumer, type ParseContext } from './line-source.js';
import { createFloatBuffer, createIntBuffer, pushFloat, pushInt, type FloatBuffer, type IntBuffer } from './tokens.js';

/** What every mesh reader returns. */
export interface MeshReadResult {
  /** The triangle mesh, without unreferenced vertices and degenerate triangles. */
  mesh: TriangleMesh;
  /** Vertices of the file no kept triangle uses (dropped; the others renumbered in file order). */
  unreferencedDropped: number;
  /** Triangles with a repeated vertex (dropped). */
  degenerateFacesDropped: number;
  /** Faces with more than 3 vertices, split into triangles as a fan from their first vertex. */
  polygonsTriangulated: number;
  /** `vertexMap[v]` is the 0-based index in the file of mesh vertex v. */
  vertexMap: Int32Array;
}

export interface MeshAccumulator {
  positions: FloatBuffer;
  triangles: IntBuffer;
  polygonsTriangulated: number;
  /** Vertex indices of the face being read. */
  polygon: IntBuffer;
}

export function createMeshAccumulator(vertexCapacity = 1024, faceCapacity = 1024): MeshAccumulator {
  return {
    positions: createFloatBuffer(3 * vertexCapacity),
    triangles: createIntBuffer(3 * faceCapacity),
    polygonsTriangulated: 0,
    polygon: createIntBuffer(16),
  };
}

export function addVertex(acc: MeshAccumulator, x: number, y: number, z: number): void {
  pushFloat(acc.positions, x);
  pushFloat(acc.positions, y);
  pushFloat(acc.positions, z);
}

/** Adds the polygon in `acc.polygon` (at least 3 vertices) as a fan of triangles (a0, ai, ai+1). */
export function addPolygon(acc: MeshAccumulator): void {
  const p = acc.polygon.data;
  const k = acc.polygon.length;
  const a = p[0] as number;
  for (let i = 1; i + 1 < k; i++) {
    pushInt(acc.triangles, a);
    pushInt(acc.triangles, p[i] as number);
    pushInt(acc.triangles, p[i + 1] as number);
  }
  if (k > 3) acc.polygonsTriangulated++;
  acc.polygon.length = 0;
}

/** Builds the mesh; the readers have already checked coordinates are finite and indices in range. */
export function finishMesh(acc: MeshAccumulator): MeshReadResult {
  const built = meshFromArrays(
    acc.positions.data.subarray(0, acc.positions.length),
    acc.triangles.data.subarray(0, acc.triangles.length),
  );
  return {
    mesh: built.mesh,
    unreferencedDropped: built.unreferencedDropped,
    degenerateFacesDropped: built.degenerateFacesDropped,
    polygonsTriangulated: acc.polygonsTriangulated,
    vertexMap: built.vertexMap,
  };
}

/** Checks a TriangleMesh argument of a writer (O(vertices + faces)). */
export function checkMesh(site: CheckSite, mesh: unknown): TriangleMesh {
  const fail = (argument: string, value: unknown, rule: string): never => {
    throw new InvalidArgumentError({ ...site, argument, value, rule });
  };
  if (typeof mesh !== 'object' || mesh === null) fail('mesh', mesh, 'a TriangleMesh');
  const m = mesh as TriangleMesh;
  if (!(Number.isInteger(m.vertexCount) && m.vertexCount >= 0)) fail('mesh.vertexCount', m.vertexCount, 'a non-negative integer');
  if (!(Number.isInteger(m.faceCount) && m.faceCount >= 0)) fail('mesh.faceCount', m.faceCount, 'a non-negative integer');
  if (!(m.positions instanceof Float64Array) || m.positions.length !== 3 * m.vertexCount) {
    fail('mesh.positions', m.positions, `a Float64Array of ${3 * m.vertexCount} coordinates`);
  }
  if (!(m.faces instanceof Int32Array) || m.faces.length !== 3 * m.faceCount) {
    fail('mesh.faces', m.faces, `an Int32Array of ${3 * m.faceCount} vertex indices`);
  }
  for (let i = 0; i < m.positions.length; i++) {
    if (!Number.isFinite(m.positions[i] as number)) fail(`mesh.positions[${i}]`, m.positions[i], 'a finite number');
  }
  for (let i = 0; i < m.faces.length; i++) {
    const v = m.faces[i] as number;
    if (!(v >= 0 && v < m.vertexCount)) fail(`mesh.faces[${i}]`, v, `a vertex index in [0, ${m.vertexCount})`);
  }
  return m;
}

export interface ParseMeshOptions {
  /** Name of the source shown in ParseError messages. @default '<string>' */
  file?: string;
}

/** Options of the streaming mesh readers (none yet; unknown keys are rejected so that typos do not pass silently). */
export type ReadMeshOptions = Omit<ParseMeshOptions, 'file'>;

export function resolveMeshFile(site: CheckSite, options: unknown): string {
  const given = checkOptions<ParseMeshOptions>(site, options, ['file']);
  const file = given.file ?? '<string>';
  if (typeof file !== 'string') throw new InvalidArgumentError({ ...site, argument: 'options.file', value: file, rule: 'a string' });
  return file;
}

/** The body of `parseObj`/`parseOff`/`parsePly`: checks the arguments and runs the format's consumer over `text`. */
export function parseMeshText(
  fn: string,
  text: unknown,
  options: unknown,
  createConsumer: (ctx: ParseContext) => LineConsumer<MeshReadResult>,
): MeshReadResult {
  const site = { pkg: 'graph', fn };
  if (typeof text !== 'string') throw new InvalidArgumentError({ ...site, argument: 'text', value: text, rule: 'a string' });
  const file = resolveMeshFile(site, options);
  return consumeText(text, createConsumer(createParseContext(site, file)));
}

/** The body of `readObj`/`readOff`/`readPly`: checks the arguments and streams the file through the consumer. */
export async function readMeshFile(
  fn: string,
  path: unknown,
  options: unknown,
  createConsumer: (ctx: ParseContext) => LineConsumer<MeshReadResult>,
): Promise<MeshReadResult> {
  const site = { pkg: 'graph', fn };
  const checked = checkPath(site, path);
  checkOptions<ReadMeshOptions>(site, options, []);
  return consumeFile(site, checked, createConsumer(createParseContext(site, checked)));
}
