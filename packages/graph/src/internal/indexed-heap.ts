/**
 * An indexed binary max-heap over the node ids 0..n-1, ordered by a caller-supplied `above(a, b)` (true when a must
 * come out before b). Priorities live in the caller's arrays; after changing one, call `increased(v)` or
 * `decreased(v)`. O(log n) per operation; all nodes start in the heap (built in O(n)).
 */
export class IndexedMaxHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private length: number;

  constructor(
    n: number,
    private readonly above: (a: number, b: number) => boolean,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      this.heap[v] = v;
      this.pos[v] = v;
    }
    this.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  get size(): number {
    return this.length;
  }

  /** The node that comes out next (the heap must not be empty). */
  top(): number {
    return this.heap[0] as number;
  }

  /** Removes and returns the top node. */
  pop(): number {
    const v = this.heap[0] as number;
    this.remove(v);
    return v;
  }

  /** Removes node v (which must be in the heap). */
  remove(v: number): void {
    const i = this.pos[v] as number;
    this.length--;
    if (i === this.length) return;
    const w = this.heap[this.length] as number;
    this.place(i, w);
    this.siftUp(i);
    this.siftDown(this.pos[w] as number);
  }

  /** Restores the order after v's priority rose. */
  increased(v: number): void {
    this.siftUp(this.pos[v] as number);
  }

  /** Restores the order after v's priority fell. */
  decreased(v: number): void {
    this.siftDown(this.pos[v] as number);
  }

  private place(i: number, v: number): void {
    this.heap[i] = v;
    this.pos[v] = i;
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    let i = start;
    const v = heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (!this.above(v, p)) break;
      this.place(i, p);
      i = parent;
    }
    this.place(i, v);
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    let i = start;
    const v = heap[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.length) break;
      const r = l + 1;
      const c = r < this.length && this.above(heap[r] as number, heap[l] as number) ? r : l;
      const w = heap[c] as number;
      if (!this.above(w, v)) break;
      this.place(i, w);
      i = c;
    }
    this.place(i, v);
  }
}
