import { Alert, Badge, Button, Card, FileInput, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  useCalendar,
  useContextSeries,
  useContextValues,
  useCreateEvent,
  useImportContext,
  useLinkSessionEvent,
  useRecordContextValue,
  type ContextImportReport,
  type EventKind,
} from '../../api/context.ts';
import { useSites } from '../../api/sites.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { saveBlob } from '../../format/save-file.ts';
import { ContextPanelCard, contextPlaces, useName } from './ContextPanelCard.tsx';

const EVENT_KINDS: EventKind[] = ['festival', 'national_event', 'regional_event', 'programme_launch', 'other'];
const SEASONS = ['high', 'low'] as const;

/** Saves the rejected rows (CSV written by the server in the file's own columns, with a byte-order mark). */
function downloadErrors(csv: string, fileName: string): void {
  const base = fileName.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_') || 'konteks';
  saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${base}-errors.csv`);
}

function ImportReport({ report, fileName }: { report: ContextImportReport; fileName: string }) {
  const { t } = useTranslation();
  const errorsCsv = report.errorsCsv;
  return (
    <Stack gap="xs" aria-label={t('context.import.report')}>
      <Text>{t('context.import.summary', { total: report.total, inserted: report.inserted, updated: report.updated, rejected: report.rejected })}</Text>
      {errorsCsv && (
        <Group>
          <Button variant="light" size="xs" onClick={() => downloadErrors(errorsCsv, fileName)}>
            {t('context.import.downloadErrors')}
          </Button>
        </Group>
      )}
      {report.unknownColumns.length > 0 && <Text size="sm" c="dimmed">{t('context.import.unknownColumns', { columns: report.unknownColumns.join(', ') })}</Text>}
      {report.errors.length > 0 && (
        <Table.ScrollContainer minWidth={360}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('context.import.line')}</Table.Th>
                <Table.Th>{t('context.import.reason')}</Table.Th>
                <Table.Th>{t('context.import.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.errors.map((e) => (
                <Table.Tr key={`${e.line}-${e.reason}`}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{t(`context.reasons.${e.reason}`)}</Table.Td>
                  <Table.Td>{e.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The destinations' events with their season, and the programme's sessions of the same month; all destinations or one. */
function EventsCalendar({ programme, manage, places }: { programme: Programme; manage: boolean; places: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [month, setMonth] = useState(() => (programme.startDate ?? new Date().toISOString()).slice(0, 7));
  const [place, setPlace] = useState<string | null>(null);
  const { from, to } = monthBounds(month);
  const calendar = useCalendar(programme.id, from, to, place);
  const sites = useSites(programme.id);
  const create = useCreateEvent(programme.id);
  const link = useLinkSessionEvent(programme.id);
  const [draft, setDraft] = useState({ title: '', kind: 'festival' as EventKind, season: 'high', startsOn: '', endsOn: '', siteId: '' });
  const problems = create.error && isApiError(create.error) ? create.error.fields : {};
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('context.events.title')}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setMonth(shiftMonth(month, -1))} aria-label={t('context.events.previous')}>
            ‹
          </Button>
          <Text fw={600} aria-live="polite">
            {month}
          </Text>
          <Button variant="default" size="xs" onClick={() => setMonth(shiftMonth(month, 1))} aria-label={t('context.events.next')}>
            ›
          </Button>
        </Group>
      </Group>
      <Select
        mb="sm"
        maw={360}
        label={t('context.events.destination')}
        placeholder={t('context.events.allDestinations')}
        data={places}
        value={place}
        onChange={setPlace}
        clearable
      />
      {calendar.isPending && <PageLoader />}
      {calendar.isError && <QueryError error={calendar.error} />}
      {calendar.data && (
        <Stack gap="xs">
          {calendar.data.events.length === 0 && calendar.data.sessions.length === 0 && <Text c="dimmed">{t('context.events.empty')}</Text>}
          {calendar.data.events.map((e) => (
            <Group key={e.id} gap="xs" wrap="wrap">
              <Badge color={e.season === 'high' ? 'orange' : e.season === 'low' ? 'blue' : 'gray'} variant="light">
                {e.season ? t(`context.events.season.${e.season}`) : t('context.events.season.none')}
              </Badge>
              <Text fw={600}>{e.title}</Text>
              <Text size="sm" c="dimmed">
                {t(`context.events.kinds.${e.kind}`)} · {format.dateRange(e.startsOn, e.endsOn)} · {e.siteName ?? e.regionName ?? e.regionCode}
              </Text>
            </Group>
          ))}
          {calendar.data.sessions.map((s) => (
            <Group key={s.id} gap="xs" wrap="wrap">
              <Badge color="teal" variant="light">
                {t('context.events.session')}
              </Badge>
              <Text>{s.title}</Text>
              <Text size="sm" c="dimmed">
                {format.dateTime(s.startsAt)} · {s.siteName}
              </Text>
              {manage ? (
                <Select
                  size="xs"
                  aria-label={t('context.events.plannedAround')}
                  placeholder={t('context.events.plannedAround')}
                  data={calendar.data.events.map((e) => ({ value: e.id, label: e.title }))}
                  value={s.eventId}
                  onChange={(v) => link.mutate({ sessionId: s.id, eventId: v })}
                  clearable
                />
              ) : (
                s.eventId && <Badge variant="outline">{calendar.data.events.find((e) => e.id === s.eventId)?.title}</Badge>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {manage && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { title: draft.title, kind: draft.kind, season: (draft.season || null) as 'low' | 'high' | null, startsOn: draft.startsOn, endsOn: draft.endsOn, siteId: draft.siteId || null },
              { onSuccess: () => setDraft({ ...draft, title: '' }) },
            );
          }}
        >
          <Title order={4} size="h5" mt="md" mb="xs">
            {t('context.events.add')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('context.events.eventTitle')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} error={problems.title} required />
            <Select label={t('context.events.kind')} data={EVENT_KINDS.map((k) => ({ value: k, label: t(`context.events.kinds.${k}`) }))} value={draft.kind} onChange={(v) => setDraft({ ...draft, kind: (v ?? 'festival') as EventKind })} allowDeselect={false} />
            <Select label={t('context.events.seasonLabel')} data={SEASONS.map((s) => ({ value: s, label: t(`context.events.season.${s}`) }))} value={draft.season} onChange={(v) => setDraft({ ...draft, season: v ?? '' })} clearable />
            <TextInput type="date" label={t('context.events.startsOn')} value={draft.startsOn} onChange={(e) => setDraft({ ...draft, startsOn: e.currentTarget.value })} error={problems.startsOn} required />
            <TextInput type="date" label={t('context.events.endsOn')} value={draft.endsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.currentTarget.value })} error={problems.endsOn} required />
            <Select label={t('context.place')} data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} value={draft.siteId || null} onChange={(v) => setDraft({ ...draft, siteId: v ?? '' })} error={problems.siteId ?? problems.regionCode} />
          </SimpleGrid>
          <Button type="submit" mt="sm" loading={create.isPending}>
            {t('context.events.save')}
          </Button>
        </form>
      )}
    </Card>
  );
}

/**
 * The "Konteks" tab: destination context figures (standard and the programme's own series),
 * entered by hand or imported, beside the programme's indicators — labelled as context, not as
 * an effect of the programme — and the destination's events calendar with the sessions.
 */
export function ContextTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useName();
  const { can } = useCurrentUser();
  const manage = can('site.manage');
  const series = useContextSeries(programme.id);
  const values = useContextValues(programme.id);
  const sites = useSites(programme.id);
  const record = useRecordContextValue(programme.id);
  const upload = useImportContext(programme.id);
  const [file, setFile] = useState<File | null>(null);
  const [entry, setEntry] = useState({ seriesId: '', place: '', period: '', value: '', source: '', sourceDate: '' });
  const entryProblems = record.error && isApiError(record.error) ? record.error.fields : {};

  const places = useMemo(() => contextPlaces(sites.data?.items ?? [], values.data?.items ?? []), [sites.data, values.data]);

  if (series.isPending || values.isPending) return <PageLoader />;
  if (series.isError) return <QueryError error={series.error} onRetry={() => void series.refetch()} />;
  if (values.isError) return <QueryError error={values.error} onRetry={() => void values.refetch()} />;
  const seriesById = new Map(series.data.items.map((s) => [s.id, s]));

  return (
    <Stack gap="md">
      <Text c="dimmed">{t('context.intro')}</Text>
      <ContextPanelCard programme={programme} series={series.data.items} places={places} values={values.data.items} />
      <Card withBorder>
        <Title order={3} size="h4" mb="xs">
          {t('context.values.title')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label={t('context.values.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('context.series')}</Table.Th>
                <Table.Th>{t('context.place')}</Table.Th>
                <Table.Th>{t('context.period')}</Table.Th>
                <Table.Th>{t('context.value')}</Table.Th>
                <Table.Th>{t('context.source')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>{t('context.values.empty')}</Table.Td>
                </Table.Tr>
              )}
              {values.data.items.map((v) => {
                const s = seriesById.get(v.seriesId);
                return (
                  <Table.Tr key={v.id}>
                    <Table.Td>{s ? name(s) : v.seriesId}</Table.Td>
                    <Table.Td>{v.siteName ?? v.regionName ?? v.regionCode}</Table.Td>
                    <Table.Td>{v.period}</Table.Td>
                    <Table.Td>
                      {format.number(v.value)}
                      {s?.unit === 'percent' ? ' %' : ''}
                    </Table.Td>
                    <Table.Td>
                      {v.source ?? '—'}
                      {v.sourceDate ? ` (${format.date(v.sourceDate)})` : ''}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {manage && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">
              {t('context.values.add')}
            </Title>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                record.mutate(entry, { onSuccess: () => setEntry({ ...entry, value: '' }) });
              }}
            >
              <Stack gap="xs">
                <Select label={t('context.series')} data={series.data.items.map((s) => ({ value: s.id, label: name(s) }))} value={entry.seriesId || null} onChange={(v) => setEntry({ ...entry, seriesId: v ?? '' })} error={entryProblems.seriesId} required />
                <TextInput label={t('context.place')} description={t('context.placeHint')} value={entry.place} onChange={(e) => setEntry({ ...entry, place: e.currentTarget.value })} error={entryProblems.place} required />
                <SimpleGrid cols={2}>
                  <TextInput label={t('context.period')} description={t('context.periodHint')} value={entry.period} onChange={(e) => setEntry({ ...entry, period: e.currentTarget.value })} error={entryProblems.period} required />
                  <TextInput label={t('context.value')} inputMode="decimal" value={entry.value} onChange={(e) => setEntry({ ...entry, value: e.currentTarget.value })} error={entryProblems.value} required />
                  <TextInput label={t('context.source')} value={entry.source} onChange={(e) => setEntry({ ...entry, source: e.currentTarget.value })} />
                  <TextInput type="date" label={t('context.sourceDate')} value={entry.sourceDate} onChange={(e) => setEntry({ ...entry, sourceDate: e.currentTarget.value })} error={entryProblems.sourceDate} />
                </SimpleGrid>
                <Button type="submit" loading={record.isPending}>
                  {t('context.values.save')}
                </Button>
              </Stack>
            </form>
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">
              {t('context.import.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="xs">
              {t('context.import.hint')}
            </Text>
            <Group align="flex-end">
              <FileInput label={t('context.import.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" value={file} onChange={setFile} style={{ flex: 1 }} clearable />
              <Button onClick={() => file && upload.mutate(file)} disabled={!file} loading={upload.isPending}>
                {t('context.import.upload')}
              </Button>
            </Group>
            {upload.isError && (
              <Alert color="red" mt="sm">
                {upload.error.message}
              </Alert>
            )}
            {upload.data && <ImportReport report={upload.data} fileName={upload.variables.name} />}
          </Card>
        </SimpleGrid>
      )}
      <EventsCalendar programme={programme} manage={manage} places={places} />
    </Stack>
  );
}
