import { Badge, Button, Card, Collapse, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseloads, useEndCaseload } from '../../api/mentoring.ts';
import type { CaseloadItem, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { useSectorLabel } from '../targets/indicator-label.ts';
import { AssignCaseloadModal } from './AssignCaseloadModal.tsx';
import { OutcomeEntryModal } from './OutcomeEntryModal.tsx';
import { VisitList } from './VisitList.tsx';

type Mentor = { id: string; name: string; items: CaseloadItem[] };

function byMentor(items: CaseloadItem[]): Mentor[] {
  const mentors = new Map<string, Mentor>();
  for (const item of items) {
    const mentor = mentors.get(item.mentor.id) ?? { id: item.mentor.id, name: item.mentor.name, items: [] };
    mentor.items.push(item);
    mentors.set(item.mentor.id, mentor);
  }
  return [...mentors.values()];
}

export function MaturityBadge({ level }: { level: number | null }) {
  const { t } = useTranslation();
  if (level === null) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
  return (
    <Badge variant="light" color={level >= 2 ? 'teal' : 'gray'} tt="none">
      {t('maturity.levelShort', { level, label: t(`maturityLevel.${level}` as 'maturityLevel.0') })}
    </Badge>
  );
}

function EndButton({ programmeId, item }: { programmeId: string; item: CaseloadItem }) {
  const { t } = useTranslation();
  const end = useEndCaseload(programmeId);
  return (
    <ConfirmAction
      label={t('mentoring.end')}
      title={t('mentoring.endTitle')}
      message={t('mentoring.endMessage', { business: item.businessName, mentor: item.mentor.name })}
      confirmLabel={t('mentoring.end')}
      onConfirm={() => end.mutateAsync({ mentorUserId: item.mentor.id, msmeIds: [item.msmeId] }).then(() => notifySuccess(t('mentoring.ended')))}
    />
  );
}

function VisitsToggle({ open, count, onToggle, name }: { open: boolean; count: number; onToggle: () => void; name: string }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant={open ? 'filled' : 'light'} onClick={onToggle} aria-expanded={open} aria-label={t('mentoring.showVisits', { name, count })}>
      {t('mentoring.visitsCount', { count })}
    </Button>
  );
}

function OutcomeButton({ item, onOpen }: { item: CaseloadItem; onOpen: () => void }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="light" onClick={onOpen} aria-label={t('mentoring.outcome.openFor', { business: item.businessName })}>
      {t('mentoring.outcome.open')}
    </Button>
  );
}

