import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useProgrammes } from '../api/programmes.ts';
import { PROGRAMME_STATUSES, type Programme, type ProgrammeStatus } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { ListFooter } from '../components/ListFooter.tsx';
import { OrganisationPicker } from '../components/OrganisationPicker.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../components/QueryState.tsx';
import { ArchivedBadge, StatusBadge } from '../components/StatusBadge.tsx';
import { useListParams, useSearchInput } from '../hooks/use-list-params.ts';
import { useFormat } from '../i18n/use-format.ts';

const PAGE_SIZE = 20;

function ProgrammeTable({ items }: { items: Programme[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('programmes.fields.code')}</Table.Th>
            <Table.Th>{t('programmes.fields.name')}</Table.Th>
            <Table.Th>{t('programmes.fields.owner')}</Table.Th>
            <Table.Th>{t('programmes.fields.period')}</Table.Th>
            <Table.Th>{t('programmes.fields.status')}</Table.Th>
            <Table.Th ta="right">{t('programmes.fields.sites')}</Table.Th>
            <Table.Th ta="right">{t('programmes.fields.partners')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/programs/${p.id}`} fw={600} ff="monospace" size="sm">
                  {p.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.owner.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.dateRange(p.startDate, p.endDate) || t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <StatusBadge status={p.status} />
                  {p.archivedAt && <ArchivedBadge />}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{format.number(p.siteCount)}</Table.Td>
              <Table.Td ta="right">{format.number(p.partnerCount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On phones every programme is a card: the table's seven columns do not fit. */
function ProgrammeCards({ items }: { items: Programme[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="sm">
      {items.map((p) => (
        <Card key={p.id} withBorder padding="sm" radius="md" component={Link} to={`/programs/${p.id}`} aria-label={`${p.code} ${p.name}`}>
          <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
            <Text fw={600} ff="monospace" size="sm" c="teal.8" style={{ overflowWrap: 'anywhere' }}>
              {p.code}
            </Text>
            <Group gap={4} wrap="nowrap">
              <StatusBadge status={p.status} />
              {p.archivedAt && <ArchivedBadge />}
            </Group>
          </Group>
          <Text fw={500} mt={4}>
            {p.name}
          </Text>
          <Text size="sm" c="dimmed">
            {p.owner.name}
          </Text>
          <Text size="sm" c="dimmed">
            {format.dateRange(p.startDate, p.endDate)}
          </Text>
          <Group gap="xs" mt="xs">
            <Badge variant="default">{t('programmes.siteCount', { value: format.number(p.siteCount) })}</Badge>
            <Badge variant="default">{t('programmes.partnerCount', { value: format.number(p.partnerCount) })}</Badge>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

export default function ProgrammeListPage() {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const params = useListParams();
  const search = useSearchInput(params.get('q'), (value) => params.set('q', value));
  const status = params.get('status') as ProgrammeStatus | '';
  const owner = params.get('owner');
  const includeArchived = params.flag('archived');
  const query = useProgrammes({
    q: params.get('q') || undefined,
    status: status || undefined,
    ownerOrganisationId: owner || undefined,
    includeArchived: includeArchived || undefined,
    page: params.page,
    pageSize: PAGE_SIZE,
  });
  const filtered = Boolean(params.get('q') || status || owner);

  return (
    <>
      <PageHeader
        title={t('programmes.title')}
        subtitle={t('programmes.subtitle')}
        actions={
          can('programme.create') && (
            <Button component={Link} to="/programs/new">
              {t('programmes.new')}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="md">
        <TextInput label={t('common.search')} placeholder={t('programmes.searchPlaceholder')} type="search" {...search} />
        <Select
          label={t('programmes.fields.status')}
          placeholder={t('common.all')}
          clearable
          data={PROGRAMME_STATUSES.map((value) => ({ value, label: t(`programmeStatus.${value}`) }))}
          value={status || null}
          onChange={(value) => params.set('status', value)}
        />
        <OrganisationPicker label={t('programmes.fields.owner')} placeholder={t('common.all')} clearable value={owner || null} onChange={(value) => params.set('owner', value)} />
        <Switch
          label={t('common.includeArchived')}
          checked={includeArchived}
          onChange={(event) => params.set('archived', event.currentTarget.checked ? 'true' : null)}
          mt={{ base: 0, lg: 30 }}
        />
      </SimpleGrid>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyMessage
          title={filtered ? t('programmes.emptyFiltered') : t('programmes.empty')}
          description={filtered ? t('common.tryOtherFilters') : can('programme.create') ? t('programmes.emptyHint') : undefined}
        />
      ) : (
        <div style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          {wide ? <ProgrammeTable items={query.data.items} /> : <ProgrammeCards items={query.data.items} />}
          <ListFooter page={params.page} pageSize={PAGE_SIZE} total={query.data.total} onPage={params.setPage} />
        </div>
      )}
    </>
  );
}
