/**
 * One figure, one number: over every scope level of the bundled sample (all data, each county,
 * each township, a village of each township; every cycle, body and role), every catalogue metric
 * reads the same on the KPI card, in the indicator table and its CSV, in the charts that draw it,
 * in the parent's ranking and in the report's text — value and change alike. Built from the same
 * pure functions the views render, over the real engine.
 */
import { QueryClient } from '@tanstack/react-query';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresQuery, type Figure } from '../../src/queries/figures';
import { metricRowsQuery } from '../../src/queries/options';
import { stackedSharesOption } from '../../src/charts/stackedShares';
import { trendOption } from '../../src/charts/trend';
import { tableToCsv } from '../../src/export/csv';
import { listCycles, listPlaces, type Place } from '../../src/db/queries';
import type { MetricRow } from '../../src/metrics/query';
import { ownRows } from '../../src/metrics/siblings';
import type { Db } from '../../src/db/types';
import i18n from '../../src/i18n';
import { AGE_BANDINGS, COMPOSITIONS, EDUCATION_TIERS, METRICS, metricDef, type MetricId } from '../../src/metrics/catalogue';
import { changeText } from '../../src/metrics/figure';
import { formatDelta, formatValue } from '../../src/metrics/format';
import { parentScope, scopeLevel, type BodyScope, type RoleScope, type Scope } from '../../src/metrics/scope';
import { generateReport, type ReportFigure } from '../../src/report/generate';
import { loadReportData } from '../../src/report/load';
import type { FigureGroup } from '../../src/report/data';
import { figureTexts } from '../../src/views/figureText';
import { rankedValues, sharesByCycle, trendInput } from '../../src/charts/inputs';
import { DEFAULT_CHOICES } from '../../src/queries/chartChoices';
import { overviewQueries, rankingQuery } from '../../src/queries/overview';
import { bodyFor } from '../../src/queries/scope';
import {
  changeColumn,
  indicatorCells,
  indicatorExport,
  indicatorHeaders,
  anyIncomplete,
  type IndicatorTableContext,
} from '../../src/views/table/indicatorTableModel';
import { sampleDb } from './helpers';

const ALL = METRICS.map((m) => m.id);
const BODIES: BodyScope[] = ['all', 'village_committee', 'party_branch'];
const ROLES: RoleScope[] = ['all', 'head', 'deputy', 'member'];
const GROUP_OF: Record<FigureGroup, Pick<Scope, 'body' | 'role'>> = {
  all: { body: 'all', role: 'all' },
  village_committee: { body: 'village_committee', role: 'all' },
  party_branch: { body: 'party_branch', role: 'all' },
  secretaries: { body: 'party_branch', role: 'head' },
};

let db: Db;
let qc: QueryClient;
let cycles: number[];
let places: Place[];

beforeAll(async () => {
  ({ db } = await sampleDb());
  qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  cycles = await listCycles(db);
  places = await listPlaces(db);
  await i18n.changeLanguage('zh');
}, 120_000);

afterAll(async () => {
  await db.close();
});

const t = i18n.t.bind(i18n);
const rows = (q: Parameters<typeof metricRowsQuery>[1]) => qc.fetchQuery(metricRowsQuery(db, q)) as Promise<MetricRow[]>;

/** The places walked: all data, each county, each township and the first village of each township. */
function placeScopes(): Pick<Scope, 'county' | 'township' | 'village'>[] {
  const counties = [...new Set(places.map((p) => p.county))];
  const townships = [...new Map(places.map((p) => [`${p.county}|${p.township}`, p])).values()];
  return [
    { county: null, township: null, village: null },
    ...counties.map((county) => ({ county, township: null, village: null })),
    ...townships.map((p) => ({ county: p.county, township: p.township, village: null })),
    ...townships.map((p) => ({ county: p.county, township: p.township, village: p.village_key })),
  ];
}

/** A number as printed, back to a number: "1,234" → 1234, "−0.5个百分点" → −0.5. */
const numberIn = (s: string): number => Number(s.replace(/[^\d.−-]/g, '').replace('−', '-'));

interface Seen {
  value: string;
  change: string;
}

/** What the KPI card prints for each figure: its value and change (src/views/overview/KpiCards.tsx). */
function cards(figures: readonly Figure[]): Map<string, Seen> {
  return new Map(figures.map((f) => [`${f.metric}|${f.body}`, { value: figureTexts(f, 'zh').value, change: figureTexts(f, 'zh').delta }]));
}

