import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AddedParticipant } from '../../api/participants.ts';
import type { Programme } from '../../api/types.ts';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { participantPath } from '../../participants/display.ts';
import { ParticipantForm } from '../../participants/ParticipantForm.tsx';

/**
 * Add one participant by hand. The answer says whether the owner was already in the national
 * registry (then only enrolled here): that is shown before going on, since it explains why
 * their details may differ from what was typed.
 */
export function AddParticipantModal({ programme, onClose }: { programme: Programme; onClose: () => void }) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<AddedParticipant | null>(null);
  // A new form for each participant: nothing of the previous one is left in it.
  const [round, setRound] = useState(0);

  return (
    <ResponsiveModal opened onClose={onClose} title={t('participants.addTitle')}>
      {added ? (
        <Stack gap="md">
          <Alert
            color={added.existed ? 'blue' : 'teal'}
            title={added.alreadyEnrolled ? t('participants.enrolledTitle') : added.existed ? t('participants.existedTitle') : t('participants.addedTitle')}
          >
            {added.alreadyEnrolled
              ? t('participants.enrolledMessage', { name: added.person.name })
              : added.existed
                ? t('participants.existedMessage', { name: added.person.name })
                : t('participants.addedMessage', { name: added.person.name })}
          </Alert>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('participants.backToList')}
            </Button>
            <Button
              variant="light"
              onClick={() => {
                setAdded(null);
                setRound((n) => n + 1);
              }}
            >
              {t('participants.addAnother')}
            </Button>
            <Button component={Link} to={participantPath(added.person.id, programme.id)}>
              {t('participants.openParticipant')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <ParticipantForm
          key={round}
          mode="add"
          programmeId={programme.id}
          onAdded={setAdded}
          onCancel={onClose}
        />
      )}
    </ResponsiveModal>
  );
}
