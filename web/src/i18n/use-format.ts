import { useTranslation } from 'react-i18next';
import { formatBytes, formatDate, formatDateRange, formatDateTime, formatNumber, formatTime } from '../format/format.ts';
import { LANGUAGES, type Language } from './setup.ts';

/** Date and number formatters bound to the language on screen. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : 'id';
  return {
    language,
    date: (value: string | null | undefined) => formatDate(value, language),
    dateTime: (value: string | null | undefined) => formatDateTime(value, language),
    time: (value: string | null | undefined, timeZone?: string) => formatTime(value, language, timeZone),
    dateRange: (start: string | null, end: string | null) => formatDateRange(start, end, language),
    number: (value: number) => formatNumber(value, language),
    bytes: (value: number) => formatBytes(value, language),
  };
}
