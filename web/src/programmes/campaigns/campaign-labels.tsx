import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CampaignStatus, DeliveryStatus } from '../../api/types.ts';

const CAMPAIGN_COLORS: Record<CampaignStatus, string> = { draft: 'gray', queued: 'blue', sent: 'teal' };
export const DELIVERY_COLORS: Record<DeliveryStatus | 'skipped', string> = {
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  unknown: 'orange',
  cancelled: 'gray',
  skipped: 'gray',
};

export function CampaignStatusBadge({ status, size }: { status: CampaignStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={CAMPAIGN_COLORS[status]} variant="light" size={size} style={{ flexShrink: 0 }}>
      {t(`campaignStatus.${status}`)}
    </Badge>
  );
}

export function DeliveryBadge({ status }: { status: DeliveryStatus | 'skipped' }) {
  const { t } = useTranslation();
  return (
    <Badge color={DELIVERY_COLORS[status]} variant={status === 'sent' ? 'filled' : 'light'} size="sm">
      {t(`delivery.${status}`)}
    </Badge>
  );
}
