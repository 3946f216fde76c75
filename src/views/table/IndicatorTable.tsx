import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFigures } from '../../queries/figures';
import { useLineageMarks } from '../../queries/lineage';
import { cycleMark } from '../data/lineageText';
import { usePlaces } from '../../queries/hooks';
import { useScope } from '../../app/useScope';
import { DownloadableTable } from '../DownloadableTable';
import { currentLang } from '../../i18n';
import { METRICS } from '../../metrics/catalogue';
import { QueryState } from '../QueryState';
import { figureTexts } from '../figureText';
import { parentLabel, placeLabel } from '../scope/scopeLabel';
import { coverageTexts } from '../../metrics/coverage';
import {
  anyIncomplete,
  changeColumn,
  indicatorCells,
  indicatorExport,
  indicatorHeaders,
  shownFigures,
  type IndicatorTableContext,
  type TableSort,
} from './indicatorTableModel';

const ALL_METRICS = METRICS.map((m) => m.id);

/** Every indicator of the catalogue for the scope: the statistics table a report writer copies. */
export function IndicatorTable() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope, previousCycle } = useScope();
  const places = usePlaces().data ?? [];
  const figures = useFigures(scope, previousCycle, ALL_METRICS);
  // A merged or renamed village's previous cycle stands for other villages: its change cells say so.
  const marks = useLineageMarks();
  const lineageNote = previousCycle === null ? null : cycleMark(marks.data, scope.village, previousCycle, t as never);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<TableSort | null>(null);
  if (scope.cycle === null) return <p className="muted">{t('scope.noData')}</p>;
  const title = `${placeLabel(scope, places, lang)} · ${t('scope.year', { year: scope.cycle })}`;
  const ctx: IndicatorTableContext = { lang, t, scopeBody: scope.body, previousCycle, parentName: parentLabel(scope, places, lang) };
  const incomplete = anyIncomplete(figures.data ?? []);
  const changeAt = changeColumn(ctx, incomplete);

  return (
    <div className="indicator-table" data-view="table">
      <h2>
        {t('table.heading')} · {title}
      </h2>
      <p className="muted coverage-rule" data-coverage-rule>
        {coverageTexts(lang).rule}
      </p>
      <label className="table-filter">
        {t('table.filter')}{' '}
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={t('table.filterHint')}
          data-table-filter
        />
      </label>
      <QueryState query={figures}>
        {(all) => {
          // The downloads carry exactly the rows shown, in the order shown.
          const list = shownFigures(all, ctx, incomplete, filter, sort);
          return (
            <DownloadableTable
              headers={indicatorHeaders(ctx, incomplete)}
              table={() => indicatorExport(list, ctx)}
              fileName={`${title.replaceAll(' · ', '-')}-${t('table.heading')}`}
              action="download-table"
              sort={{
                column: sort?.column ?? null,
                desc: sort?.desc ?? false,
                onSort: (column) => setSort((s) => ({ column, desc: s?.column === column ? !s.desc : column !== 0 })),
              }}
            >
              {list.map((f) => {
                const row = indicatorCells(f, ctx, incomplete);
                const x = figureTexts(f, lang);
                return (
                  <tr key={`${f.metric}-${f.body}`} data-row-metric={f.metric}>
                    <th scope="row">{row[0]}</th>
                    <td className="num" data-metric={f.metric} data-body={f.body} data-support={x.support}>
                      {row[1]}
                    </td>
                    {row.slice(2, -1).map((c, i) => (
                      <td
                        key={i}
                        className="num"
                        {...(i === changeAt
                          ? { 'data-change': f.metric, 'data-change-kind': f.change.kind, title: x.deltaReason ?? undefined }
                          : {})}
                      >
                        {c}
                        {i === changeAt && lineageNote && f.change.kind !== 'none' ? (
                          <sup className="lineage-mark" data-lineage-mark={f.metric} title={lineageNote}>
                            †
                          </sup>
                        ) : null}
                      </td>
                    ))}
                    <td className="definition">{row[row.length - 1]}</td>
                  </tr>
                );
              })}
            </DownloadableTable>
          );
        }}
      </QueryState>
      {lineageNote && previousCycle !== null ? (
        <p className="muted" data-lineage-note="table">
          {t('lineage.kpiNote', { year: previousCycle, text: lineageNote })}
        </p>
      ) : null}
    </div>
  );
}
