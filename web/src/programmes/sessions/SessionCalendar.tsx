import { Anchor, Badge, Box, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSessionCalendar, type SessionFilters } from '../../api/sessions.ts';
import type { SessionSummary } from '../../api/types.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { addDays, addMonths, dayOf, monthGrid, startOfWeek, todayInJakarta } from '../../format/time-zone.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { SESSION_STATUS_COLORS } from '../../sessions/SessionStatusBadge.tsx';

export type CalendarMode = 'week' | 'month';

const LOCALE = { id: 'id-ID', en: 'en-GB' } as const;

/** A session sits on the day it starts in its site's local time. */
const localDay = (s: SessionSummary) => s.startsAtLocal.slice(0, 10);
const localTime = (value: string) => value.slice(11, 16).replace(':', '.');

function SessionChip({ session }: { session: SessionSummary }) {
  const cancelled = session.status === 'cancelled';
  return (
    <Anchor
      component={Link}
      to={`/sessions/${session.id}`}
      size="xs"
      underline="never"
      display="block"
      px={6}
      py={2}
      aria-label={`${session.title}, ${session.when}`}
      style={{
        borderLeft: `3px solid var(--mantine-color-${SESSION_STATUS_COLORS[session.status]}-6)`,
        background: 'var(--mantine-color-gray-0)',
        borderRadius: 4,
        textDecoration: cancelled ? 'line-through' : undefined,
        overflowWrap: 'anywhere',
      }}
    >
      <Text span size="xs" fw={600} c="dark">
        {localTime(session.startsAtLocal)} {session.timeZoneLabel}
      </Text>{' '}
      <Text span size="xs" c="dark">
        {session.title}
      </Text>
    </Anchor>
  );
}

/**
 * Sessions by week or month. Desktop: a grid of days; phones: the days that have sessions,
 * as an agenda (seven columns do not fit 360 px).
 */
export function SessionCalendar({ programmeId, filters, mode, date, onChange }: {
  programmeId: string;
  filters: Omit<SessionFilters, 'from' | 'to' | 'cohortId'>;
  mode: CalendarMode;
  /** Any day of the week or month shown, `2024-01-23`. */
  date: string;
  onChange: (next: { mode?: CalendarMode; date?: string }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const days = mode === 'month' ? monthGrid(date) : Array.from({ length: 7 }, (_, i) => addDays(startOfWeek(date), i));
  const first = days[0] ?? date;
  const last = days.at(-1) ?? date;
  // A day either side: sessions are placed by their local date, which may differ from the WIB date.
  const query = useSessionCalendar(programmeId, addDays(first, -1), addDays(last, 1), filters);
  const byDay = new Map<string, SessionSummary[]>();
  for (const s of query.data?.items ?? []) byDay.set(localDay(s), [...(byDay.get(localDay(s)) ?? []), s]);
  const today = todayInJakarta();
  const month = date.slice(0, 7);

  const locale = LOCALE[format.language];
  const monthTitle = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(dayOf(`${month}-01`));
  const title = mode === 'month' ? monthTitle : format.dateRange(first, last);
  const weekday = (day: string, style: 'short' | 'long') => new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(dayOf(day));
  const shift = (by: number) => onChange({ date: mode === 'month' ? addMonths(date, by) : addDays(date, 7 * by) });
  const visibleDays = days.filter((day) => mode === 'week' || day.startsWith(month));
  const withSessions = visibleDays.filter((day) => byDay.has(day));

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => shift(-1)} aria-label={mode === 'month' ? t('calendar.previousMonth') : t('calendar.previousWeek')}>
            ‹
          </Button>
          <Button variant="default" size="xs" onClick={() => onChange({ date: today })}>
            {t('calendar.today')}
          </Button>
          <Button variant="default" size="xs" onClick={() => shift(1)} aria-label={mode === 'month' ? t('calendar.nextMonth') : t('calendar.nextWeek')}>
            ›
          </Button>
          <Title order={3} size="h4" aria-live="polite" tt="capitalize">
            {title}
          </Title>
        </Group>
        <SegmentedControl
          size="xs"
          aria-label={t('calendar.mode')}
          value={mode}
          onChange={(value) => onChange({ mode: value === 'week' ? 'week' : 'month' })}
          data={[
            { value: 'week', label: t('calendar.week') },
            { value: 'month', label: t('calendar.month') },
          ]}
        />
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : wide ? (
        <Paper withBorder radius="md" style={{ overflow: 'hidden', opacity: query.isPlaceholderData ? 0.6 : 1 }} aria-busy={query.isFetching}>
          <SimpleGrid cols={7} spacing={0} verticalSpacing={0}>
            {days.slice(0, 7).map((day) => (
              <Text key={day} size="xs" fw={600} c="dimmed" tt="uppercase" ta="center" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
                {weekday(day, 'short')}
              </Text>
            ))}
            {days.map((day) => {
              const sessions = byDay.get(day) ?? [];
              const outside = mode === 'month' && !day.startsWith(month);
              return (
                <Box
                  key={day}
                  p={4}
                  mih={mode === 'month' ? 96 : 220}
                  role="group"
                  aria-label={format.date(day)}
                  style={{ borderRight: '1px solid var(--mantine-color-gray-2)', borderBottom: '1px solid var(--mantine-color-gray-2)', background: outside ? 'var(--mantine-color-gray-0)' : undefined }}
                >
                  <Text size="xs" fw={day === today ? 700 : 400} c={outside ? 'dimmed' : day === today ? 'teal.8' : undefined} mb={2}>
                    {Number(day.slice(8, 10))}
                  </Text>
                  <Stack gap={2}>
                    {sessions.map((s) => (
                      <SessionChip key={s.id} session={s} />
                    ))}
                  </Stack>
                </Box>
              );
            })}
          </SimpleGrid>
        </Paper>
      ) : withSessions.length === 0 ? (
        <EmptyMessage title={mode === 'month' ? t('calendar.emptyMonth') : t('calendar.emptyWeek')} />
      ) : (
        <Stack gap="xs">
          {withSessions.map((day) => (
            <Paper key={day} withBorder radius="md" p="xs" role="group" aria-label={format.date(day)}>
              <Group gap={6} mb={4}>
                <Text size="sm" fw={600} tt="capitalize">
                  {weekday(day, 'long')}, {format.date(day)}
                </Text>
                {day === today && (
                  <Badge size="xs" variant="light">
                    {t('calendar.today')}
                  </Badge>
                )}
              </Group>
              <Stack gap={4}>
                {(byDay.get(day) ?? []).map((s) => (
                  <SessionChip key={s.id} session={s} />
                ))}
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
      {query.data?.truncated && (
        <Text size="sm" c="dimmed">
          {t('calendar.truncated')}
        </Text>
      )}
    </Stack>
  );
}
