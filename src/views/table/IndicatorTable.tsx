import { useTranslation } from 'react-i18next';
import { useFigures, type Figure } from '../../app/figures';
import { usePlaces } from '../../app/hooks';
import { useScope } from '../../app/useScope';
import { DownloadableTable } from '../DownloadableTable';
import { currentLang } from '../../i18n';
import { METRICS, metricDef } from '../../metrics/catalogue';
import { coverageTexts, formatCoverage, support } from '../../metrics/coverage';
import { formatValue } from '../../metrics/format';
import { numberColumn, textColumn, type ExportTable } from '../../export/table';
import { roundFigure } from '../../metrics/format';
import { QueryState } from '../QueryState';
import { figureLabel, figureTexts } from '../figureText';
import { parentLabel, placeLabel } from '../scope/scopeLabel';

const ALL_METRICS = METRICS.map((m) => m.id);

/** Every indicator of the catalogue for the scope: the statistics table a report writer copies. */
export function IndicatorTable() {
  const { t } = useTranslation();
  const lang = currentLang();
  const { scope, previousCycle } = useScope();
  const places = usePlaces().data ?? [];
  const figures = useFigures(scope, previousCycle, ALL_METRICS);
  const parentName = parentLabel(scope, places, lang);
  if (scope.cycle === null) return <p className="muted">{t('scope.noData')}</p>;
  const title = `${placeLabel(scope, places, lang)} · ${t('scope.year', { year: scope.cycle })}`;
  // Coverage is listed only when some figure does not stand for every village of the scope.
  const anyIncomplete = (figures.data ?? []).some((f) => ['partial', 'none'].includes(support(f.current?.coverage)));

  const headers = [
    t('table.metric'),
    t('table.value'),
    ...(anyIncomplete ? [coverageTexts(lang).column] : []),
    t('table.numerator'),
    t('table.denominator'),
    ...(previousCycle !== null ? [t('table.previous', { year: previousCycle }), t('table.change')] : []),
    ...(parentName ? [t('table.parent', { name: parentName })] : []),
    t('table.definition'),
  ];
  const cells = (f: Figure) => {
    const m = metricDef(f.metric);
    const x = figureTexts(f, lang);
    return [
      figureLabel(f, lang, t, scope.body),
      x.value,
      ...(anyIncomplete ? [f.current ? formatCoverage(f.current.coverage, lang) : '—'] : []),
      x.numerator === null ? '—' : formatValue(x.numerator, 'count', lang),
      x.denominator === null ? '—' : formatValue(x.denominator, 'count', lang),
      ...(previousCycle !== null ? [x.previous, x.delta ?? '—'] : []),
      ...(parentName ? [x.parent] : []),
      m.definition[lang],
    ];
  };
  // The same rows as numbers: values rounded as shown, the unit in its own column.
  const exportTable = (list: readonly Figure[]): ExportTable => ({
    name: t('table.heading'),
    columns: [
      textColumn(t('table.metric')),
      numberColumn(t('table.value')),
      textColumn(t('exporting.unit')),
      numberColumn(t('table.numerator')),
      numberColumn(t('table.denominator')),
      ...(previousCycle !== null ? [numberColumn(t('table.previous', { year: previousCycle })), numberColumn(t('table.change'))] : []),
      ...(parentName ? [numberColumn(t('table.parent', { name: parentName }))] : []),
      textColumn(t('table.definition')),
    ],
    rows: list.map((f) => {
      const m = metricDef(f.metric);
      const value = roundFigure(f.current?.value, m.unit);
      const prev = roundFigure(f.previous?.value, m.unit);
      return [
        figureLabel(f, lang, t, scope.body),
        value,
        t(`exporting.unit_${m.unit}`),
        f.current?.numerator ?? null,
        f.current?.denominator ?? null,
        ...(previousCycle !== null ? [prev, value !== null && prev !== null ? roundFigure(value - prev, m.unit) : null] : []),
        ...(parentName ? [roundFigure(f.parent?.value, m.unit)] : []),
        m.definition[lang],
      ];
    }),
  });

  return (
    <div className="indicator-table" data-view="table">
      <h2>
        {t('table.heading')} · {title}
      </h2>
      <QueryState query={figures}>
        {(list) => (
          <DownloadableTable
            headers={headers}
            table={() => exportTable(list)}
            fileName={`${title.replaceAll(' · ', '-')}-${t('table.heading')}`}
            action="download-table"
          >
            {list.map((f) => {
              const row = cells(f);
              return (
                <tr key={`${f.metric}-${f.body}`} data-row-metric={f.metric}>
                  <th scope="row">{row[0]}</th>
                  <td className="num" data-metric={f.metric} data-body={f.body} data-support={figureTexts(f, lang).support}>
                    {row[1]}
                  </td>
                  {row.slice(2, -1).map((c, i) => (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ))}
                  <td className="definition">{row[row.length - 1]}</td>
                </tr>
              );
            })}
          </DownloadableTable>
        )}
      </QueryState>
    </div>
  );
}
