import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useChampions, useReferralLink, useUpdateChampion } from '../../api/champions.ts';
import type { ChampionRanking, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { LinkWithQr } from '../../components/LinkWithQr.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { ChampionForm } from './ChampionForm.tsx';

type Item = ChampionRanking['items'][number];

/** The champion's referral link and QR code, to share on WhatsApp or print on a poster. */
function ReferralPanel({ programmeId, champion }: { programmeId: string; champion: Item }) {
  const { t } = useTranslation();
  const link = useReferralLink(programmeId, champion.id);
  if (link.isPending) return <PageLoader />;
  if (link.isError) return <QueryError error={link.error} onRetry={() => void link.refetch()} />;
  return (
    <LinkWithQr
      url={link.data.url}
      svg={link.data.svg}
      alt={t('champions.qrAlt', { name: champion.name ?? '' })}
      hint={champion.active ? t('champions.linkHint') : t('champions.inactiveHint')}
      actions={
        <Button variant="light" component={Link} to={`/programs/${programmeId}/champions/${champion.id}/poster`}>
          {t('champions.printPoster')}
        </Button>
      }
    />
  );
}

function ActiveToggle({ programmeId, champion }: { programmeId: string; champion: Item }) {
  const { t } = useTranslation();
  const update = useUpdateChampion(programmeId);
  return (
    <Button
      size="xs"
      variant="subtle"
      color={champion.active ? 'red' : 'teal'}
      loading={update.isPending}
      onClick={() =>
        update.mutate({ id: champion.id, input: { active: !champion.active } }, { onSuccess: () => notifySuccess(champion.active ? t('champions.deactivated') : t('champions.activated')) })
      }
    >
      {champion.active ? t('champions.deactivate') : t('champions.activate')}
    </Button>
  );
}

function Figures({ item }: { item: Item }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap={4}>
      <Badge variant="light" color="blue" tt="none">
        {t('champions.referralsCount', { formatted: format.number(item.referrals) })}
      </Badge>
      <Badge variant="light" color="teal" tt="none">
        {t('champions.trainedCount', { formatted: format.number(item.trained) })}
      </Badge>
      <Badge variant="light" color="green" tt="none">
        {t('champions.completedCount', { formatted: format.number(item.completed) })}
      </Badge>
    </Group>
  );
}

/** Penggerak: digital champions ranked by people they brought in, or by those who went on to complete the training. */
export function ChampionsTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [sort, setSort] = useState<ChampionRanking['sort']>('referrals');
  const [creating, setCreating] = useState(false);
  const [linkFor, setLinkFor] = useState<Item | null>(null);
  const query = useChampions(programme.id, sort);
  const canManage = can('champion.manage') && !programme.archivedAt;
  const nameOf = (item: Item) => item.name ?? t('champions.unnamed', { rank: item.rank });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={640} style={{ flex: '1 1 280px' }}>
          {t('champions.intro')}
        </Text>
        {canManage && <Button onClick={() => setCreating(true)}>{t('champions.add')}</Button>}
      </Group>
      <SegmentedControl
        aria-label={t('champions.sort')}
        value={sort}
        onChange={(value) => setSort(value === 'completed' ? 'completed' : 'referrals')}
        data={[
          { value: 'referrals', label: t('champions.byReferrals') },
          { value: 'completed', label: t('champions.byCompleted') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage title={t('champions.empty')} description={canManage ? t('champions.emptyHint') : undefined} />
      ) : wide ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing={6} aria-label={t('champions.ranking')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('champions.rank')}</Table.Th>
                <Table.Th>{t('trainees.fields.name')}</Table.Th>
                <Table.Th>{t('champions.fields.category')}</Table.Th>
                <Table.Th ta="right">{t('champions.referrals')}</Table.Th>
                <Table.Th ta="right">{t('champions.trained')}</Table.Th>
                <Table.Th ta="right">{t('champions.completed')}</Table.Th>
                {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((item) => (
                <Table.Tr key={item.id} aria-label={nameOf(item)}>
                  <Table.Td>
                    <Text fw={700}>#{item.rank}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={500}>
                        {nameOf(item)}
                      </Text>
                      {!item.active && (
                        <Badge size="xs" color="gray" variant="outline">
                          {t('champions.inactive')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`championCategory.${item.category}`)}</Text>
                  </Table.Td>
                  <Table.Td ta="right" fw={sort === 'referrals' ? 700 : undefined}>
                    {format.number(item.referrals)}
                  </Table.Td>
                  <Table.Td ta="right">{format.number(item.trained)}</Table.Td>
                  <Table.Td ta="right" fw={sort === 'completed' ? 700 : undefined}>
                    {format.number(item.completed)}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => setLinkFor(item)}>
                          {t('champions.link')}
                        </Button>
                        <ActiveToggle programmeId={programme.id} champion={item} />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs" aria-label={t('champions.ranking')}>
          {query.data.items.map((item) => (
            <Card key={item.id} withBorder radius="md" padding="sm" component="article" aria-label={nameOf(item)}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={700} fz="lg" w={44} style={{ flexShrink: 0 }}>
                  #{item.rank}
                </Text>
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {nameOf(item)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`championCategory.${item.category}`)}
                    {!item.active && ` · ${t('champions.inactive')}`}
                  </Text>
                  <Figures item={item} />
                  {canManage && (
                    <Group gap={4}>
                      <Button size="xs" variant="light" onClick={() => setLinkFor(item)}>
                        {t('champions.link')}
                      </Button>
                      <ActiveToggle programmeId={programme.id} champion={item} />
                    </Group>
                  )}
                </Stack>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      <ResponsiveModal opened={creating} onClose={() => setCreating(false)} title={t('champions.addTitle')}>
        {creating && <ChampionForm programmeId={programme.id} onDone={() => setCreating(false)} />}
      </ResponsiveModal>
      <ResponsiveModal opened={linkFor !== null} onClose={() => setLinkFor(null)} title={t('champions.linkTitle', { name: linkFor?.name ?? '' })} size="md">
        {linkFor && <ReferralPanel programmeId={programme.id} champion={linkFor} />}
      </ResponsiveModal>
    </Stack>
  );
}
