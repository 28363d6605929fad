import { Anchor, Badge, Breadcrumbs, Button, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useProgramme } from '../api/programmes.ts';
import type { Action } from '../auth/permissions.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { ArchivedBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { AssessmentsTab } from './assessments/AssessmentsTab.tsx';
import { CampaignsTab } from './campaigns/CampaignsTab.tsx';
import { CascadeTab } from './cascade/CascadeTab.tsx';
import { CertificatesTab } from './certificates/CertificatesTab.tsx';
import { ContextTab } from './context/ContextTab.tsx';
import { ChampionsTab } from './champions/ChampionsTab.tsx';
import { CurriculumTab } from './curriculum/CurriculumTab.tsx';
import { ImpactTab } from './impact/ImpactTab.tsx';
import { ImportTab } from './imports/ImportTab.tsx';
import { MentoringTab } from './mentoring/MentoringTab.tsx';
import { MilestonesTab } from './milestones/MilestonesTab.tsx';
import { OutcomesTab } from './outcomes/OutcomesTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { ParticipantsTab } from './participants/ParticipantsTab.tsx';
import { QualityTab } from './quality/QualityTab.tsx';
import { PartnersTab } from './partners/PartnersTab.tsx';
import { ReplicateModal } from './ReplicateModal.tsx';
import { SessionsTab } from './sessions/SessionsTab.tsx';
import { SitesTab } from './sites/SitesTab.tsx';
import { TargetsTab } from './targets/TargetsTab.tsx';

// The dashboard carries ECharts: its own chunk, loaded when the tab is opened.
const DashboardTab = lazy(() => import('./dashboard/DashboardTab.tsx').then((m) => ({ default: m.DashboardTab })));

const TABS = [
  'overview',
  'dashboard',
  'partners',
  'sites',
  'targets',
  'curriculum',
  'sessions',
  'campaigns',
  'participants',
  'import',
  'cascade',
  'mentoring',
  'milestones',
  'champions',
  'assessments',
  'certificates',
  'quality',
  'impact',
  'context',
  'outcomes',
] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | undefined): value is Tab => (TABS as readonly string[]).includes(value ?? '');

// Personal data: the participant and import tabs only for the roles that may see it; outcome
// tabs for the roles whose data they show (the server enforces the same).
const TAB_ACTIONS: Partial<Record<Tab, Action>> = {
  participants: 'participant.read',
  import: 'participant.import',
  campaigns: 'campaign.manage',
  mentoring: 'mentoring.manage',
  milestones: 'milestone.verify',
  champions: 'report.read',
  assessments: 'report.read',
  certificates: 'certificate.issue',
  quality: 'quality.read',
  impact: 'impact.read',
  outcomes: 'report.read',
};

export default function ProgrammeDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '', tab: tabParam, importId, campaignId } = useParams();
  // `/programs/:id/import/:importId` is the import tab showing one import; likewise for a campaign.
  const tab = importId ? 'import' : campaignId ? 'campaigns' : tabParam;
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

  const allowed = (value: Tab) => {
    const action = TAB_ACTIONS[value];
    return action ? can(action) : true;
  };
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
          <Tabs.Tab value="dashboard">{t('programmes.tabs.dashboard')}</Tabs.Tab>
          <Tabs.Tab value="partners">{t('programmes.tabs.partners')}</Tabs.Tab>
          <Tabs.Tab value="sites">{t('programmes.tabs.sites')}</Tabs.Tab>
          <Tabs.Tab value="targets">{t('programmes.tabs.targets')}</Tabs.Tab>
          <Tabs.Tab value="curriculum">{t('programmes.tabs.curriculum')}</Tabs.Tab>
          <Tabs.Tab value="sessions">{t('programmes.tabs.sessions')}</Tabs.Tab>
          {allowed('campaigns') && <Tabs.Tab value="campaigns">{t('programmes.tabs.campaigns')}</Tabs.Tab>}
          {allowed('participants') && <Tabs.Tab value="participants">{t('programmes.tabs.participants')}</Tabs.Tab>}
          {allowed('import') && <Tabs.Tab value="import">{t('programmes.tabs.import')}</Tabs.Tab>}
          <Tabs.Tab value="cascade">{t('programmes.tabs.cascade')}</Tabs.Tab>
          {allowed('mentoring') && <Tabs.Tab value="mentoring">{t('programmes.tabs.mentoring')}</Tabs.Tab>}
          {allowed('milestones') && <Tabs.Tab value="milestones">{t('programmes.tabs.milestones')}</Tabs.Tab>}
          {allowed('champions') && <Tabs.Tab value="champions">{t('programmes.tabs.champions')}</Tabs.Tab>}
          {allowed('assessments') && <Tabs.Tab value="assessments">{t('programmes.tabs.assessments')}</Tabs.Tab>}
          {allowed('certificates') && <Tabs.Tab value="certificates">{t('programmes.tabs.certificates')}</Tabs.Tab>}
          {allowed('quality') && <Tabs.Tab value="quality">{t('programmes.tabs.quality')}</Tabs.Tab>}
          {allowed('impact') && <Tabs.Tab value="impact">{t('programmes.tabs.impact')}</Tabs.Tab>}
          <Tabs.Tab value="context">{t('programmes.tabs.context')}</Tabs.Tab>
          {allowed('outcomes') && <Tabs.Tab value="outcomes">{t('programmes.tabs.outcomes')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="dashboard">
          <Suspense fallback={<PageLoader />}>
            <DashboardTab programme={programme} />
          </Suspense>
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
        <Tabs.Panel value="curriculum">
          <CurriculumTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <SessionsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="campaigns">
          <CampaignsTab programme={programme} campaignId={campaignId} />
        </Tabs.Panel>
        <Tabs.Panel value="participants">
          <ParticipantsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="import">
          <ImportTab programme={programme} importId={importId} />
        </Tabs.Panel>
        <Tabs.Panel value="cascade">
          <CascadeTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="mentoring">
          <MentoringTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="milestones">
          <MilestonesTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="champions">
          <ChampionsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments">
          <AssessmentsTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="certificates">
          <CertificatesTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="quality">
          <QualityTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="impact">
          <ImpactTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="context">
          <ContextTab programme={programme} />
        </Tabs.Panel>
        <Tabs.Panel value="outcomes">
          <OutcomesTab programme={programme} />
        </Tabs.Panel>
      </Tabs>
      {replicating && <ReplicateModal programme={programme} onClose={replicate.close} />}
    </>
  );
}
