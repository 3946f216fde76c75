import { useTranslation } from 'react-i18next';
import type { Figure } from '../../queries/figures';
import { currentLang } from '../../i18n';
import { metricDef } from '../../metrics/catalogue';
import { coverageTexts } from '../../metrics/coverage';
import { figureLabel, figureTexts } from '../figureText';

interface Props {
  figures: readonly Figure[];
  /** The figures are the last scope's; this one's are loading. */
  busy?: boolean;
  scopeBody: string;
  previousCycle: number | null;
  parentName: string | null;
  /** What the previous cycle's figures include besides this village (a merge, a rename, src/db/lineage.ts). */
  lineageNote?: string | null;
}

/** One card per figure: the value, its change from the previous cycle and the parent level's value. */
export function KpiCards({ figures, busy = false, scopeBody, previousCycle, parentName, lineageNote = null }: Props) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <div className="kpis" aria-busy={busy}>
      {figures.map((f) => {
        const m = metricDef(f.metric);
        const x = figureTexts(f, lang);
        const good = m.higherIsBetter === null || x.trend === 0 ? '' : x.trend > 0 === m.higherIsBetter ? 'up-good' : 'up-bad';
        return (
          <section
            key={`${f.metric}-${f.body}`}
            className="kpi card"
            title={x.support === 'none' ? `${m.definition[lang]}\n${coverageTexts(lang).noneLong}` : m.definition[lang]}
          >
            <h4>{figureLabel(f, lang, t, scopeBody)}</h4>
            <div
              className={`kpi-value${x.support === 'none' ? ' not-available' : ''}`}
              data-metric={f.metric}
              data-body={f.body}
              data-support={x.support}
            >
              {x.value}
            </div>
            {x.coverage && (
              <div className="kpi-coverage" data-coverage={f.metric} title={coverageTexts(lang).coversLong(f.current!.coverage)}>
                {x.coverage}
              </div>
            )}
            <div className={`kpi-delta ${good}`} data-change={f.metric} data-change-kind={f.change.kind} title={x.deltaReason ?? undefined}>
              {previousCycle === null ? t('overview.noPrevious') : `${t('overview.previous', { year: previousCycle })} ${x.delta}`}
              {lineageNote && f.change.kind !== 'none' ? (
                <sup className="lineage-mark" data-lineage-mark={f.metric} title={lineageNote}>
                  †
                </sup>
              ) : null}
            </div>
            {parentName && (
              <div className="kpi-parent">
                {parentName}: {x.parent}
              </div>
            )}
          </section>
        );
      })}
      {lineageNote && previousCycle !== null ? (
        <p className="muted kpi-footnote" data-lineage-note="kpi">
          {t('lineage.kpiNote', { year: previousCycle, text: lineageNote })}
        </p>
      ) : null}
    </div>
  );
}
