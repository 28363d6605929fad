import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useCertificateSettings, useSaveCertificateSettings } from '../../api/certificates.ts';
import type { CertificateSettings } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { applyServerErrors, orNull } from '../../forms/server-errors.ts';
import { notifySuccess } from '../../notify.ts';

type Values = { requirePostTest: boolean; postTestPassPercent: number | string; includeEnglish: boolean; signatoryName: string; signatoryTitle: string };

function SettingsForm({ programmeId, settings, canEdit }: { programmeId: string; settings: CertificateSettings; canEdit: boolean }) {
  const { t } = useTranslation();
  const save = useSaveCertificateSettings(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      requirePostTest: settings.postTestPassPercent !== null,
      postTestPassPercent: settings.postTestPassPercent ?? 70,
      includeEnglish: settings.includeEnglish,
      signatoryName: settings.signatoryName ?? '',
      signatoryTitle: settings.signatoryTitle ?? '',
    },
    validate: {
      postTestPassPercent: (value, values) => (!values.requirePostTest || (typeof value === 'number' && value >= 1 && value <= 100) ? null : t('curriculum.percentInvalid')),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      {
        postTestPassPercent: values.requirePostTest ? Number(values.postTestPassPercent) : null,
        includeEnglish: values.includeEnglish,
        signatoryName: orNull(values.signatoryName),
        signatoryTitle: orNull(values.signatoryTitle),
      },
      { onSuccess: () => notifySuccess(t('certificates.settingsSaved')), onError: (error) => applyServerErrors(form, error) },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Switch
          label={t('certificates.settings.requirePostTest')}
          description={t('certificates.settings.requirePostTestHint')}
          disabled={!canEdit}
          {...form.getInputProps('requirePostTest', { type: 'checkbox' })}
        />
        {form.values.requirePostTest && (
          <NumberInput label={t('certificates.settings.passMark')} min={1} max={100} allowDecimal={false} suffix=" %" maw={200} disabled={!canEdit} {...form.getInputProps('postTestPassPercent')} />
        )}
        <Switch label={t('certificates.settings.includeEnglish')} disabled={!canEdit} {...form.getInputProps('includeEnglish', { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('certificates.settings.signatoryName')} disabled={!canEdit} {...form.getInputProps('signatoryName')} />
          <TextInput label={t('certificates.settings.signatoryTitle')} disabled={!canEdit} {...form.getInputProps('signatoryTitle')} />
        </SimpleGrid>
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** The certificate rule (attendance, and optionally a post-test pass mark) and what the PDF carries. */
export function SettingsPanel({ programmeId, canEdit }: { programmeId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const query = useCertificateSettings(programmeId);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="certificate-settings-title">
      <Title order={3} size="h4" id="certificate-settings-title">
        {t('certificates.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('certificates.settings.intro')}
      </Text>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SettingsForm key={JSON.stringify(query.data)} programmeId={programmeId} settings={query.data} canEdit={canEdit} />
      )}
    </Paper>
  );
}
