import { Button, Group, NumberInput, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useReference } from '../../api/reference.ts';
import { useSites } from '../../api/sites.ts';
import { useCreateTarget, useUpdateTarget } from '../../api/targets.ts';
import { GENDERS, type Gender, type Target } from '../../api/types.ts';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { regionDisplayName } from '../../format/region-name.ts';
import { notifySuccess } from '../../notify.ts';
import { useIndicatorLabel, useSectorLabel } from './indicator-label.ts';

type Values = {
  indicator: string | null;
  value: number | string;
  siteId: string | null;
  regionCode: string | null;
  sector: string | null;
  gender: Gender | null;
  periodStart: string;
  periodEnd: string;
  notes: string;
};

export function TargetForm({ programmeId, target, onDone }: { programmeId: string; target?: Target; onDone: () => void }) {
  const { t } = useTranslation();
  const reference = useReference();
  const sites = useSites(programmeId);
  const indicatorLabel = useIndicatorLabel();
  const sectorLabel = useSectorLabel();
  const create = useCreateTarget(programmeId);
  const update = useUpdateTarget(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      indicator: target?.indicator ?? null,
      value: target?.value ?? '',
      siteId: target?.site?.id ?? null,
      regionCode: target?.region?.code ?? null,
      sector: target?.sector ?? null,
      gender: target?.gender ?? null,
      periodStart: target?.periodStart ?? '',
      periodEnd: target?.periodEnd ?? '',
      notes: target?.notes ?? '',
    },
    validate: {
      indicator: (value) => (value ? null : t('validation.required')),
      value: (value) => (typeof value === 'number' && value >= 0 ? null : t('validation.nonNegativeNumber')),
    },
  });

  const submit = form.onSubmit((values) => {
    const input = {
      indicator: values.indicator ?? '',
      value: Number(values.value),
      siteId: values.siteId,
      regionCode: values.regionCode,
      sector: values.sector,
      gender: values.gender,
      periodStart: orNull(values.periodStart),
      periodEnd: orNull(values.periodEnd),
      notes: orNull(values.notes),
    };
    const options = {
      onSuccess: () => {
        notifySuccess(target ? t('common.saved') : t('targets.added'));
        onDone();
      },
      onError: (error: Error) => applyServerErrors(form, error),
    };
    if (target) update.mutate({ id: target.id, input }, options);
    else create.mutate(input, options);
  });

  const indicators = reference.data?.indicators ?? [];
  const unit = indicators.find((i) => i.code === form.values.indicator)?.unit;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('targets.fields.indicator')}
            required
            searchable
            placeholder={reference.isPending ? t('common.loading') : t('common.choose')}
            data={indicators.map((i) => ({ value: i.code, label: indicatorLabel(i.code) }))}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('indicator')}
          />
          <NumberInput
            label={t('targets.fields.value')}
            description={unit ? t(`indicatorUnit.${unit}`) : undefined}
            required
            min={0}
            decimalScale={2}
            thousandSeparator={t('format.thousandSeparator')}
            decimalSeparator={t('format.decimalSeparator')}
            {...form.getInputProps('value')}
          />
          <Select
            label={t('targets.fields.site')}
            placeholder={t('targets.wholeProgramme')}
            clearable
            searchable
            data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${regionDisplayName(s.region.name)}` }))}
            nothingFoundMessage={t('common.noResults')}
            {...form.getInputProps('siteId')}
          />
          <RegionPicker
            label={t('targets.fields.region')}
            placeholder={t('targets.anyRegion')}
            clearable
            levels={[1, 2]}
            initialOptions={target?.region ? [{ value: target.region.code, label: `${regionDisplayName(target.region.name)} (${target.region.code})` }] : []}
            {...form.getInputProps('regionCode')}
            value={form.values.regionCode}
          />
          <Select
            label={t('targets.fields.sector')}
            placeholder={t('targets.anySector')}
            clearable
            data={(reference.data?.sectors ?? []).map((s) => ({ value: s, label: sectorLabel(s) }))}
            {...form.getInputProps('sector')}
          />
          <Select
            label={t('targets.fields.gender')}
            placeholder={t('targets.anyGender')}
            clearable
            data={GENDERS.map((g) => ({ value: g, label: t(`gender.${g}`) }))}
            {...form.getInputProps('gender')}
          />
          <TextInput type="date" label={t('targets.fields.periodStart')} {...form.getInputProps('periodStart')} />
          <TextInput type="date" label={t('targets.fields.periodEnd')} {...form.getInputProps('periodEnd')} />
        </SimpleGrid>
        <Textarea label={t('targets.fields.notes')} autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {target ? t('common.save') : t('targets.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
