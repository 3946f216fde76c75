import { useTranslation } from 'react-i18next';
import { setLang, currentLang } from '../i18n';
import { ImportView } from '../views/import/ImportView';
import { DataView } from '../views/DataView';
import { SampleBanner } from './SampleBanner';
import { useRoute, type View } from './route';

export function App() {
  const { t } = useTranslation();
  const [route, navigate] = useRoute();
  const view: View = route.view ?? 'data';
  const lang = currentLang();
  const tabs: { id: View; label: string }[] = [
    { id: 'import', label: t('nav.import') },
    { id: 'data', label: t('nav.data') },
  ];
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span className="subtitle">{t('app.subtitle')}</span>
        </div>
        <nav aria-label="views">
          {tabs.map((tab) => (
            <a
              key={tab.id}
              href={`?view=${tab.id}`}
              aria-current={view === tab.id ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate({ view: tab.id });
              }}
            >
              {tab.label}
            </a>
          ))}
        </nav>
        <label className="lang">
          <span className="sr-only">{t('app.language')}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'zh')} data-action="language">
            <option value="zh">中文</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <SampleBanner onCleared={() => navigate({ view: 'import' })} />
      <main>{view === 'import' ? <ImportView onShowData={() => navigate({ view: 'data' })} /> : <DataView />}</main>
      <footer className="app-footer">{t('app.privacy')}</footer>
    </div>
  );
}
