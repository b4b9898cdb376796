/**
 * Raw kernel of the triconnected-components decomposition: Hopcroft–Tarjan's path-based algorithm with the
 * Gutwenger–Mutzel corrections, made iterative (explicit typed-array stacks for all three depth-first searches) and
 * written over typed arrays only. Trusts its input; the public entry points validate.
 *
 * Preconditions: `0 ≤ es[e], et[e] < n`, `es[e] ≠ et[e]` (no self-loop), parallel edges allowed. The kernel itself
 * reports a disconnected graph or a cut vertex instead of decomposing.
 *
 * References: J. E. Hopcroft and R. E. Tarjan, "Dividing a graph into triconnected components", SIAM J. Comput.
 * 2(3), 1973, 135–158; C. Gutwenger and P. Mutzel, "A linear time implementation of SPQR-trees", Graph Drawing
 * 2000, LNCS 1984, 2001, 77–90.
 */
import { IsingLabError } from '../errors/errors.js';

// Bound once: in sandboxed module contexts (jest's vm) every global lookup (Math.*) in a hot loop is slow.
const min = Math.min;
const max = Math.max;

/** Component types, shared with the public result (`SpqrNodeType`). */
export const TYPE_S = 0;
export const TYPE_P = 1;
export const TYPE_R = 2;

/** Decomposition of one biconnected multigraph, in the kernel's local numbering. */
export interface RawTriconnected {
  /** Number of components. */
  count: number;
  /** TYPE_S / TYPE_P / TYPE_R per component. */
  type: Uint8Array;
  /** Component c has edge ids `edges[offsets[c] .. offsets[c+1])`. */
  offsets: Int32Array;
  /** Edge ids: `< m` real (input edge index), `m + k` virtual edge k. S components list theirs in cycle order. */
  edges: Int32Array;
  /** Number of virtual edges; twins are `k` and `k ^ 1`. */
  virtualCount: number;
  /** Endpoints of virtual edge k (source < target). */
  virtualSources: Int32Array;
  virtualTargets: Int32Array;
  /** Component holding virtual edge k. */
  virtualComponent: Int32Array;
  /** Component holding real edge e. */
  edgeComponent: Int32Array;
}

/** Why the kernel refused: the graph is not connected, or `node` is a cut vertex. */
export interface RawRefusal {
  refused: 'disconnected' | 'cut-vertex';
  node: number;
}

const UNSEEN = 0;
const TREE = 1;
const FROND = 2;
const REMOVED = 3;
/** Split-component type not yet decided (classified by counting nodes once splitting is done). */
const TYPE_UNKNOWN = 3;

function internalError(what: string): IsingLabError {
  return new IsingLabError(`@isinglab/graph triconnectedComponents: internal error (${what}).`);
}

/**
 * Triconnected components of the multigraph with `m` edges `es[e]`–`et[e]` on nodes `0..n-1`, which must be
 * connected, without isolated nodes and (for n ≥ 3) without a cut vertex; otherwise a refusal. n ≥ 2, m ≥ 1.
 * `simple`: the caller guarantees there are no parallel edges (skips the bundle split). O(n + m) time and memory.
 */
