import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { personalDataExportUrl, useErasePerson, useRevealNik } from '../api/personal-data.ts';
import type { ParticipantDetail } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { applyServerErrors } from '../forms/server-errors.ts';
import { notifySuccess } from '../notify.ts';

/**
 * The NIK as the server sends it (masked) with a "show" button for the roles that may see it.
 * The full number lives in this component's state only: it is gone once the page is left.
 */
export function NikValue({ person }: { person: ParticipantDetail['person'] }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const reveal = useRevealNik(person.id);
  if (!person.nik) return t('common.none');
  const revealed = reveal.data?.nik;
  if (revealed) {
    return (
      <Stack gap={2} component="span">
        <Text component="span" size="sm" ff="monospace" data-testid="nik-revealed">
          {revealed}
        </Text>
        <Text component="span" size="xs" c="dimmed">
          {t('personalData.revealAudited')}
        </Text>
      </Stack>
    );
  }
  return (
    <Group gap="xs" component="span" wrap="nowrap">
      <Text component="span" size="sm" ff="monospace" data-testid="nik-masked">
        {person.nik}
      </Text>
      {can('personal_data.reveal') && person.nikRevealable && (
        <Button size="compact-xs" variant="light" loading={reveal.isPending} onClick={() => reveal.mutate()} aria-label={t('personalData.revealNik')}>
          {t('personalData.reveal')}
        </Button>
      )}
    </Group>
  );
}

/** Irreversible anonymisation on the person's request: the request's reference and their name typed again. */
function EraseModal({ participant, opened, onClose }: { participant: ParticipantDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const erase = useErasePerson(participant.person.id);
  const name = participant.person.name;
  const form = useForm({
    mode: 'controlled',
    initialValues: { reference: '', confirmName: '' },
    validate: {
      reference: (value) => (value.trim() ? null : t('validation.required')),
      confirmName: (value) => (value.trim() === name.trim() ? null : t('personalData.erase.nameMismatch')),
    },
  });
  const submit = form.onSubmit(({ reference }) =>
    erase.mutate(reference.trim(), {
      onSuccess: () => {
        notifySuccess(t('personalData.erase.done'));
        onClose();
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <ResponsiveModal opened={opened} onClose={onClose} title={t('personalData.erase.title')} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="red" title={t('personalData.erase.warningTitle')}>
            {t('personalData.erase.warning')}
          </Alert>
          <Text size="sm">{t('personalData.erase.kept')}</Text>
          <TextInput label={t('personalData.erase.reference')} description={t('personalData.erase.referenceHint')} required autoComplete="off" maxLength={120} {...form.getInputProps('reference')} />
          <TextInput label={t('personalData.erase.confirmName', { name })} required autoComplete="off" {...form.getInputProps('confirmName')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={erase.isPending} disabled={form.values.confirmName.trim() !== name.trim() || !form.values.reference.trim()}>
              {t('personalData.erase.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ResponsiveModal>
  );
}

/** Admin actions on the person's behalf (UU PDP): a copy of everything held, and erasure. */
export function PersonalDataActions({ participant }: { participant: ParticipantDetail }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const [erasing, eraseModal] = useDisclosure(false);
  if (!can('personal_data.export') && !can('personal_data.erase')) return null;
  const { person } = participant;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="participant-personal-data">
      <Title order={3} size="h4" mb="xs" id="participant-personal-data">
        {t('personalData.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('personalData.intro')}
      </Text>
      <Group gap="xs">
        {can('personal_data.export') && (
          <>
            <Button size="xs" variant="light" component="a" href={personalDataExportUrl(person.id, 'json')} download>
              {t('personalData.exportJson')}
            </Button>
            <Button size="xs" variant="light" component="a" href={personalDataExportUrl(person.id, 'pdf')} download>
              {t('personalData.exportPdf')}
            </Button>
          </>
        )}
        {can('personal_data.erase') && !person.anonymised && (
          <Button size="xs" variant="light" color="red" onClick={eraseModal.open}>
            {t('personalData.erase.open')}
          </Button>
        )}
      </Group>
      {erasing && <EraseModal participant={participant} opened={erasing} onClose={eraseModal.close} />}
    </Paper>
  );
}
