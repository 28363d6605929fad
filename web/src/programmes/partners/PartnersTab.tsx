import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mouDownloadUrl, usePartnerships, useUpdatePartnership } from '../../api/partnerships.ts';
import type { Partnership, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { PartnerForm } from './PartnerForm.tsx';

type Editing = { mode: 'new' } | { mode: 'edit'; partnership: Partnership } | null;

function PartnerCard({ partnership, onEdit }: { partnership: Partnership; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const update = useUpdatePartnership(partnership.programmeId);
  const none = t('common.none');
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: partnership.id, input: { archived } }).then(() => notifySuccess(archived ? t('partners.archivedDone') : t('partners.restoredDone')));
  const doc = partnership.mouDocument;
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
          {doc && can('document.read') ? (
            <Anchor href={mouDownloadUrl(partnership.programmeId, partnership.id)} download={doc.filename} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {t('partners.download', { name: doc.filename, size: format.bytes(doc.size) })}
            </Anchor>
          ) : (
            <Text size="sm">{doc ? doc.filename : none}</Text>
          )}
        </div>
      </SimpleGrid>
      {partnership.mouScope && (
        <Text size="sm" mt="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {partnership.mouScope}
        </Text>
      )}
      {can('partnership.manage') && (
        <Group gap="xs" mt="sm">
          {partnership.archivedAt ? (
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
          )}
        </Group>
      )}
    </Paper>
  );
}

export function PartnersTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const query = usePartnerships(programme.id, includeArchived);
  const canManage = can('partnership.manage') && !programme.archivedAt;
  const items = query.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Switch label={t('common.showArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
        {canManage && <Button onClick={() => setEditing({ mode: 'new' })}>{t('partners.add')}</Button>}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyMessage title={t('partners.empty')} description={canManage ? t('partners.emptyHint') : undefined} />
      ) : (
        <Stack gap="sm">
          {items.map((partnership) => (
            <PartnerCard key={partnership.id} partnership={partnership} onEdit={() => setEditing({ mode: 'edit', partnership })} />
          ))}
        </Stack>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.mode === 'edit' ? t('partners.editTitle') : t('partners.addTitle')}>
        {editing && (
          <PartnerForm
            programmeId={programme.id}
            partnership={editing.mode === 'edit' ? editing.partnership : undefined}
            existingOrganisationIds={items.filter((p) => !p.archivedAt).map((p) => p.organisation.id)}
            onDone={() => setEditing(null)}
          />
        )}
      </ResponsiveModal>
    </Stack>
  );
}
