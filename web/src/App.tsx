import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { setUnauthenticatedHandler } from './api/client.ts';
import { meKey } from './api/auth.ts';
import { createQueryClient } from './api/query-client.ts';
import { styleNonceGetter } from './csp-nonce.ts';
import { router } from './router.tsx';
import { createAppTheme } from './theme.ts';

const queryClient = createQueryClient();

const getStyleNonce = styleNonceGetter();

// A session that ends (expired, signed out elsewhere) sends the user to the sign-in page,
// which brings them back to where they were.
setUnauthenticatedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login' || pathname === '/invite') return;
  queryClient.setQueryData(meKey, null);
  void router.navigate('/login', { replace: true, state: { from: `${pathname}${search}` } });
});

export function App() {
  const { t, i18n } = useTranslation();
  // Rebuilt when the language changes, for the translated labels of Mantine's icon buttons.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `t` keeps its identity when the language changes
  const theme = useMemo(() => createAppTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} getStyleNonce={getStyleNonce}>
      <Notifications position="bottom-right" limit={4} />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
