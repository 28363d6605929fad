import type { Page } from './types.ts';

/**
 * Every item of a paged list, fetched page after page until the total is reached (or a page
 * comes back short), answered as one page holding them all.
 */
export async function fetchAllPages<T>(fetchPage: (page: number) => Promise<Page<T>>): Promise<Page<T>> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const batch = await fetchPage(page);
    items.push(...batch.items);
    if (batch.items.length === 0 || batch.items.length < batch.pageSize || items.length >= batch.total) {
      return { items, total: Math.max(batch.total, items.length), page: 1, pageSize: items.length };
    }
  }
}
