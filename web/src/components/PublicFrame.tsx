import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

/** The frame of the public pages (no sign-in): logo, language switch, one narrow column made for a phone. */
export function PublicFrame({ children, width = 560 }: { children: ReactNode; width?: number }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="sm" py="xs" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} component="header">
        <Logo />
        <LanguageSwitch />
      </Group>
      <Container size={width} px="sm" py="md" component="main">
        {children}
      </Container>
    </Box>
  );
}

/** The personal token of a public link travels in the URL fragment (`/daftar#<token>`), which never reaches a server or its logs. */
export const tokenFromLocation = (): string => {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
};
