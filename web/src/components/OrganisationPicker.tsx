import { Loader, Select, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../api/organisations.ts';
import type { Organisation } from '../api/types.ts';

export const organisationOption = (organisation: Pick<Organisation, 'id' | 'name'> & { shortName?: string | null }): ComboboxItem => ({
  value: organisation.id,
  label: organisation.shortName && organisation.shortName !== organisation.name ? `${organisation.name} (${organisation.shortName})` : organisation.name,
});

type OrganisationPickerProps = {
  label: ReactNode;
  value: string | null;
  onChange: (id: string | null) => void;
  /** The chosen organisation's option when it may not be among the results (editing, or just created). */
  initialOption?: ComboboxItem;
  /** Organisations not to offer (e.g. already partners). */
  excludeIds?: string[];
  error?: ReactNode;
  required?: boolean;
  clearable?: boolean;
  placeholder?: string;
  description?: ReactNode;
  /** Reports what the user typed, e.g. to prefill "create organisation". */
  onSearchChange?: (search: string) => void;
};

/** Searchable organisation select; the search runs on the server. */
export function OrganisationPicker({ value, onChange, initialOption, excludeIds = [], clearable, onSearchChange, ...inputProps }: OrganisationPickerProps) {
  const { t } = useTranslation();
  const [known, setKnown] = useState<ComboboxItem[]>(initialOption ? [initialOption] : []);
  const [search, setSearch] = useState('');
  const selected = known.find((option) => option.value === value) ?? (initialOption?.value === value ? initialOption : undefined);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const q = selected && debounced === selected.label ? '' : debounced;
  const query = useOrganisations({ q: q || undefined, pageSize: 50 });
  const found = (query.data?.items ?? []).filter((o) => !excludeIds.includes(o.id) || o.id === value).map(organisationOption);
  const data = [...(selected ? [selected] : []), ...found.filter((o) => o.value !== selected?.value)];
  return (
    <Select
      {...inputProps}
      placeholder={inputProps.placeholder ?? t('organisations.pickerPlaceholder')}
      data={data}
      value={value}
      onChange={(id, option) => {
        if (option) setKnown((current) => [option, ...current.filter((o) => o.value !== option.value)]);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={(next) => {
        setSearch(next);
        onSearchChange?.(next);
      }}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? t('common.loading') : t('organisations.noMatch')}
      clearable={clearable}
      rightSection={query.isFetching ? <Loader size={14} /> : undefined}
      maxDropdownHeight={280}
    />
  );
}

