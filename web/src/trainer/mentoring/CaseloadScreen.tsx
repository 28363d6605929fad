import { Alert, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyCaseloadItem } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useSectorLabel } from '../../programmes/targets/indicator-label.ts';
import { LinkCard, PendingBadge } from '../components/LinkCard.tsx';
import { msmePath } from '../navigation.ts';
import { useMyCaseload } from '../offline/cached.ts';
import { mentoringState } from '../offline/mentoring-record.ts';
import { useMentoringRecords } from '../offline/mentoring-outbox.ts';

function MsmeCard({ item, pending }: { item: MyCaseloadItem; pending: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sectorLabel = useSectorLabel();
  const href = msmePath(item.programme.id, item.msmeId);
  const verified = item.milestones.filter((m) => m.status === 'verified').length;
  return (
    <LinkCard
      href={href}
      title={item.businessName}
      corner={
        <Badge variant="default" size="sm" style={{ flexShrink: 0 }}>
          {item.programme.code}
        </Badge>
      }
    >
      <Text size="sm" c="dimmed">
        {item.ownerName} · {sectorLabel(item.sector)}
      </Text>
      <Group gap={6} mt={6}>
        <Badge variant="light" size="sm" tt="none">
          {item.lastVisitOn ? t('trainer.mentoring.lastVisit', { date: format.date(item.lastVisitOn) }) : t('trainer.mentoring.neverVisited')}
        </Badge>
        <Badge variant="light" color="teal" size="sm" tt="none">
          {t('trainer.mentoring.milestonesVerified', { count: verified })}
        </Badge>
        <PendingBadge count={pending} />
      </Group>
    </LinkCard>
  );
}

/** The mentor's caseload (kept on the device): the MSMEs to visit, least recently visited first. */
export function CaseloadScreen({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useMyCaseload(userId);
  const records = useMentoringRecords();
  const [search, setSearch] = useState('');
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const pendingOf = (item: MyCaseloadItem) =>
    records.filter((r) => r.userId === userId && r.msmeId === item.msmeId && r.programmeId === item.programme.id && mentoringState(r) === 'pending').length;
  const term = search.trim().toLowerCase();
  const items = [...query.data.data.items]
    .sort((a, b) => (a.lastVisitOn ?? '').localeCompare(b.lastVisitOn ?? '') || a.businessName.localeCompare(b.businessName))
    .filter((i) => !term || `${i.businessName} ${i.ownerName}`.toLowerCase().includes(term));

  return (
    <Stack gap="md">
      <Title order={1} fz={22}>
        {t('trainer.mentoring.title')}
      </Title>
      {query.data.fromCache && (
        <Alert color="gray" p="xs">
          {t('trainer.savedCopy', { time: format.dateTime(query.data.savedAt) })}
        </Alert>
      )}
      {query.data.data.items.length === 0 ? (
        <EmptyMessage
          title={t('trainer.mentoring.empty')}
          description={t('trainer.mentoring.emptyHint')}
          action={
            <Button variant="light" onClick={() => void query.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : (
        <>
          {query.data.data.items.length > 8 && (
            <TextInput type="search" aria-label={t('trainer.mentoring.search')} placeholder={t('trainer.mentoring.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
          )}
          <Stack gap="xs" component="section" aria-label={t('trainer.mentoring.title')}>
            {items.map((item) => (
              <MsmeCard key={`${item.programme.id}:${item.msmeId}`} item={item} pending={pendingOf(item)} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
