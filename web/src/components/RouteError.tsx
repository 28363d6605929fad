import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Last resort when a page fails to render or its code cannot be loaded (e.g. after a release). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" ta="center" maw={480}>
        <Title order={2}>{t('errors.unexpectedTitle')}</Title>
        <Text c="dimmed">{t('errors.unexpected')}</Text>
        <Button onClick={() => window.location.reload()}>{t('common.reload')}</Button>
      </Stack>
    </Center>
  );
}
