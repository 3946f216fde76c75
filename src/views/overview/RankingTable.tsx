import { memo, useMemo, useState } from 'react';
import { usePaged } from '../Pager';
import { useTranslation } from 'react-i18next';
import { useMetricRows, usePlaces } from '../../queries/hooks';
import { useRoute } from '../../app/route';
import { useScope } from '../../app/useScope';
import type { GroupBy } from '../../queries/types';
import { currentLang } from '../../i18n';
import { METRICS, metricDef, type MetricId } from '../../metrics/catalogue';
import { coverageLabel, coverageTexts, figureValueText, support } from '../../metrics/coverage';
import { formatValue } from '../../metrics/format';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import { unitDecimals } from '../../metrics/format';
import { TableExport } from '../TableExport';
import { placeLabel } from '../scope/scopeLabel';
import { rankedValues } from '../../charts/inputs';
import { metricParam } from '../../queries/chartChoices';
import { useDrillDown } from './useDrillDown';
import { rankingQuery } from '../../queries/overview';

type SortKey = 'label' | 'value' | 'numerator' | 'denominator';

/** Rows drawn at once: a province's townships are thousands, and the download has them all. */
const PAGE_ROWS = 100;

/** Villages (or townships) of the scope ranked by any indicator; every column sorts, names drill down. */
// Memoised: the charts above it re-render on each answer of a scope change; the table re-renders on its own hooks' changes.
export const RankingTable = memo(function RankingTable({ level }: { level: Exclude<GroupBy, 'cycle'> }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope } = useScope();
  const [route, navigate] = useRoute();
  const places = usePlaces().data ?? [];
  const drill = useDrillDown();
  // The indicator ranked lives in the URL (`rank=`), so a shared link ranks by the same one.
  const metric = metricParam(route.params, 'rank', 'turnout');
  const setMetric = (m: MetricId) => navigate({ rank: m === 'turnout' ? null : m });
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'value', desc: true });
  const m = metricDef(metric);
  const rows = useMetricRows(rankingQuery(scope, metric, level), { keep: 'same-grouping' });
  const sorted = useMemo(() => {
    const list = rankedValues(rows.data ?? [], metric, level);
    const dir = sort.desc ? -1 : 1;
    return list.sort((a, b) => {
      if (sort.key === 'label') return dir * a.label.localeCompare(b.label, 'zh');
      const x = a[sort.key] ?? null;
      const y = b[sort.key] ?? null;
      // No data sorts last whichever way.
      if (x === null) return y === null ? 0 : 1;
      if (y === null) return -1;
      return dir * (x - y);
    });
  }, [rows.data, metric, level, sort]);
  const { shown, first, pager } = usePaged(sorted, PAGE_ROWS, 'ranking');
  const exportTable = (): ExportTable => ({
    name: m[lang],
    columns: [
      numberColumn('#', 0),
      textColumn(t(`scope.${level}`)),
      ...(level === 'village' ? [textColumn(t('scope.township'))] : []),
      numberColumn(`${m[lang]}${m.unit === 'percent' ? '（%）' : ''}`, unitDecimals(m.unit)),
      numberColumn(t('table.numerator'), 0),
      numberColumn(t('table.denominator'), 0),
    ],
    rows: sorted.map((r, i) => [
      i + 1,
      r.label,
      ...(level === 'village' ? [r.detail ?? null] : []),
      r.shown ?? null,
      r.numerator ?? null,
      r.denominator ?? null,
    ]),
  });
  const where = placeLabel(scope, places, lang);
  const header = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'label' }))}>
        {label} {sort.key === key ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <section className="card ranking" data-table="ranking">
      <h3>
        {lang === 'zh' ? '排名' : 'Ranking'} ·{' '}
        <select value={metric} onChange={(e) => setMetric(e.target.value as MetricId)} data-select="ranking-metric">
          {METRICS.map((x) => (
            <option key={x.id} value={x.id}>
              {x[lang]}
            </option>
          ))}
        </select>
      </h3>
      <p className="muted">{m.definition[lang]}</p>
      <TableExport
        table={exportTable}
        fileName={`${where.replaceAll(' · ', '-')}-${scope.cycle ?? ''}-${lang === 'zh' ? '排名' : 'ranking'}-${m[lang]}`}
        action="download-ranking"
      />
      {sorted.some((r) => support(r.coverage) === 'partial') && <p className="muted">{coverageTexts(lang).footnote}</p>}
      <div className="table-scroll">
        <table className="grid">
          <thead>
            <tr>
              <th>#</th>
              {header('label', t(`scope.${level}`))}
              {header('value', t('table.value'))}
              {header('numerator', t('table.numerator'))}
              {header('denominator', t('table.denominator'))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={r.key} data-rank-key={r.key}>
                <td className="num">{first + i + 1}</td>
                <td>
                  <button type="button" className="link" onClick={() => drill(r)}>
                    {r.label}
                  </button>
                </td>
                <td className="num" data-support={support(r.coverage)} title={coverageLabel(r.coverage, lang) ?? undefined}>
                  {figureValueText(r.shown ?? null, m.unit, r.coverage, lang)}
                  {support(r.coverage) === 'partial' ? ' *' : ''}
                </td>
                <td className="num">{formatValue(r.numerator ?? null, 'count', lang)}</td>
                <td className="num">{formatValue(r.denominator ?? null, 'count', lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {pager}
      </div>
    </section>
  );
});
