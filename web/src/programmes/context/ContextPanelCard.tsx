import { Alert, Anchor, Badge, Card, Group, Select, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useContextPanel, useContextSeries, useContextValues, type ContextSeries, type ContextValue } from '../../api/context.ts';
import { useSites } from '../../api/sites.ts';
import type { Programme, Site } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';

const PANEL_INDICATORS = ['msme_onboarded', 'msme_enrolled', 'msme_trained', 'jobs_created'] as const;
const PERIODS = ['month', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];

/** A place choice: `site:<id>` for a site of the programme, else a regency code. */
export type PlaceOption = { value: string; label: string };

export function useName() {
  const { i18n } = useTranslation();
  return (s: { name: { id: string; en: string } }) => (i18n.language === 'en' ? s.name.en : s.name.id);
}

/** The places a context figure can be about: the programme's sites, the places with figures, and the sites' regencies. */
export function contextPlaces(sites: Site[], values: ContextValue[]): PlaceOption[] {
  const list = new Map<string, string>();
  for (const s of sites) list.set(`site:${s.id}`, s.name);
  for (const v of values) {
    if (!v.siteId) list.set(v.regionCode, v.regionName ?? v.regionCode);
    else if (!list.has(`site:${v.siteId}`)) list.set(`site:${v.siteId}`, v.siteName ?? v.regionCode);
  }
  for (const s of sites) if (s.region.code.length >= 5) list.set(s.region.code.slice(0, 5), list.get(s.region.code.slice(0, 5)) ?? s.region.code.slice(0, 5));
  return [...list.entries()].map(([value, label]) => ({ value, label }));
}

/** `2023` → year, `2023-Q3` → quarter, `2023-07` → month. */
const periodOf = (period: string): Period => (/^\d{4}$/.test(period) ? 'year' : /Q/.test(period) ? 'quarter' : 'month');

/**
 * What the panel opens on: a figure that exists (tourist visits first), at its place and with its
 * period length, so that the first view is not empty; else the first series and place, by quarter.
 */
function initialChoice(series: ContextSeries[], places: PlaceOption[], values: ContextValue[]) {
  const preferred = series.find((s) => s.code === 'tourist_visits_total')?.id;
  const value = values.find((v) => v.seriesId === preferred) ?? values[0];
  if (value) return { seriesId: value.seriesId, place: value.siteId ? `site:${value.siteId}` : value.regionCode, period: periodOf(value.period) };
  return { seriesId: preferred ?? series[0]?.id ?? null, place: places[0]?.value ?? null, period: 'quarter' as Period };
}

/**
 * Context series beside a programme indicator for the same place and period, labelled as context
 * (not an effect of the programme). On the Konteks tab and on the dashboard.
 */
export function ContextPanelCard({ programme, series, places, values }: { programme: Programme; series: ContextSeries[]; places: PlaceOption[]; values: ContextValue[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useName();
  const [initial] = useState(() => initialChoice(series, places, values));
  const [seriesId, setSeriesId] = useState<string | null>(initial.seriesId);
  const [place, setPlace] = useState<string | null>(initial.place);
  const [indicator, setIndicator] = useState('msme_onboarded');
  const [period, setPeriod] = useState<string>(initial.period);
  const panel = useContextPanel(programme.id, { seriesId, indicator, place, period });
  const n = (v: number | null) => (v === null ? '—' : format.number(v));
  return (
    <Card withBorder component="section" aria-label={t('context.panel.title')} data-testid="context-panel">
      <ContextPanelHeading />
      <Alert color="yellow" variant="light" mb="sm">
        {t('context.panel.notEffect')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 4 }} mb="sm">
        <Select label={t('context.series')} data={series.map((s) => ({ value: s.id, label: name(s) }))} value={seriesId} onChange={setSeriesId} allowDeselect={false} />
        <Select label={t('context.place')} data={places} value={place} onChange={setPlace} allowDeselect={false} placeholder={t('context.panel.noPlace')} />
        <Select label={t('context.panel.indicator')} data={PANEL_INDICATORS.map((c) => ({ value: c, label: t(`context.panel.indicators.${c}`) }))} value={indicator} onChange={(v) => setIndicator(v ?? 'msme_onboarded')} allowDeselect={false} />
        <Select label={t('context.panel.period')} data={PERIODS.map((p) => ({ value: p, label: t(`context.panel.periods.${p}`) }))} value={period} onChange={(v) => setPeriod(v ?? 'quarter')} allowDeselect={false} />
      </SimpleGrid>
      {panel.isError && <QueryError error={panel.error} />}
      {panel.data && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped aria-label={t('context.panel.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('context.period')}</Table.Th>
                <Table.Th>
                  {name(panel.data.series)} <Text span size="xs" c="dimmed">({t('context.panel.contextColumn')})</Text>
                </Table.Th>
                <Table.Th>
                  {name(panel.data.indicator)} <Text span size="xs" c="dimmed">({t('context.panel.programmeColumn')})</Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {panel.data.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>{t('context.panel.empty')}</Table.Td>
                </Table.Tr>
              )}
              {panel.data.rows.map((r) => (
                <Table.Tr key={r.period}>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td>{n(r.context)}</Table.Td>
                  <Table.Td>{r.suppressed ? t('context.panel.suppressed') : n(r.indicator)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function ContextPanelHeading() {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb="xs">
      <Title order={3} size="h4">
        {t('context.panel.title')}
      </Title>
      <Badge color="gray" variant="outline">
        {t('context.panel.badge')}
      </Badge>
    </Group>
  );
}

/**
 * The context panel on the programme dashboard: the same card as on the Konteks tab, or, while the
 * programme has no context figures, a short hint pointing to that tab instead of an empty table.
 */
export function DashboardContextPanel({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const series = useContextSeries(programme.id);
  const values = useContextValues(programme.id);
  const sites = useSites(programme.id);
  if (series.isPending || values.isPending || sites.isPending) return <PageLoader />;
  if (series.isError) return <QueryError error={series.error} onRetry={() => void series.refetch()} />;
  if (values.isError) return <QueryError error={values.error} onRetry={() => void values.refetch()} />;
  if (values.data.items.length === 0) {
    return (
      <Card withBorder component="section" aria-label={t('context.panel.title')} data-testid="context-panel">
        <ContextPanelHeading />
        <Text size="sm" c="dimmed">
          {t('context.panel.noFigures')}{' '}
          <Anchor component={Link} to={`/programs/${programme.id}/context`}>
            {t('context.panel.openContext')}
          </Anchor>
        </Text>
      </Card>
    );
  }
  // Sites are only labels here: without them (an error) the places are the regencies with figures.
  const places = contextPlaces(sites.data?.items ?? [], values.data.items);
  return <ContextPanelCard programme={programme} series={series.data.items} places={places} values={values.data.items} />;
}
