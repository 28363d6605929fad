import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters and the page number live in the URL, so that reload, back and shared links
 * keep them. Changing a filter goes back to page 1.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);

  const update = (changes: Record<string, string | null>, keepPage = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!keepPage && !('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );

  return {
    get: (key: string) => params.get(key) ?? '',
    flag: (key: string) => params.get(key) === 'true',
    page,
    set: (key: string, value: string | null) => update({ [key]: value }),
    setPage: (value: number) => update({ page: value > 1 ? String(value) : null }, true),
  };
}

/** A search box that updates the URL a moment after typing stops. */
export function useSearchInput(initial: string, onSearch: (value: string) => void) {
  const [value, setValue] = useState(initial);
  const commit = useDebouncedCallback(onSearch, 300);
  return {
    value,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setValue(event.currentTarget.value);
      commit(event.currentTarget.value.trim());
    },
  };
}
