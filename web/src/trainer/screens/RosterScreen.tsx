import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry, SessionDetail } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useOnline } from '../../hooks/use-online.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { SessionStatusBadge } from '../../sessions/SessionStatusBadge.tsx';
import { MarkState } from '../components/MarkState.tsx';
import { QrScanner } from '../components/QrScanner.tsx';
import { WalkInForm } from '../components/WalkInForm.tsx';
import { navigate } from '../navigation.ts';
import { useTrainerSession } from '../offline/cached.ts';
import { captureEdit, discardEdit, retryEdit, useEdits } from '../offline/edit-outbox.ts';
import { knownValues, latestEdit, type EditRecord, type EditValues } from '../offline/edit-record.ts';
import type { OutboxRecord, WalkInValues } from '../offline/outbox-record.ts';
import { capture, retryWalkIn, useOutbox } from '../offline/outbox.ts';
import { syncNow } from '../offline/sync.ts';
import { readCheckInCode } from '../qr-token.ts';
import { countStates, mergeRoster, type RosterRow } from '../roster-state.ts';

type Feedback = { tone: 'ok' | 'warn' | 'error'; text: string };

// Loaded when a trainer opens it (kept by the service worker for offline use): not in the app's first load.
const ParticipantEditForm = lazy(() => import('../components/ParticipantEditForm.tsx').then((m) => ({ default: m.ParticipantEditForm })));

/** A participant being edited: their roster entry, and the refused edit being corrected. */
type Editing = { entry: RosterEntry; refused?: EditRecord };

const EDIT_TONE = { pending: { c: 'yellow.9', bg: 'yellow.1' }, applied: { c: 'teal.9', bg: 'teal.0' }, conflict: { c: 'orange.9', bg: 'orange.0' }, rejected: { c: 'red.8', bg: 'red.0' } } as const;

/** The latest participant edit of this device for a row: waiting, applied, kept for the coordinator, or refused (to correct). */
function EditState({ edit, onFix }: { edit: EditRecord; onFix: () => void }) {
  const { t } = useTranslation();
  const tone = EDIT_TONE[edit.status];
  return (
    <Group gap={6} mt={4} wrap="nowrap" align="flex-start" data-testid="edit-state">
      <Text size="xs" fw={600} c={tone.c} bg={tone.bg} px={6} py={2} lh={1.35} style={{ borderRadius: 4, minWidth: 0, overflowWrap: 'anywhere' }}>
        {t(`trainer.edit.state.${edit.status}`)}
        {edit.status === 'rejected' && edit.message ? ` — ${edit.message}` : ''}
      </Text>
      {edit.status === 'pending' && edit.attempts === 0 && (
        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void discardEdit(edit)}>
          {t('trainer.roster.undo')}
        </Button>
      )}
      {edit.status === 'rejected' && (
        <Button size="compact-xs" variant="light" color="red" onClick={onFix}>
          {t('trainer.roster.fix')}
        </Button>
      )}
    </Group>
  );
}

/** Captured: durable on the device first, then sent at once when there is network. */
async function captureAndSync(input: Parameters<typeof capture>[0]): Promise<OutboxRecord> {
  const record = await capture(input);
  if (navigator.onLine) void syncNow();
  return record;
}

