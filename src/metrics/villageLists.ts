/**
 * The office's own lists of villages, kept in saved tables (src/db/savedTables.ts) rather than
 * with any import: the village register a cycle is expected to report from (`village_register`),
 * and the villages on the 重点村 / 难点村 lists (`village_marks`, ticked in the completeness view
 * or read from a results file's 村类别 / 是否重点村 / 是否难点村 columns). The caller saves the
 * table after a change (Persistence.saveTables).
 */
import { sqlLiteral, sqlNumber } from '../db/sqlLiteral';
import { importTable, KIND_TABLES } from '../db/schema';
import type { Db, SqlParam } from '../db/types';
import type { FileKind } from '../import/fields';

export type VillageMarkKind = 'key' | 'difficult';
export const VILLAGE_MARKS: readonly VillageMarkKind[] = ['key', 'difficult'];

/** Who put a village on a list: the user in the completeness view, or a results file's column. */
export type MarkSource = 'ui' | 'import';

export interface RegisterEntry {
  village_key: string;
  county: string | null;
  township: string | null;
  village_code: string | null;
  village: string;
}

/** Rows written per statement: a register of 20,000 villages is twenty statements, not 20,000. */
const CHUNK = 1000;

async function insertRows(db: Db, table: string, rows: readonly (readonly SqlParam[])[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows
      .slice(i, i + CHUNK)
      .map((r) => `(${r.map(sqlLiteral).join(', ')})`)
      .join(', ');
    await db.exec(`INSERT INTO ${table} VALUES ${values}`);
  }
}

/** Puts a village on a list, or takes it off (whoever put it there). */
export async function setVillageMark(db: Db, villageKey: string, mark: VillageMarkKind, on: boolean): Promise<void> {
  await db.query('DELETE FROM village_marks WHERE village_key = ? AND mark = ?', [villageKey, mark]);
  if (on) await db.query('INSERT INTO village_marks VALUES (?, ?, ?)', [villageKey, mark, 'ui' satisfies MarkSource]);
}

/** The register of a cycle, replacing the one it had. Returns the villages listed. */
export async function replaceRegister(db: Db, cycle: number, rows: readonly RegisterEntry[]): Promise<number> {
  await db.exec(`DELETE FROM village_register WHERE cycle_year = ${sqlNumber(cycle)}`);
  await insertRows(
    db,
    'village_register',
    rows.map((r) => [r.village_key, cycle, r.county, r.township, r.village_code, r.village]),
  );
  return rows.length;
}

export async function clearRegister(db: Db, cycle: number): Promise<void> {
  await db.exec(`DELETE FROM village_register WHERE cycle_year = ${sqlNumber(cycle)}`);
}

/**
 * The lists as the newly committed imports state them: a village their results mark is put on the
 * list, one they mark as not on it is taken off; villages they do not mention keep their marks.
 * Returns whether any mark changed (then the table needs saving).
 */
export async function takeImportedMarks(db: Db, importIds: readonly number[]): Promise<boolean> {
  if (importIds.length === 0) return false;
  // Each import's own results table, not the view over all of them: an import's commit stays as cheap with 500 imports as with one.
  const kinds = await db.query<{ import_id: number; kind: FileKind }>(
    `SELECT import_id, kind FROM imports WHERE import_id IN (${importIds.map(sqlNumber).join(', ')})`,
  );
  const tables = kinds.filter((k) => KIND_TABLES[k.kind]?.includes('results')).map((k) => importTable('results', Number(k.import_id)));
  if (tables.length === 0) return false;
  const rows = tables.map((t) => `SELECT village_key, is_key_village, is_difficult_village FROM ${t}`).join(' UNION ALL ');
  const stated = `
    SELECT village_key, 'key' AS mark, bool_or(is_key_village) AS marked FROM (${rows})
      WHERE is_key_village IS NOT NULL GROUP BY village_key
    UNION ALL
    SELECT village_key, 'difficult', bool_or(is_difficult_village) FROM (${rows})
      WHERE is_difficult_village IS NOT NULL GROUP BY village_key`;
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM (${stated})`);
  if (Number(n) === 0) return false;
  await db.exec(`CREATE OR REPLACE TEMP TABLE stated_marks AS ${stated}`);
  await db.exec(`DELETE FROM village_marks m WHERE EXISTS
      (SELECT 1 FROM stated_marks s WHERE s.village_key = m.village_key AND s.mark = m.mark)`);
  await db.exec(`INSERT INTO village_marks SELECT village_key, mark, 'import' FROM stated_marks WHERE marked`);
  await db.exec('DROP TABLE stated_marks');
  return true;
}
