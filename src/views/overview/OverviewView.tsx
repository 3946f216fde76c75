import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDb, useEngineUp } from '../../app/dbContext';
import { useScopeAhead } from '../../app/scopeAhead';
import { useFigures } from '../../queries/figures';
import { usePlaces } from '../../queries/hooks';
import { useScope } from '../../app/useScope';
import { currentLang } from '../../i18n';
import { QueryState } from '../QueryState';
import { parentLabel, placeLabel } from '../scope/scopeLabel';
import { KpiCards } from './KpiCards';
import { OverviewCharts } from './OverviewCharts';
import { KPI_METRICS } from '../../queries/overview';
import { childSharedFetches, firstChild, overviewFetches, parentSharedFetches, prefetchTogether } from '../../queries/overviewFetches';
import { OverviewCompletion } from '../completeness/OverviewCompletion';
import { scopeKey } from '../../metrics/scope';
import { whenIdle } from '../../util/idle';
import { useEffect } from 'react';
import { useLineageMarks } from '../../queries/lineage';
import { cycleMark } from '../data/lineageText';

export function OverviewView() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope, previousCycle } = useScope();
  const places = usePlaces().data ?? [];
  const figures = useFigures(scope, previousCycle, KPI_METRICS, { keepPrevious: true });
  const marks = useLineageMarks();
  const db = useDb();
  const qc = useQueryClient();
  // A scope chosen: its queries go to the engine now, while the page renders it (the chart
  // choices and ranking stay as they are in the address).
  useScopeAhead((next, previous) => {
    prefetchTogether(db, qc, overviewFetches(db, qc, next, previous, new URLSearchParams(window.location.search)));
  });
  // This scope drawn: what any place one level down shares, and what the level up asks, are asked
  // while the user looks — once the engine is up (the sample's first dashboard is drawn from the
  // build's figures before it).
  const engineUp = useEngineUp();
  const drawn = engineUp && figures.isSuccess && !figures.isPlaceholderData;
  const key = scopeKey(scope);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the scope's key stands for the scope
  useEffect(() => {
    if (!drawn) return;
    const child = firstChild(scope, places);
    return whenIdle(() => {
      const params = new URLSearchParams(window.location.search);
      prefetchTogether(db, qc, [...(child ? childSharedFetches(db, scope, child, params) : []), ...parentSharedFetches(db, scope, params)]);
    });
  }, [drawn, key, places, db, qc]);
  if (scope.cycle === null) return <p className="muted">{t('scope.noData')}</p>;
  return (
    <div className="overview" data-view="overview">
      <h2>
        {placeLabel(scope, places, lang)} · {t('scope.year', { year: scope.cycle })}
      </h2>
      <QueryState query={figures}>
        {(f) => (
          <KpiCards
            figures={f}
            busy={figures.isPlaceholderData}
            scopeBody={scope.body}
            previousCycle={previousCycle}
            parentName={parentLabel(scope, places, lang)}
            lineageNote={previousCycle === null ? null : cycleMark(marks.data, scope.village, previousCycle, t as never)}
          />
        )}
      </QueryState>
      <OverviewCompletion scope={scope} place={scope.county || scope.township ? placeLabel(scope, places, lang) : ''} />
      <OverviewCharts />
    </div>
  );
}
