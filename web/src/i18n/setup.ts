import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { id } from './locales/id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Same name for the localStorage entry and the cookie the server reads to translate its errors. */
const LANG_KEY = 'berdaya_lang';

const isLanguage = (value: unknown): value is Language => value === 'id' || value === 'en';

function readCookie(name: string): string | undefined {
  return document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([key]) => key === name)?.[1];
}

function readStoredLanguage(): Language {
  let stored: string | null | undefined = null;
  try {
    stored = localStorage.getItem(LANG_KEY);
  } catch {
    // Storage may be disabled (private mode); the cookie still works.
  }
  stored ??= readCookie(LANG_KEY);
  return isLanguage(stored) ? stored : 'id';
}

/** Remembers the language in localStorage and in the cookie, and tells the page. */
function persistLanguage(language: Language): void {
  try {
    localStorage.setItem(LANG_KEY, language);
  } catch {
    // See readStoredLanguage.
  }
  document.cookie = `${LANG_KEY}=${language}; path=/; max-age=31536000; SameSite=Lax`;
  document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: readStoredLanguage(),
  fallbackLng: 'id',
  supportedLngs: LANGUAGES,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
persistLanguage(currentLanguage());

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'id';
}

export async function changeLanguage(language: Language): Promise<void> {
  persistLanguage(language);
  await i18n.changeLanguage(language);
}
