import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute } from '../../app/route';
import { useCompleteness, useCompletionProgress } from '../../queries/completeness';
import { useCycles } from '../../queries/hooks';
import { QueryState } from '../QueryState';
import { CompletionProgressCard } from './CompletionProgressCard';
import { RegisterImport } from './RegisterImport';
import { TownshipTable } from './TownshipTable';
import { VillageTable } from './VillageTable';

/**
 * 上报进度: for a cycle (`?view=completeness&cycle=2021`, the latest by default), per township the
 * villages expected, reported and missing for each body's results and rosters, the 重点村 / 难点村,
 * and each village with its marks — the county office's list for its follow-up calls.
 */
export function CompletenessView() {
  const { t } = useTranslation();
  const [route, navigate] = useRoute();
  const cycles = useCycles().data;
  const asked = Number(route.params.get('cycle'));
  const cycle = Number.isInteger(asked) && asked > 1900 ? asked : (cycles?.at(-1) ?? null);
  const filter = useMemo(() => (cycle === null ? null : { cycle }), [cycle]);
  const data = useCompleteness(filter);
  const progress = useCompletionProgress(filter);
  const choices = cycle !== null && cycles && !cycles.includes(cycle) ? [...cycles, cycle].sort((a, b) => a - b) : (cycles ?? []);

  return (
    <div className="completeness-view" data-view="completeness" data-cycle={cycle ?? ''}>
      <h2>{t('completeness.heading')}</h2>
      <p className="muted">{t('completeness.intro')}</p>
      {cycle === null ? (
        <p className="muted">{t('completeness.noData')}</p>
      ) : (
        <>
          <div className="completeness-controls">
            <label>
              {t('completeness.cycle')}{' '}
              <select value={cycle} data-control="completeness-cycle" onChange={(e) => navigate({ cycle: e.target.value })}>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {t('scope.year', { year: c })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <QueryState query={data}>
            {(d) => {
              const expected = d.townships.reduce((a, r) => a + r.expected, 0);
              return (
                <>
                  <p className="completeness-source" data-source={d.source}>
                    {t(`completeness.source.${d.source}`, { n: expected, year: d.previousCycle ?? '' })}
                  </p>
                  <RegisterImport cycle={cycle} hasRegister={d.source === 'register'} />
                  {progress.data && <CompletionProgressCard progress={progress.data} />}
                  <TownshipTable rows={d.townships} cycle={cycle} />
                  <VillageTable rows={d.villages} cycle={cycle} />
                </>
              );
            }}
          </QueryState>
        </>
      )}
    </div>
  );
}
