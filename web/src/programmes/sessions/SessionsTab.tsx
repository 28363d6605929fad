import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCohorts, useSessions, useTrainers, type SessionFilters } from '../../api/sessions.ts';
import { useSites } from '../../api/sites.ts';
import { SESSION_STATUSES, type Programme, type SessionStatus } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { todayInJakarta } from '../../format/time-zone.ts';
import { useListParams } from '../../hooks/use-list-params.ts';
import { SessionForm } from '../../sessions/SessionForm.tsx';
import { SessionCalendar, type CalendarMode } from './SessionCalendar.tsx';
import { SessionCards, SessionTable } from './SessionList.tsx';

const PAGE_SIZE = 20;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const isStatus = (value: string): value is SessionStatus => (SESSION_STATUSES as readonly string[]).includes(value);

/** Sessions of a programme as a list or a calendar; the view and filters live in the URL. */
export function SessionsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const params = useListParams();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [creating, setCreating] = useState(false);
  const canManage = can('session.manage') && !programme.archivedAt;
  const sites = useSites(programme.id);
  const cohorts = useCohorts(programme.id);
  const trainers = useTrainers(programme.id, can('session.manage'));

  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const mode: CalendarMode = params.get('mode') === 'week' ? 'week' : 'month';
  const date = isDate(params.get('date')) ? params.get('date') : todayInJakarta();
  const filters: SessionFilters = {
    siteId: params.get('site') || undefined,
    status: isStatus(params.get('status')) ? (params.get('status') as SessionStatus) : undefined,
    cohortId: params.get('cohort') || undefined,
    trainerId: params.get('trainer') || undefined,
    from: isDate(params.get('from')) ? params.get('from') : undefined,
    to: isDate(params.get('to')) ? params.get('to') : undefined,
  };
  const list = useSessions(programme.id, filters, params.page, PAGE_SIZE);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <SegmentedControl
          aria-label={t('sessions.view')}
          value={view}
          onChange={(value) => params.set('view', value === 'calendar' ? 'calendar' : null)}
          data={[
            { value: 'list', label: t('sessions.viewList') },
            { value: 'calendar', label: t('sessions.viewCalendar') },
          ]}
        />
        {canManage && <Button onClick={() => setCreating(true)}>{t('sessions.add')}</Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: view === 'list' ? 4 : 3, lg: view === 'list' ? 6 : 3 }} spacing="sm">
        <Select
          label={t('sessions.fields.site')}
          placeholder={t('common.all')}
          clearable
          searchable
          data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={filters.siteId ?? null}
          onChange={(value) => params.set('site', value)}
        />
        <Select
          label={t('sessions.fields.status')}
          placeholder={t('common.all')}
          clearable
          data={SESSION_STATUSES.map((value) => ({ value, label: t(`sessionStatus.${value}`) }))}
          value={filters.status ?? null}
          onChange={(value) => params.set('status', value)}
        />
        {can('session.manage') && (
          <Select
            label={t('sessions.fields.trainer')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={(trainers.data?.items ?? []).map((tr) => ({ value: tr.id, label: tr.name }))}
            value={filters.trainerId ?? null}
            onChange={(value) => params.set('trainer', value)}
          />
        )}
        {view === 'list' && (
          <>
            <Select
              label={t('sessions.fields.cohort')}
              placeholder={t('common.all')}
              clearable
              data={(cohorts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={filters.cohortId ?? null}
              onChange={(value) => params.set('cohort', value)}
            />
            <TextInput type="date" label={t('sessions.from')} value={filters.from ?? ''} onChange={(event) => params.set('from', event.currentTarget.value || null)} />
            <TextInput type="date" label={t('sessions.to')} value={filters.to ?? ''} onChange={(event) => params.set('to', event.currentTarget.value || null)} />
          </>
        )}
      </SimpleGrid>
      {view === 'calendar' ? (
        <SessionCalendar
          programmeId={programme.id}
          filters={{ siteId: filters.siteId, status: filters.status, trainerId: filters.trainerId }}
          mode={mode}
          date={date}
          onChange={(next) => {
            if (next.mode) params.set('mode', next.mode === 'week' ? 'week' : null);
            if (next.date) params.set('date', next.date);
          }}
        />
      ) : list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyMessage
          title={filtered ? t('sessions.emptyFiltered') : t('sessions.empty')}
          description={filtered ? t('common.tryOtherFilters') : canManage ? t('sessions.emptyHint') : undefined}
        />
      ) : (
        <div style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }} aria-busy={list.isFetching}>
          {wide ? <SessionTable items={list.data.items} /> : <SessionCards items={list.data.items} />}
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={list.data.total} onPage={params.setPage} />
        </div>
      )}
      <ResponsiveModal opened={creating} onClose={() => setCreating(false)} title={t('sessions.addTitle')}>
        {creating && <SessionForm programmeId={programme.id} onCancel={() => setCreating(false)} onDone={(session) => void navigate(`/sessions/${session.id}`)} />}
      </ResponsiveModal>
    </Stack>
  );
}
