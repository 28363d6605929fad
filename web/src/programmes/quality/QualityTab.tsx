import { Alert, Anchor, Badge, Button, Card, Group, Pagination, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { QUALITY_CHECKS, TASK_PAGE_SIZE, useQualityTasks, useResolveQualityTask, useRunQualityChecks, type QualityCheck, type QualityFilters, type QualityTask } from '../../api/quality.ts';
import { MILESTONE_KINDS, type MilestoneKind, type Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';

const str = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** One sentence saying what the check found, from the task's numbers. */
function TaskSummary({ task }: { task: QualityTask }) {
  const { t } = useTranslation();
  const format = useFormat();
  const d = task.details;
  const session = { title: str(d.title), date: format.dateTime(str(d.startsAt)) };
  switch (task.check) {
    case 'session_over_capacity':
      return <Text size="sm">{t('quality.summary.session_over_capacity', { ...session, attended: str(d.attended), capacity: str(d.capacity) })}</Text>;
    case 'attendance_outside_window':
      return <Text size="sm">{t('quality.summary.attendance_outside_window', { ...session, outside: str(d.outside), grace: str(d.graceMinutes) })}</Text>;
    case 'participant_two_places': {
      const titles = list(d.titles).map(str);
      return <Text size="sm">{t('quality.summary.participant_two_places', { first: titles[0] ?? '', second: titles[1] ?? '' })}</Text>;
    }
    case 'attendance_spike':
      return <Text size="sm">{t('quality.summary.attendance_spike', { day: format.date(str(d.day)), attended: str(d.attended), usual: str(d.usual) })}</Text>;
    case 'missing_gender_sector':
      return (
        <Text size="sm">
          {t(task.subjectKey.startsWith('import:') ? 'quality.summary.missing_gender_sector_import' : 'quality.summary.missing_gender_sector', {
            gender: str(d.missingGender),
            sector: str(d.missingSector),
          })}
        </Text>
      );
    case 'milestone_without_evidence': {
      const kind = (MILESTONE_KINDS as readonly string[]).includes(str(d.kind)) ? t(`milestoneKind.${str(d.kind) as MilestoneKind}`) : str(d.kind);
      return <Text size="sm">{t('quality.summary.milestone_without_evidence', { kind, date: format.date(str(d.reachedOn)) })}</Text>;
    }
    case 'trainer_implausible_roster':
      return <Text size="sm">{t('quality.summary.trainer_implausible_roster', { ...session, checkIns: str(d.checkIns), plausible: str(d.plausible) })}</Text>;
  }
}

/** Links to the sessions and participants a task is about (for the roles that may open them). */
function TaskLinks({ task }: { task: QualityTask }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const d = task.details;
  const sessions = [str(d.sessionId), ...list(d.sessionIds).map(str)].filter(Boolean);
  const people = [str(d.personId), ...list(d.personIds).map(str)].filter(Boolean);
  if (sessions.length === 0 && (people.length === 0 || !can('participant.read'))) return null;
  return (
    <Group gap="xs">
      {sessions.map((id, i) => (
        <Anchor key={id} component={Link} to={`/sessions/${id}`} size="xs">
          {t('quality.openSession', { n: i + 1 })}
        </Anchor>
      ))}
      {can('participant.read') &&
        people.map((id, i) => (
          <Anchor key={id} component={Link} to={`/participants/${id}`} size="xs">
            {t('quality.openParticipant', { n: i + 1 })}
          </Anchor>
        ))}
    </Group>
  );
}

function ResolveForm({ programmeId, task, onDone }: { programmeId: string; task: QualityTask; onDone: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveQualityTask(programmeId);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!comment.trim()) return setError(t('validation.required'));
    resolve.mutate(
      { taskId: task.id, comment: comment.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('quality.resolved'));
          onDone();
        },
        onError: (e) => setError(isApiError(e) ? (e.fields.comment ?? e.message) : null),
      },
    );
  };
  return (
    <Stack gap="sm">
      <Text size="sm" fw={500}>
        {t(`quality.checks.${task.check}`)}
      </Text>
      <TaskSummary task={task} />
      <Textarea
        label={t('quality.fields.comment')}
        description={t('quality.commentHint')}
        required
        autosize
        minRows={3}
        value={comment}
        error={error}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          setError(null);
        }}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={resolve.isPending} onClick={submit}>
          {t('quality.resolve')}
        </Button>
      </Group>
    </Stack>
  );
}

