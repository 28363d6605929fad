import { Anchor, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionSummary } from '../../api/types.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { KindBadge, ModalityBadge, SessionStatusBadge } from '../../sessions/SessionStatusBadge.tsx';

/** `12 / 30` on the roster, `8 hadir`. */
function useCounts() {
  const { t } = useTranslation();
  const format = useFormat();
  return (s: SessionSummary) => ({
    roster: t('sessions.rosterOfCapacity', { roster: format.number(s.rosterCount), capacity: format.number(s.capacity) }),
    attended: t('sessions.attendedCount', { count: s.attendedCount, formatted: format.number(s.attendedCount) }),
  });
}

export function SessionTable({ items }: { items: SessionSummary[] }) {
  const { t } = useTranslation();
  const counts = useCounts();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('sessions.fields.title')}</Table.Th>
            <Table.Th>{t('sessions.fields.when')}</Table.Th>
            <Table.Th>{t('sessions.fields.site')}</Table.Th>
            <Table.Th>{t('sessions.fields.modality')}</Table.Th>
            <Table.Th>{t('sessions.fields.roster')}</Table.Th>
            <Table.Th>{t('sessions.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => {
            const c = counts(s);
            return (
              <Table.Tr key={s.id}>
                <Table.Td miw={180}>
                  <Anchor component={Link} to={`/sessions/${s.id}`} size="sm" fw={500}>
                    {s.title}
                  </Anchor>
                  {s.cohort && (
                    <Text size="xs" c="dimmed">
                      {s.cohort.name}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.when}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.site.name}</Text>
                </Table.Td>
                <Table.Td>
                  <ModalityBadge modality={s.modality} size="sm" />
                  <KindBadge kind={s.kind} size="sm" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{c.roster}</Text>
                  <Text size="xs" c="dimmed">
                    {c.attended}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SessionStatusBadge status={s.status} size="sm" />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** On phones every session is a card. */
export function SessionCards({ items }: { items: SessionSummary[] }) {
  const counts = useCounts();
  return (
    <Stack gap="sm">
      {items.map((s) => {
        const c = counts(s);
        return (
          <Card key={s.id} withBorder padding="sm" radius="md" component={Link} to={`/sessions/${s.id}`} aria-label={s.title}>
            <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {s.title}
              </Text>
              <SessionStatusBadge status={s.status} />
            </Group>
            <Text size="sm">{s.when}</Text>
            <Text size="sm" c="dimmed">
              {s.site.name}
              {s.cohort && ` · ${s.cohort.name}`}
            </Text>
            <Group gap="xs" mt={6}>
              <ModalityBadge modality={s.modality} size="sm" />
              <KindBadge kind={s.kind} size="sm" />
              <Text size="sm" c="dimmed">
                {c.roster} · {c.attended}
              </Text>
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
