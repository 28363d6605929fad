import { Alert, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MySession } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { todayInJakarta } from '../../format/time-zone.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { SessionStatusBadge } from '../../sessions/SessionStatusBadge.tsx';
import { LinkCard, PendingBadge } from '../components/LinkCard.tsx';
import { sessionPath } from '../navigation.ts';
import { useMySessions } from '../offline/cached.ts';
import { useOutbox } from '../offline/outbox.ts';

function SessionCard({ session, pending }: { session: MySession; pending: number }) {
  const { t } = useTranslation();
  const href = sessionPath(session.id);
  return (
    <LinkCard href={href} title={session.title} corner={<SessionStatusBadge status={session.status} size="sm" />}>
      <Text size="sm">{session.when}</Text>
      <Text size="sm" c="dimmed">
        {session.site.name} · {session.programme.code}
      </Text>
      <Group gap={6} mt={6}>
        <Badge variant="default" size="sm">
          {t('trainer.sessions.counts', { attended: session.attendedCount, roster: session.rosterCount })}
        </Badge>
        <PendingBadge count={pending} />
      </Group>
    </LinkCard>
  );
}

/** The trainer's home: their sessions, today's first; every session not over is kept on the device. */
export function SessionsScreen({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMySessions(userId);
  const outbox = useOutbox();

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { data, savedAt } = query.data;
  const today = todayInJakarta();
  const pendingBy = (id: string) => outbox.filter((r) => r.sessionId === id && r.status === 'pending' && r.userId === userId).length;
  const day = (s: MySession) => s.startsAtLocal.slice(0, 10);
  const groups = [
    { key: 'today', title: t('trainer.sessions.today'), items: data.items.filter((s) => day(s) === today) },
    { key: 'upcoming', title: t('trainer.sessions.upcoming'), items: data.items.filter((s) => day(s) > today) },
    { key: 'earlier', title: t('trainer.sessions.earlier'), items: data.items.filter((s) => day(s) < today).reverse() },
  ].filter((g) => g.items.length > 0);

  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        {t('trainer.sessions.title')}
      </Title>
      {query.data.fromCache && (
        <Alert color="gray" p="xs">
          {t('trainer.savedCopy', { time: format.dateTime(savedAt) })}
        </Alert>
      )}
      {groups.length === 0 ? (
        <EmptyMessage title={t('trainer.sessions.empty')} description={t('trainer.sessions.emptyHint')} action={<Button variant="light" onClick={() => void query.refetch()}>{t('common.retry')}</Button>} />
      ) : (
        groups.map((group) => (
          <Stack key={group.key} gap="xs" component="section" aria-label={group.title}>
            <Text size="sm" fw={700} c="dimmed" tt="uppercase">
              {group.title}
            </Text>
            {group.items.map((session) => (
              <SessionCard key={session.id} session={session} pending={pendingBy(session.id)} />
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}
