import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCampaigns } from '../../api/campaigns.ts';
import type { Campaign, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { Forbidden } from '../../components/Forbidden.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { CampaignDetail } from './CampaignDetail.tsx';
import { CampaignForm } from './CampaignForm.tsx';
import { CampaignStatusBadge } from './campaign-labels.tsx';

function CampaignCard({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { stats } = campaign;
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={campaign.name}>
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Anchor component={Link} to={`/programs/${campaign.programmeId}/campaigns/${campaign.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
          {campaign.name}
        </Anchor>
        <CampaignStatusBadge status={campaign.status} />
      </Group>
      <Text size="sm" c="dimmed">
        {t(`campaigns.targetKind.${campaign.target.kind}`)}: {campaign.target.title}
      </Text>
      <Text size="sm" c="dimmed">
        {t(`channel.${campaign.channel}`)} · {campaign.sentAt ? t('campaigns.sentOn', { date: format.dateTime(campaign.sentAt) }) : t('campaigns.createdOn', { date: format.dateTime(campaign.createdAt) })}
      </Text>
      {campaign.status !== 'draft' && (
        <Group gap={6} mt={6}>
          <Badge variant="light" color="gray">
            {t('campaigns.stats.recipients', { count: stats.recipients, formatted: format.number(stats.recipients) })}
          </Badge>
          <Badge variant="light" color="teal">
            {t('campaigns.stats.sent', { formatted: format.number(stats.delivery.sent) })}
          </Badge>
          <Badge variant="light" color="cyan">
            {t('campaigns.stats.yes', { formatted: format.number(stats.rsvp.yes) })}
          </Badge>
          <Badge variant="light" color="red">
            {t('campaigns.stats.no', { formatted: format.number(stats.rsvp.no) })}
          </Badge>
        </Group>
      )}
    </Card>
  );
}

/** A programme's invitation campaigns; `/programs/:id/campaigns/:campaignId` shows one; `?session=` starts a new one for that session. */
export function CampaignsTab({ programme, campaignId }: { programme: Programme; campaignId?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const query = useCampaigns(programme.id);
  const sessionId = params.get('session') ?? undefined;
  const creating = params.has('new') || sessionId !== undefined;
  const canManage = can('campaign.manage') && !programme.archivedAt;
  const close = () => setParams({}, { replace: true });

  if (!can('campaign.manage')) return <Forbidden />;
  if (campaignId) return <CampaignDetail programme={programme} campaignId={campaignId} />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('campaigns.intro')}
        </Text>
        {canManage && <Button onClick={() => setParams({ new: '1' }, { replace: true })}>{t('campaigns.add')}</Button>}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('campaigns.empty')} description={canManage ? t('campaigns.emptyHint') : undefined} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {query.data.items.map((campaign) => (
            <CampaignCard key={campaign.id} campaign={campaign} />
          ))}
        </SimpleGrid>
      )}
      <ResponsiveModal opened={creating && canManage} onClose={close} title={t('campaigns.addTitle')} size="xl">
        {creating && canManage && (
          <CampaignForm
            programmeId={programme.id}
            sessionId={sessionId}
            onCancel={close}
            onCreated={(campaign) => {
              notifySuccess(t('campaigns.created'));
              void navigate(`/programs/${programme.id}/campaigns/${campaign.id}`);
            }}
          />
        )}
      </ResponsiveModal>
    </Stack>
  );
}
