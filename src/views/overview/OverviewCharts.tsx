import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../charts/EChart';
import { turnoutBarsOption } from '../../charts/turnoutBars';
import { trendOption } from '../../charts/trend';
import { heatmapOption } from '../../charts/heatmap';
import { pyramidOption } from '../../charts/pyramid';
import { stackedSharesOption } from '../../charts/stackedShares';
import { groupedRatesOption } from '../../charts/groupedRates';
import type { ChartText } from '../../charts/types';
import { useAgeDistribution, useMetricRows, usePlaces } from '../../app/hooks';
import { useScope } from '../../app/useScope';
import type { MetricQuery } from '../../db/metricSql';
import { currentLang } from '../../i18n';
import { AGE_BANDINGS, EDUCATION_TIERS, METRICS, metricDef, type MetricId } from '../../metrics/catalogue';
import { childLevel } from '../../metrics/levels';
import { parentScope, type Scope } from '../../metrics/scope';
import { placeLabel } from '../scope/scopeLabel';
import { heatmapInput, groupedRatesInput, pyramidInput, rankedChartText, rankedValues, sharesByCycle, trendInput } from './chartInputs';
import { RankingTable } from './RankingTable';
import { useDrillDown } from './useDrillDown';

const RATES_BY_TOWNSHIP: readonly MetricId[] = ['women_share', 'cross_holding_rate', 'one_shoulder_rate'];

function query(scope: Scope, metrics: readonly MetricId[], over: Partial<MetricQuery>): MetricQuery {
  return {
    metrics,
    county: scope.county,
    township: scope.township,
    village: scope.village,
    cycles: scope.cycle === null ? [] : [scope.cycle],
    body: scope.body,
    role: scope.role,
    groupBy: [],
    ...over,
  };
}

function MetricSelect({ value, options, onChange, name }: { value: MetricId; options: readonly MetricId[]; onChange: (m: MetricId) => void; name: string }) {
  const lang = currentLang();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as MetricId)} data-select={name}>
      {options.map((m) => (
        <option key={m} value={m}>
          {metricDef(m)[lang]}
        </option>
      ))}
    </select>
  );
}

