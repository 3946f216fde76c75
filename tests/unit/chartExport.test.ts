import { describe, expect, it } from 'vitest';
import { exportOption, exportSize, FOOTER_HEIGHT, footerText, optionSubtitle, optionTitle } from '../../src/charts/exportFrame';
import { groupedRatesOption } from '../../src/charts/groupedRates';
import { heatmapOption } from '../../src/charts/heatmap';
import { turnoutBarsOption } from '../../src/charts/turnoutBars';
import { dataSourceText, exportDate } from '../../src/export/exportInfo';

const text = { title: '参选率', subtitle: '青山县 · 2021年 · 村（居）委会', denominator: '分母：登记选民数', lang: 'zh' as const };
const villages = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `v${i}`, label: `村${i}`, value: 50 + (i % 40), level: 'village' as const }));

describe('the exported chart', () => {
  it('keeps title, subtitle and denominator and adds the source and date below', () => {
    const option = turnoutBarsOption({ text, rows: villages(5), legalLine: 50 });
    const out = exportOption(option, footerText('a.csv、b.csv', '2026-12-01', 'zh'));
    expect(optionTitle(out)).toBe('参选率');
    expect(optionSubtitle(out)).toBe('青山县 · 2021年 · 村（居）委会');
    expect((out.title as { subtext: string }).subtext).toContain('分母：登记选民数');
    const graphics = out.graphic as { style?: { text?: string }; bottom?: number }[];
    const footer = graphics[graphics.length - 1]!;
    expect(footer.style?.text).toBe('数据来源：a.csv、b.csv　导出日期：2026-12-01');
    expect(footer.bottom).toBe(6);
    // The chart on screen is untouched (the builder's option is not mutated).
    expect(option.graphic).toEqual([]);
  });

  it('moves bottom-anchored parts above the footer, shows every category and no tooltip', () => {
    const option = groupedRatesOption({
      text,
      unit: 'percent',
      categories: villages(30),
      series: [
        { key: '2018', label: '2018年', values: villages(30).map((v) => v.value) },
        { key: '2021', label: '2021年', values: villages(30).map((v) => v.value) },
      ],
    });
    expect((option.dataZoom as unknown[]).length).toBe(2);
    const out = exportOption(option, 'x');
    expect((out.legend as { bottom: number }).bottom).toBe((option.legend as { bottom: number }).bottom + FOOTER_HEIGHT);
    expect((out.grid as { bottom: number }).bottom).toBe((option.grid as { bottom: number }).bottom + FOOTER_HEIGHT);
    expect(out.dataZoom).toEqual([]);
    expect(out.tooltip).toEqual({ show: false });
  });

  it('is as large as shown, wider for many villages, taller for a long heatmap, plus the footer', () => {
    const few = exportOption(turnoutBarsOption({ text, rows: villages(5), legalLine: 50 }), 'x');
    expect(exportSize(few, { width: 700.4, height: 380 })).toEqual({ width: 700, height: 380 + FOOTER_HEIGHT });
    expect(exportSize(few, { width: 100, height: 100 })).toEqual({ width: 480, height: 300 + FOOTER_HEIGHT });
    const many = exportOption(turnoutBarsOption({ text, rows: villages(120), legalLine: 50 }), 'x');
    expect(exportSize(many, { width: 700, height: 380 }).width).toBe(120 + 120 * 18);
    const heat = exportOption(
      heatmapOption({
        text,
        unit: 'percent',
        rows: villages(60),
        cycles: [2018, 2021],
        values: villages(60).map((v) => [v.value, v.value]),
      }),
      'x',
    );
    expect(exportSize(heat, { width: 600, height: 420 }).height).toBe(200 + 60 * 16 + FOOTER_HEIGHT);
  });
});

describe('the data source line', () => {
  it('names the files, or the sample, and the date', () => {
    expect(dataSourceText([], 'zh')).toBe('—');
    expect(dataSourceText([{ file_name: 's.csv', is_sample: true }], 'zh')).toBe('内置示例数据（虚构）');
    expect(
      dataSourceText(
        [
          { file_name: 'a.csv', is_sample: false },
          { file_name: 'b.xlsx', is_sample: false },
          { file_name: 'a.csv', is_sample: false },
        ],
        'zh',
      ),
    ).toBe('a.csv、b.xlsx');
    const five = ['1', '2', '3', '4', '5'].map((n) => ({ file_name: `${n}.csv`, is_sample: false }));
    expect(dataSourceText(five, 'zh')).toBe('1.csv、2.csv、3.csv 等 5 个文件');
    expect(dataSourceText(five, 'en')).toBe('1.csv, 2.csv, 3.csv and 2 more files');
    expect(exportDate(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(footerText('a.csv', '2026-01-05', 'en')).toBe('Source: a.csv · Exported 2026-01-05');
  });
});
