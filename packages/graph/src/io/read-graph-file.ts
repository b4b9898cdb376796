/** One entry point for every supported file: detect the format, stream the file, and summarise what was read. */
import type { Graph } from '../core/graph.js';
import { InvalidArgumentError, ParseError } from '../errors/errors.js';
import { checkBoolean, checkOneOf, checkOptions } from '../errors/validate.js';
import type { TriangleMesh } from '../mesh/triangle-mesh.js';
import { detectGraphFormat, GRAPH_FORMATS, type GraphFormat } from './detect-graph-format.js';
import { readEdgeList } from './edge-list.js';
import { readGml } from './gml.js';
import { checkPath, readHead } from './line-source.js';
import { matrixMarketToGraph, readMatrixMarket, type MatrixMarketMatrix } from './matrix-market.js';
import type { MeshReadResult } from './mesh-builder.js';
import { readObj } from './obj.js';
import { readOff } from './off.js';
import { readPly } from './ply.js';
import { DEFAULT_MAX_ORDER } from './tokens.js';

export interface ReadGraphFileOptions {
  /** The file's format. @default detected by `detectGraphFormat` from the name, then the first 4 KiB */
  format?: GraphFormat;
  /**
   * Read edges as directed: edge lists and general MatrixMarket matrices give arcs, GML overrides its header.
   * Not allowed (true) for meshes. @default false (GML: the file's own `directed` flag)
   */
  directed?: boolean;
}

/** What `readGraphFile` read, the same shape for every format. */
export interface GraphFileSummary {
  format: GraphFormat;
  /** The graph (for meshes, the mesh's edge graph). */
  graph: Graph;
  /** Self-loops (MatrixMarket: diagonal entries) dropped. */
  selfLoopsDropped: number;
  /** Repeated edges merged (0 for meshes: shared triangle sides are one edge by construction). */
  duplicatesDropped: number;
  /** The mesh, for OBJ, OFF and PLY. */
  mesh?: TriangleMesh;
  /** Mesh vertices no triangle uses (dropped). */
  unreferencedDropped?: number;
  /** Mesh triangles with a repeated vertex (dropped). */
  degenerateFacesDropped?: number;
  /** Mesh polygons with more than 3 vertices, fan-triangulated. */
  polygonsTriangulated?: number;
  /** The matrix as stored, for MatrixMarket. */
  matrix?: MatrixMarketMatrix;
  /** The GML id of each node, for GML. */
  nodeIds?: Int32Array;
}

const HEAD_BYTES = 4096;

/**
 * Reads a graph or mesh file of any supported format into a uniform summary; the CLI's `graph info` prints it.
 * Streams the file (O(bytes + nodes + edges)). An unreadable path or an undetectable format throws
 * InvalidArgumentError; malformed content throws ParseError (a non-square matrix, or one with more rows than
 * 2^24, is a ParseError at line 0: the file as a whole).
 */
export async function readGraphFile(path: string, options?: ReadGraphFileOptions): Promise<GraphFileSummary> {
  const site = { pkg: 'graph', fn: 'readGraphFile' };
  checkPath(site, path);
  const given = checkOptions<ReadGraphFileOptions>(site, options, ['format', 'directed']);
  if (given.format !== undefined) checkOneOf(site, 'options.format', given.format, GRAPH_FORMATS);
  if (given.directed !== undefined) checkBoolean(site, 'options.directed', given.directed);
  let format = given.format ?? detectGraphFormat(path);
  if (given.format === undefined && (format === undefined || format === 'edgelist')) {
    // A generic or missing extension: let the content decide (a .txt file may hold a MatrixMarket matrix).
    format = detectGraphFormat(path, await readHead(site, path, HEAD_BYTES));
  }
  if (format === undefined) {
    throw new InvalidArgumentError({
      ...site,
      argument: 'options.format',
      value: undefined,
      rule: `one of ${GRAPH_FORMATS.join(', ')}`,
      hint: `The format of ${path} could not be detected from its name or first lines; pass options.format.`,
    });
  }
  const directed = given.directed;
  switch (format) {
    case 'edgelist': {
      const r = await readEdgeList(path, { directed: directed ?? false });
      return { format, graph: r.graph, selfLoopsDropped: r.selfLoopsDropped, duplicatesDropped: r.duplicatesDropped };
    }
    case 'gml': {
      const r = await readGml(path, directed === undefined ? {} : { directed });
      return { format, graph: r.graph, selfLoopsDropped: r.selfLoopsDropped, duplicatesDropped: r.duplicatesDropped, nodeIds: r.nodeIds };
    }
    case 'matrixmarket': {
      const matrix = await readMatrixMarket(path);
      const fail = (expected: string, found: string): never => {
        throw new ParseError({ ...site, file: path, line: 0, column: 0, expected, found });
      };
      if (matrix.rows !== matrix.cols) fail('a square matrix to read as a graph', `${matrix.rows} x ${matrix.cols}`);
      if (matrix.rows > DEFAULT_MAX_ORDER) fail(`at most ${DEFAULT_MAX_ORDER} rows to read as a graph`, `${matrix.rows}`);
      const r = matrixMarketToGraph(matrix, { directed: directed ?? false });
      return { format, graph: r.graph, selfLoopsDropped: r.selfLoopsDropped, duplicatesDropped: r.duplicatesDropped, matrix };
    }
    default: {
      if (directed === true) {
        throw new InvalidArgumentError({ ...site, argument: 'options.directed', value: true, rule: `false or undefined for a ${format} mesh` });
      }
      const r: MeshReadResult = format === 'obj' ? await readObj(path) : format === 'off' ? await readOff(path) : await readPly(path);
      return {
        format,
        graph: r.mesh.graph,
        selfLoopsDropped: 0,
        duplicatesDropped: 0,
        mesh: r.mesh,
        unreferencedDropped: r.unreferencedDropped,
        degenerateFacesDropped: r.degenerateFacesDropped,
        polygonsTriangulated: r.polygonsTriangulated,
      };
    }
  }
}
