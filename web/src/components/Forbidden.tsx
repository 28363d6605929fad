import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyMessage } from './QueryState.tsx';

/** A page the signed-in role may not use (the server would refuse it too). */
export function Forbidden() {
  const { t } = useTranslation();
  return (
    <EmptyMessage
      title={t('errors.forbiddenPage')}
      description={t('errors.forbiddenPageHint')}
      action={
        <Button component={Link} to="/programs" variant="light" mt="sm">
          {t('nav.backToProgrammes')}
        </Button>
      }
    />
  );
}
