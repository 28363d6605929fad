import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DASHBOARD_FILTER_KEYS, type DashboardFilters as Filters } from '../../api/dashboard.ts';
import { SECTORS } from '../../api/types.ts';

export const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55+', 'unknown'] as const;
export const TRAINEE_TYPES = ['msme_owner', 'trainee', 'trainer', 'champion', 'government_staff'] as const;

/** The filters kept in the address (`?province=31&gender=female`), so that a filtered view can be shared. */
export function filtersFromSearch(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of DASHBOARD_FILTER_KEYS) {
    const value = params.get(key);
    if (value) (out as Record<string, string>)[key] = value;
  }
  return out;
}

/** The filters every chart and card of the dashboard follows. */
export function DashboardFilters({ value, onChange, provinces }: { value: Filters; onChange: (next: Filters) => void; provinces: { code: string; name: string }[] }) {
  const { t } = useTranslation();
  const set = (key: keyof Filters) => (next: string | null) => onChange({ ...value, [key]: next || undefined });
  const active = Object.values(value).some(Boolean);
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label={t('dashboard.filters.title')}>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs" verticalSpacing="xs">
        <Select
          label={t('dashboard.filters.province')}
          placeholder={t('dashboard.filters.all')}
          clearable
          searchable
          data={provinces.map((p) => ({ value: p.code, label: p.name }))}
          value={value.province ?? null}
          onChange={set('province')}
        />
        <Select
          label={t('dashboard.filters.sector')}
          placeholder={t('dashboard.filters.all')}
          clearable
          data={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
          value={value.sector ?? null}
          onChange={set('sector')}
        />
        <Select
          label={t('dashboard.filters.gender')}
          placeholder={t('dashboard.filters.all')}
          clearable
          data={(['female', 'male'] as const).map((g) => ({ value: g, label: t(`gender.${g}`) }))}
          value={value.gender ?? null}
          onChange={set('gender')}
        />
        <Select
          label={t('dashboard.filters.ageBand')}
          placeholder={t('dashboard.filters.all')}
          clearable
          data={AGE_BANDS.map((a) => ({ value: a, label: a === 'unknown' ? t('dashboard.filters.ageUnknown') : a }))}
          value={value.ageBand ?? null}
          onChange={set('ageBand')}
        />
        <Select
          label={t('dashboard.filters.traineeType')}
          placeholder={t('dashboard.filters.all')}
          clearable
          data={TRAINEE_TYPES.map((k) => ({ value: k, label: t(`personKind.${k}`) }))}
          value={value.traineeType ?? null}
          onChange={set('traineeType')}
        />
        <TextInput type="date" label={t('dashboard.filters.from')} value={value.from ?? ''} onChange={(e) => set('from')(e.currentTarget.value)} />
        <TextInput type="date" label={t('dashboard.filters.to')} value={value.to ?? ''} onChange={(e) => set('to')(e.currentTarget.value)} />
      </SimpleGrid>
      {active && (
        <Group justify="flex-end" mt="xs">
          <Button size="compact-sm" variant="subtle" onClick={() => onChange({})}>
            {t('dashboard.filters.reset')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
