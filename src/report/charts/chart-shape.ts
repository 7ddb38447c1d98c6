/**
 * A chart's shape apart from its data: every inline `data: {values}` of a vega-lite spec becomes a
 * named dataset, so charts that differ only in their numbers (the same panel for each cluster, the
 * same run drawn again) share one compiled and parsed vega spec, and only the data is new.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface SplitSpec {
  /** the spec with each inline dataset replaced by a reference to `d<i>` */
  shape: TopLevelSpec;
  /** the datasets, by the names the shape refers to */
  datasets: Map<string, unknown[]>;
}

export function splitData(spec: TopLevelSpec): SplitSpec {
  const datasets = new Map<string, unknown[]>();
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'data' && isInline(v)) {
        const name = `d${datasets.size}`;
        datasets.set(name, v.values);
        const { values: _values, ...rest } = v;
        out[k] = { ...rest, name };
      } else out[k] = walk(v);
    }
    return out;
  };
  return { shape: walk(spec) as TopLevelSpec, datasets };
}

function isInline(v: unknown): v is { values: unknown[] } & Record<string, unknown> {
  return v !== null && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values);
}

/** A small cache that forgets everything when full: a report has a few dozen shapes, a sweep one. */
export class ShapeCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly capacity = 128) {}

  get(key: string, make: () => T): T {
    let v = this.entries.get(key);
    if (v === undefined) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      v = make();
      this.entries.set(key, v);
    }
    return v;
  }
}
