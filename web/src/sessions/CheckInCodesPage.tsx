import './print.css';
import { Anchor, Breadcrumbs, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCheckInCode } from '../api/attendance.ts';
import { useSession } from '../api/sessions.ts';
import type { RosterEntry, SessionDetail } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { svgDataUrl } from '../format/svg.ts';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';


function CodeCard({ session, entry }: { session: SessionDetail; entry: RosterEntry }) {
  const { t } = useTranslation();
  const code = useCheckInCode(session.programmeId, entry.personId);
  return (
    <Card withBorder radius="md" padding="sm" data-print-card component="article" aria-label={entry.name}>
      <Center h={180}>
        {code.data ? (
          <img src={svgDataUrl(code.data.svg)} alt={t('checkInCodes.alt', { name: entry.name })} width={180} height={180} />
        ) : code.isError ? (
          <Text size="sm" c="red">
            {code.error.message}
          </Text>
        ) : (
          <Loader size="sm" />
        )}
      </Center>
      <Text fw={600} ta="center" style={{ overflowWrap: 'anywhere' }}>
        {entry.name}
      </Text>
      {entry.businessName && (
        <Text size="sm" ta="center" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {entry.businessName}
        </Text>
      )}
      <Text size="xs" ta="center" c="dimmed" mt={4}>
        {session.title}
      </Text>
    </Card>
  );
}

/** Personal check-in QR codes of a session's roster, to print or to show on screen. */
export default function CheckInCodesPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useCurrentUser();
  const query = useSession(id);
  if (!can('participant.read')) return <Forbidden />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const session = query.data;
  const roster = session.roster ?? [];
  return (
    <>
      <Breadcrumbs mb="xs" separator="›" data-print-hide>
        <Anchor component={Link} to={`/sessions/${session.id}`} size="sm">
          {session.title}
        </Anchor>
        <Text size="sm">{t('checkInCodes.title')}</Text>
      </Breadcrumbs>
      <Stack gap="md">
        <div data-print-hide>
          <PageHeader title={t('checkInCodes.title')} subtitle={`${session.title} · ${session.when}`} actions={<Button onClick={() => window.print()}>{t('checkInCodes.print')}</Button>} />
          <Text size="sm" c="dimmed">
            {t('checkInCodes.intro')}
          </Text>
        </div>
        {roster.length === 0 ? (
          <EmptyMessage title={t('roster.empty')} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm">
            {roster.map((entry) => (
              <CodeCard key={entry.personId} session={session} entry={entry} />
            ))}
          </SimpleGrid>
        )}
        <Group data-print-hide>
          <Button variant="default" component={Link} to={`/sessions/${session.id}`}>
            {t('checkInCodes.back')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}
