/**
 * The report as a Word document (the `docx` package): editable text in the usual styles of an
 * official report (title in 黑体, body in 仿宋 with a two-character first-line indent), charts as
 * PNG pictures, tables as real Word tables, on A4. Loaded only when the user exports.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Size } from '../charts/exportFrame';
import type { Lang } from '../import/issues';
import { exportValue, type ExportTable } from './table';

export interface DocxReport {
  lang: Lang;
  title: string;
  /** One line under the title: scope, source and date. */
  subtitle: string;
  sections: readonly { heading: string; paragraphs: readonly string[] }[];
  charts: readonly { caption: string; png: Uint8Array; size: Size }[];
  tables: readonly { caption: string; table: ExportTable }[];
}

/** A4 with Word's default 2.54 cm margins leaves 15.9 cm of text width: 600 px at 96 dpi. */
const TEXT_WIDTH_PX = 600;

const FONTS = {
  zh: { body: '仿宋', heading: '黑体', latin: 'Times New Roman' },
  en: { body: 'Calibri', heading: 'Calibri', latin: 'Calibri' },
} as const;

function caption(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [new TextRun({ text, bold: true, size: 21 })] });
}

function wordTable(table: ExportTable): Table {
  const cell = (text: string, header: boolean) =>
    new TableCell({
      shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7ECF2' } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [new Paragraph({ spacing: { line: 260 }, children: [new TextRun({ text, bold: header, size: 20 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: table.columns.map((c) => cell(c.header, true)) }),
      ...table.rows.map((r) => new TableRow({ cantSplit: true, children: table.columns.map((c, i) => cell(String(exportValue(c, r[i]) ?? ''), false)) })),
    ],
  });
}

export function reportDocument(r: DocxReport): Document {
  const f = FONTS[r.lang];
  const zh = r.lang === 'zh';
  const body = (text: string) => new Paragraph({ indent: zh ? { firstLine: 480 } : undefined, spacing: { line: 360, after: zh ? 0 : 120 }, children: [new TextRun(text)] });
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(r.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: r.subtitle, size: 20, color: '555555' })] }),
  ];
  for (const s of r.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }));
    for (const p of s.paragraphs) children.push(body(p));
  }
  r.charts.forEach((c, i) => {
    const width = Math.min(TEXT_WIDTH_PX, c.size.width);
    const height = Math.round((c.size.height * width) / c.size.width);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 240 },
        children: [new ImageRun({ type: 'png', data: c.png, transformation: { width, height }, altText: { name: c.caption, title: c.caption, description: c.caption } })],
      }),
      caption(`${zh ? '图' : 'Figure '}${i + 1}　${c.caption}`),
    );
  });
  r.tables.forEach((t, i) => {
    children.push(caption(`${zh ? '表' : 'Table '}${i + 1}　${t.caption}`), wordTable(t.table), new Paragraph({ children: [] }));
  });
  return new Document({
    creator: zh ? '村选看板' : 'Village Election Dashboard',
    title: r.title,
    description: r.subtitle,
    styles: {
      default: {
        document: { run: { font: { ascii: f.latin, hAnsi: f.latin, eastAsia: f.body, cs: f.latin }, size: 24 } },
        title: { run: { font: { ascii: f.latin, hAnsi: f.latin, eastAsia: f.heading }, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: { ascii: f.latin, hAnsi: f.latin, eastAsia: f.heading }, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
      },
    },
    sections: [{ children }],
  });
}

export async function reportDocx(r: DocxReport): Promise<Blob> {
  return Packer.toBlob(reportDocument(r));
}
