import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { Forbidden } from '../components/Forbidden.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { notifySuccess } from '../notify.ts';
import { ProgrammeForm } from './ProgrammeForm.tsx';

export default function ProgrammeCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useCurrentUser();
  if (!can('programme.create')) return <Forbidden />;
  return (
    <>
      <PageHeader title={t('programmes.new')} />
      <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" maw={900}>
        <ProgrammeForm
          onSaved={(programme) => {
            notifySuccess(t('programmes.created', { code: programme.code }));
            void navigate(`/programs/${programme.id}`);
          }}
          onCancel={() => void navigate('/programs')}
        />
      </Paper>
    </>
  );
}
