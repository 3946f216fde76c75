import { lazy, Suspense, useMemo } from 'react';
import { useIsFetching } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setLang, currentLang } from '../i18n';
import { ScopeBar } from '../views/scope/ScopeBar';
import { SampleBanner } from './SampleBanner';
import { StoreBanner } from './StoreBanner';
import { ServiceWorkerNotice } from './ServiceWorkerNotice';
import { parseRoute, useRoute, VIEWS, type View } from './route';
import { useImports, useRowsLoaded } from '../queries/hooks';
import { useEngineUp, useSaving } from './dbContext';
import { ExportInfoContext, type ExportInfo } from '../export/exportInfo';

// Dashboard views pull in ECharts: each loads only when first shown. The view the page opens on
// starts loading with the app (this module loads before DuckDB is up), so its code is there by
// the time the data is.
const loaders = {
  overview: () => import('../views/overview/OverviewView').then((m) => ({ default: m.OverviewView })),
  table: () => import('../views/table/IndicatorTable').then((m) => ({ default: m.IndicatorTable })),
  compare: () => import('../views/compare/CompareView').then((m) => ({ default: m.CompareView })),
  rules: () => import('../views/RulesView').then((m) => ({ default: m.RulesView })),
  person: () => import('../views/PersonView').then((m) => ({ default: m.PersonView })),
  report: () => import('../views/report/ReportView').then((m) => ({ default: m.ReportView })),
  completeness: () => import('../views/completeness/CompletenessView').then((m) => ({ default: m.CompletenessView })),
  // The import screen and the data manager bring the import and archive code: loaded when opened.
  import: () => import('../views/import/ImportView').then((m) => ({ default: m.ImportView })),
  data: () => import('../views/DataView').then((m) => ({ default: m.DataManager })),
};
const DEFAULT_VIEW: View = 'overview';
void loaders[parseRoute(location.search).view ?? DEFAULT_VIEW]().catch(() => undefined);
const OverviewView = lazy(loaders.overview);
const IndicatorTable = lazy(loaders.table);
const CompareView = lazy(loaders.compare);
const RulesView = lazy(loaders.rules);
const PersonView = lazy(loaders.person);
const ReportView = lazy(loaders.report);
const CompletenessView = lazy(loaders.completeness);
const ImportView = lazy(loaders.import);
const DataManager = lazy(loaders.data);

const SCOPED: readonly View[] = ['overview', 'table', 'compare', 'rules', 'person', 'report'];

/** The report's label lives in its own i18n section (src/i18n: `report.nav`). */
const navLabel = (v: View) => (v === 'report' ? 'report.nav' : `nav.${v}`);

/** The import screen, the data manager and the completeness view (its marks and register) work on the saved state, which arrives with the engine. */
const NEEDS_STORE: readonly View[] = ['import', 'data', 'completeness'];

function ViewBody({ view, onShowData }: { view: View; onShowData: () => void }) {
  const { t } = useTranslation();
  const storeReady = useEngineUp();
  // After a reload the dashboard shows from the saved counts while the rows load: nothing that
  // changes the data can start before they are in.
  const rowsLoaded = useRowsLoaded();
  if (NEEDS_STORE.includes(view) && !(storeReady && rowsLoaded))
    return (
      <p className="loading" aria-busy="true" data-state={storeReady ? 'rows-loading' : undefined}>
        {t(storeReady ? 'store.rowsLoading' : 'app.loadingEngine')}
      </p>
    );
  switch (view) {
    case 'overview':
      return <OverviewView />;
    case 'table':
      return <IndicatorTable />;
    case 'compare':
      return <CompareView />;
    case 'rules':
      return <RulesView />;
    case 'person':
      return <PersonView />;
    case 'report':
      return <ReportView />;
    case 'completeness':
      return <CompletenessView />;
    case 'import':
      return <ImportView onShowData={onShowData} />;
    case 'data':
      return <DataManager />;
  }
}

export function App() {
  const { t } = useTranslation();
  const [route, navigate] = useRoute();
  const view: View = route.view ?? DEFAULT_VIEW;
  const lang = currentLang();
  const imports = useImports().data;
  const exportInfo: ExportInfo = useMemo(() => ({ files: imports ?? [] }), [imports]);
  // Queries in flight: "0" once every view shows data for its current scope (tests, benchmarks).
  const fetching = useIsFetching();
  // Before the data is in, the sample's first dashboard shows from the figures the build made.
  const engineReady = useEngineUp();
  const rowsLoaded = useRowsLoaded();
  // "1" while anything is being written to the saved state (tests and the benchmark wait for "0").
  const saving = useSaving();
  return (
    <ExportInfoContext.Provider value={exportInfo}>
      <div
        className="app"
        data-fetching={fetching}
        data-engine={engineReady ? 'ready' : 'starting'}
        data-rows={rowsLoaded ? 'loaded' : 'loading'}
        data-saving={saving ? 1 : 0}
      >
        <header className="app-header">
          <div className="brand">
            <strong>{t('app.title')}</strong>
            <span className="subtitle">{t('app.subtitle')}</span>
          </div>
          <nav aria-label="views">
            {VIEWS.map((id) => (
              <a
                key={id}
                href={`?view=${id}`}
                data-nav={id}
                aria-current={view === id ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ view: id });
                }}
              >
                {t(navLabel(id))}
              </a>
            ))}
          </nav>
          {!engineReady && (
            <span className="engine-status" role="status">
              {t('app.loadingEngine')}
            </span>
          )}
          {engineReady && !rowsLoaded && (
            <span className="engine-status" role="status" data-state="rows-loading">
              {t('store.rowsLoading')}
            </span>
          )}
          <label className="lang">
            <span className="sr-only">{t('app.language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'zh')} data-action="language">
              <option value="zh">中文</option>
              <option value="en">English</option>
            </select>
          </label>
        </header>
        <StoreBanner />
        <SampleBanner onCleared={() => navigate({ view: 'import' })} />
        {SCOPED.includes(view) && <ScopeBar placeAndCycleOnly={view === 'report'} />}
        <main>
          <Suspense
            fallback={
              <p className="muted" aria-busy="true">
                …
              </p>
            }
          >
            <ViewBody view={view} onShowData={() => navigate({ view: 'data' })} />
          </Suspense>
        </main>
        <footer className="app-footer">
          {t('app.privacy')}
          <ServiceWorkerNotice />
        </footer>
      </div>
    </ExportInfoContext.Provider>
  );
}
