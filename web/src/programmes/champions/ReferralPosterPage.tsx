import '../../sessions/print.css';
import { Anchor, Breadcrumbs, Button, Card, Center, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useChampions, useReferralLink } from '../../api/champions.ts';
import { useProgramme } from '../../api/programmes.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { Forbidden } from '../../components/Forbidden.tsx';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { svgDataUrl } from '../../format/svg.ts';

/** A champion's referral QR code as a poster to print (A4 or A5), with the link written out. */
export default function ReferralPosterPage() {
  const { t } = useTranslation();
  const { id = '', championId = '' } = useParams();
  const { can } = useCurrentUser();
  const programme = useProgramme(id);
  const champions = useChampions(id, 'referrals');
  const link = useReferralLink(id, championId);
  if (!can('champion.manage')) return <Forbidden />;
  const failed = programme.error ?? champions.error ?? link.error;
  if (failed) return <QueryError error={failed} />;
  if (!programme.data || !champions.data || !link.data) return <PageLoader />;
  const champion = champions.data.items.find((c) => c.id === championId);
  return (
    <>
      <Breadcrumbs mb="xs" separator="›" data-print-hide>
        <Anchor component={Link} to={`/programs/${id}/champions`} size="sm" ff="monospace">
          {programme.data.code}
        </Anchor>
        <Text size="sm">{t('champions.posterTitle')}</Text>
      </Breadcrumbs>
      <Group justify="flex-end" mb="sm" data-print-hide>
        <Button onClick={() => window.print()}>{t('checkInCodes.print')}</Button>
      </Group>
      <Card withBorder radius="md" padding="xl" maw={560} mx="auto" data-print-card>
        <Stack gap="md" align="center" ta="center">
          <Title order={1} fz={{ base: 24, sm: 30 }}>
            {t('champions.posterHeadline')}
          </Title>
          <Text fz="lg">{programme.data.name}</Text>
          <Center>
            <img src={svgDataUrl(link.data.svg)} alt={t('champions.qrAlt', { name: champion?.name ?? '' })} width={300} height={300} style={{ maxWidth: '100%', height: 'auto' }} />
          </Center>
          <Text fz="lg" fw={600}>
            {t('champions.posterScan')}
          </Text>
          {champion?.name && <Text>{t('champions.posterInvitedBy', { name: champion.name })}</Text>}
          <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap', maxWidth: '100%' }}>
            {link.data.url}
          </Code>
        </Stack>
      </Card>
    </>
  );
}