function Row({ row, session, userId, closed, edit, onFix, onEdit }: {
  row: RosterRow;
  session: SessionDetail;
  userId: string;
  closed: boolean;
  /** This device's latest edit of the person. */
  edit: EditRecord | null;
  onFix: (record: OutboxRecord) => void;
  onEdit: (editing: Editing) => void;
}) {
  const { t } = useTranslation();
  const entry = row.entry;
  const mark = () => {
    if (row.personId) void captureAndSync({ userId, sessionId: session.id, kind: 'mark', personId: row.personId, name: row.name });
  };
  return (
    <Card withBorder radius="md" padding="xs" component="li" aria-label={row.name}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {row.name}
          </Text>
          {row.detail && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {row.detail}
            </Text>
          )}
          <Group gap={6} mt={2}>
            {row.walkIn && (
              <Badge size="xs" variant="outline">
                {t('trainer.roster.walkIn')}
              </Badge>
            )}
            {entry && !closed && (
              <Button size="compact-xs" variant="subtle" px={4} onClick={() => onEdit({ entry })}>
                {t('trainer.edit.open')}
              </Button>
            )}
          </Group>
        </Stack>
        <MarkState row={row} timeZone={session.timeZone} disabled={closed} onMark={mark} onFix={() => row.record && onFix(row.record)} />
      </Group>
      {row.state.kind === 'rejected' && (
        <Text size="sm" c="red.8" mt={4} role="note">
          {row.state.record.message}
        </Text>
      )}
      {edit && entry && <EditState edit={edit} onFix={() => onEdit({ entry, refused: edit })} />}
    </Card>
  );
}

