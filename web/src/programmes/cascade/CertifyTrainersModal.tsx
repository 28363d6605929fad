import { Alert, Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCertifyTrainers } from '../../api/cascade.ts';
import { useSession, useSessions } from '../../api/sessions.ts';
import type { CertifyTrainersResult, SessionDetail } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { todayInJakarta } from '../../format/time-zone.ts';
import { notifySuccess } from '../../notify.ts';

function ResultSummary({ result, names }: { result: CertifyTrainersResult; names: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="status">
      <Alert color="teal" p="xs">
        {t('cascade.certify.result', { certified: result.certified.length, already: result.alreadyCertified.length })}
        {result.parentId === null && result.certified.length > 0 && (
          <Text size="sm" mt={4}>
            {t('cascade.certify.noParent')}
          </Text>
        )}
      </Alert>
      {result.refused.length > 0 && (
        <Alert color="orange" p="xs" title={t('cascade.certify.refusedTitle', { count: result.refused.length })}>
          <Stack gap={2}>
            {result.refused.map((r) => (
              <Text size="sm" key={r.personId}>
                {names.get(r.personId) ?? r.personId}: {r.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/** The attendees of a ToT session, to certify as trainers under the session's (certified) trainer. */
function Attendees({ programmeId, session, certifiedPersonIds, onClose }: { programmeId: string; session: SessionDetail; certifiedPersonIds: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const certify = useCertifyTrainers(programmeId, session.id);
  const certified = new Set(certifiedPersonIds);
  const attended = (session.roster ?? []).filter((e) => e.attendance);
  const candidates = attended.filter((e) => !certified.has(e.personId));
  const [picked, setPicked] = useState<string[]>(() => candidates.map((e) => e.personId));
  const [by, setBy] = useState<string | null>(null);
  const [certifiedOn, setCertifiedOn] = useState(session.endsAtLocal.slice(0, 10) || todayInJakarta());
  const names = new Map((session.roster ?? []).map((e) => [e.personId, e.name]));

  if (attended.length === 0) return <Alert color="gray">{t('cascade.certify.noAttendees')}</Alert>;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('cascade.certify.pickHint')}
      </Text>
      <Checkbox.Group value={picked} onChange={setPicked} label={t('cascade.certify.attendees')}>
        <Stack gap={6} mt={6}>
          {attended.map((entry) => (
            <Checkbox
              key={entry.personId}
              value={entry.personId}
              disabled={certified.has(entry.personId)}
              label={certified.has(entry.personId) ? `${entry.name} — ${t('cascade.certify.alreadyCertified')}` : entry.name}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Group grow align="flex-start">
        {session.trainers.length > 1 && (
          <Select
            label={t('cascade.certify.by')}
            description={t('cascade.certify.byHint')}
            clearable
            data={session.trainers.map((tr) => ({ value: tr.id, label: tr.name }))}
            value={by}
            onChange={setBy}
          />
        )}
        <TextInput type="date" label={t('cascade.fields.certifiedOn')} value={certifiedOn} onChange={(event) => setCertifiedOn(event.currentTarget.value)} />
      </Group>
      {certify.data && <ResultSummary result={certify.data} names={names} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {certify.data ? t('common.close') : t('common.cancel')}
        </Button>
        <Button
          disabled={picked.length === 0}
          loading={certify.isPending}
          onClick={() =>
            certify.mutate(
              { personIds: picked, certifiedByUserId: by ?? undefined, certifiedOn: certifiedOn || undefined },
              {
                onSuccess: (result) => {
                  if (result.certified.length > 0) notifySuccess(t('cascade.certify.done', { count: result.certified.length }));
                  setPicked([]);
                },
              },
            )
          }
        >
          {t('cascade.certify.submit', { count: picked.length })}
        </Button>
      </Group>
    </Stack>
  );
}

function SessionAttendees({ programmeId, sessionId, certifiedPersonIds, onClose }: { programmeId: string; sessionId: string; certifiedPersonIds: string[]; onClose: () => void }) {
  const session = useSession(sessionId);
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  return <Attendees key={sessionId} programmeId={programmeId} session={session.data} certifiedPersonIds={certifiedPersonIds} onClose={onClose} />;
}

/**
 * Certify trainers from a ToT session. Opened from the Cascade tab (choose the session first)
 * or from a ToT session's page (`sessionId` given).
 */
export function CertifyTrainersModal({ programmeId, sessionId, certifiedPersonIds, onClose }: { programmeId: string; sessionId?: string; certifiedPersonIds: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const sessions = useSessions(programmeId, {}, 1, 200);
  const [chosen, setChosen] = useState<string | null>(sessionId ?? null);
  const tot = (sessions.data?.items ?? []).filter((s) => s.kind === 'tot' && s.status !== 'cancelled');
  return (
    <ResponsiveModal opened onClose={onClose} title={t('cascade.certify.title')}>
      <Stack gap="sm">
        {!sessionId &&
          (sessions.isError ? (
            <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />
          ) : (
            <Select
              label={t('cascade.certify.session')}
              placeholder={sessions.isPending ? t('common.loading') : t('common.choose')}
              searchable
              data={tot.map((s) => ({ value: s.id, label: `${s.title} — ${s.when}` }))}
              nothingFoundMessage={t('cascade.certify.noTotSessions')}
              value={chosen}
              onChange={setChosen}
            />
          ))}
        {!sessionId && sessions.data && tot.length === 0 && (
          <Alert color="gray" p="xs">
            {t('cascade.certify.noTotSessions')}
          </Alert>
        )}
        {chosen && <SessionAttendees programmeId={programmeId} sessionId={chosen} certifiedPersonIds={certifiedPersonIds} onClose={onClose} />}
      </Stack>
    </ResponsiveModal>
  );
}
