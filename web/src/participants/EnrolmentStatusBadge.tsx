import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EnrolmentStatus } from '../api/types.ts';
import { ENROLMENT_STATUS_COLORS } from './display.ts';

export function EnrolmentStatusBadge({ status, size }: { status: EnrolmentStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={ENROLMENT_STATUS_COLORS[status]} variant="light" size={size} style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {t(`enrolmentStatus.${status}`)}
    </Badge>
  );
}
