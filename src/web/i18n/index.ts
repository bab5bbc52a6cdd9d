/** i18next set-up: zh-CN by default, en-US on request, the choice kept in localStorage. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'gaodi.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((lang) => lang === value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts until the tab closes.
  }
  setApiLanguage(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.fullName')}`;
}

const initial = storedLanguage();
setApiLanguage(initial);
document.documentElement.lang = initial;

void i18n
  .use(initReactI18next)
  .init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: initial,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  .then(() => {
    document.title = `${i18n.t('app.name')} · ${i18n.t('app.fullName')}`;
  });

export { i18n };
