import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MILESTONE_KINDS, type MilestoneStatus, type MyCaseloadItem, type Visit } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useOnline } from '../../hooks/use-online.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { CASELOAD_PATH, navigate } from '../navigation.ts';
import { useMsmeVisits, useMyCaseload } from '../offline/cached.ts';
import { captureMentoring, useMentoringRecords } from '../offline/mentoring-outbox.ts';
import { syncNow } from '../offline/sync.ts';
import { MentoringRecordCard } from './MentoringRecordCard.tsx';
import { whatsappNumber } from './mentoring-format.ts';
import { MilestoneForm, type MilestoneValues } from './MilestoneForm.tsx';
import { VisitForm, type VisitValues } from './VisitForm.tsx';

// Loaded when opened: the survey form is not part of the trainer app's first load (its budget).
const OutcomeEntryModal = lazy(() => import('../../programmes/mentoring/OutcomeEntryModal.tsx').then((m) => ({ default: m.OutcomeEntryModal })));

const STATUS_COLORS: Record<MilestoneStatus, string> = { pending: 'yellow', verified: 'teal', rejected: 'red' };

/** Visits the server already has (recorded by anyone, on any device). */
function ServerVisit({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="xs" component="li" aria-label={`${format.date(visit.visitedOn)} · ${t(`visitMode.${visit.mode}`)}`}>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text fw={600} size="sm">
          {format.date(visit.visitedOn)} · {t(`visitMode.${visit.mode}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {visit.mentor.name}
        </Text>
      </Group>
      {visit.notes && (
        <Text size="sm" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          {visit.notes}
        </Text>
      )}
      {visit.photos.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('mentoring.photos', { count: visit.photos.length })}
        </Text>
      )}
    </Card>
  );
}

function Msme({ userId, item }: { userId: string; item: MyCaseloadItem }) {
  const { t } = useTranslation();
  const visits = useMsmeVisits(userId, item.programme.id, item.msmeId);
  const records = useMentoringRecords().filter((r) => r.userId === userId && r.programmeId === item.programme.id && r.msmeId === item.msmeId);
  const [form, setForm] = useState<'visit' | 'milestone' | null>(null);
  const [surveying, setSurveying] = useState(false);
  const [surveySaved, setSurveySaved] = useState<string | null>(null);
  const online = useOnline();
  const local = new Set(records.map((r) => r.clientId));
  const history = (visits.data?.data.items ?? []).filter((v) => !local.has(v.clientId));
  const milestoneStatus = new Map(item.milestones.map((m) => [m.kind, m.status]));
  const pendingMilestones = new Set(records.filter((r) => r.kind === 'milestone' && r.status !== 'rejected').map((r) => r.milestone?.kind));
  const open = MILESTONE_KINDS.filter((k) => milestoneStatus.get(k) !== 'verified');
  const wa = whatsappNumber(item.phone);

  const afterCapture = () => {
    setForm(null);
    if (navigator.onLine) void syncNow();
  };
  const saveVisit = async (values: VisitValues) => {
    await captureMentoring({
      userId,
      kind: 'visit',
      programmeId: item.programme.id,
      msmeId: item.msmeId,
      businessName: item.businessName,
      visit: { visitedOn: values.visitedOn, mode: values.mode, notes: values.notes || null, agreedActions: values.agreedActions },
      milestone: null,
      photos: values.photos,
    });
    afterCapture();
  };
  const saveMilestone = async (values: MilestoneValues) => {
    await captureMentoring({
      userId,
      kind: 'milestone',
      programmeId: item.programme.id,
      msmeId: item.msmeId,
      businessName: item.businessName,
      visit: null,
      milestone: { kind: values.kind, reachedOn: values.reachedOn, evidenceUrl: values.evidenceUrl || null, notes: values.notes || null },
      photos: values.photo ? [values.photo] : [],
    });
    afterCapture();
  };

  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={1} fz={20} style={{ overflowWrap: 'anywhere' }}>
          {item.businessName}
        </Title>
        <Text size="sm" fw={500}>
          {item.ownerName}
        </Text>
        <Text size="sm" c="dimmed">
          {[item.programme.code, item.address].filter(Boolean).join(' · ')}
        </Text>
        {item.maturityLevel !== null && (
          <Badge variant="light" color={item.maturityLevel >= 2 ? 'teal' : 'gray'} tt="none" mt={2}>
            {t('maturity.levelShort', { level: item.maturityLevel, label: t(`maturityLevel.${item.maturityLevel}` as 'maturityLevel.0') })}
          </Badge>
        )}
      </Stack>
      {item.phone && (
        <Group gap="xs" grow>
          <Button component="a" href={`tel:${item.phone}`} variant="light" size="sm">
            {t('trainer.mentoring.call')}
          </Button>
          {wa && (
            <Button component="a" href={`https://wa.me/${wa}`} target="_blank" rel="noopener noreferrer" variant="light" color="green" size="sm">
              {t('trainer.mentoring.whatsapp')}
            </Button>
          )}
        </Group>
      )}
      <Group grow gap="xs">
        <Button size="md" fz="sm" px="xs" onClick={() => setForm('visit')}>
          {t('trainer.mentoring.recordVisit')}
        </Button>
        <Button size="md" fz="sm" px="xs" variant="light" onClick={() => setForm('milestone')} disabled={open.length === 0}>
          {t('trainer.mentoring.recordMilestone')}
        </Button>
      </Group>
      <Button
        size="sm"
        variant="default"
        disabled={!online}
        onClick={() => {
          setSurveySaved(null);
          setSurveying(true);
        }}
        aria-label={t('mentoring.outcome.openFor', { business: item.businessName })}
      >
        {t('mentoring.outcome.open')}
      </Button>
      {!online && (
        <Text size="xs" c="dimmed">
          {t('trainer.mentoring.outcomeOnline')}
        </Text>
      )}
      {surveySaved && (
        <Alert color="teal" role="status">
          {surveySaved}
        </Alert>
      )}
      {surveying && (
        <Suspense fallback={null}>
          <OutcomeEntryModal programmeId={item.programme.id} item={item} onClose={() => setSurveying(false)} onSaved={setSurveySaved} />
        </Suspense>
      )}

      <Stack gap={6} component="section" aria-labelledby="milestones-title">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase" id="milestones-title">
          {t('trainer.mentoring.milestones')}
        </Text>
        <Group gap={4}>
          {MILESTONE_KINDS.map((kind) => {
            const status = milestoneStatus.get(kind);
            const waiting = pendingMilestones.has(kind);
            return (
              <Badge key={kind} variant={status === 'verified' ? 'filled' : 'light'} color={status ? STATUS_COLORS[status] : waiting ? 'yellow' : 'gray'} tt="none" size="sm">
                {t(`milestoneKind.${kind}`)}
                {status ? ` · ${t(`milestoneStatus.${status}`)}` : waiting ? ` · ${t('trainer.mentoring.onDevice')}` : ''}
              </Badge>
            );
          })}
        </Group>
      </Stack>

      <Stack gap={6} component="section" aria-labelledby="device-records-title">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase" id="device-records-title">
          {t('trainer.mentoring.recorded')}
        </Text>
        {records.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('trainer.mentoring.nothingRecorded')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('trainer.mentoring.recorded')}>
            {records.map((record) => (
              <MentoringRecordCard key={record.clientId} record={record} />
            ))}
          </Stack>
        )}
      </Stack>

      <Stack gap={6} component="section" aria-labelledby="history-title">
        <Text size="sm" fw={700} c="dimmed" tt="uppercase" id="history-title">
          {t('trainer.mentoring.history')}
        </Text>
        {visits.isPending ? (
          <PageLoader />
        ) : visits.isError ? (
          <Text size="sm" c="dimmed">
            {t('trainer.mentoring.historyOffline')}
          </Text>
        ) : history.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('mentoring.noVisits')}
          </Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('trainer.mentoring.history')}>
            {history.map((visit) => (
              <ServerVisit key={visit.id} visit={visit} />
            ))}
          </Stack>
        )}
      </Stack>

      <Modal opened={form === 'visit'} onClose={() => setForm(null)} title={t('trainer.mentoring.visitTitle', { name: item.businessName })} fullScreen>
        {form === 'visit' && <VisitForm onSubmit={saveVisit} onCancel={() => setForm(null)} />}
      </Modal>
      <Modal opened={form === 'milestone'} onClose={() => setForm(null)} title={t('trainer.mentoring.milestoneTitle', { name: item.businessName })} fullScreen>
        {form === 'milestone' && <MilestoneForm available={open} onSubmit={saveMilestone} onCancel={() => setForm(null)} />}
      </Modal>
    </Stack>
  );
}

/** One MSME of the caseload: contact, milestones, visits on this device and on the server; record a visit or a milestone. */
export function MsmeScreen({ userId, programmeId, msmeId }: { userId: string; programmeId: string; msmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const caseload = useMyCaseload(userId);
  const item = caseload.data?.data.items.find((i) => i.programme.id === programmeId && i.msmeId === msmeId);
  return (
    <Stack gap="sm">
      <Anchor
        href={CASELOAD_PATH}
        size="sm"
        onClick={(event) => {
          event.preventDefault();
          navigate(CASELOAD_PATH);
        }}
      >
        ‹ {t('trainer.mentoring.title')}
      </Anchor>
      {caseload.isPending ? (
        <PageLoader />
      ) : caseload.isError ? (
        <QueryError error={caseload.error} onRetry={() => void caseload.refetch()} />
      ) : !item ? (
        <EmptyMessage title={t('trainer.mentoring.notInCaseload')} />
      ) : (
        <>
          {caseload.data.fromCache && (
            <Alert color="gray" p="xs">
              {t('trainer.savedCopy', { time: format.dateTime(caseload.data.savedAt) })}
            </Alert>
          )}
          <Msme userId={userId} item={item} />
        </>
      )}
    </Stack>
  );
}
