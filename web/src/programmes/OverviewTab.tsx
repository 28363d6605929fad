import { Anchor, Button, Group, Paper } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUpdateProgramme } from '../api/programmes.ts';
import type { Programme } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { ConfirmAction } from '../components/ConfirmAction.tsx';
import { FieldList } from '../components/FieldList.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { ProgrammeForm } from './ProgrammeForm.tsx';
import { RetentionSetting } from './RetentionSetting.tsx';

export function OverviewTab({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const [editing, edit] = useDisclosure(false);
  const update = useUpdateProgramme(programme.id);
  const none = t('common.none');

  const setArchived = (archived: boolean) =>
    update.mutateAsync({ archived }).then(() => notifySuccess(archived ? t('programmes.archivedDone') : t('programmes.restoredDone')));

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <FieldList
        fields={[
          { label: t('programmes.fields.code'), value: programme.code },
          { label: t('programmes.fields.name'), value: programme.name },
          { label: t('programmes.fields.owner'), value: programme.owner.name },
          { label: t('programmes.fields.status'), value: t(`programmeStatus.${programme.status}`) },
          { label: t('programmes.fields.startDate'), value: format.date(programme.startDate) || none },
          { label: t('programmes.fields.endDate'), value: format.date(programme.endDate) || none },
          { label: t('programmes.fields.sites'), value: format.number(programme.siteCount) },
          { label: t('programmes.fields.partners'), value: format.number(programme.partnerCount) },
          ...(programme.replicatedFromId
            ? [{ label: t('programmes.fields.replicatedFrom'), value: <Anchor component={Link} to={`/programs/${programme.replicatedFromId}`}>{t('programmes.openSource')}</Anchor> }]
            : []),
          { label: t('programmes.fields.updatedAt'), value: format.dateTime(programme.updatedAt) },
          { label: t('programmes.fields.description'), value: programme.description ?? none, wide: true },
        ]}
      />
      {can('programme.update') && (
        <Group mt="lg" gap="xs">
          {!programme.archivedAt && (
            <Button variant="light" size="xs" onClick={edit.open}>
              {t('common.edit')}
            </Button>
          )}
          {programme.archivedAt ? (
            <Button size="xs" variant="light" color="teal" loading={update.isPending} onClick={() => void setArchived(false).catch(() => {})}>
              {t('common.restore')}
            </Button>
          ) : (
            <ConfirmAction
              label={t('common.archive')}
              title={t('programmes.archiveTitle')}
              message={t('programmes.archiveMessage', { code: programme.code })}
              confirmLabel={t('common.archive')}
              onConfirm={() => setArchived(true)}
            />
          )}
        </Group>
      )}
      <RetentionSetting programme={programme} />
      <ResponsiveModal opened={editing} onClose={edit.close} title={t('programmes.editTitle')}>
        <ProgrammeForm
          programme={programme}
          onSaved={() => {
            notifySuccess(t('common.saved'));
            edit.close();
          }}
          onCancel={edit.close}
        />
      </ResponsiveModal>
    </Paper>
  );
}
