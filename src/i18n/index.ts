import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zh } from './zh';
import type { Lang } from '../import/issues';

const STORAGE_KEY = 'cunxuan.lang';

/** Node (unit tests of report text) has no document: the language attribute is for the page only. */
function markPageLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** English is loaded when first chosen: most users never do, and the first screen loads less. */
async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) i18n.addResourceBundle('en', 'translation', (await import('./en')).en);
}

/** Resolves when the stored language can be shown (main.tsx renders after it). */
export const i18nReady: Promise<unknown> = i18n
  .use(initReactI18next)
  .init({
    resources: { zh: { translation: zh } },
    lng: 'zh',
    fallbackLng: 'zh',
    // React escapes what it renders; i18next must not escape a second time.
    interpolation: { escapeValue: false },
  })
  .then(async () => {
    const lang = storedLang();
    await loadLang(lang);
    markPageLang(lang);
    await i18n.changeLanguage(lang);
  });

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  void loadLang(lang).then(() => {
    markPageLang(lang);
    return i18n.changeLanguage(lang);
  });
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

export default i18n;
