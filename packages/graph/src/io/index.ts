// Public exports of this topic; re-exported by src/index.ts.
export { parseEdgeList, readEdgeList, formatEdgeList } from './edge-list.js';
export type { EdgeListOptions, ParseEdgeListOptions, EdgeListResult, FormatEdgeListOptions } from './edge-list.js';
export { parseMatrixMarket, readMatrixMarket, matrixMarketToGraph, formatMatrixMarket } from './matrix-market.js';
export type {
  MatrixMarketMatrix,
  MatrixMarketField,
  MatrixMarketSymmetry,
  MatrixMarketFormat,
  ParseMatrixMarketOptions,
  ReadMatrixMarketOptions,
  MatrixMarketToGraphOptions,
  MatrixMarketGraphResult,
} from './matrix-market.js';
export { parseGml, readGml, formatGml } from './gml.js';
export type { GmlOptions, ParseGmlOptions, GmlResult, GmlValue, GmlAttributes, FormatGmlOptions } from './gml.js';
export { parseObj, readObj, formatObj } from './obj.js';
export { parseOff, readOff, formatOff } from './off.js';
export { parsePly, readPly, formatPly } from './ply.js';
export type { MeshReadResult, ParseMeshOptions, ReadMeshOptions } from './mesh-builder.js';
export { detectGraphFormat, GRAPH_FORMATS } from './detect-graph-format.js';
export type { GraphFormat } from './detect-graph-format.js';
export { readGraphFile } from './read-graph-file.js';
export type { ReadGraphFileOptions, GraphFileSummary } from './read-graph-file.js';
