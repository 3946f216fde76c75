/** Turnout by village, highest first, with the legal line: at or below it the election is void. */
import { ALERT, asParams, axisLabel, dataValue, distinctLabels, fmt, frame, isEmpty, OK, titleHeight, tooltip, tooltipLine, tooltipTitle, zoomFor, type PlaceDatum } from './base';
import type { ChartOption } from './option';
import type { RankedValue, TurnoutBarsInput } from './types';

/** Highest first; places without a figure go last, drawn as gaps. */
export function sortRanked(rows: readonly RankedValue[], direction: 'desc' | 'asc' = 'desc'): RankedValue[] {
  const sign = direction === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
    return sign * (a.value - b.value) || a.label.localeCompare(b.label, 'zh');
  });
}

export function turnoutBarsOption(input: TurnoutBarsInput): ChartOption {
  const { text, legalLine } = input;
  const rows = sortRanked(input.rows);
  const empty = isEmpty(rows.map((r) => r.value));
  const labels = distinctLabels(rows);
  const lang = text.lang;
  const data: PlaceDatum[] = rows.map((r, i) => ({
    value: dataValue(r.value),
    name: labels[i],
    key: r.key,
    level: r.level,
    // At or below the line the election did not reach "more than half": drawn in the alert colour.
    itemStyle: { color: r.value !== null && r.value <= legalLine ? ALERT : OK },
  })) as PlaceDatum[];
  return {
    ...frame(text, empty),
    grid: { top: titleHeight(text) + 10, left: 48, right: 24, bottom: rows.length > 30 ? 90 : 70 },
    tooltip: tooltip('item', (p) => {
      const [param] = asParams(p);
      const row = param ? rows[param.dataIndex] : undefined;
      if (!row) return '';
      const extra =
        row.numerator !== undefined && row.denominator !== undefined
          ? `<br/>${tooltipLine('', lang === 'zh' ? '参加投票' : 'Voted', fmt(row.numerator, 'count', lang))}<br/>${tooltipLine('', lang === 'zh' ? '登记选民' : 'Registered', fmt(row.denominator, 'count', lang))}`
          : '';
      return `${tooltipTitle(row.detail ? `${row.label}（${row.detail}）` : row.label)}${tooltipLine(param?.marker ?? '', text.title, fmt(row.shown ?? row.value, 'percent', lang))}${extra}`;
    }),
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: rows.length > 8 ? 45 : 0, interval: 0, fontSize: 11 }, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: axisLabel('percent', lang) } },
    dataZoom: zoomFor(rows.length, 40),
    series: [
      {
        type: 'bar',
        name: text.title,
        data: data as never,
        barMaxWidth: 28,
        cursor: 'pointer',
        markLine: empty
          ? undefined
          : {
              silent: true,
              symbol: 'none',
              lineStyle: { color: ALERT, type: 'dashed', width: 1.5 },
              label: { formatter: lang === 'zh' ? `法定线 ${legalLine}%` : `Legal line ${legalLine}%`, position: 'insideEndTop', color: ALERT },
              data: [{ yAxis: legalLine }],
            },
      },
    ],
  };
}
