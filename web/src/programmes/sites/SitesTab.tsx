import { Accordion, Badge, Button, Group, Stack, Switch, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSites, useUpdateSite } from '../../api/sites.ts';
import type { Programme, Site } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { regionDisplayName } from '../../format/region-name.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { SiteForm } from './SiteForm.tsx';

type Province = { code: string; name: string; sites: Site[] };

/** Sites grouped by province, provinces in Kemendagri code order (west to east). */
function byProvince(sites: Site[]): Province[] {
  const groups = new Map<string, Province>();
  for (const site of sites) {
    const group = groups.get(site.region.provinceCode) ?? { code: site.region.provinceCode, name: regionDisplayName(site.region.provinceName), sites: [] };
    group.sites.push(site);
    groups.set(group.code, group);
  }
  return [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function SiteRow({ site, canManage, onEdit }: { site: Site; canManage: boolean; onEdit: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateSite(site.programmeId);
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: site.id, input: { archived } }).then(() => notifySuccess(archived ? t('sites.archivedDone') : t('sites.restoredDone')));
  return (
    <Group justify="space-between" align="flex-start" gap="xs" py="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} component="li" aria-label={site.name}>
      <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Group gap={6}>
          <Text fw={500}>{site.name}</Text>
          <Badge variant="light" size="sm">
            {t(`siteType.${site.type}`)}
          </Badge>
          {site.illustrative && (
            <Tooltip label={t('sites.illustrativeHint')} multiline w={260} events={{ hover: true, focus: true, touch: true }}>
              <Badge variant="outline" color="orange" size="sm" tabIndex={0}>
                {t('sites.illustrative')}
              </Badge>
            </Tooltip>
          )}
          {site.archivedAt && <ArchivedBadge />}
        </Group>
        <Text size="sm" c="dimmed">
          {regionDisplayName(site.region.name)} ({site.region.code})
        </Text>
        {site.address && <Text size="sm">{site.address}</Text>}
      </Stack>
      {canManage && (
        <Group gap="xs">
          {site.archivedAt ? (
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
                title={t('sites.archiveTitle')}
                message={t('sites.archiveMessage', { name: site.name })}
                confirmLabel={t('common.archive')}
                onConfirm={() => setArchived(true)}
              />
            </>
          )}
        </Group>
      )}
    </Group>
  );
}

export function SitesTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<{ site?: Site } | null>(null);
  const query = useSites(programme.id, includeArchived);
  const canManage = can('site.manage') && !programme.archivedAt;
  const provinces = byProvince(query.data?.items ?? []);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Switch label={t('common.showArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
        {canManage && <Button onClick={() => setEditing({})}>{t('sites.add')}</Button>}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : provinces.length === 0 ? (
        <EmptyMessage title={t('sites.empty')} description={canManage ? t('sites.emptyHint') : undefined} />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('sites.summary', { sites: format.number(query.data.total), provinces: format.number(provinces.length) })}
          </Text>
          <Accordion multiple variant="separated" defaultValue={provinces.map((p) => p.code)} key={provinces.map((p) => p.code).join()}>
            {provinces.map((province) => (
              <Accordion.Item key={province.code} value={province.code}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text fw={500}>{province.name}</Text>
                    <Badge variant="default" size="sm">
                      {format.number(province.sites.length)}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack component="ul" gap={0} p={0} m={0} style={{ listStyle: 'none' }}>
                    {province.sites.map((site) => (
                      <SiteRow key={site.id} site={site} canManage={canManage} onEdit={() => setEditing({ site })} />
                    ))}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.site ? t('sites.editTitle') : t('sites.addTitle')}>
        {editing && <SiteForm programmeId={programme.id} site={editing.site} onDone={() => setEditing(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
