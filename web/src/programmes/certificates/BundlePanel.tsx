import { Alert, Button, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isBundleRunning, useBundle, useCreateBundle } from '../../api/certificates.ts';
import { useCohorts } from '../../api/sessions.ts';
import { useState } from 'react';
import { QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';

/**
 * Bulk certificates as one ZIP: issues what is due for the cohort (or the whole programme) and
 * renders every PDF, as a durable job whose progress is polled. The bundle's id stays in the URL,
 * so that a reload comes back to its progress bar or its download.
 */
export function BundlePanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const cohorts = useCohorts(programmeId);
  const [cohortId, setCohortId] = useState<string | null>(null);
  const create = useCreateBundle(programmeId);
  const bundleId = params.get('bundle');
  const bundle = useBundle(bundleId);
  const running = bundle.data ? isBundleRunning(bundle.data) : false;
  const start = () =>
    create.mutate(cohortId, {
      onSuccess: (created) =>
        setParams(
          (current) => {
            const next = new URLSearchParams(current);
            next.set('bundle', created.id);
            return next;
          },
          { replace: true },
        ),
    });
  const data = bundle.data;
  const phase = data?.phase === 'rendering' ? t('certificates.bundle.rendering', { done: format.number(data.done), total: format.number(data.total ?? 0) }) : t('certificates.bundle.issuing');

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="bundle-title">
      <Title order={3} size="h4" id="bundle-title">
        {t('certificates.bundle.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('certificates.bundle.intro')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Select
          label={t('certificates.bundle.scope')}
          placeholder={t('certificates.bundle.wholeProgramme')}
          clearable
          data={(cohorts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={cohortId}
          onChange={setCohortId}
          style={{ flex: '1 1 240px' }}
          maw={360}
        />
        <Button onClick={start} loading={create.isPending} disabled={running}>
          {t('certificates.bundle.start')}
        </Button>
      </Group>
      {bundle.isError && <QueryError error={bundle.error} onRetry={() => void bundle.refetch()} />}
      {data && (
        <Stack gap={6} mt="md" role="status" aria-live="polite" aria-label={t('certificates.bundle.progress')}>
          {data.status === 'failed' ? (
            <Alert color="red" title={t('certificates.bundle.failed')}>
              {data.error}
            </Alert>
          ) : data.status === 'done' ? (
            <>
              <Progress value={100} color="teal" aria-label={t('certificates.bundle.progress')} />
              <Text size="sm" fw={600}>
                {t('certificates.bundle.done', { count: data.done, formatted: format.number(data.done) })}
              </Text>
              {data.notEligible !== null && data.notEligible > 0 && (
                <Text size="sm" c="dimmed">
                  {t('certificates.bundle.notEligible', { formatted: format.number(data.notEligible) })}
                </Text>
              )}
              {data.downloadUrl && data.done > 0 ? (
                <Button component="a" href={data.downloadUrl} download color="teal" style={{ alignSelf: 'flex-start' }}>
                  {t('certificates.bundle.download')}
                </Button>
              ) : (
                <Text size="sm" c="orange.9">
                  {t('certificates.bundle.nothing')}
                </Text>
              )}
            </>
          ) : (
            <>
              <Group justify="space-between" gap={4}>
                <Text size="sm">{data.status === 'queued' ? t('certificates.bundle.queued') : phase}</Text>
                <Text size="sm" fw={600}>
                  {data.percent} %
                </Text>
              </Group>
              <Progress value={data.percent} animated striped aria-label={t('certificates.bundle.progress')} />
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
