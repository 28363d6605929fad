import { Alert, Badge, Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordPaperAttempts, type PaperAttempt } from '../api/assessments.ts';
import type { SessionDetail, TestPhase } from '../api/types.ts';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { useLocalisedTitle } from '../programmes/curriculum/topic-label.ts';

const PHASES: TestPhase[] = ['pre', 'post'];
type Points = number | '';
type Saved = { score: number } | { reason: string };

/**
 * Paper test results of a session typed in by its trainer (or an organiser): the number of
 * correct answers per participant for one module and phase. Each (module, phase, person) keeps
 * one client id while the dialog is open, so a second click or a retry stores nothing twice.
 */
export function PaperTestModal({ session, onClose }: { session: SessionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useLocalisedTitle();
  const record = useRecordPaperAttempts(session.programmeId);
  const roster = session.roster ?? [];
  const [moduleId, setModuleId] = useState<string | null>(session.modules[0]?.id ?? null);
  const [phase, setPhase] = useState<TestPhase>('pre');
  const [maxPoints, setMaxPoints] = useState<Points>('');
  const [points, setPoints] = useState<Record<string, Points>>({});
  const [saved, setSaved] = useState<Record<string, Saved>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const clientIds = useRef(new Map<string, string>());

  const keyOf = (personId: string) => `${moduleId ?? ''}|${phase}|${personId}`;
  const clientIdOf = (key: string) => {
    let id = clientIds.current.get(key);
    if (!id) {
      id = crypto.randomUUID();
      clientIds.current.set(key, id);
    }
    return id;
  };
  const tooMany = (value: Points) => value !== '' && maxPoints !== '' && value > maxPoints;

  const submit = () => {
    if (!moduleId) return;
    const entered = roster.filter((e) => points[keyOf(e.personId)] !== undefined && points[keyOf(e.personId)] !== '' && !('score' in (saved[keyOf(e.personId)] ?? {})));
    if (entered.length === 0) return setProblem(t('paperResults.tests.nothing'));
    if (maxPoints === '' || maxPoints < 1) return setProblem(t('paperResults.tests.maxNeeded'));
    if (entered.some((e) => tooMany(points[keyOf(e.personId)] ?? ''))) return setProblem(t('paperResults.tests.tooMany'));
    setProblem(null);
    const byClientId = new Map<string, string>();
    const attempts: PaperAttempt[] = entered.map((e) => {
      const key = keyOf(e.personId);
      const clientId = clientIdOf(key);
      byClientId.set(clientId, key);
      // A paper test is taken at the session: the pre-test at its start, the post-test at its end.
      return { clientId, programmeId: session.programmeId, personId: e.personId, moduleId, phase, score: { points: Number(points[key]), maxPoints }, takenAt: phase === 'pre' ? session.startsAt : session.endsAt };
    });
    record.mutate(attempts, {
      onSuccess: (result) => {
        const next: Record<string, Saved> = {};
        for (const s of result.scores) {
          const key = byClientId.get(s.clientId);
          if (key) next[key] = { score: s.score };
        }
        for (const r of result.rejected) {
          const key = byClientId.get(r.clientId);
          if (key) next[key] = { reason: r.reason };
        }
        setSaved((before) => ({ ...before, ...next }));
        if (result.scores.length > 0) notifySuccess(t('paperResults.tests.done', { count: result.scores.length }));
      },
    });
  };

  return (
    <ResponsiveModal opened onClose={onClose} title={t('paperResults.tests.title', { title: session.title })}>
      {session.modules.length === 0 ? (
        <Alert color="gray">{t('paperResults.tests.noModules')}</Alert>
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('paperResults.tests.intro')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Select
              label={t('paperResults.tests.module')}
              data={session.modules.map((m) => ({ value: m.id, label: `${m.code} — ${title(m.title)}` }))}
              value={moduleId}
              onChange={setModuleId}
              allowDeselect={false}
            />
            <NumberInput label={t('paperResults.tests.maxPoints')} min={1} max={1000} allowDecimal={false} allowNegative={false} value={maxPoints} onChange={(v) => setMaxPoints(typeof v === 'number' ? v : '')} inputMode="numeric" required />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={600} mb={4} id="paper-test-phase">
              {t('paperResults.tests.phase')}
            </Text>
            <SegmentedControl aria-labelledby="paper-test-phase" value={phase} onChange={(v) => setPhase(v as TestPhase)} data={PHASES.map((p) => ({ value: p, label: t(`paperResults.phase.${p}`) }))} />
          </div>
          <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('paperResults.tests.people')}>
            {roster.map((entry) => {
              const key = keyOf(entry.personId);
              const state = saved[key];
              const value = points[key] ?? '';
              return (
                <Paper key={entry.personId} component="li" withBorder radius="md" p="xs" aria-label={entry.name}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
                        {entry.name}
                      </Text>
                      {!entry.attendance && (
                        <Text size="xs" c="dimmed">
                          {t('paperResults.tests.absent')}
                        </Text>
                      )}
                      {state && 'reason' in state && (
                        <Text size="xs" c="red.8" role="alert">
                          {t(`paperResults.reasons.${state.reason}`, { defaultValue: state.reason })}
                        </Text>
                      )}
                    </Stack>
                    {state && 'score' in state ? (
                      <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>
                        {t('paperResults.tests.saved', { score: format.number(state.score) })}
                      </Badge>
                    ) : (
                      <NumberInput
                        aria-label={t('paperResults.tests.points', { name: entry.name })}
                        w={90}
                        min={0}
                        max={1000}
                        allowDecimal={false}
                        allowNegative={false}
                        hideControls
                        inputMode="numeric"
                        value={value}
                        error={tooMany(value)}
                        onChange={(v) => setPoints((before) => ({ ...before, [key]: typeof v === 'number' ? v : '' }))}
                        style={{ flexShrink: 0 }}
                      />
                    )}
                  </Group>
                </Paper>
              );
            })}
          </Stack>
          {problem && (
            <Alert color="orange" p="xs" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={submit} loading={record.isPending}>
              {t('paperResults.tests.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </ResponsiveModal>
  );
}
