/**
 * The SQL that sorts the rows after the header without JavaScript touching them: which records may
 * not be data rows (totals, notes, blank: `_cand`), and which data rows may have an issue, extra
 * data or a value only the row normaliser sets (`_flag`). Both are supersets, on purpose: a row
 * they pick is classified and normalised by the JavaScript code itself (classifyRow,
 * rowNormalizer), so its report, issues and stored values are those of the JavaScript path by
 * construction; a row they leave is a plain data row — no issue, no extra data — whose values the
 * typed join gives. Everything here must therefore err towards picking a row.
 */
import { sqlString } from '../sqlLiteral';
import { fieldDef } from '../../import/fields';
import type { ColumnSpec } from '../../import/normalizeRow';
import type { ColumnPlanSet } from './columnPlan';
import { cellColumn } from './readCsv';

/** What cleanText drops (isBlankChar): ASCII controls and space, C1 controls, NBSP, Unicode spaces, invisible marks, the BOM. */
const BLANK =
  '\\x{00}-\\x{20}\\x{7F}-\\x{A0}\\x{1680}\\x{2000}-\\x{200D}\\x{2028}-\\x{202F}\\x{205F}-\\x{2060}\\x{2066}-\\x{2069}\\x{3000}\\x{FEFF}';
/** Characters NFKC may turn into others (compatibility ideographs, radicals, enclosed and full-width forms, letter-like symbols). */
const COMPAT =
  '\\x{2100}-\\x{24FF}\\x{2E80}-\\x{2FDF}\\x{3200}-\\x{33FF}\\x{F900}-\\x{FAFF}\\x{FE30}-\\x{FE4F}\\x{FF00}-\\x{FFEF}\\x{1D400}-\\x{1D7FF}\\x{2F800}-\\x{2FA1F}';
const b = `[${BLANK}]*`;
const spaced = (word: string) => [...word].join(b);
/** A totals word anywhere in the row, blanks allowed between its letters (classifyRow squeezes them out). */
const TOTALS_LOOSE = `(?i)(${['合计', '总计', '小计', '总数', '汇总', 'total', 'sum'].map(spaced).join('|')}|[${COMPAT}])`;
/** The first character a notes row can start with (NOTES in rowKinds.ts), after blanks. */
const NOTES_START = `^[${BLANK}]*[填制审负单备说注日联盖${COMPAT}]`;
const VISIBLE = `[^${BLANK}]`;

/**
 * `_cand`: the record may be totals, notes or blank. `cells` are the raw cell columns in the file's
 * order, as `r.c1`…: blank when none has a visible character; totals when a totals word appears
 * anywhere; notes when the first cell with a visible character starts like a notes row.
 */
export function candidateSql(width: number): string {
  const cells = Array.from({ length: width }, (_, i) => `r.${cellColumn(i)}`);
  const row = `concat_ws(chr(31), ${cells.join(', ')})`;
  const first = `CASE ${cells.map((c) => `WHEN regexp_matches(${c}, ${sqlString(VISIBLE)}) THEN ${c}`).join(' ')} ELSE '' END`;
  return `(NOT regexp_matches(${row}, ${sqlString(VISIBLE)}) OR regexp_matches(${row}, ${sqlString(TOTALS_LOOSE)}) OR regexp_matches(${first}, ${sqlString(NOTES_START)}))`;
}

/**
 * `_cells`: a cell that gives the row extra data, a field_count or text_truncated warning, or an
 * ID number's checks — any non-empty cell of a column not mapped to a field of this kind, of a
 * reported share, of an ID number, or past the header's columns.
 */
export function cellFlagSql(plan: ColumnPlanSet, columns: readonly ColumnSpec[], width: number): string {
  const mapped = new Set(plan.mapped.map((m) => m.index));
  const picked: string[] = [];
  for (let i = 0; i < width; i++) {
    const col = columns[i];
    const f = col?.field && mapped.has(i) ? fieldDef(col.field) : null;
    if (f && !f.shareOf && f.type !== 'id_number') continue;
    picked.push(`r.${cellColumn(i)} <> ''`);
  }
  return picked.length === 0 ? 'FALSE' : `(${picked.join(' OR ')})`;
}

/**
 * `_checks`: a data row the row checks (rowChecks.ts, and the members' checks in rowNormalizer) may
 * flag, over the typed values `c.<name>` before the fills of the last step (a roster's `c.age` is
 * the age given, `c._birth_year` the birth a cell gives).
 * A statistical table (a row per village) is always handed to the normaliser.
 */
export function checkFlagSql(plan: ColumnPlanSet): string {
  const has = (n: string) => plan.types.has(n);
  const v = (n: string) => (has(n) ? `c.${n}` : 'NULL');
  if (plan.kind === 'stats') return 'TRUE';
  if (plan.kind === 'members')
    return `coalesce(${v('name')} IS NULL OR coalesce(c.age, c.cycle_year - c._birth_year) NOT BETWEEN 18 AND 100 OR abs(c.cycle_year - c._birth_year - c.age) > 1, FALSE)`;
  const registered = `coalesce(${v('registered_voters')}, ${v('party_members_entitled')})`;
  const voted = `coalesce(${v('voters_voted')}, ${v('party_members_voted')})`;
  const conds = [
    `${v('registered_voters')} > ${v('eligible_voters')}`,
    `${voted} > ${registered}`,
    `${v('ballots_returned')} > ${v('ballots_issued')}`,
    `${v('ballots_returned')} > ${voted}`,
    `${v('ballots_valid')} + ${v('ballots_invalid')} <> ${v('ballots_returned')}`,
    // The normaliser allows 0.15 points of rounding; 0.1 here leaves it every row near the limit.
    `(${v('turnout_reported')} <= 100 AND ${registered} <> 0 AND abs(round(${voted}::DOUBLE / ${registered} * 1000) / 10 - ${v('turnout_reported')}) > 0.1)`,
  ];
  return `coalesce(${conds.map((c) => `coalesce(${c}, FALSE)`).join(' OR ')}, FALSE)`;
}

/** `_rej`: the row normaliser rejects it (no village, cycle or body, or a name too long to be one). */
export function rejectSql(plan: ColumnPlanSet): string {
  const has = (n: string) => plan.types.has(n);
  return `(${['village', 'cycle_year', 'body']
    .filter(has)
    .map((n) => `c.${n} IS NULL`)
    .join(' OR ')} OR c._overlong_name)`;
}
