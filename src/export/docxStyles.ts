/**
 * The Word report's styles: GB/T 9704-2012 for the Chinese report (docxLayout.ts has the figures),
 * a plain A4 report in Calibri for the English one. Text carries style names only, so an office
 * that re-styles the document in Word changes every paragraph of a kind at once.
 */
import type { IStylesOptions } from 'docx';
import type { Lang } from '../util/lang';
import { GB_FONTS, GB_GRID, GB_PAGE_NUMBER_LINE_PT, GB_SIZE_PT, halfPoints } from './docxLayout';
import type { OutlineLevel } from './officialText';

/** Paragraph and character styles the writer names besides Word's own (Title, Heading1–4, Caption). */
export const STYLE = {
  body: 'Body',
  meta: 'Meta',
  tableText: 'TableText',
  appendixLabel: 'AppendixLabel',
  pageNumber: 'PageNumber',
  tableHeader: 'TableHeader',
  /** A heading run into its paragraph's text ("（一）参选情况。本届……"): the heading's font on its words only. */
  runInHeading: (level: OutlineLevel) => `Heading${level}Char`,
} as const;

const fonts = (eastAsia: string, latin: string = GB_FONTS.latin) => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin });
const BLACK = '000000';
/** Two characters: Word counts them in the grid's characters, other readers take the twips. */
export const GB_CHAR_TWIPS = Math.round((GB_SIZE_PT.body + GB_GRID.charSpace / 4096) * 20);
const TWO_CHARS = { firstLine: 2 * GB_CHAR_TWIPS, firstLineChars: 200 };
/**
 * Every line on the grid's pitch, exactly: a fallback font with a taller line (Noto's is 1.45 em)
 * would otherwise take two grid lines for one and move every page break.
 */
const ON_GRID = { line: GB_GRID.linePitch, lineRule: 'exact', before: 0, after: 0 } as const;

/** Outline levels 1–4: 黑体, 楷体, 仿宋, 仿宋 (GB/T 9704-2012 §7.3.3), all 3号 like the text. */
const GB_HEADING_FONT: Record<OutlineLevel, string> = {
  1: GB_FONTS.heading1.name,
  2: GB_FONTS.heading2.name,
  3: GB_FONTS.body.name,
  4: GB_FONTS.body.name,
};

function gbStyles(): IStylesOptions {
  const body = halfPoints(GB_SIZE_PT.body);
  const heading = (level: OutlineLevel) => ({
    run: { font: fonts(GB_HEADING_FONT[level]), size: body, bold: false, italics: false, color: BLACK },
    // Headings sit in the text's 2-character indent, on the grid like it, kept with what follows.
    paragraph: { indent: TWO_CHARS, spacing: ON_GRID, keepNext: true, outlineLevel: level - 1 },
  });
  const normal = { font: fonts(GB_FONTS.body.name), size: body, color: BLACK };
  return {
    default: {
      document: { run: normal, paragraph: { spacing: ON_GRID } },
      title: {
        run: { font: fonts(GB_FONTS.title.name), size: halfPoints(GB_SIZE_PT.title), bold: false, color: BLACK },
        paragraph: { alignment: 'center', spacing: ON_GRID },
      },
      heading1: heading(1),
      heading2: heading(2),
      heading3: heading(3),
      heading4: heading(4),
      caption: {
        run: { font: fonts(GB_FONTS.heading1.name), size: halfPoints(GB_SIZE_PT.caption), italics: false, color: BLACK },
        paragraph: { alignment: 'center', spacing: ON_GRID },
      },
    },
    paragraphStyles: [
      // The Normal font and size in the style as well as the defaults: the grid's characters per
      // line are counted in it, and LibreOffice reads it from the style only.
      { id: 'Normal', name: 'Normal', quickFormat: true, run: normal, paragraph: { spacing: ON_GRID } },
      { id: STYLE.body, name: 'Body Text', basedOn: 'Normal', quickFormat: true, paragraph: { alignment: 'both', indent: TWO_CHARS } },
      {
        id: STYLE.meta,
        name: 'Report Meta',
        basedOn: 'Normal',
        paragraph: { alignment: 'center' },
        run: { font: fonts(GB_FONTS.heading2.name) },
      },
      // 附件 and its number in 3号黑体 at the top left of the text block (§7.3.7).
      {
        id: STYLE.appendixLabel,
        name: 'Appendix Label',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { keepNext: true },
        run: { font: fonts(GB_FONTS.heading1.name) },
      },
      {
        id: STYLE.pageNumber,
        name: 'Page Number Line',
        basedOn: 'Normal',
        // 4号半角宋体 (§7.5): the digits too, not Times New Roman.
        paragraph: { spacing: { line: GB_PAGE_NUMBER_LINE_PT * 20, lineRule: 'exact' } },
        run: {
          font: fonts(GB_FONTS.pageNumber.name, GB_FONTS.pageNumber.name),
          size: halfPoints(GB_SIZE_PT.pageNumber),
          snapToGrid: false,
        },
      },
    ],
    characterStyles: [
      ...([1, 2, 3, 4] as const).map((level) => ({
        id: STYLE.runInHeading(level),
        name: `Heading ${level} Char`,
        basedOn: 'DefaultParagraphFont',
        run: { font: fonts(GB_HEADING_FONT[level]) },
      })),
      { id: STYLE.tableHeader, name: 'Table Header', basedOn: 'DefaultParagraphFont', run: { font: fonts(GB_FONTS.heading1.name) } },
    ],
  };
}

