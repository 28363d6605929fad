import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCreateSite, useUpdateSite } from '../../api/sites.ts';
import { SITE_TYPES, type Site, type SiteType } from '../../api/types.ts';
import { RegionPicker, regionOption } from '../../components/RegionPicker.tsx';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { regionLevel } from '../../format/region-name.ts';
import { notifySuccess } from '../../notify.ts';

type Values = { name: string; type: SiteType | null; regionCode: string | null; address: string };

export function SiteForm({ programmeId, site, onDone }: { programmeId: string; site?: Site; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSite(programmeId);
  const update = useUpdateSite(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { name: site?.name ?? '', type: site?.type ?? null, regionCode: site?.region.code ?? null, address: site?.address ?? '' },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      type: (value) => (value ? null : t('validation.required')),
      regionCode: (value) => (value ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((values) => {
    const input = { name: values.name.trim(), type: values.type ?? 'kabupaten_kota', regionCode: values.regionCode ?? '', address: orNull(values.address) };
    const options = {
      onSuccess: () => {
        notifySuccess(site ? t('common.saved') : t('sites.added', { name: input.name }));
        onDone();
      },
      onError: (error: Error) => applyServerErrors(form, error),
    };
    if (site) update.mutate({ id: site.id, input }, options);
    else create.mutate(input, options);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('sites.fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('sites.fields.type')}
            required
            placeholder={t('common.choose')}
            data={SITE_TYPES.map((value) => ({ value, label: t(`siteType.${value}`) }))}
            {...form.getInputProps('type')}
          />
        </SimpleGrid>
        <RegionPicker
          label={t('sites.fields.region')}
          description={t('region.hint')}
          required
          initialOptions={site ? [regionOption({ ...site.region, level: regionLevel(site.region.code) })] : []}
          {...form.getInputProps('regionCode')}
          value={form.values.regionCode}
        />
        <Textarea label={t('sites.fields.address')} autosize minRows={2} maxRows={5} {...form.getInputProps('address')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {site ? t('common.save') : t('sites.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
