/**
 * The Word report as printed: the Chinese one in the format of GB/T 9704-2012 (page, grid, fonts,
 * page numbers, headings, attachments), the English one on a plain A4 page, and every chart legible
 * at its printed size — 12 cm of picture per 40 category labels, or the lowest and highest places
 * with all of them in an appendix table.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { FOOTER_HEIGHT } from '../../src/charts/exportFrame';
import type { ChartOption } from '../../src/charts/option';
import type { ChartText, RankedValue } from '../../src/charts/types';
import { ALERT } from '../../src/charts/base';
import { reportDocxBytes, type DocxReport } from '../../src/export/docx';
import { GB_GRID, GB_TEXT, MAX_FIGURE_HEIGHT_PX, TEXT_WIDTH_MM, TEXT_WIDTH_PX, twipsToMm } from '../../src/export/docxLayout';
import { appendixNote, outlineLevel, splitHeading } from '../../src/export/officialText';
import { docxChartPlan, docxCharts, maxCategories, MM_PER_CATEGORY } from '../../src/report/docxCharts';

type Anyish = Record<string, unknown>;
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='), (c) =>
  c.charCodeAt(0),
);
const text: ChartText = { title: '参选率', subtitle: '青山县 · 2021年 · 村（居）委会', denominator: '分母：登记选民数', lang: 'zh' };

/**
 * n villages, turnout spread from 30% to 99.9%. `shown` is one decimal as the engine rounds it —
 * but for 村0, the lowest, a number no rounding of its value gives, to show whose number prints.
 */
function villages(n: number): RankedValue[] {
  return Array.from({ length: n }, (_, i) => {
    const value = 30 + ((i * 7919) % 700) / 10 + 0.04;
    return {
      key: `v${i}`,
      label: `村${i}`,
      detail: i % 2 ? '河东镇' : '柳林乡',
      level: 'village',
      value,
      shown: i === 0 ? 30.1 : Math.round(value * 10) / 10,
      numerator: Math.round(value * 10),
      denominator: 1000,
    };
  });
}

const turnout = (n: number) => ({ kind: 'turnout' as const, option: {} as ChartOption, input: { text, rows: villages(n), legalLine: 50 } });
const axis = (o: ChartOption, name: 'xAxis' | 'yAxis') => o[name] as Anyish;
const series = (o: ChartOption) => (o.series as Anyish[])[0]!;
const title = (o: ChartOption) => (o.title as Anyish).text;

describe('the plan of a chart in the Word report', () => {
  it('gives every category 12 cm of picture per 40 labels: 52 on the 156 mm text', () => {
    expect(MM_PER_CATEGORY).toBe(3);
    expect(maxCategories(TEXT_WIDTH_MM)).toBe(52);
    for (let n = 1; n <= 600; n++) {
      const plan = docxChartPlan(n, TEXT_WIDTH_MM);
      expect(plan.kind).toBe(n <= 52 ? 'whole' : 'ends');
      const drawn = plan.kind === 'whole' ? n : plan.lowest + plan.highest + 1;
      // No picture narrower than 12 cm per 40 labels.
      expect(plan.widthMm).toBeGreaterThanOrEqual((120 * drawn) / 40);
    }
  });

  it('prints 300 villages as the 20 lowest and 10 highest, every one in an appendix', () => {
    expect(docxChartPlan(300, TEXT_WIDTH_MM)).toEqual({ kind: 'ends', categories: 300, lowest: 20, highest: 10, widthMm: 156 });
    // A narrower text keeps fewer ends, in the same proportion, still within the rule.
    const narrow = docxChartPlan(300, 60);
    expect(narrow.kind).toBe('ends');
    if (narrow.kind === 'ends') {
      expect(narrow.lowest + narrow.highest + 1).toBeLessThanOrEqual(20);
      expect(narrow.lowest).toBeGreaterThan(narrow.highest);
    }
  });

  it('draws each picture at the 156 mm text width it is placed at', () => {
    expect(TEXT_WIDTH_PX).toBe(589);
    expect(twipsToMm(GB_TEXT.width)).toBeCloseTo(156, 0);
  });
});

