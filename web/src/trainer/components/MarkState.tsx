import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { discard } from '../offline/outbox.ts';
import type { RosterRow } from '../roster-state.ts';

/** A roster row's attendance: present (server), pending or synced (this device), rejected with the reason. */
export function MarkState({ row, timeZone, onMark, onFix, disabled }: { row: RosterRow; timeZone: string; onMark: () => void; onFix: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = row.state;
  switch (state.kind) {
    case 'present':
      return (
        <Stack gap={0} align="flex-end">
          <Badge color="teal" variant="filled">
            {t('trainer.roster.present')}
          </Badge>
          <Text size="xs" c="dimmed">
            {t(`attendanceMethod.${state.method}` as 'attendanceMethod.qr')} · {format.time(state.capturedAt, timeZone)}
          </Text>
        </Stack>
      );
    case 'synced':
      return (
        <Badge color="teal" variant="filled">
          {t('trainer.roster.synced')}
        </Badge>
      );
    case 'pending':
      return (
        <Stack gap={2} align="flex-end">
          {/* Words rather than a badge: they wrap on a narrow phone instead of being cut. */}
          <Text size="xs" fw={700} c="yellow.9" bg="yellow.1" px={6} py={2} ta="right" maw={120} lh={1.3} style={{ borderRadius: 4 }}>
            {t('trainer.roster.pending')}
          </Text>
          {state.record.attempts === 0 && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void discard(state.record)}>
              {t('trainer.roster.undo')}
            </Button>
          )}
        </Stack>
      );
    case 'rejected':
      return (
        <Stack gap={2} align="flex-end">
          <Badge color="red" variant="filled">
            {t('trainer.roster.rejected')}
          </Badge>
          <Group gap={4} justify="flex-end">
            {state.record.kind === 'walk_in' ? (
              <Button size="compact-xs" variant="light" color="red" onClick={onFix}>
                {t('trainer.roster.fix')}
              </Button>
            ) : (
              row.personId &&
              !disabled && (
                <Button size="compact-xs" variant="light" onClick={onMark}>
                  {t('trainer.roster.markAgain')}
                </Button>
              )
            )}
          </Group>
        </Stack>
      );
    default:
      return (
        <Button size="sm" onClick={onMark} disabled={disabled || !row.personId}>
          {t('trainer.roster.mark')}
        </Button>
      );
  }
}
