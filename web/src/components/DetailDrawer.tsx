import { Drawer, type DrawerProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** One record's details beside its list; the whole screen on phones. */
export function DetailDrawer(props: DrawerProps) {
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  return <Drawer position="right" size={phone ? '100%' : 'md'} padding="md" {...props} />;
}
