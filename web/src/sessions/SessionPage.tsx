import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProgramme } from '../api/programmes.ts';
import { useRemoveFromRoster, useSession, useUpdateSession } from '../api/sessions.ts';
import type { RosterEntry, SessionDetail } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { FieldList } from '../components/FieldList.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { maskNik, participantPath } from '../participants/display.ts';
import { useDuration, useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';
import { AddToRosterModal } from './AddToRosterModal.tsx';
import { PaperFeedbackModal } from './PaperFeedbackModal.tsx';
import { PaperTestModal } from './PaperTestModal.tsx';
import { SessionForm } from './SessionForm.tsx';
import { usePercent, useRosterLabels } from './session-labels.ts';
import { KindBadge, ModalityBadge, SessionStatusBadge } from './SessionStatusBadge.tsx';
import { CertifyTrainersModal } from '../programmes/cascade/CertifyTrainersModal.tsx';
import { useCascade } from '../api/cascade.ts';
import { flattenCascade } from '../programmes/cascade/cascade-tree.ts';

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

function RsvpBadge({ rsvp }: { rsvp: RosterEntry['rsvp'] }) {
  const { t } = useTranslation();
  if (!rsvp) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  return (
    <Badge variant="light" color={rsvp === 'yes' ? 'teal' : 'red'} size="sm">
      {t(`rsvpAnswer.${rsvp}`)}
    </Badge>
  );
}

function AttendanceCell({ entry }: { entry: RosterEntry }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useRosterLabels();
  if (!entry.attendance) return <Text size="sm" c="dimmed">{t('roster.absent')}</Text>;
  return (
    <Stack gap={0}>
      <Badge variant="filled" color="teal" size="sm">
        {t('roster.present')}
      </Badge>
      <Text size="xs" c="dimmed">
        {labels.method(entry.attendance.method)} · {format.dateTime(entry.attendance.capturedAt)}
      </Text>
    </Stack>
  );
}

function RemoveButton({ session, entry }: { session: SessionDetail; entry: RosterEntry }) {
  const { t } = useTranslation();
  const remove = useRemoveFromRoster(session.id);
  return (
    <ConfirmAction
      label={t('roster.remove')}
      title={t('roster.removeTitle')}
      message={t('roster.removeMessage', { name: entry.name, title: session.title })}
      confirmLabel={t('roster.remove')}
      onConfirm={() => remove.mutateAsync(entry.personId).then(() => notifySuccess(t('roster.removed', { name: entry.name })))}
    />
  );
}

function RosterList({ session, roster, canManage }: { session: SessionDetail; roster: RosterEntry[]; canManage: boolean }) {
  const { t } = useTranslation();
  const labels = useRosterLabels();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const none = t('common.none');
  const removable = (entry: RosterEntry) => canManage && !entry.attendance && session.status !== 'cancelled';
  if (!wide) {
    return (
      <Stack gap="xs">
        {roster.map((entry) => (
          <Card key={entry.personId} withBorder padding="sm" radius="md" component="article" aria-label={entry.name}>
            <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={participantPath(entry.personId, session.programmeId)} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {entry.name}
              </Anchor>
              <AttendanceCell entry={entry} />
            </Group>
            {entry.businessName && <Text size="sm">{entry.businessName}</Text>}
            <Text size="sm" c="dimmed">
              {[entry.phone, labels.source(entry.source)].filter(Boolean).join(' · ')}
            </Text>
            <Group gap="xs" mt={4} justify="space-between">
              <Group gap={4}>
                <Text size="sm">{t('roster.rsvp')}:</Text>
                <RsvpBadge rsvp={entry.rsvp} />
              </Group>
              {removable(entry) && <RemoveButton session={session} entry={entry} />}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped verticalSpacing="xs" aria-label={t('roster.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('participants.fields.name')}</Table.Th>
            <Table.Th>{t('participants.fields.businessName')}</Table.Th>
            <Table.Th>{t('participants.fields.phone')}</Table.Th>
            <Table.Th>{t('roster.source')}</Table.Th>
            <Table.Th>{t('roster.rsvp')}</Table.Th>
            <Table.Th>{t('roster.attendance')}</Table.Th>
            {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roster.map((entry) => (
            <Table.Tr key={entry.personId} aria-label={entry.name}>
              <Table.Td>
                <Anchor component={Link} to={participantPath(entry.personId, session.programmeId)} size="sm" fw={500}>
                  {entry.name}
                </Anchor>
                {entry.nik && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {maskNik(entry.nik)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{entry.businessName ?? none}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{entry.phone ?? none}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labels.source(entry.source)}</Text>
              </Table.Td>
              <Table.Td>
                <RsvpBadge rsvp={entry.rsvp} />
              </Table.Td>
              <Table.Td>
                <AttendanceCell entry={entry} />
              </Table.Td>
              {canManage && <Table.Td>{removable(entry) && <RemoveButton session={session} entry={entry} />}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A ToT session's attendees certified as trainers (those already in the cascade are shown as such). */
function CertifyFromSession({ programmeId, sessionId, onClose }: { programmeId: string; sessionId: string; onClose: () => void }) {
  const cascade = useCascade(programmeId);
  if (!cascade.data) return null;
  return <CertifyTrainersModal programmeId={programmeId} sessionId={sessionId} certifiedPersonIds={flattenCascade(cascade.data.roots).map((n) => n.trainer.personId)} onClose={onClose} />;
}

export default function SessionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = usePercent();
  const title = useLocalisedTitle();
  const duration = useDuration();
  const { id = '' } = useParams();
  const { can } = useCurrentUser();
  const query = useSession(id);
  const programme = useProgramme(query.data?.programmeId ?? '');
  const update = useUpdateSession(id);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [certifying, setCertifying] = useState(false);
  const [paper, setPaper] = useState<'tests' | 'feedback' | null>(null);

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const session = query.data;
  const cancelled = session.status === 'cancelled';
  const canManage = can('session.manage') && !programme.data?.archivedAt;
  const roster = session.roster ?? [];
  const term = search.trim().toLowerCase();
  const shown = term ? roster.filter((e) => `${e.name} ${e.businessName ?? ''} ${e.phone ?? ''}`.toLowerCase().includes(term)) : roster;
  const rsvpYes = roster.filter((e) => e.rsvp === 'yes').length;
  const rsvpNo = roster.filter((e) => e.rsvp === 'no').length;
  const none = t('common.none');
  const programmePath = `/programs/${session.programmeId}`;

  return (
    <>
      <Breadcrumbs mb="xs" separator="›">
        <Anchor component={Link} to="/programs" size="sm">
          {t('programmes.title')}
        </Anchor>
        <Anchor component={Link} to={`${programmePath}/sessions`} size="sm" ff="monospace">
          {programme.data?.code ?? '…'}
        </Anchor>
        <Text size="sm">{t('sessions.session')}</Text>
      </Breadcrumbs>
      <PageHeader
        title={session.title}
        subtitle={session.when}
        badge={
          <>
            <SessionStatusBadge status={session.status} />
            <ModalityBadge modality={session.modality} />
            <KindBadge kind={session.kind} />
          </>
        }
        actions={
          <>
            {can('participant.read') && session.roster !== null && roster.length > 0 && (
              <Button variant="light" component={Link} to={`/sessions/${session.id}/codes`}>
                {t('checkInCodes.open')}
              </Button>
            )}
            {session.kind === 'tot' && can('trainer.certify') && !cancelled && session.attendedCount > 0 && (
              <Button variant="light" color="grape" onClick={() => setCertifying(true)}>
                {t('cascade.certify.fromSession')}
              </Button>
            )}
            {can('assessment.record') && !cancelled && roster.length > 0 && session.modules.length > 0 && (
              <Button variant="light" onClick={() => setPaper('tests')}>
                {t('paperResults.tests.open')}
              </Button>
            )}
            {can('feedback.record') && !cancelled && (
              <Button variant="light" onClick={() => setPaper('feedback')}>
                {t('paperResults.feedback.open')}
              </Button>
            )}
            {can('campaign.manage') && !cancelled && (
              <Button variant="light" component={Link} to={`${programmePath}/campaigns?session=${session.id}`}>
                {t('campaigns.inviteToSession')}
              </Button>
            )}
            {canManage && !cancelled && (
              <>
                <Button variant="light" onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
                <ConfirmAction
                  size="sm"
                  label={t('sessions.cancel')}
                  title={t('sessions.cancelTitle')}
                  message={t('sessions.cancelMessage', { title: session.title })}
                  confirmLabel={t('sessions.cancel')}
                  onConfirm={() => update.mutateAsync({ status: 'cancelled' }).then(() => notifySuccess(t('sessions.cancelled')))}
                />
              </>
            )}
          </>
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Stat label={t('sessions.stats.roster')} value={format.number(session.rosterCount)} hint={t('sessions.stats.capacity', { capacity: format.number(session.capacity) })} />
          <Stat label={t('sessions.stats.attended')} value={format.number(session.attendedCount)} />
          <Stat label={t('sessions.stats.rate')} value={percent(session.attendanceRate)} hint={t('sessions.stats.rateHint')} />
          <Stat label={t('sessions.stats.rsvp')} value={`${format.number(rsvpYes)} / ${format.number(rsvpNo)}`} hint={t('sessions.stats.rsvpHint')} />
        </SimpleGrid>
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('sessions.details')}>
          <FieldList
            fields={[
              { label: t('sessions.fields.when'), value: session.when },
              { label: t('sessions.fields.site'), value: session.site.name },
              ...(session.venue ? [{ label: t('sessions.fields.venue'), value: session.venue }] : []),
              ...(session.meetingUrl
                ? [{ label: t('sessions.fields.meetingUrl'), value: <Anchor href={session.meetingUrl} target="_blank" rel="noopener noreferrer">{session.meetingUrl}</Anchor> }]
                : []),
              { label: t('sessions.fields.cohort'), value: session.cohort?.name ?? none },
              ...(session.event
                ? [
                    {
                      label: t('sessions.fields.event'),
                      value: `${session.event.title} · ${t(`context.events.kinds.${session.event.kind}`)} · ${format.dateRange(session.event.startsOn, session.event.endsOn)}${session.event.season ? ` · ${t(`context.events.season.${session.event.season}`)}` : ''}`,
                    },
                  ]
                : []),
              { label: t('sessions.fields.trainers'), value: session.trainers.map((tr) => tr.name).join(', ') || none },
              {
                label: t('sessions.fields.modules'),
                value: session.modules.map((m) => `${m.code} — ${title(m.title)} (${duration(m.durationMinutes)})`).join('\n') || none,
                wide: true,
              },
              ...(session.notes ? [{ label: t('sessions.fields.notes'), value: session.notes, wide: true }] : []),
            ]}
          />
        </Paper>
        {session.roster !== null && (
          <Stack gap="sm" component="section" aria-labelledby="roster-title">
            <Group justify="space-between" align="flex-end" gap="sm">
              <Title order={3} size="h4" id="roster-title">
                {t('roster.titleCount', { count: roster.length })}
              </Title>
              <Group gap="xs" align="flex-end">
                {roster.length > 5 && (
                  <TextInput type="search" aria-label={t('roster.search')} placeholder={t('roster.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
                )}
                {canManage && !cancelled && session.status !== 'done' && <Button onClick={() => setAdding(true)}>{t('roster.add')}</Button>}
              </Group>
            </Group>
            {roster.length === 0 ? (
              <EmptyMessage title={t('roster.empty')} description={canManage && !cancelled ? t('roster.emptyHint') : undefined} />
            ) : shown.length === 0 ? (
              <EmptyMessage title={t('roster.noMatch')} />
            ) : (
              <RosterList session={session} roster={shown} canManage={canManage} />
            )}
          </Stack>
        )}
      </Stack>
      <ResponsiveModal opened={editing} onClose={() => setEditing(false)} title={t('sessions.editTitle')}>
        {editing && <SessionForm programmeId={session.programmeId} session={session} onCancel={() => setEditing(false)} onDone={() => setEditing(false)} />}
      </ResponsiveModal>
      {adding && <AddToRosterModal session={session} onClose={() => setAdding(false)} />}
      {paper === 'tests' && <PaperTestModal session={session} onClose={() => setPaper(null)} />}
      {paper === 'feedback' && <PaperFeedbackModal session={session} onClose={() => setPaper(null)} />}
      {certifying && <CertifyFromSession programmeId={session.programmeId} sessionId={session.id} onClose={() => setCertifying(false)} />}
    </>
  );
}
