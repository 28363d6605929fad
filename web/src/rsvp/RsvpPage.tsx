import { Alert, Anchor, Badge, Box, Button, Card, Center, Container, Group, Image, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useAnswerRsvp, useOptOut, useRsvp } from '../api/rsvp.ts';
import type { RsvpInvitation } from '../api/types.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { svgDataUrl } from '../format/svg.ts';
import { SESSION_STATUS_COLORS } from '../sessions/SessionStatusBadge.tsx';

/** The personal token travels in the URL fragment (`/rsvp#<token>`), which never reaches a server or its logs. */
const tokenFromLocation = (): string => decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();

function SessionCard({ session }: { session: RsvpInvitation['sessions'][number] }) {
  const { t } = useTranslation();
  const cancelled = session.status === 'cancelled';
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={session.title}>
      <Group justify="space-between" align="flex-start" gap={4} wrap="nowrap">
        <Text fw={700} size="lg" style={{ overflowWrap: 'anywhere' }}>
          {session.title}
        </Text>
        <Badge color={SESSION_STATUS_COLORS[session.status]} variant="light" style={{ flexShrink: 0 }}>
          {session.statusText}
        </Badge>
      </Group>
      <Stack gap={6} mt="xs">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('rsvp.when')}
          </Text>
          <Text fw={600} td={cancelled ? 'line-through' : undefined}>
            {session.when}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('rsvp.where')}
          </Text>
          <Text style={{ overflowWrap: 'anywhere' }}>{session.place}</Text>
          <Text size="sm" c="dimmed">
            {session.modalityText}
          </Text>
        </div>
        {session.meetingUrl && !cancelled && (
          <Button component="a" href={session.meetingUrl} target="_blank" rel="noopener noreferrer" variant="light" fullWidth>
            {t('rsvp.openMeeting')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

function Invitation({ token, invitation }: { token: string; invitation: RsvpInvitation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const answer = useAnswerRsvp(token);
  const optOut = useOptOut(token);
  const [confirmingOptOut, optOutQuestion] = useDisclosure(false);
  const closed = invitation.sessions.every((s) => s.status === 'cancelled' || s.status === 'done');

  return (
    <Stack gap="md">
      <div>
        <Title order={1} fz={26}>
          {t('rsvp.greeting', { name: invitation.name })}
        </Title>
        <Text mt={4}>{t(invitation.invitation.kind === 'cohort' ? 'rsvp.invitedCohort' : 'rsvp.invited', { title: invitation.invitation.title })}</Text>
        <Text size="sm" c="dimmed">
          {invitation.programme.name}
        </Text>
      </div>
      {invitation.sessions.map((session, index) => (
        <SessionCard key={`${session.title}-${index}`} session={session} />
      ))}

      <Card withBorder radius="md" padding="md" component="section" aria-labelledby="rsvp-answer-title">
        <Title order={2} size="h4" id="rsvp-answer-title">
          {t('rsvp.question')}
        </Title>
        {invitation.answer && (
          <Text mt={4} role="status">
            {t('rsvp.yourAnswer')}{' '}
            <Text span fw={700} c={invitation.answer === 'yes' ? 'teal.8' : 'red.8'}>
              {t(`rsvp.answer.${invitation.answer}`)}
            </Text>
            {invitation.answeredAt && (
              <Text span size="sm" c="dimmed">
                {' '}
                ({format.dateTime(invitation.answeredAt)})
              </Text>
            )}
          </Text>
        )}
        {answer.data && (
          <Alert mt="sm" color={answer.data.roster === 'full' || answer.data.roster === 'double_booked' ? 'orange' : 'teal'} role="alert">
            {answer.data.message}
          </Alert>
        )}
        {answer.isError && (
          <Alert mt="sm" color="red" role="alert">
            {isApiError(answer.error) && answer.error.fields.token ? answer.error.fields.token : answer.error.message}
          </Alert>
        )}
        {closed ? (
          <Text mt="sm" c="dimmed">
            {t('rsvp.closed')}
          </Text>
        ) : (
          <Stack gap="xs" mt="sm">
            <Button size="lg" color="teal" fullWidth loading={answer.isPending && answer.variables === 'yes'} disabled={answer.isPending} onClick={() => answer.mutate('yes')}>
              {invitation.answer === 'yes' ? t('rsvp.yesAgain') : t('rsvp.yes')}
            </Button>
            <Button size="lg" variant="default" fullWidth loading={answer.isPending && answer.variables === 'no'} disabled={answer.isPending} onClick={() => answer.mutate('no')}>
              {t('rsvp.no')}
            </Button>
          </Stack>
        )}
        <Text size="xs" c="dimmed" mt="sm">
          {t('rsvp.expires', { date: format.dateTime(invitation.expiresAt) })}
        </Text>
      </Card>

      <Card withBorder radius="md" padding="md" component="section" aria-labelledby="rsvp-qr-title">
        <Title order={2} size="h4" id="rsvp-qr-title">
          {t('rsvp.qrTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('rsvp.qrHint')}
        </Text>
        <Center mt="sm">
          <Image src={svgDataUrl(invitation.checkIn.svg)} alt={t('rsvp.qrAlt', { name: invitation.name })} w={240} h={240} fit="contain" />
        </Center>
      </Card>

      <Box component="section" aria-labelledby="rsvp-optout-title" px={4}>
        <Text fw={600} size="sm" id="rsvp-optout-title">
          {t('rsvp.optOutTitle')}
        </Text>
        {invitation.optedOut || optOut.isSuccess ? (
          <Alert color="gray" mt={4} role="status">
            {optOut.data?.message ?? t('rsvp.optedOut')}
          </Alert>
        ) : confirmingOptOut ? (
          <Stack gap="xs" mt={4}>
            <Text size="sm">{t('rsvp.optOutQuestion')}</Text>
            <Group gap="xs">
              <Button color="red" variant="light" loading={optOut.isPending} onClick={() => optOut.mutate()}>
                {t('rsvp.optOutConfirm')}
              </Button>
              <Button variant="default" onClick={optOutQuestion.close}>
                {t('common.cancel')}
              </Button>
            </Group>
            {optOut.isError && (
              <Alert color="red" role="alert">
                {optOut.error.message}
              </Alert>
            )}
          </Stack>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('rsvp.optOutHint')}
            </Text>
            <Anchor component="button" type="button" size="sm" onClick={optOutQuestion.open}>
              {t('rsvp.optOut')}
            </Anchor>
          </>
        )}
      </Box>
      <Anchor href="/data-saya" size="sm" px={4}>
        {t('myData.fromRsvp')}
      </Anchor>
    </Stack>
  );
}

/** The public page behind a personal invitation link: no sign-in, Bahasa Indonesia first, made for a phone. */
export default function RsvpPage() {
  const { t, i18n } = useTranslation();
  const token = tokenFromLocation();
  const query = useRsvp(token, i18n.language);
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="sm" py="xs" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} component="header">
        <Logo />
        <LanguageSwitch />
      </Group>
      <Container size={520} px="sm" py="md" component="main">
        {!token ? (
          <Alert color="orange" title={t('rsvp.missingTitle')} role="alert">
            {t('rsvp.missing')}
          </Alert>
        ) : query.isPending ? (
          <PageLoader />
        ) : query.isError ? (
          <Stack gap="xs">
            {/* An invalid or expired link is a field problem of the token: its message says which. */}
            <QueryError error={isApiError(query.error) && query.error.fields.token ? new Error(query.error.fields.token) : query.error} onRetry={() => void query.refetch()} />
            <Text size="sm" c="dimmed">
              {t('rsvp.invalidHint')}
            </Text>
          </Stack>
        ) : (
          <Invitation token={token} invitation={query.data} />
        )}
      </Container>
    </Box>
  );
}
