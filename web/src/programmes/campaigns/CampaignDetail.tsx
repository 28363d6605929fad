import { Anchor, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isCampaignBusy, useCampaign, useRecipients, useReviewMessage, useSavedCampaignPreview, useSendCampaign, type RecipientFilters } from '../../api/campaigns.ts';
import { DELIVERY_STATUSES, type Campaign, type CampaignRecipient, type Programme } from '../../api/types.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { CampaignPreviewPanel } from './CampaignPreviewPanel.tsx';
import { CampaignStatusBadge, DeliveryBadge } from './campaign-labels.tsx';

function ReviewActions({ campaign, recipient }: { campaign: Campaign; recipient: CampaignRecipient }) {
  const { t } = useTranslation();
  const review = useReviewMessage(campaign.id);
  const delivery = recipient.delivery;
  if (!delivery || (delivery.status !== 'unknown' && delivery.status !== 'failed')) return null;
  const decide = (decision: 'sent' | 'resend' | 'failed') =>
    review.mutate({ messageId: delivery.messageId, decision }, { onSuccess: () => notifySuccess(t(`campaigns.review.done.${decision}`, { name: recipient.name })) });
  return (
    <Stack gap={4} role="group" aria-label={t('campaigns.review.label', { name: recipient.name })}>
      {delivery.status === 'unknown' && (
        <Text size="xs" c="dimmed" maw={260}>
          {t('campaigns.review.unknownHint')}
        </Text>
      )}
      <Group gap={4}>
        {delivery.status === 'unknown' && (
          <Button size="compact-xs" variant="light" color="teal" loading={review.isPending} onClick={() => decide('sent')}>
            {t('campaigns.review.sent')}
          </Button>
        )}
        <Button size="compact-xs" variant="light" loading={review.isPending} onClick={() => decide('resend')}>
          {t('campaigns.review.resend')}
        </Button>
        {delivery.status === 'unknown' && (
          <Button size="compact-xs" variant="light" color="red" loading={review.isPending} onClick={() => decide('failed')}>
            {t('campaigns.review.failed')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function RsvpCell({ recipient }: { recipient: CampaignRecipient }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!recipient.rsvp) return <Text size="sm" c="dimmed">{t('campaigns.rsvp.none')}</Text>;
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600} c={recipient.rsvp === 'yes' ? 'teal.8' : 'red.8'}>
        {t(`campaigns.rsvp.${recipient.rsvp}`)}
      </Text>
      <Text size="xs" c="dimmed">
        {format.dateTime(recipient.rsvpAt)}
        {recipient.rsvpRoster && recipient.rsvpRoster !== 'none' && ` · ${t(`campaigns.rsvpRoster.${recipient.rsvpRoster}` as 'campaigns.rsvpRoster.added', { defaultValue: recipient.rsvpRoster })}`}
      </Text>
    </Stack>
  );
}

function DeliveryCell({ recipient }: { recipient: CampaignRecipient }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (recipient.skipReason) {
    return (
      <Stack gap={0}>
        <DeliveryBadge status="skipped" />
        <Text size="xs" c="dimmed">
          {t(`campaigns.skipReason.${recipient.skipReason}`)}
        </Text>
      </Stack>
    );
  }
  if (!recipient.delivery) return <Text size="sm" c="dimmed">{t('delivery.queued')}</Text>;
  const d = recipient.delivery;
  return (
    <Stack gap={0}>
      <DeliveryBadge status={d.status} />
      <Text size="xs" c="dimmed">
        {d.sentAt ? format.dateTime(d.sentAt) : d.attempts > 0 ? t('campaigns.attempts', { count: d.attempts }) : ''}
        {d.lastError ? ` · ${d.lastError}` : ''}
      </Text>
    </Stack>
  );
}

function RecipientList({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [filters, setFilters] = useState<RecipientFilters>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const query = useRecipients(campaign.id, filters, cursors.at(-1) ?? null, isCampaignBusy(campaign));
  // The campaign is polled while sending: when its counts move, the rows follow (also after the last poll).
  const queryClient = useQueryClient();
  const stats = JSON.stringify(campaign.stats);
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['campaigns', 'recipients', campaign.id] });
  }, [stats, campaign.status, campaign.id, queryClient]);
  const setFilter = (change: RecipientFilters) => {
    setFilters((current) => ({ ...current, ...change }));
    setCursors([]);
  };
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="recipients-title">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={3} size="h4" id="recipients-title">
          {t('campaigns.recipientsList')}
        </Title>
        <Group gap="xs">
          <Select
            label={t('campaigns.fields.delivery')}
            placeholder={t('common.all')}
            clearable
            w={170}
            data={[...DELIVERY_STATUSES, 'skipped' as const].map((value) => ({ value, label: t(`delivery.${value}`) }))}
            value={filters.delivery ?? null}
            onChange={(value) => setFilter({ delivery: (value ?? undefined) as RecipientFilters['delivery'] })}
          />
          <Select
            label={t('campaigns.fields.rsvp')}
            placeholder={t('common.all')}
            clearable
            w={150}
            data={(['yes', 'no', 'none'] as const).map((value) => ({ value, label: t(`campaigns.rsvp.${value}`) }))}
            value={filters.rsvp ?? null}
            onChange={(value) => setFilter({ rsvp: (value ?? undefined) as RecipientFilters['rsvp'] })}
          />
        </Group>
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyMessage title={campaign.status === 'draft' ? t('campaigns.notSentYet') : t('campaigns.noRecipients')} />
      ) : wide ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" aria-label={t('campaigns.recipientsList')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.fields.name')}</Table.Th>
                <Table.Th>{t('campaigns.fields.address')}</Table.Th>
                <Table.Th>{t('campaigns.fields.delivery')}</Table.Th>
                <Table.Th>{t('campaigns.fields.rsvp')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.recipientId} aria-label={r.name}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.address ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <DeliveryCell recipient={r} />
                  </Table.Td>
                  <Table.Td>
                    <RsvpCell recipient={r} />
                  </Table.Td>
                  <Table.Td>
                    <ReviewActions campaign={campaign} recipient={r} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {items.map((r) => (
            <Card key={r.recipientId} withBorder radius="md" padding="sm" component="article" aria-label={r.name}>
              <Text fw={600}>{r.name}</Text>
              <Text size="sm" c="dimmed">
                {r.address ?? t('common.none')}
              </Text>
              <Group justify="space-between" align="flex-start" mt={4}>
                <DeliveryCell recipient={r} />
                <RsvpCell recipient={r} />
              </Group>
              <ReviewActions campaign={campaign} recipient={r} />
            </Card>
          ))}
        </Stack>
      )}
      {(cursors.length > 0 || query.data?.nextCursor) && (
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
            {t('participants.previousPage')}
          </Button>
          <Button size="xs" variant="default" disabled={!query.data?.nextCursor} onClick={() => query.data?.nextCursor && setCursors([...cursors, query.data.nextCursor])}>
            {t('participants.nextPage')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function Stats({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { stats } = campaign;
  const items = [
    { label: t('campaigns.preview.recipients'), value: stats.recipients - stats.skipped.opted_out - stats.skipped.no_address },
    { label: t('delivery.sent'), value: stats.delivery.sent },
    { label: t('campaigns.waiting'), value: stats.delivery.queued + stats.delivery.sending },
    { label: t('campaigns.problems'), value: stats.delivery.failed + stats.delivery.unknown },
    { label: t('campaigns.rsvp.yes'), value: stats.rsvp.yes },
    { label: t('campaigns.rsvp.no'), value: stats.rsvp.no },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
      {items.map((item) => (
        <Paper key={item.label} withBorder radius="md" p="xs" role="group" aria-label={item.label}>
          <Text size="xs" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Text fz={22} fw={700}>
            {format.number(item.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** One campaign: its preview and send button while a draft, then delivery and RSVP per recipient. */
export function CampaignDetail({ programme, campaignId }: { programme: Programme; campaignId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useCampaign(campaignId);
  const draft = query.data?.status === 'draft';
  const preview = useSavedCampaignPreview(campaignId, draft);
  const send = useSendCampaign(campaignId);

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const campaign = query.data;
  const target = campaign.target.kind === 'session' ? <Anchor component={Link} to={`/sessions/${campaign.target.id}`}>{campaign.target.title}</Anchor> : campaign.target.title;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/programs/${programme.id}/campaigns`} size="sm">
        ‹ {t('campaigns.backToList')}
      </Anchor>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
            <Group gap="xs">
              <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
                {campaign.name}
              </Title>
              <CampaignStatusBadge status={campaign.status} />
            </Group>
            <Text size="sm">
              {t(`campaigns.targetKind.${campaign.target.kind}`)}: {target}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`channel.${campaign.channel}`)}
              {campaign.sentAt && ` · ${t('campaigns.sentOn', { date: format.dateTime(campaign.sentAt) })}`}
              {campaign.rsvpExpiresAt && ` · ${t('campaigns.expires', { date: format.dateTime(campaign.rsvpExpiresAt) })}`}
            </Text>
          </Stack>
          {draft && !programme.archivedAt && (
            <ConfirmAction
              size="sm"
              variant="filled"
              color="teal"
              label={t('campaigns.send')}
              title={t('campaigns.sendTitle')}
              message={t('campaigns.sendMessage', { count: preview.data?.recipients ?? 0, channel: t(`channel.${campaign.channel}`) })}
              confirmLabel={t('campaigns.sendConfirm')}
              onConfirm={() => send.mutateAsync().then(() => notifySuccess(t('campaigns.sending')))}
            />
          )}
        </Group>
        {campaign.status === 'queued' && (
          <Text size="sm" mt="xs" aria-live="polite">
            {t('campaigns.writing')}
          </Text>
        )}
      </Paper>
      {draft ? (
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
          <Title order={3} size="h4" mb="sm">
            {t('campaigns.preview.title')}
          </Title>
          {preview.isPending ? <PageLoader /> : preview.isError ? <QueryError error={preview.error} onRetry={() => void preview.refetch()} /> : <CampaignPreviewPanel preview={preview.data} />}
        </Paper>
      ) : (
        <Stats campaign={campaign} />
      )}
      <RecipientList campaign={campaign} />
    </Stack>
  );
}
