import { useTranslation } from 'react-i18next';
import type { LocalisedTitle } from '../../api/types.ts';

/** A module title in the language on screen (Indonesian when the English one is missing). */
export function useLocalisedTitle() {
  const { i18n } = useTranslation();
  return (title: LocalisedTitle) => (i18n.language === 'en' ? title.en || title.id : title.id);
}

/** Minutes as people say them: `90 menit`, `2 jam`, `2 jam 30 menit`. */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('curriculum.minutes', { count: rest });
    if (rest === 0) return t('curriculum.hours', { count: hours });
    return t('curriculum.hoursMinutes', { hours, minutes: rest });
  };
}
