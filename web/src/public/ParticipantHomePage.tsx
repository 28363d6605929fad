import { Alert, Anchor, Badge, Button, Card, Checkbox, Chip, Group, Modal, Radio, Rating, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchParticipantCertificate, useMaturityQuestionnaire, useParticipantFeedback, useParticipantHome, useParticipantMaturity } from '../api/assessments.ts';
import { isApiError } from '../api/client.ts';
import type { MaturityQuestion, ParticipantHome, TestPhase } from '../api/types.ts';
import { PublicFrame, tokenFromLocation } from '../components/PublicFrame.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { useOnline } from '../hooks/use-online.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';
import { flushAttempts, queueAttempt, useQueuedAttempts, type QueuedAttempt } from './participant-queue.ts';
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
                    <Group key={phase} justify="space-between" gap="xs" wrap="nowrap">
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

function FeedbackForm({ token, session }: { token: string; session: ParticipantHome['sessions'][number] }) {
  const { t } = useTranslation();
  const send = useParticipantFeedback(token);
  const [rating, setRating] = useState(0);
  const [recommend, setRecommend] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [empty, setEmpty] = useState(false);
  const [clientId] = useState(() => crypto.randomUUID());
  if (send.isSuccess)
    return (
      <Text size="sm" c="teal.9" fw={600} role="status">
        {send.data.message}
      </Text>
    );
  const submit = () => {
    if (!rating && recommend === null && !comment.trim()) return setEmpty(true);
    send.mutate({ clientId, sessionId: session.id, rating: rating || null, recommend: recommend === null ? null : Number(recommend), comment: comment.trim() || null });
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
      {(empty || send.isError) && (
        <Alert color="red" p="xs" role="alert">
          {empty ? t('participantPage.feedback.empty') : isApiError(send.error) && Object.keys(send.error.fields).length ? Object.values(send.error.fields).join(' · ') : send.error?.message}
        </Alert>
      )}
      <Button onClick={submit} loading={send.isPending} style={{ alignSelf: 'flex-start' }}>
        {t('participantPage.feedback.submit')}
      </Button>
    </Stack>
  );
}

function FeedbackCard({ token, home }: { token: string; home: ParticipantHome }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<string | null>(null);
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
            <Card key={session.id} withBorder radius="md" padding="sm" component="article" aria-label={session.title}>
              <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {session.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(session.startsAt)}
                  </Text>
                </Stack>
                {session.feedbackGiven ? (
                  <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
                    {t('participantPage.feedback.given')}
                  </Badge>
                ) : (
                  open !== session.id && (
                    <Button size="xs" variant="light" onClick={() => setOpen(session.id)} style={{ flexShrink: 0 }}>
                      {t('participantPage.feedback.give')}
                    </Button>
                  )
                )}
              </Group>
              {!session.feedbackGiven && open === session.id && (
                <Stack mt="sm">
                  <FeedbackForm token={token} session={session} />
                </Stack>
              )}
            </Card>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function MaturityCard({ token, home }: { token: string; home: ParticipantHome }) {
  const { t, i18n } = useTranslation();
  const questionnaire = useMaturityQuestionnaire(i18n.language);
  const save = useParticipantMaturity(token);
  const [phase, setPhase] = useState<'baseline' | 'endline'>(home.sessions.some((s) => s.attended) ? 'endline' : 'baseline');
  const [yes, setYes] = useState<MaturityQuestion[]>([]);
  const level = save.data ? questionnaire.data?.levels.find((l) => l.level === save.data.level) : undefined;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="maturity-title">
      <Title order={2} size="h4" id="maturity-title">
        {t('participantPage.maturity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('participantPage.maturity.intro')}
      </Text>
      {questionnaire.isPending ? (
        <PageLoader />
      ) : questionnaire.isError ? (
        <QueryError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />
      ) : save.isSuccess ? (
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
              {questionnaire.data.questions.map((q) => (
                <Checkbox key={q.code} value={q.code} label={q.text} />
              ))}
            </Stack>
          </Checkbox.Group>
          {save.isError && (
            <Alert color="red" p="xs" role="alert">
              {save.error.message}
            </Alert>
          )}
          <Button
            onClick={() => save.mutate({ phase, answers: Object.fromEntries(questionnaire.data.questions.map((q) => [q.code, yes.includes(q.code)])) })}
            loading={save.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('participantPage.maturity.submit')}
          </Button>
        </Stack>
      )}
    </Card>
  );
}

function CertificateCard({ token, home }: { token: string; home: ParticipantHome }) {
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
            <Button onClick={() => void download()} loading={busy}>
              {t('participantPage.certificate.download')}
            </Button>
            <Anchor href={`/verify/${certificate.verificationCode}`} size="sm">
              {t('participantPage.certificate.verify')}
            </Anchor>
          </Group>
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

/** Sends queued test attempts at start, when the network returns, and every 20 s while some wait. */
function useAttemptSync(token: string) {
  const queryClient = useQueryClient();
  const queued = useQueuedAttempts(token);
  const pending = queued.filter((q) => q.status === 'pending').length;
  const scored = queued.filter((q) => q.status === 'scored').length;
  useEffect(() => {
    if (!token) return;
    const flush = () => void flushAttempts(token);
    flush();
    window.addEventListener('online', flush);
    const timer = pending > 0 ? setInterval(flush, 20_000) : undefined;
    return () => {
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [token, pending]);
  // A newly scored attempt changes the best scores shown.
  useEffect(() => {
    if (scored > 0) void queryClient.invalidateQueries({ queryKey: ['participant', token] });
  }, [scored, token, queryClient]);
  return pending;
}

/** The participant's own page behind their personal link (`/peserta#<token>`): tests (also offline), feedback, self-assessment, certificate. */
export default function ParticipantHomePage() {
  const { t, i18n } = useTranslation();
  const token = tokenFromLocation();
  const online = useOnline();
  const query = useParticipantHome(token, i18n.language);
  const pending = useAttemptSync(token);
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
              {t('rsvp.greeting', { name: query.data.name })}
            </Title>
            <Text size="sm" c="dimmed">
              {query.data.programme.name}
            </Text>
          </div>
          {(!online || pending > 0) && (
            <Alert color={online ? 'yellow' : 'gray'} p="xs" role="status" data-testid="participant-sync">
              {!online ? t('participantPage.offline', { count: pending }) : t('participantPage.sending', { count: pending })}
            </Alert>
          )}
          <CertificateCard token={token} home={query.data} />
          <TestsCard token={token} home={query.data} />
          <FeedbackCard token={token} home={query.data} />
          {query.data.hasBusiness && <MaturityCard token={token} home={query.data} />}
        </Stack>
      )}
    </PublicFrame>
  );
}
