import { ActionIcon, Badge, Button, Group, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetLearningPath } from '../../api/curriculum.ts';
import type { CurriculumModule, LearningPath } from '../../api/types.ts';
import { notifySuccess } from '../../notify.ts';
import { useDuration, useLocalisedTitle } from './topic-label.ts';

type Draft = { moduleIds: string[]; percent: number | string };

const draftOf = (path: LearningPath): Draft => ({ moduleIds: path.modules.map((m) => m.module.id), percent: path.completionMinPercent });

/**
 * The programme's learning path: its modules in order and the completion rule (attend at least
 * this share of the path's minutes). Edited as a draft and saved at once.
 */
export function LearningPathEditor({ path, modules, canManage }: { path: LearningPath; modules: CurriculumModule[]; canManage: boolean }) {
  const { t } = useTranslation();
  const title = useLocalisedTitle();
  const duration = useDuration();
  const save = useSetLearningPath(path.programmeId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(path));
  const [adding, setAdding] = useState<string | null>(null);
  const byId = new Map([...modules, ...path.modules.map((m) => m.module)].map((m) => [m.id, m]));
  const chosen = draft.moduleIds.map((id) => byId.get(id)).filter((m): m is CurriculumModule => Boolean(m));
  const available = modules.filter((m) => !m.archivedAt && !draft.moduleIds.includes(m.id));
  const totalMinutes = chosen.reduce((sum, m) => sum + m.durationMinutes, 0);
  const percent = typeof draft.percent === 'number' ? draft.percent : Number(draft.percent) || 0;
  const saved = draftOf(path);
  const dirty = JSON.stringify(saved.moduleIds) !== JSON.stringify(draft.moduleIds) || saved.percent !== percent;
  const percentValid = Number.isInteger(percent) && percent >= 1 && percent <= 100;

  const move = (index: number, by: -1 | 1) =>
    setDraft((current) => {
      const ids = [...current.moduleIds];
      const [id] = ids.splice(index, 1);
      if (id) ids.splice(index + by, 0, id);
      return { ...current, moduleIds: ids };
    });

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="learning-path-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={3} size="h4" id="learning-path-title">
              {t('curriculum.pathTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('curriculum.pathIntro')}
            </Text>
          </div>
          <Badge variant="light" size="lg">
            {t('curriculum.pathTotal', { duration: duration(totalMinutes) })}
          </Badge>
        </Group>
        {chosen.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('curriculum.pathEmpty')}
          </Text>
        ) : (
          <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('curriculum.pathTitle')}>
            {chosen.map((module, index) => (
              <Group
                component="li"
                key={module.id}
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                py={6}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                aria-label={`${index + 1}. ${title(module.title)}`}
              >
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Badge variant="filled" circle>
                    {index + 1}
                  </Badge>
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {title(module.title)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {module.code} · {t(`topic.${module.topic}`)} · {duration(module.durationMinutes)}
                    </Text>
                  </div>
                </Group>
                {canManage && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="default" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('curriculum.moveUp', { title: title(module.title) })}>
                      ↑
                    </ActionIcon>
                    <ActionIcon variant="default" disabled={index === chosen.length - 1} onClick={() => move(index, 1)} aria-label={t('curriculum.moveDown', { title: title(module.title) })}>
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="light"
                      color="red"
                      onClick={() => setDraft((current) => ({ ...current, moduleIds: current.moduleIds.filter((id) => id !== module.id) }))}
                      aria-label={t('curriculum.removeFromPath', { title: title(module.title) })}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            ))}
          </Stack>
        )}
        {canManage && available.length > 0 && (
          <Group align="flex-end" gap="xs">
            <Select
              label={t('curriculum.addToPath')}
              placeholder={t('common.choose')}
              data={available.map((m) => ({ value: m.id, label: `${m.code} — ${title(m.title)}` }))}
              value={adding}
              onChange={setAdding}
              style={{ flex: '1 1 220px' }}
            />
            <Button
              variant="light"
              disabled={!adding}
              onClick={() => {
                if (adding) setDraft((current) => ({ ...current, moduleIds: [...current.moduleIds, adding] }));
                setAdding(null);
              }}
            >
              {t('curriculum.addToPathButton')}
            </Button>
          </Group>
        )}
        <Group align="flex-end" gap="sm">
          <NumberInput
            label={t('curriculum.completionRule')}
            description={t('curriculum.completionHint', { percent: percentValid ? percent : '…', duration: duration(Math.ceil((totalMinutes * (percentValid ? percent : 0)) / 100)) })}
            min={1}
            max={100}
            suffix=" %"
            allowDecimal={false}
            readOnly={!canManage}
            value={draft.percent}
            onChange={(value) => setDraft((current) => ({ ...current, percent: value }))}
            error={percentValid ? undefined : t('curriculum.percentInvalid')}
            style={{ flex: '1 1 260px', maxWidth: 420 }}
          />
        </Group>
        {canManage && (
          <Group justify="flex-end" gap="xs">
            {dirty && (
              <Button variant="default" onClick={() => setDraft(draftOf(path))}>
                {t('curriculum.discard')}
              </Button>
            )}
            <Button
              disabled={!dirty || !percentValid}
              loading={save.isPending}
              // The saved path remounts this editor (keyed by it): a promise, not a per-call callback, still reports.
              onClick={() =>
                void save
                  .mutateAsync({ moduleIds: draft.moduleIds, completionMinPercent: percent })
                  .then(() => notifySuccess(t('curriculum.pathSaved')))
                  .catch(() => {})
              }
            >
              {t('curriculum.savePath')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
