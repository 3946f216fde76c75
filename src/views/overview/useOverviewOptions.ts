/**
 * The overview's charts as options, for one scope and one set of chart choices: drawn by the
 * overview, and chosen from by the report. Each chart reads aggregated rows of the catalogue.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cycleSpan, denominatorText } from '../../charts/base';
import { groupedRatesOption } from '../../charts/groupedRates';
import { heatmapOption } from '../../charts/heatmap';
import type { ChartOption } from '../../charts/option';
import { pyramidOption } from '../../charts/pyramid';
import { stackedSharesOption } from '../../charts/stackedShares';
import { trendOption } from '../../charts/trend';
import { turnoutBarsOption } from '../../charts/turnoutBars';
import type { ChartText } from '../../charts/types';
import { useAgeDistribution, useMetricRows, usePlaces } from '../../app/hooks';
import { useScope } from '../../app/useScope';
import type { MetricQuery } from '../../db/metricSql';
import { currentLang } from '../../i18n';
import { AGE_BANDINGS, EDUCATION_TIERS, metricDef, type MetricId } from '../../metrics/catalogue';
import { childLevel } from '../../metrics/levels';
import { parentScope, type Scope } from '../../metrics/scope';
import { placeLabel } from '../scope/scopeLabel';
import type { ChartChoices } from './chartChoices';
import { groupedRatesInput, heatmapInput, pyramidInput, rankedChartText, rankedValues, sharesByCycle, trendInput } from './chartInputs';

export const OVERVIEW_CHARTS = ['turnout-by-village', 'trend', 'heatmap', 'age-pyramid', 'age-bands', 'education', 'rates-by-place'] as const;
export type OverviewChartId = (typeof OVERVIEW_CHARTS)[number];

export function isOverviewChart(s: string): s is OverviewChartId {
  return (OVERVIEW_CHARTS as readonly string[]).includes(s);
}

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

/**
 * Options of the charts in `only` (all by default) — undefined while a chart's rows load. Charts
 * left out run no query.
 */
export function useOverviewOptions(scope: Scope, choices: ChartChoices, only: readonly OverviewChartId[] = OVERVIEW_CHARTS): Partial<Record<OverviewChartId, ChartOption>> {
  const { t } = useTranslation();
  const lang = currentLang();
  const { cycles } = useScope();
  const places = usePlaces().data ?? [];
  const { trend: trendMetric, banding, rate: rateMetric } = choices;
  const want = (id: OverviewChartId) => only.includes(id);
  const level = childLevel(scope);
  const where = placeLabel(scope, places, lang);
  const bodyName = (b: string) => (b === 'all' ? t('scope.bodyAll') : t(`body.${b}`));
  const turnoutBody = scope.body === 'all' ? 'village_committee' : scope.body;
  // Results indicators are reported per body: with both bodies in scope they show the committee's.
  const bodyFor = (m: MetricId) => (metricDef(m).source === 'results' ? turnoutBody : scope.body);
  const parent = parentScope(scope);

  const turnout = useMetricRows(want('turnout-by-village') ? query(scope, ['turnout'], { body: turnoutBody, groupBy: ['village'] }) : null);
  const trendOwn = useMetricRows(want('trend') ? query(scope, [trendMetric], { cycles: [], groupBy: ['cycle'], body: bodyFor(trendMetric) }) : null);
  const trendParent = useMetricRows(want('trend') && parent ? query(parent, [trendMetric], { cycles: [], groupBy: ['cycle'], body: bodyFor(trendMetric) }) : null);
  const heat = useMetricRows(want('heatmap') ? query(scope, [trendMetric], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(trendMetric) }) : null);
  const ages = useAgeDistribution(want('age-pyramid') ? query(scope, [], {}) : null);
  // Parts of one whole: over the villages whose data has every part, so the parts add up.
  const bands = useMetricRows(want('age-bands') ? query(scope, AGE_BANDINGS[banding], { cycles: [], groupBy: ['cycle'], joint: true }) : null);
  const edu = useMetricRows(want('education') ? query(scope, EDUCATION_TIERS, { cycles: [], groupBy: ['cycle'], joint: true }) : null);
  const rates = useMetricRows(want('rates-by-place') ? query(scope, [rateMetric], { cycles: [], groupBy: [level, 'cycle'], body: bodyFor(rateMetric) }) : null);

  return useMemo(() => {
    // Single-cycle charts name the scope's cycle, the others the span of cycles they draw.
    const text = (metric: MetricId, body: string, withCycle = true): ChartText => ({
      title: metricDef(metric)[lang],
      subtitle: [where, withCycle && scope.cycle !== null ? t('scope.year', { year: scope.cycle }) : cycleSpan(cycles, lang), bodyName(body)].filter(Boolean).join(' · '),
      denominator: denominatorText(metricDef(metric), lang),
      lang,
    });
    const out: Partial<Record<OverviewChartId, ChartOption>> = {};
    if (turnout.data) out['turnout-by-village'] = turnoutBarsOption({
        text: rankedChartText(text('turnout', turnoutBody), turnout.data, 'turnout', 'village'),
        rows: rankedValues(turnout.data, 'turnout', 'village'), legalLine: 50 });
    if (trendOwn.data)
      out.trend = trendOption(
        trendInput(text(trendMetric, bodyFor(trendMetric), false), trendMetric, cycles, [
          { key: 'own', label: where, rows: trendOwn.data },
          ...(parent && trendParent.data ? [{ key: 'parent', label: placeLabel(parent, places, lang), rows: trendParent.data }] : []),
        ]),
      );
    if (heat.data) out.heatmap = heatmapOption(heatmapInput(text(trendMetric, bodyFor(trendMetric), false), trendMetric, cycles, heat.data, level));
    if (ages.data) out['age-pyramid'] = pyramidOption(pyramidInput({ ...text('members', scope.body), title: lang === 'zh' ? '年龄性别结构' : 'Age and gender' }, ages.data.bands, ages.data.coverage));
    if (bands.data)
      out['age-bands'] = stackedSharesOption(
        sharesByCycle({ ...text('avg_age', scope.body, false), title: lang === 'zh' ? '年龄段构成' : 'Age bands' }, AGE_BANDINGS[banding], cycles, bands.data, lang),
      );
    if (edu.data)
      out.education = stackedSharesOption(
        sharesByCycle({ ...text('edu_college_share', scope.body, false), title: lang === 'zh' ? '文化程度构成' : 'Education tiers' }, EDUCATION_TIERS, cycles, edu.data, lang),
      );
    if (rates.data) out['rates-by-place'] = groupedRatesOption(groupedRatesInput(text(rateMetric, bodyFor(rateMetric), false), rateMetric, cycles, rates.data, level, lang));
    return out;
    // text() and bodyFor() read only these.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [turnout.data, trendOwn.data, trendParent.data, heat.data, ages.data, bands.data, edu.data, rates.data, lang, where, cycles, scope, banding, trendMetric, rateMetric, level, places, t]);
}
