import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyMessage } from './QueryState.tsx';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyMessage
      title={t('errors.pageNotFound')}
      description={t('errors.pageNotFoundHint')}
      action={
        <Button component={Link} to="/programs" variant="light" mt="sm">
          {t('nav.backToProgrammes')}
        </Button>
      }
    />
  );
}
