import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlaces } from '../../queries/hooks';
import { useRoute } from '../../app/route';
import { useScope } from '../../app/useScope';
import { useExportOption } from '../../charts/ChartExportMenu';
import { EChart } from '../../charts/EChart';
import { optionTitle } from '../../charts/exportFrame';
import type { ChartOption } from '../../charts/option';
import { downloadBlob } from '../../export/download';
import { dataSourceText, exportDate, useExportInfo } from '../../export/exportInfo';
import { currentLang } from '../../i18n';
import { METRICS } from '../../metrics/catalogue';
import { scopeKey, type Scope } from '../../metrics/scope';
import type { ReportData } from '../../report/data';
import { generateReport, type ReportPart, reportTitle, SECTION_IDS, type SectionId } from '../../report/generate';
import { docxCharts, planFor, type PrintableChart } from '../../report/docxCharts';
import { REPORT_TABLES, reportTable, type ReportTableId } from '../../report/tables';
import { MetricSelect } from '../MetricSelect';
import { ModelTable } from '../ModelTable';
import { QueryState } from '../QueryState';
import { chartChoices, choicesToParams } from '../../queries/chartChoices';
import { OVERVIEW_CHARTS, useOverviewOptions, type OverviewChartId, type PlaceChartInputs } from '../overview/useOverviewOptions';
import { placeLabel, placeParts } from '../scope/scopeLabel';
import { DEFAULT_REPORT_CHARTS, listToParam, reportCharts, reportProgress, reportTables, toggle } from './reportParams';
import { generatedText, paragraphsOf, useReportText } from './useReportText';
import { errorText, TechnicalDetails } from '../../ui/TechnicalDetails';
import { useReportData } from '../../queries/report';

/** Charts on the report page and in its print, about the A4 text width; Word's are drawn at the width they print (src/report/docxCharts.ts). */
const CHART_SIZE = { width: 640, height: 340 };
/** Chart pictures in the Word report: 3 pixels a CSS pixel, ≈ 290 dpi at the size they print. */
const PRINT_PIXEL_RATIO = 3;

/** A chosen chart as the Word report takes it: the charts of many places with the rows behind them. */
function printableChart(
  id: OverviewChartId,
  options: Partial<Record<OverviewChartId, ChartOption>>,
  inputs: PlaceChartInputs,
): { id: OverviewChartId; chart: PrintableChart }[] {
  const option = options[id];
  if (!option) return [];
  const turnout = id === 'turnout-by-village' ? inputs[id] : undefined;
  const heat = id === 'heatmap' ? inputs[id] : undefined;
  const rates = id === 'rates-by-place' ? inputs[id] : undefined;
  const chart: PrintableChart = turnout
    ? { kind: 'turnout', option, input: turnout }
    : heat
      ? { kind: 'heatmap', option, input: heat }
      : rates
        ? { kind: 'rates', option, input: rates }
        : { kind: 'other', option };
  return [{ id, chart }];
}

/** Turnout by village stands its names upright under the bars: taller, so the bars keep their height. */
const chartSize = (id: OverviewChartId) => (id === 'turnout-by-village' ? { ...CHART_SIZE, height: 440 } : CHART_SIZE);

/**
 * The statistics section of a work report (工作总结) for a place and cycle: text written from
 * the catalogue figures and editable, chosen charts and tables, exported as .docx or printed.
 * URL: the scope, `chart=` and `table=` (reportParams.ts) and the overview's chart choices.
 */
export function ReportView() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope, previousCycle } = useScope();
  const places = usePlaces().data ?? [];
  // The report covers both bodies and every member, whatever the other views were set to.
  const reportScope: Scope = useMemo(() => ({ ...scope, body: 'all', role: 'all' }), [scope]);
  const parts = useMemo(() => placeParts(scope, places), [scope, places]);
  const [route] = useRoute();
  const data = useReportData(reportScope, parts, previousCycle, places.length > 0, reportProgress(route.params));
  if (scope.cycle === null)
    return (
      <div className="report-view" data-view="report">
        <p className="muted">{t('scope.noData')}</p>
      </div>
    );
  return (
    <div className="report-view" data-view="report">
      <QueryState query={data}>{(d) => <Report data={d} scope={reportScope} where={placeLabel(scope, places, lang)} />}</QueryState>
    </div>
  );
}