/** The overview's charts, all reading aggregated rows for the shared scope. */
export function OverviewCharts() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope, cycles } = useScope();
  const places = usePlaces().data ?? [];
  const drill = useDrillDown();
  const [trendMetric, setTrendMetric] = useState<MetricId>('turnout');
  const [banding, setBanding] = useState<keyof typeof AGE_BANDINGS>('ten_year');
  const [rateMetric, setRateMetric] = useState<MetricId>('women_share');
  const level = childLevel(scope);
  const where = placeLabel(scope, places, lang);
  const bodyName = (b: string) => (b === 'all' ? t('scope.bodyAll') : t(`body.${b}`));
  const turnoutBody = scope.body === 'all' ? 'village_committee' : scope.body;
  // Results indicators are reported per body: with both bodies in scope they show the committee's.
  const bodyFor = (m: MetricId) => (metricDef(m).source === 'results' ? turnoutBody : scope.body);

  const text = (metric: MetricId, body: string, withCycle = true): ChartText => {
    const m = metricDef(metric);
    return {
      title: m[lang],
      subtitle: [where, withCycle && scope.cycle !== null ? t('scope.year', { year: scope.cycle }) : null, bodyName(body)].filter(Boolean).join(' · '),
      denominator: m.denominatorLabel ? `${lang === 'zh' ? '分母：' : 'Denominator: '}${m.denominatorLabel[lang]}` : m.definition[lang],
      lang,
    };
  };

  const turnout = useMetricRows(query(scope, ['turnout'], { body: turnoutBody, groupBy: ['village'] }));
  const parent = parentScope(scope);
  const trendOwn = useMetricRows(query(scope, [trendMetric], { cycles: [], groupBy: ['cycle'], body: bodyFor(trendMetric) }));
  const trendParent = useMetricRows(parent ? query(parent, [trendMetric], { cycles: [], groupBy: ['cycle'], body: bodyFor(trendMetric) }) : null);
  const heat = useMetricRows(query(scope, [trendMetric], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(trendMetric) }));
  const ages = useAgeDistribution(query(scope, [], {}));
  // Parts of one whole: over the villages whose data has every part, so the parts add up.
  const bands = useMetricRows(query(scope, AGE_BANDINGS[banding], { cycles: [], groupBy: ['cycle'], joint: true }));
  const edu = useMetricRows(query(scope, EDUCATION_TIERS, { cycles: [], groupBy: ['cycle'], joint: true }));
  const rates = useMetricRows(query(scope, [rateMetric], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(rateMetric) }));

  const options = useMemo(
    () => ({
      turnout:
        turnout.data &&
        turnoutBarsOption({ text: rankedChartText(text('turnout', turnoutBody), turnout.data, 'turnout', 'village'), rows: rankedValues(turnout.data, 'turnout', 'village'), legalLine: 50 }),
      trend:
        trendOwn.data &&
        trendOption(
          trendInput(text(trendMetric, bodyFor(trendMetric), false), trendMetric, cycles, [
            { key: 'own', label: where, rows: trendOwn.data },
            ...(parent && trendParent.data ? [{ key: 'parent', label: placeLabel(parent, places, lang), rows: trendParent.data }] : []),
          ]),
        ),
      heat: heat.data && heatmapOption(heatmapInput(text(trendMetric, bodyFor(trendMetric), false), trendMetric, cycles, heat.data, level)),
      pyramid: ages.data && pyramidOption(pyramidInput({ ...text('members', scope.body), title: lang === 'zh' ? '年龄性别结构' : 'Age and gender' }, ages.data.bands, ages.data.coverage)),
      bands:
        bands.data &&
        stackedSharesOption(sharesByCycle({ ...text('avg_age', scope.body, false), title: lang === 'zh' ? '年龄段构成' : 'Age bands' }, AGE_BANDINGS[banding], cycles, bands.data, lang)),
      edu:
        edu.data &&
        stackedSharesOption(sharesByCycle({ ...text('edu_college_share', scope.body, false), title: lang === 'zh' ? '文化程度构成' : 'Education tiers' }, EDUCATION_TIERS, cycles, edu.data, lang)),
      rates: rates.data && groupedRatesOption(groupedRatesInput(text(rateMetric, bodyFor(rateMetric), false), rateMetric, cycles, rates.data, level, lang)),
    }),
    // eslint-style exhaustive deps would list text(); its inputs are these.
    [turnout.data, trendOwn.data, trendParent.data, heat.data, ages.data, bands.data, edu.data, rates.data, lang, where, cycles, scope, banding, trendMetric, rateMetric, level, places],
  );

  const chart = (id: string, option: unknown, height = 360) =>
    option ? <EChart option={option as never} height={height} data-chart={id} onItemClick={drill} /> : <p className="muted">…</p>;

  return (
    <section className="charts">
      <div className="chart-grid">
        <div className="card chart-card wide">{chart('turnout-by-village', options.turnout, 380)}</div>
        <div className="card chart-card">
          <div className="chart-tools">
            <MetricSelect name="trend-metric" value={trendMetric} options={METRICS.map((m) => m.id)} onChange={setTrendMetric} />
          </div>
          {chart('trend', options.trend)}
        </div>
        <div className="card chart-card">{chart('heatmap', options.heat, 420)}</div>
        <div className="card chart-card">{chart('age-pyramid', options.pyramid)}</div>
        <div className="card chart-card">
          <div className="chart-tools">
            <select value={banding} onChange={(e) => setBanding(e.target.value as keyof typeof AGE_BANDINGS)} data-select="banding">
              <option value="ten_year">≤35 / 36–45 / 46–55 / ≥56</option>
              <option value="twenty_year">≤29 / 30–49 / ≥50</option>
            </select>
          </div>
          {chart('age-bands', options.bands)}
        </div>
        <div className="card chart-card">{chart('education', options.edu)}</div>
        <div className="card chart-card wide">
          <div className="chart-tools">
            <MetricSelect name="rate-metric" value={rateMetric} options={RATES_BY_TOWNSHIP} onChange={setRateMetric} />
          </div>
          {chart('rates-by-place', options.rates, 380)}
        </div>
      </div>
      <RankingTable level={level} />
    </section>
  );
}
