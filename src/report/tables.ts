/** The report's tables, as table models: drawn in the view and written as Word tables. */
import type { ExportTable } from '../export/table';
import { textColumn } from '../export/table';
import { ruleDef } from '../metrics/rules';
import type { Lang } from '../util/lang';
import { metricDef } from '../metrics/catalogue';
import { changeOf, changeText } from '../metrics/figure';
import { formatValue } from '../metrics/format';
import { figure, KEY_FIGURES, type ReportData } from './data';

export type ReportTableId = 'figures' | 'rules';
export const REPORT_TABLES: readonly ReportTableId[] = ['figures', 'rules'];

const year = (y: number, lang: Lang) => (lang === 'zh' ? `${y}年` : String(y));

/** 主要指标: this cycle, the previous one and the change, as shown on the dashboard. */
export function figuresTable(data: ReportData, lang: Lang): ExportTable {
  const prev = data.previousCycle;
  const zh = lang === 'zh';
  return {
    name: zh ? '主要指标' : 'Key figures',
    columns: [
      textColumn(zh ? '指标' : 'Indicator'),
      textColumn(zh ? `本届（${year(data.cycle, lang)}）` : `This cycle (${data.cycle})`),
      ...(prev !== null ? [textColumn(zh ? `上届（${year(prev, lang)}）` : `Previous (${prev})`), textColumn(zh ? '变化' : 'Change')] : []),
      textColumn(zh ? '口径' : 'Definition'),
    ],
    rows: KEY_FIGURES.flatMap((k) => {
      const m = metricDef(k.metric);
      const now = figure(data, 'all', k.metric, { body: k.body });
      const then = figure(data, 'all', k.metric, { body: k.body, previous: true });
      if ((now?.value ?? null) === null && (then?.value ?? null) === null) return [];
      const label = zh ? k.zh : k.en.charAt(0).toUpperCase() + k.en.slice(1);
      return [
        [
          label,
          formatValue(now?.shown, m.unit, lang),
          ...(prev !== null ? [formatValue(then?.shown, m.unit, lang), changeText(changeOf(k.metric, now, then), m.unit, lang)] : []),
          m.definition[lang],
        ],
      ];
    }),
  };
}

/** 合规核查: per rule that could be checked, the records checked and the breaches. */
export function rulesTable(data: ReportData, lang: Lang): ExportTable {
  const zh = lang === 'zh';
  return {
    name: zh ? '合规核查' : 'Rule checks',
    columns: [
      textColumn(zh ? '规则' : 'Rule'),
      textColumn(zh ? '已核查记录' : 'Records checked'),
      textColumn(zh ? '违规记录' : 'Breaches'),
      textColumn(zh ? '涉及村数' : 'Villages'),
    ],
    rows: data.rules
      .filter((r) => r.checked > 0)
      .map((r) => [
        ruleDef(r.rule)[lang],
        formatValue(r.checked, 'count', lang),
        formatValue(r.breaches, 'count', lang),
        formatValue(r.villages, 'count', lang),
      ]),
  };
}

export function reportTable(id: ReportTableId, data: ReportData, lang: Lang): ExportTable {
  return id === 'figures' ? figuresTable(data, lang) : rulesTable(data, lang);
}
