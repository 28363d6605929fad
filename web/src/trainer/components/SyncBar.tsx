import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { useEdits } from '../offline/edit-outbox.ts';
import { mentoringState } from '../offline/mentoring-record.ts';
import { useMentoringRecords } from '../offline/mentoring-outbox.ts';
import { useOutbox } from '../offline/outbox.ts';
import { useOnline, useServiceWorkerReady } from '../offline/service-worker-registration.ts';
import { syncNow, useSyncState } from '../offline/sync.ts';

/**
 * Always on screen: network, what waits on this device, the last sync, and "sync now". Records
 * that waited are sent automatically when the network returns; the button is for the impatient.
 */
export function SyncBar({ userId, offlineReady }: { userId: string; offlineReady: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const online = useOnline();
  const workerReady = useServiceWorkerReady();
  const sync = useSyncState();
  const mine = useOutbox().filter((r) => r.userId === userId);
  const mentoring = useMentoringRecords()
    .filter((r) => r.userId === userId)
    .map(mentoringState);
  const edits = useEdits().filter((r) => r.userId === userId);
  const pending = mine.filter((r) => r.status === 'pending').length + mentoring.filter((s) => s === 'pending').length + edits.filter((r) => r.status === 'pending').length;
  // Refused edits are shown on the roster row too, with the registry's messages.
  const rejected = mine.filter((r) => r.status === 'rejected').length + edits.filter((r) => r.status === 'rejected').length;
  const rejectedMentoring = mentoring.filter((s) => s === 'rejected').length;
  const status = sync.running ? t('trainer.sync.running') : pending > 0 ? t('trainer.sync.pending', { count: pending }) : t('trainer.sync.allSynced');

  return (
    <Paper
      withBorder
      radius={0}
      px="sm"
      py={6}
      pos="sticky"
      top={0}
      style={{ zIndex: 10, borderLeft: 0, borderRight: 0 }}
      bg={online ? (pending > 0 ? 'yellow.0' : 'white') : 'gray.1'}
      role="region"
      aria-label={t('trainer.sync.label')}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="center">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={4}>
            <Badge size="xs" color={online ? 'teal' : 'gray'} variant={online ? 'light' : 'filled'}>
              {online ? t('trainer.sync.online') : t('trainer.sync.offline')}
            </Badge>
            {workerReady && offlineReady && (
              <Badge size="xs" color="teal" variant="outline" data-testid="offline-ready" title={t('trainer.sync.offlineReadyHint')}>
                {t('trainer.sync.offlineReady')}
              </Badge>
            )}
          </Group>
          <Text size="sm" fw={700} aria-live="polite" data-testid="sync-status">
            {status}
          </Text>
        </Stack>
        <Button size="xs" variant={pending > 0 ? 'filled' : 'light'} loading={sync.running} onClick={() => void syncNow()} style={{ flexShrink: 0 }}>
          {t('trainer.sync.now')}
        </Button>
      </Group>
      <Text size="xs" c={sync.needsSignIn || ((!online || sync.problem) && pending > 0) ? 'orange.9' : 'dimmed'}>
        {sync.needsSignIn
          ? t('trainer.sync.signInProblem')
          : !online && pending > 0
            ? t('trainer.sync.offlineProblem')
            : sync.problem && pending > 0
            ? sync.problem
            : sync.lastSyncAt
              ? t('trainer.sync.last', { time: format.dateTime(sync.lastSyncAt) })
              : workerReady && offlineReady
                ? t('trainer.sync.offlineReadyHint')
                : t('trainer.sync.preparing')}
      </Text>
      {rejected > 0 && (
        <Text size="xs" c="red.8" fw={600}>
          {t('trainer.sync.rejected', { count: rejected })}
        </Text>
      )}
      {rejectedMentoring > 0 && (
        <Text size="xs" c="red.8" fw={600}>
          {t('trainer.sync.rejectedMentoring', { count: rejectedMentoring })}
        </Text>
      )}
    </Paper>
  );
}
