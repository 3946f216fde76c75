import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useEngineUp } from '../../app/dbContext';
import { useRoute } from '../../app/route';
import type { Scope } from '../../metrics/scope';
import { useCompletionProgress } from '../../queries/completeness';
import { CompletionProgressCard } from './CompletionProgressCard';

/**
 * The overview's line of progress for its county or township and cycle, with the cumulative chart
 * and a link to the completeness view. Shown only when something says which villages are expected
 * (a register or a previous cycle): against the cycle's own villages every cycle is complete.
 */
export function OverviewCompletion({ scope, place }: { scope: Scope; place: string }) {
  const { t } = useTranslation();
  const [, navigate] = useRoute();
  // Asked once the engine is up: the sample's first dashboard is drawn from its snapshot and asks
  // nothing before (src/app/dashboardSnapshot.ts); the line follows it.
  const engineUp = useEngineUp();
  const filter = useMemo(
    () =>
      !engineUp || scope.cycle === null || scope.village ? null : { cycle: scope.cycle, county: scope.county, township: scope.township },
    [engineUp, scope.cycle, scope.village, scope.county, scope.township],
  );
  const progress = useCompletionProgress(filter).data;
  if (!progress || progress.source === 'this_cycle' || scope.cycle === null) return null;
  return (
    <div className="overview-completion">
      <CompletionProgressCard progress={progress} place={place} />
      <button
        type="button"
        className="link"
        data-action="open-completeness"
        onClick={() => navigate({ view: 'completeness', cycle: String(scope.cycle) })}
      >
        {t('completeness.open')}
      </button>
    </div>
  );
}
