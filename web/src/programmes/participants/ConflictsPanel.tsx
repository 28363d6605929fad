import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useParticipantConflicts, useResolveConflict, type ParticipantConflict } from '../../api/attendance.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { participantPath } from '../../participants/display.ts';
import { useSectorLabel } from '../targets/indicator-label.ts';

/** The participant fields a trainer's device may change offline (src/modules/attendance/schema.ts). */
const EDIT_FIELDS = ['ownerName', 'businessName', 'nik', 'nib', 'phone', 'email', 'gender', 'sector', 'address', 'regency'] as const;
type EditField = (typeof EDIT_FIELDS)[number];
const isEditField = (key: string): key is EditField => (EDIT_FIELDS as readonly string[]).includes(key);

function useValueText() {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  return (field: EditField, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'gender' && (value === 'female' || value === 'male')) return t(`gender.${value}`);
    if (field === 'sector' && typeof value === 'string') return sectorLabel(value);
    return String(value);
  };
}

function ConflictCard({ conflict, programmeId }: { conflict: ParticipantConflict; programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const valueText = useValueText();
  const resolve = useResolveConflict(programmeId);
  const fields = EDIT_FIELDS.filter((f) => f in conflict.clientValues || f in conflict.serverValues);
  const extra = Object.keys(conflict.clientValues).filter((key) => !isEditField(key));
  const keep = (which: 'server' | 'client') => resolve.mutate({ conflictId: conflict.id, keep: which });
  return (
    <Card withBorder padding="sm" component="article" aria-label={conflict.person.name}>
      <Stack gap="xs">
        <div>
          <Anchor component={Link} to={participantPath(conflict.person.id, programmeId)} fw={600}>
            {conflict.person.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            {t('conflicts.source', {
              who: conflict.submittedBy?.name ?? t('common.none'),
              session: conflict.session?.title ?? t('common.none'),
              when: format.dateTime(conflict.editedAt),
            })}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder verticalSpacing={4} aria-label={t('conflicts.tableLabel', { name: conflict.person.name })}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflicts.field')}</Table.Th>
                <Table.Th>{t('conflicts.device')}</Table.Th>
                <Table.Th>{t('conflicts.server')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => (
                <Table.Tr key={field} aria-label={t(`participants.fields.${field}`)}>
                  <Table.Td>{t(`participants.fields.${field}`)}</Table.Td>
                  <Table.Td>{valueText(field, conflict.clientValues[field])}</Table.Td>
                  <Table.Td>{valueText(field, conflict.serverValues[field])}</Table.Td>
                </Table.Tr>
              ))}
              {extra.map((key) => (
                <Table.Tr key={key}>
                  <Table.Td>{key}</Table.Td>
                  <Table.Td>{String(conflict.clientValues[key] ?? t('common.none'))}</Table.Td>
                  <Table.Td>{String(conflict.serverValues[key] ?? t('common.none'))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" loading={resolve.isPending && resolve.variables?.keep === 'server'} disabled={resolve.isPending} onClick={() => keep('server')}>
            {t('conflicts.keepServer')}
          </Button>
          <Button size="xs" loading={resolve.isPending && resolve.variables?.keep === 'client'} disabled={resolve.isPending} onClick={() => keep('client')}>
            {t('conflicts.keepDevice')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * Participant edits a trainer made offline while the office changed the same person: nothing was
 * overwritten; the coordinator sees both versions and decides. Hidden while there is none.
 */
export function ConflictsPanel({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const conflicts = useParticipantConflicts(programmeId);
  const items = conflicts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-label={t('conflicts.title')} style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
      <Stack gap="sm">
        <Group gap="xs">
          <Text fw={600}>{t('conflicts.title')}</Text>
          <Badge color="orange" variant="light">
            {format.number(items.length)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('conflicts.intro')}
        </Text>
        {items.map((conflict) => (
          <ConflictCard key={conflict.id} conflict={conflict} programmeId={programmeId} />
        ))}
      </Stack>
    </Card>
  );
}
