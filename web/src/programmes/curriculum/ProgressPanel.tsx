import { Anchor, Badge, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgress } from '../../api/attendance.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { participantPath } from '../../participants/display.ts';
import { useDuration } from './topic-label.ts';

/**
 * How far participants are along the learning path: minutes of path modules covered by the
 * sessions they attended, against the completion rule (newest enrolments first, up to 200).
 */
export function ProgressPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const duration = useDuration();
  const query = useProgress(programmeId);
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="progress-title">
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm">
        <div>
          <Title order={3} size="h4" id="progress-title">
            {t('progress.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('progress.intro')}
          </Text>
        </div>
        {query.data && (
          <Badge variant="light" size="lg">
            {t('progress.completed', { count: query.data.items.filter((i) => i.completed).length, total: query.data.items.length })}
          </Badge>
        )}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('progress.empty')}
        </Text>
      ) : query.data.pathMinutes === 0 ? (
        <Text size="sm" c="dimmed">
          {t('progress.noPath')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} mah={420}>
          <Table verticalSpacing={6} aria-label={t('progress.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.fields.name')}</Table.Th>
                <Table.Th>{t('progress.sessions')}</Table.Th>
                <Table.Th>{t('progress.path')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={item.enrolmentId} aria-label={item.name}>
                  <Table.Td>
                    <Anchor component={Link} to={participantPath(item.personId, programmeId)} size="sm">
                      {item.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.number(item.sessionsAttended)}</Text>
                  </Table.Td>
                  <Table.Td miw={200}>
                    <Stack gap={2}>
                      <Group justify="space-between" gap={4}>
                        <Text size="xs">
                          {duration(item.attendedMinutes)} · {format.number(Math.round(item.percent))} %
                        </Text>
                        {item.completed && (
                          <Badge size="xs" color="teal">
                            {t('progress.done')}
                          </Badge>
                        )}
                      </Group>
                      <Progress value={Math.min(100, item.percent)} color={item.completed ? 'teal' : 'blue'} size="sm" aria-label={t('progress.bar', { name: item.name })} />
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
