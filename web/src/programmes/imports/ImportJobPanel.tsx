import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { importErrorsUrl, isImportRunning, useImport } from '../../api/imports.ts';
import type { ImportJob, ImportSummary } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { ImportStatusBadge, useReasonText } from './import-labels.tsx';

const COUNTS = ['total', 'inserted', 'updated', 'duplicates', 'rejected'] as const;
const COUNT_COLORS: Record<(typeof COUNTS)[number], string | undefined> = { total: undefined, inserted: 'teal.8', updated: 'blue.8', duplicates: undefined, rejected: 'red.8' };

function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const phase = job.status === 'queued' ? t('imports.phase.queued') : job.phase === 'merging' ? t('imports.phase.merging') : t('imports.phase.staging');
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" gap="xs" mb="xs">
        <Text fw={500} aria-live="polite">
          {phase}
        </Text>
        <Text fw={600}>{job.percent}%</Text>
      </Group>
      {/* The role is on the track, so that the bar is there (and visible) from 0 %. */}
      <Progress.Root
        size="xl"
        role="progressbar"
        aria-label={t('imports.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent}
        aria-valuetext={`${job.percent}%`}
      >
        <Progress.Section value={Math.max(job.percent, 2)} withAria={false} striped animated />
      </Progress.Root>
    </Paper>
  );
}

function SummaryCounts({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      {COUNTS.map((count) => (
        <Paper key={count} withBorder radius="md" p="sm" role="group" aria-label={t(`imports.counts.${count}`)}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t(`imports.counts.${count}`)}
          </Text>
          <Text fz={28} fw={700} c={COUNT_COLORS[count]} lh={1.3}>
            {format.number(summary[count])}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`imports.countHints.${count}`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function RejectionReasons({ job, summary }: { job: ImportJob; summary: ImportSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const reasonText = useReasonText();
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-reasons">
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Title order={3} size="h4" id="import-reasons">
          {t('imports.reasonsTitle')}
        </Title>
        <Button component="a" href={importErrorsUrl(job.id)} download variant="light" color="red">
          {t('imports.downloadRejected')}
        </Button>
      </Group>
      <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
        {Object.entries(summary.rejectedByReason).map(([reason, rows]) => {
          const text = reasonText(reason);
          return (
            <Stack component="li" key={reason} aria-label={text.label} gap={2} py="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                <Text fw={500} size="sm">
                  {text.label}
                </Text>
                <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
                  {t('imports.rows')}: {format.number(rows)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {text.fix}
              </Text>
            </Stack>
          );
        })}
      </Stack>
      <Text size="xs" c="dimmed" mt="sm">
        {t('imports.downloadHint')}
      </Text>
    </Paper>
  );
}

function ImportResults({ job, summary }: { job: ImportJob; summary: ImportSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {job.dryRun && (
        <Alert color="blue" variant="light">
          {t('imports.dryRunNote')}
        </Alert>
      )}
      <SummaryCounts summary={summary} />
      {summary.rejected > 0 ? (
        <RejectionReasons job={job} summary={summary} />
      ) : (
        <Text size="sm" c="teal.8" fw={500}>
          {t('imports.allAccepted')}
        </Text>
      )}
      {job.unknownColumns.length > 0 && (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-unknown-columns">
          <Title order={3} size="h4" id="import-unknown-columns">
            {t('imports.unknownColumnsTitle')}
          </Title>
          <Text size="sm" c="dimmed" mt={4} mb="sm">
            {t('imports.unknownColumnsHint')}
          </Text>
          <Group gap="xs">
            {job.unknownColumns.map((column) => (
              <Badge key={column} variant="outline" color="gray" tt="none">
                {column}
              </Badge>
            ))}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

/** One import: its progress while it runs, then its counts, rejection reasons and ignored columns. */
export function ImportJobPanel({ programmeId, id }: { programmeId: string; id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useImport(id);

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const job = query.data;

  return (
    <Stack gap="md" component="section" aria-labelledby="import-result-title">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap="xs">
            <Title order={3} size="h4" id="import-result-title">
              {t('imports.resultTitle')}
            </Title>
            <ImportStatusBadge status={job.status} />
            {job.dryRun && (
              <Badge variant="outline" color="blue">
                {t('imports.dryRunBadge')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {job.filename} · {format.dateTime(job.createdAt)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/programs/${programmeId}/import`} variant="default">
            {isImportRunning(job) ? t('imports.backToImports') : t('imports.newImport')}
          </Button>
        </Group>
      </Group>
      {isImportRunning(job) && <ImportProgress job={job} />}
      {job.status === 'failed' && (
        <Alert color="red" variant="filled" title={t('imports.failedTitle')} role="alert">
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {job.error}
          </Text>
          <Text size="sm" mt={4}>
            {t('imports.failedHint')}
          </Text>
        </Alert>
      )}
      {job.status === 'done' && job.summary && <ImportResults job={job} summary={job.summary} />}
    </Stack>
  );
}
