/**
 * A sheet of village changes (merged, split, renamed villages; src/db/lineage.ts) as an office
 * keeps it: 原村代码 / 原村名称 / 新村代码 / 新村名称 / 变更类型 / 生效届次, with the aliases below,
 * optionally 县 and 乡镇 to tell villages of one name apart. Pure: cells → rows or problems; which
 * village a name means is decided against the data (src/db/lineageCheck.ts).
 */
import { normalizeHeader } from './normalize/header';
import { normalizeCode, normalizePlaceName, normalizeVillageName } from './normalize/village';
import { cleanText } from './normalize/text';

export type ChangeColumn = 'old_code' | 'old_name' | 'new_code' | 'new_name' | 'kind' | 'effective_cycle' | 'note' | 'county' | 'township';

/** Every header a column is known by (compared as the importer compares headers: normalizeHeader). */
export const CHANGE_HEADERS: Record<ChangeColumn, readonly string[]> = {
  old_code: ['原村代码', '原村区划代码', '原区划代码', '原代码', 'old code', 'old_code'],
  old_name: ['原村名称', '原村名', '原村', '原名称', '原村(社区)', 'old name', 'old village', 'old_name'],
  new_code: ['新村代码', '新村区划代码', '新区划代码', '新代码', 'new code', 'new_code'],
  new_name: ['新村名称', '新村名', '新村', '新名称', '新村(社区)', 'new name', 'new village', 'new_name'],
  kind: ['变更类型', '变更方式', '调整类型', '类型', 'change', 'kind'],
  effective_cycle: ['生效届次', '生效年份', '生效换届年份', '届次', '换届年份', 'effective cycle', 'effective_cycle'],
  note: ['备注', '说明', 'note'],
  county: ['县', '县(市、区)', '县市区', 'county'],
  township: ['乡镇', '乡镇(街道)', '乡(镇、街道)', '街道', 'township'],
};

const KIND_WORDS: Record<string, 'merge' | 'split' | 'rename'> = {
  合并: 'merge',
  撤并: 'merge',
  并入: 'merge',
  撤销合并: 'merge',
  merge: 'merge',
  merged: 'merge',
  拆分: 'split',
  分设: 'split',
  析出: 'split',
  split: 'split',
  更名: 'rename',
  改名: 'rename',
  村改居: 'rename',
  rename: 'rename',
  renamed: 'rename',
};

export function changeKindOf(raw: string): 'merge' | 'split' | 'rename' | null {
  return KIND_WORDS[cleanText(raw).replace(/\s/g, '').toLowerCase()] ?? null;
}

/** A year written 2021, 2021年 or 2021届; an ordinal (第十二届) names no year and is refused. */
export function cycleYearOf(raw: string): number | null {
  const m = /^(\d{4})(年|届|年届)?$/.exec(cleanText(raw).replace(/\s/g, ''));
  const y = m ? Number(m[1]) : Number.NaN;
  return y >= 1950 && y <= 2100 ? y : null;
}

export interface ChangeSheetRow {
  /** The row's line in the file (1-based), for messages. */
  line: number;
  kind: 'merge' | 'split' | 'rename';
  oldCode: string | null;
  oldName: string | null;
  newCode: string | null;
  newName: string | null;
  effectiveCycle: number;
  note: string | null;
  county: string | null;
  township: string | null;
}

export type ChangeSheetProblem =
  | { code: 'no_header'; missing: ChangeColumn[] }
  | { code: 'bad_kind' | 'bad_cycle' | 'no_village'; line: number; value: string };

/** The rows of a sheet of changes, or every problem found: a file is taken whole or not at all. */
export function parseChangeSheet(
  rows: readonly (readonly string[])[],
  rowNumbers: readonly number[],
): { rows: ChangeSheetRow[]; problems: ChangeSheetProblem[] } {
  const index = new Map<string, ChangeColumn>();
  for (const [col, names] of Object.entries(CHANGE_HEADERS) as [ChangeColumn, readonly string[]][])
    for (const n of names) index.set(normalizeHeader(n), col);
  // The header is the first row naming the kind and the cycle: title rows may stand above it.
  const at = rows.findIndex((r) => {
    const cols = new Set(r.map((c) => index.get(normalizeHeader(c))));
    return cols.has('kind') && cols.has('effective_cycle');
  });
  if (at < 0) return { rows: [], problems: [{ code: 'no_header', missing: ['kind', 'effective_cycle'] }] };
  const cols = new Map<ChangeColumn, number>();
  rows[at]!.forEach((c, i) => {
    const col = index.get(normalizeHeader(c));
    if (col && !cols.has(col)) cols.set(col, i);
  });
  const missing = (['old_name', 'new_name'] as const).filter((c) => !cols.has(c) && !cols.has(c === 'old_name' ? 'old_code' : 'new_code'));
  if (missing.length > 0) return { rows: [], problems: [{ code: 'no_header', missing }] };

  const out: ChangeSheetRow[] = [];
  const problems: ChangeSheetProblem[] = [];
  for (let i = at + 1; i < rows.length; i++) {
    const r = rows[i]!;
    const cell = (c: ChangeColumn) => {
      const k = cols.get(c);
      const v = k === undefined ? '' : cleanText(r[k] ?? '').trim();
      return v === '' ? null : v;
    };
    if (r.every((c) => cleanText(c).trim() === '')) continue;
    const line = rowNumbers[i] ?? i + 1;
    const code = (c: ChangeColumn) => {
      const v = cell(c);
      const parsed = v === null ? null : normalizeCode(v);
      return parsed && 'value' in parsed ? parsed.value : null;
    };
    const kind = changeKindOf(cell('kind') ?? '');
    const cycle = cycleYearOf(cell('effective_cycle') ?? '');
    const row = {
      line,
      oldCode: code('old_code'),
      oldName: cell('old_name') === null ? null : normalizeVillageName(cell('old_name')!),
      newCode: code('new_code'),
      newName: cell('new_name') === null ? null : normalizeVillageName(cell('new_name')!),
      note: cell('note'),
      county: cell('county') === null ? null : normalizePlaceName(cell('county')!),
      township: cell('township') === null ? null : normalizePlaceName(cell('township')!),
    };
    let ok = true;
    if (kind === null) {
      problems.push({ code: 'bad_kind', line, value: cell('kind') ?? '' });
      ok = false;
    }
    if (cycle === null) {
      problems.push({ code: 'bad_cycle', line, value: cell('effective_cycle') ?? '' });
      ok = false;
    }
    if ((!row.oldCode && !row.oldName) || (!row.newCode && !row.newName)) {
      problems.push({ code: 'no_village', line, value: '' });
      ok = false;
    }
    if (ok) out.push({ ...row, kind: kind!, effectiveCycle: cycle! });
  }
  return { rows: out, problems };
}
