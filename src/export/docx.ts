/**
 * The report as a Word document (the `docx` package): editable text in named styles, charts as PNG
 * pictures drawn at the size they print, tables as real Word tables, and the tables too long for
 * the text as attachments (附件) on pages of their own. The Chinese report is set as an official
 * document (GB/T 9704-2012: docxLayout.ts, docxStyles.ts, docxPage.ts); the English one on a plain
 * A4 page. Loaded only when the user exports.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Size } from '../charts/exportFrame';
import type { Lang } from '../util/lang';
import { A4, GB_TEXT, MAX_FIGURE_HEIGHT_PX, PLAIN_MARGIN, TEXT_WIDTH_PX } from './docxLayout';
import { reportPage } from './docxPage';
import { externalStylesXml, fontTableXml, GB_CHAR_TWIPS, reportStyles, STYLE } from './docxStyles';
import { appendixLabel, appendixNote, splitHeading } from './officialText';
import { exportValue, type ExportTable } from './table';

export interface DocxReport {
  lang: Lang;
  title: string;
  /** One line under the title: scope, source and date. */
  subtitle: string;
  sections: readonly { heading: string; paragraphs: readonly string[] }[];
  /** Pictures drawn at `size` CSS px: placed at that size (the text width), never scaled up. */
  charts: readonly { caption: string; png: Uint8Array; size: Size }[];
  tables: readonly { caption: string; table: ExportTable }[];
  /** Tables of every place behind a chart that shows only its ends, each after the text on pages of its own. */
  appendices?: readonly { title: string; table: ExportTable }[];
}

const textWidth = (lang: Lang) => (lang === 'zh' ? GB_TEXT.width : A4.width - 2 * PLAIN_MARGIN);

/** A paragraph of the text: in Chinese, a numbered heading in its level's style or font. */
function bodyParagraph(text: string, zh: boolean): Paragraph {
  const h = zh ? splitHeading(text) : null;
  if (!h) return new Paragraph({ style: STYLE.body, children: [new TextRun(text)] });
  if (h.rest === '') return new Paragraph({ style: `Heading${h.level}`, children: [new TextRun(text)] });
  return new Paragraph({
    style: STYLE.body,
    children: [new TextRun({ text: h.heading, style: STYLE.runInHeading(h.level) }), new TextRun(h.rest)],
  });
}

/** Column widths in proportion to their longest text, so names and numbers get the room they need. */
function columnWidths(table: ExportTable, texts: readonly (readonly string[])[], total: number): number[] {
  // A CJK character is as wide as two Latin ones.
  const width = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  // A short header on one line, a long one on two, the cells below it on one; a long text column
  // wraps rather than starve the others.
  const header = (h: string) => (width(h) <= 16 ? width(h) : Math.ceil(width(h) / 2) + 2);
  const need = table.columns.map((c, i) => Math.min(30, Math.max(4, header(c.header), ...texts.map((r) => width(r[i]!)))));
  const sum = need.reduce((a, b) => a + b, 0);
  return need.map((n) => Math.floor((n / sum) * total));
}

/** A cell of a column of figures ("1,286", "76.4%", "—"): the column is set flush right, so digits line up. */
const NUMBER = /^([−+-]?[\d,]+(\.\d+)?%?|—)$/;

function wordTable(table: ExportTable, lang: Lang): Table {
  const texts = table.rows.map((r) => table.columns.map((c, i) => String(exportValue(c, r[i]) ?? '')));
  const numeric = table.columns.map((c, i) => c.type === 'number' || (texts.length > 0 && texts.every((r) => NUMBER.test(r[i]!))));
  const cell = (text: string, header: boolean, i: number) =>
    new TableCell({
      // The Chinese table is plain black rules, as offices print; the English one shades its header.
      shading: header && lang !== 'zh' ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7ECF2' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          style: STYLE.tableText,
          alignment: header ? AlignmentType.CENTER : numeric[i] ? AlignmentType.RIGHT : undefined,
          children: [new TextRun({ text, style: header ? STYLE.tableHeader : undefined })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: columnWidths(table, texts, textWidth(lang)),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: table.columns.map((c, i) => cell(c.header, true, i)) }),
      ...texts.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, false, i)) })),
    ],
  });
}

