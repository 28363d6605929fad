import { Alert, Anchor, Badge, Button, Card, Group, Image, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { milestonePhotoUrl, useMilestones, useVerifyMilestone } from '../../api/mentoring.ts';
import { isApiError } from '../../api/client.ts';
import { MILESTONE_KINDS, type Milestone, type MilestoneKind, type MilestoneStatus, type Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';

export const MILESTONE_STATUS_COLORS: Record<MilestoneStatus, string> = { pending: 'yellow', verified: 'teal', rejected: 'red' };

export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={MILESTONE_STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0 }} c={status === 'pending' ? 'yellow.9' : undefined}>
      {t(`milestoneStatus.${status}`)}
    </Badge>
  );
}

function RejectForm({ programmeId, milestone, onDone }: { programmeId: string; milestone: Milestone; onDone: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyMilestone(programmeId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!reason.trim()) return setError(t('validation.required'));
    verify.mutate(
      { msmeId: milestone.msmeId, kind: milestone.kind, decision: 'rejected', reason: reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('milestones.rejected'));
          onDone();
        },
        onError: (e) => setError(isApiError(e) ? (e.fields.reason ?? null) : null),
      },
    );
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('milestones.rejectMessage', { kind: t(`milestoneKind.${milestone.kind}`), business: milestone.businessName ?? '' })}</Text>
      <Textarea
        label={t('milestones.fields.reason')}
        description={t('milestones.reasonHint')}
        required
        autosize
        minRows={2}
        value={reason}
        error={error}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          setError(null);
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={verify.isPending} onClick={submit}>
          {t('milestones.reject')}
        </Button>
      </Group>
    </Stack>
  );
}

function MilestoneCard({ programmeId, milestone, canVerify, onReject }: { programmeId: string; milestone: Milestone; canVerify: boolean; onReject: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useVerifyMilestone(programmeId);
  const kind = t(`milestoneKind.${milestone.kind}`);
  const hasEvidence = Boolean(milestone.evidenceUrl || milestone.evidencePhoto);
  const photo = milestonePhotoUrl(programmeId, milestone.msmeId, milestone.kind);
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={`${milestone.businessName ?? ''} — ${kind}`}>
      <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {milestone.businessName ?? t('common.none')}
          </Text>
          <Text size="sm">{kind}</Text>
        </Stack>
        <MilestoneStatusBadge status={milestone.status} />
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('milestones.reachedOn', { date: format.date(milestone.reachedOn) })} · {t('milestones.submittedAt', { time: format.dateTime(milestone.submittedAt) })}
      </Text>
      <Stack gap={6} mt="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('milestones.evidence')}
        </Text>
        {!hasEvidence && (
          <Text size="sm" c="orange.9">
            {t('milestones.noEvidence')}
          </Text>
        )}
        {milestone.evidenceUrl && (
          <Anchor href={milestone.evidenceUrl} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
            {milestone.evidenceUrl} ↗
          </Anchor>
        )}
        {milestone.evidencePhoto && (
          <Anchor href={photo} target="_blank" rel="noopener noreferrer" maw={220}>
            <Image src={photo} alt={t('milestones.photoAlt', { kind, business: milestone.businessName ?? '' })} radius="sm" h={140} fit="cover" loading="lazy" />
          </Anchor>
        )}
        {milestone.notes && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {milestone.notes}
          </Text>
        )}
      </Stack>
      {milestone.status === 'verified' && milestone.verifiedBy && (
        <Text size="xs" c="teal.9" mt="xs">
          {t('milestones.verifiedBy', { name: milestone.verifiedBy.name, time: format.dateTime(milestone.verifiedAt) })}
        </Text>
      )}
      {milestone.status === 'rejected' && (
        <Alert color="red" p="xs" mt="xs">
          {t('milestones.rejectedBecause', { reason: milestone.rejectionReason ?? '' })}
          {milestone.verifiedBy && (
            <Text size="xs" c="dimmed">
              {t('milestones.rejectedBy', { name: milestone.verifiedBy.name, time: format.dateTime(milestone.verifiedAt) })}
            </Text>
          )}
        </Alert>
      )}
      {canVerify && milestone.status === 'pending' && (
        <Group gap="xs" mt="sm">
          <Button
            size="xs"
            color="teal"
            disabled={!hasEvidence}
            loading={verify.isPending}
            onClick={() => verify.mutate({ msmeId: milestone.msmeId, kind: milestone.kind, decision: 'verified' }, { onSuccess: () => notifySuccess(t('milestones.verified')) })}
          >
            {t('milestones.verify')}
          </Button>
          <Button size="xs" variant="light" color="red" onClick={onReject}>
            {t('milestones.reject')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

type StatusFilter = MilestoneStatus | 'all';

/** Capaian: milestones reported by mentors, waiting for a coordinator to check the evidence. */
export function MilestonesTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [kind, setKind] = useState<MilestoneKind | null>(null);
  const [rejecting, setRejecting] = useState<Milestone | null>(null);
  const query = useMilestones(programme.id, status === 'all' ? null : status);
  const canVerify = can('milestone.verify') && !programme.archivedAt;
  const items = (query.data?.items ?? []).filter((m) => !kind || m.kind === kind);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        {t('milestones.intro')}
      </Text>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('milestones.fields.status')}
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={[
            { value: 'pending', label: t('milestones.queue') },
            { value: 'verified', label: t('milestoneStatus.verified') },
            { value: 'rejected', label: t('milestoneStatus.rejected') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Select
          aria-label={t('milestones.fields.kind')}
          placeholder={t('milestones.allKinds')}
          clearable
          w={260}
          data={MILESTONE_KINDS.map((value) => ({ value, label: t(`milestoneKind.${value}`) }))}
          value={kind}
          onChange={(value) => setKind(value as MilestoneKind | null)}
        />
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyMessage title={status === 'pending' ? t('milestones.emptyQueue') : t('milestones.empty')} description={status === 'pending' ? t('milestones.emptyQueueHint') : undefined} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
          {items.map((milestone) => (
            <MilestoneCard key={milestone.id} programmeId={programme.id} milestone={milestone} canVerify={canVerify} onReject={() => setRejecting(milestone)} />
          ))}
        </SimpleGrid>
      )}
      <ResponsiveModal opened={rejecting !== null} onClose={() => setRejecting(null)} title={t('milestones.rejectTitle')} size="md">
        {rejecting && <RejectForm programmeId={programme.id} milestone={rejecting} onDone={() => setRejecting(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
