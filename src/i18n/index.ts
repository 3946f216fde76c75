import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zh } from './zh';
import type { Lang } from '../util/lang';

const STORAGE_KEY = 'cunxuan.lang';

/** Node (unit tests of report text) has no document: the language attribute is for the page only. */
function markPageLang(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** `lang=` of the address: a shared link opens in the sender's language, whatever the reader's own choice. */
function urlLang(): Lang | null {
  if (typeof location === 'undefined') return null;
  const v = new URLSearchParams(location.search).get('lang');
  return v === 'en' || v === 'zh' ? v : null;
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
    const lang = urlLang() ?? storedLang();
    // Not the default: the address says so, so that a link copied from it opens in this language too.
    if (lang !== 'zh' && urlLang() === null) writeUrlLang(lang, 'replace');
    await loadLang(lang);
    markPageLang(lang);
    await i18n.changeLanguage(lang);
    // Back and forward across a language change show the language of that address.
    if (typeof window !== 'undefined')
      window.addEventListener('popstate', () => {
        const inUrl = urlLang() ?? 'zh';
        if (inUrl !== currentLang()) void apply(inUrl);
      });
  });

function writeUrlLang(lang: Lang, how: 'push' | 'replace'): void {
  if (typeof window === 'undefined') return;
  const params = new URLSearchParams(window.location.search);
  params.set('lang', lang);
  const next = `${window.location.pathname}?${params.toString()}`;
  if (how === 'push') window.history.pushState(null, '', next);
  else window.history.replaceState(null, '', next);
}

async function apply(lang: Lang): Promise<void> {
  await loadLang(lang);
  markPageLang(lang);
  await i18n.changeLanguage(lang);
}

/** The user's choice: kept in this browser and written into the address (`lang=`). */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  writeUrlLang(lang, 'push');
  void apply(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}

export default i18n;
