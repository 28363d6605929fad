import { Badge, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { photoGet } from '../offline/db.ts';
import { mentoringState, type MentoringRecord, type PhotoRef } from '../offline/mentoring-record.ts';
import { discardMentoring } from '../offline/mentoring-outbox.ts';
import { BlobImage } from './PhotoPicker.tsx';

/** A photo still on the device (waiting to be uploaded); once uploaded it is on the server only. */
function DevicePhoto({ photo, number }: { photo: PhotoRef; number: number }) {
  const { t } = useTranslation();
  const [blob, setBlob] = useState<Blob | null>(null);
  useEffect(() => {
    let live = true;
    void photoGet(photo.clientId).then((kept) => live && setBlob(kept?.blob ?? null));
    return () => {
      live = false;
    };
  }, [photo.clientId, photo.status]);
  return (
    <Stack gap={0} align="center" role="listitem" aria-label={t('trainer.mentoring.photoAlt', { number })}>
      {blob ? (
        <BlobImage blob={blob} alt={t('trainer.mentoring.photoAlt', { number })} size={60} />
      ) : (
        <Text size="xs" c="dimmed" w={60} h={60} ta="center" pt={18} bg="gray.1" style={{ borderRadius: 4 }}>
          {t(`trainer.mentoring.photoStatus.${photo.status}`)}
        </Text>
      )}
      {photo.status === 'rejected' && (
        <Text size="xs" c="red.8" maw={120} ta="center">
          {photo.message}
        </Text>
      )}
    </Stack>
  );
}

/** Pending, synced or refused, in the same words as attendance. */
function StateBadge({ record }: { record: MentoringRecord }) {
  const { t } = useTranslation();
  const state = mentoringState(record);
  if (state === 'pending')
    return (
      <Text size="xs" fw={700} c="yellow.9" bg="yellow.1" px={6} py={2} ta="right" maw={130} lh={1.3} style={{ borderRadius: 4, flexShrink: 0 }}>
        {t('trainer.roster.pending')}
      </Text>
    );
  return (
    <Badge color={state === 'synced' ? 'teal' : 'red'} variant="filled" style={{ flexShrink: 0 }}>
      {state === 'synced' ? t('trainer.mentoring.synced') : t('trainer.roster.rejected')}
    </Badge>
  );
}

/** A visit or milestone recorded on this device, with its sync state and its photos. */
export function MentoringRecordCard({ record }: { record: MentoringRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title =
    record.kind === 'visit' && record.visit
      ? `${format.date(record.visit.visitedOn)} · ${t(`visitMode.${record.visit.mode}`)}`
      : record.milestone
        ? t(`milestoneKind.${record.milestone.kind}`)
        : '';
  return (
    <Card withBorder radius="md" padding="xs" component="li" aria-label={title}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          {record.milestone && (
            <Text size="xs" c="dimmed">
              {t('milestones.reachedOn', { date: format.date(record.milestone.reachedOn) })}
            </Text>
          )}
        </Stack>
        <StateBadge record={record} />
      </Group>
      {record.visit?.notes && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {record.visit.notes}
        </Text>
      )}
      {record.visit && record.visit.agreedActions.length > 0 && (
        <List size="sm" mt={4} spacing={0}>
          {record.visit.agreedActions.map((action, index) => (
            <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
              {action}
            </List.Item>
          ))}
        </List>
      )}
      {record.milestone?.evidenceUrl && (
        <Text size="xs" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {record.milestone.evidenceUrl}
        </Text>
      )}
      {record.photos.length > 0 && (
        <Group gap={6} mt={6} role="list" aria-label={t('trainer.mentoring.photosChosen', { count: record.photos.length })}>
          {record.photos.map((photo, index) => (
            <DevicePhoto key={photo.clientId} photo={photo} number={index + 1} />
          ))}
        </Group>
      )}
      {record.status === 'rejected' && (
        <Text size="sm" c="red.8" mt={4} role="note">
          {record.message}
        </Text>
      )}
      {record.status === 'pending' && record.attempts === 0 && (
        <Button size="compact-xs" variant="subtle" color="gray" mt={4} onClick={() => void discardMentoring(record)}>
          {t('trainer.roster.undo')}
        </Button>
      )}
    </Card>
  );
}
