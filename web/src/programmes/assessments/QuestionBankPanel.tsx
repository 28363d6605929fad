import { Badge, Button, Card, Group, List, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuestions, useUpdateQuestion } from '../../api/assessments.ts';
import { useModules } from '../../api/curriculum.ts';
import type { Programme, Question } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { notifySuccess } from '../../notify.ts';
import { useLocalisedTitle } from '../curriculum/topic-label.ts';
import { QuestionForm } from './QuestionForm.tsx';

function QuestionCard({ programmeId, question, number, canManage, onEdit }: { programmeId: string; question: Question; number: number; canManage: boolean; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateQuestion(programmeId);
  const text = (value: { id: string; en: string }) => (i18n.language === 'en' ? value.en : value.id);
  const archived = Boolean(question.archivedAt);
  return (
    <Card withBorder radius="md" padding="sm" component="li" aria-label={t('questions.number', { number })} opacity={archived ? 0.7 : 1}>
      <Group justify="space-between" gap={4} align="flex-start" wrap="nowrap">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {number}. {text(question.prompt)}
        </Text>
        <Group gap={4} style={{ flexShrink: 0 }}>
          <Badge variant="light" tt="none">
            {t(`questionKind.${question.kind}`)}
          </Badge>
          {archived && <ArchivedBadge />}
        </Group>
      </Group>
      <List size="sm" spacing={2} mt={6} listStyleType="none" p={0}>
        {question.options.map((option) => {
          const correct = question.correct.includes(option.key);
          return (
            <List.Item key={option.key}>
              <Text size="sm" span fw={correct ? 700 : undefined} c={correct ? 'teal.9' : undefined}>
                {option.key.toUpperCase()}. {text(option)}
                {correct && ` ✓ ${t('questions.correct')}`}
              </Text>
            </List.Item>
          );
        })}
      </List>
      {canManage && (
        <Group gap="xs" mt="xs">
          {!archived && (
            <Button size="xs" variant="light" onClick={onEdit}>
              {t('common.edit')}
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            color={archived ? 'teal' : 'red'}
            loading={update.isPending}
            onClick={() => update.mutate({ id: question.id, input: { archived: !archived } }, { onSuccess: () => notifySuccess(archived ? t('questions.restored') : t('questions.archived')) })}
          >
            {archived ? t('common.restore') : t('common.archive')}
          </Button>
        </Group>
      )}
    </Card>
  );
}

/** A module's question bank, used by its pre- and post-test (single and multiple choice, both languages). */
export function QuestionBankPanel({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const title = useLocalisedTitle();
  const { can } = useCurrentUser();
  const modules = useModules(programme.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<{ question?: Question } | null>(null);
  const moduleId = chosen ?? modules.data?.items[0]?.id ?? null;
  const questions = useQuestions(programme.id, moduleId);
  const canManage = can('question.manage') && !programme.archivedAt;
  const all = questions.data?.items ?? [];
  const shown = showArchived ? all : all.filter((q) => !q.archivedAt);

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="questions-title">
      <Title order={3} size="h4" id="questions-title">
        {t('questions.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('questions.intro')}
      </Text>
      {modules.isError ? (
        <QueryError error={modules.error} onRetry={() => void modules.refetch()} />
      ) : (
        <Group justify="space-between" align="flex-end" gap="sm" mb="sm">
          <Select
            label={t('questions.module')}
            data={(modules.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.code} — ${title(m.title)}` }))}
            value={moduleId}
            onChange={setChosen}
            allowDeselect={false}
            searchable
            style={{ flex: '1 1 280px' }}
            maw={480}
            nothingFoundMessage={t('sessions.noModules')}
          />
          <Group gap="sm">
            <Switch label={t('common.showArchived')} checked={showArchived} onChange={(event) => setShowArchived(event.currentTarget.checked)} />
            {canManage && moduleId && <Button onClick={() => setEditing({})}>{t('questions.add')}</Button>}
          </Group>
        </Group>
      )}
      {!moduleId ? (
        modules.isPending ? <PageLoader /> : <EmptyMessage title={t('curriculum.empty')} />
      ) : questions.isPending ? (
        <PageLoader />
      ) : questions.isError ? (
        <QueryError error={questions.error} onRetry={() => void questions.refetch()} />
      ) : shown.length === 0 ? (
        <EmptyMessage title={t('questions.empty')} description={canManage ? t('questions.emptyHint') : undefined} />
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('questions.title')}>
          {shown.map((question, index) => (
            <QuestionCard key={question.id} programmeId={programme.id} question={question} number={index + 1} canManage={canManage} onEdit={() => setEditing({ question })} />
          ))}
        </Stack>
      )}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.question ? t('questions.editTitle') : t('questions.addTitle')}>
        {editing && moduleId && (
          <QuestionForm
            programmeId={programme.id}
            moduleId={moduleId}
            question={editing.question}
            nextPosition={all.reduce((max, q) => Math.max(max, q.position + 1), 0)}
            onDone={() => setEditing(null)}
          />
        )}
      </ResponsiveModal>
    </Paper>
  );
}