describe('the charts of the Word report', () => {
  it('replaces the 300-village turnout chart by its lowest 20 and highest 10, with the legal line and the shown values', () => {
    const rows = villages(300);
    const { figures, appendices } = docxCharts([turnout(300)], 2021, 'zh');
    expect(figures).toHaveLength(1);
    const f = figures[0]!;
    expect(f.plan).toMatchObject({ kind: 'ends', lowest: 20, highest: 10 });
    expect(title(f.option)).toBe('参选率最低的20个村和最高的10个村');
    expect(f.caption).toBe('参选率最低的20个村和最高的10个村（全部300个村见附件）');
    const names = axis(f.option, 'yAxis').data as string[];
    expect(names).toHaveLength(31);
    expect(names[10]).toBe('⋯ 其余270个村');
    const ranked = [...rows].sort((a, b) => b.value! - a.value!);
    expect(names[0]).toBe(ranked[0]!.label);
    expect(names[30]).toBe(ranked[299]!.label);
    // Labels print the rows' shown value, never a rounding of their own.
    const label = (series(f.option).label as Anyish).formatter as (p: { dataIndex: number }) => string;
    expect(names[30]).toBe('村0');
    expect(label({ dataIndex: 30 })).toBe('30.1%');
    expect(label({ dataIndex: 0 })).toBe(`${ranked[0]!.shown!.toFixed(1)}%`);
    expect(label({ dataIndex: 10 })).toBe('');
    expect((series(f.option).markLine as Anyish).data).toEqual([{ xAxis: 50 }]);
    const low = (series(f.option).data as Anyish[])[30]!;
    expect((low.itemStyle as Anyish).color).toBe(ALERT);
    // Drawn at the text width, as tall as its 31 rows need, within a page.
    expect(f.size.width).toBe(TEXT_WIDTH_PX);
    expect(f.size.height + FOOTER_HEIGHT).toBeLessThanOrEqual(MAX_FIGURE_HEIGHT_PX);
    expect((axis(f.option, 'yAxis').axisLabel as Anyish).fontSize).toBe(11);

    expect(appendices).toHaveLength(1);
    const t = appendices[0]!.table;
    expect(appendices[0]!.title).toBe('各村参选率排名');
    expect(t.columns.map((c) => c.header)).toEqual(['序号', '村', '乡镇', '参选率', '参加投票（人）', '登记选民（人）']);
    expect(t.rows).toHaveLength(300);
    expect(t.rows[0]).toEqual([
      '1',
      ranked[0]!.label,
      ranked[0]!.detail,
      `${ranked[0]!.shown!.toFixed(1)}%`,
      String(ranked[0]!.numerator),
      '1,000',
    ]);
    expect(t.rows.at(-1)?.slice(1, 4)).toEqual(['村0', '柳林乡', '30.1%']);
    expect(t.rows.map((r) => r[1])).toEqual(ranked.map((r) => r.label));
  });

  it('names the appendix in English captions too', () => {
    const en = { ...turnout(300), input: { ...turnout(300).input, text: { ...text, lang: 'en' as const, title: 'Turnout' } } };
    const { figures, appendices } = docxCharts([en], 2021, 'en');
    expect(figures[0]!.caption).toBe('Turnout: the 20 lowest and 10 highest villages (all 300 villages in the appendix)');
    expect(appendices[0]!.table.columns.map((c) => c.header)).toEqual(['No.', 'Village', 'Township', 'Turnout', 'Voted', 'Registered']);
  });

  it('keeps 40 villages whole, labels upright at a size they fit, and adds no appendix', () => {
    const option = {
      title: { text: '参选率' },
      xAxis: { type: 'category', data: villages(40).map((v) => v.label), axisLabel: { rotate: 45, interval: 0, fontSize: 11 } },
      grid: { left: 48, right: 24 },
    } as ChartOption;
    const { figures, appendices } = docxCharts([{ ...turnout(40), option }], 2021, 'zh');
    expect(appendices).toEqual([]);
    expect(figures[0]!.plan.kind).toBe('whole');
    expect(figures[0]!.caption).toBe('参选率');
    const labels = axis(figures[0]!.option, 'xAxis').axisLabel as Anyish;
    expect(labels.rotate).toBe(90);
    // 517 px of axis for 40 labels: 12 px each, an 11 px label fits.
    expect(labels.fontSize).toBe(11);
  });

  it('prints a heat map of 100 villages as its ends in the report cycle, with every village and cycle in an appendix', () => {
    const places = villages(100);
    const heat = {
      kind: 'heatmap' as const,
      option: {} as ChartOption,
      input: {
        text: { ...text, title: '妇女占比' },
        unit: 'percent' as const,
        rows: places,
        cycles: [2018, 2021],
        values: places.map((p, i) => [i % 3 ? p.shown! : null, p.shown!]),
      },
    };
    const { figures, appendices } = docxCharts([turnout(300), heat], 2021, 'zh');
    expect(figures.map((f) => f.caption)).toEqual([
      '参选率最低的20个村和最高的10个村（全部300个村见附件1）',
      '妇女占比（2021年）最低的20个村和最高的10个村（全部100个村见附件2）',
    ]);
    const rows = axis(figures[1]!.option, 'yAxis').data as string[];
    expect(rows).toHaveLength(31);
    expect(rows[10]).toBe('⋯ 其余70个村');
    const t = appendices[1]!.table;
    expect(t.columns.map((c) => c.header)).toEqual(['序号', '村', '乡镇', '2018年', '2021年']);
    expect(t.rows).toHaveLength(100);
    expect(t.rows[0]![1]).toBe(rows[0]);
    expect(t.rows.filter((r) => r[3] === '—')).toHaveLength(34);
  });
});

