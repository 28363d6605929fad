import { Loader, MultiSelect, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_SEARCH_MIN_LENGTH, useRegionSearch } from '../api/regions.ts';
import type { Region } from '../api/types.ts';
import { regionLabel } from '../format/region-name.ts';

export type RegionOption = ComboboxItem;

export const regionOption = (region: Pick<Region, 'code' | 'name' | 'provinceName' | 'level'>): RegionOption => ({ value: region.code, label: regionLabel(region) });

type CommonProps = {
  label: ReactNode;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  /** Kemendagri levels to search: 1 province, 2 regency/city (default), 3 district, 4 village. */
  levels?: readonly number[];
  /** Labels of already chosen regions, e.g. when editing a record loaded with its region. */
  initialOptions?: RegionOption[];
};

/** Server-side search as the user types: by name (`Kupang`) or Kemendagri code (`53.71`, `5371`). */
function useRegionOptions(search: string, selectedLabels: string[], levels: readonly number[] | undefined) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // After a pick the input shows the chosen label: that is not a new search.
  const term = selectedLabels.includes(debounced) ? '' : debounced;
  const query = useRegionSearch(term, levels);
  const active = term.length >= REGION_SEARCH_MIN_LENGTH;
  const found = active ? (query.data?.items ?? []).map(regionOption) : [];
  const nothingFound = !active ? t('region.typeToSearch') : query.isFetching ? t('common.loading') : query.isError ? query.error.message : t('region.noMatch');
  return { found, nothingFound, loading: active && query.isFetching };
}

function merge(first: RegionOption[], second: RegionOption[]): RegionOption[] {
  const seen = new Set<string>();
  return [...first, ...second].filter((option) => !seen.has(option.value) && seen.add(option.value));
}

type RegionPickerProps = CommonProps & { value: string | null; onChange: (code: string | null) => void; clearable?: boolean };

/** Pick one region (a regency or city by default). */
export function RegionPicker({ value, onChange, initialOptions = [], levels, clearable, ...inputProps }: RegionPickerProps) {
  const { t } = useTranslation();
  const [known, setKnown] = useState<RegionOption[]>([]);
  const [search, setSearch] = useState('');
  const selected = merge(known, initialOptions).filter((option) => option.value === value);
  const { found, nothingFound, loading } = useRegionOptions(search, selected.map((o) => o.label), levels);
  const data = merge(selected, found);
  return (
    <Select
      {...inputProps}
      placeholder={inputProps.placeholder ?? t('region.placeholder')}
      data={data}
      value={value}
      onChange={(code, option) => {
        if (option) setKnown((current) => merge([option], current));
        onChange(code);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={nothingFound}
      clearable={clearable}
      rightSection={loading ? <Loader size={14} /> : undefined}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

type RegionMultiPickerProps = CommonProps & { value: string[]; onChange: (codes: string[]) => void; maxValues?: number };

/** Pick several regions, e.g. the regencies a programme is replicated to. */
export function RegionMultiPicker({ value, onChange, initialOptions = [], levels, maxValues, ...inputProps }: RegionMultiPickerProps) {
  const { t } = useTranslation();
  const [known, setKnown] = useState<RegionOption[]>([]);
  const [search, setSearch] = useState('');
  const { found, nothingFound, loading } = useRegionOptions(search, [], levels);
  const selected = merge(known, initialOptions).filter((option) => value.includes(option.value));
  const data = merge(selected, found);
  return (
    <MultiSelect
      {...inputProps}
      placeholder={value.length === 0 ? (inputProps.placeholder ?? t('region.placeholder')) : undefined}
      data={data}
      value={value}
      onChange={(codes) => {
        setKnown((current) => merge(current, data.filter((option) => codes.includes(option.value))));
        onChange(codes);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={nothingFound}
      hidePickedOptions
      maxValues={maxValues}
      rightSection={loading ? <Loader size={14} /> : undefined}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
