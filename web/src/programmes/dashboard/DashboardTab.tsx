import { Alert, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useDashboard, type Dashboard, type DashboardFilters as Filters } from '../../api/dashboard.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { DashboardContextPanel } from '../context/ContextPanelCard.tsx';
import { ChartCard, type ChartTable } from './ChartCard.tsx';
import { DashboardFilters, filtersFromSearch } from './DashboardFilters.tsx';
import type { EChartOption } from './EChart.tsx';
import { PublicResultsToggle, ReportPanel } from './ReportPanel.tsx';
import { provinceMapOption } from './province-map.ts';

/** What a figure hidden from viewers (fewer than 5 people behind it) shows. */
export const SUPPRESSED = '<5';

const COLORS = ['#1c7ed6', '#0ca678', '#f59f00', '#ae3ec9', '#e8590c', '#495057'];
const FUNNEL_STAGES = ['enrolled', 'invited', 'attended', 'completed', 'onboarded', 'first_sale'] as const;

type Indicator = Dashboard['indicators'][number];

/** Progress as a percentage with one decimal (the API gives actual ÷ target). */
const percentOf = (progress: number | null) => (progress === null ? null : Math.round(progress * 1000) / 10);

function IndicatorCard({ item }: { item: Indicator }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const name = i18n.language === 'en' ? item.name.en : item.name.id;
  const figure = (value: number | null) => (value === null ? '–' : item.unit === 'percent' ? `${format.number(value)} %` : format.number(value));
  const shown = item.suppressed ? SUPPRESSED : figure(item.value);
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={name} data-testid={`indicator-${item.code}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
        {name}
      </Text>
      <Text fz={24} fw={700} lh={1.3} data-testid="indicator-value">
        {shown}
      </Text>
      {item.target !== null ? (
        <Stack gap={2} mt={4}>
          <Progress value={Math.min(100, percentOf(item.progress) ?? 0)} size="sm" color={(item.progress ?? 0) >= 1 ? 'teal' : 'blue'} aria-label={t('dashboard.progress')} />
          <Text size="xs" c="dimmed">
            {t('dashboard.target', { target: figure(item.target), progress: item.progress === null ? '–' : format.number(percentOf(item.progress) ?? 0) })}
          </Text>
          {item.projected !== null && (
            <Text size="xs" c="dimmed">
              {t('dashboard.projected', { value: figure(item.projected) })}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="xs" c="dimmed" mt={4}>
          {t('dashboard.noTarget')}
        </Text>
      )}
    </Paper>
  );
}

const axisTooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } } as const;
const cell = (value: number | null, suppressed: boolean) => (suppressed ? SUPPRESSED : value);

/** The ECharts options and CSV tables of every chart, from one dashboard answer. */
function useCharts(data: Dashboard | undefined) {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    if (!data) return null;
    const name = (i: Indicator) => (i18n.language === 'en' ? i.name.en : i.name.id);
    const targeted = data.indicators.filter((i) => i.target !== null);
    const targets: { option: EChartOption; table: ChartTable } = {
      option: {
        color: COLORS,
        tooltip: axisTooltip,
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: targeted.map(name), axisLabel: { width: 160, overflow: 'truncate' } },
        series: [
          { name: t('dashboard.actual'), type: 'bar', data: targeted.map((i) => (i.suppressed ? null : i.value)) },
          { name: t('dashboard.targetLabel'), type: 'bar', data: targeted.map((i) => i.target) },
        ],
      },
      table: {
        header: [t('dashboard.columns.indicator'), t('dashboard.actual'), t('dashboard.targetLabel'), t('dashboard.columns.progress'), t('dashboard.columns.projected')],
        rows: targeted.map((i) => [name(i), cell(i.value, i.suppressed), i.target, percentOf(i.progress), i.projected]),
      },
    };
    const series = ['enrolled', 'attended', 'completed', 'onboarded'] as const;
    const trend: { option: EChartOption; table: ChartTable } = {
      option: {
        color: COLORS,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.trend.map((p) => p.period) },
        yAxis: { type: 'value' },
        series: series.map((s) => ({ name: t(`dashboard.series.${s}`), type: 'line', connectNulls: false, data: data.trend.map((p) => p[s]) })),
      },
      table: {
        header: [t('dashboard.columns.month'), ...series.map((s) => t(`dashboard.series.${s}`))],
        rows: data.trend.map((p) => [p.period, ...series.map((s) => p[s] ?? SUPPRESSED)]),
      },
    };
    const provinceSeries = ['enrolled', 'completed', 'onboarded'] as const;
    const provinceName = (p: Dashboard['byProvince'][number]) => p.name ?? t('dashboard.unknownProvince');
    const provinceLabel = (p: Dashboard['byProvince'][number]) => (p.suppressed ? `${provinceName(p)} (${SUPPRESSED})` : provinceName(p));
    const provinces: { option: EChartOption; table: ChartTable; height: number } = {
      height: Math.max(260, 40 + data.byProvince.length * 34),
      option: {
        color: COLORS,
        tooltip: axisTooltip,
        legend: { top: 0 },
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: data.byProvince.map(provinceLabel), axisLabel: { width: 180, overflow: 'truncate' } },
        series: provinceSeries.map((s) => ({ name: t(`dashboard.series.${s}`), type: 'bar', data: data.byProvince.map((p) => (p.suppressed ? null : p[s])) })),
      },
      table: {
        header: [t('dashboard.columns.code'), t('dashboard.columns.province'), ...provinceSeries.map((s) => t(`dashboard.series.${s}`))],
        rows: data.byProvince.map((p) => [p.code, provinceName(p), ...provinceSeries.map((s) => cell(p[s], p.suppressed))]),
      },
    };
    const map: { option: EChartOption; table: ChartTable } = {
      option: provinceMapOption(
        data.byProvince.map((p) => ({ code: p.code, name: p.name, value: p.enrolled, suppressed: p.suppressed })),
        { series: t('dashboard.series.enrolled'), hidden: SUPPRESSED, none: t('dashboard.mapNone') },
      ),
      table: {
        header: [t('dashboard.columns.code'), t('dashboard.columns.province'), t('dashboard.series.enrolled')],
        rows: data.byProvince.map((p) => [p.code, provinceName(p), cell(p.enrolled, p.suppressed)]),
      },
    };
    const stages = FUNNEL_STAGES.map((stage) => data.funnel.find((f) => f.stage === stage) ?? { stage, count: 0, suppressed: false });
    const funnel: { option: EChartOption; table: ChartTable } = {
      option: {
        color: COLORS,
        tooltip: { trigger: 'item', formatter: (p: { data: { label: string; shown: string } }) => `${p.data.label}: ${p.data.shown}` },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            left: '10%',
            width: '80%',
            minSize: '8%',
            label: { show: true, position: 'inside', formatter: (p: { data: { label: string; shown: string } }) => `${p.data.label}: ${p.data.shown}` },
            data: stages.map((s) => ({ name: s.stage, value: s.suppressed ? 0 : (s.count ?? 0), label: t(`dashboard.funnel.${s.stage}`), shown: s.suppressed ? SUPPRESSED : String(s.count ?? 0) })),
          },
        ],
      },
      table: { header: [t('dashboard.columns.stage'), t('dashboard.columns.count')], rows: stages.map((s) => [t(`dashboard.funnel.${s.stage}`), cell(s.count, s.suppressed)]) },
    };
    const c = data.cascade;
    const cascadeRows: [string, number | null][] = [
      [t('dashboard.cascade.trainers'), c.trainersCertified],
      [t('dashboard.cascade.reach'), c.reach],
    ];
    const cascade: { option: EChartOption; table: ChartTable } = {
      option: {
        color: ['#ae3ec9'],
        tooltip: axisTooltip,
        grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: cascadeRows.map((r) => r[0]) },
        series: [{ type: 'bar', data: cascadeRows.map((r) => (c.suppressed ? null : r[1])), label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (c.suppressed ? SUPPRESSED : String(p.value ?? '')) } }],
      },
      table: { header: [t('dashboard.columns.measure'), t('dashboard.columns.count')], rows: cascadeRows.map(([label, value]) => [label, cell(value, c.suppressed)]) },
    };
    return { targets, trend, map, provinces, funnel, cascade };
  }, [data, t, i18n.language]);
}

/**
 * The programme dashboard ("Dasbor"): headline indicators against their targets, then targets vs
 * actuals, the monthly trend, provinces, the funnel and the cascade, all following the filters;
 * last, destination context beside a programme indicator (its own place and period choices).
 * Loaded as its own chunk (ECharts stays out of the rest of the app).
 */
export function DashboardTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const query = useDashboard(programme.id, filters);
  // Province choices come from the unfiltered view, so that choosing one does not empty the list.
  const all = useDashboard(programme.id, {});
  const charts = useCharts(query.data);
  const setFilters = (next: Filters) =>
    setParams(
      () => {
        const out = new URLSearchParams();
        for (const [key, value] of Object.entries(next)) if (value) out.set(key, value);
        return out;
      },
      { replace: true },
    );
  const fileBase = `dasbor-${programme.code.toLowerCase()}`;

  return (
    <Stack gap="md">
      <DashboardFilters value={filters} onChange={setFilters} provinces={(all.data?.byProvince ?? []).filter((p) => p.code && p.name).map((p) => ({ code: p.code, name: p.name ?? p.code }))} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {can('report.export') && <ReportPanel programmeId={programme.id} from={filters.from} to={filters.to} />}
        <PublicResultsToggle programme={programme} />
      </SimpleGrid>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed" data-testid="dashboard-as-of">
              {query.data.asOf ? t('dashboard.asOf', { date: format.dateTime(query.data.asOf) }) : ''}
            </Text>
            {query.isFetching && (
              <Text size="sm" c="dimmed" role="status">
                {t('common.loading')}
              </Text>
            )}
          </Group>
          {query.data.pending && (
            <Alert color="yellow" variant="light">
              {t('dashboard.pending')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" aria-label={t('dashboard.headline')}>
            {query.data.indicators.map((item) => (
              <IndicatorCard key={item.code} item={item} />
            ))}
          </SimpleGrid>
          {charts && (
            <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
              <ChartCard id="targets" title={t('dashboard.charts.targets')} option={charts.targets.option} table={charts.targets.table} fileBase={fileBase} />
              <ChartCard id="trend" title={t('dashboard.charts.trend')} option={charts.trend.option} table={charts.trend.table} fileBase={fileBase} />
              <ChartCard id="provinces" title={t('dashboard.charts.provinces')} option={charts.provinces.option} table={charts.provinces.table} fileBase={fileBase} height={charts.provinces.height} />
              <ChartCard id="funnel" title={t('dashboard.charts.funnel')} option={charts.funnel.option} table={charts.funnel.table} fileBase={fileBase} />
              <ChartCard id="cascade" title={t('dashboard.charts.cascade')} option={charts.cascade.option} table={charts.cascade.table} fileBase={fileBase} height={180} />
            </SimpleGrid>
          )}
          {charts && (
            <ChartCard id="map" title={t('dashboard.charts.map')} option={charts.map.option} table={charts.map.table} fileBase={fileBase} height={380} />
          )}
        </>
      )}
      <DashboardContextPanel programme={programme} />
    </Stack>
  );
}
