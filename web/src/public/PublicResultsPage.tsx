import { Alert, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { usePublicResults, type PublicResults } from '../api/dashboard.ts';
import { PublicFrame } from '../components/PublicFrame.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { EChart } from '../programmes/dashboard/EChart.tsx';
import { provinceMapOption } from '../programmes/dashboard/province-map.ts';

/** A count is always computed, so a missing one was hidden (fewer than 5 people); a missing share or score may simply have no data. */
function useFigure() {
  const format = useFormat();
  return (value: number | null, unit: string) => (value === null ? (unit === 'count' ? '<5' : '–') : unit === 'percent' ? `${format.number(value)} %` : format.number(value));
}

function Results({ data }: { data: PublicResults }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const figure = useFigure();
  const count = (value: number | null) => figure(value, 'count');
  const mapOption = useMemo(
    () =>
      provinceMapOption(
        data.byProvince.map((p) => ({ code: p.code, name: p.name, value: p.enrolled, suppressed: p.enrolled === null })),
        { series: t('publicResults.enrolled'), hidden: '<5', none: t('publicResults.mapNone') },
      ),
    [data, t],
  );
  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {data.name}
        </Title>
        <Text size="sm" c="dimmed">
          {data.code} · {data.owner}
        </Text>
        {(data.startDate || data.endDate) && <Text size="sm">{format.dateRange(data.startDate, data.endDate)}</Text>}
      </div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" component="section" aria-label={t('publicResults.headline')}>
        {data.indicators.map((item) => {
          const name = i18n.language === 'en' ? item.name.en : item.name.id;
          return (
            <Paper key={item.code} withBorder radius="md" p="sm" role="group" aria-label={name} data-testid={`public-${item.code}`}>
              <Text size="xs" c="dimmed" fw={600} lh={1.3}>
                {name}
              </Text>
              <Text fz={22} fw={700} lh={1.3} data-testid="public-value">
                {figure(item.value, item.unit)}
              </Text>
              {item.target !== null && (
                <>
                  <Progress value={Math.min(100, item.progress ?? 0)} size="xs" mt={4} aria-label={t('publicResults.progress')} />
                  <Text size="xs" c="dimmed">
                    {t('publicResults.target', { target: figure(item.target, item.unit), progress: item.progress === null ? '–' : format.number(item.progress) })}
                  </Text>
                </>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Paper withBorder radius="md" p="sm" component="section" aria-labelledby="provinces-title">
        <Title order={2} size="h4" id="provinces-title" mb="xs">
          {t('publicResults.provinces')}
        </Title>
        {data.byProvince.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('publicResults.noProvinces')}
          </Text>
        ) : (
          <>
            <EChart height={300} label={t('publicResults.map')} testId="public-map" option={mapOption} />
            <Table.ScrollContainer minWidth={320}>
              <Table striped data-testid="public-provinces">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('publicResults.province')}</Table.Th>
                    <Table.Th ta="right">{t('publicResults.enrolled')}</Table.Th>
                    <Table.Th ta="right">{t('publicResults.trained')}</Table.Th>
                    <Table.Th ta="right">{t('publicResults.onboarded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.byProvince.map((p) => (
                    <Table.Tr key={p.code}>
                      <Table.Td>{p.name}</Table.Td>
                      <Table.Td ta="right">{count(p.enrolled)}</Table.Td>
                      <Table.Td ta="right">{count(p.trained)}</Table.Td>
                      <Table.Td ta="right">{count(p.onboarded)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Paper>
      <Text size="xs" c="dimmed">
        {t('publicResults.note', { date: format.date(data.asOf) })}
      </Text>
    </Stack>
  );
}

/** The public results of a programme whose manager published them, `/hasil/<code>`: no sign-in, aggregates only, made for a phone. */
export default function PublicResultsPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const query = usePublicResults(code);
  const notFound = query.isError && isApiError(query.error) && query.error.status === 404;
  return (
    <PublicFrame width={860}>
      <Stack gap="md">
        <Text size="sm" c="dimmed" fw={600} tt="uppercase">
          {t('publicResults.title')}
        </Text>
        {query.isPending ? (
          <PageLoader />
        ) : notFound ? (
          <Alert color="orange" title={t('publicResults.notFound')} role="alert">
            {t('publicResults.notFoundHint', { code })}
          </Alert>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Results data={query.data} />
        )}
      </Stack>
    </PublicFrame>
  );
}
