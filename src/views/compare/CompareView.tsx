import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaces } from '../../queries/hooks';
import { useRoute } from '../../app/route';
import { useScope } from '../../app/useScope';
import { cycleSpan, denominatorText } from '../../charts/base';
import { EChart } from '../../charts/EChart';
import { trendOption } from '../../charts/trend';
import type { MetricRow } from '../../queries/types';
import { useCompareRows } from '../../queries/compare';
import { useLineageMarks } from '../../queries/lineage';
import { placeMarks } from '../data/lineageText';
import { bodyFor } from '../../queries/scope';
import { currentLang } from '../../i18n';
import { isMetricId, METRICS, metricDef, type MetricId } from '../../metrics/catalogue';
import { coverageLabel, coverageTexts, figureValueText, support } from '../../metrics/coverage';
import { parentScope } from '../../metrics/scope';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import { TableExport } from '../TableExport';
import { trendInput } from '../../charts/inputs';
import { placeLabel } from '../scope/scopeLabel';
import { itemLabel, itemParam, itemScope, MAX_ITEMS, parseItem, type CompareItem } from './compareItems';

const DEFAULT_METRICS: readonly MetricId[] = ['turnout', 'women_share', 'avg_age', 'edu_college_share'];

interface ItemRows {
  item: CompareItem;
  label: string;
  parentLabel: string | null;
  own: MetricRow[];
  parent: MetricRow[];
}

