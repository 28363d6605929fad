import { AppShell, Burger, Group, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth.ts';
import type { CurrentUser } from '../api/types.ts';
import { can } from '../auth/permissions.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { PageLoader, QueryError } from './QueryState.tsx';
import { UserMenu } from './UserMenu.tsx';

/** `document`: another app in the same origin (the trainer PWA), reached by loading the page. */
type NavItem = { to: string; label: string; visible: boolean; document?: boolean };

function navItems(user: CurrentUser, t: TFunction): NavItem[] {
  return [
    { to: '/programs', label: t('nav.programmes'), visible: true },
    { to: '/national', label: t('nav.national'), visible: can(user.role, 'national.read') },
    { to: '/organisations', label: t('nav.organisations'), visible: can(user.role, 'organisation.list') },
    { to: '/users', label: t('nav.users'), visible: can(user.role, 'user.manage') },
    { to: '/audit', label: t('nav.audit'), visible: can(user.role, 'audit.read') },
    { to: '/trainer', label: t('nav.trainerApp'), visible: user.role === 'trainer', document: true },
  ].filter((item) => item.visible);
}

/** The signed-in frame: header with language and user menu, navigation (a drawer on phones), and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });

  if (me.isPending) return <PageLoader />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  const user = me.data;

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding={{ base: 'sm', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <UnstyledButton component={Link} to="/programs" onClick={close} aria-label={t('app.home')}>
              <Logo />
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      {/* Slid out of view on phones: inert too, so that keyboards and screen readers skip it. */}
      <AppShell.Navbar p="xs" aria-label={t('nav.label')} inert={phone && !opened}>
        <AppShell.Section grow component={ScrollArea}>
          {navItems(user, t).map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              reloadDocument={item.document}
              label={item.label}
              active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
              onClick={close}
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm">
            {t('app.tagline')}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
