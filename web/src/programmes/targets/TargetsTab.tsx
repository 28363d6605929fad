import { Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../../api/reference.ts';
import { useTargets, useUpdateTarget } from '../../api/targets.ts';
import type { Programme, Target } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { regionDisplayName } from '../../format/region-name.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { useIndicatorLabel, useSectorLabel } from './indicator-label.ts';
import { TargetForm } from './TargetForm.tsx';

function TargetActions({ target, onEdit }: { target: Target; onEdit: () => void }) {
  const { t } = useTranslation();
  const indicatorLabel = useIndicatorLabel();
  const update = useUpdateTarget(target.programmeId);
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: target.id, input: { archived } }).then(() => notifySuccess(archived ? t('targets.archivedDone') : t('targets.restoredDone')));
  if (target.archivedAt) {
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
        title={t('targets.archiveTitle')}
        message={t('targets.archiveMessage', { indicator: indicatorLabel(target.indicator) })}
        confirmLabel={t('common.archive')}
        onConfirm={() => setArchived(true)}
      />
    </Group>
  );
}

export function TargetsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const indicatorLabel = useIndicatorLabel();
  const sectorLabel = useSectorLabel();
  const reference = useReference();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<{ target?: Target } | null>(null);
  const query = useTargets(programme.id, includeArchived);
  const canManage = can('target.manage') && !programme.archivedAt;
  const none = t('common.none');
  const unitOf = (code: string) => reference.data?.indicators.find((i) => i.code === code)?.unit;
  const value = (target: Target) => (unitOf(target.indicator) === 'percent' ? `${format.number(target.value)}%` : format.number(target.value));
  const scope = (target: Target) =>
    [
      target.site?.name,
      target.region && regionDisplayName(target.region.name),
      target.sector && sectorLabel(target.sector),
      target.gender && t(`gender.${target.gender}`),
    ]
      .filter(Boolean)
      .join(' · ') || t('targets.wholeProgramme');

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Switch label={t('common.showArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
        {canManage && <Button onClick={() => setEditing({})}>{t('targets.add')}</Button>}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('targets.empty')} description={canManage ? t('targets.emptyHint') : undefined} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('targets.fields.indicator')}</Table.Th>
                <Table.Th ta="right">{t('targets.fields.value')}</Table.Th>
                <Table.Th>{t('targets.fields.scope')}</Table.Th>
                <Table.Th>{t('targets.fields.period')}</Table.Th>
                <Table.Th>{t('targets.fields.notes')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((target) => (
                <Table.Tr key={target.id}>
                  <Table.Td>
                    <Group gap={4}>
                      <Text size="sm" fw={500}>
                        {indicatorLabel(target.indicator)}
                      </Text>
                      {target.archivedAt && <ArchivedBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {value(target)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{scope(target)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.dateRange(target.periodStart, target.periodEnd) || none}</Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="sm" c="dimmed" lineClamp={3}>
                      {target.notes ?? none}
                    </Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <TargetActions target={target} onEdit={() => setEditing({ target })} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.target ? t('targets.editTitle') : t('targets.addTitle')}>
        {editing && <TargetForm programmeId={programme.id} target={editing.target} onDone={() => setEditing(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
