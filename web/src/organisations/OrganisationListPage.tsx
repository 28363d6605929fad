import { Anchor, Badge, Button, Group, Select, SimpleGrid, Switch, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisations, useUpdateOrganisation } from '../api/organisations.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { ListFooter } from '../components/ListFooter.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../components/StatusBadge.tsx';
import { useListParams, useSearchInput } from '../hooks/use-list-params.ts';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { OrganisationForm } from './OrganisationForm.tsx';

const PAGE_SIZE = 20;

function OrganisationActions({ organisation, onEdit }: { organisation: Organisation; onEdit: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation();
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: organisation.id, input: { archived } }).then(() => notifySuccess(archived ? t('organisations.archivedDone') : t('organisations.restoredDone')));
  if (organisation.archivedAt) {
    return (
      <Button size="xs" variant="light" color="teal" loading={update.isPending} onClick={() => void setArchived(false).catch(() => {})}>
        {t('common.restore')}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size="xs" variant="light" onClick={onEdit}>
        {t('common.edit')}
      </Button>
      <ConfirmAction
        label={t('common.archive')}
        title={t('organisations.archiveTitle')}
        message={t('organisations.archiveMessage', { name: organisation.name })}
        confirmLabel={t('common.archive')}
        onConfirm={() => setArchived(true)}
      />
    </Group>
  );
}

export default function OrganisationListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const params = useListParams();
  const search = useSearchInput(params.get('q'), (value) => params.set('q', value));
  const kind = params.get('kind') as OrganisationKind | '';
  const includeArchived = params.flag('archived');
  const [editing, setEditing] = useState<{ organisation?: Organisation } | null>(null);
  const allowed = can('organisation.list');
  const query = useOrganisations(
    { q: params.get('q') || undefined, kind: kind || undefined, includeArchived: includeArchived || undefined, page: params.page, pageSize: PAGE_SIZE },
    { enabled: allowed },
  );
  if (!allowed) return <Forbidden />;
  const canManage = can('organisation.manage');
  const filtered = Boolean(params.get('q') || kind);

  return (
    <>
      <PageHeader
        title={t('organisations.title')}
        subtitle={t('organisations.subtitle')}
        actions={canManage && <Button onClick={() => setEditing({})}>{t('organisations.new')}</Button>}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="md">
        <TextInput label={t('common.search')} placeholder={t('organisations.searchPlaceholder')} type="search" {...search} />
        <Select
          label={t('organisations.fields.kind')}
          placeholder={t('common.all')}
          clearable
          data={ORGANISATION_KINDS.map((value) => ({ value, label: t(`organisationKind.${value}`) }))}
          value={kind || null}
          onChange={(value) => params.set('kind', value)}
        />
        <Switch
          label={t('common.includeArchived')}
          checked={includeArchived}
          onChange={(event) => params.set('archived', event.currentTarget.checked ? 'true' : null)}
          mt={{ base: 0, sm: 30 }}
        />
      </SimpleGrid>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={filtered ? t('organisations.emptyFiltered') : t('organisations.empty')} description={filtered ? t('common.tryOtherFilters') : undefined} />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('organisations.fields.name')}</Table.Th>
                  <Table.Th>{t('organisations.fields.kind')}</Table.Th>
                  <Table.Th>{t('organisations.fields.website')}</Table.Th>
                  <Table.Th ta="right">{t('organisations.fields.programmes')}</Table.Th>
                  {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((organisation) => (
                  <Table.Tr key={organisation.id}>
                    <Table.Td>
                      <Group gap={6}>
                        <Text size="sm" fw={500}>
                          {organisation.name}
                        </Text>
                        {organisation.archivedAt && <ArchivedBadge />}
                      </Group>
                      {organisation.shortName && (
                        <Text size="xs" c="dimmed">
                          {organisation.shortName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray">
                        {t(`organisationKind.${organisation.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {organisation.website ? (
                        <Anchor href={organisation.website} target="_blank" rel="noreferrer" size="sm">
                          {organisation.website.replace(/^https?:\/\//, '')}
                        </Anchor>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{format.number(organisation.programmeCount)}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        <OrganisationActions organisation={organisation} onEdit={() => setEditing({ organisation })} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.organisation ? t('organisations.editTitle') : t('organisations.new')}>
        {editing && <OrganisationForm organisation={editing.organisation} onDone={() => setEditing(null)} />}
      </ResponsiveModal>
    </>
  );
}
