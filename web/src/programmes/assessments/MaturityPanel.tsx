import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMaturitySummary } from '../../api/assessments.ts';
import { MATURITY_LEVELS, type MaturitySummary } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useFormat } from '../../i18n/use-format.ts';

function Phase({ title, phase }: { title: string; phase: MaturitySummary['baseline'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = (n: number) => (phase.assessed ? Math.round((100 * n) / phase.assessed) : 0);
  return (
    <Stack gap={6} role="group" aria-label={title}>
      <Group justify="space-between" gap={4}>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">
          {t('assessments.maturity.assessed', { formatted: format.number(phase.assessed) })}
        </Text>
      </Group>
      {MATURITY_LEVELS.map((level) => {
        const count = phase.levels[String(level) as keyof typeof phase.levels];
        return (
          <Stack key={level} gap={0}>
            <Group justify="space-between" gap={4} wrap="nowrap">
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {t('maturity.levelShort', { level, label: t(`maturityLevel.${level}` as 'maturityLevel.0') })}
              </Text>
              <Text size="xs" fw={600} style={{ flexShrink: 0 }}>
                {format.number(count)} · {share(count)} %
              </Text>
            </Group>
            <Progress value={share(count)} color={level >= 2 ? 'teal' : 'gray'} size="sm" aria-label={t('assessments.maturity.bar', { level, phase: title })} />
          </Stack>
        );
      })}
      <Text size="sm" mt={4}>
        {t('assessments.maturity.onboarded', { formatted: format.number(phase.onboarded), percent: share(phase.onboarded) })}
      </Text>
    </Stack>
  );
}

/** Digital maturity at baseline (registration) and endline (after the learning path). */
export function MaturityPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMaturitySummary(programmeId);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="maturity-title">
      <Title order={3} size="h4" id="maturity-title">
        {t('assessments.maturity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('assessments.maturity.intro')}
      </Text>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <StatCard label={t('assessments.maturity.paired')} value={format.number(query.data.paired)} hint={t('assessments.maturity.pairedHint')} />
            <StatCard label={t('assessments.maturity.improved')} value={format.number(query.data.improved)} />
            <StatCard label={t('assessments.maturity.newlyOnboarded')} value={format.number(query.data.newlyOnboarded)} hint={t('assessments.maturity.newlyOnboardedHint')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Phase title={t('assessments.maturity.baseline')} phase={query.data.baseline} />
            <Phase title={t('assessments.maturity.endline')} phase={query.data.endline} />
          </SimpleGrid>
        </Stack>
      )}
    </Paper>
  );
}
