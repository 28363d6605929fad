import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useReplicateProgramme } from '../api/programmes.ts';
import { SITE_TYPES, type Programme, type SiteType } from '../api/types.ts';
import { RegionMultiPicker } from '../components/RegionPicker.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { applyServerErrors, orNull } from '../forms/server-errors.ts';
import { notifySuccess } from '../notify.ts';

type Values = {
  code: string;
  name: string;
  startDate: string;
  endDate: string;
  regionCodes: string[];
  siteType: SiteType | null;
  copyPartners: boolean;
  copyTargets: boolean;
};

/** Copy a programme's structure to new regencies: one site each, partners and programme-wide targets. */
export function ReplicateModal({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const replicate = useReplicateProgramme(programme.id);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { code: '', name: programme.name, startDate: '', endDate: '', regionCodes: [], siteType: null, copyPartners: true, copyTargets: true },
    validate: {
      code: (value) => (value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      regionCodes: (value) => (value.length > 0 ? null : t('replicate.pickRegions')),
    },
  });

  const submit = form.onSubmit((values) =>
    replicate.mutate(
      {
        code: values.code.trim(),
        name: values.name.trim(),
        startDate: orNull(values.startDate),
        endDate: orNull(values.endDate),
        regionCodes: values.regionCodes,
        siteType: values.siteType ?? undefined,
        copyPartners: values.copyPartners,
        copyTargets: values.copyTargets,
      },
      {
        onSuccess: (created) => {
          notifySuccess(t('replicate.done', { code: created.code }));
          onClose();
          void navigate(`/programs/${created.id}/sites`);
        },
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );

  return (
    <ResponsiveModal opened onClose={onClose} title={t('replicate.title', { code: programme.code })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('replicate.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('replicate.code')}
              description={t('programmes.codeHint')}
              required
              {...form.getInputProps('code')}
              onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
            />
            <TextInput label={t('programmes.fields.name')} required {...form.getInputProps('name')} />
            <TextInput type="date" label={t('programmes.fields.startDate')} {...form.getInputProps('startDate')} />
            <TextInput type="date" label={t('programmes.fields.endDate')} {...form.getInputProps('endDate')} />
          </SimpleGrid>
          <RegionMultiPicker label={t('replicate.regions')} description={t('replicate.regionsHint')} required maxValues={100} {...form.getInputProps('regionCodes')} value={form.values.regionCodes} />
          <Select
            label={t('replicate.siteType')}
            placeholder={t('replicate.siteTypeDefault')}
            clearable
            data={SITE_TYPES.map((value) => ({ value, label: t(`siteType.${value}`) }))}
            {...form.getInputProps('siteType')}
          />
          <Group gap="lg">
            <Checkbox label={t('replicate.copyPartners')} {...form.getInputProps('copyPartners', { type: 'checkbox' })} />
            <Checkbox label={t('replicate.copyTargets')} {...form.getInputProps('copyTargets', { type: 'checkbox' })} />
          </Group>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={replicate.isPending}>
              {t('replicate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ResponsiveModal>
  );
}
