import i18next from 'i18next';
import { messages } from './messages.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const i18n = i18next.createInstance();
void i18n.init({
  resources: { id: { translation: messages.id }, en: { translation: messages.en } },
  lng: 'id',
  fallbackLng: 'id',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Translates a message key; unknown keys are returned as they are. */
export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  return i18n.t(key, { ...params, lng: locale });
}

/** `id` unless the client prefers English (lang cookie, then Accept-Language). */
export function pickLocale(cookieLang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookieLang === 'en' || cookieLang === 'id') return cookieLang;
  if (!acceptLanguage) return 'id';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'id' || tag === 'in' || tag === 'ms') return 'id';
    if (tag === 'en') return 'en';
  }
  return 'id';
}
