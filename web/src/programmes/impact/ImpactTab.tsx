import { Alert, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImpact, type DidEstimate, type Impact, type ImpactFilters, type PrePost } from '../../api/quality.ts';
import { GENDERS, SECTORS, type Programme } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { DidCaveats, DidMethod, useBilingual } from './DidNotes.tsx';

/** Numbers to two decimals in the language on screen; a dash when there is none. */
function useNumber() {
  const format = useFormat();
  return (value: number | null, unit = '') => (value === null ? '—' : `${new Intl.NumberFormat(format.language === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(value)}${unit}`);
}

function PrePostRow({ label, row, unit }: { label: string; row: PrePost; unit?: string }) {
  const { t } = useTranslation();
  const n = useNumber();
  if (row.suppressed) {
    return (
      <Table.Tr>
        <Table.Td>{label}</Table.Td>
        <Table.Td colSpan={5}>{t('impact.suppressed')}</Table.Td>
      </Table.Tr>
    );
  }
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td>{n(row.n)}</Table.Td>
      <Table.Td>{n(row.meanBefore, unit)}</Table.Td>
      <Table.Td>{n(row.meanAfter, unit)}</Table.Td>
      <Table.Td fw={600}>{n(row.meanChange, unit)}</Table.Td>
      <Table.Td>{row.low === null ? t('impact.noInterval') : `${n(row.low, unit)} … ${n(row.high, unit)}`}</Table.Td>
    </Table.Tr>
  );
}

function DidCard({ title, estimate, unit, samples }: { title: string; estimate: DidEstimate; unit: string; samples: Impact['differenceInDifferences']['samples'] }) {
  const { t } = useTranslation();
  const n = useNumber();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <Text fw={600}>{title}</Text>
      {estimate.suppressed ? (
        <Text size="sm" mt="xs">
          {t('impact.suppressed')}
        </Text>
      ) : (
        <>
          <Text size="xl" fw={700} mt="xs">
            {n(estimate.estimate, unit)}
          </Text>
          <Text size="sm" c="dimmed">
            {estimate.low === null ? t('impact.noInterval') : t('impact.interval', { low: n(estimate.low, unit), high: n(estimate.high, unit) })}
          </Text>
          <Table mt="sm" withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('impact.group')}</Table.Th>
                <Table.Th>{t('impact.nBaseline')}</Table.Th>
                <Table.Th>{t('impact.nEndline')}</Table.Th>
                <Table.Th>{t('impact.baseline')}</Table.Th>
                <Table.Th>{t('impact.endline')}</Table.Th>
                <Table.Th>{t('impact.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['treated', 'comparison'] as const).map((g) => (
                <Table.Tr key={g}>
                  <Table.Td>{t(`impact.${g}`)}</Table.Td>
                  <Table.Td>{n(samples[g].baseline)}</Table.Td>
                  <Table.Td>{n(samples[g].endline)}</Table.Td>
                  <Table.Td>{n(estimate[g].meanBefore, unit)}</Table.Td>
                  <Table.Td>{n(estimate[g].meanAfter, unit)}</Table.Td>
                  <Table.Td>{n(estimate[g].meanChange, unit)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Card>
  );
}

/** Dampak: before–after change and, where a comparison group exists, difference-in-differences, with method and caveats. */
export function ImpactTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<ImpactFilters>({ sector: null, gender: null });
  const query = useImpact(programme.id, filters);

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" maw={720}>
        {t('impact.intro')}
      </Text>
      <Group gap="sm">
        <Select
          aria-label={t('impact.filters.sector')}
          placeholder={t('impact.filters.allSectors')}
          clearable
          w={220}
          data={SECTORS.map((value) => ({ value, label: t(`sector.${value}`) }))}
          value={filters.sector}
          onChange={(sector) => setFilters((f) => ({ ...f, sector }))}
        />
        <Select
          aria-label={t('impact.filters.gender')}
          placeholder={t('impact.filters.allGenders')}
          clearable
          w={200}
          data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))}
          value={filters.gender}
          onChange={(gender) => setFilters((f) => ({ ...f, gender: gender as ImpactFilters['gender'] }))}
        />
      </Group>
      {query.isPending ? <PageLoader /> : query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <ImpactResults impact={query.data} />}
    </Stack>
  );
}

function ImpactResults({ impact }: { impact: Impact }) {
  const { t } = useTranslation();
  const text = useBilingual();
  const n = useNumber();
  const { prePost, differenceInDifferences: did, factsPending } = impact;
  return (
    <Stack gap="lg">
      {factsPending && (
        <Alert color="yellow" p="xs">
          {t('impact.factsPending')}
        </Alert>
      )}
      <Stack gap="xs" component="section" aria-label={t('impact.prePostTitle')}>
        <Title order={3} size="h4">
          {t('impact.prePostTitle')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('impact.measure')}</Table.Th>
                <Table.Th>n</Table.Th>
                <Table.Th>{t('impact.before')}</Table.Th>
                <Table.Th>{t('impact.after')}</Table.Th>
                <Table.Th>{t('impact.change')}</Table.Th>
                <Table.Th>{t('impact.ci')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <PrePostRow label={t('impact.maturity')} row={prePost.maturity} />
              <PrePostRow label={t('impact.testScore')} row={prePost.testScore} />
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {text(prePost.method)}
        </Text>
      </Stack>
      <Stack gap="xs" component="section" aria-label={t('impact.didTitle')}>
        <Title order={3} size="h4">
          {t('impact.didTitle')}
        </Title>
        {!did.available || !did.maturity || !did.firstOnlineSale ? (
          <Alert color="gray" title={t('impact.noEstimate')}>
            {did.unavailableReason ? text(did.unavailableReason) : null}
            <Text size="xs" mt={4}>
              {t('impact.samples', { treated: n(did.samples.treated.baseline), comparison: n(did.samples.comparison.baseline) })}
            </Text>
          </Alert>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
              <DidCard title={t('impact.didMaturity')} estimate={did.maturity} unit="" samples={did.samples} />
              <DidCard title={t('impact.didSale')} estimate={did.firstOnlineSale} unit={` ${t('impact.pp')}`} samples={did.samples} />
            </SimpleGrid>
            {did.samples.partlyTrainedExcluded !== 0 && (
              <Text size="xs" c="dimmed">
                {t('impact.partial', { n: n(did.samples.partlyTrainedExcluded) })}
              </Text>
            )}
            <DidCaveats caveats={did.caveats} />
          </>
        )}
        <DidMethod method={did.method} />
      </Stack>
    </Stack>
  );
}
