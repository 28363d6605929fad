import { useTranslation } from 'react-i18next';

/**
 * Indicator and sector codes come from the server's reference list; a code added there before
 * the web app knows it is shown as it is rather than as a missing-translation key.
 */
export function useIndicatorLabel() {
  const { t } = useTranslation();
  return (code: string) => t(`indicator.${code}` as 'indicator.msme_enrolled', { defaultValue: code });
}

export function useSectorLabel() {
  const { t } = useTranslation();
  return (code: string) => t(`sector.${code}` as 'sector.lainnya', { defaultValue: code });
}