describe('one figure, one number on every surface', () => {
  it('card, table, CSV, charts, ranking and report agree at every scope level', async () => {
    let compared = 0;
    let notComparable = 0;
    const disagreements: string[] = [];
    const agree = (what: string, a: string, b: string) => {
      compared++;
      if (a !== b) disagreements.push(`${what}: card ${a} ≠ ${b}`);
    };
    for (const place of placeScopes())
      for (const cycle of cycles) {
        const previousCycle = [...cycles].reverse().find((c) => c < cycle) ?? null;
        for (const body of BODIES)
          for (const role of ROLES) {
            const scope: Scope = { ...place, cycle, body, role };
            const where = `${JSON.stringify(place)} ${cycle} ${body} ${role}`;
            const figures = await qc.fetchQuery(figuresQuery(db, qc, scope, previousCycle, ALL));
            const card = cards(figures);
            notComparable += figures.filter((f) => f.change.kind === 'not_comparable').length;

            // The indicator table: drawn cells and its CSV.
            const ctx: IndicatorTableContext = {
              lang: 'zh',
              t,
              scopeBody: body,
              previousCycle,
              parentName: scopeLevel(scope) === 'all' ? null : 'parent',
            };
            const incomplete = anyIncomplete(figures);
            const at = changeColumn(ctx, incomplete);
            const csv = Papa.parse<string[]>(tableToCsv(indicatorExport(figures, ctx)).replace(/^\uFEFF/, ''), {
              skipEmptyLines: true,
            }).data;
            expect(csv[0]).toHaveLength(indicatorExport(figures, ctx).columns.length);
            expect(indicatorHeaders(ctx, incomplete).length).toBe(indicatorCells(figures[0]!, ctx, incomplete).length);
            figures.forEach((f, i) => {
              const seen = card.get(`${f.metric}|${f.body}`)!;
              const unit = metricDef(f.metric).unit;
              const cells = indicatorCells(f, ctx, incomplete);
              agree(`${where} table ${f.metric} ${f.body}`, seen.value, cells[1]!);
              const csvRow = csv[i + 1]!;
              if (seen.value !== '—' && seen.value !== '数据不支持')
                agree(`${where} CSV ${f.metric} ${f.body}`, seen.value, formatValue(Number(csvRow[1]), unit, 'zh'));
              if (previousCycle !== null) {
                agree(`${where} table change ${f.metric} ${f.body}`, seen.change, cells[2 + at]!);
                const cell = csvRow[6] ?? '';
                const asText = cell === '' ? '—' : cell === '不可比' ? cell : formatDelta(Number(cell), unit, 'zh');
                agree(`${where} CSV change ${f.metric} ${f.body}`, seen.change, asText);
                agree(`${where} change model ${f.metric} ${f.body}`, seen.change, changeText(f.change, unit, 'zh'));
              }
            });

            // The trend chart of each metric: its point at this cycle.
            for (const m of ALL) {
              const q = overviewQueries(scope, { ...DEFAULT_CHOICES, trend: m });
              const own = ownRows(await rows(q.trendRows), q.trend);
              const option = trendOption(
                trendInput({ title: m, subtitle: '', denominator: '', lang: 'zh' }, m, cycles, [{ key: 'own', label: 'own', rows: own }]),
              );
              const point = ((option.series as { data: unknown[] }[])[0]!.data[cycles.indexOf(cycle)] ?? null) as
                | number
                | null
                | { value: unknown };
              const v = typeof point === 'number' ? point : null;
              const seen = card.get(`${m}|${bodyFor(scope, m)}`);
              if (seen && v !== null) agree(`${where} trend ${m}`, seen.value, formatValue(v, metricDef(m).unit, 'zh'));
            }

            // The stacked shares of each whole: each part as on its card, the parts adding up.
            for (const whole of [AGE_BANDINGS.ten_year, AGE_BANDINGS.twenty_year, EDUCATION_TIERS]) {
              const q = overviewQueries(scope, {
                ...DEFAULT_CHOICES,
                banding: whole === AGE_BANDINGS.twenty_year ? 'twenty_year' : 'ten_year',
              });
              const partRows = await rows(whole === EDUCATION_TIERS ? q.edu : q.bands);
              const input = sharesByCycle({ title: '', subtitle: '', denominator: '', lang: 'zh' }, whole, cycles, partRows, 'zh');
              const option = stackedSharesOption(input);
              const c = cycles.indexOf(cycle);
              const shares = whole.map((_, i) => (option.series as { data: { value: unknown }[] }[])[i]!.data[c]!.value);
              if (shares.every((s) => typeof s === 'number')) {
                const total = (shares as number[]).reduce((a, b) => a + b, 0);
                expect(Math.round(total * 10), `${where} ${whole.join('+')}`).toBe(1000);
                const counts = input.parts.map((p) => p.counts[c] ?? 0).reduce((a, b) => a + b, 0);
                const den = figures.find((f) => f.metric === whole[0])?.current?.denominator;
                expect(counts, `${where} ${whole.join('+')} counts`).toBe(den);
                for (const [i, m] of whole.entries())
                  agree(`${where} shares ${m}`, card.get(`${m}|${body}`)!.value, formatValue(shares[i] as number, 'percent', 'zh'));
              }
            }

            // The parent's ranking: this place's row.
            const up = parentScope(scope);
            const level = scopeLevel(scope);
            if (up && level !== 'all') {
              for (const m of ALL) {
                const ranked = rankedValues(await rows(rankingQuery(up, m, level)), m, level);
                const key =
                  level === 'village' ? scope.village : level === 'township' ? `${scope.county}\u0000${scope.township}` : scope.county;
                const row = ranked.find((r) => r.key === key);
                const seen = card.get(`${m}|${bodyFor(scope, m)}`);
                if (row && seen && row.shown !== null && row.shown !== undefined)
                  agree(`${where} ranking ${m}`, seen.value, formatValue(row.shown, metricDef(m).unit, 'zh'));
              }
            }
          }

        // The report, whose four groups are scopes of their own: each printed figure as on that scope's card.
        const data = await loadReportData(db, place, [], cycle, previousCycle);
        const marks = generateReport(data, 'zh').flatMap((s) => s.parts.flat().filter((p): p is ReportFigure => typeof p !== 'string'));
        expect(marks.length, `${JSON.stringify(place)} ${cycle}`).toBeGreaterThan(0);
        for (const group of Object.keys(GROUP_OF) as FigureGroup[]) {
          const scope: Scope = { ...place, cycle, ...GROUP_OF[group] };
          const card = cards(await qc.fetchQuery(figuresQuery(db, qc, scope, previousCycle, ALL)));
          for (const mark of marks.filter((x) => x.group === group)) {
            const seen = card.get(`${mark.metric}|${mark.body}`);
            const where = `${JSON.stringify(place)} ${cycle} report ${group} ${mark.metric} ${mark.body} ${mark.kind}`;
            if (!seen) {
              disagreements.push(`${where}: no card`);
              continue;
            }
            if (mark.kind === 'value' && mark.cycle === cycle) agree(where, seen.value, mark.text);
            if (mark.kind === 'change') agree(where, String(numberIn(seen.change)), String(numberIn(mark.text)));
          }
        }
      }
    expect(disagreements.slice(0, 20)).toEqual([]);
    // The walk compared something, and met figures whose change is not comparable.
    expect(compared).toBeGreaterThan(20_000);
    expect(notComparable).toBeGreaterThan(0);
  }, 600_000);

  it('wholes: every part of a whole shares its villages and its denominator', async () => {
    for (const whole of COMPOSITIONS) {
      const rs = await rows({ metrics: whole as MetricId[], cycles: [], body: 'all', role: 'all', groupBy: ['township', 'cycle'] });
      const groups = new Map<string, MetricRow[]>();
      for (const r of rs)
        if (whole.includes(r.metric))
          groups.set(`${r.county}|${r.township}|${r.cycle_year}`, [...(groups.get(`${r.county}|${r.township}|${r.cycle_year}`) ?? []), r]);
      for (const [k, g] of groups) {
        expect(new Set(g.map((r) => r.denominator)).size, k).toBe(1);
        expect(new Set(g.map((r) => r.coverage.covered)).size, k).toBe(1);
        if (g[0]!.denominator !== null)
          expect(
            g.reduce((a, r) => a + (r.numerator ?? 0), 0),
            k,
          ).toBe(g[0]!.denominator);
      }
    }
  });
});
