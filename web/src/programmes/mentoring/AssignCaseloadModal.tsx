import { Alert, Badge, Button, Checkbox, Group, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.ts';
import { useAssignCaseload } from '../../api/mentoring.ts';
import { useParticipants } from '../../api/participants.ts';
import { useTrainers } from '../../api/sessions.ts';
import type { CaseloadResult, ParticipantDetail, ParticipantRow } from '../../api/types.ts';
import { QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { notifySuccess } from '../../notify.ts';

/**
 * The participant list does not carry the business id that caseloads are made of: it is read
 * from each chosen participant's page (a handful of requests for a mentor's caseload).
 */
async function businessesOf(personIds: string[]): Promise<{ msmeIds: string[]; withoutBusiness: number }> {
  const details = await Promise.all(personIds.map((id) => apiFetch<ParticipantDetail>(`/api/participants/${id}`)));
  const msmeIds = details.map((d) => d.msme?.id).filter((id): id is string => Boolean(id));
  return { msmeIds, withoutBusiness: details.length - msmeIds.length };
}

/** Assign MSMEs of the programme to a mentor (a trainer account): pick the mentor, find the businesses, tick them. */
export function AssignCaseloadModal({ programmeId, assigned, onClose }: { programmeId: string; assigned: Set<string>; onClose: () => void }) {
  const { t } = useTranslation();
  const trainers = useTrainers(programmeId);
  const assign = useAssignCaseload(programmeId);
  const [mentor, setMentor] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const participants = useParticipants(programmeId, { q: q || undefined }, null, 50);
  const [picked, setPicked] = useState<Map<string, ParticipantRow>>(new Map());
  const [resolving, setResolving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<(CaseloadResult & { withoutBusiness: number }) | null>(null);

  const toggle = (row: ParticipantRow, on: boolean) =>
    setPicked((current) => {
      const next = new Map(current);
      if (on) next.set(row.personId, row);
      else next.delete(row.personId);
      return next;
    });

  const submit = async () => {
    if (!mentor) return;
    setProblem(null);
    setResolving(true);
    let found: Awaited<ReturnType<typeof businessesOf>>;
    try {
      found = await businessesOf([...picked.keys()]);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return;
    } finally {
      setResolving(false);
    }
    if (found.msmeIds.length === 0) return setProblem(t('mentoring.assign.noBusiness'));
    // A refusal is shown by the mutation's notification.
    assign.mutate(
      { mentorUserId: mentor, msmeIds: found.msmeIds },
      {
        onSuccess: (answer) => {
          setResult({ ...answer, withoutBusiness: found.withoutBusiness });
          if (answer.added.length > 0) notifySuccess(t('mentoring.assign.done', { count: answer.added.length }));
          setPicked(new Map());
        },
      },
    );
  };

  const rows = (participants.data?.items ?? []).filter((row) => row.businessName);
  return (
    <ResponsiveModal opened onClose={onClose} title={t('mentoring.assign.title')}>
      <Stack gap="sm">
        <Select
          label={t('mentoring.fields.mentor')}
          description={t('mentoring.assign.mentorHint')}
          required
          searchable
          placeholder={t('common.choose')}
          data={(trainers.data?.items ?? []).map((tr) => ({ value: tr.id, label: tr.organisation ? `${tr.name} (${tr.organisation.name})` : tr.name }))}
          nothingFoundMessage={t('sessions.noTrainers')}
          value={mentor}
          onChange={setMentor}
        />
        <TextInput
          type="search"
          label={t('mentoring.assign.find')}
          placeholder={t('participants.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
        {participants.isError ? (
          <QueryError error={participants.error} onRetry={() => void participants.refetch()} />
        ) : (
          <ScrollArea.Autosize mah={300} type="auto" offsetScrollbars>
            <Stack gap={6} aria-label={t('mentoring.assign.candidates')} role="group">
              {rows.length === 0 && !participants.isPending && (
                <Text size="sm" c="dimmed">
                  {t('mentoring.assign.noCandidates')}
                </Text>
              )}
              {rows.map((row) => (
                <Checkbox
                  key={row.personId}
                  checked={picked.has(row.personId)}
                  onChange={(event) => toggle(row, event.currentTarget.checked)}
                  label={
                    <Group gap={6} wrap="wrap">
                      <Text size="sm" fw={500}>
                        {row.businessName}
                      </Text>
                      <Text size="sm" c="dimmed">
                        {row.name}
                      </Text>
                    </Group>
                  }
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        {picked.size > 0 && (
          <Group gap={4}>
            <Text size="sm">{t('mentoring.assign.picked', { count: picked.size })}</Text>
            {[...picked.values()].map((row) => (
              <Badge key={row.personId} variant="light" tt="none">
                {row.businessName}
              </Badge>
            ))}
          </Group>
        )}
        {assigned.size > 0 && (
          <Text size="xs" c="dimmed">
            {t('mentoring.assign.alreadyHint')}
          </Text>
        )}
        {problem && (
          <Alert color="red" role="alert" p="xs">
            {problem}
          </Alert>
        )}
        {result && (
          <Alert color="teal" role="status" p="xs">
            {t('mentoring.assign.result', { added: result.added.length, already: result.already.length, notEnrolled: result.notEnrolled.length + result.withoutBusiness })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? t('common.close') : t('common.cancel')}
          </Button>
          <Button disabled={!mentor || picked.size === 0} loading={resolving || assign.isPending} onClick={() => void submit()}>
            {t('mentoring.assign.submit', { count: picked.size })}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
