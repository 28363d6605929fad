import { useTranslation } from 'react-i18next';
import type { AttendanceMethod, RosterSource } from '../api/types.ts';

/** Share 0–1 as `75 %` / `75%`, rounded; `—` when unknown. */
export function usePercent() {
  const { t, i18n } = useTranslation();
  return (share: number | null | undefined) =>
    share === null || share === undefined ? t('common.none') : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'id-ID', { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

export function useRosterLabels() {
  const { t } = useTranslation();
  return {
    method: (method: AttendanceMethod) => t(`attendanceMethod.${method}`),
    source: (source: RosterSource) => t(`rosterSource.${source}`),
  };
}
