import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProgrammeStatus } from '../api/types.ts';

const COLORS: Record<ProgrammeStatus, string> = { draft: 'gray', active: 'teal', completed: 'blue', archived: 'dark' };

export function StatusBadge({ status }: { status: ProgrammeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
      {t(`programmeStatus.${status}`)}
    </Badge>
  );
}

export function ArchivedBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline">
      {t('common.archived')}
    </Badge>
  );
}
