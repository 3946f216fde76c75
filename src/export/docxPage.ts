/**
 * The page of the Word report: GB/T 9704-2012 for the Chinese report — A4, its margins, the
 * 22 × 28 grid and the page number "— 1 —" in 4号宋体, right on odd pages and left on even ones
 * (§7.5) — and a plain A4 page for the English one.
 */
import { AlignmentType, DocumentGridType, Footer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Lang } from '../util/lang';
import { A4, GB_FOOTER_MM, GB_GRID, GB_MARGIN, GB_SIZE_PT, mmToTwips, PLAIN_MARGIN } from './docxLayout';
import { STYLE } from './docxStyles';

/** §7.5: 单页码居右空一字，双页码居左空一字 — one character of the page number's size. */
const ONE_CHAR = GB_SIZE_PT.pageNumber * 20;

function pageNumber(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.pageNumber,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ONE_CHAR } : { left: ONE_CHAR },
        // A 一字线 (em dash) each side of the number.
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** The section's page, grid and footers; `evenAndOdd` says whether the document must turn on even-page footers. */
export function reportPage(lang: Lang): { section: Omit<ISectionOptions, 'children'>; evenAndOdd: boolean } {
  if (lang !== 'zh') {
    return {
      section: {
        properties: { page: { size: A4, margin: { top: PLAIN_MARGIN, bottom: PLAIN_MARGIN, left: PLAIN_MARGIN, right: PLAIN_MARGIN } } },
      },
      evenAndOdd: false,
    };
  }
  return {
    section: {
      properties: {
        page: { size: A4, margin: { ...GB_MARGIN, footer: mmToTwips(GB_FOOTER_MM) } },
        grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: GB_GRID.linePitch, charSpace: GB_GRID.charSpace },
      },
      footers: { default: pageNumber('odd'), even: pageNumber('even') },
    },
    evenAndOdd: true,
  };
}
