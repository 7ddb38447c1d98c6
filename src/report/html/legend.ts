/** Chart legends drawn in HTML once per section, instead of once inside every small panel. */
import { escapeHtml } from '../escape.ts';
import type { LegendItem } from '../sections/types.ts';

function swatch(item: LegendItem): string {
  const c = escapeHtml(item.color);
  const svg = (inner: string): string => `<svg width="20" height="10" viewBox="0 0 20 10" aria-hidden="true">${inner}</svg>`;
  switch (item.kind) {
    case 'line':
      return svg(`<line x1="1" y1="5" x2="19" y2="5" stroke="${c}" stroke-width="2"/>`);
    case 'dash':
      return svg(`<line x1="1" y1="5" x2="19" y2="5" stroke="${c}" stroke-width="2" stroke-dasharray="4 2"/>`);
    case 'band':
      return svg(`<rect x="1" y="1" width="18" height="8" rx="1.5" fill="${c}"/>`);
    case 'rect':
      return svg(`<rect x="1" y="0" width="18" height="10" fill="${c}" fill-opacity="0.15"/>`);
    case 'rule':
      return svg(`<line x1="10" y1="0" x2="10" y2="10" stroke="${c}" stroke-width="1.5" stroke-dasharray="2 2"/>`);
    case 'up':
      return svg(`<path d="M10 1 L15 9 L5 9 Z" fill="${c}"/>`);
    case 'down':
      return svg(`<path d="M10 9 L15 1 L5 1 Z" fill="${c}"/>`);
    case 'diamond':
      return svg(`<path d="M10 1 L14 5 L10 9 L6 5 Z" fill="${c}"/>`);
  }
}

export function legendHtml(items: LegendItem[]): string {
  if (items.length === 0) return '';
  return `<div class="legend">${items.map((i) => `<span>${swatch(i)}${escapeHtml(i.label)}</span>`).join('')}</div>`;
}