/** A picture at its drawn size, made smaller only where it would not fit the text block. */
function placed(size: Size): Size {
  const scale = Math.min(1, TEXT_WIDTH_PX / size.width, MAX_FIGURE_HEIGHT_PX / size.height);
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) };
}

const empty = () => new Paragraph({ children: [] });

export function reportDocument(r: DocxReport): Document {
  const zh = r.lang === 'zh';
  const appendices = r.appendices ?? [];
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(r.title)] }),
    new Paragraph({ style: STYLE.meta, children: [new TextRun(r.subtitle)] }),
    // A blank line under the title, as before a 公文's 主送机关 (§7.3.2).
    ...(zh ? [empty()] : []),
  ];
  for (const s of r.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    for (const p of s.paragraphs) children.push(bodyParagraph(p, zh));
  }
  r.charts.forEach((c, i) => {
    const size = placed(c.size);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        // A picture's line is as tall as the picture (the text's exact line would crop it).
        spacing: { before: zh ? 0 : 240, line: 240, lineRule: LineRuleType.AUTO },
        children: [
          new ImageRun({
            type: 'png',
            data: c.png,
            transformation: size,
            altText: { name: c.caption, title: c.caption, description: c.caption },
          }),
        ],
      }),
      new Paragraph({ style: 'Caption', children: [new TextRun(`${zh ? '图' : 'Figure '}${i + 1}　${c.caption}`)] }),
    );
  });
  r.tables.forEach((t, i) => {
    children.push(
      new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(`${zh ? '表' : 'Table '}${i + 1}　${t.caption}`)] }),
      wordTable(t.table, r.lang),
      empty(),
    );
  });
  if (appendices.length > 0) {
    // §7.3.4: under the text, a line down, "附件：" two characters in; further names under the first.
    const note = appendixNote(
      appendices.map((a) => a.title),
      r.lang,
    );
    const hang = zh ? 3 * GB_CHAR_TWIPS : 0;
    children.push(
      empty(),
      new Paragraph({
        style: STYLE.body,
        indent: zh && note.length > 1 ? { left: 2 * GB_CHAR_TWIPS + hang, hanging: hang, firstLineChars: 0 } : undefined,
        children: note.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
      }),
    );
    appendices.forEach((a, i) => {
      // §7.3.7: each attachment on a page of its own, "附件N" on the first line, its title on the third.
      children.push(
        new Paragraph({
          style: STYLE.appendixLabel,
          pageBreakBefore: true,
          children: [new TextRun(appendixLabel(i, appendices.length, r.lang))],
        }),
        ...(zh ? [empty()] : []),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(a.title)] }),
        empty(),
        wordTable(a.table, r.lang),
      );
    });
  }
  const page = reportPage(r.lang);
  return new Document({
    creator: zh ? '村选看板' : 'Village Election Dashboard',
    title: r.title,
    description: r.subtitle,
    externalStyles: externalStylesXml(r.lang),
    styles: reportStyles(r.lang),
    evenAndOddHeaderAndFooters: page.evenAndOdd,
    sections: [{ ...page.section, children }],
  });
}

/** The files the package writes beside the document's: the Chinese report's font table with its fallbacks. */
export function reportOverrides(lang: Lang): { path: string; data: string }[] {
  return lang === 'zh' ? [{ path: 'word/fontTable.xml', data: fontTableXml() }] : [];
}

export async function reportDocxBytes(r: DocxReport): Promise<Uint8Array> {
  return Packer.pack(reportDocument(r), 'uint8array', false, reportOverrides(r.lang));
}

export async function reportDocx(r: DocxReport): Promise<Blob> {
  return Packer.toBlob(reportDocument(r), false, reportOverrides(r.lang));
}
