import { Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFeedbackSummary } from '../../api/assessments.ts';
import type { FeedbackSummary } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useFormat } from '../../i18n/use-format.ts';

function Ratings({ summary }: { summary: FeedbackSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const total = Object.values(summary.ratings).reduce((a, b) => a + b, 0);
  return (
    <Stack gap={4} role="group" aria-label={t('assessments.feedback.distribution')}>
      {(['5', '4', '3', '2', '1'] as const).map((stars) => (
        <Group key={stars} gap="xs" wrap="nowrap">
          <Text size="xs" w={52} style={{ flexShrink: 0 }}>
            {t('assessments.feedback.stars', { count: Number(stars) })}
          </Text>
          <Progress value={total ? (100 * summary.ratings[stars]) / total : 0} style={{ flex: 1 }} size="sm" color="yellow" aria-label={t('assessments.feedback.stars', { count: Number(stars) })} />
          <Text size="xs" w={36} ta="right" style={{ flexShrink: 0 }}>
            {format.number(summary.ratings[stars])}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Feedback after sessions: rating 1–5, would-recommend 0–10 (NPS), overall and per session. */
export function FeedbackPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useFeedbackSummary(programmeId);
  const rating = (value: number | null) => (value === null ? t('common.none') : format.number(Math.round(value * 10) / 10));
  const nps = (value: number | null) => (value === null ? t('common.none') : format.number(value));
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="feedback-title">
      <Title order={3} size="h4" id="feedback-title">
        {t('assessments.feedback.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('assessments.feedback.intro')}
      </Text>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.overall.responses === 0 ? (
        <EmptyMessage title={t('assessments.feedback.empty')} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <StatCard label={t('assessments.feedback.responses')} value={format.number(query.data.overall.responses)} />
            <StatCard label={t('assessments.feedback.averageRating')} value={rating(query.data.overall.averageRating)} hint={t('assessments.feedback.ratingHint')} />
            <StatCard label={t('assessments.feedback.nps')} value={nps(query.data.overall.nps)} hint={t('assessments.feedback.npsHint')} />
            <StatCard
              label={t('assessments.feedback.promoters')}
              value={`${format.number(query.data.overall.promoters)} / ${format.number(query.data.overall.passives)} / ${format.number(query.data.overall.detractors)}`}
              hint={t('assessments.feedback.promotersHint')}
            />
          </SimpleGrid>
          <Ratings summary={query.data.overall} />
          {query.data.sessions.length > 0 && (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing={6} striped aria-label={t('assessments.feedback.perSession')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('sessions.session')}</Table.Th>
                    <Table.Th ta="right">{t('assessments.feedback.responses')}</Table.Th>
                    <Table.Th ta="right">{t('assessments.feedback.averageRating')}</Table.Th>
                    <Table.Th ta="right">{t('assessments.feedback.nps')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.sessions.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Text size="sm">{s.title}</Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(s.startsAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{format.number(s.summary.responses)}</Table.Td>
                      <Table.Td ta="right">{rating(s.summary.averageRating)}</Table.Td>
                      <Table.Td ta="right">{nps(s.summary.nps)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Paper>
  );
}
