import { Alert, Anchor, Badge, Box, Button, Group, Paper, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCascade } from '../../api/cascade.ts';
import type { CascadeNode, CascadeReach, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { flattenCascade, initiallyExpanded } from './cascade-tree.ts';
import { CertifyTrainersModal } from './CertifyTrainersModal.tsx';
import { LinkAccountForm } from './LinkAccountForm.tsx';
import { MasterTrainerForm } from './MasterTrainerForm.tsx';
import { TraineesPanel } from './TraineesPanel.tsx';

/** The rolled-up reach of a node: trainers below, sessions, participants, completed, on-boarded. */
function ReachBadges({ reach }: { reach: CascadeReach }) {
  const { t } = useTranslation();
  const format = useFormat();
  const items = [
    { key: 'trainers', color: 'grape', text: t('cascade.reach.trainers', { formatted: format.number(reach.trainersCertified) }) },
    { key: 'sessions', color: 'blue', text: t('cascade.reach.sessions', { formatted: format.number(reach.sessions) }) },
    { key: 'participants', color: 'teal', text: t('cascade.reach.participants', { formatted: format.number(reach.participants) }) },
    { key: 'completed', color: 'green', text: t('cascade.reach.completed', { formatted: format.number(reach.completed) }) },
    { key: 'onboarded', color: 'orange', text: t('cascade.reach.onboarded', { formatted: format.number(reach.onboarded) }) },
  ];
  return (
    <Group gap={4} aria-label={t('cascade.reach.label')}>
      {items.map((item) => (
        <Badge key={item.key} variant="light" color={item.color} size="sm" tt="none" fw={600}>
          {item.text}
        </Badge>
      ))}
    </Group>
  );
}

type TreeProps = {
  nodes: CascadeNode[];
  expanded: Set<string>;
  onToggle: (id: string) => void;
  canManage: boolean;
  onLink: (node: CascadeNode) => void;
};

function TreeNode({ node, expanded, onToggle, canManage, onLink }: Omit<TreeProps, 'nodes'> & { node: CascadeNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = expanded.has(node.id);
  const name = node.trainer.name ?? t('cascade.unnamedTrainer');
  const hasChildren = node.children.length > 0;
  return (
    <Box component="li" aria-label={name} style={{ listStyle: 'none' }}>
      <Paper withBorder radius="md" p="xs" mb={6}>
        <Group justify="space-between" align="flex-start" gap={6} wrap="nowrap">
          <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
            {hasChildren ? (
              <UnstyledButton
                onClick={() => onToggle(node.id)}
                aria-expanded={open}
                aria-label={open ? t('cascade.collapse', { name }) : t('cascade.expand', { name })}
                w={28}
                h={28}
                style={{ borderRadius: 6, textAlign: 'center', flexShrink: 0, background: 'var(--mantine-color-gray-1)' }}
              >
                <Text component="span" fw={700} aria-hidden>
                  {open ? '−' : '+'}
                </Text>
              </UnstyledButton>
            ) : (
              <Box w={28} style={{ flexShrink: 0 }} />
            )}
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600} style={{ overflowWrap: 'anywhere' }} fs={node.trainer.name ? undefined : 'italic'}>
                {name}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[
                  node.trainer.organisation?.name,
                  t('cascade.certifiedOn', { date: format.date(node.certifiedOn) }),
                  !node.parentId ? t('cascade.masterTrainer') : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              {node.totSession && (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {t('cascade.viaSession')}{' '}
                  <Anchor component={Link} to={`/sessions/${node.totSession.id}`} size="xs">
                    {node.totSession.title}
                  </Anchor>
                </Text>
              )}
            </Stack>
          </Group>
          <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
            {!node.trainer.userId && node.trainer.name !== null && (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {t('cascade.noAccount')}
              </Badge>
            )}
            {canManage && !node.trainer.userId && (
              <Button size="compact-xs" variant="subtle" onClick={() => onLink(node)}>
                {t('cascade.linkAccount')}
              </Button>
            )}
          </Stack>
        </Group>
        <Box pl={34} mt={4}>
          <Text size="xs" c="dimmed" mb={2}>
            {t('cascade.own', { sessions: format.number(node.own.sessions), participants: format.number(node.own.participants) })}
          </Text>
          <ReachBadges reach={node.reach} />
        </Box>
      </Paper>
      {hasChildren && open && <Tree nodes={node.children} expanded={expanded} onToggle={onToggle} canManage={canManage} onLink={onLink} />}
    </Box>
  );
}

/** Nested lists: each level indented along a line, less on phones so that deep trees still fit. */
function Tree({ nodes, ...props }: TreeProps) {
  return (
    <Box component="ul" m={0} p={0} pl={nodes[0]?.depth ? { base: 10, sm: 24 } : 0} style={nodes[0]?.depth ? { borderLeft: '2px solid var(--mantine-color-gray-3)', marginLeft: 12 } : undefined}>
      {nodes.map((node) => (
        <TreeNode key={node.id} node={node} {...props} />
      ))}
    </Box>
  );
}

/** The ToT cascade: master trainers → trainers → participants, with reach rolled up at each node. */
export function CascadeTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const query = useCascade(programme.id);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [adding, setAdding] = useState(false);
  const [certifying, setCertifying] = useState(false);
  const [linking, setLinking] = useState<CascadeNode | null>(null);
  const canManage = can('trainer.certify') && !programme.archivedAt;

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { roots, totals } = query.data;
  const all = flattenCascade(roots);
  const open = expanded ?? initiallyExpanded(roots);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Text size="sm" c="dimmed" maw={640} style={{ flex: '1 1 280px' }}>
          {t('cascade.intro')}
        </Text>
        {canManage && (
          <Group gap="xs">
            <Button variant="light" onClick={() => setCertifying(true)}>
              {t('cascade.certifyFromTot')}
            </Button>
            <Button onClick={() => setAdding(true)}>{t('cascade.addMaster')}</Button>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <StatCard label={t('cascade.totals.trainers')} value={format.number(totals.trainersCertified)} />
        <StatCard label={t('cascade.totals.sessions')} value={format.number(totals.sessions)} />
        <StatCard label={t('cascade.totals.participants')} value={format.number(totals.participants)} />
        <StatCard label={t('cascade.totals.completed')} value={format.number(totals.completed)} />
        <StatCard label={t('cascade.totals.onboarded')} value={format.number(totals.onboarded)} hint={t('cascade.totals.onboardedHint')} />
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="cascade-tree-title">
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h4" id="cascade-tree-title">
            {t('cascade.treeTitle')}
          </Title>
          {all.some((n) => n.children.length > 0) && (
            <Group gap={4}>
              <Button size="compact-sm" variant="subtle" onClick={() => setExpanded(new Set(all.filter((n) => n.children.length > 0).map((n) => n.id)))}>
                {t('cascade.expandAll')}
              </Button>
              <Button size="compact-sm" variant="subtle" onClick={() => setExpanded(new Set())}>
                {t('cascade.collapseAll')}
              </Button>
            </Group>
          )}
        </Group>
        {roots.length === 0 ? (
          <EmptyMessage title={t('cascade.empty')} description={canManage ? t('cascade.emptyHint') : undefined} />
        ) : (
          <div role="region" aria-label={t('cascade.treeTitle')}>
            <Tree nodes={roots} expanded={open} onToggle={toggle} canManage={canManage} onLink={setLinking} />
          </div>
        )}
        {roots.length > 0 && totals.sessions > roots.reduce((sum, r) => sum + r.reach.sessions, 0) && (
          <Alert color="gray" p="xs">
            {t('cascade.outsideTree')}
          </Alert>
        )}
      </Stack>
      {can('report.read') && <TraineesPanel programme={programme} />}
      <ResponsiveModal opened={adding} onClose={() => setAdding(false)} title={t('cascade.addMasterTitle')}>
        {adding && <MasterTrainerForm programmeId={programme.id} trainers={all} onDone={() => setAdding(false)} onCancel={() => setAdding(false)} />}
      </ResponsiveModal>
      {certifying && <CertifyTrainersModal programmeId={programme.id} certifiedPersonIds={all.map((n) => n.trainer.personId)} onClose={() => setCertifying(false)} />}
      <ResponsiveModal opened={linking !== null} onClose={() => setLinking(null)} title={t('cascade.linkAccountTitle', { name: linking?.trainer.name ?? '' })} size="md">
        {linking && <LinkAccountForm programmeId={programme.id} node={linking} onDone={() => setLinking(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
