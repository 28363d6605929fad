import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUpload } from './client.ts';
import { sessionKeys } from './sessions.ts';

export type Bilingual = { id: string; en: string };
export type ContextUnit = 'count' | 'percent' | 'rupiah' | 'days';
export type ContextSeries = { id: string; code: string; name: Bilingual; unit: ContextUnit; defaultSource: string | null; standard: boolean };
export type ContextValue = {
  id: string;
  seriesId: string;
  regionCode: string;
  regionName: string | null;
  siteId: string | null;
  siteName: string | null;
  period: string;
  value: number;
  source: string | null;
  sourceDate: string | null;
  origin: 'manual' | 'import';
};
export type ContextRejection = 'series_unknown' | 'place_unknown' | 'period_invalid' | 'value_not_numeric' | 'value_negative' | 'value_out_of_range' | 'source_date_invalid' | 'missing_value';
export type ContextImportReport = {
  total: number;
  inserted: number;
  updated: number;
  rejected: number;
  rejectedByReason: Partial<Record<ContextRejection, number>>;
  errors: { line: number; reason: ContextRejection; value: string }[];
  unknownColumns: string[];
  /** The rejected rows as CSV (original columns, line, reason in the user's language); null when none. */
  errorsCsv: string | null;
};
export type EventKind = 'festival' | 'national_event' | 'regional_event' | 'programme_launch' | 'other';
export type DestinationEvent = {
  id: string;
  title: string;
  kind: EventKind;
  season: 'low' | 'high' | null;
  startsOn: string;
  endsOn: string;
  regionCode: string;
  regionName: string | null;
  siteId: string | null;
  siteName: string | null;
  notes: string | null;
};
export type CalendarSession = { id: string; title: string; startsAt: string; endsAt: string; status: string; siteId: string; siteName: string; eventId: string | null };
export type ContextPanel = {
  series: ContextSeries;
  indicator: { code: string; version: number; name: Bilingual; unit: string };
  place: { regionCode: string; regionName: string | null; siteId: string | null; siteName: string | null };
  period: string;
  contextNotEffect: true;
  rows: { period: string; context: number | null; source: string | null; indicator: number | null; suppressed: boolean }[];
};

const key = (programmeId: string) => ['context', programmeId];

export function useContextSeries(programmeId: string) {
  return useQuery({ queryKey: [...key(programmeId), 'series'], queryFn: ({ signal }) => apiFetch<{ items: ContextSeries[] }>(`/api/programs/${programmeId}/context/series`, { signal }) });
}

export function useContextValues(programmeId: string) {
  return useQuery({ queryKey: [...key(programmeId), 'values'], queryFn: ({ signal }) => apiFetch<{ items: ContextValue[] }>(`/api/programs/${programmeId}/context/values`, { signal }) });
}

export function useRecordContextValue(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { seriesId: string; place: string; period: string; value: string; source?: string; sourceDate?: string }) =>
      apiFetch<{ inserted: boolean }>(`/api/programs/${programmeId}/context/values`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(programmeId) }),
  });
}

export function useImportContext(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => apiUpload<ContextImportReport>(`/api/programs/${programmeId}/context/import`, file, 'POST'),
    onSuccess: () => client.invalidateQueries({ queryKey: key(programmeId) }),
  });
}

export function useContextPanel(programmeId: string, params: { seriesId: string | null; indicator: string; place: string | null; period: string }) {
  return useQuery({
    queryKey: [...key(programmeId), 'panel', params],
    queryFn: ({ signal }) =>
      apiFetch<ContextPanel>(`/api/programs/${programmeId}/context/panel`, { query: { seriesId: params.seriesId, indicator: params.indicator, period: params.period, ...placeQuery(params.place) }, signal }),
    enabled: Boolean(params.seriesId && params.place),
  });
}

/** A place choice of the context tab (`site:<id>` or a regency code) as the API's query. */
const placeQuery = (place: string | null) => (place?.startsWith('site:') ? { siteId: place.slice(5) } : { regionCode: place ?? '' });

/** Events and sessions of a span of days, for the whole programme or one destination (`place`). */
export function useCalendar(programmeId: string, from: string, to: string, place: string | null = null) {
  return useQuery({
    queryKey: [...key(programmeId), 'calendar', from, to, place],
    queryFn: ({ signal }) =>
      apiFetch<{ from: string; to: string; events: DestinationEvent[]; sessions: CalendarSession[] }>(`/api/programs/${programmeId}/calendar`, { query: { from, to, ...placeQuery(place) }, signal }),
  });
}

/** The programme's events (all dates), e.g. to plan a session around one. */
export function useEvents(programmeId: string) {
  return useQuery({ queryKey: [...key(programmeId), 'events'], queryFn: ({ signal }) => apiFetch<{ items: DestinationEvent[] }>(`/api/programs/${programmeId}/events`, { signal }) });
}

export function useCreateEvent(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; kind: EventKind; season: 'low' | 'high' | null; startsOn: string; endsOn: string; siteId?: string | null; regionCode?: string | null }) =>
      apiFetch<DestinationEvent>(`/api/programs/${programmeId}/events`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(programmeId) }),
  });
}

export function useLinkSessionEvent(programmeId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { sessionId: string; eventId: string | null }) => apiFetch(`/api/programs/${programmeId}/sessions/${body.sessionId}/event`, { method: 'PUT', body: { eventId: body.eventId } }),
    onSuccess: (_, body) => Promise.all([client.invalidateQueries({ queryKey: key(programmeId) }), client.invalidateQueries({ queryKey: sessionKeys.detail(body.sessionId) })]),
  });
}
