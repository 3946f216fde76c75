// Characters that survive NFKC yet make two identical-looking names differ: the BOM and
// zero-width marks copied from web pages, and C0/C1 controls from mis-decoded GBK or Excel.
// Tab, CR and LF are left for the whitespace pass so an in-cell line break does not glue two
// words together ("党支部\n书记" stays readable as "党支部 书记"). Bidirectional embeddings,
// overrides and isolates (U+202A–202E, U+2066–2069) are invisible too, and worse: "\u202E村" shows
// its text reversed wherever it is displayed or exported.
const INVISIBLE_CLASS = '[\\u0000-\\u0008\\u000E-\\u001F\\u007F-\\u009F\\u200B-\\u200D\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF]';
const INVISIBLE = new RegExp(INVISIBLE_CLASS, 'g');
/** The characters isBlankChar accepts, as the inside of a regular-expression class. */
export const BLANK_CHAR_SET = `\\s${INVISIBLE_CLASS.slice(1, -1)}`;
const BLANK_CHAR = new RegExp(`^(?:\\s|${INVISIBLE_CLASS})$`);

/**
 * Whether one character leaves no trace in cleanText (white space or invisible). The record scan
 * uses it so that a line of NULs or zero-width spaces is blank there as it is for the pipeline.
 */
export function isBlankChar(c: string): boolean {
  return BLANK_CHAR.test(c);
}

/**
 * The text every normaliser starts from: NFKC (full-width digits, letters, "％", "／" and the
 * ideographic space become their ASCII forms), invisible characters removed, runs of
 * whitespace (NBSP and U+3000 included) collapsed to one space, and trimmed.
 */
export function cleanText(raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  const s = String(raw);
  // Most cells are printable ASCII and common Han characters, which NFKC leaves as they are and
  // which hold nothing invisible or spaced: a million-row roster is mostly such cells.
  if (PLAIN.test(s)) return s;
  return s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Text cleanText returns unchanged: printable ASCII but the space, and CJK Unified Ideographs. */
const PLAIN = /^[!-~\u4e00-\u9fff]*$/;

/** cleanText without any spaces: Chinese values never need them ("李家 村" is 李家村). */
export function compact(raw: string | null | undefined): string {
  return cleanText(raw).replace(/ /g, '');
}

/**
 * cleanText without the spaces that touch a Chinese character ("李家 村" is 李家村), keeping
 * those between Latin words, so a name in another script is still shown as it was written.
 */
export function compactHan(raw: string | null | undefined): string {
  return cleanText(raw).replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, '');
}

/** Bracketed notes ("委员(妇女)", "高中(中专)") in the brackets NFKC leaves: (), [], 【】, 〔〕. */
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕/g;

/** Removes bracketed notes, nested ones too. */
export function stripBracketed(s: string): string {
  let prev: string;
  let out = s;
  do {
    prev = out;
    out = out.replace(BRACKETED, '');
  } while (out !== prev);
  return out;
}