function plainStyles(): IStylesOptions {
  const f = fonts('Calibri', 'Calibri');
  return {
    default: {
      document: { run: { font: f, size: 24 } },
      title: { run: { font: f, size: 36, bold: true, color: BLACK }, paragraph: { alignment: 'center', spacing: { after: 120 } } },
      heading1: {
        run: { font: f, size: 28, bold: true, color: BLACK },
        paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
      },
      caption: {
        run: { font: f, size: 21, bold: true, italics: false, color: BLACK },
        paragraph: { alignment: 'center', spacing: { before: 120, after: 120 } },
      },
    },
    paragraphStyles: [
      { id: STYLE.body, name: 'Body Text', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { line: 360, after: 120 } } },
      {
        id: STYLE.meta,
        name: 'Report Meta',
        basedOn: 'Normal',
        paragraph: { alignment: 'center', spacing: { after: 240 } },
        run: { size: 20, color: '555555' },
      },
      { id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', paragraph: { spacing: { line: 260 } }, run: { size: 20 } },
      {
        id: STYLE.appendixLabel,
        name: 'Appendix Label',
        basedOn: 'Normal',
        next: 'Normal',
        paragraph: { keepNext: true },
        run: { bold: true },
      },
      { id: STYLE.pageNumber, name: 'Page Number Line', basedOn: 'Normal', paragraph: { alignment: 'center' }, run: { size: 20 } },
    ],
    characterStyles: [{ id: STYLE.tableHeader, name: 'Table Header', basedOn: 'DefaultParagraphFont', run: { bold: true } }],
  };
}

export function reportStyles(lang: Lang): IStylesOptions {
  return lang === 'zh' ? gbStyles() : plainStyles();
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * Styles `docx` cannot express, as the styles part they are read from (`externalStyles`; the ones
 * above are added to them). The Chinese table text: 小四, off the grid — no line pitch, no
 * character pitch — as offices print tables. The paragraph's w:snapToGrid, which `docx` does not
 * write, is what LibreOffice and WPS read; Word leaves tables off the grid anyway.
 */
export function externalStylesXml(lang: Lang): string | undefined {
  if (lang !== 'zh') return undefined;
  const size = halfPoints(GB_SIZE_PT.table);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="${W}">` +
    `<w:style w:type="paragraph" w:styleId="${STYLE.tableText}"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
    '<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="300" w:lineRule="exact"/></w:pPr>' +
    `<w:rPr><w:snapToGrid w:val="0"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>` +
    '</w:styles>'
  );
}

/**
 * word/fontTable.xml naming, for each font the Chinese report asks for, the font Word takes where it
 * is missing (w:altName) and that it is a Chinese (GB2312, charset 86) font, so a machine without
 * 方正小标宋简体 or 仿宋_GB2312 sets the text in 宋体 or 仿宋 rather than a Latin font. The grid keeps
 * lines and pages the same whichever is used. `docx` writes the table only for embedded fonts.
 */
export function fontTableXml(): string {
  const cjk = [
    GB_FONTS.title,
    GB_FONTS.body,
    GB_FONTS.heading1,
    GB_FONTS.heading2,
    GB_FONTS.pageNumber,
    { name: '仿宋', fallback: 'FangSong' },
    { name: '楷体', fallback: 'KaiTi' },
  ];
  const font = (name: string, inner: string) => `<w:font w:name="${name}">${inner}</w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="${W}">` +
    cjk
      .map((f) =>
        font(f.name, `<w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>`),
      )
      .join('') +
    font(GB_FONTS.latin, '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>') +
    '</w:fonts>'
  );
}
