/**
 * The first `k` of `items` in `order` (a total order), in that order: a full sort when k is a
 * large share, else a max-heap of the k best so far, O(n log k) (an HPA's step down takes a few
 * hundred of many thousand pods). Walked from the end: the newest pods, last, are the ones a
 * Deployment deletes first, so the heap fills with them and rejects the rest at a glance.
 */
export function firstInOrder<T>(items: readonly T[], k: number, order: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.slice().sort(order).slice(0, k);
  const heap: T[] = [];
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (heap.length < k) {
      // sift up: the worst of the k at the root
      let j = heap.length;
      heap.push(item);
      while (j > 0) {
        const up = (j - 1) >> 1;
        if (order(heap[up], item) >= 0) break;
        heap[j] = heap[up];
        j = up;
      }
      heap[j] = item;
      continue;
    }
    if (order(item, heap[0]) >= 0) continue;
    let j = 0;
    for (;;) {
      const l = 2 * j + 1;
      if (l >= k) break;
      const r = l + 1;
      const worse = r < k && order(heap[r], heap[l]) > 0 ? r : l;
      if (order(heap[worse], item) <= 0) break;
      heap[j] = heap[worse];
      j = worse;
    }
    heap[j] = item;
  }
  return heap.sort(order);
}
