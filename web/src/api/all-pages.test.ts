import { describe, expect, it } from 'vitest';
import { fetchAllPages } from './all-pages.ts';
import type { Page } from './types.ts';

/** A server holding `total` numbered rows, answering pages of `pageSize`. */
function server(total: number, pageSize: number) {
  const asked: number[] = [];
  const fetchPage = async (page: number): Promise<Page<number>> => {
    asked.push(page);
    const start = (page - 1) * pageSize;
    const items = Array.from({ length: Math.max(0, Math.min(pageSize, total - start)) }, (_, i) => start + i + 1);
    return { items, total, page, pageSize };
  };
  return { asked, fetchPage };
}

describe('fetchAllPages', () => {
  it.each([
    [0, 500, [1]],
    [19, 500, [1]],
    [500, 500, [1]],
    [514, 500, [1, 2]],
    [1001, 500, [1, 2, 3]],
  ])('gathers %i rows in pages of %i', async (total, pageSize, pages) => {
    const { asked, fetchPage } = server(total, pageSize);
    const all = await fetchAllPages(fetchPage);
    expect(all.items).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(all.total).toBe(total);
    expect(asked).toEqual(pages);
  });

  it('stops at a short or empty page even when the total promised more (rows removed meanwhile)', async () => {
    const asked: number[] = [];
    const all = await fetchAllPages(async (page) => {
      asked.push(page);
      return { items: page === 1 ? [1, 2] : [], total: 10, page, pageSize: 2 };
    });
    expect(asked).toEqual([1, 2]);
    expect(all.items).toEqual([1, 2]);
  });
});
