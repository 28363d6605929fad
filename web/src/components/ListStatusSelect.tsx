import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ListStatus } from '../api/types.ts';

/** What the status filter shows: current rows (the default), archived rows, or both. */
export type ListStatusChoice = ListStatus | 'all';

export const listStatusChoice = (value: string): ListStatusChoice => (value === 'archived' || value === 'all' ? value : 'active');

/** The list query for a choice: `status` for one kind, `includeArchived` for both. */
export function listStatusQuery(choice: ListStatusChoice): { status?: ListStatus; includeArchived?: boolean } {
  if (choice === 'all') return { includeArchived: true };
  return choice === 'archived' ? { status: 'archived' } : {};
}

/** Current / archived / all, for lists whose rows can be archived. */
export function ListStatusSelect({ value, onChange }: { value: ListStatusChoice; onChange: (value: ListStatusChoice) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('common.listStatus.label')}
      data={(['active', 'archived', 'all'] as const).map((choice) => ({ value: choice, label: t(`common.listStatus.${choice}`) }))}
      value={value}
      allowDeselect={false}
      onChange={(next) => onChange(listStatusChoice(next ?? 'active'))}
    />
  );
}
