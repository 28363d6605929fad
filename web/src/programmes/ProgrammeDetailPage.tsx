import { Anchor, Badge, Breadcrumbs, Button, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useProgramme } from '../api/programmes.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { ArchivedBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { ImportTab } from './imports/ImportTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ParticipantsTab } from './participants/ParticipantsTab.tsx';
import { PartnersTab } from './partners/PartnersTab.tsx';
import { ReplicateModal } from './ReplicateModal.tsx';
import { SitesTab } from './sites/SitesTab.tsx';
import { TargetsTab } from './targets/TargetsTab.tsx';

const TABS = ['overview', 'partners', 'sites', 'targets', 'participants', 'import'] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | undefined): value is Tab => (TABS as readonly string[]).includes(value ?? '');

export default function ProgrammeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '', tab: tabParam, importId } = useParams();
  // `/programs/:id/import/:importId` is the import tab showing one import.
  const tab = importId ? 'import' : tabParam;
  const { can } = useCurrentUser();
  const query = useProgramme(id);
  const [replicating, replicate] = useDisclosure(false);
  const tabList = useRef<HTMLDivElement>(null);
  // On phones the tabs scroll sideways: bring the chosen one into view (e.g. opened by a link).
  useEffect(() => {
    const list = tabList.current;
    const selected = list?.querySelector('[aria-selected="true"]');
    if (!list || !selected) return;
    const outer = list.getBoundingClientRect();
    const inner = selected.getBoundingClientRect();
    if (inner.left < outer.left || inner.right > outer.right) list.scrollLeft += inner.left - outer.left - (outer.width - inner.width) / 2;
  }, [tab, query.isPending]);

  // Personal data: the participant and import tabs only for the roles that may see it.
  const allowed = (value: Tab) => (value === 'participants' ? can('participant.read') : value === 'import' ? can('participant.import') : true);
  if (tab !== undefined && (!isTab(tab) || !allowed(tab))) return <Navigate to={`/programs/${id}`} replace />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const programme = query.data;
  const active: Tab = tab ?? 'overview';

  return (
    <>
      <Breadcrumbs mb="xs" separator="›">
        <Anchor component={Link} to="/programs" size="sm">
          {t('programmes.title')}
        </Anchor>
        <Text size="sm" ff="monospace">
          {programme.code}
        </Text>
      </Breadcrumbs>
      <PageHeader
        title={programme.name}
        subtitle={`${programme.code} · ${programme.owner.name}`}
        badge={
          <>
            <StatusBadge status={programme.status} />
            {programme.archivedAt && <ArchivedBadge />}
            {programme.replicatedFromId && (
              <Badge variant="light" color="grape" component={Link} to={`/programs/${programme.replicatedFromId}`} style={{ cursor: 'pointer' }}>
                {t('programmes.replicated')}
              </Badge>
            )}
          </>
        }
        actions={
          can('programme.replicate') &&
          !programme.archivedAt && (
            <Button variant="light" onClick={replicate.open}>
              {t('replicate.action')}
            </Button>
          )
        }
      />
      <Tabs value={active} onChange={(value) => void navigate(value === 'overview' ? `/programs/${id}` : `/programs/${id}/${value}`)} keepMounted={false}>
        <Tabs.List ref={tabList} mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          <Tabs.Tab value="overview">{t('programmes.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="partners">{t('programmes.tabs.partners')}</Tabs.Tab>
          <Tabs.Tab value="sites">{t('programmes.tabs.sites')}</Tabs.Tab>
          <Tabs.Tab value="targets">{t('programmes.tabs.targets')}</Tabs.Tab>
          {allowed('participants') && <Tabs.Tab value="participants">{t('programmes.tabs.participants')}</Tabs.Tab>}
          {allowed('import') && <Tabs.Tab value="import">{t('programmes.tabs.import')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="partners">
          <PartnersTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="sites">
          <SitesTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="targets">
          <TargetsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="participants">
          <ParticipantsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportTab programme={programme} importId={importId} />
        </Tabs.Panel>
      </Tabs>
      {replicating && <ReplicateModal programme={programme} onClose={replicate.close} />}
    </>
  );
}
