/**
 * The page of the Word report, in numbers. The Chinese report follows GB/T 9704-2012 党政机关公文格式
 * (the format every township and county office prints its documents in); the English one is a plain
 * A4 page. Pure constants: the report view sizes its chart pictures from them without loading `docx`.
 */

const TWIPS_PER_INCH = 1440;
const MM_PER_INCH = 25.4;
/** CSS pixels: a picture placed at N px prints N/96 inch wide (docx writes images at 96 dpi). */
const PX_PER_INCH = 96;

export const mmToTwips = (mm: number): number => Math.round((mm / MM_PER_INCH) * TWIPS_PER_INCH);
export const twipsToMm = (twips: number): number => (twips / TWIPS_PER_INCH) * MM_PER_INCH;
export const mmToPx = (mm: number): number => (mm / MM_PER_INCH) * PX_PER_INCH;
export const pxToMm = (px: number): number => (px / PX_PER_INCH) * MM_PER_INCH;
/** Font sizes in `docx` are half-points. */
export const halfPoints = (pt: number): number => pt * 2;

/** A4, 210 × 297 mm, in the twips Word itself writes for it (GB/T 9704-2012 §5.1). */
export const A4 = { width: 11906, height: 16838 } as const;

/**
 * Margins of GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 (left) 28 mm; with the 156 × 225 mm 版心 the
 * bottom is 35 mm and the right 26 mm.
 */
export const GB_MARGIN_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const GB_MARGIN = {
  top: mmToTwips(GB_MARGIN_MM.top),
  bottom: mmToTwips(GB_MARGIN_MM.bottom),
  left: mmToTwips(GB_MARGIN_MM.left),
  right: mmToTwips(GB_MARGIN_MM.right),
} as const;

/** The 版心 (text block) the margins leave, in twips: 156 × 225 mm. */
export const GB_TEXT = {
  width: A4.width - GB_MARGIN.left - GB_MARGIN.right,
  height: A4.height - GB_MARGIN.top - GB_MARGIN.bottom,
} as const;

/** GB/T 9704-2012 §5.2.3: 一般每面排 22 行，每行排 28 个字. */
export const GB_LINES_PER_PAGE = 22;
export const GB_CHARS_PER_LINE = 28;

/** GB/T 9704-2012: 正文 3号 (16 pt, §5.2.2); 标题 2号 (22 pt, §7.3.1); 页码 4号 (14 pt, §7.5); captions and tables smaller, as offices set them. */
export const GB_SIZE_PT = { body: 16, title: 22, pageNumber: 14, caption: 14, table: 12 } as const;

/**
 * The document grid that holds 22 × 28 whatever fonts the reader has: Word sets each line on a
 * pitch of linePitch twips and each character on a pitch of the Normal font's size (16 pt) plus
 * charSpace/4096 pt, so a substituted font cannot change what falls on which line or page. Rounded
 * down, so 22 lines and 28 characters still fit the text block (579 twips; 16 − 0.206 pt).
 */
export const GB_GRID = {
  linePitch: Math.floor(GB_TEXT.height / GB_LINES_PER_PAGE),
  charSpace: Math.floor((GB_TEXT.width / GB_CHARS_PER_LINE / 20 - GB_SIZE_PT.body) * 4096),
} as const;

/**
 * Fonts of GB/T 9704-2012: 标题 2号小标宋体 (§7.3.1), 正文 3号仿宋体 (§5.2.2), 结构层次 黑体、楷体、仿宋体
 * (§7.3.3), 页码 4号半角宋体 (§7.5). Each names the font offices install and the font the font table
 * falls back to where that one is missing (Windows has 仿宋 and 楷体 but no *_GB2312, and few
 * machines have 方正小标宋简体); Latin letters and digits in Times New Roman, as offices set them.
 */
export const GB_FONTS = {
  title: { name: '方正小标宋简体', fallback: '宋体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading1: { name: '黑体', fallback: 'SimHei' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  pageNumber: { name: '宋体', fallback: 'SimSun' },
  latin: 'Times New Roman',
} as const;

/**
 * GB/T 9704-2012 §7.5: the page number's 一字线 sits 7 mm below the text block. The footer's line is
 * set exactly (GB_PAGE_NUMBER_LINE_PT), so its middle — where the dashes are — is that far down when
 * the footer's bottom is this far above the page's edge.
 */
export const GB_PAGE_NUMBER_LINE_PT = 16;
export const GB_FOOTER_MM = GB_MARGIN_MM.bottom - 7 - ((GB_PAGE_NUMBER_LINE_PT / 72) * MM_PER_INCH) / 2;

/** The plain English page: A4 with Word's default 2.54 cm margins. */
export const PLAIN_MARGIN = 1440;

/** The text width the Chinese layout leaves, 156 mm; the English page's (159.2 mm) is wider still. */
export const TEXT_WIDTH_MM = 156;
/**
 * Chart pictures are drawn at this width in CSS pixels and placed at it, so type drawn at 11 px
 * prints at 8.25 pt — the size it was drawn for — and no picture is scaled down to fit.
 */
export const TEXT_WIDTH_PX = Math.floor(mmToPx(TEXT_WIDTH_MM));
/** The tallest picture a page takes with its caption under it: the text block less two grid lines. */
export const MAX_FIGURE_HEIGHT_MM = twipsToMm(GB_TEXT.height) - 2 * twipsToMm(GB_GRID.linePitch);
export const MAX_FIGURE_HEIGHT_PX = Math.floor(mmToPx(MAX_FIGURE_HEIGHT_MM));