export function triconnectedKernel(
  n: number,
  m: number,
  es: Int32Array,
  et: Int32Array,
  simple: boolean,
): RawTriconnected | RawRefusal {
  if (n === 2) return twoNodeBond(m);

  // Edge store: real edges 0..m-1, then virtual edges. Split components hold at most 3m − 6 edges in total
  // (Hopcroft–Tarjan, Lemma 13), so fewer than m virtual edges and fewer than m components are ever created.
  const cap = 2 * m + 16;
  const src = new Int32Array(cap);
  const tgt = new Int32Array(cap);
  src.set(es.subarray(0, m));
  tgt.set(et.subarray(0, m));
  let E = m;
  const etype = new Uint8Array(cap);
  const newEdge = (u: number, v: number): number => {
    if (E >= cap) throw internalError('edge capacity exceeded');
    src[E] = u;
    tgt[E] = v;
    return E++;
  };

  // Split components: doubly linked lists of entries (an edge lies in at most two components).
  const compCap = m + 16;
  const entCap = 3 * m + 16;
  const compHead = new Int32Array(compCap).fill(-1);
  const compTail = new Int32Array(compCap).fill(-1);
  const compSize = new Int32Array(compCap);
  const compType = new Uint8Array(compCap);
  const entEdge = new Int32Array(entCap);
  const entNext = new Int32Array(entCap);
  const entPrev = new Int32Array(entCap);
  let numComp = 0;
  let numEnt = 0;
  const newComp = (type: number): number => {
    if (numComp >= compCap) throw internalError('component capacity exceeded');
    compType[numComp] = type;
    return numComp++;
  };
  const addToComp = (c: number, e: number): void => {
    if (numEnt >= entCap) throw internalError('entry capacity exceeded');
    const x = numEnt++;
    entEdge[x] = e;
    entNext[x] = -1;
    const t = compTail[c] as number;
    entPrev[x] = t;
    if (t === -1) compHead[c] = x;
    else entNext[t] = x;
    compTail[c] = x;
    compSize[c]!++;
  };

  if (!simple) splitMultiEdges(n, m, src, tgt, etype, newEdge, newComp, addToComp);

  // ---- DFS1: palm tree, NUMBER, LOWPT1, LOWPT2, ND, FATHER; refuses disconnected graphs and cut vertices. ----
  const adjOff = new Int32Array(n + 1);
  for (let e = 0; e < E; e++) {
    if (etype[e] === REMOVED) continue;
    adjOff[(src[e] as number) + 1]!++;
    adjOff[(tgt[e] as number) + 1]!++;
  }
  const degree = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    degree[v] = adjOff[v + 1] as number;
    adjOff[v + 1]! += adjOff[v] as number;
  }
  const adjEdge = new Int32Array(adjOff[n] as number);
  {
    const fill = adjOff.slice(0, n);
    for (let e = 0; e < E; e++) {
      if (etype[e] === REMOVED) continue;
      adjEdge[fill[src[e] as number]!++] = e;
      adjEdge[fill[tgt[e] as number]!++] = e;
    }
  }
  const number = new Int32Array(n);
  const lowpt1 = new Int32Array(n);
  const lowpt2 = new Int32Array(n);
  const nd = new Int32Array(n);
  const father = new Int32Array(n).fill(-1);
  const treeArc = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const cursor = new Int32Array(n);
  const root = 0;
  {
    let count = 0;
    let sp = 0;
    let rootChildren = 0;
    number[root] = ++count;
    lowpt1[root] = lowpt2[root] = 1;
    nd[root] = 1;
    cursor[root] = adjOff[root] as number;
    stack[sp++] = root;
    while (sp > 0) {
      const v = stack[sp - 1] as number;
      const c = cursor[v] as number;
      if (c < (adjOff[v + 1] as number)) {
        cursor[v] = c + 1;
        const e = adjEdge[c] as number;
        if (etype[e] !== UNSEEN) continue;
        const w = src[e] === v ? (tgt[e] as number) : (src[e] as number);
        if (number[w] === 0) {
          etype[e] = TREE;
          treeArc[w] = e;
          father[w] = v;
          number[w] = ++count;
          lowpt1[w] = lowpt2[w] = count;
          nd[w] = 1;
          cursor[w] = adjOff[w] as number;
          stack[sp++] = w;
          if (v === root) rootChildren++;
        } else {
          etype[e] = FROND;
          const nw = number[w] as number;
          if (nw < (lowpt1[v] as number)) {
            lowpt2[v] = lowpt1[v] as number;
            lowpt1[v] = nw;
          } else if (nw > (lowpt1[v] as number) && nw < (lowpt2[v] as number)) {
            lowpt2[v] = nw;
          }
        }
      } else {
        sp--;
        if (sp === 0) break;
        const p = stack[sp - 1] as number;
        const l1 = lowpt1[v] as number;
        if (p !== root && l1 >= (number[p] as number)) return { refused: 'cut-vertex', node: p };
        if (l1 < (lowpt1[p] as number)) {
          lowpt2[p] = min(lowpt1[p] as number, lowpt2[v] as number);
          lowpt1[p] = l1;
        } else if (l1 === lowpt1[p]) {
          lowpt2[p] = min(lowpt2[p] as number, lowpt2[v] as number);
        } else {
          lowpt2[p] = min(lowpt2[p] as number, l1);
        }
        nd[p]! += nd[v] as number;
      }
    }
    if (count < n) {
      for (let v = 0; v < n; v++) if (number[v] === 0) return { refused: 'disconnected', node: v };
    }
    if (rootChildren > 1) return { refused: 'cut-vertex', node: root };
  }

  // Orient: tree arcs father → child, fronds descendant → ancestor.
  for (let e = 0; e < E; e++) {
    const t = etype[e];
    if (t === REMOVED) continue;
    const up = (number[tgt[e] as number] as number) > (number[src[e] as number] as number);
    if ((up && t === FROND) || (!up && t === TREE)) {
      const s = src[e] as number;
      src[e] = tgt[e] as number;
      tgt[e] = s;
    }
  }

  // ---- Acceptable adjacency structure: bucket sort of the arcs by phi (Hopcroft–Tarjan, Section 3). ----
  // Adjacency lists are doubly linked lists of slots; a slot's edge can be replaced in place (`*it = eVirt`).
  const slotEdge = new Int32Array(cap).fill(-1);
  const slotNext = new Int32Array(cap).fill(-1);
  const slotPrev = new Int32Array(cap).fill(-1);
  const inAdj = new Int32Array(cap).fill(-1);
  const headA = new Int32Array(n).fill(-1);
  const tailA = new Int32Array(n).fill(-1);
  const lenA = new Int32Array(n);
  {
    const maxPhi = 3 * n + 2;
    const bucketOff = new Int32Array(maxPhi + 2);
    const phi = new Int32Array(E);
    for (let e = 0; e < E; e++) {
      const t = etype[e];
      if (t === REMOVED) continue;
      const w = tgt[e] as number;
      const p =
        t === FROND
          ? 3 * (number[w] as number) + 1
          : (lowpt2[w] as number) < (number[src[e] as number] as number)
            ? 3 * (lowpt1[w] as number)
            : 3 * (lowpt1[w] as number) + 2;
      phi[e] = p;
      bucketOff[p + 1]!++;
    }
    for (let p = 0; p <= maxPhi; p++) bucketOff[p + 1]! += bucketOff[p] as number;
    const sorted = new Int32Array(bucketOff[maxPhi + 1] as number);
    for (let e = 0; e < E; e++) {
      if (etype[e] === REMOVED) continue;
      sorted[bucketOff[phi[e] as number]!++] = e;
    }
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i] as number;
      const v = src[e] as number;
      slotEdge[e] = e;
      inAdj[e] = e;
      const t = tailA[v] as number;
      slotPrev[e] = t;
      if (t === -1) headA[v] = e;
      else slotNext[t] = e;
      tailA[v] = e;
      lenA[v]!++;
    }
  }
  const delSlot = (v: number, s: number): void => {
    const p = slotPrev[s] as number;
    const q = slotNext[s] as number;
    if (p === -1) headA[v] = q;
    else slotNext[p] = q;
    if (q === -1) tailA[v] = p;
    else slotPrev[q] = p;
    lenA[v]!--;
  };

  // ---- DFS2 (PathFinder): NEWNUM, START, HIGHPT lists. ----
  const newnum = new Int32Array(n);
  const start = new Uint8Array(cap);
  const highVal = new Int32Array(cap);
  const highNext = new Int32Array(cap);
  const highPrev = new Int32Array(cap);
  const highHead = new Int32Array(n).fill(-1);
  const highTail = new Int32Array(n).fill(-1);
  const inHigh = new Int32Array(cap).fill(-1);
  let numHigh = 0;
  const pushBackHigh = (v: number, val: number): number => {
    if (numHigh >= cap) throw internalError('highpt capacity exceeded');
    const h = numHigh++;
    highVal[h] = val;
    highNext[h] = -1;
    const t = highTail[v] as number;
    highPrev[h] = t;
    if (t === -1) highHead[v] = h;
    else highNext[t] = h;
    highTail[v] = h;
    return h;
  };
  const pushFrontHigh = (v: number, val: number): number => {
    if (numHigh >= cap) throw internalError('highpt capacity exceeded');
    const h = numHigh++;
    highVal[h] = val;
    highPrev[h] = -1;
    const f = highHead[v] as number;
    highNext[h] = f;
    if (f === -1) highTail[v] = h;
    else highPrev[f] = h;
    highHead[v] = h;
    return h;
  };
  const delHigh = (e: number): void => {
    const h = inHigh[e] as number;
    if (h === -1) return;
    inHigh[e] = -1;
    const v = tgt[e] as number;
    const p = highPrev[h] as number;
    const q = highNext[h] as number;
    if (p === -1) highHead[v] = q;
    else highNext[p] = q;
    if (q === -1) highTail[v] = p;
    else highPrev[q] = p;
  };
  const high = (v: number): number => {
    const h = highHead[v] as number;
    return h === -1 ? 0 : (highVal[h] as number);
  };
  {
    let numCount = n;
    let newPath = true;
    let sp = 0;
    newnum[root] = numCount - (nd[root] as number) + 1;
    cursor[root] = headA[root] as number;
    stack[sp++] = root;
    while (sp > 0) {
      const v = stack[sp - 1] as number;
      const s = cursor[v] as number;
      if (s !== -1) {
        cursor[v] = slotNext[s] as number;
        const e = slotEdge[s] as number;
        const w = tgt[e] as number;
        if (newPath) {
          newPath = false;
          start[e] = 1;
        }
        if (etype[e] === TREE) {
          newnum[w] = numCount - (nd[w] as number) + 1;
          cursor[w] = headA[w] as number;
          stack[sp++] = w;
        } else {
          inHigh[e] = pushBackHigh(w, newnum[v] as number);
          newPath = true;
        }
      } else {
        sp--;
        if (sp > 0) numCount--;
      }
    }
  }
  const nodeAt = new Int32Array(n + 1).fill(-1);
  {
    const old2new = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) old2new[number[v] as number] = newnum[v] as number;
    for (let v = 0; v < n; v++) {
      nodeAt[newnum[v] as number] = v;
      lowpt1[v] = old2new[lowpt1[v] as number] as number;
      lowpt2[v] = old2new[lowpt2[v] as number] as number;
    }
  }

  // ---- PathSearch: finds the separation pairs and splits off components (type-2 pairs, then type-1 pairs). ----
  const tsCap = 2 * E + 4; // at most one triple and one end marker per path start
  const tsH = new Int32Array(tsCap);
  const tsA = new Int32Array(tsCap);
  const tsB = new Int32Array(tsCap);
  let top = 0;
  tsA[0] = -1; // end-of-stack marker at the bottom
  const estack = new Int32Array(cap);
  let ep = 0;
  const psCur = new Int32Array(n);
  const psNext = new Int32Array(n);
  const psOutv = new Int32Array(n);
  const psEdge = new Int32Array(n);
  const psRet = new Uint8Array(n);
  {
    let sp = 0;
    psCur[root] = headA[root] as number;
    psOutv[root] = lenA[root] as number;
    stack[sp++] = root;
    while (sp > 0) {
      const v = stack[sp - 1] as number;
      const vnum = newnum[v] as number;
      if (psRet[v] === 1) {
        psRet[v] = 0;
        // Back from the subtree of the tree arc in slot `it`.
        const it = psCur[v] as number;
        const e = psEdge[v] as number;
        let w = tgt[e] as number;
        let wnum = newnum[w] as number;
        estack[ep++] = treeArc[w] as number; // (v, w) may have been replaced by a virtual edge

        // Type-2 separation pairs.
        for (;;) {
          if (vnum === 1) break;
          const deg2 = degree[w] === 2 && (newnum[tgt[slotEdge[headA[w] as number] as number] as number] as number) > wnum;
          if (!(tsA[top] === vnum || deg2)) break;
          const a = tsA[top] as number;
          const b = tsB[top] as number;
          if (a === vnum && father[nodeAt[b] as number] === nodeAt[a]) {
            top--;
            continue;
          }
          let eAB = -1;
          let eVirt: number;
          let x: number;
          if (deg2) {
            const e1 = estack[--ep] as number;
            const e2 = estack[--ep] as number;
            delSlot(w, inAdj[e2] as number);
            x = tgt[e2] as number;
            eVirt = newEdge(v, x);
            degree[x]!--;
            degree[v]!--;
            const c = newComp(TYPE_S);
            addToComp(c, e1);
            addToComp(c, e2);
            addToComp(c, eVirt);
            if (ep > 0) {
              const e3 = estack[ep - 1] as number;
              if (src[e3] === x && tgt[e3] === v) {
                eAB = e3;
                ep--;
                delSlot(x, inAdj[eAB] as number);
                delHigh(eAB);
              }
            }
          } else {
            const h = tsH[top--] as number;
            const c = newComp(TYPE_UNKNOWN);
            for (;;) {
              if (ep === 0) break;
              const xy = estack[ep - 1] as number;
              const xs = src[xy] as number;
              const xt = tgt[xy] as number;
              const nx = newnum[xs] as number;
              const ny = newnum[xt] as number;
              if (!(a <= nx && nx <= h && a <= ny && ny <= h)) break;
              ep--;
              if ((nx === a && ny === b) || (ny === a && nx === b)) {
                eAB = xy;
                delSlot(xs, inAdj[xy] as number);
                delHigh(xy);
              } else {
                if (it !== inAdj[xy]) {
                  delSlot(xs, inAdj[xy] as number);
                  delHigh(xy);
                }
                addToComp(c, xy);
                degree[xs]!--;
                degree[xt]!--;
              }
            }
            x = nodeAt[b] as number;
            eVirt = newEdge(nodeAt[a] as number, x);
            addToComp(c, eVirt);
          }
          if (eAB !== -1) {
            const c = newComp(TYPE_P);
            addToComp(c, eAB);
            addToComp(c, eVirt);
            eVirt = newEdge(v, x);
            addToComp(c, eVirt);
            degree[x]!--;
            degree[v]!--;
          }
          estack[ep++] = eVirt;
          slotEdge[it] = eVirt;
          inAdj[eVirt] = it;
          degree[x]!++;
          degree[v]!++;
          father[x] = v;
          treeArc[x] = eVirt;
          etype[eVirt] = TREE;
          w = x;
          wnum = newnum[w] as number;
        }

        // Type-1 separation pair (lowpt1(w), v).
        if (
          (lowpt2[w] as number) >= vnum &&
          (lowpt1[w] as number) < vnum &&
          (father[v] !== root || (psOutv[v] as number) >= 2)
        ) {
          const c = newComp(TYPE_UNKNOWN);
          let xx = 0;
          let yy = 0;
          const ndw = nd[w] as number;
          while (ep > 0) {
            const xy = estack[ep - 1] as number;
            xx = newnum[src[xy] as number] as number;
            yy = newnum[tgt[xy] as number] as number;
            if (!((wnum <= xx && xx < wnum + ndw) || (wnum <= yy && yy < wnum + ndw))) break;
            ep--;
            addToComp(c, xy);
            delHigh(xy);
            degree[nodeAt[xx] as number]!--;
            degree[nodeAt[yy] as number]!--;
          }
          const l1 = lowpt1[w] as number;
          const lowNode = nodeAt[l1] as number;
          let eVirt = newEdge(v, lowNode);
          addToComp(c, eVirt);
          if ((xx === vnum && yy === l1) || (yy === vnum && xx === l1)) {
            const cb = newComp(TYPE_P);
            const eh = estack[--ep] as number;
            if (inAdj[eh] !== it) delSlot(src[eh] as number, inAdj[eh] as number);
            addToComp(cb, eh);
            addToComp(cb, eVirt);
            eVirt = newEdge(v, lowNode);
            addToComp(cb, eVirt);
            inHigh[eVirt] = inHigh[eh] as number;
            inHigh[eh] = -1;
            degree[v]!--;
            degree[lowNode]!--;
          }
          if (lowNode !== father[v]) {
            estack[ep++] = eVirt;
            slotEdge[it] = eVirt;
            inAdj[eVirt] = it;
            if (inHigh[eVirt] === -1 && high(lowNode) < vnum) inHigh[eVirt] = pushFrontHigh(lowNode, vnum);
            degree[v]!++;
            degree[lowNode]!++;
          } else {
            delSlot(v, it);
            const cb = newComp(TYPE_P);
            addToComp(cb, eVirt);
            eVirt = newEdge(lowNode, v);
            addToComp(cb, eVirt);
            const eh = treeArc[v] as number;
            addToComp(cb, eh);
            treeArc[v] = eVirt;
            etype[eVirt] = TREE;
            const s = inAdj[eh] as number;
            inAdj[eVirt] = s;
            slotEdge[s] = eVirt;
          }
        }

        if (start[e] === 1) {
          while (tsA[top] !== -1) top--;
          top--;
        }
        while (tsA[top] !== -1 && tsB[top] !== vnum && high(v) > (tsH[top] as number)) top--;
        psOutv[v]!--;
        psCur[v] = psNext[v] as number;
        continue;
      }

      const s = psCur[v] as number;
      if (s === -1) {
        sp--;
        if (sp > 0) psRet[stack[sp - 1] as number] = 1;
        continue;
      }
      psNext[v] = slotNext[s] as number;
      const e = slotEdge[s] as number;
      const w = tgt[e] as number;
      const wnum = newnum[w] as number;
      if (etype[e] === TREE) {
        if (start[e] === 1) {
          const l1 = lowpt1[w] as number;
          if ((tsA[top] as number) > l1) {
            let y = 0;
            let b = 0;
            do {
              y = max(y, tsH[top] as number);
              b = tsB[top--] as number;
            } while ((tsA[top] as number) > l1);
            top++;
            tsH[top] = y;
            tsA[top] = l1;
            tsB[top] = b;
          } else {
            top++;
            tsH[top] = wnum + (nd[w] as number) - 1;
            tsA[top] = l1;
            tsB[top] = vnum;
          }
          tsA[++top] = -1;
        }
        psEdge[v] = e;
        psRet[v] = 0;
        psCur[w] = headA[w] as number;
        psOutv[w] = lenA[w] as number;
        stack[sp++] = w;
        // psRet[v] is set when w's frame pops.
      } else {
        if (start[e] === 1) {
          if ((tsA[top] as number) > wnum) {
            let y = 0;
            let b = 0;
            do {
              y = max(y, tsH[top] as number);
              b = tsB[top--] as number;
            } while ((tsA[top] as number) > wnum);
            top++;
            tsH[top] = y;
            tsA[top] = wnum;
            tsB[top] = b;
          } else {
            top++;
            tsH[top] = vnum;
            tsA[top] = wnum;
            tsB[top] = vnum;
          }
        }
        estack[ep++] = e;
        psCur[v] = psNext[v] as number;
      }
    }
  }
  // The last split component: what remains on ESTACK.
  {
    const c = newComp(TYPE_UNKNOWN);
    while (ep > 0) addToComp(c, estack[--ep] as number);
  }

  return assemble(n, m, E, src, tgt, numComp, compHead, compSize, compType, entEdge, entNext, entPrev);
}

