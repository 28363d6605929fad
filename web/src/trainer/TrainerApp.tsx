import { Alert, Anchor, Box, Button, Container, Group, MantineProvider, Stack, Text } from '@mantine/core';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentUser } from '../api/types.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { styleNonceGetter } from '../csp-nonce.ts';
import { createAppTheme } from '../theme.ts';
import { SyncBar } from './components/SyncBar.tsx';
import { CASELOAD_PATH, navigate, useRoute } from './navigation.ts';
import { keepCaseloadOffline, keepSessionsOffline, trainerKeys, useMySessions, useTrainerMe } from './offline/cached.ts';
import { useEdits } from './offline/edit-outbox.ts';
import { needsSync } from './offline/mentoring-record.ts';
import { useMentoringRecords } from './offline/mentoring-outbox.ts';
import { useOutbox } from './offline/outbox.ts';
import { configureSync, MENTORING, startAutoSync } from './offline/sync.ts';
import { RosterScreen } from './screens/RosterScreen.tsx';
import { SessionsScreen } from './screens/SessionsScreen.tsx';

const getStyleNonce = styleNonceGetter();

// Mentoring is its own chunk: the app's first load stays small (the service worker keeps it for offline use).
const MentoringScreens = lazy(() => import('./mentoring/MentoringScreens.tsx'));

/**
 * Queries run whatever the network (`networkMode: 'always'`): without network they answer from
 * the device's copy instead of waiting. Reconnecting refreshes them.
 */
const queryClient = new QueryClient({
  defaultOptions: { queries: { networkMode: 'always', retry: false, staleTime: 30_000, refetchOnWindowFocus: false } },
});

function SignedOut() {
  const { t } = useTranslation();
  const waiting = useOutbox().filter((r) => r.status === 'pending').length + useMentoringRecords().filter(needsSync).length + useEdits().filter((r) => r.status === 'pending').length;
  return (
    <Stack gap="sm" py="xl" align="center" ta="center">
      <Text fw={600} size="lg">
        {t('trainer.signedOut.title')}
      </Text>
      <Text c="dimmed" maw={360}>
        {t('trainer.signedOut.hint')}
      </Text>
      {waiting > 0 && (
        <Alert color="yellow" maw={360}>
          {t('trainer.signedOut.waiting', { count: waiting })}
        </Alert>
      )}
      <Button component="a" href="/login?next=/trainer">
        {t('trainer.signedOut.signIn')}
      </Button>
    </Stack>
  );
}

function SignedIn({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const route = useRoute();
  const sessions = useMySessions(user.id);
  const [sessionsReady, setSessionsReady] = useState(false);
  const [caseloadReady, setCaseloadReady] = useState(false);

  useEffect(() => {
    configureSync({
      userId: user.id,
      onSynced: (ids) => {
        for (const id of ids.filter((i) => i !== MENTORING)) void client.invalidateQueries({ queryKey: trainerKeys.session(user.id, id) });
        void client.invalidateQueries({ queryKey: trainerKeys.sessions(user.id) });
        if (ids.includes(MENTORING)) {
          void client.invalidateQueries({ queryKey: trainerKeys.caseload(user.id) });
          void client.invalidateQueries({ queryKey: ['trainer', user.id, 'visits'] });
        }
      },
    });
    return startAutoSync();
  }, [client, user.id]);

  // Every session that is not over, with its roster, kept on the device after an online visit;
  // so are the mentor's caseload and its visits.
  const items = sessions.data?.fromCache === false ? sessions.data.data.items : null;
  const online = sessions.data ? !sessions.data.fromCache : null;
  useEffect(() => {
    if (sessions.data?.fromCache) setSessionsReady(true);
    if (items) void keepSessionsOffline(client, user.id, items).then(() => setSessionsReady(true));
  }, [items, sessions.data?.fromCache, client, user.id]);
  useEffect(() => {
    if (online === false) setCaseloadReady(true);
    if (online) void keepCaseloadOffline(client, user.id).finally(() => setCaseloadReady(true));
  }, [online, client, user.id]);
  const offlineReady = sessionsReady && caseloadReady;
  const mentoring = route.name === 'caseload' || route.name === 'msme';

  return (
    <>
      <SyncBar userId={user.id} offlineReady={offlineReady} />
      <Container size={640} px="sm" py="sm">
        {user.role !== 'trainer' && (
          <Alert color="blue" mb="sm" p="xs">
            {t('trainer.notTrainer')}{' '}
            <Anchor href="/programs">{t('trainer.managerApp')}</Anchor>
          </Alert>
        )}
        <Group gap={4} mb="sm" grow component="nav" aria-label={t('trainer.nav.label')}>
          <Button size="xs" variant={mentoring ? 'default' : 'filled'} aria-current={mentoring ? undefined : 'page'} component="a" href="/trainer" onClick={(event) => { event.preventDefault(); navigate('/trainer'); }}>
            {t('trainer.nav.sessions')}
          </Button>
          <Button size="xs" variant={mentoring ? 'filled' : 'default'} aria-current={mentoring ? 'page' : undefined} component="a" href={CASELOAD_PATH} onClick={(event) => { event.preventDefault(); navigate(CASELOAD_PATH); }}>
            {t('trainer.nav.mentoring')}
          </Button>
        </Group>
        {route.name === 'caseload' || route.name === 'msme' ? (
          <Suspense fallback={<PageLoader />}>
            <MentoringScreens userId={user.id} route={route} />
          </Suspense>
        ) : route.name === 'session' ? (
          <RosterScreen userId={user.id} sessionId={route.id} />
        ) : (
          <SessionsScreen userId={user.id} />
        )}
      </Container>
    </>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useTrainerMe();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="sm" py={6} bg="white" component="header" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap={6} wrap="nowrap">
          <Logo />
          <Text size="sm" c="dimmed">
            {t('trainer.appName')}
          </Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <main>
        {me.isPending ? (
          <PageLoader />
        ) : me.isError ? (
          <Container size={640} px="sm" py="md">
            <QueryError error={me.error} onRetry={() => void me.refetch()} />
            <Text size="sm" c="dimmed">
              {t('trainer.firstVisit')}
            </Text>
          </Container>
        ) : me.data.data ? (
          <SignedIn user={me.data.data} />
        ) : (
          <SignedOut />
        )}
      </main>
    </Box>
  );
}

/** The trainer PWA: my sessions, a roster, marks, QR scans and walk-ins — also without network. */
export function TrainerApp() {
  const { t, i18n } = useTranslation();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `t` keeps its identity when the language changes
  const theme = useMemo(() => createAppTheme(t), [t, i18n.language]);
  return (
    <MantineProvider theme={theme} getStyleNonce={getStyleNonce}>
      <QueryClientProvider client={queryClient}>
        <Shell />
      </QueryClientProvider>
    </MantineProvider>
  );
}
