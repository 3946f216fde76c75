import { SHARE_FIELD, type FieldId } from './fields';
import { headerCandidates } from './headers';
import { normalizeHeader } from './normalize';
import { cleanText } from './normalize/text';

export interface HeaderLayout {
  /** Index (in the sheet's rows) of the first header row. */
  headerIndex: number;
  headerRowCount: 1 | 2;
  /** One display header per column; two-row headers are joined as "parent/child". */
  headers: string[];
  /** The fields those headers name, before the user edits the mapping (the first candidate of each). */
  fields: (FieldId | null)[];
  /** Every field each header can name; the kind of file picks one (see pickField). */
  candidates: (readonly FieldId[])[];
  /** Text of the rows above the header (titles such as "XX镇2021年村委会换届选举统计表"). */
  titleLines: string[];
}

/** How many non-blank rows at the top may be titles or headings (blank rows above them do not count). */
const MAX_HEADER_SEARCH = 15;

// Blank as the record scan and the row classifier see it: white space and invisible characters only.
const isBlank = (cells: readonly string[]) => cells.every((c) => cleanText(c) === '');

interface Candidate {
  index: number;
  rowCount: 1 | 2;
  headers: string[];
  fields: (FieldId | null)[];
  candidates: (readonly FieldId[])[];
  score: number;
}

const SHARE_WORDS: ReadonlySet<string> = new Set(['占比', '比例', '比重', '所占比例', '百分比', '']);

/**
 * A column headed only "占比" (or "%") right of a count is that count's share: forms put
 * 人数 | 占比 side by side under each heading, or repeat "占比" after every count.
 */
function withShares(headers: readonly string[], cands: (readonly FieldId[])[]): (readonly FieldId[])[] {
  return cands.map((c, i) => {
    if (c.length > 0 || i === 0 || !headers[i] || !SHARE_WORDS.has(normalizeHeader(headers[i]!.split('/').pop()!))) return c;
    const share = (cands[i - 1] ?? []).map((id) => SHARE_FIELD.get(id)).filter((id): id is FieldId => id !== undefined);
    return share;
  });
}

function candidate(index: number, rowCount: 1 | 2, headers: string[], raw: (readonly FieldId[])[]): Candidate {
  const candidates = withShares(headers, raw);
  const fields = candidates.map((c) => c[0] ?? null);
  return { index, rowCount, headers, fields, candidates, score: new Set(fields.filter((f): f is FieldId => f !== null)).size };
}

function single(rows: readonly string[][], index: number): Candidate {
  const headers = (rows[index] ?? []).map((c) => c.trim());
  return candidate(index, 1, headers, headers.map(headerCandidates));
}

/** The candidates of the first of several readings of a header that names any field. */
const firstNamed = (...texts: string[]): readonly FieldId[] => texts.map(headerCandidates).find((c) => c.length > 0) ?? [];

/**
 * A merged group heading ("选票" over 发出/收回/有效/无效) appears in CSV only above its first
 * column, so a parent cell is carried right while the cells beside it are empty and the row below
 * has sub-headings there.
 */
function double(rows: readonly string[][], index: number): Candidate {
  const top = rows[index] ?? [];
  const bottom = rows[index + 1] ?? [];
  const width = Math.max(top.length, bottom.length);
  const headers: string[] = [];
  const cands: (readonly FieldId[])[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const t = (top[c] ?? '').trim();
    const b = (bottom[c] ?? '').trim();
    if (t) carried = t;
    else if (!b) carried = '';
    const parent = t || (b ? carried : '');
    // "其中/女性" is 其中女性, "女性/人数" 女性, "女性/占比" 女性占比; "年龄/35岁以下" the band itself.
    cands.push(parent && b ? firstNamed(parent + b, b, b + parent) : firstNamed(parent || b));
    headers.push(parent && b ? `${parent}/${b}` : parent || b);
  }
  return candidate(index, 2, headers, cands);
}

/** Finds the header among title rows and two-row headings: the rows that name the most fields. */
export function detectHeader(rows: readonly string[][]): HeaderLayout | null {
  let best: Candidate | null = null;
  // The first non-blank rows, however many blank rows an export put above them.
  const top: number[] = [];
  for (let i = 0; i < rows.length && top.length < MAX_HEADER_SEARCH; i++) if (!isBlank(rows[i] ?? [])) top.push(i);
  for (const i of top) {
    const row = rows[i] ?? [];
    const one = single(rows, i);
    const candidates = [one];
    const next = rows[i + 1];
    // A two-row header must name more fields than either of its rows alone, and its top row must
    // be a row of headings, not a one-cell title that would otherwise "span" every column.
    if (next && !isBlank(next) && row.filter((c) => c.trim() !== '').length >= 2) {
      const two = double(rows, i);
      if (two.score > Math.max(one.score, single(rows, i + 1).score)) candidates.push(two);
    }
    for (const c of candidates) if (!best || c.score > best.score) best = c;
  }
  if (!best || best.score < 2) {
    // Nothing recognisable: take the widest of the first rows so the user can map it by hand.
    let widest = -1;
    let width = 0;
    for (const i of top) {
      const w = (rows[i] ?? []).filter((c) => c.trim() !== '').length;
      if (w > width) {
        width = w;
        widest = i;
      }
    }
    if (widest < 0) return null;
    best = single(rows, widest);
  }
  const titleLines = rows
    .slice(0, best.index)
    .map((r) =>
      r
        .map((c) => c.trim())
        .filter((c) => cleanText(c) !== '')
        .join(' '),
    )
    .filter(Boolean);
  return {
    headerIndex: best.index,
    headerRowCount: best.rowCount,
    headers: best.headers,
    fields: best.fields,
    candidates: best.candidates,
    titleLines,
  };
}
