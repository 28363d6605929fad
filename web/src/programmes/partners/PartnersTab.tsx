import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartnerships, useUpdatePartnership } from '../../api/partnerships.ts';
import { PARTNER_ROLES, type Partnership, type PartnerRole, type Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { listStatusChoice, listStatusQuery, ListStatusSelect } from '../../components/ListStatusSelect.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { useListParams, useSearchInput } from '../../hooks/use-list-params.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { PartnerForm } from './PartnerForm.tsx';
import { MouDocumentLink, PartnershipDetail } from './PartnershipDetail.tsx';

const PAGE_SIZE = 20;

type Editing = { mode: 'new' } | { mode: 'edit'; partnership: Partnership } | null;

function PartnerCard({ partnership, onEdit, onView }: { partnership: Partnership; onEdit: () => void; onView: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const update = useUpdatePartnership(partnership.programmeId);
  const none = t('common.none');
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: partnership.id, input: { archived } }).then(() => notifySuccess(archived ? t('partners.archivedDone') : t('partners.restoredDone')));
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={partnership.organisation.name}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{partnership.organisation.name}</Text>
          {partnership.organisation.shortName && (
            <Text size="xs" c="dimmed">
              {partnership.organisation.shortName}
            </Text>
          )}
        </div>
        <Group gap={4}>
          <Badge variant="light">{t(`partnerRole.${partnership.role}`)}</Badge>
          {partnership.archivedAt && <ArchivedBadge />}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" mt="sm">
        <div>
          <Text size="xs" c="dimmed">
            {t('partners.fields.mouNumber')}
          </Text>
          <Text size="sm">{partnership.mouNumber ?? none}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('partners.fields.mouSignedOn')}
          </Text>
          <Text size="sm">{format.date(partnership.mouSignedOn) || none}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            {t('partners.fields.mouDocument')}
          </Text>
          <Text size="sm" component="div">
            <MouDocumentLink partnership={partnership} />
          </Text>
        </div>
      </SimpleGrid>
      {partnership.mouScope && (
        <Text size="sm" mt="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {partnership.mouScope}
        </Text>
      )}
      <Group gap="xs" mt="sm">
        <Button size="xs" variant="default" onClick={onView}>
          {t('partners.details')}
        </Button>
        {can('partnership.manage') &&
          (partnership.archivedAt ? (
            <Button size="xs" variant="light" color="teal" loading={update.isPending} onClick={() => void setArchived(false).catch(() => {})}>
              {t('common.restore')}
            </Button>
          ) : (
            <>
              <Button size="xs" variant="light" onClick={onEdit}>
                {t('common.edit')}
              </Button>
              <ConfirmAction
                label={t('common.archive')}
                title={t('partners.archiveTitle')}
                message={t('partners.archiveMessage', { name: partnership.organisation.name })}
                confirmLabel={t('common.archive')}
                onConfirm={() => setArchived(true)}
              />
            </>
          ))}
      </Group>
    </Paper>
  );
}

/** Filters and the page number live in the URL (reload and shared links keep them). */
function usePartnerFilters() {
  const params = useListParams();
  const search = useSearchInput(params.get('q'), (value) => params.set('q', value));
  const role = (PARTNER_ROLES as readonly string[]).includes(params.get('role')) ? (params.get('role') as PartnerRole) : null;
  const status = listStatusChoice(params.get('status'));
  const query = { q: params.get('q') || undefined, role: role ?? undefined, ...listStatusQuery(status), page: params.page, pageSize: PAGE_SIZE };
  return { params, search, role, status, query, filtered: Boolean(query.q || role) || status === 'archived' };
}

export function PartnersTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const { params, search, role, status, query: listQuery, filtered } = usePartnerFilters();
  const [editing, setEditing] = useState<Editing>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const query = usePartnerships(programme.id, listQuery);
  const canManage = can('partnership.manage') && !programme.archivedAt;
  const items = query.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: '1 1 480px' }}>
          <TextInput label={t('common.search')} placeholder={t('partners.searchPlaceholder')} type="search" {...search} />
          <Select
            label={t('partners.fields.role')}
            placeholder={t('common.all')}
            clearable
            data={PARTNER_ROLES.map((value) => ({ value, label: t(`partnerRole.${value}`) }))}
            value={role}
            onChange={(value) => params.set('role', value)}
          />
          <ListStatusSelect value={status} onChange={(value) => params.set('status', value === 'active' ? null : value)} />
        </SimpleGrid>
        {canManage && <Button onClick={() => setEditing({ mode: 'new' })}>{t('partners.add')}</Button>}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyMessage
          title={filtered ? t('partners.emptyFiltered') : t('partners.empty')}
          description={filtered ? t('common.tryOtherFilters') : canManage ? t('partners.emptyHint') : undefined}
        />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <Stack gap="sm">
            {items.map((partnership) => (
              <PartnerCard
                key={partnership.id}
                partnership={partnership}
                onEdit={() => setEditing({ mode: 'edit', partnership })}
                onView={() => setViewing(partnership.id)}
              />
            ))}
          </Stack>
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
      <PartnershipDetail
        programmeId={programme.id}
        partnershipId={viewing}
        onClose={() => setViewing(null)}
        onEdit={
          canManage
            ? (partnership) => {
                setViewing(null);
                setEditing({ mode: 'edit', partnership });
              }
            : undefined
        }
      />
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.mode === 'edit' ? t('partners.editTitle') : t('partners.addTitle')}>
        {editing && (
          <PartnerForm
            programmeId={programme.id}
            partnership={editing.mode === 'edit' ? editing.partnership : undefined}
            // Partners on this page; the server refuses any other duplicate with a field message.
            existingOrganisationIds={items.filter((p) => !p.archivedAt).map((p) => p.organisation.id)}
            onDone={() => setEditing(null)}
          />
        )}
      </ResponsiveModal>
    </Stack>
  );
}
