/**
 * The overview's charts as options, for one scope and one set of chart choices: drawn by the
 * overview, and chosen from by the report. Each chart reads aggregated rows of the catalogue.
 */
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { cycleSpan, denominatorText } from '../../charts/base';
import { groupedRatesOption } from '../../charts/groupedRates';
import { heatmapOption } from '../../charts/heatmap';
import type { ChartOption } from '../../charts/option';
import { pyramidOption } from '../../charts/pyramid';
import { stackedSharesOption } from '../../charts/stackedShares';
import { trendOption } from '../../charts/trend';
import { turnoutBarsOption } from '../../charts/turnoutBars';
import type { ChartText, GroupedRatesInput, HeatmapInput, TurnoutBarsInput } from '../../charts/types';
import { useAgeDistribution, useMetricRows, usePlaces } from '../../queries/hooks';
import { ownRows, parentRows } from '../../queries/overview';
import { useScope } from '../../app/useScope';
import { currentLang } from '../../i18n';
import { AGE_BANDINGS, EDUCATION_TIERS, metricDef, type MetricId } from '../../metrics/catalogue';
import { childLevel } from '../../metrics/levels';
import { parentScope, type Scope } from '../../metrics/scope';
import { placeLabel } from '../scope/scopeLabel';
import type { ChartChoices } from '../../queries/chartChoices';
import { overviewQueries } from '../../queries/overview';
import { bodyFor, resultsBody } from '../../queries/scope';
import { useLineageMarks } from '../../queries/lineage';
import { placeMarks } from '../data/lineageText';
import {
  groupedRatesInput,
  heatmapInput,
  pyramidInput,
  rankedChartText,
  rankedValues,
  sharesByCycle,
  trendInput,
} from '../../charts/inputs';

export const OVERVIEW_CHARTS = [
  'turnout-by-village',
  'trend',
  'heatmap',
  'age-pyramid',
  'age-bands',
  'education',
  'rates-by-place',
] as const;
export type OverviewChartId = (typeof OVERVIEW_CHARTS)[number];

export function isOverviewChart(s: string): s is OverviewChartId {
  return (OVERVIEW_CHARTS as readonly string[]).includes(s);
}

interface Rows<T> {
  data?: T;
  isPlaceholderData: boolean;
}

interface Chart<I> {
  option: ChartOption | undefined;
  /** What the option was built from (the report prints the charts of many places its own way). */
  input: I | undefined;
  /** The option is the last scope's: this scope's rows are still loading. */
  pending: boolean;
}

interface Built<I> {
  option: ChartOption;
  input: I;
}

const built = <I>(input: I, build: (input: I) => ChartOption): Built<I> => ({ input, option: build(input) });

/**
 * A chart's option, built once its rows have come. While a new scope's rows load the query holds
 * the last scope's rows: the chart keeps the option it has, marked pending (a title of the new
 * scope over the old rows would be wrong, and drawing every chart twice is the slowest part of a
 * scope change).
 */
/** A chart across cycles with the villages whose earlier figures include others said under it (src/db/lineage.ts). */
function withLineage<I extends { text: ChartText }>(input: I, notes: readonly string[]): I {
  if (notes.length === 0) return input;
  return { ...input, text: { ...input.text, note: [input.text.note, ...notes].filter(Boolean).join('; ') } };
}

function useChartOption<T, I>(rows: readonly Rows<T>[], build: (data: T[]) => Built<I>, deps: readonly unknown[]): Chart<I> {
  const last = useRef<Built<I> | undefined>(undefined);
  const pending = rows.some((r) => r.isPlaceholderData);
  const ready = rows[0]!.data !== undefined && !pending;
  const data = rows.map((r) => r.data);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the rows and the caller's deps are what the option is built from; build is a new closure every render
  const made = useMemo(() => (ready ? build(data as T[]) : undefined), [ready, ...data, ...deps]);
  if (made) last.current = made;
  const shown = pending ? last.current : made;
  return { option: shown?.option, input: shown?.input, pending: pending && last.current !== undefined };
}

