import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isReportRunning, useCreateReport, usePublicResultsSetting, useReport, useSetPublicResults, type ReportFormat } from '../../api/dashboard.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifyError } from '../../notify.ts';

/**
 * "Unduh laporan": one click queues the XLSX or PDF report of the period in the filters as a
 * durable job; its progress is polled and the file offered when it is ready.
 */
export function ReportPanel({ programmeId, from, to }: { programmeId: string; from?: string; to?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const create = useCreateReport(programmeId);
  const [reportId, setReportId] = useState<string | null>(null);
  const report = useReport(reportId);
  const running = report.data ? isReportRunning(report.data) : false;
  const start = (kind: ReportFormat) =>
    create.mutate({ format: kind, ...(from ? { from } : {}), ...(to ? { to } : {}) }, { onSuccess: (created) => setReportId(created.id), onError: (error) => notifyError(error.message) });
  const data = report.data;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="report-title">
      <Group justify="space-between" align="center" gap="xs">
        <div>
          <Title order={3} size="h5" id="report-title">
            {t('dashboard.report.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {from || to ? t('dashboard.report.period', { from: from ? format.date(from) : t('dashboard.report.start'), to: to ? format.date(to) : t('dashboard.report.now') }) : t('dashboard.report.wholePeriod')}
          </Text>
        </div>
        <Group gap="xs">
          <Button size="sm" variant="light" onClick={() => start('xlsx')} loading={create.isPending && create.variables?.format === 'xlsx'} disabled={running}>
            {t('dashboard.report.xlsx')}
          </Button>
          <Button size="sm" variant="light" onClick={() => start('pdf')} loading={create.isPending && create.variables?.format === 'pdf'} disabled={running}>
            {t('dashboard.report.pdf')}
          </Button>
        </Group>
      </Group>
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {data && (
        <Stack gap={6} mt="sm" role="status" aria-live="polite" aria-label={t('dashboard.report.progress')}>
          {data.status === 'failed' ? (
            <Alert color="red" title={t('dashboard.report.failed')}>
              {data.error}
            </Alert>
          ) : data.status === 'done' && data.downloadUrl ? (
            <Group gap="sm">
              <Button component="a" href={data.downloadUrl} download={data.filename ?? true} color="teal" size="sm">
                {t('dashboard.report.download', { format: data.format.toUpperCase() })}
              </Button>
              {data.size !== null && (
                <Text size="sm" c="dimmed">
                  {data.filename} · {format.bytes(data.size)}
                </Text>
              )}
            </Group>
          ) : (
            <>
              <Group justify="space-between" gap={4}>
                <Text size="sm">{data.status === 'queued' ? t('dashboard.report.queued') : t('dashboard.report.running', { format: data.format.toUpperCase() })}</Text>
                <Text size="sm" fw={600}>
                  {data.percent} %
                </Text>
              </Group>
              <Progress value={data.percent} animated striped aria-label={t('dashboard.report.progress')} />
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** The programme manager's opt-in for the public results page `/hasil/<code>` (everyone else sees whether it is on). */
export function PublicResultsToggle({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const setting = usePublicResultsSetting(programme.id);
  const update = useSetPublicResults(programme.id);
  const published = setting.data?.published ?? false;
  const href = `/hasil/${encodeURIComponent(programme.code)}`;
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="public-results-title">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <div>
          <Title order={3} size="h5" id="public-results-title">
            {t('dashboard.public.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('dashboard.public.hint')}
          </Text>
        </div>
        <Switch
          label={published ? t('dashboard.public.on') : t('dashboard.public.off')}
          checked={published}
          disabled={!can('results.publish') || setting.isPending || update.isPending}
          onChange={(event) => update.mutate(event.currentTarget.checked, { onError: (error) => notifyError(error.message) })}
        />
      </Group>
      {published && (
        <Anchor href={href} target="_blank" rel="noopener" size="sm" mt={4} display="inline-block">
          {t('dashboard.public.open', { url: `${window.location.origin}${href}` })}
        </Anchor>
      )}
    </Paper>
  );
}
