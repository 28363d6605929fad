import { Anchor, Badge, Button, Card, Group, Paper, Progress, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgress } from '../../api/attendance.ts';
import { useEligibility, useIssueCertificate } from '../../api/certificates.ts';
import type { Certificate, ProgressItem } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { participantPath } from '../../participants/display.ts';

type Filter = 'completed' | 'all' | 'issued';

/** Why someone is (not yet) eligible, asked on demand: attendance share and post-tests still to pass. */
function EligibilityCheck({ programmeId, personId }: { programmeId: string; personId: string }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const query = useEligibility(programmeId, personId, asked);
  if (!asked)
    return (
      <Button size="compact-xs" variant="subtle" onClick={() => setAsked(true)}>
        {t('certificates.eligibility.check')}
      </Button>
    );
  if (query.isPending) return <Text size="xs">{t('common.loading')}</Text>;
  if (query.isError) return <Text size="xs" c="red.8">{query.error.message}</Text>;
  return (
    <Text size="xs" c={query.data.eligible ? 'teal.9' : 'orange.9'} role="note">
      {query.data.eligible ? t('certificates.eligibility.eligible') : query.data.reason}
    </Text>
  );
}

function IssueButton({ programmeId, item }: { programmeId: string; item: ProgressItem }) {
  const { t } = useTranslation();
  const issue = useIssueCertificate(programmeId);
  return (
    <Button
      size="xs"
      loading={issue.isPending}
      aria-label={t('certificates.issueFor', { name: item.name })}
      onClick={() => issue.mutate(item.personId, { onSuccess: (certificate) => notifySuccess(t('certificates.issued', { serial: certificate.serial, name: certificate.holderName })) })}
    >
      {t('certificates.issue')}
    </Button>
  );
}

function CertificateState({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      <Badge color={certificate.revokedAt ? 'red' : 'teal'} variant="light" tt="none">
        {certificate.revokedAt ? t('certificates.revokedBadge') : t('certificates.issuedBadge')}
      </Badge>
      <Anchor href={`/verify/${certificate.verificationCode}`} target="_blank" rel="noopener noreferrer" size="xs" ff="monospace">
        {certificate.serial}
      </Anchor>
    </Group>
  );
}

/**
 * Who may get a certificate: participants' progress along the learning path (the attendance
 * rule), their certificate if issued, and a button to issue it. The full rule (with a post-test
 * pass mark) is checked by the server, which says why when someone is not eligible yet.
 */
export function EligibilityPanel({ programmeId, certificates }: { programmeId: string; certificates: Certificate[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const progress = useProgress(programmeId);
  const [filter, setFilter] = useState<Filter>('completed');
  const [search, setSearch] = useState('');
  const byPerson = new Map(certificates.map((c) => [c.personId, c]));
  const term = search.trim().toLowerCase();
  const items = (progress.data?.items ?? [])
    .filter((i) => (filter === 'completed' ? i.completed : filter === 'issued' ? byPerson.has(i.personId) : true))
    .filter((i) => !term || i.name.toLowerCase().includes(term));

  const action = (item: ProgressItem) => {
    const certificate = byPerson.get(item.personId);
    if (certificate) return <CertificateState certificate={certificate} />;
    return (
      <Stack gap={2} align="flex-start">
        {item.completed ? <IssueButton programmeId={programmeId} item={item} /> : <Text size="xs" c="dimmed">{t('certificates.eligibility.notYet')}</Text>}
        <EligibilityCheck programmeId={programmeId} personId={item.personId} />
      </Stack>
    );
  };
  const bar = (item: ProgressItem) => (
    <Stack gap={2} miw={140}>
      <Text size="xs">{format.number(Math.round(item.percent))} %</Text>
      <Progress value={Math.min(100, item.percent)} color={item.completed ? 'teal' : 'blue'} size="sm" aria-label={t('progress.bar', { name: item.name })} />
    </Stack>
  );

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="eligibility-title">
      <Title order={3} size="h4" id="eligibility-title">
        {t('certificates.eligibility.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {progress.data ? t('certificates.eligibility.intro', { percent: progress.data.completionMinPercent }) : ''}
      </Text>
      <Group gap="sm" mb="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('certificates.eligibility.filter')}
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          data={[
            { value: 'completed', label: t('certificates.eligibility.completed') },
            { value: 'issued', label: t('certificates.eligibility.issued') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <TextInput type="search" aria-label={t('common.search')} placeholder={t('certificates.eligibility.search')} value={search} onChange={(event) => setSearch(event.currentTarget.value)} />
      </Group>
      {progress.isPending ? (
        <PageLoader />
      ) : progress.isError ? (
        <QueryError error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.data.pathMinutes === 0 ? (
        <EmptyMessage title={t('progress.noPath')} />
      ) : items.length === 0 ? (
        <EmptyMessage title={filter === 'completed' ? t('certificates.eligibility.noneCompleted') : t('certificates.eligibility.none')} />
      ) : wide ? (
        <Table.ScrollContainer minWidth={640} mah={520}>
          <Table verticalSpacing={6} aria-label={t('certificates.eligibility.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('participants.fields.name')}</Table.Th>
                <Table.Th>{t('progress.path')}</Table.Th>
                <Table.Th>{t('certificates.certificate')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.personId} aria-label={item.name}>
                  <Table.Td>
                    <Anchor component={Link} to={participantPath(item.personId, programmeId)} size="sm">
                      {item.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{bar(item)}</Table.Td>
                  <Table.Td>{action(item)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Stack gap="xs">
          {items.map((item) => (
            <Card key={item.personId} withBorder radius="md" padding="sm" component="article" aria-label={item.name}>
              <Anchor component={Link} to={participantPath(item.personId, programmeId)} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {item.name}
              </Anchor>
              {bar(item)}
              <Stack mt={6}>{action(item)}</Stack>
            </Card>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
