/**
 * Chord pairs that nested dissection should order last (`NestedDissectionOptions.orderLast`).
 *
 * Fan-triangulating a face of k sides adds k − 3 chords whose pairs form a path across the face. When the face's
 * sides are long compared with the graph around it, that path is a shortcut: on a random Delaunay triangulation the
 * outer face is the convex hull, a few dozen edges each spanning many interior steps, and its ~30 chords bring the
 * whole perimeter within ~30 steps of itself. The BFS levels of nested dissection then close into rings around the
 * middle instead of running straight across, the cuts get longer and the pieces turn into annuli and strips
 * (measured on a 10⁶-node random Delaunay graph: 760 GFlop of factorisation, 264 GFlop with its 31 outer-face chord
 * pairs ordered last; on a 3·10⁵-node one 72 and 40).
 *
 * The chords of one face are one connected group of chord pairs in the pair graph (consecutive fan chords share a
 * triangle; chords of different faces share none), of size k − 3. Groups from faces of at least MIN_FACE_SIDES
 * sides are taken, longest first, while their total stays within BUDGET·√pairs: ordering them last adds them to
 * the root separator, which is cheap only while they are few. A square lattice's outer face (about 2.3·√pairs
 * chords, and no shortcut since its sides are unit edges) stays where it is; so do the chords of short faces.
 */
import type { PlanarMap } from './planar-map.js';
import type { PairGraph } from './sparse-pfaffian.js';

const MIN_FACE_SIDES = 8;
const BUDGET = 0.1;

/** The pairs (= map edges) to order last, ascending; empty when no face qualifies. `budget` is for tests. */
export function shortcutChordPairs(map: PlanarMap, pairs: PairGraph, budget = BUDGET): Int32Array {
  const n = pairs.order;
  const group = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const groupSizes: number[] = [];
  for (let e = 0; e < n; e++) {
    if ((map.globalEdge[e] as number) >= 0 || group[e] !== -1) continue;
    const id = groupSizes.length;
    let size = 0;
    let top = 0;
    stack[top++] = e;
    group[e] = id;
    while (top > 0) {
      const p = stack[--top] as number;
      size++;
      for (let k = pairs.offsets[p] as number, end = pairs.offsets[p + 1] as number; k < end; k++) {
        const q = pairs.targets[k] as number;
        if ((map.globalEdge[q] as number) >= 0 || group[q] !== -1) continue;
        group[q] = id;
        stack[top++] = q;
      }
    }
    groupSizes.push(size);
  }
  const allowed = budget * Math.sqrt(n);
  const order = groupSizes.map((_, id) => id).sort((a, b) => (groupSizes[b] as number) - (groupSizes[a] as number));
  const chosen = new Uint8Array(groupSizes.length);
  let total = 0;
  for (const id of order) {
    const size = groupSizes[id] as number;
    if (size + 3 < MIN_FACE_SIDES) break;
    if (total + size > allowed) continue;
    chosen[id] = 1;
    total += size;
  }
  const out = new Int32Array(total);
  let k = 0;
  for (let e = 0; e < n; e++) if ((group[e] as number) >= 0 && chosen[group[e] as number] === 1) out[k++] = e;
  return out;
}