function assemble(
  n: number,
  m: number,
  E: number,
  src: Int32Array,
  tgt: Int32Array,
  numComp: number,
  compHead: Int32Array,
  compSize: Int32Array,
  compType: Uint8Array,
  entEdge: Int32Array,
  entNext: Int32Array,
  entPrev: Int32Array,
): RawTriconnected {
  // Classify the undecided split components: a polygon has as many nodes as edges; anything else is 3-connected.
  const stamp = new Int32Array(n).fill(-1);
  for (let c = 0; c < numComp; c++) {
    if (compType[c] !== TYPE_UNKNOWN) continue;
    let nodes = 0;
    for (let x = compHead[c] as number; x !== -1; x = entNext[x] as number) {
      const e = entEdge[x] as number;
      const u = src[e] as number;
      const v = tgt[e] as number;
      if (stamp[u] !== c) {
        stamp[u] = c;
        nodes++;
      }
      if (stamp[v] !== c) {
        stamp[v] = c;
        nodes++;
      }
    }
    compType[c] = nodes === compSize[c] ? TYPE_S : TYPE_R;
  }

  // Merge adjacent polygons and adjacent bonds (Hopcroft–Tarjan, Section 4; Gutwenger–Mutzel, Algorithm 1).
  const comp1 = new Int32Array(E).fill(-1);
  const comp2 = new Int32Array(E).fill(-1);
  const item1 = new Int32Array(E).fill(-1);
  const item2 = new Int32Array(E).fill(-1);
  for (let c = 0; c < numComp; c++) {
    for (let x = compHead[c] as number; x !== -1; x = entNext[x] as number) {
      const e = entEdge[x] as number;
      if (comp1[e] === -1) {
        comp1[e] = c;
        item1[e] = x;
      } else {
        comp2[e] = c;
        item2[e] = x;
      }
    }
  }
  const compTail = new Int32Array(numComp).fill(-1);
  for (let c = 0; c < numComp; c++) {
    let last = -1;
    for (let x = compHead[c] as number; x !== -1; x = entNext[x] as number) last = x;
    compTail[c] = last;
  }
  const removeEntry = (c: number, x: number): void => {
    const p = entPrev[x] as number;
    const q = entNext[x] as number;
    if (p === -1) compHead[c] = q;
    else entNext[p] = q;
    if (q === -1) compTail[c] = p;
    else entPrev[q] = p;
    compSize[c]!--;
  };
  const visited = new Uint8Array(numComp);
  for (let i = 0; i < numComp; i++) {
    visited[i] = 1;
    if (compSize[i] === 0) continue;
    const ti = compType[i] as number;
    if (ti !== TYPE_S && ti !== TYPE_P) continue;
    let x = compHead[i] as number;
    while (x !== -1) {
      let next = entNext[x] as number;
      const e = entEdge[x] as number;
      if (e < m) {
        x = next;
        continue;
      }
      let j = comp1[e] as number;
      let x2: number;
      if (visited[j] === 1) {
        j = comp2[e] as number;
        if (j === -1 || visited[j] === 1) {
          x = next;
          continue;
        }
        x2 = item2[e] as number;
      } else {
        x2 = item1[e] as number;
      }
      if (compType[j] !== ti) {
        x = next;
        continue;
      }
      visited[j] = 1;
      removeEntry(j, x2);
      // Append j's list to i's; the walk then continues into the appended entries.
      const hj = compHead[j] as number;
      if (hj !== -1) {
        const ti2 = compTail[i] as number;
        entPrev[hj] = ti2;
        if (ti2 === -1) compHead[i] = hj;
        else entNext[ti2] = hj;
        compTail[i] = compTail[j] as number;
        compSize[i]! += compSize[j] as number;
        compHead[j] = -1;
        compTail[j] = -1;
        compSize[j] = 0;
      }
      if (next === -1) next = entNext[x] as number;
      removeEntry(i, x);
      x = next;
    }
  }

  // Output: non-empty components; each surviving virtual edge becomes a twin pair (2t, 2t + 1).
  let count = 0;
  let total = 0;
  for (let c = 0; c < numComp; c++) {
    if (compSize[c]! > 0) {
      count++;
      total += compSize[c] as number;
    }
  }
  const type = new Uint8Array(count);
  const offsets = new Int32Array(count + 1);
  const edges = new Int32Array(total);
  const edgeComponent = new Int32Array(m).fill(-1);
  const vid = new Int32Array(E).fill(-1);
  const virtualCount = total - m;
  if (virtualCount < 0 || virtualCount % 2 !== 0) throw internalError('unpaired virtual edges');
  const virtualSources = new Int32Array(virtualCount);
  const virtualTargets = new Int32Array(virtualCount);
  const virtualComponent = new Int32Array(virtualCount);
  let nextPair = 0;
  // Scratch for ordering cycles: endpoints per output position, the two incident positions of each node.
  const endU = new Int32Array(total);
  const endV = new Int32Array(total);
  const inc1 = new Int32Array(n).fill(-1);
  const inc2 = new Int32Array(n).fill(-1);
  const buffer = new Int32Array(total);
  let k = 0;
  let out = 0;
  for (let c = 0; c < numComp; c++) {
    if (compSize[c] === 0) continue;
    type[out] = compType[c] as number;
    const begin = k;
    for (let x = compHead[c] as number; x !== -1; x = entNext[x] as number) {
      const e = entEdge[x] as number;
      let id: number;
      if (e < m) {
        id = e;
        edgeComponent[e] = out;
      } else {
        let kv: number;
        if (vid[e] === -1) {
          kv = 2 * nextPair++;
          vid[e] = kv;
        } else {
          kv = (vid[e] as number) + 1;
        }
        const u = src[e] as number;
        const v = tgt[e] as number;
        virtualSources[kv] = u < v ? u : v;
        virtualTargets[kv] = u < v ? v : u;
        virtualComponent[kv] = out;
        id = m + kv;
      }
      endU[k] = src[e] as number;
      endV[k] = tgt[e] as number;
      edges[k++] = id;
    }
    if (compType[c] === TYPE_S) orderCycle(edges, endU, endV, begin, k, inc1, inc2, buffer);
    offsets[++out] = k;
  }
  if (2 * nextPair !== virtualCount) throw internalError('virtual edge in one component only');
  return { count, type, offsets, edges, virtualCount, virtualSources, virtualTargets, virtualComponent, edgeComponent };
}

