/**
 * A chart as it goes into a file or a report: the option drawn on screen plus a footer naming the
 * data source and the export date, every category shown (no scroll slider, no tooltip), and a
 * size large enough for all of them. Pure: the renderers in src/export/chartImage.ts draw it.
 */
import { FONT_FAMILY } from './base';
import type { ChartOption } from './option';

/** Height added below the chart for the source and date line. */
export const FOOTER_HEIGHT = 24;

export interface Size {
  width: number;
  height: number;
}

/** "数据来源：… · 导出日期：…" in the UI language. */
export function footerText(source: string, date: string, lang: 'zh' | 'en'): string {
  return lang === 'zh' ? `数据来源：${source}　导出日期：${date}` : `Source: ${source} · Exported ${date}`;
}

type Positioned = { bottom?: unknown };

/** Moves a component up by the footer's height where it is placed from the bottom in pixels. */
function lift<T>(component: T): T {
  const one = (c: unknown) => {
    const p = c as Positioned | null | undefined;
    return p && typeof p === 'object' && typeof p.bottom === 'number' ? { ...p, bottom: p.bottom + FOOTER_HEIGHT } : c;
  };
  return (Array.isArray(component) ? component.map(one) : one(component)) as T;
}

/** Labels of a category axis (the first of several), 0 for a value axis. */
export function categoryCount(axis: unknown): number {
  const a = (Array.isArray(axis) ? axis[0] : axis) as { type?: string; data?: unknown[] } | undefined;
  return a?.type === 'category' && Array.isArray(a.data) ? a.data.length : 0;
}

/** The option to export: footer line added, bottom-anchored parts moved up, all data shown. */
export function exportOption(option: ChartOption, footer: string): ChartOption {
  const graphic = Array.isArray(option.graphic) ? option.graphic : option.graphic ? [option.graphic] : [];
  return {
    ...option,
    animation: false,
    tooltip: { show: false },
    // The slider scrolls on screen; a picture shows every village.
    dataZoom: [],
    grid: lift(option.grid),
    legend: lift(option.legend),
    visualMap: lift(option.visualMap),
    graphic: [
      ...graphic,
      {
        type: 'text',
        left: 12,
        bottom: 6,
        silent: true,
        style: { text: footer, fontSize: 11, fill: '#52606d', fontFamily: FONT_FAMILY },
      },
    ] as ChartOption['graphic'],
  };
}

/**
 * The export's size in CSS pixels: the size on screen (never smaller than 480 × 300), wider or
 * taller where every category needs room now that nothing scrolls, plus the footer.
 */
export function exportSize(option: ChartOption, shown: Size): Size {
  const x = categoryCount(option.xAxis);
  const y = categoryCount(option.yAxis);
  const width = Math.max(480, Math.round(shown.width), x > 0 ? 120 + x * 18 : 0);
  const height = Math.max(300, Math.round(shown.height), y > 0 ? 200 + y * 16 : 0) + FOOTER_HEIGHT;
  return { width: Math.min(width, 6000), height: Math.min(height, 6000) };
}

/** A chart's title, for file names and captions. */
export function optionTitle(option: ChartOption): string {
  const t = Array.isArray(option.title) ? option.title[0] : option.title;
  return typeof t?.text === 'string' ? t.text : '';
}

export function optionSubtitle(option: ChartOption): string {
  const t = Array.isArray(option.title) ? option.title[0] : option.title;
  return typeof t?.subtext === 'string' ? (t.subtext.split('\n')[0] ?? '') : '';
}
