import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { vi } from './vi';
import { en } from './en';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'hoi.lang';

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Switches the UI language, remembers it, and keeps dayjs and <html lang> in step. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the switch still applies to this tab.
  }
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  await i18next.changeLanguage(lang);
}

/** Narrows i18next's language string to one we ship. */
export function toLanguage(lang: string | undefined): Language {
  return lang?.startsWith('en') ? 'en' : 'vi';
}

const initial = readStoredLanguage();
dayjs.locale(initial);
document.documentElement.lang = initial;

export const i18nReady = i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnNull: false,
});
