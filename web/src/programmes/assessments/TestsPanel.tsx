import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTestsSummary } from '../../api/assessments.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useLocalisedTitle } from '../curriculum/topic-label.ts';

/** Pre/post knowledge tests per module: people tested, average best scores, passes. */
export function TestsPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useLocalisedTitle();
  const query = useTestsSummary(programmeId);
  const score = (value: number | null) => (value === null ? t('common.none') : format.number(Math.round(value)));
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="tests-title">
      <Title order={3} size="h4" id="tests-title">
        {t('assessments.tests.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {query.data?.postTestPassPercent ? t('assessments.tests.passMark', { percent: query.data.postTestPassPercent }) : t('assessments.tests.intro')}
      </Text>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.modules.length === 0 ? (
        <EmptyMessage title={t('assessments.tests.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} striped aria-label={t('assessments.tests.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('sessions.fields.modules')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.questions')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.prePeople')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.preAverage')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.postPeople')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.postAverage')}</Table.Th>
                <Table.Th ta="right">{t('assessments.tests.passed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.modules.map((row) => (
                <Table.Tr key={row.module.id} aria-label={row.module.code}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {row.module.code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {title(row.module.title)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{format.number(row.questions)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.pre.people)}</Table.Td>
                  <Table.Td ta="right">{score(row.pre.averageScore)}</Table.Td>
                  <Table.Td ta="right">{format.number(row.post.people)}</Table.Td>
                  <Table.Td ta="right">{score(row.post.averageScore)}</Table.Td>
                  <Table.Td ta="right">{row.post.passed === null ? t('common.none') : format.number(row.post.passed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
