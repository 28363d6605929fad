import { Button, Group, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { ResponsiveModal } from './ResponsiveModal.tsx';

type ConfirmActionProps = {
  /** The button that opens the question. */
  label: string;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  color?: ButtonProps['color'];
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
};

/** A button that asks before doing something that is not easily undone (archiving). */
export function ConfirmAction({ label, title, message, confirmLabel, onConfirm, color = 'red', variant = 'light', size = 'xs' }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [pending, setPending] = useDisclosure(false);
  const confirm = async () => {
    setPending.open();
    try {
      await onConfirm();
      close();
    } catch {
      // The mutation already showed the server's message; keep the dialog so the user can retry.
    } finally {
      setPending.close();
    }
  };
  return (
    <>
      <Button size={size} variant={variant} color={color} onClick={open}>
        {label}
      </Button>
      <ResponsiveModal opened={opened} onClose={close} title={title} size="sm" fullScreen={false}>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color={color} loading={pending} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </ResponsiveModal>
    </>
  );
}