function TaskCard({ task, onResolve }: { task: QualityTask; onResolve: (() => void) | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={t(`quality.checks.${task.check}`)}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600}>{t(`quality.checks.${task.check}`)}</Text>
          <TaskSummary task={task} />
          <TaskLinks task={task} />
        </Stack>
        <Badge variant="light" color={task.status === 'open' ? 'orange' : 'teal'} c={task.status === 'open' ? 'orange.9' : undefined} style={{ flexShrink: 0 }}>
          {t(`quality.status.${task.status}`)}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('quality.assignedTo', { name: task.assigneeName ?? t('quality.managers') })} · {t('quality.foundAt', { time: format.dateTime(task.firstFoundAt) })}
        {task.lastFoundAt !== task.firstFoundAt && ` · ${t('quality.lastFoundAt', { time: format.dateTime(task.lastFoundAt) })}`}
      </Text>
      {task.status === 'resolved' && (
        <Alert color={task.autoClosed ? 'gray' : 'teal'} p="xs" mt="xs">
          {task.autoClosed ? (
            t('quality.autoClosed', { time: format.dateTime(task.resolvedAt) })
          ) : (
            <>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {task.resolutionComment}
              </Text>
              <Text size="xs" c="dimmed">
                {t('quality.resolvedBy', { name: task.resolvedByName ?? '', time: format.dateTime(task.resolvedAt) })}
              </Text>
            </>
          )}
        </Alert>
      )}
      {onResolve && task.status === 'open' && (
        <Group mt="sm">
          <Button size="xs" variant="light" onClick={onResolve}>
            {t('quality.resolve')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

type StatusFilter = 'open' | 'resolved' | 'all';

/** Kualitas data: problems the checks found, routed to who can fix them; resolved ones stay as history. */
export function QualityTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [check, setCheck] = useState<QualityCheck | null>(null);
  const [assignee, setAssignee] = useState<'me' | 'none' | null>(null);
  const [page, setPage] = useState(1);
  const [resolving, setResolving] = useState<QualityTask | null>(null);
  const filters: QualityFilters = { status: status === 'all' ? null : status, check, assignee, page };
  const query = useQualityTasks(programme.id, filters);
  const run = useRunQualityChecks(programme.id);
  const canResolve = !programme.archivedAt;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={720}>
          {t('quality.intro')}
        </Text>
        {can('quality.run') && (
          <Button
            variant="light"
            loading={run.isPending}
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: (result) => notifySuccess(t('quality.ran', { found: result.checks.reduce((s, c) => s + c.found, 0), opened: result.checks.reduce((s, c) => s + c.opened, 0) })),
              })
            }
          >
            {t('quality.runNow')}
          </Button>
        )}
      </Group>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('quality.fields.status')}
          value={status}
          onChange={(value) => {
            setStatus(value as StatusFilter);
            setPage(1);
          }}
          data={[
            { value: 'open', label: t('quality.status.open') },
            { value: 'resolved', label: t('quality.history') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Select
          aria-label={t('quality.fields.check')}
          placeholder={t('quality.allChecks')}
          clearable
          w={300}
          data={QUALITY_CHECKS.map((value) => ({ value, label: `${t(`quality.checks.${value}`)}${query.data?.openByCheck[value] ? ` (${query.data.openByCheck[value]})` : ''}` }))}
          value={check}
          onChange={(value) => {
            setCheck(value as QualityCheck | null);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('quality.fields.assignee')}
          placeholder={t('quality.anyAssignee')}
          clearable
          w={220}
          data={[
            { value: 'me', label: t('quality.assignedToMe') },
            { value: 'none', label: t('quality.managers') },
          ]}
          value={assignee}
          onChange={(value) => {
            setAssignee(value as 'me' | 'none' | null);
            setPage(1);
          }}
        />
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={status === 'open' ? t('quality.emptyOpen') : t('quality.empty')} description={status === 'open' ? t('quality.emptyOpenHint') : undefined} />
      ) : (
        <Stack gap="sm">
          {query.data.items.map((task) => (
            <TaskCard key={task.id} task={task} onResolve={canResolve ? () => setResolving(task) : null} />
          ))}
          {query.data.total > TASK_PAGE_SIZE && <Pagination value={page} onChange={setPage} total={Math.ceil(query.data.total / TASK_PAGE_SIZE)} />}
        </Stack>
      )}
      <ResponsiveModal opened={resolving !== null} onClose={() => setResolving(null)} title={t('quality.resolveTitle')} size="md">
        {resolving && <ResolveForm programmeId={programme.id} task={resolving} onDone={() => setResolving(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