/**
 * Reorders `edges[begin..end)`, a polygon whose entry at position i joins `endU[i]`–`endV[i]`, so that consecutive
 * entries share a node (cycle order). `inc1`/`inc2` are all −1 on entry and on exit.
 */
function orderCycle(
  edges: Int32Array,
  endU: Int32Array,
  endV: Int32Array,
  begin: number,
  end: number,
  inc1: Int32Array,
  inc2: Int32Array,
  buffer: Int32Array,
): void {
  for (let i = begin; i < end; i++) {
    const u = endU[i] as number;
    const v = endV[i] as number;
    if (inc1[u] === -1) inc1[u] = i;
    else inc2[u] = i;
    if (inc1[v] === -1) inc1[v] = i;
    else inc2[v] = i;
  }
  let prev = begin;
  let at = endV[begin] as number;
  buffer[begin] = edges[begin] as number;
  for (let pos = begin + 1; pos < end; pos++) {
    const next = inc1[at] === prev ? (inc2[at] as number) : (inc1[at] as number);
    buffer[pos] = edges[next] as number;
    at = endU[next] === at ? (endV[next] as number) : (endU[next] as number);
    prev = next;
  }
  for (let i = begin; i < end; i++) {
    edges[i] = buffer[i] as number;
    inc1[endU[i] as number] = -1;
    inc2[endU[i] as number] = -1;
    inc1[endV[i] as number] = -1;
    inc2[endV[i] as number] = -1;
  }
}

