/**
 * SPQR forest of an arbitrary undirected graph: the triconnected kernel run on every block with at least two edges,
 * the results renumbered into the graph's node and edge ids and concatenated. Internal.
 */
import type { BiconnectedComponentsResult } from '../components/biconnected-components.js';
import type { Graph } from '../core/graph.js';
import { IsingLabError } from '../errors/errors.js';
import { triconnectedKernel, type RawTriconnected } from './internal-triconnected.js';

/** Concatenated decomposition of all blocks, ids global (real edges `< graph.size`, virtual `graph.size + k`). */
export interface RawForest extends RawTriconnected {
  componentBlock: Int32Array;
  blockComponentOffsets: Int32Array;
}

/** O(n + m): blocks grouped by a counting sort, one kernel call per block on local ids. */
export function triconnectedForest(graph: Graph, blocks: BiconnectedComponentsResult): RawForest {
  const n = graph.order;
  const m = graph.size;
  const B = blocks.count;
  // Edges of each block, by counting sort on the block id.
  const edgeOff = new Int32Array(B + 1);
  for (let e = 0; e < m; e++) edgeOff[(blocks.edgeComponent[e] as number) + 1]!++;
  for (let b = 0; b < B; b++) edgeOff[b + 1]! += edgeOff[b] as number;
  const blockEdges = new Int32Array(m);
  {
    const fill = edgeOff.slice(0, B);
    for (let e = 0; e < m; e++) blockEdges[fill[blocks.edgeComponent[e] as number]!++] = e;
  }
  const localOf = new Int32Array(n).fill(-1);
  const parts: { raw: RawTriconnected; block: number }[] = [];
  let maxEdges = 0;
  for (let b = 0; b < B; b++) maxEdges = Math.max(maxEdges, (edgeOff[b + 1] as number) - (edgeOff[b] as number));
  const les = new Int32Array(maxEdges);
  const let_ = new Int32Array(maxEdges);
  let count = 0;
  let total = 0;
  let virtualCount = 0;
  for (let b = 0; b < B; b++) {
    const e0 = edgeOff[b] as number;
    const mb = (edgeOff[b + 1] as number) - e0;
    if (mb < 2) continue; // a bridge: no component
    const n0 = blocks.blockOffsets[b] as number;
    const nb = (blocks.blockOffsets[b + 1] as number) - n0;
    for (let i = 0; i < nb; i++) localOf[blocks.blockNodes[n0 + i] as number] = i;
    for (let j = 0; j < mb; j++) {
      const e = blockEdges[e0 + j] as number;
      les[j] = localOf[graph.edgeSources[e] as number] as number;
      let_[j] = localOf[graph.edgeTargets[e] as number] as number;
    }
    const raw = triconnectedKernel(nb, mb, les.subarray(0, mb), let_.subarray(0, mb), true);
    if ('refused' in raw) {
      throw new IsingLabError('@isinglab/graph checkK33MinorFree: internal error (a block is not biconnected).');
    }
    parts.push({ raw, block: b });
    count += raw.count;
    total += raw.edges.length;
    virtualCount += raw.virtualCount;
  }
  const type = new Uint8Array(count);
  const offsets = new Int32Array(count + 1);
  const edges = new Int32Array(total);
  const edgeComponent = new Int32Array(m).fill(-1);
  const virtualSources = new Int32Array(virtualCount);
  const virtualTargets = new Int32Array(virtualCount);
  const virtualComponent = new Int32Array(virtualCount);
  const componentBlock = new Int32Array(count);
  const blockComponentOffsets = new Int32Array(B + 1);
  let cBase = 0;
  let kBase = 0;
  let at = 0;
  let nextBlock = 0;
  for (const { raw, block } of parts) {
    for (; nextBlock <= block; nextBlock++) blockComponentOffsets[nextBlock] = cBase;
    const e0 = edgeOff[block] as number;
    const mb = (edgeOff[block + 1] as number) - e0;
    const n0 = blocks.blockOffsets[block] as number;
    for (let c = 0; c < raw.count; c++) {
      type[cBase + c] = raw.type[c] as number;
      componentBlock[cBase + c] = block;
      for (let i = raw.offsets[c] as number; i < (raw.offsets[c + 1] as number); i++) {
        const x = raw.edges[i] as number;
        if (x < mb) {
          const e = blockEdges[e0 + x] as number;
          edges[at++] = e;
          edgeComponent[e] = cBase + c;
        } else {
          edges[at++] = m + kBase + (x - mb);
        }
      }
      offsets[cBase + c + 1] = at;
    }
    for (let k = 0; k < raw.virtualCount; k++) {
      const u = blocks.blockNodes[n0 + (raw.virtualSources[k] as number)] as number;
      const v = blocks.blockNodes[n0 + (raw.virtualTargets[k] as number)] as number;
      virtualSources[kBase + k] = u < v ? u : v;
      virtualTargets[kBase + k] = u < v ? v : u;
      virtualComponent[kBase + k] = cBase + (raw.virtualComponent[k] as number);
    }
    cBase += raw.count;
    kBase += raw.virtualCount;
  }
  for (; nextBlock <= B; nextBlock++) blockComponentOffsets[nextBlock] = cBase;
  return {
    count,
    type,
    offsets,
    edges,
    virtualCount,
    virtualSources,
    virtualTargets,
    virtualComponent,
    edgeComponent,
    componentBlock,
    blockComponentOffsets,
  };
}
