import { Anchor, Badge, Card, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useImports } from '../../api/imports.ts';
import type { ImportJob } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { ImportStatusBadge } from './import-labels.tsx';

/** `8 baru · 0 diperbarui · 4 ditolak`, or the failure, or nothing while it runs. */
function useOutcome() {
  const { t } = useTranslation();
  const format = useFormat();
  return (job: ImportJob) => {
    if (job.status === 'failed') return job.error ?? t('imports.status.failed');
    if (!job.summary) return `${job.percent}%`;
    const { inserted, updated, rejected } = job.summary;
    return t('imports.summaryShort', { inserted: format.number(inserted), updated: format.number(updated), rejected: format.number(rejected) });
  };
}

function DryRunBadge({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  if (!job.dryRun) return null;
  return (
    <Badge variant="outline" color="blue" size="sm">
      {t('imports.dryRunBadge')}
    </Badge>
  );
}

/** The programme's imports, newest first, each linking to its result page. */
export function ImportHistory({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcome = useOutcome();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const query = useImports(programmeId);
  const path = (job: ImportJob) => `/programs/${programmeId}/import/${job.id}`;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-history">
      <Title order={3} size="h4" id="import-history" mb="sm">
        {t('imports.history')}
      </Title>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('imports.historyEmpty')} />
      ) : wide ? (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.fields.createdAt')}</Table.Th>
                <Table.Th>{t('imports.fields.filename')}</Table.Th>
                <Table.Th>{t('imports.fields.status')}</Table.Th>
                <Table.Th>{t('imports.fields.result')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(job.createdAt)}</Table.Td>
                  <Table.Td miw={180}>
                    <Group gap={6}>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {job.filename}
                      </Text>
                      <DryRunBadge job={job} />
                    </Group>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <ImportStatusBadge status={job.status} />
                  </Table.Td>
                  <Table.Td>
                    {/* A failure can list every expected column: two lines here, all of it on the import's page. */}
                    <Text size="sm" c={job.status === 'failed' ? 'red.8' : undefined} lineClamp={2} title={outcome(job)}>
                      {outcome(job)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={path(job)} size="sm">
                      {t('imports.viewResult')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {query.data.items.map((job) => (
            <Card key={job.id} withBorder padding="sm" radius="md" component={Link} to={path(job)} aria-label={`${job.filename} ${format.dateTime(job.createdAt)}`}>
              <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
                <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {job.filename}
                </Text>
                <ImportStatusBadge status={job.status} />
              </Group>
              <Text size="xs" c="dimmed">
                {format.dateTime(job.createdAt)}
              </Text>
              <Group gap={6} mt={4}>
                <DryRunBadge job={job} />
                <Text size="sm" c={job.status === 'failed' ? 'red.8' : undefined} lineClamp={3}>
                  {outcome(job)}
                </Text>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
