import { Code, SimpleGrid, Table, Text, TextInput, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuditEvents, useAuditFilters, type AuditActor, type AuditEvent } from '../api/audit.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { ListFooter } from '../components/ListFooter.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';
import { useListParams } from '../hooks/use-list-params.ts';
import { useFormat } from '../i18n/use-format.ts';

const PAGE_SIZE = 25;

function useActorLabel() {
  const { t } = useTranslation();
  return (actor: AuditActor | null) => {
    if (!actor) return t('audit.system');
    const role = t(`role.${actor.role}`);
    // Viewers get no names: the role and a short id tell actors apart.
    return actor.name ? `${actor.name} (${role})` : `${role} #${actor.id.slice(0, 8)}`;
  };
}

function AuditRow({ event }: { event: AuditEvent }) {
  const format = useFormat();
  const actorLabel = useActorLabel();
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.at)}</Table.Td>
      <Table.Td>
        <Text size="sm">{actorLabel(event.actor)}</Text>
        {event.actor?.email && (
          <Text size="xs" c="dimmed">
            {event.actor.email}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Code>{event.action}</Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{event.entityType}</Text>
        {event.entityId && (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            {event.entityId}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{event.programmeCode ?? ''}</Table.Td>
      <Table.Td>
        {event.details && (
          <Code block style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>
            {JSON.stringify(event.details)}
          </Code>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The audit trail for admins and viewers (viewers get personal values redacted by the server). */
export default function AuditPage() {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const params = useListParams();
  const actorLabel = useActorLabel();
  const allowed = can('audit.read');
  const filters = useAuditFilters({ enabled: allowed });
  const query = useAuditEvents(
    {
      actorUserId: params.get('actor') || undefined,
      action: params.get('action') || undefined,
      entityType: params.get('entity') || undefined,
      from: params.get('from') || undefined,
      to: params.get('to') || undefined,
      page: params.page,
      pageSize: PAGE_SIZE,
    },
    { enabled: allowed },
  );
  if (!allowed) return <Forbidden />;

  const options = (values: string[] | undefined) => (values ?? []).map((value) => ({ value, label: value }));
  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mb="md">
        <Select
          label={t('audit.fields.actor')}
          placeholder={t('common.all')}
          clearable
          searchable
          data={(filters.data?.actors ?? []).map((actor) => ({ value: actor.id, label: actorLabel(actor) }))}
          value={params.get('actor') || null}
          onChange={(value) => params.set('actor', value)}
        />
        <Select label={t('audit.fields.action')} placeholder={t('common.all')} clearable searchable data={options(filters.data?.actions)} value={params.get('action') || null} onChange={(value) => params.set('action', value)} />
        <Select label={t('audit.fields.entity')} placeholder={t('common.all')} clearable searchable data={options(filters.data?.entityTypes)} value={params.get('entity') || null} onChange={(value) => params.set('entity', value)} />
        <TextInput label={t('audit.fields.from')} type="date" value={params.get('from')} onChange={(e) => params.set('from', e.currentTarget.value)} />
        <TextInput label={t('audit.fields.to')} type="date" value={params.get('to')} onChange={(e) => params.set('to', e.currentTarget.value)} />
      </SimpleGrid>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('audit.empty')} description={t('common.tryOtherFilters')} />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="sm" aria-label={t('audit.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.fields.at')}</Table.Th>
                  <Table.Th>{t('audit.fields.actor')}</Table.Th>
                  <Table.Th>{t('audit.fields.action')}</Table.Th>
                  <Table.Th>{t('audit.fields.entity')}</Table.Th>
                  <Table.Th>{t('audit.fields.programme')}</Table.Th>
                  <Table.Th>{t('audit.fields.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((event) => (
                  <AuditRow key={event.id} event={event} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
    </>
  );
}
