import { Alert, Button, Checkbox, CloseButton, Group, Radio, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateQuestion, useUpdateQuestion, type QuestionInput } from '../../api/assessments.ts';
import { isApiError } from '../../api/client.ts';
import type { Question, QuestionKind, QuestionOption } from '../../api/types.ts';
import { notifySuccess } from '../../notify.ts';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const MAX_OPTIONS = KEYS.length;

type Draft = { kind: QuestionKind; promptId: string; promptEn: string; options: QuestionOption[]; correct: string[] };

const emptyDraft = (): Draft => ({ kind: 'single', promptId: '', promptEn: '', options: KEYS.slice(0, 3).map((key) => ({ key, id: '', en: '' })), correct: [] });
const draftOf = (q: Question): Draft => ({ kind: q.kind, promptId: q.prompt.id, promptEn: q.prompt.en, options: q.options, correct: q.correct });

/** What is missing before the question can be saved, as field → message. */
function problemsOf(draft: Draft, t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.promptId.trim()) problems.promptId = t('validation.required');
  if (!draft.promptEn.trim()) problems.promptEn = t('validation.required');
  draft.options.forEach((o, i) => {
    if (!o.id.trim()) problems[`option.${i}.id`] = t('validation.required');
    if (!o.en.trim()) problems[`option.${i}.en`] = t('validation.required');
  });
  if (draft.correct.length === 0) problems.correct = t('questions.correctNeeded');
  else if (draft.kind === 'single' && draft.correct.length !== 1) problems.correct = t('questions.singleOne');
  return problems;
}

/** A single- or multiple-choice question in both languages, with its correct answer(s). */
export function QuestionForm({ programmeId, moduleId, question, nextPosition, onDone }: { programmeId: string; moduleId: string; question?: Question; nextPosition: number; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateQuestion(programmeId, moduleId);
  const update = useUpdateQuestion(programmeId);
  const [draft, setDraft] = useState<Draft>(question ? draftOf(question) : emptyDraft());
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [serverProblem, setServerProblem] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const setOption = (index: number, change: Partial<QuestionOption>) => setDraft((d) => ({ ...d, options: d.options.map((o, i) => (i === index ? { ...o, ...change } : o)) }));
  const addOption = () => setDraft((d) => ({ ...d, options: [...d.options, { key: KEYS.find((k) => !d.options.some((o) => o.key === k)) ?? 'h', id: '', en: '' }] }));
  const removeOption = (key: string) => setDraft((d) => ({ ...d, options: d.options.filter((o) => o.key !== key), correct: d.correct.filter((c) => c !== key) }));
  const toggleCorrect = (key: string, on: boolean) =>
    setDraft((d) => ({ ...d, correct: d.kind === 'single' ? (on ? [key] : []) : on ? [...d.correct, key] : d.correct.filter((c) => c !== key) }));

  const submit = () => {
    const found = problemsOf(draft, t);
    setProblems(found);
    setServerProblem(null);
    if (Object.keys(found).length > 0) return;
    const input: QuestionInput = {
      kind: draft.kind,
      prompt: { id: draft.promptId.trim(), en: draft.promptEn.trim() },
      options: draft.options.map((o) => ({ key: o.key, id: o.id.trim(), en: o.en.trim() })),
      correct: draft.correct,
    };
    const onError = (error: Error) => setServerProblem(isApiError(error) && Object.keys(error.fields).length ? Object.values(error.fields).join(' · ') : null);
    const onSuccess = () => {
      notifySuccess(question ? t('common.saved') : t('questions.added'));
      onDone();
    };
    if (question) update.mutate({ id: question.id, input }, { onSuccess, onError });
    else create.mutate({ ...input, position: nextPosition }, { onSuccess, onError });
  };

  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('questions.fields.kind')}
        </Text>
        <SegmentedControl
          aria-label={t('questions.fields.kind')}
          value={draft.kind}
          onChange={(value) => set({ kind: value as QuestionKind, correct: value === 'single' ? draft.correct.slice(0, 1) : draft.correct })}
          data={[
            { value: 'single', label: t('questionKind.single') },
            { value: 'multiple', label: t('questionKind.multiple') },
          ]}
          fullWidth
        />
      </Stack>
      <Textarea label={t('questions.fields.promptId')} required autosize minRows={2} value={draft.promptId} error={problems.promptId} onChange={(event) => set({ promptId: event.currentTarget.value })} />
      <Textarea label={t('questions.fields.promptEn')} required autosize minRows={2} value={draft.promptEn} error={problems.promptEn} onChange={(event) => set({ promptEn: event.currentTarget.value })} />
      <Stack gap={6} role="group" aria-label={t('questions.fields.options')}>
        <Text size="sm" fw={500}>
          {t('questions.fields.options')}
        </Text>
        <Text size="xs" c="dimmed">
          {draft.kind === 'single' ? t('questions.correctHintSingle') : t('questions.correctHintMultiple')}
        </Text>
        {draft.options.map((option, index) => {
          const correct = draft.correct.includes(option.key);
          const label = t('questions.correctOption', { key: option.key.toUpperCase() });
          return (
            <Group key={option.key} gap="xs" align="flex-start" wrap="nowrap">
              <Stack gap={2} align="center" pt={28} w={36} style={{ flexShrink: 0 }}>
                <Text fw={700} size="sm">
                  {option.key.toUpperCase()}
                </Text>
                {draft.kind === 'single' ? (
                  <Radio checked={correct} onChange={(event) => toggleCorrect(option.key, event.currentTarget.checked)} aria-label={label} />
                ) : (
                  <Checkbox checked={correct} onChange={(event) => toggleCorrect(option.key, event.currentTarget.checked)} aria-label={label} />
                )}
              </Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} style={{ flex: 1 }}>
                <TextInput
                  label={t('questions.fields.optionId', { key: option.key.toUpperCase() })}
                  value={option.id}
                  error={problems[`option.${index}.id`]}
                  onChange={(event) => setOption(index, { id: event.currentTarget.value })}
                />
                <TextInput
                  label={t('questions.fields.optionEn', { key: option.key.toUpperCase() })}
                  value={option.en}
                  error={problems[`option.${index}.en`]}
                  onChange={(event) => setOption(index, { en: event.currentTarget.value })}
                />
              </SimpleGrid>
              <CloseButton mt={28} disabled={draft.options.length <= 2} aria-label={t('questions.removeOption', { key: option.key.toUpperCase() })} onClick={() => removeOption(option.key)} />
            </Group>
          );
        })}
        {problems.correct && (
          <Text size="sm" c="red.8" role="alert">
            {problems.correct}
          </Text>
        )}
        {draft.options.length < MAX_OPTIONS && (
          <Button variant="subtle" size="compact-sm" onClick={addOption} style={{ alignSelf: 'flex-start' }}>
            {t('questions.addOption')}
          </Button>
        )}
      </Stack>
      {serverProblem && (
        <Alert color="red" p="xs" role="alert">
          {serverProblem}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button loading={create.isPending || update.isPending} onClick={submit}>
          {question ? t('common.save') : t('questions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
