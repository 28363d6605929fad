import { Anchor, Badge, Button, Card, CloseButton, Group, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { materialFileUrl, useLearningPath, useModules, useRemoveMaterial, useUpdateModule } from '../../api/curriculum.ts';
import type { CurriculumModule, Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { ConfirmAction } from '../../components/ConfirmAction.tsx';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { notifySuccess } from '../../notify.ts';
import { LearningPathEditor } from './LearningPathEditor.tsx';
import { MaterialForm } from './MaterialForm.tsx';
import { ModuleForm } from './ModuleForm.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { useDuration, useLocalisedTitle } from './topic-label.ts';

function ModuleCard({ module, canManage, onEdit, onAddMaterial }: { module: CurriculumModule; canManage: boolean; onEdit: () => void; onAddMaterial: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const title = useLocalisedTitle();
  const duration = useDuration();
  const update = useUpdateModule(module.programmeId);
  const removeMaterial = useRemoveMaterial(module.programmeId);
  const otherTitle = i18n.language === 'en' ? module.title.id : module.title.en;
  const setArchived = (archived: boolean) =>
    update.mutateAsync({ id: module.id, input: { archived } }).then(() => notifySuccess(archived ? t('curriculum.archivedDone') : t('curriculum.restoredDone')));

  return (
    <Card withBorder radius="md" padding="sm" component="article" aria-label={title(module.title)}>
      <Group justify="space-between" align="flex-start" gap={6} wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {title(module.title)}
          </Text>
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {otherTitle}
          </Text>
        </Stack>
        <Badge variant="default" ff="monospace" style={{ flexShrink: 0 }}>
          {module.code}
        </Badge>
      </Group>
      <Group gap={6} mt={6}>
        <Badge variant="light">{t(`topic.${module.topic}`)}</Badge>
        <Badge variant="light" color="gray">
          {duration(module.durationMinutes)}
        </Badge>
        {module.pathPosition !== null && (
          <Badge variant="light" color="grape">
            {t('curriculum.inPath', { position: module.pathPosition })}
          </Badge>
        )}
        {module.archivedAt && <ArchivedBadge />}
      </Group>
      {module.description && (
        <Text size="sm" mt={6} style={{ overflowWrap: 'anywhere' }}>
          {module.description}
        </Text>
      )}
      <Stack gap={2} mt="xs">
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t('curriculum.materials')}
        </Text>
        {module.materials.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('curriculum.noMaterials')}
          </Text>
        ) : (
          <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
            {module.materials.map((material) => (
              <Group component="li" key={material.id} gap={4} wrap="nowrap" justify="space-between">
                {material.kind === 'link' && material.url ? (
                  <Anchor href={material.url} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {material.title} ↗
                  </Anchor>
                ) : (
                  <Anchor href={materialFileUrl(module.programmeId, module.id, material.id)} download size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {material.title}
                    {material.file && ` (${format.bytes(material.file.size)})`}
                  </Anchor>
                )}
                {canManage && (
                  <CloseButton
                    size="sm"
                    aria-label={t('curriculum.removeMaterial', { title: material.title })}
                    disabled={removeMaterial.isPending}
                    onClick={() => removeMaterial.mutate({ moduleId: module.id, materialId: material.id }, { onSuccess: () => notifySuccess(t('curriculum.materialRemoved')) })}
                  />
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {canManage && (
        <Group gap="xs" mt="sm">
          {module.archivedAt ? (
            <Button size="xs" variant="light" color="teal" loading={update.isPending} onClick={() => void setArchived(false).catch(() => {})}>
              {t('common.restore')}
            </Button>
          ) : (
            <>
              <Button size="xs" variant="light" onClick={onEdit}>
                {t('common.edit')}
              </Button>
              <Button size="xs" variant="light" onClick={onAddMaterial}>
                {t('curriculum.addMaterial')}
              </Button>
              <ConfirmAction
                label={t('common.archive')}
                title={t('curriculum.archiveTitle')}
                message={t('curriculum.archiveMessage', { title: title(module.title) })}
                confirmLabel={t('common.archive')}
                onConfirm={() => setArchived(true)}
              />
            </>
          )}
        </Group>
      )}
    </Card>
  );
}

export function CurriculumTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [editing, setEditing] = useState<{ module?: CurriculumModule } | null>(null);
  const [materialFor, setMaterialFor] = useState<CurriculumModule | null>(null);
  const modules = useModules(programme.id, includeArchived);
  const path = useLearningPath(programme.id);
  const canManage = can('curriculum.manage') && !programme.archivedAt;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Switch label={t('common.showArchived')} checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
        {canManage && <Button onClick={() => setEditing({})}>{t('curriculum.add')}</Button>}
      </Group>
      {modules.isPending ? (
        <PageLoader />
      ) : modules.isError ? (
        <QueryError error={modules.error} onRetry={() => void modules.refetch()} />
      ) : modules.data.items.length === 0 ? (
        <EmptyMessage title={t('curriculum.empty')} description={canManage ? t('curriculum.emptyHint') : undefined} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="sm">
          {[...modules.data.items]
            .sort((a, b) => (a.pathPosition ?? 1e6) - (b.pathPosition ?? 1e6) || a.code.localeCompare(b.code))
            .map((module) => (
            <ModuleCard key={module.id} module={module} canManage={canManage} onEdit={() => setEditing({ module })} onAddMaterial={() => setMaterialFor(module)} />
          ))}
        </SimpleGrid>
      )}
      {path.isError ? (
        <QueryError error={path.error} onRetry={() => void path.refetch()} />
      ) : (
        path.data &&
        modules.data && (
          // Keyed by the saved path: a save (or another user's) starts a fresh draft.
          <LearningPathEditor key={JSON.stringify(path.data)} path={path.data} modules={modules.data.items} canManage={canManage} />
        )
      )}
      {can('participant.read') && <ProgressPanel programmeId={programme.id} />}
      <ResponsiveModal opened={editing !== null} onClose={() => setEditing(null)} title={editing?.module ? t('curriculum.editTitle') : t('curriculum.addTitle')}>
        {editing && <ModuleForm programmeId={programme.id} module={editing.module} onDone={() => setEditing(null)} />}
      </ResponsiveModal>
      <ResponsiveModal opened={materialFor !== null} onClose={() => setMaterialFor(null)} title={t('curriculum.addMaterialTitle', { title: materialFor?.code ?? '' })}>
        {materialFor && <MaterialForm module={materialFor} onDone={() => setMaterialFor(null)} />}
      </ResponsiveModal>
    </Stack>
  );
}
