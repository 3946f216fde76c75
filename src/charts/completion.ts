/**
 * Cumulative completion of a cycle by election date (截至 X 月 X 日，完成 N 个村，占 P%): one
 * stepped line per list — every expected village, the 重点村, the 难点村 — as the share of that
 * list's expected villages completed on or before each date.
 */
import { villageShare } from '../metrics/completeness';
import { asParams, axisLabel, dataValue, fmt, frame, titleHeight, tooltip, tooltipLine, tooltipTitle } from './base';
import type { ChartOption } from './option';
import type { ChartText } from './types';

export interface CompletionSeries {
  key: string;
  label: string;
  /** Villages of the list expected in the cycle: the denominator. */
  expected: number;
  /** Villages completed on or before each date (cumulative), aligned with `dates`. */
  done: number[];
  /** The shares as shown everywhere (rounded once, src/metrics/round.ts), aligned with `dates`. */
  shown: (number | null)[];
}

export interface CompletionInput {
  text: ChartText;
  /** Election dates, "YYYY-MM-DD", in order. */
  dates: string[];
  series: CompletionSeries[];
}

/** The progress's days as the chart's series: a list without expected villages is left out, not drawn as 0. */
export function completionInput(
  text: ChartText,
  days: readonly { date: string; all: number; key: number; difficult: number }[],
  lists: readonly { key: 'all' | 'key' | 'difficult'; label: string; expected: number }[],
): CompletionInput {
  return {
    text,
    dates: days.map((d) => d.date),
    series: lists
      .filter((l) => l.expected > 0)
      .map((l) => {
        const done = days.map((d) => d[l.key]);
        return { key: l.key, label: l.label, expected: l.expected, done, shown: done.map((n) => villageShare(n, l.expected).shown) };
      }),
  };
}

/** "2021-11-28" → "11月28日" / "28 Nov"; the year is the cycle's, said in the subtitle. */
export function dayLabel(date: string, lang: 'zh' | 'en'): string {
  const [, m, d] = date.split('-').map(Number);
  if (lang === 'zh') return `${m}月${d}日`;
  return `${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][(m ?? 1) - 1]}`;
}

export function completionOption(input: CompletionInput): ChartOption {
  const { text, dates, series } = input;
  const lang = text.lang;
  const empty = dates.length === 0 || series.length === 0;
  const labels = dates.map((d) => dayLabel(d, lang));
  return {
    ...frame(text, empty),
    legend: { show: series.length > 1, bottom: 4, data: series.map((s) => s.label) },
    grid: { top: titleHeight(text) + 14, left: 56, right: 32, bottom: series.length > 1 ? 58 : 32 },
    tooltip: tooltip('axis', (p) => {
      const params = asParams(p);
      const first = params[0];
      if (!first) return '';
      const villages = lang === 'zh' ? '个村' : 'villages';
      return (
        tooltipTitle(dates[first.dataIndex] ?? '') +
        params
          .map((x) => {
            const s = series[x.seriesIndex ?? 0];
            if (!s) return '';
            const done = s.done[x.dataIndex] ?? 0;
            return tooltipLine(
              x.marker ?? '',
              s.label,
              `${done}/${s.expected} ${villages} · ${fmt(s.shown[x.dataIndex], 'percent', lang)}`,
            );
          })
          .join('<br/>')
      );
    }),
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: axisLabel('percent', lang) } },
    series: series.map((s) => ({
      type: 'line' as const,
      name: s.label,
      step: 'end' as const,
      data: s.shown.map(dataValue),
      symbolSize: 6,
      // The last point's figure is the sentence's P%: the one shown value.
      label: {
        show: true,
        position: 'top' as const,
        formatter: (p: { dataIndex: number; value: unknown }) =>
          p.dataIndex === dates.length - 1 && typeof p.value === 'number' ? fmt(p.value, 'percent', lang) : '',
      },
    })),
  };
}
