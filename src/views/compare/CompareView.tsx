import { useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb } from '../../app/dbContext';
import { usePlaces } from '../../app/hooks';
import { useRoute } from '../../app/route';
import { useScope } from '../../app/useScope';
import { cycleSpan, denominatorText } from '../../charts/base';
import { EChart } from '../../charts/EChart';
import { trendOption } from '../../charts/trend';
import { queryMetrics, type MetricRow } from '../../db/queries';
import { currentLang } from '../../i18n';
import { isMetricId, METRICS, metricDef, type MetricId } from '../../metrics/catalogue';
import { coverageLabel, coverageTexts, figureValueText, support } from '../../metrics/coverage';
import { parentScope, scopeKey, type Scope } from '../../metrics/scope';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import { TableExport } from '../TableExport';
import { trendInput } from '../overview/chartInputs';
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

function metricBody(m: MetricId, scope: Scope): Scope['body'] {
  return metricDef(m).source === 'results' && scope.body === 'all' ? 'village_committee' : scope.body;
}

async function loadRows(db: ReturnType<typeof useDb>, s: Scope, metrics: readonly MetricId[]): Promise<MetricRow[]> {
  const out: MetricRow[] = [];
  // Results metrics compare one body (the villagers' committee when both are in scope).
  for (const body of new Set(metrics.map((m) => metricBody(m, s)))) {
    const ms = metrics.filter((m) => metricBody(m, s) === body);
    out.push(
      ...(await queryMetrics(db, {
        metrics: ms,
        county: s.county,
        township: s.township,
        village: s.village,
        cycles: [],
        body,
        role: s.role,
        groupBy: ['cycle'],
      })),
    );
  }
  return out;
}

/** 2–8 villages or townships side by side across cycles, each beside its parent's value. */
export function CompareView() {
  const { t } = useTranslation();
  const lang = currentLang();
  const db = useDb();
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

  const data = useQuery({
    queryKey: ['data', 'compare', items.map(itemParam).join(','), metrics.join(','), scopeKey(scope)],
    enabled: items.length > 0 && places.length > 0,
    queryFn: async (): Promise<ItemRows[]> =>
      Promise.all(
        items.map(async (item) => {
          const s = itemScope(item, places, scope);
          const p = parentScope(s);
          return {
            item,
            label: itemLabel(item, places),
            parentLabel: p ? placeLabel(p, places, lang) : null,
            own: await loadRows(db, s, metrics),
            parent: p ? await loadRows(db, p, metrics) : [],
          };
        }),
      ),
  });

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

      {data.isError && (
        <p className="error" role="alert">
          {String(data.error)}
        </p>
      )}
      {data.data && items.length >= 1 && (
        <>
          <div className="chart-grid">
            {metrics.map((m) => {
              const def = metricDef(m);
              const option = trendOption(
                trendInput(
                  {
                    title: def[lang],
                    subtitle: [
                      data.data.map((d) => d.label).join(lang === 'zh' ? '、' : ', '),
                      cycleSpan(cycles, lang),
                      t(`body.${metricBody(m, scope)}`),
                    ]
                      .filter(Boolean)
                      .join(' · '),
                    denominator: denominatorText(def, lang),
                    lang,
                  },
                  m,
                  cycles,
                  data.data.map((d) => ({ key: itemParam(d.item), label: d.label, rows: d.own })),
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
              table={() => exportTable(data.data)}
              fileName={`${lang === 'zh' ? '对比' : 'compare'}-${cycle ?? ''}-${data.data.map((d) => d.label).join('-')}`}
              action="download-compare"
            />
            <div className="table-scroll">
              <table className="grid" data-table="compare">
                <thead>
                  <tr>
                    <th>{t('table.metric')}</th>
                    {data.data.map((d) => (
                      <th key={itemParam(d.item)} colSpan={2}>
                        {d.label}
                      </th>
                    ))}
                  </tr>
                  <tr>
                    <th />
                    {data.data.map((d) => (
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
                        {data.data.map((d) => {
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
            {data.data.some((d) =>
              [...d.own, ...d.parent].some(
                (r) => r.cycle_year === cycle && metrics.includes(r.metric) && support(r.coverage) === 'partial',
              ),
            ) && (
              <p className="muted" data-footnote="coverage">
                {coverageTexts(lang).footnote}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
