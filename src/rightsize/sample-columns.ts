/**
 * Where a usage export's samples are kept while the files are read: values at 8 bytes each in
 * blocks that are filled, never copied as they grow, and sample times as runs of a fixed step
 * (a range query's answer is one run per series, a few numbers for a week of minutes). Read back
 * whole, one container at a time, they give the very numbers that were pushed.
 */

const BLOCK = 1024;

/** Numbers appended one at a time into 8 KiB blocks: a series wastes at most one part-filled block. */
export class ValueColumn {
  private readonly blocks: Float64Array[] = [];
  private block: Float64Array | undefined;
  private used = BLOCK;
  length = 0;

  push(x: number): void {
    if (this.used === BLOCK) {
      this.block = new Float64Array(BLOCK);
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block![this.used++] = x;
    this.length++;
  }

  /** A contiguous copy of every value, in the order pushed. */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    for (let b = 0; b < this.blocks.length; b++) {
      const n = Math.min(BLOCK, this.length - b * BLOCK);
      out.set(n === BLOCK ? this.blocks[b] : this.blocks[b].subarray(0, n), b * BLOCK);
    }
    return out;
  }
}

/**
 * Increasing times as runs `start + i × step` (i < count), each run checked to give back each time
 * exactly; once runs would take more room than the times themselves (an irregular export), the
 * times are kept one by one instead.
 */
export class TimeColumn {
  /** closed runs: start, step, count, ... */
  private readonly runs: number[] = [];
  private start = NaN;
  private step = NaN;
  private count = 0;
  private explicit: ValueColumn | undefined;
  length = 0;
  last = NaN;

  push(t: number): void {
    this.length++;
    this.last = t;
    if (this.explicit) {
      this.explicit.push(t);
      return;
    }
    if (this.count === 1 && this.start + (t - this.start) === t) this.step = t - this.start;
    if (this.count >= 1 && this.start + this.count * this.step === t) {
      this.count++;
      return;
    }
    if (this.count > 0) this.runs.push(this.start, this.step, this.count);
    if (this.runs.length > 48 && this.runs.length > this.length) {
      this.explicit = new ValueColumn();
      const all = this.decode(this.length - 1);
      for (let i = 0; i < all.length; i++) this.explicit.push(all[i]);
      this.explicit.push(t);
      this.runs.length = 0;
      return;
    }
    this.start = t;
    this.step = NaN;
    this.count = 1;
  }

  /** A contiguous copy of every time, in the order pushed. */
  toArray(): Float64Array {
    return this.explicit ? this.explicit.toArray() : this.decode(this.length);
  }

  private decode(n: number): Float64Array {
    const out = new Float64Array(n);
    let k = 0;
    const run = (start: number, step: number, count: number) => {
      out[k++] = start;
      for (let i = 1; i < count; i++) out[k++] = start + i * step;
    };
    for (let r = 0; r < this.runs.length; r += 3) run(this.runs[r], this.runs[r + 1], this.runs[r + 2]);
    if (k < n && this.count > 0) run(this.start, this.step, this.count);
    return out;
  }
}
