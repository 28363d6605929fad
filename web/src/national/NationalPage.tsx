import { Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNational } from '../api/national.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useFormat } from '../i18n/use-format.ts';

/** One national figure; against its goal (with a progress bar) when there is one. */
function Figure({ id, label, value, goal, hint }: { id: string; label: string; value: number | null; goal?: number; hint?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const share = value === null || !goal ? null : (100 * value) / goal;
  // A goal in millions: a few MSMEs are a positive share too small to print with two decimals.
  const shareText = share === null ? null : share > 0 && share < 0.01 ? `< ${format.number(0.01)}` : format.number(share);
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={label} data-testid={`national-${id}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} data-testid="value">
        {value === null ? t('national.noData') : format.number(value)}
      </Text>
      {goal !== undefined && (
        <Stack gap={2} mt={4}>
          <Progress value={Math.min(100, Math.max(0, share ?? 0))} size="sm" aria-label={t('national.progress')} />
          <Text size="sm" c="dimmed" data-testid="goal">
            {shareText === null ? t('national.goal', { goal: format.number(goal) }) : t('national.goalShare', { goal: format.number(goal), share: shareText })}
          </Text>
        </Stack>
      )}
      {hint && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/**
 * "Nasional": reach across all programmes, each MSME counted once however many programmes it is
 * in, against the 30 million on-boarding goal, and jobs created against the 4.4 million goal.
 * Jobs are measured by outcome surveys: MSMEs that did not answer are not counted as zero, and
 * while nobody has been measured the page says there is no data rather than 0.
 */
export default function NationalPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const allowed = can('national.read');
  const query = useNational(allowed);

  if (!allowed) return <Forbidden />;
  const header = <PageHeader title={t('national.title')} subtitle={t('national.subtitle')} />;
  if (query.isPending)
    return (
      <>
        {header}
        <PageLoader />
      </>
    );
  if (query.isError)
    return (
      <>
        {header}
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const n = query.data;
  const measured = n.jobsMsmesMeasured > 0;
  return (
    <>
      {header}
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Figure
          id="msmes"
          label={t('national.msmes')}
          value={n.uniqueMsmes}
          hint={t('national.msmesHint', { persons: format.number(n.uniquePersons), programmes: format.number(n.programmes), several: format.number(n.enrolledInSeveral) })}
        />
        <Figure id="onboarded" label={t('national.onboarded')} value={n.onboardedMsmes} goal={n.goal} hint={t('national.onboardedHint')} />
        <Figure
          id="jobs"
          label={t('national.jobs')}
          value={measured ? n.jobsCreated : null}
          goal={n.jobsGoal}
          hint={measured ? t('national.jobsMeasured', { measured: format.number(n.jobsMsmesMeasured) }) : t('national.jobsNone')}
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="md" maw={760} data-testid="national-non-response">
        {t('national.nonResponse')}
      </Text>
    </>
  );
}
