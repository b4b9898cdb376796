/** The statistics `isinglab graph info` and `isinglab data stats` report for one graph or mesh file. */
import {
  biconnectedComponents,
  coreHdFeedbackVertexSet,
  connectedComponents,
  degrees,
  greedyColouring,
  isPlanar,
  readGraphFile,
  toUndirected,
  twoCore,
  type GraphFormat,
} from '@isinglab/graph';

export interface GraphStats {
  file: string;
  format: GraphFormat;
  directed: boolean;
  nodes: number;
  /** Edges of the undirected simple graph the statistics below are computed on. */
  edges: number;
  /** Arcs of the directed graph as read (directed formats only). */
  arcs?: number;
  selfLoopsDropped: number;
  duplicatesDropped: number;
  components: number;
  minDegree: number;
  maxDegree: number;
  meanDegree: number;
  biconnectedComponents: number;
  articulationPoints: number;
  /** Nodes in the 2-core (the graph left after repeatedly removing nodes of degree ≤ 1). */
  twoCoreSize: number;
  /** Edges in the 2-core. */
  twoCoreEdges: number;
  greedyColours: number;
  planar: boolean;
  fvsSize: number;
  mesh?: { vertices: number; faces: number; unreferencedDropped: number; degenerateFacesDropped: number };
}

export interface GraphStatsOptions {
  format?: GraphFormat;
  /** Read edge-list and GML files as directed. @default per format (GML header; edge lists undirected) */
  directed?: boolean;
}

/** Reads a file and computes its statistics on the underlying undirected simple graph. */
export async function graphStats(path: string, options: GraphStatsOptions = {}): Promise<GraphStats> {
  const read = await readGraphFile(path, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.directed !== undefined ? { directed: options.directed } : {}),
  });
  const undirected = toUndirected(read.graph).graph;
  const deg = degrees(undirected);
  let minDegree = undirected.order ? Number.POSITIVE_INFINITY : 0;
  let maxDegree = 0;
  for (let v = 0; v < deg.length; v++) {
    const d = deg[v] as number;
    if (d < minDegree) minDegree = d;
    if (d > maxDegree) maxDegree = d;
  }
  const bcc = biconnectedComponents(undirected);
  const core = twoCore(undirected);
  const stats: GraphStats = {
    file: path,
    format: read.format,
    directed: read.graph.directed,
    nodes: undirected.order,
    edges: undirected.size,
    ...(read.graph.directed ? { arcs: read.graph.size } : {}),
    selfLoopsDropped: read.selfLoopsDropped,
    duplicatesDropped: read.duplicatesDropped,
    components: connectedComponents(undirected).count,
    minDegree,
    maxDegree,
    meanDegree: undirected.order ? (2 * undirected.size) / undirected.order : 0,
    biconnectedComponents: bcc.count,
    articulationPoints: bcc.articulationPoints.length,
    twoCoreSize: core.order,
    twoCoreEdges: core.size,
    greedyColours: greedyColouring(undirected).count,
    planar: isPlanar(undirected),
    fvsSize: coreHdFeedbackVertexSet(undirected).nodes.length,
  };
  if (read.mesh) {
    stats.mesh = {
      vertices: read.mesh.vertexCount,
      faces: read.mesh.faceCount,
      unreferencedDropped: read.unreferencedDropped ?? 0,
      degenerateFacesDropped: read.degenerateFacesDropped ?? 0,
    };
  }
  return stats;
}

/** Human-readable lines, one `key: value` per statistic. */
export function formatGraphStats(stats: GraphStats): string {
  const rows: [string, string | number][] = [
    ['file', stats.file],
    ['format', stats.format + (stats.directed ? ' (directed)' : '')],
    ['nodes', stats.nodes],
    ['edges', stats.edges + (stats.arcs !== undefined ? ` (undirected; ${stats.arcs} arcs)` : '')],
    ['self-loops dropped', stats.selfLoopsDropped],
    ['duplicates dropped', stats.duplicatesDropped],
    ['components', stats.components],
    ['degree min/max/mean', `${stats.minDegree} / ${stats.maxDegree} / ${stats.meanDegree.toFixed(3)}`],
    ['biconnected components', stats.biconnectedComponents],
    ['articulation points', stats.articulationPoints],
    ['2-core nodes / edges', `${stats.twoCoreSize} / ${stats.twoCoreEdges}`],
    ['greedy colours', stats.greedyColours],
    ['planar', stats.planar ? 'yes' : 'no'],
    ['CoreHD FVS size', stats.fvsSize],
  ];
  if (stats.mesh) {
    rows.push(['mesh vertices / faces', `${stats.mesh.vertices} / ${stats.mesh.faces}`]);
    rows.push(['unreferenced vertices dropped', stats.mesh.unreferencedDropped]);
    rows.push(['degenerate faces dropped', stats.mesh.degenerateFacesDropped]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
