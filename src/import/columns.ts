/**
 * The columns each kind of row is stored in: the bookkeeping every row carries, and each field's
 * stored columns (some keep the raw text beside the canonical value). The import builds its rows
 * and batches in these columns; src/db/schema.ts makes the tables and views of them.
 */
import { FIELDS, type FieldDef, type FileKind } from './fields';

export type SqlType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

export interface ColumnDef {
  name: string;
  sql: SqlType;
}

/** The stored columns a field becomes: some keep the raw text beside the canonical value. */
export function columnsForField(f: FieldDef): ColumnDef[] {
  switch (f.type) {
    case 'birth':
      return [
        { name: 'birth_year', sql: 'INTEGER' },
        { name: 'birth_month', sql: 'INTEGER' },
      ];
    case 'education':
      return [
        { name: 'education', sql: 'VARCHAR' },
        { name: 'education_tier', sql: 'VARCHAR' },
      ];
    case 'ethnicity':
      return [
        { name: 'ethnicity', sql: 'VARCHAR' },
        { name: 'is_minority', sql: 'BOOLEAN' },
      ];
    case 'role':
      return [
        { name: 'role', sql: 'VARCHAR' },
        { name: 'role_raw', sql: 'VARCHAR' },
      ];
    // Only the masked number (110105********1234) and a keyed hash (src/import/idHash.ts) are
    // stored, never the number itself.
    case 'id_number':
      return [
        { name: 'id_masked', sql: 'VARCHAR' },
        { name: 'id_hash', sql: 'VARCHAR' },
      ];
    // Both columns belong to 村类别; a 是否重点村 or 难点村 column sets one of them.
    case 'village_mark':
      return [
        { name: 'is_key_village', sql: 'BOOLEAN' },
        { name: 'is_difficult_village', sql: 'BOOLEAN' },
      ];
    case 'key_flag':
    case 'difficult_flag':
      return [];
    // Held as ISO text ("2021-11-28") until the engine casts it on insert.
    case 'date':
      return [{ name: f.id, sql: 'DATE' }];
    case 'int':
    case 'year':
      return [{ name: f.id, sql: 'INTEGER' }];
    case 'percent':
      // A statistical table's reported share is checked on import, not stored (it follows from the counts).
      return f.shareOf ? [] : [{ name: f.id, sql: 'DOUBLE' }];
    case 'decimal':
      return [{ name: f.id, sql: 'DOUBLE' }];
    case 'bool':
    case 'party':
    case 'reelected':
      return [{ name: f.id, sql: 'BOOLEAN' }];
    default:
      return [{ name: f.id, sql: 'VARCHAR' }];
  }
}

/** Bookkeeping columns every data table carries, ahead of the field columns. */
const META: readonly ColumnDef[] = [
  { name: 'import_id', sql: 'INTEGER' },
  { name: 'source_row', sql: 'INTEGER' },
  { name: 'village_key', sql: 'VARCHAR' },
  { name: 'status', sql: 'VARCHAR' },
  { name: 'issues', sql: 'VARCHAR' },
  { name: 'extra', sql: 'VARCHAR' },
];

const PERSON: readonly ColumnDef[] = [{ name: 'person_key', sql: 'VARCHAR' }];

/** Which of a village's rosters and statistical tables counts, where both exist (see source_overlaps). */
const SOURCE_CHOICE: readonly ColumnDef[] = [{ name: 'source_choice', sql: 'VARCHAR' }];

/** Fields of a statistical table that a results file has too: its voter figures, stored in `results`. */
const inResults = (f: FieldDef) => f.kinds.includes('results') && !f.kinds.includes('members');

/**
 * The tables an import of a kind has, its own first. A statistical table's voter figures are rows
 * of `results`, read by the same metrics, rules and conflict checks as a results file's (the table
 * stays empty when the file has no voter columns).
 */
export const KIND_TABLES: Record<FileKind, readonly FileKind[]> = {
  results: ['results'],
  members: ['members'],
  stats: ['stats', 'results'],
};

export const TABLE_COLUMNS: Record<FileKind, readonly ColumnDef[]> = {
  results: [...META, ...FIELDS.filter((f) => f.kinds.includes('results')).flatMap(columnsForField)],
  members: [...META, ...PERSON, ...FIELDS.filter((f) => f.kinds.includes('members')).flatMap(columnsForField)],
  stats: [...META, ...FIELDS.filter((f) => f.kinds.includes('stats') && !inResults(f)).flatMap(columnsForField), ...SOURCE_CHOICE],
};

/**
 * The columns an import worker's batch of a kind carries: those of every table the kind fills,
 * each once, the own table's first (see KIND_TABLES).
 */
export function batchColumns(kind: FileKind): readonly ColumnDef[] {
  const seen = new Set<string>();
  return KIND_TABLES[kind].flatMap((t) => TABLE_COLUMNS[t]).filter((c) => !seen.has(c.name) && (seen.add(c.name), true));
}
