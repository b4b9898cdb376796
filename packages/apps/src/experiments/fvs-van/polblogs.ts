/**
 * The political blogs network for seed 001's Fig. 1(d): the undirected simple graph of polblogs/edges.txt (repeated
 * links merged, self-loops dropped), restricted to its largest connected component (1 222 nodes, 16 714 edges,
 * the usual benchmark size; counts checked with networkx in the data folder's FORMAT.md).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, connectedComponents, inducedSubgraph, readGraphFile, type Graph } from '@isinglab/graph';

export async function polblogsLargestComponent(dataDir: string | undefined): Promise<Graph> {
  const file = dataDir === undefined ? undefined : join(dataDir, 'polblogs', 'edges.txt');
  if (file === undefined || !existsSync(file)) {
    throw new InvalidArgumentError({ pkg: 'apps', fn: 'experiment fvs-van', argument: '--data', value: dataDir ?? null, rule: 'a data folder holding polblogs/edges.txt (the polblogs task needs it; pass --data DIR)' });
  }
  const { graph } = await readGraphFile(file, { format: 'edgelist', directed: false });
  const { component, sizes } = connectedComponents(graph);
  let largest = 0;
  for (let c = 1; c < sizes.length; c++) if ((sizes[c] as number) > (sizes[largest] as number)) largest = c;
  const nodes: number[] = [];
  for (let i = 0; i < graph.order; i++) if (component[i] === largest) nodes.push(i);
  return inducedSubgraph(graph, nodes).graph;
}
