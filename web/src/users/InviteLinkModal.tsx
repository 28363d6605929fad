import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InviteResult } from '../api/types.ts';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';

/** The one-time link is shown once: the server keeps only its hash. */
export function InviteLinkModal({ invite, onClose }: { invite: InviteResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ResponsiveModal opened={invite !== null} onClose={onClose} title={t('users.inviteLinkTitle')}>
      {invite && (
        <Stack gap="sm">
          <Text size="sm">{t('users.inviteLinkIntro', { name: invite.user.name, email: invite.user.email })}</Text>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput label={t('users.inviteLink')} value={invite.inviteUrl} readOnly style={{ flex: 1 }} onFocus={(event) => event.currentTarget.select()} />
            <CopyButton value={invite.inviteUrl}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : undefined} onClick={copy} miw={100}>
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="yellow" variant="light">
            {t('users.inviteLinkWarning')}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </ResponsiveModal>
  );
}