/** 2–8 villages or townships side by side across cycles, each beside its parent's value. */
export function CompareView() {
  const { t } = useTranslation();
  const lang = currentLang();
  const [route, navigate] = useRoute();
  const { scope, cycles } = useScope();
  const places = usePlaces().data ?? [];
  const items = useMemo(
    () =>
      route.params
        .getAll('item')
        .map(parseItem)
        .filter((x): x is CompareItem => x !== null)
        .slice(0, MAX_ITEMS),
    [route.params],
  );
  const metricsParam = route.params.getAll('metric').filter(isMetricId);
  const metrics = metricsParam.length > 0 ? metricsParam : [...DEFAULT_METRICS];
  const [pick, setPick] = useState('');

  const setItems = (next: CompareItem[]) => navigate({ item: next.map(itemParam) });
  const setMetrics = (next: MetricId[]) => navigate({ metric: next });

  const scopes = useMemo(() => items.map((item) => itemScope(item, places, scope)), [items, places, scope]);
  const rows = useCompareRows(scopes, metrics, places.length > 0);
  // The villages compared whose earlier figures include others (merged, renamed) or stop at a split.
  const marks = useLineageMarks().data;
  const lineageNotes = placeMarks(
    marks,
    new Map(items.flatMap((i) => (i.kind === 'village' && i.village ? [[i.village, itemLabel(i, places)] as const] : []))),
    t as never,
  );
  const list = useMemo(
    (): ItemRows[] | undefined =>
      rows.data?.map((r, k) => {
        const p = parentScope(scopes[k]!);
        return { item: items[k]!, label: itemLabel(items[k]!, places), parentLabel: p ? placeLabel(p, places, lang) : null, ...r };
      }),
    [rows.data, scopes, items, places, lang],
  );

  const choices = useMemo(() => {
    const townships = new Map<string, CompareItem>();
    for (const p of places)
      townships.set(`${p.county}|${p.township}`, { kind: 'township', county: p.county, township: p.township, village: null });
    return [
      ...[...townships.values()].map((i) => ({ value: itemParam(i), label: `${i.township}（${i.county}）`, item: i })),
      ...places.map((p) => {
        const i: CompareItem = { kind: 'village', county: p.county, township: p.township, village: p.village_key };
        return { value: itemParam(i), label: `${p.village}（${p.township}）`, item: i };
      }),
    ];
  }, [places]);

  const cycle = scope.cycle;
  const rowAt = (rows: readonly MetricRow[], m: MetricId) => rows.find((r) => r.metric === m && r.cycle_year === cycle) ?? null;
  const valueAt = (rows: readonly MetricRow[], m: MetricId) => rowAt(rows, m)?.shown ?? null;
  // One row per indicator, for each place its shown value and its parent's.
  const exportTable = (list: readonly ItemRows[]): ExportTable => ({
    name: lang === 'zh' ? '对比' : 'Compare',
    columns: [
      textColumn(t('table.metric')),
      textColumn(t('exporting.unit')),
      ...list.flatMap((d) => [numberColumn(d.label), numberColumn(`${d.label} · ${d.parentLabel ?? ''}`)]),
    ],
    rows: metrics.map((m) => {
      const def = metricDef(m);
      return [def[lang], t(`exporting.unit_${def.unit}`), ...list.flatMap((d) => [valueAt(d.own, m), valueAt(d.parent, m)])];
    }),
  });
  return (
    <div className="compare" data-view="compare">
      <h2>{lang === 'zh' ? '对比' : 'Compare'}</h2>
      <div className="compare-picker card">
        <label>
          {lang === 'zh' ? '添加村或乡镇' : 'Add a village or township'}{' '}
          <select value={pick} onChange={(e) => setPick(e.target.value)} data-compare="pick">
            <option value="">—</option>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          data-action="compare-add"
          disabled={!pick || items.length >= MAX_ITEMS || items.some((i) => itemParam(i) === pick)}
          onClick={() => {
            const c = choices.find((x) => x.value === pick);
            if (c) setItems([...items, c.item]);
            setPick('');
          }}
        >
          {lang === 'zh' ? '添加' : 'Add'}
        </button>
        <ul className="chips">
          {items.map((i) => (
            <li key={itemParam(i)} data-compare-item={itemParam(i)}>
              {itemLabel(i, places)}{' '}
              <button type="button" className="link" aria-label="remove" onClick={() => setItems(items.filter((x) => x !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <details>
          <summary>
            {lang === 'zh' ? '指标' : 'Indicators'} ({metrics.length})
          </summary>
          <div className="metric-checks">
            {METRICS.map((m) => (
              <label key={m.id}>
                <input
                  type="checkbox"
                  checked={metrics.includes(m.id)}
                  data-compare-metric={m.id}
                  onChange={(e) => setMetrics(e.target.checked ? [...metrics, m.id] : metrics.filter((x) => x !== m.id))}
                />
                {m[lang]}
              </label>
            ))}
          </div>
        </details>
        {items.length < 2 && (
          <p className="muted">
            {lang === 'zh' ? '请至少选择 2 个（最多 8 个）村或乡镇。' : 'Choose at least 2 (at most 8) villages or townships.'}
          </p>
        )}
      </div>

      {rows.isError && (
        <p className="error" role="alert">
          {String(rows.error)}
        </p>
      )}
      {list && items.length >= 1 && (
        <>
          <div className="chart-grid">
            {metrics.map((m) => {
              const def = metricDef(m);
              const option = trendOption(
                trendInput(
                  {
                    title: def[lang],
                    subtitle: [
                      list.map((d) => d.label).join(lang === 'zh' ? '、' : ', '),
                      cycleSpan(cycles, lang),
                      t(`body.${bodyFor(scope, m)}`),
                    ]
                      .filter(Boolean)
                      .join(' · '),
                    denominator: denominatorText(def, lang),
                    lang,
                  },
                  m,
                  cycles,
                  list.map((d) => ({ key: itemParam(d.item), label: d.label, rows: d.own })),
                ),
              );
              return (
                <div key={m} className="card chart-card">
                  <EChart option={option} height={300} data-chart={`compare-${m}`} />
                </div>
              );
            })}
          </div>
          <div className="card">
            <h3>
              {lang === 'zh' ? '数据表' : 'Figures'} · {cycle !== null ? t('scope.year', { year: cycle }) : ''}
            </h3>
            <TableExport
              table={() => exportTable(list)}
              fileName={`${lang === 'zh' ? '对比' : 'compare'}-${cycle ?? ''}-${list.map((d) => d.label).join('-')}`}
              action="download-compare"
            />
            <div className="table-scroll">
              <table className="grid" data-table="compare">
                <thead>
                  <tr>
                    <th>{t('table.metric')}</th>
                    {list.map((d) => (
                      <th key={itemParam(d.item)} colSpan={2}>
                        {d.label}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    <th />
                    {list.map((d) => (
                      <Fragment key={itemParam(d.item)}>
                        <th>{t('table.value')}</th>
                        <th>{d.parentLabel ?? ''}</th>
                      </Fragment>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {metrics.map((m) => {
                    const def = metricDef(m);
                    const pick1 = (rows: MetricRow[]) => rowAt(rows, m);
                    // A figure over part of the villages is marked and says so on hover (see the footnote).
                    const cell = (r: MetricRow | null) => {
                      const partial = support(r?.coverage) === 'partial';
                      return {
                        text: `${figureValueText(r?.shown ?? null, def.unit, r?.coverage, lang)}${partial ? ' *' : ''}`,
                        title: coverageLabel(r?.coverage, lang) ?? undefined,
                        support: support(r?.coverage),
                      };
                    };
                    return (
                      <tr key={m} data-compare-row={m}>
                        <th scope="row">{def[lang]}</th>
                        {list.map((d) => {
                          const own = cell(pick1(d.own));
                          const up = cell(pick1(d.parent));
                          return (
                            <Fragment key={itemParam(d.item)}>
                              <td className="num" data-compare-value={itemParam(d.item)} data-support={own.support} title={own.title}>
                                {own.text}
                              </td>
                              <td className="num muted" title={up.title}>
                                {up.text}
                              </td>
                            </Fragment>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {list.some((d) =>
              [...d.own, ...d.parent].some(
                (r) => r.cycle_year === cycle && metrics.includes(r.metric) && support(r.coverage) === 'partial',
              ),
            ) && (
              <p className="muted" data-footnote="coverage">
                {coverageTexts(lang).footnote}
              </p>
            )}
            {lineageNotes.length > 0 && (
              <p className="muted" data-lineage-note="compare">
                {lineageNotes.join('; ')}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