function Report({ data, scope, where }: { data: ReportData; scope: Scope; where: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [route, navigate] = useRoute();
  const info = useExportInfo();
  const prepare = useExportOption();
  const charts = useMemo(() => reportCharts(route.params), [route.params]);
  const tables = useMemo(() => reportTables(route.params), [route.params]);
  const choices = useMemo(() => chartChoices(route.params), [route.params]);
  // A chart still showing the last scope is not this report's: it is left out until its rows come.
  const { options: shown, inputs, pending } = useOverviewOptions(scope, choices, charts);
  const options = Object.fromEntries(Object.entries(shown).filter(([id]) => !pending.has(id as OverviewChartId))) as typeof shown;
  const sections = useMemo(() => generateReport(data, lang), [data, lang]);
  const generated = useMemo(() => generatedText(reportTitle(data, lang), sections), [data, lang, sections]);
  const { text, edited, update, reset } = useReportText(`${scopeKey(scope)}:${lang}`, generated);
  const [status, setStatus] = useState<{ ok: boolean; text: string; details?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = (id: SectionId) => sections.find((s) => s.id === id)?.heading ?? id;
  const meta = [
    where,
    t('scope.year', { year: data.cycle }),
    t('report.sourceLine', { source: dataSourceText(info.files, lang), date: exportDate() }),
  ].join(' · ');
  const printable = charts.flatMap((id) => printableChart(id, options, inputs));
  // Said under a chart the Word report prints as its ends, before anyone is surprised by it.
  const ends = new Map(
    printable.flatMap((c) => {
      const plan = planFor(c.chart);
      return plan.kind === 'ends' ? [[c.id, plan] as const] : [];
    }),
  );
  const tableModels = tables.map((id) => ({ id, table: reportTable(id, data, lang) })).filter((x) => x.table.rows.length > 0);

  const exportDocx = async () => {
    setBusy(true);
    setStatus(null);
    try {
      const [{ reportDocx }, { chartPng }] = await Promise.all([import('../../export/docx'), import('../../export/chartImage')]);
      const { figures, appendices } = docxCharts(
        printable.map((c) => c.chart),
        data.cycle,
        lang,
      );
      const images = [];
      for (const f of figures) {
        // Drawn at the size it is placed at, so its type prints at the size it was drawn.
        const out = prepare(f.option, f.size, true);
        const png = new Uint8Array(await (await chartPng(out.option, out.size, PRINT_PIXEL_RATIO)).arrayBuffer());
        images.push({ caption: f.caption, png, size: out.size });
      }
      const blob = await reportDocx({
        lang,
        title: text.title,
        subtitle: meta,
        sections: SECTION_IDS.map((id) => ({ heading: heading(id), paragraphs: paragraphsOf(text.sections[id] ?? '') })),
        charts: images,
        tables: tableModels.map((x) => ({ caption: x.table.name, table: x.table })),
        appendices,
      });
      downloadBlob(`${text.title}.docx`, blob);
      setStatus({ ok: true, text: t('report.docxDone') });
    } catch (e) {
      setStatus({ ok: false, text: t('exporting.failed'), details: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const copyLink = async () => {
    try {
      // The language goes with the link, so the reader sees the report in the sender's.
      const url = new URL(window.location.href);
      url.searchParams.set('lang', lang);
      await navigator.clipboard.writeText(url.href);
      setStatus({ ok: true, text: t('report.linkCopied') });
    } catch (e) {
      setStatus({ ok: false, text: t('exporting.failed'), details: errorText(e) });
    }
  };
  const setCharts = (next: OverviewChartId[]) => navigate({ chart: listToParam(next, DEFAULT_REPORT_CHARTS) });
  const setTables = (next: ReportTableId[]) => navigate({ table: listToParam(next, REPORT_TABLES) });

  return (
    <>
      <section className="card report-controls" data-section="report-controls">
        <h2>{t('report.heading')}</h2>
        <p className="muted">{t('report.intro')}</p>
        <fieldset>
          <legend>{t('report.charts')}</legend>
          {OVERVIEW_CHARTS.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={charts.includes(id)}
                data-report-chart={id}
                onChange={(e) => setCharts(toggle(charts, id, e.target.checked, OVERVIEW_CHARTS))}
              />
              {t(`report.chart.${id}`)}
            </label>
          ))}
          {(charts.includes('trend') || charts.includes('heatmap')) && (
            // biome-ignore lint/a11y/noLabelWithoutControl: MetricSelect renders the <select> this label names
            <label>
              {t('report.trendMetric')}{' '}
              <MetricSelect
                name="trend-metric"
                value={choices.trend}
                options={METRICS.map((m) => m.id)}
                onChange={(trend) => navigate(choicesToParams({ trend }))}
              />
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('report.tables')}</legend>
          {REPORT_TABLES.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={tables.includes(id)}
                data-report-table-toggle={id}
                onChange={(e) => setTables(toggle(tables, id, e.target.checked, REPORT_TABLES))}
              />
              {t(`report.table.${id}`)}
            </label>
          ))}
        </fieldset>
        <label>
          <input
            type="checkbox"
            checked={reportProgress(route.params)}
            data-report-option="progress"
            onChange={(e) => navigate({ progress: e.target.checked ? '1' : null })}
          />
          {t('report.progressOption')}
        </label>
        <div className="actions">
          <button type="button" className="primary" data-action="export-docx" disabled={busy} onClick={() => void exportDocx()}>
            {busy ? t('report.docxBusy') : t('report.docx')}
          </button>
          <button type="button" data-action="print" onClick={() => window.print()}>
            {t('report.print')}
          </button>
          <button type="button" data-action="copy-link" onClick={() => void copyLink()}>
            {t('report.copyLink')}
          </button>
          <button type="button" data-action="reset-text" disabled={!edited} onClick={reset}>
            {t('report.reset')}
          </button>
          {status && (
            <span className={status.ok ? 'ok-text' : 'error'} role="status" data-report-status={status.ok ? 'ok' : 'error'}>
              {status.text}
            </span>
          )}
          <TechnicalDetails text={status?.details} />
        </div>
        {edited && (
          <p className="notice" data-report-edited>
            {t('report.edited')}
          </p>
        )}
      </section>

      <article className="report-paper" data-report-paper>
        <input
          className="report-title screen-only"
          value={text.title}
          aria-label={t('report.titleLabel')}
          data-report-title
          onChange={(e) => update({ ...text, title: e.target.value })}
        />
        <h1 className="report-title print-only">{text.title}</h1>
        <p className="report-meta">{meta}</p>
        {SECTION_IDS.map((id) => (
          <section key={id} className="report-section" data-report-section={id}>
            <h3>{heading(id)}</h3>
            <textarea
              className="screen-only"
              value={text.sections[id] ?? ''}
              aria-label={heading(id)}
              data-report-text={id}
              rows={Math.max(3, Math.ceil((text.sections[id] ?? '').length / 46))}
              onChange={(e) => update({ ...text, sections: { ...text.sections, [id]: e.target.value } })}
            />
            <div className="print-only" data-report-print={id}>
              {text.sections[id] === generated.sections[id] ? (
                <ReportParagraphs parts={sections.find((s) => s.id === id)?.parts ?? []} />
              ) : (
                paragraphsOf(text.sections[id] ?? '').map((p, i) => <p key={i}>{p}</p>)
              )}
            </div>
          </section>
        ))}
        {charts.map((id, i) => {
          const option = options[id];
          return (
            <figure key={id} className="report-figure" data-report-figure={id}>
              {option ? (
                <EChart option={option} width={chartSize(id).width} height={chartSize(id).height} data-chart={`report-${id}`} />
              ) : (
                <p className="muted">…</p>
              )}
              <figcaption>
                {t('report.figure', { n: i + 1 })}　{option ? optionTitle(option) : t(`report.chart.${id}`)}
              </figcaption>
              {ends.has(id) && (
                <p className="muted screen-only" data-docx-ends={id}>
                  {t('report.docxEnds', { lowest: ends.get(id)!.lowest, highest: ends.get(id)!.highest, n: ends.get(id)!.categories })}
                </p>
              )}
            </figure>
          );
        })}
        {tableModels.map((x, i) => (
          <figure key={x.id} className="report-table">
            <figcaption>
              {t('report.tableN', { n: i + 1 })}　{x.table.name}
            </figcaption>
            <ModelTable table={x.table} attrs={{ 'data-report-table': x.id }} />
          </figure>
        ))}
      </article>
    </>
  );
}

/**
 * Generated paragraphs with each figure marked by what it is (`data-metric`, `data-kind`) and its
 * unrounded value (`data-value`), so a printed figure can be checked against the indicator table.
 */
function ReportParagraphs({ parts }: { parts: readonly (readonly ReportPart[])[] }) {
  return parts.map((paragraph, i) => (
    <p key={i}>
      {paragraph.map((x, k) =>
        typeof x === 'string' ? (
          x
        ) : (
          <span
            key={k}
            data-metric={x.metric}
            data-kind={x.kind}
            data-value={x.value ?? ''}
            data-body={x.body}
            data-group={x.group}
            data-cycle={x.cycle}
          >
            {x.text}
          </span>
        ),
      )}
    </p>
  ));
}