function report(over: Partial<DocxReport> = {}): DocxReport {
  return {
    lang: 'zh',
    title: '青山县河东镇2021年村“两委”换届选举统计情况',
    subtitle: '青山县 · 河东镇 · 2021年',
    sections: [
      {
        heading: '一、基本情况',
        paragraphs: [
          '共有6个村纳入统计。',
          '（一）参选情况。本届参选率88.4%。',
          '（二）当选成员',
          '1. 女性成员',
          '（1）书记',
          '1.5万名选民参加投票，比上届多1.2万名，参选率明显提高，各村均超过法定的半数，无一村需要重新选举。',
        ],
      },
    ],
    charts: [{ caption: '参选率', png: PNG, size: { width: TEXT_WIDTH_PX, height: 364 } }],
    tables: [],
    ...over,
  };
}

async function unzip(r: DocxReport) {
  const files = unzipSync(await reportDocxBytes(r));
  const text = (name: string) => strFromU8(files[name]!);
  return { files, text, document: text('word/document.xml'), styles: text('word/styles.xml') };
}

/** The attributes of the first element named `tag`. */
function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)/?>`).exec(xml);
  expect(m, tag).not.toBeNull();
  return Object.fromEntries([...m![1]!.matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
}

function style(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`).exec(styles);
  expect(m, id).not.toBeNull();
  return m![0];
}

