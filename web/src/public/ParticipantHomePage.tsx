import { Alert, Anchor, Badge, Button, Card, Checkbox, Chip, Group, Modal, Radio, Rating, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchParticipantCertificate, useParticipantMaturity } from '../api/assessments.ts';
import { isApiError } from '../api/client.ts';
import type { MaturityQuestion, ParticipantHome, TestPhase } from '../api/types.ts';
import { PublicFrame, tokenFromLocation } from '../components/PublicFrame.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useOnline } from '../hooks/use-online.ts';
import { useFormat } from '../i18n/use-format.ts';
import { registerServiceWorker, useServiceWorkerReady } from '../offline/service-worker.ts';
import { useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';
import { useParticipantHome, useParticipantQuestionnaire } from './participant-data.ts';
import { flushQueued, queueAttempt, queueFeedback, useQueuedAttempts, useQueuedFeedback, type QueuedAttempt, type QueuedFeedback } from './participant-queue.ts';
import { saveBlob } from '../format/save-file.ts';

type Test = ParticipantHome['tests'][number];

/** One test, question by question on a phone; answers are kept on the device before anything is sent. */
function TestRunner({ token, test, phase, onClose }: { token: string; test: Test; phase: TestPhase; onClose: () => void }) {
  const { t } = useTranslation();
  const title = useLocalisedTitle();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [missing, setMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const set = (questionId: string, keys: string[]) => {
    setAnswers((a) => ({ ...a, [questionId]: keys }));
    setMissing(false);
  };
  const submit = async () => {
    if (test.questions.some((q) => !answers[q.id]?.length)) return setMissing(true);
    setSaving(true);
    try {
      await queueAttempt(token, { clientId: crypto.randomUUID(), moduleId: test.module.id, phase, answers, takenAt: new Date().toISOString() });
      onClose();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} fullScreen title={t(`participantPage.tests.${phase}Title`, { module: title(test.module.title) })}>
      <Stack gap="md" maw={560} mx="auto">
        {test.questions.map((q, index) => {
          const label = `${index + 1}. ${title(q.prompt)}`;
          const options = q.options.map((o) => ({ value: o.key, label: title(o) }));
          return (
            <Card key={q.id} withBorder radius="md" padding="sm">
              {q.kind === 'single' ? (
                <Radio.Group label={label} value={answers[q.id]?.[0] ?? null} onChange={(value) => set(q.id, [value])} styles={{ label: { fontWeight: 600, marginBottom: 6 } }}>
                  <Stack gap={8}>
                    {options.map((o) => (
                      <Radio key={o.value} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                </Radio.Group>
              ) : (
                <Checkbox.Group
                  label={label}
                  description={t('participantPage.tests.multipleHint')}
                  value={answers[q.id] ?? []}
                  onChange={(value) => set(q.id, value)}
                  styles={{ label: { fontWeight: 600 } }}
                >
                  <Stack gap={8} mt={6}>
                    {options.map((o) => (
                      <Checkbox key={o.value} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                </Checkbox.Group>
              )}
            </Card>
          );
        })}
        {missing && (
          <Alert color="orange" role="alert" p="xs">
            {t('participantPage.tests.answerAll')}
          </Alert>
        )}
        <Button size="lg" onClick={() => void submit()} loading={saving}>
          {t('participantPage.tests.submit')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** The newest queued attempt of a module and phase, as the participant sees it: waiting, scored or refused. */
function AttemptState({ attempt }: { attempt: QueuedAttempt | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!attempt) return null;
  if (attempt.status === 'pending')
    return (
      <Text size="xs" fw={600} c="yellow.9" bg="yellow.1" px={6} py={2} style={{ borderRadius: 4 }}>
        {t('participantPage.tests.pending')}
      </Text>
    );
  if (attempt.status === 'rejected')
    return (
      <Text size="xs" c="red.8">
        {t('participantPage.tests.refused', { reason: attempt.reason ?? '' })}
      </Text>
    );
  return (
    <Text size="xs" c="teal.9" fw={600}>
      {t('participantPage.tests.scored', { score: format.number(attempt.score?.score ?? 0) })}
    </Text>
  );
}

function TestsCard({ token, home }: { token: string; home: ParticipantHome }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useLocalisedTitle();
  const queued = useQueuedAttempts(token);
  const [running, setRunning] = useState<{ test: Test; phase: TestPhase } | null>(null);
  const latest = (moduleId: string, phase: TestPhase) =>
    queued.filter((q) => q.attempt.moduleId === moduleId && q.attempt.phase === phase).sort((a, b) => b.attempt.takenAt.localeCompare(a.attempt.takenAt))[0];
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="tests-title">
      <Title order={2} size="h4" id="tests-title">
        {t('participantPage.tests.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participantPage.tests.intro')}
      </Text>
      {home.tests.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('participantPage.tests.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {home.tests.map((test) => (
            <Card key={test.module.id} withBorder radius="md" padding="sm" component="article" aria-label={title(test.module.title)}>
              <Text fw={600}>{title(test.module.title)}</Text>
              <Text size="xs" c="dimmed">
                {t('participantPage.tests.questions', { count: test.questions.length })}
              </Text>
              <Stack gap={6} mt="xs">
                {(['pre', 'post'] as const).map((phase) => {
                  const best = phase === 'pre' ? test.bestPre : test.bestPost;
                  return (
                    <Group key={phase} justify="space-between" gap="xs" wrap="nowrap" role="group" aria-label={t(`participantPage.tests.${phase}`)}>
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500}>
                          {t(`participantPage.tests.${phase}`)}
                        </Text>
                        {best !== null && (
                          <Text size="xs" c="dimmed">
                            {t('participantPage.tests.best', { score: format.number(best) })}
                          </Text>
                        )}
                        <AttemptState attempt={latest(test.module.id, phase)} />
                      </Stack>
                      <Button size="xs" variant={best === null ? 'filled' : 'light'} onClick={() => setRunning({ test, phase })} style={{ flexShrink: 0 }}>
                        {best === null ? t('participantPage.tests.take') : t('participantPage.tests.retake')}
                      </Button>
                    </Group>
                  );
                })}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {running && <TestRunner token={token} test={running.test} phase={running.phase} onClose={() => setRunning(null)} />}
    </Card>
  );
}

const RECOMMEND = Array.from({ length: 11 }, (_, i) => String(i));

/** The feedback form of one session; what is sent is kept on the device first, like a test attempt. */
function FeedbackForm({ token, session, refused, onDone }: { token: string; session: ParticipantHome['sessions'][number]; refused: QueuedFeedback | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(refused?.feedback.rating ?? 0);
  const [recommend, setRecommend] = useState<string | null>(refused?.feedback.recommend == null ? null : String(refused.feedback.recommend));
  const [comment, setComment] = useState(refused?.feedback.comment ?? '');
  const [empty, setEmpty] = useState(false);
  const [saving, setSaving] = useState(false);
  // After a refusal the corrected form goes out under the same client id (the server stored nothing).
  const [clientId] = useState(() => refused?.clientId ?? crypto.randomUUID());
  const submit = async () => {
    if (!rating && recommend === null && !comment.trim()) return setEmpty(true);
    setSaving(true);
    try {
      await queueFeedback(token, { clientId, sessionId: session.id, rating: rating || null, recommend: recommend === null ? null : Number(recommend), comment: comment.trim() || null });
      onDone();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500} id={`rating-${session.id}`}>
          {t('participantPage.feedback.rating')}
        </Text>
        <Rating value={rating} onChange={setRating} size="lg" aria-labelledby={`rating-${session.id}`} />
      </div>
      <div>
        <Text size="sm" fw={500}>
          {t('participantPage.feedback.recommend')}
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          {t('participantPage.feedback.recommendHint')}
        </Text>
        <Chip.Group multiple={false} value={recommend} onChange={setRecommend}>
          <Group gap={4} role="radiogroup" aria-label={t('participantPage.feedback.recommend')}>
            {RECOMMEND.map((value) => (
              <Chip key={value} value={value} size="xs" radius="sm">
                {value}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      <Textarea label={t('participantPage.feedback.comment')} autosize minRows={2} value={comment} onChange={(event) => setComment(event.currentTarget.value)} />
      {(empty || refused) && (
        <Alert color="red" p="xs" role="alert">
          {empty ? t('participantPage.feedback.empty') : t('participantPage.feedback.refused', { reason: refused?.reason ?? '' })}
        </Alert>
      )}
      <Button onClick={() => void submit()} loading={saving} style={{ alignSelf: 'flex-start' }}>
        {t('participantPage.feedback.submit')}
      </Button>
    </Stack>
  );
}

/** One session: feedback given (on the server or sent from this phone), waiting on the phone, refused, or the form. */
function SessionFeedback({ token, session, queued }: { token: string; session: ParticipantHome['sessions'][number]; queued: QueuedFeedback[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const sent = session.feedbackGiven || queued.some((q) => q.status === 'sent');
  const pending = queued.some((q) => q.status === 'pending');
  const refused = queued.find((q) => q.status === 'rejected');
  const showForm = !sent && !pending && (open || refused !== undefined);
  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={session.title}>
      <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {session.title}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(session.startsAt)}
          </Text>
        </Stack>
        {sent ? (
          <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
            {t('participantPage.feedback.given')}
          </Badge>
        ) : (
          !pending &&
          !showForm && (
            <Button size="xs" variant="light" onClick={() => setOpen(true)} style={{ flexShrink: 0 }}>
              {t('participantPage.feedback.give')}
            </Button>
          )
        )}
      </Group>
      {!sent && pending && (
        <Text size="xs" fw={600} c="yellow.9" bg="yellow.1" px={6} py={2} mt={6} style={{ borderRadius: 4, alignSelf: 'flex-start' }}>
          {t('participantPage.feedback.pending')}
        </Text>
      )}
      {showForm && (
        <Stack mt="sm">
          <FeedbackForm key={refused?.clientId ?? 'new'} token={token} session={session} refused={refused} onDone={() => setOpen(false)} />
        </Stack>
      )}
    </Card>
  );
}

function FeedbackCard({ token, home }: { token: string; home: ParticipantHome }) {
  const { t } = useTranslation();
  const queued = useQueuedFeedback(token);
  const sessions = home.sessions.filter((s) => s.attended || new Date(s.startsAt).getTime() < Date.now());
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="feedback-title">
      <Title order={2} size="h4" id="feedback-title">
        {t('participantPage.feedback.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participantPage.feedback.intro')}
      </Text>
      {sessions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('participantPage.feedback.none')}
        </Text>
      ) : (
        <Stack gap="sm">
          {sessions.map((session) => (
            <SessionFeedback key={session.id} token={token} session={session} queued={queued.filter((q) => q.feedback.sessionId === session.id)} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function MaturityCard({ token, home, online }: { token: string; home: ParticipantHome; online: boolean }) {
  const { t, i18n } = useTranslation();
  const kept = useParticipantQuestionnaire(i18n.language);
  const questionnaire = kept.data?.data;
  const save = useParticipantMaturity(token);
  const [phase, setPhase] = useState<'baseline' | 'endline'>(home.sessions.some((s) => s.attended) ? 'endline' : 'baseline');
  const [yes, setYes] = useState<MaturityQuestion[]>([]);
  const level = save.data ? questionnaire?.levels.find((l) => l.level === save.data.level) : undefined;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="maturity-title">
      <Title order={2} size="h4" id="maturity-title">
        {t('participantPage.maturity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participantPage.maturity.intro')}
      </Text>
      {kept.isPending ? (
        <PageLoader />
      ) : kept.isError ? (
        <QueryError error={kept.error} onRetry={() => void kept.refetch()} />
      ) : !questionnaire ? null : save.isSuccess ? (
        <Alert color="teal" role="status" title={t('participantPage.maturity.done')}>
          {t('participantPage.maturity.level', { level: save.data.level, label: level?.label ?? '' })}
          {level?.description && (
            <Text size="sm" mt={4}>
              {level.description}
            </Text>
          )}
        </Alert>
      ) : (
        <Stack gap="sm">
          <SegmentedControl
            aria-label={t('participantPage.maturity.phase')}
            value={phase}
            onChange={(value) => setPhase(value === 'endline' ? 'endline' : 'baseline')}
            data={[
              { value: 'baseline', label: t('participantPage.maturity.baseline') },
              { value: 'endline', label: t('participantPage.maturity.endline') },
            ]}
            fullWidth
          />
          <Checkbox.Group value={yes} onChange={(value) => setYes(value as MaturityQuestion[])} label={t('register.maturityQuestion')} description={t('register.maturityHint')}>
            <Stack gap={8} mt={8}>
              {questionnaire.questions.map((q) => (
                <Checkbox key={q.code} value={q.code} label={q.text} />
              ))}
            </Stack>
          </Checkbox.Group>
          {save.isError && (
            <Alert color="red" p="xs" role="alert">
              {save.error.message}
            </Alert>
          )}
          <Group gap="xs">
            <Button
              onClick={() => save.mutate({ phase, answers: Object.fromEntries(questionnaire.questions.map((q) => [q.code, yes.includes(q.code)])) })}
              loading={save.isPending}
              disabled={!online}
            >
              {t('participantPage.maturity.submit')}
            </Button>
            {!online && (
              <Text size="xs" c="dimmed">
                {t('participantPage.needsSignal')}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </Card>
  );
}

function CertificateCard({ token, home, online }: { token: string; home: ParticipantHome; online: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const certificate = home.certificate;
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { blob, filename } = await fetchParticipantCertificate(token);
      saveBlob(blob, filename);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="certificate-title" bg={certificate && !certificate.revoked ? 'teal.0' : undefined}>
      <Title order={2} size="h4" id="certificate-title">
        {t('participantPage.certificate.title')}
      </Title>
      {!certificate ? (
        <Text size="sm" c="dimmed">
          {t('participantPage.certificate.notYet')}
        </Text>
      ) : certificate.revoked ? (
        <Text size="sm" c="red.8">
          {t('participantPage.certificate.revoked', { serial: certificate.serial })}
        </Text>
      ) : (
        <Stack gap="xs" mt={4}>
          <Text size="sm">{t('participantPage.certificate.issued', { serial: certificate.serial })}</Text>
          <Group gap="xs">
            <Button onClick={() => void download()} loading={busy} disabled={!online}>
              {t('participantPage.certificate.download')}
            </Button>
            <Anchor href={`/verify/${certificate.verificationCode}`} size="sm">
              {t('participantPage.certificate.verify')}
            </Anchor>
          </Group>
          {!online && (
            <Text size="xs" c="dimmed">
              {t('participantPage.needsSignal')}
            </Text>
          )}
          {problem && (
            <Text size="sm" c="red.8" role="alert">
              {problem}
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}

/**
 * Sends queued test attempts and feedback at start, when the network returns, and every 20 s
 * while some wait. Returns how many wait.
 */
function useQueueSync(token: string) {
  const queryClient = useQueryClient();
  const attempts = useQueuedAttempts(token);
  const feedback = useQueuedFeedback(token);
  const pending = attempts.filter((q) => q.status === 'pending').length + feedback.filter((q) => q.status === 'pending').length;
  const done = attempts.filter((q) => q.status === 'scored').length + feedback.filter((q) => q.status === 'sent').length;
  useEffect(() => {
    if (!token) return;
    const flush = () => void flushQueued(token);
    flush();
    window.addEventListener('online', flush);
    const timer = pending > 0 ? setInterval(flush, 20_000) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [token, pending]);
  // A newly scored attempt changes the best scores shown; sent feedback, the sessions.
  useEffect(() => {
    if (done > 0) void queryClient.invalidateQueries({ queryKey: ['participant', token] });
  }, [done, token, queryClient]);
  return pending;
}

/** Network, what waits on the phone, and whether the page shows a copy kept on it. */
function SyncStatus({ online, pending, savedAt }: { online: boolean; pending: number; savedAt: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (online && pending === 0 && !savedAt) return null;
  return (
    <Alert color={online ? 'yellow' : 'gray'} p="xs" role="status" data-testid="participant-sync">
      <Stack gap={2}>
        {!online && (
          <Text size="sm" fw={600}>
            {t('participantPage.offline')}
          </Text>
        )}
        {pending > 0 && <Text size="sm">{online ? t('participantPage.sending', { count: pending }) : t('participantPage.waiting', { count: pending })}</Text>}
        {savedAt && (
          <Text size="xs" c="dimmed">
            {t('participantPage.savedCopy', { time: format.dateTime(savedAt) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The participant's own page behind their personal link (`/peserta#<token>`): tests, feedback, self-assessment, certificate — also without signal after one visit with it. */
export default function ParticipantHomePage() {
  const { t } = useTranslation();
  const token = tokenFromLocation();
  const online = useOnline();
  const query = useParticipantHome(token);
  const pending = useQueueSync(token);
  const workerReady = useServiceWorkerReady();
  const fromCache = query.data?.fromCache ?? false;
  const { refetch } = query;
  // The page itself (scripts and styles) is kept on the phone by its service worker.
  useEffect(() => {
    if (token) registerServiceWorker('/peserta-sw.js', '/peserta');
  }, [token]);
  // Back online after showing the kept copy: fresh data (best scores, sessions, certificate).
  useEffect(() => {
    if (online && fromCache) void refetch();
  }, [online, fromCache, refetch]);
  return (
    <PublicFrame>
      {!token ? (
        <Alert color="orange" title={t('participantPage.missingTitle')} role="alert">
          {t('participantPage.missing')}
        </Alert>
      ) : query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <Stack gap="xs">
          <QueryError error={isApiError(query.error) && query.error.fields.token ? new Error(query.error.fields.token) : query.error} onRetry={() => void query.refetch()} />
          <Text size="sm" c="dimmed">
            {t('participantPage.invalidHint')}
          </Text>
        </Stack>
      ) : (
        <Stack gap="md">
          <div>
            <Title order={1} fz={26}>
              {t('rsvp.greeting', { name: query.data.data.name })}
            </Title>
            <Text size="sm" c="dimmed">
              {query.data.data.programme.name}
            </Text>
            {workerReady && !fromCache && (
              <Badge mt={4} size="sm" color="teal" variant="outline" tt="none" data-testid="offline-ready" title={t('participantPage.offlineReadyHint')}>
                {t('participantPage.offlineReady')}
              </Badge>
            )}
          </div>
          <SyncStatus online={online} pending={pending} savedAt={fromCache ? query.data.savedAt : null} />
          <CertificateCard token={token} home={query.data.data} online={online} />
          <TestsCard token={token} home={query.data.data} />
          <FeedbackCard token={token} home={query.data.data} />
          {query.data.data.hasBusiness && <MaturityCard token={token} home={query.data.data} online={online} />}
        </Stack>
      )}
    </PublicFrame>
  );
}