function MentorCaseload({ programmeId, mentor, canManage, canRecord }: { programmeId: string; mentor: Mentor; canManage: boolean; canRecord: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sectorLabel = useSectorLabel();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [open, setOpen] = useState<string | null>(null);
  const toggle = (id: string) => setOpen((current) => (current === id ? null : id));
  const [entering, setEntering] = useState<CaseloadItem | null>(null);
  const actions = canManage || canRecord;
  const visits = mentor.items.reduce((sum, i) => sum + i.visits, 0);
  const none = t('common.none');

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-label={mentor.name}>
      <Group justify="space-between" gap="xs" mb="sm">
        <Title order={3} size="h5">
          {mentor.name}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mentoring.mentorSummary', { msmes: format.number(mentor.items.length), visits: format.number(visits) })}
        </Text>
      </Group>
      {wide ? (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} aria-label={t('mentoring.caseloadOf', { name: mentor.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.fields.businessName')}</Table.Th>
                <Table.Th>{t('participants.fields.sector')}</Table.Th>
                <Table.Th>{t('mentoring.fields.maturity')}</Table.Th>
                <Table.Th>{t('mentoring.fields.lastVisit')}</Table.Th>
                <Table.Th>{t('mentoring.fields.visits')}</Table.Th>
                {actions && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mentor.items.map((item) => (
                <Fragment key={item.msmeId}>
                  <Table.Tr aria-label={item.businessName}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {item.businessName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {item.ownerName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{sectorLabel(item.sector)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <MaturityBadge level={item.maturityLevel} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.lastVisitOn ? format.date(item.lastVisitOn) : none}</Text>
                    </Table.Td>
                    <Table.Td>
                      <VisitsToggle open={open === item.msmeId} count={item.visits} onToggle={() => toggle(item.msmeId)} name={item.businessName} />
                    </Table.Td>
                    {actions && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {canRecord && <OutcomeButton item={item} onOpen={() => setEntering(item)} />}
                          {canManage && <EndButton programmeId={programmeId} item={item} />}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                  {open === item.msmeId && (
                    <Table.Tr>
                      <Table.Td colSpan={actions ? 6 : 5} bg="gray.0">
                        <VisitList programmeId={programmeId} msmeId={item.msmeId} businessName={item.businessName} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {mentor.items.map((item) => (
            <Card key={item.msmeId} withBorder radius="md" padding="sm" component="article" aria-label={item.businessName}>
              <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {item.businessName}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {item.ownerName} · {sectorLabel(item.sector)}
                  </Text>
                </Stack>
                <MaturityBadge level={item.maturityLevel} />
              </Group>
              <Text size="sm" mt={4}>
                {t('mentoring.fields.lastVisit')}: {item.lastVisitOn ? format.date(item.lastVisitOn) : none}
              </Text>
              <Group gap="xs" mt={6} justify="space-between">
                <VisitsToggle open={open === item.msmeId} count={item.visits} onToggle={() => toggle(item.msmeId)} name={item.businessName} />
                {actions && (
                  <Group gap="xs">
                    {canRecord && <OutcomeButton item={item} onOpen={() => setEntering(item)} />}
                    {canManage && <EndButton programmeId={programmeId} item={item} />}
                  </Group>
                )}
              </Group>
              <Collapse expanded={open === item.msmeId}>
                {open === item.msmeId && (
                  <Stack mt="xs">
                    <VisitList programmeId={programmeId} msmeId={item.msmeId} businessName={item.businessName} />
                  </Stack>
                )}
              </Collapse>
            </Card>
          ))}
        </Stack>
      )}
      {entering && <OutcomeEntryModal programmeId={programmeId} item={entering} onClose={() => setEntering(null)} />}
    </Paper>
  );
}

/** Pendampingan: mentors' caseloads of MSMEs and their visits (recorded in the trainer app, often offline). */
export function MentoringTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const query = useCaseloads(programme.id);
  const [mentorFilter, setMentorFilter] = useState<string | null>(null);
  const [assigning, setAssigning] = useState(false);
  const canManage = can('mentoring.manage') && !programme.archivedAt;
  const canRecord = can('outcome.record') && !programme.archivedAt;

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  const mentors = byMentor(items);
  const shown = mentorFilter ? mentors.filter((m) => m.id === mentorFilter) : mentors;
  const visited = items.filter((i) => i.visits > 0).length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={640} style={{ flex: '1 1 280px' }}>
          {t('mentoring.intro')}
        </Text>
        {canManage && <Button onClick={() => setAssigning(true)}>{t('mentoring.assign.open')}</Button>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <StatCard label={t('mentoring.stats.mentors')} value={format.number(mentors.length)} />
        <StatCard label={t('mentoring.stats.msmes')} value={format.number(items.length)} />
        <StatCard label={t('mentoring.stats.visited')} value={format.number(visited)} />
        <StatCard label={t('mentoring.stats.visits')} value={format.number(items.reduce((sum, i) => sum + i.visits, 0))} />
      </SimpleGrid>
      {mentors.length > 1 && (
        <Select
          label={t('mentoring.fields.mentor')}
          placeholder={t('common.all')}
          clearable
          maw={360}
          data={mentors.map((m) => ({ value: m.id, label: m.name }))}
          value={mentorFilter}
          onChange={setMentorFilter}
        />
      )}
      {items.length === 0 ? (
        <EmptyMessage title={t('mentoring.empty')} description={canManage ? t('mentoring.emptyHint') : undefined} />
      ) : (
        shown.map((mentor) => <MentorCaseload key={mentor.id} programmeId={programme.id} mentor={mentor} canManage={canManage} canRecord={canRecord} />)
      )}
      {assigning && <AssignCaseloadModal programmeId={programme.id} assigned={new Set(items.map((i) => i.msmeId))} onClose={() => setAssigning(false)} />}
    </Stack>
  );
}
