import { Avatar, Button, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../api/auth.ts';
import type { CurrentUser } from '../api/types.ts';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}

export function UserMenu({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  // Leave the signed-in pages first, so that nothing re-renders without a user while the session ends.
  const signOut = () => {
    void navigate('/login', { replace: true });
    logout.mutate();
  };
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" px={6} aria-label={t('userMenu.open')} leftSection={<Avatar size={28} color="teal" radius="xl">{initials(user.name)}</Avatar>}>
          <Text size="sm" visibleFrom="sm" maw={160} truncate>
            {user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('userMenu.signedInAs')}</Menu.Label>
        <Text px="sm" size="sm" fw={500} truncate>
          {user.name}
        </Text>
        <Text px="sm" size="xs" c="dimmed" truncate>
          {user.email}
        </Text>
        <Text px="sm" pb="xs" size="xs" c="dimmed">
          {t(`role.${user.role}`)}
        </Text>
        <Menu.Divider />
        <Menu.Item color="red" onClick={signOut} disabled={logout.isPending}>
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
