/** The one option type every builder returns: only the series and components registered in echartsSetup.ts. */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GraphicComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | HeatmapSeriesOption
  | TitleComponentOption
  | TooltipComponentOption
  | GridComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | MarkLineComponentOption
  | GraphicComponentOption
  | DataZoomComponentOption
>;

/**
 * The component types the builders draw, replaced whole by each new option of a chart (what
 * notMerge would do: a series or a "no data" notice that is gone from the option is gone from the
 * chart) — all but the tooltip, which is merged: notMerge rebuilt its view on every option, and
 * that set-up forces a layout of the page, ≈10 ms a chart on a scope change.
 */
export const REPLACED_COMPONENTS = ['title', 'grid', 'xAxis', 'yAxis', 'series', 'legend', 'visualMap', 'dataZoom', 'graphic'];

/** Top-level keys that are settings, not components: merged, and every option gives them (base.ts frame). */
export const ROOT_SETTINGS = ['backgroundColor', 'color', 'textStyle', 'animation'];
