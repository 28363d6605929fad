import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../../api/reference.ts';
import { useRegionSearch } from '../../api/regions.ts';
import { useSites } from '../../api/sites.ts';
import { useTargets, useUpdateTarget, type TargetListParams } from '../../api/targets.ts';
import { GENDERS, type Gender, type Programme, type Target } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { listStatusChoice, listStatusQuery, ListStatusSelect } from '../../components/ListStatusSelect.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { RegionPicker, regionOption } from '../../components/RegionPicker.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { regionDisplayName } from '../../format/region-name.ts';
import { useListParams } from '../../hooks/use-list-params.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { useIndicatorLabel, useSectorLabel } from './indicator-label.ts';
import { TargetDetail, useTargetValue } from './TargetDetail.tsx';
import { TargetForm } from './TargetForm.tsx';

const PAGE_SIZE = 20;
const REGION_LEVELS = [1, 2] as const;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The filters live in the URL (reload and shared links keep them); changing one goes back to page 1. */
function useTargetFilters() {
  const params = useListParams();
  const gender = (GENDERS as readonly string[]).includes(params.get('gender')) ? (params.get('gender') as Gender) : null;
  const values = {
    indicator: params.get('indicator') || null,
    site: params.get('site') || null,
    region: /^\d{2}(\.\d{2})?$/.test(params.get('region')) ? params.get('region') : null,
    sector: params.get('sector') || null,
    gender,
    from: isDate(params.get('from')) ? params.get('from') : '',
    to: isDate(params.get('to')) ? params.get('to') : '',
  };
  const status = listStatusChoice(params.get('status'));
  const query: TargetListParams = {
    indicator: values.indicator ?? undefined,
    siteId: values.site ?? undefined,
    regionCode: values.region ?? undefined,
    sector: values.sector ?? undefined,
    gender: values.gender ?? undefined,
    periodFrom: values.from || undefined,
    periodTo: values.to || undefined,
    ...listStatusQuery(status),
    page: params.page,
    pageSize: PAGE_SIZE,
  };
  const chosen = Object.values(values).filter(Boolean).length + (status === 'active' ? 0 : 1);
  return { params, values, status, query, chosen };
}

/** The label of a region chosen in an earlier visit (code in the URL), looked up by its code. */
function useRegionFilterOption(code: string | null) {
  const query = useRegionSearch(code ?? '', REGION_LEVELS);
  const region = code ? query.data?.items.find((r) => r.code === code) : undefined;
  return region ? [regionOption(region)] : [];
}

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
  const targetValue = useTargetValue();
  const reference = useReference();
  const sites = useSites(programme.id);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [filtersOpen, filtersToggle] = useDisclosure(false);
  const { params, values, status, query: listQuery, chosen } = useTargetFilters();
  const regionOptions = useRegionFilterOption(values.region);
  const [editing, setEditing] = useState<{ target?: Target } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const query = useTargets(programme.id, listQuery);
  const canManage = can('target.manage') && !programme.archivedAt;
  const none = t('common.none');
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
      <Group justify="flex-end" gap="xs">
        {!wide && (
          <Button variant="light" onClick={filtersToggle.toggle} aria-expanded={filtersOpen}>
            {chosen > 0 ? t('targets.filtersActive', { count: chosen }) : t('targets.filters')}
          </Button>
        )}
        {canManage && <Button onClick={() => setEditing({})}>{t('targets.add')}</Button>}
      </Group>
      {/* Shown without an animation: a select clicked while its frame still grew kept its list hidden. */}
      {(wide || filtersOpen) && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <Select
            label={t('targets.fields.indicator')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={(reference.data?.indicators ?? []).map((i) => ({ value: i.code, label: indicatorLabel(i.code) }))}
            nothingFoundMessage={t('common.noResults')}
            value={values.indicator}
            onChange={(value) => params.set('indicator', value)}
          />
          <Select
            label={t('targets.fields.site')}
            placeholder={t('common.all')}
            clearable
            searchable
            data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} — ${regionDisplayName(s.region.name)}` }))}
            nothingFoundMessage={t('common.noResults')}
            value={values.site}
            onChange={(value) => params.set('site', value)}
          />
          <RegionPicker
            label={t('targets.fields.region')}
            placeholder={t('common.all')}
            clearable
            levels={REGION_LEVELS}
            initialOptions={regionOptions}
            value={values.region}
            onChange={(code) => params.set('region', code)}
          />
          <Select
            label={t('targets.fields.sector')}
            placeholder={t('common.all')}
            clearable
            data={(reference.data?.sectors ?? []).map((value) => ({ value, label: sectorLabel(value) }))}
            value={values.sector}
            onChange={(value) => params.set('sector', value)}
          />
          <Select
            label={t('targets.fields.gender')}
            placeholder={t('common.all')}
            clearable
            data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
            value={values.gender}
            onChange={(value) => params.set('gender', value)}
          />
          <TextInput type="date" label={t('targets.periodFrom')} value={values.from} onChange={(event) => params.set('from', event.currentTarget.value || null)} />
          <TextInput type="date" label={t('targets.periodTo')} value={values.to} onChange={(event) => params.set('to', event.currentTarget.value || null)} />
          <ListStatusSelect value={status} onChange={(value) => params.set('status', value === 'active' ? null : value)} />
        </SimpleGrid>
      )}
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage
          title={chosen > 0 ? t('targets.emptyFiltered') : t('targets.empty')}
          description={chosen > 0 ? t('common.tryOtherFilters') : canManage ? t('targets.emptyHint') : undefined}
        />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
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
                        {/* Opens the target's details beside the list. */}
                        <Anchor component="button" type="button" size="sm" fw={500} ta="left" onClick={() => setViewing(target.id)}>
                          {indicatorLabel(target.indicator)}
                        </Anchor>
                        {target.archivedAt && <ArchivedBadge />}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {targetValue(target)}
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
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
      <TargetDetail
        programmeId={programme.id}
        targetId={viewing}
        onClose={() => setViewing(null)}
        onEdit={
          canManage
            ? (target) => {
                setViewing(null);
                setEditing({ target });
              }
            : undefined
        }
      />
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.target ? t('targets.editTitle') : t('targets.addTitle')}>
        {editing && <TargetForm programmeId={programme.id} target={editing.target} onDone={() => setEditing(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
