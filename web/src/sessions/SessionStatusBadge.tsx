import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SessionKind, SessionModality, SessionStatus } from '../api/types.ts';

export const SESSION_STATUS_COLORS: Record<SessionStatus, string> = { planned: 'blue', open: 'teal', done: 'gray', cancelled: 'red' };

export function SessionStatusBadge({ status, size }: { status: SessionStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={SESSION_STATUS_COLORS[status]} variant="light" size={size} style={{ flexShrink: 0 }}>
      {t(`sessionStatus.${status}`)}
    </Badge>
  );
}

export function ModalityBadge({ modality, size }: { modality: SessionModality; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={modality === 'in_person' ? 'orange' : modality === 'online' ? 'indigo' : 'violet'} variant="outline" size={size} style={{ flexShrink: 0 }}>
      {t(`modality.${modality}`)}
    </Badge>
  );
}

/** Only training-of-trainers sessions are marked: regular sessions are the usual case. */
export function KindBadge({ kind, size }: { kind: SessionKind; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  if (kind !== 'tot') return null;
  return (
    <Badge color="grape" variant="filled" size={size} style={{ flexShrink: 0 }}>
      {t('sessionKind.totShort')}
    </Badge>
  );
}
