/**
 * Turnout of the lowest and highest villages of a place with too many for one printed chart: bars
 * across, one village a row (names stay level and readable), highest at the top, the villages left
 * out named by their count between the two ends, the legal line, and each bar labelled with its
 * turnout as every surface shows it. The full ranking goes in a table beside it.
 */
import { ALERT, dataValue, distinctLabels, fmt, frame, isEmpty, OK, titleHeight } from './base';
import { extremesOf, extremesTitle, omittedCategory } from './extremes';
import type { ChartOption } from './option';
import { sortRanked } from './turnoutBars';
import type { Category, RankedValue, TurnoutBarsInput } from './types';

export interface TurnoutExtremesInput extends TurnoutBarsInput {
  lowest: number;
  highest: number;
}

/** Room for the village names left of the bars, in px. */
const NAME_WIDTH = 112;

export function turnoutExtremesOption(input: TurnoutExtremesInput): ChartOption {
  const { legalLine, lowest, highest } = input;
  const lang = input.text.lang;
  // A village without a figure is neither high nor low: it is in the ranking table only.
  const ranked = sortRanked(input.rows).filter((r) => r.value !== null);
  const ends = extremesOf(ranked, lowest, highest);
  const rows: (RankedValue | Category)[] =
    ends.omitted > 0 ? [...ends.top, omittedCategory(ends.omitted, 'village', lang), ...ends.bottom] : ends.top;
  const labels = distinctLabels(rows);
  const figure = (r: RankedValue | Category) => ('value' in r ? r : null);
  const text = {
    ...input.text,
    title:
      ends.omitted > 0
        ? extremesTitle(input.text.title, { lowest: ends.bottom.length, highest: ends.top.length }, 'village', lang)
        : input.text.title,
  };
  const empty = isEmpty(ranked.map((r) => r.value));
  return {
    ...frame(text, empty),
    grid: { top: titleHeight(text) + 10, left: NAME_WIDTH + 8, right: 56, bottom: 32 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v: number) => `${v}%` } },
    yAxis: {
      type: 'category',
      data: labels,
      // Highest at the top, as the ranking reads.
      inverse: true,
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: 11, width: NAME_WIDTH, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: text.title,
        barMaxWidth: 14,
        data: rows.map((r) => {
          const f = figure(r);
          // Drawn at the unrounded value; at or below the line the election did not reach "more than half".
          return f
            ? { value: dataValue(f.value), itemStyle: { color: f.value !== null && f.value <= legalLine ? ALERT : OK } }
            : { value: dataValue(null) };
        }) as never,
        label: {
          show: true,
          position: 'right',
          fontSize: 10,
          color: '#1f2933',
          // The printed number is the shown one, as on the dashboard; the "⋯" row has none.
          formatter: ((p: { dataIndex: number }) => {
            const f = figure(rows[p.dataIndex]!);
            return f ? fmt(f.shown ?? f.value, 'percent', lang) : '';
          }) as never,
        },
        markLine: empty
          ? undefined
          : {
              silent: true,
              symbol: 'none',
              lineStyle: { color: ALERT, type: 'dashed', width: 1.5 },
              // The axis runs downwards: the line's start is its top, clear of the axis labels.
              label: { formatter: lang === 'zh' ? `法定线 ${legalLine}%` : `Legal line ${legalLine}%`, position: 'start', color: ALERT },
              data: [{ xAxis: legalLine }],
            },
      },
    ],
  };
}
