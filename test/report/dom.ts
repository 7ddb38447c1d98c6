/**
 * The little of the DOM the browser tests touch inside page.evaluate, typed here because the
 * project compiles without the DOM library (the callbacks run in chromium, not in Node).
 */
export interface MiniRect {
  top: number;
  width: number;
  height: number;
}

export interface MiniElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
  getBoundingClientRect(): MiniRect;
  /** SVG graphics elements only */
  getBBox(): MiniRect;
}

export interface MiniDocument {
  readonly documentElement: { scrollWidth: number; clientWidth: number };
  readonly scripts: ArrayLike<{ type: string }>;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}

export interface MiniWindow {
  document: MiniDocument;
  getComputedStyle(e: MiniElement): { visibility: string; opacity: string };
  performance: { getEntriesByType(type: string): { startTime: number; loadEventEnd: number }[] };
}
