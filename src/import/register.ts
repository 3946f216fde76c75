/**
 * A village register (村名册): the office's list of the villages that should report in a cycle —
 * county, township, village code and name per row, nothing else. Read with the same readers, header
 * detection, value normalisers and village key as a results file, so that a register row and a
 * village's results meet on one key.
 */
import type { FieldId } from './fields';
import { parseCycleFromText, normalizeCode, normalizePlaceName, normalizeVillageName, cleanText } from './normalize';
import { detectHeader } from './layout';
import { readSource } from './read';
import { classifyRow } from './rowKinds';
import { villageKey } from './rowModel';

export interface RegisterRow {
  village_key: string;
  county: string | null;
  township: string | null;
  village_code: string | null;
  village: string;
}

export type RegisterProblem = 'unreadable' | 'no_village_column' | 'no_township_column' | 'no_villages';

export interface RegisterRead {
  rows: RegisterRow[];
  /** A cycle named by the title or the file name ("2021年村名册"), if any. */
  cycleYear: number | null;
  /** Totals, notes and rows without a village name: left out, counted. */
  skipped: number;
  /** The same village listed twice: kept once, counted. */
  duplicates: number;
  problem?: RegisterProblem;
}

const WANTED: readonly FieldId[] = ['county', 'township', 'village', 'village_code'];

export function readRegister(bytes: Uint8Array, fileName: string): RegisterRead {
  const none = (problem: RegisterProblem): RegisterRead => ({ rows: [], cycleYear: null, skipped: 0, duplicates: 0, problem });
  const source = readSource(bytes, fileName);
  if (source.error && source.error.code !== 'count_mismatch') return none('unreadable');
  for (const sheet of source.sheets) {
    const layout = detectHeader(sheet.rows);
    if (!layout) continue;
    const col = (f: FieldId) => layout.candidates.findIndex((c) => c.includes(f));
    const at = Object.fromEntries(WANTED.map((f) => [f, col(f)])) as Record<FieldId, number>;
    if (at.village < 0) continue;
    // Without a township a village cannot be told from its namesake in the next township.
    if (at.township < 0 && at.village_code < 0) return none('no_township_column');
    const fields = layout.candidates.map((c) => c.find((f) => WANTED.includes(f)) ?? null);
    const rows: RegisterRow[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    let duplicates = 0;
    for (const cells of sheet.rows.slice(layout.headerIndex + layout.headerRowCount)) {
      if (classifyRow(cells, fields) !== 'data') {
        if (cells.some((c) => cleanText(c) !== '')) skipped++;
        continue;
      }
      const text = (f: FieldId) => (at[f] >= 0 ? cleanText(cells[at[f]] ?? '') : '');
      const village = normalizeVillageName(text('village'));
      if (village === '') {
        skipped++;
        continue;
      }
      const county = text('county') === '' ? null : normalizePlaceName(text('county'));
      const township = text('township') === '' ? null : normalizePlaceName(text('township'));
      const code = at.village_code >= 0 ? normalizeCode(cells[at.village_code] ?? '').value : null;
      const key = villageKey(code, county, township, village);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      rows.push({ village_key: key, county, township, village_code: code, village });
    }
    const cycleYear = parseCycleFromText([...layout.titleLines, fileName.replace(/\.[^.]+$/, '')].join(' ')).year;
    return rows.length > 0 ? { rows, cycleYear, skipped, duplicates } : { ...none('no_villages'), skipped };
  }
  return none('no_village_column');
}
