import { Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** A modal that fills the screen on phones, where a floating dialog leaves no room for a form. */
export function ResponsiveModal(props: ModalProps) {
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  return <Modal size="lg" fullScreen={phone} {...props} />;
}