/** The inputs of the charts of many places, which the Word report may print as their ends and a table. */
export interface PlaceChartInputs {
  'turnout-by-village'?: TurnoutBarsInput;
  heatmap?: HeatmapInput;
  'rates-by-place'?: GroupedRatesInput;
}

export interface OverviewOptions {
  options: Partial<Record<OverviewChartId, ChartOption>>;
  inputs: PlaceChartInputs;
  /** Charts showing the last scope's option while this one's rows load. */
  pending: ReadonlySet<OverviewChartId>;
}

/**
 * Options of the charts in `only` (all by default) — undefined while a chart's first rows load,
 * the last scope's (and pending) while a new scope's do. Charts left out run no query.
 */
export function useOverviewOptions(
  scope: Scope,
  choices: ChartChoices,
  only: readonly OverviewChartId[] = OVERVIEW_CHARTS,
): OverviewOptions {
  const { t } = useTranslation();
  const lang = currentLang();
  const { cycles } = useScope();
  const places = usePlaces().data ?? [];
  const { trend: trendMetric, banding, rate: rateMetric, turnoutOrder } = choices;
  const want = (id: OverviewChartId) => only.includes(id);
  const level = childLevel(scope);
  const where = placeLabel(scope, places, lang);
  const bodyName = (b: string) => (b === 'all' ? t('scope.bodyAll') : t(`body.${b}`));
  const turnoutBody = resultsBody(scope);
  const parent = parentScope(scope);
  const q = overviewQueries(scope, choices);

  const turnout = useMetricRows(want('turnout-by-village') ? q.turnout : null);
  const trendRows = useMetricRows(want('trend') ? q.trendRows : null);
  const heat = useMetricRows(want('heatmap') ? q.heat : null);
  const ages = useAgeDistribution(want('age-pyramid') ? q.ages : null);
  const bands = useMetricRows(want('age-bands') ? q.bands : null);
  const edu = useMetricRows(want('education') ? q.edu : null);
  const rates = useMetricRows(want('rates-by-place') ? q.rates : null);
  const marks = useLineageMarks().data;
  const lineageNotes = (rows: readonly { village_key?: string | null; village?: string | null }[]) =>
    placeMarks(marks, new Map(rows.flatMap((r) => (r.village_key ? [[r.village_key, r.village ?? r.village_key] as const] : []))), t);

  // Single-cycle charts name the scope's cycle, the others the span of cycles they draw.
  const text = (metric: MetricId, body: string, withCycle = true): ChartText => ({
    title: metricDef(metric)[lang],
    subtitle: [where, withCycle && scope.cycle !== null ? t('scope.year', { year: scope.cycle }) : cycleSpan(cycles, lang), bodyName(body)]
      .filter(Boolean)
      .join(' · '),
    denominator: denominatorText(metricDef(metric), lang),
    lang,
  });
  // One option per chart, on what that chart draws: a query answering redraws its own chart only,
  // and a cycle or body change leaves alone the charts that do not show it.
  const texts = [lang, where, t];
  const trendBody = bodyFor(scope, trendMetric);
  const rateBody = bodyFor(scope, rateMetric);
  const parentName = parent ? placeLabel(parent, places, lang) : null;
  const turnoutOpt = useChartOption(
    [turnout],
    ([rows]) =>
      built(
        {
          text: rankedChartText(text('turnout', turnoutBody), rows!, 'turnout', 'village'),
          rows: rankedValues(rows!, 'turnout', 'village'),
          legalLine: 50,
          order: turnoutOrder,
        },
        turnoutBarsOption,
      ),
    [scope.cycle, turnoutBody, turnoutOrder, ...texts],
  );
  const trendOpt = useChartOption(
    [trendRows],
    ([rows]) =>
      built(
        withLineage(
          trendInput(text(trendMetric, trendBody, false), trendMetric, cycles, [
            { key: 'own', label: where, rows: ownRows(rows!, q.trend) },
            ...(parentName !== null ? [{ key: 'parent', label: parentName, rows: parentRows(rows!, q.trend) }] : []),
          ]),
          scope.village
            ? lineageNotes([{ village_key: scope.village, village: places.find((p) => p.village_key === scope.village)?.village ?? where }])
            : [],
        ),
        trendOption,
      ),
    // The place picks the own line out of rows its siblings share.
    [trendMetric, trendBody, parentName, scope.county, scope.township, scope.village, cycles, marks, ...texts],
  );
  const heatOpt = useChartOption(
    [heat],
    ([rows]) =>
      built(
        withLineage(
          heatmapInput(text(trendMetric, trendBody, false), trendMetric, cycles, rows!, level),
          level === 'village' ? lineageNotes(rows!) : [],
        ),
        heatmapOption,
      ),
    [trendMetric, trendBody, level, cycles, marks, ...texts],
  );
  const agesOpt = useChartOption(
    [ages],
    ([a]) =>
      built(
        pyramidInput({ ...text('members', scope.body), title: lang === 'zh' ? '年龄性别结构' : 'Age and gender' }, a!.bands, a!.coverage),
        pyramidOption,
      ),
    [scope.cycle, scope.body, ...texts],
  );
  const bandsOpt = useChartOption(
    [bands],
    ([rows]) =>
      built(
        sharesByCycle(
          { ...text('avg_age', scope.body, false), title: lang === 'zh' ? '年龄段构成' : 'Age bands' },
          AGE_BANDINGS[banding],
          cycles,
          rows!,
          lang,
        ),
        stackedSharesOption,
      ),
    [banding, scope.body, cycles, ...texts],
  );
  const eduOpt = useChartOption(
    [edu],
    ([rows]) =>
      built(
        sharesByCycle(
          { ...text('edu_college_share', scope.body, false), title: lang === 'zh' ? '文化程度构成' : 'Education tiers' },
          EDUCATION_TIERS,
          cycles,
          rows!,
          lang,
        ),
        stackedSharesOption,
      ),
    [scope.body, cycles, ...texts],
  );
  const ratesOpt = useChartOption(
    [rates],
    ([rows]) => built(groupedRatesInput(text(rateMetric, rateBody, false), rateMetric, cycles, rows!, level, lang), groupedRatesOption),
    [rateMetric, rateBody, level, cycles, ...texts],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: each Chart is a new object every render; what it holds is what changes
  return useMemo(() => {
    const all: Record<OverviewChartId, Chart<unknown>> = {
      'turnout-by-village': turnoutOpt,
      trend: trendOpt,
      heatmap: heatOpt,
      'age-pyramid': agesOpt,
      'age-bands': bandsOpt,
      education: eduOpt,
      'rates-by-place': ratesOpt,
    };
    const options: Partial<Record<OverviewChartId, ChartOption>> = {};
    const pending = new Set<OverviewChartId>();
    for (const id of OVERVIEW_CHARTS) {
      const c = all[id];
      if (c.option) options[id] = c.option;
      if (c.pending) pending.add(id);
    }
    const inputs: PlaceChartInputs = { 'turnout-by-village': turnoutOpt.input, heatmap: heatOpt.input, 'rates-by-place': ratesOpt.input };
    return { options, inputs, pending };
  }, [
    turnoutOpt.option,
    turnoutOpt.pending,
    trendOpt.option,
    trendOpt.pending,
    heatOpt.option,
    heatOpt.pending,
    agesOpt.option,
    agesOpt.pending,
    bandsOpt.option,
    bandsOpt.pending,
    eduOpt.option,
    eduOpt.pending,
    ratesOpt.option,
    ratesOpt.pending,
  ]);
}
