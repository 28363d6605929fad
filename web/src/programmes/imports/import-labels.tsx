import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../api/types.ts';

const STATUS_COLORS: Record<ImportStatus, string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  // `max-content`: in a narrow table cell the label would otherwise be cut to “SE…”.
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/**
 * A rejection reason's label and how to fix it. A code the web app does not know yet (added on
 * the server first) is shown as it is rather than as a missing-translation key.
 */
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string) => ({
    label: t(`rejectionReason.${reason}.label` as 'rejectionReason.missing_name.label', { defaultValue: reason }),
    fix: t(`rejectionReason.${reason}.fix` as 'rejectionReason.missing_name.fix', { defaultValue: '' }),
  });
}