describe('the Chinese Word report: GB/T 9704-2012', () => {
  it('is A4 with margins 37/35/28/26 mm, a 156 × 225 mm text block and a 22 × 28 grid', async () => {
    const { document } = await unzip(report());
    const size = attrs(document, 'w:pgSz');
    expect([size['w:w'], size['w:h']]).toEqual(['11906', '16838']);
    const m = attrs(document, 'w:pgMar');
    expect({ top: m['w:top'], bottom: m['w:bottom'], left: m['w:left'], right: m['w:right'] }).toEqual({
      top: '2098',
      bottom: '1984',
      left: '1587',
      right: '1474',
    });
    expect([37, 35, 28, 26]).toEqual([m['w:top'], m['w:bottom'], m['w:left'], m['w:right']].map((v) => Math.round(twipsToMm(Number(v)))));
    const width = 11906 - 1587 - 1474;
    const height = 16838 - 2098 - 1984;
    expect(twipsToMm(width)).toBeCloseTo(156, 1);
    expect(twipsToMm(height)).toBeCloseTo(225, 1);
    expect(attrs(document, 'w:docGrid')).toEqual({ 'w:type': 'linesAndChars', 'w:linePitch': '579', 'w:charSpace': '-842' });
    // 22 lines of 579 twips fit the block and a 23rd does not; 28 characters of 16 pt less 842/4096 pt likewise.
    expect(22 * GB_GRID.linePitch).toBeLessThanOrEqual(height);
    expect(23 * GB_GRID.linePitch).toBeGreaterThan(height);
    const pitch = (16 + GB_GRID.charSpace / 4096) * 20;
    expect(28 * pitch).toBeLessThanOrEqual(width);
    expect(29 * pitch).toBeGreaterThan(width);
  });

  it('sets the title in 2号小标宋, the text in 3号仿宋_GB2312 and the heading levels in 黑体, 楷体, 仿宋, with fallbacks', async () => {
    const { styles, text } = await unzip(report());
    const fonts = (xml: string) => attrs(xml, 'w:rFonts')['w:eastAsia'];
    const size = (xml: string) => attrs(xml, 'w:sz')['w:val'];
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/.exec(styles)![0];
    expect([fonts(defaults), size(defaults)]).toEqual(['仿宋_GB2312', '32']);
    expect([fonts(style(styles, 'Normal')), size(style(styles, 'Normal'))]).toEqual(['仿宋_GB2312', '32']);
    const titleStyle = style(styles, 'Title');
    expect([fonts(titleStyle), size(titleStyle)]).toEqual(['方正小标宋简体', '44']);
    expect(titleStyle).toContain('<w:jc w:val="center"/>');
    expect(['Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) => [fonts(style(styles, id)), size(style(styles, id))])).toEqual([
      ['黑体', '32'],
      ['楷体_GB2312', '32'],
      ['仿宋_GB2312', '32'],
      ['仿宋_GB2312', '32'],
    ]);
    for (const id of ['Title', 'Heading1', 'Heading2']) expect(style(styles, id)).toContain('<w:b w:val="false"/>');
    // Latin letters and digits in Times New Roman; two characters' indent in grid characters.
    expect(attrs(defaults, 'w:rFonts')['w:ascii']).toBe('Times New Roman');
    expect(attrs(style(styles, 'Body'), 'w:ind')['w:firstLineChars']).toBe('200');
    // Where a font is missing, Word takes the one the font table names.
    const fontTable = text('word/fontTable.xml');
    for (const [font, fallback] of [
      ['方正小标宋简体', '宋体'],
      ['仿宋_GB2312', '仿宋'],
      ['楷体_GB2312', '楷体'],
    ])
      expect(fontTable).toContain(`<w:font w:name="${font}"><w:altName w:val="${fallback}"/><w:charset w:val="86"/>`);
  });

  it('numbers the pages "— 1 —" in 4号宋体, right on odd pages and left on even ones', async () => {
    const { document, styles, text } = await unzip(report());
    expect(text('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const refs = [...document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [m[1], m[2]] as const);
    expect(refs.map(([type]) => type).sort()).toEqual(['default', 'even']);
    const rels = text('word/_rels/document.xml.rels');
    const footer = (type: string) => {
      const id = refs.find(([t]) => t === type)![1];
      return text(
        `word/${new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]}`,
      );
    };
    for (const [type, side] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const xml = footer(type);
      expect(xml).toContain(`<w:jc w:val="${side}"/>`);
      expect(xml).toContain('<w:pStyle w:val="PageNumber"/>');
      const plain = xml.replace(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g, '{$1}').replace(/<[^>]+>/g, '');
      expect(plain.replace(/\s+/g, ' ')).toBe('— {PAGE} —');
      expect(xml).toMatch(/<w:fldChar w:fldCharType="begin"\/>/);
    }
    const numbers = style(styles, 'PageNumber');
    expect(attrs(numbers, 'w:rFonts')).toMatchObject({ 'w:ascii': '宋体', 'w:hAnsi': '宋体', 'w:eastAsia': '宋体' });
    expect(attrs(numbers, 'w:sz')['w:val']).toBe('28');
  });

  it('styles numbered paragraphs by level, a run-in heading by its words only', async () => {
    const { document } = await unzip(report());
    const paragraphs = [...document.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => m[1]!);
    const of = (s: string) => paragraphs.find((p) => p.replace(/<[^>]+>/g, '').startsWith(s))!;
    expect(of('一、基本情况')).toContain('<w:pStyle w:val="Heading1"/>');
    expect(of('（二）当选成员')).toContain('<w:pStyle w:val="Heading2"/>');
    expect(of('1. 女性成员')).toContain('<w:pStyle w:val="Heading3"/>');
    expect(of('（1）书记')).toContain('<w:pStyle w:val="Heading4"/>');
    const runIn = of('（一）参选情况。');
    expect(runIn).toContain('<w:pStyle w:val="Body"/>');
    expect(runIn).toMatch(/<w:rStyle w:val="Heading2Char"\/><\/w:rPr><w:t[^>]*>（一）参选情况。<\/w:t>/);
    expect(of('1.5万名')).toContain('<w:pStyle w:val="Body"/>');
    expect(of('共有6个村')).toContain('<w:pStyle w:val="Body"/>');
  });

  it('notes the attachments under the text and sets each on pages of its own', async () => {
    const { figures, appendices } = docxCharts([turnout(300)], 2021, 'zh');
    const { document, styles } = await unzip(
      report({
        charts: figures.map((f) => ({
          caption: f.caption,
          png: PNG,
          size: { width: f.size.width, height: f.size.height + FOOTER_HEIGHT },
        })),
        appendices,
      }),
    );
    const plain = document.replace(/<[^>]+>/g, '');
    expect(plain).toContain('图1　参选率最低的20个村和最高的10个村（全部300个村见附件）');
    expect(plain).toContain('附件：各村参选率排名');
    expect(document).toMatch(/<w:pStyle w:val="AppendixLabel"\/><w:pageBreakBefore\/><\/w:pPr><w:r><w:t[^>]*>附件<\/w:t>/);
    const tables = document.split('<w:tbl>').slice(1);
    expect(tables).toHaveLength(1);
    // The header row repeats on every page; then 300 villages.
    expect(tables[0]!.match(/<w:tr>/g)).toHaveLength(301);
    expect(tables[0]).toContain('<w:tblHeader/>');
    expect(tables[0]).toContain('<w:pStyle w:val="TableText"/>');
    // Table text off the grid, where LibreOffice and WPS look for it.
    expect(style(styles, 'TableText')).toContain('<w:pPr><w:snapToGrid w:val="0"/>');
    // The picture is placed at the size it was drawn: 589 px, 156 mm.
    expect(attrs(document, 'wp:extent').cx).toBe(String(TEXT_WIDTH_PX * 9525));
  });
});

describe('the English Word report', () => {
  it('keeps a plain A4 page: 2.54 cm margins, no character grid, no even-page footers', async () => {
    const { document, text } = await unzip(
      report({ lang: 'en', sections: [{ heading: '1. Overview', paragraphs: ['1. Six villages.'] }] }),
    );
    expect(attrs(document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(document, 'w:pgMar')).toMatchObject({ 'w:top': '1440', 'w:bottom': '1440', 'w:left': '1440', 'w:right': '1440' });
    expect(document).not.toContain('linesAndChars');
    expect(text('word/settings.xml')).not.toContain('<w:evenAndOddHeaders/>');
    expect(document).not.toContain('w:type="even"');
    // English numbering is no outline level.
    expect(document).not.toContain('Heading3');
  });
});

describe('the parts of an official text', () => {
  it('reads the heading level from the numbering', () => {
    expect(
      ['一、基本情况', '（一）参选情况', '1. 女性', '1．女性', '（1）书记', '(2) 书记', '1.5万人', '2021年', '正文'].map(outlineLevel),
    ).toEqual([1, 2, 3, 3, 4, 4, null, null, null]);
    expect(splitHeading('（一）参选情况。本届参选率88.4%。')).toEqual({ level: 2, heading: '（一）参选情况。', rest: '本届参选率88.4%。' });
    expect(splitHeading('（一）参选情况')).toEqual({ level: 2, heading: '（一）参选情况', rest: '' });
    expect(splitHeading('1. 各村均超过法定的半数，无一村需要重新选举，参选率明显提高，比上届多1.2万名')).toBeNull();
  });

  it('writes the attachment note as §7.3.4 has it', () => {
    expect(appendixNote(['各村参选率排名'], 'zh')).toEqual(['附件：各村参选率排名']);
    expect(appendixNote(['各村参选率排名', '各村妇女占比'], 'zh')).toEqual(['附件：1. 各村参选率排名', '2. 各村妇女占比']);
  });
});