/** Bucket-sorts the edges by endpoint pair and splits each bundle of parallel edges off as a bond. */
function splitMultiEdges(
  n: number,
  m: number,
  src: Int32Array,
  tgt: Int32Array,
  etype: Uint8Array,
  newEdge: (u: number, v: number) => number,
  newComp: (type: number) => number,
  addToComp: (c: number, e: number) => void,
): void {
  // Two stable counting passes: by larger endpoint, then by smaller endpoint.
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    const a = src[e] as number;
    const b = tgt[e] as number;
    lo[e] = a < b ? a : b;
    hi[e] = a < b ? b : a;
  }
  const byMax = new Int32Array(m);
  const count = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) count[(hi[e] as number) + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v] as number;
  for (let e = 0; e < m; e++) byMax[count[hi[e] as number]!++] = e;
  count.fill(0);
  for (let e = 0; e < m; e++) count[(lo[e] as number) + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v] as number;
  const sorted = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const e = byMax[i] as number;
    sorted[count[lo[e] as number]!++] = e;
  }
  let i = 0;
  while (i < m) {
    const e = sorted[i] as number;
    const a = lo[e] as number;
    const b = hi[e] as number;
    let j = i + 1;
    while (j < m && lo[sorted[j] as number] === a && hi[sorted[j] as number] === b) j++;
    if (j - i >= 2) {
      const c = newComp(TYPE_P);
      addToComp(c, newEdge(src[e] as number, tgt[e] as number));
      for (let t = i; t < j; t++) {
        const f = sorted[t] as number;
        addToComp(c, f);
        etype[f] = REMOVED;
      }
    }
    i = j;
  }
}

/** n = 2: the only decomposition is one bond holding every edge (degenerate when m < 3). */
function twoNodeBond(m: number): RawTriconnected | RawRefusal {
  if (m === 0) return { refused: 'disconnected', node: 1 };
  const edges = new Int32Array(m);
  for (let e = 0; e < m; e++) edges[e] = e;
  return {
    count: 1,
    type: Uint8Array.of(TYPE_P),
    offsets: Int32Array.of(0, m),
    edges,
    virtualCount: 0,
    virtualSources: new Int32Array(0),
    virtualTargets: new Int32Array(0),
    virtualComponent: new Int32Array(0),
    edgeComponent: new Int32Array(m),
  };
}