function Roster({ session, userId, savedAt, fromCache }: { session: SessionDetail; userId: string; savedAt: string; fromCache: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const records = useOutbox().filter((r) => r.sessionId === session.id && r.userId === userId);
  const edits = useEdits().filter((r) => r.userId === userId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [search, setSearch] = useState('');
  const [scanning, setScanning] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [walkIn, setWalkIn] = useState<{ record?: OutboxRecord } | null>(null);
  const rows = mergeRoster(session.roster ?? [], records);
  const counts = countStates(rows);
  const closed = session.status === 'cancelled';
  const online = useOnline();
  const term = search.trim().toLowerCase();
  const shown = term ? rows.filter((r) => `${r.name} ${r.detail ?? ''}`.toLowerCase().includes(term)) : rows;
  const siteRegency = /^\d{2}\.\d{2}$/.test(session.site.regionCode) ? session.site.regionCode : '';

  const onCode = (text: string) => {
    const identity = readCheckInCode(text);
    if (!identity) return setFeedback({ tone: 'error', text: t('trainer.scan.notACode') });
    if (identity.programmeId !== session.programmeId) return setFeedback({ tone: 'error', text: t('trainer.scan.otherProgramme') });
    const row = rows.find((r) => r.personId === identity.personId);
    const name = row?.name ?? t('trainer.scan.unknownName');
    if (row && ['present', 'pending', 'synced'].includes(row.state.kind)) return setFeedback({ tone: 'warn', text: t('trainer.scan.already', { name }) });
    void captureAndSync({ userId, sessionId: session.id, kind: 'scan', personId: identity.personId, name, token: text.trim() });
    setFeedback({ tone: row ? 'ok' : 'warn', text: row ? t('trainer.scan.marked', { name }) : t('trainer.scan.notOnRoster') });
  };

  const submitWalkIn = async (values: WalkInValues) => {
    if (walkIn?.record) await retryWalkIn(walkIn.record, values);
    else await captureAndSync({ userId, sessionId: session.id, kind: 'walk_in', personId: null, name: values.ownerName, walkIn: values });
    if (walkIn?.record && navigator.onLine) void syncNow();
    setWalkIn(null);
  };

  const submitEdit = async (values: EditValues) => {
    if (!editing) return;
    if (editing.refused) await retryEdit(editing.refused, values);
    else await captureEdit({ userId, sessionId: session.id, entry: editing.entry, values });
    if (navigator.onLine) void syncNow();
    setEditing(null);
  };

  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
          <Title order={1} fz={20} style={{ overflowWrap: 'anywhere' }}>
            {session.title}
          </Title>
          <SessionStatusBadge status={session.status} size="sm" />
        </Group>
        <Text size="sm" fw={500}>
          {session.when}
        </Text>
        <Text size="sm" c="dimmed">
          {[session.site.name, session.venue].filter(Boolean).join(' · ')}
        </Text>
      </Stack>
      {closed && (
        <Alert color="red" role="alert">
          {t('trainer.roster.cancelled')}
        </Alert>
      )}
      {fromCache && (
        <Alert color="gray" p="xs">
          {t('trainer.savedCopy', { time: format.dateTime(savedAt) })}
        </Alert>
      )}
      <Group gap={6} role="status" aria-label={t('trainer.roster.summary')}>
        <Badge color="teal" variant="light">
          {t('trainer.roster.countPresent', { count: counts.present })}
        </Badge>
        <Badge color="yellow" variant="light" c="dark">
          {t('trainer.roster.countPending', { count: counts.pending })}
        </Badge>
        {counts.rejected > 0 && (
          <Badge color="red" variant="light">
            {t('trainer.roster.countRejected', { count: counts.rejected })}
          </Badge>
        )}
        <Badge color="gray" variant="light">
          {t('trainer.roster.countTotal', { count: rows.length })}
        </Badge>
      </Group>
      {!closed && (
        <Group grow gap="xs">
          <Button size="md" fz="sm" px="xs" onClick={() => setScanning(true)}>
            {t('trainer.scan.open')}
          </Button>
          <Button size="md" fz="sm" px="xs" variant="light" onClick={() => setWalkIn({})}>
            {t('trainer.walkIn.open')}
          </Button>
        </Group>
      )}
      {/* Paper test scores and feedback forms are typed in on the session's page (online): a page load, outside the trainer app. */}
      {!closed && online && (
        <Anchor href={`/sessions/${session.id}`} size="sm">
          {t('trainer.roster.paperLink')} ›
        </Anchor>
      )}
      {rows.length > 8 && <TextInput type="search" aria-label={t('roster.search')} placeholder={t('roster.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />}
      {rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t('trainer.roster.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('roster.title')}>
          {shown.map((row) => (
            <Row
              key={row.personId ?? row.record?.clientId}
              row={row}
              session={session}
              userId={userId}
              closed={closed}
              edit={row.personId ? latestEdit(row.personId, edits) : null}
              onFix={(record) => setWalkIn({ record })}
              onEdit={setEditing}
            />
          ))}
        </Stack>
      )}
      <Modal
        opened={scanning}
        onClose={() => {
          setScanning(false);
          setFeedback(null);
        }}
        title={t('trainer.scan.title')}
        fullScreen
      >
        {scanning && <QrScanner onCode={onCode} feedback={feedback} />}
      </Modal>
      <Modal opened={walkIn !== null} onClose={() => setWalkIn(null)} title={t('trainer.walkIn.title')} fullScreen>
        {walkIn && (
          <WalkInForm
            regency={siteRegency}
            initial={walkIn.record?.walkIn ?? undefined}
            serverErrors={walkIn.record?.fields}
            onSubmit={submitWalkIn}
            onCancel={() => setWalkIn(null)}
          />
        )}
      </Modal>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('trainer.edit.title', { name: editing.entry.name }) : ''} fullScreen>
        {editing && (
          <Suspense fallback={<PageLoader />}>
            <ParticipantEditForm
              known={knownValues(editing.entry, edits)}
              hasNik={Boolean(editing.entry.nik)}
              maskedNik={editing.entry.nik?.includes('*') ? editing.entry.nik : null}
              retry={editing.refused?.values}
              serverErrors={editing.refused?.fields}
              onSubmit={submitEdit}
              onCancel={() => setEditing(null)}
            />
          </Suspense>
        )}
      </Modal>
    </Stack>
  );
}

/** One session: its roster from the device (fresh when online), marks, scans and walk-ins. */
export function RosterScreen({ userId, sessionId }: { userId: string; sessionId: string }) {
  const { t } = useTranslation();
  const query = useTrainerSession(userId, sessionId);
  return (
    <Stack gap="sm">
      <Anchor
        href="/trainer"
        size="sm"
        onClick={(event) => {
          event.preventDefault();
          navigate('/trainer');
        }}
      >
        ‹ {t('trainer.sessions.title')}
      </Anchor>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Roster session={query.data.data} userId={userId} savedAt={query.data.savedAt} fromCache={query.data.fromCache} />
      )}
    </Stack>
  );
}
