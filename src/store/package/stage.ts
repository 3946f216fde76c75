/**
 * A checked submission package staged in the engine like the files of an import: one stage per
 * import it carries (src/db/load.ts), plus, for a counts-only package, its count rows of the
 * village × cycles whose rosters stayed with the sender. Its conflicts are found like any
 * import's, and also where its persons meet persons already counted here (a roster, a
 * statistical table or another package's counts). Committed by commitBatch with the items made
 * here; each import remembers the package it came from (package_imports).
 */
import { ipcFileToStream } from '../../db/arrowIpc';
import { importsOf } from '../../db/importRows';
import { findConflicts, type CommitItem, type Conflict, type ImportMeta, type StagedImport } from '../../db/load';
import { PACKAGE_PEOPLE_COLUMNS, PACKAGE_VILLAGES_COLUMNS } from '../../db/packageTables';
import { createTableSql, importTable, KIND_TABLES, TABLE_COLUMNS, TABLE_OF, type ColumnDef } from '../../db/schema';
import { quoteIdent } from '../../db/sqlLiteral';
import type { Db } from '../../db/types';
import type { FileKind } from '../../import/fields';
import type { ImportReport } from '../../import/prepare';
import { PackageError, ROSTER_VILLAGES, type OpenedPackage, type PackageScope } from './format';

export interface StagedPackage {
  opened: OpenedPackage;
  items: { staged: StagedImport; meta: ImportMeta }[];
  /** Staged count rows (package_people, package_villages columns) of a counts-only package. */
  people: string | null;
  villages: string | null;
  conflicts: Conflict[];
}

let counter = 0;

/** A part's rows into a fresh working table, checked against the count the manifest lists. */
async function loadPart(db: Db, opened: OpenedPackage, file: string, work: string): Promise<void> {
  const bytes = opened.parts.get(file);
  const listed = opened.manifest.parts.find((p) => p.file === file);
  if (!bytes || !listed) throw new PackageError('missing_part', file, `${file} is missing`);
  try {
    // The engine takes the bytes over: a copy, so the package stays whole for a second try.
    await db.insertArrow(work, ipcFileToStream(bytes.slice()), { create: true });
  } catch (e) {
    throw new PackageError('damaged_part', file, `${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${work}`)) as [{ n: number }];
  if (n !== listed.rows) throw new PackageError('damaged_part', file, `${file}: ${n} rows instead of ${listed.rows}`);
}

/** The columns of `columns` a working table has: a package of an older or newer version gives what it has. */
async function sharedColumns(db: Db, work: string, columns: readonly ColumnDef[]): Promise<string> {
  // DESCRIBE reads the one table; duckdb_columns() walks every table of the catalogue (each import's).
  const got = new Set((await db.query<{ column_name: string }>(`DESCRIBE ${work}`)).map((r) => r.column_name));
  return columns
    .filter((c) => got.has(c.name))
    .map((c) => quoteIdent(c.name))
    .join(', ');
}

function report(kind: FileKind, rows: number, warned: number): ImportReport {
  return {
    kind,
    skipped: [],
    totals: [],
    counts: {
      fileRows: rows,
      titleRows: 0,
      headerRows: 0,
      dataRows: rows,
      imported: rows - warned,
      warned,
      rejected: 0,
      skipped: 0,
      blank: 0,
    },
    reconciled: true,
    issues: [],
    issueCount: 0,
  };
}

async function stageImport(
  db: Db,
  opened: OpenedPackage,
  kind: FileKind,
  tables: Record<string, string>,
  meta: ImportMeta,
): Promise<{ staged: StagedImport; meta: ImportMeta }> {
  const id = `pkg${Date.now().toString(36)}_${++counter}`;
  const staged: StagedImport = {
    kind,
    tables: KIND_TABLES[kind].map((k) => ({
      kind: k,
      table: `stage_${id}_${k}`,
      filled: tables[TABLE_OF[k]] !== undefined,
      buffer: `stage_${id}_${k}_buffer`,
    })),
    rejectedTable: `stage_${id}_rejected`,
    buffered: 0,
    flushRows: 0,
    writing: Promise.resolve(),
    rows: 0,
    report: report(kind, 0, 0),
  };
  await db.exec(`CREATE TEMP TABLE ${staged.rejectedTable} (source_row INTEGER, cells VARCHAR, reasons VARCHAR)`);
  for (const t of staged.tables) {
    await db.exec(createTableSql(t.kind, t.table));
    const file = tables[TABLE_OF[t.kind]];
    if (!file) continue;
    const work = `${t.table}_work`;
    try {
      await loadPart(db, opened, file, work);
      const cols = await sharedColumns(db, work, TABLE_COLUMNS[t.kind]);
      await db.exec(`INSERT INTO ${t.table} (${cols}) SELECT ${cols} FROM ${work}`);
    } finally {
      await db.exec(`DROP TABLE IF EXISTS ${work}`);
    }
  }
  const own = staged.tables[0]!.table;
  const [c] = await db.query<{ n: number; w: number }>(
    `SELECT count(*)::INTEGER AS n, count(*) FILTER (status = 'warning')::INTEGER AS w FROM ${own}`,
  );
  staged.rows = c?.n ?? 0;
  staged.report = report(kind, c?.n ?? 0, c?.w ?? 0);
  return { staged, meta };
}

/** The village × cycles whose rosters stayed with the sender, loaded once for both count parts. */
async function stageRosterKeys(db: Db, opened: OpenedPackage): Promise<string | null> {
  const rosters = opened.manifest.counts[ROSTER_VILLAGES];
  if (!rosters) return null;
  const keys = `stage_pkg${Date.now().toString(36)}_${++counter}_keys`;
  try {
    await loadPart(db, opened, rosters, keys);
  } catch (e) {
    await db.exec(`DROP TABLE IF EXISTS ${keys}`);
    throw e;
  }
  return keys;
}

/** The count rows of the village × cycles whose rosters stayed with the sender, into a staged table. */
async function stageCounts(
  db: Db,
  opened: OpenedPackage,
  keys: string | null,
  part: 'stat_people' | 'stat_villages',
  columns: readonly ColumnDef[],
) {
  const file = opened.manifest.counts[part];
  if (!file || !keys) return null;
  const id = `pkg${Date.now().toString(36)}_${++counter}`;
  const target = `stage_${id}_${part}`;
  const work = `${target}_work`;
  try {
    await loadPart(db, opened, file, work);
    const wanted = columns.filter((c) => c.name !== 'import_id');
    await db.exec(`CREATE TEMP TABLE ${target} (${wanted.map((c) => `${quoteIdent(c.name)} ${c.sql}`).join(', ')})`);
    const cols = await sharedColumns(db, work, wanted);
    await db.exec(
      `INSERT INTO ${target} (${cols}) SELECT ${cols} FROM ${work}
       WHERE (village_key, cycle_year) IN (SELECT village_key, cycle_year FROM ${keys})`,
    );
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${work}`);
  }
  return target;
}

/** Every row of the persons already counted here, per village × cycle × body (not the bundled sample's). */
const PERSONS_HERE = `(
  SELECT import_id, village_key, village, township, cycle_year, body FROM members
  UNION ALL SELECT import_id, village_key, village, township, cycle_year, body FROM member_counts
  UNION ALL SELECT import_id, village_key, village, township, cycle_year, body FROM package_people WHERE body <> 'all' AND role = 'all')`;

/** The village × cycle × body keys whose persons a staged package counts (rosters, tables, count rows). */
function personKeys(p: Pick<StagedPackage, 'items' | 'people'>): string[] {
  const tables = p.items.flatMap((i) => i.staged.tables.filter((t) => t.filled && t.kind !== 'results').map((t) => t.table));
  const keys = tables.map((t) => `SELECT village_key, cycle_year, body FROM ${t}`);
  if (p.people) keys.push(`SELECT village_key, cycle_year, body FROM ${p.people} WHERE body <> 'all'`);
  return keys;
}

async function findPackageConflicts(db: Db, p: Omit<StagedPackage, 'conflicts'>): Promise<Conflict[]> {
  const byKey = new Map<string, Conflict>();
  const add = (village_key: string, c: Conflict) => {
    const key = `${village_key}|${c.cycle_year}|${c.body}`;
    byKey.set(key, { ...c, existing_rows: Math.max(c.existing_rows, byKey.get(key)?.existing_rows ?? 0) });
  };
  for (const { staged } of p.items) {
    // findConflicts reports the village without its key: the key is asked again below for persons only.
    for (const c of await findConflicts(db, staged)) add(`${c.township ?? ''}/${c.village}`, c);
  }
  const keys = personKeys(p);
  if (keys.length > 0) {
    const found = await db.query<Conflict & { village_key: string } & Record<string, unknown>>(
      `SELECT any_value(village_key) AS village_key, any_value(village) AS village, any_value(township) AS township,
              cycle_year, body, count(*)::INTEGER AS existing_rows
       FROM ${PERSONS_HERE} t
       WHERE (village_key, cycle_year, body) IN (${keys.join(' UNION ')})
         AND import_id NOT IN (SELECT import_id FROM imports WHERE is_sample)
       GROUP BY t.village_key, cycle_year, body ORDER BY cycle_year, village`,
    );
    for (const { village_key: _k, ...c } of found) add(`${c.township ?? ''}/${c.village}`, c);
  }
  return [...byKey.values()].sort((a, b) => a.cycle_year - b.cycle_year || a.village.localeCompare(b.village));
}

/** Stages a checked package; on failure nothing of it stays in the engine. */
export async function stagePackage(db: Db, opened: OpenedPackage): Promise<StagedPackage> {
  const partial: Omit<StagedPackage, 'conflicts'> = { opened, items: [], people: null, villages: null };
  try {
    for (const i of opened.manifest.imports) {
      const meta: ImportMeta = {
        fileName: i.record.file_name,
        sheetName: i.record.sheet_name,
        encoding: i.record.encoding,
      };
      partial.items.push(await stageImport(db, opened, i.record.kind as FileKind, i.tables, meta));
    }
    const keys = await stageRosterKeys(db, opened);
    try {
      partial.people = await stageCounts(db, opened, keys, 'stat_people', PACKAGE_PEOPLE_COLUMNS);
      partial.villages = await stageCounts(db, opened, keys, 'stat_villages', PACKAGE_VILLAGES_COLUMNS);
    } finally {
      if (keys) await db.exec(`DROP TABLE IF EXISTS ${keys}`);
    }
    // Count rows without any import to go with (a sender with rosters only, left out): an empty
    // import of results carries them, so they are listed, deleted and undone like the rest.
    if (partial.items.length === 0 && partial.people)
      partial.items.push(await stageImport(db, opened, 'results', {}, { fileName: opened.fileName, sheetName: null, encoding: null }));
    return { ...partial, conflicts: await findPackageConflicts(db, partial) };
  } catch (e) {
    await discardPackage(db, partial);
    throw e;
  }
}

export async function discardPackage(db: Db, p: Pick<StagedPackage, 'items' | 'people' | 'villages'>): Promise<void> {
  for (const { staged } of p.items) {
    for (const t of staged.tables) await db.exec(`DROP TABLE IF EXISTS ${t.table}`);
    await db.exec(`DROP TABLE IF EXISTS ${staged.rejectedTable}`);
  }
  for (const t of [p.people, p.villages]) if (t) await db.exec(`DROP TABLE IF EXISTS ${t}`);
}

export function scopeText(scope: PackageScope): string {
  return JSON.stringify(scope);
}

/**
 * The commit items of a staged package: its imports, each remembering the package; the first
 * also brings the count rows and, on "replace", removes the persons counted here for the same
 * village × cycle × body by any other source (the same kind's rows commitBatch removes itself).
 */
export function packageCommitItems(p: StagedPackage, choice: 'replace' | 'keep'): CommitItem[] {
  const m = p.opened.manifest;
  let first = 0;
  return p.items.map(({ staged, meta }, k) => ({
    staged,
    meta,
    conflicts: p.conflicts,
    choice,
    afterInsert: async (db: Db, id: number) => {
      if (k === 0) first = id;
      await db.query('INSERT INTO package_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        id,
        m.packageId,
        first,
        p.opened.fileName,
        m.office,
        m.exportedBy,
        m.exportedAt,
        scopeText(m.scope),
      ]);
      if (k > 0) return [];
      const touched = choice === 'replace' && p.conflicts.length > 0 ? await replacePersons(db, p, id) : [];
      for (const [staged, table] of [
        [p.people, 'package_people'],
        [p.villages, 'package_villages'],
      ] as const)
        if (staged) await db.exec(`INSERT INTO ${table} BY NAME SELECT ${id} AS import_id, * FROM ${staged}`);
      return touched;
    },
  }));
}

/** Removes the persons counted here (rosters, tables, other packages' counts) where the package counts them. */
async function replacePersons(db: Db, p: StagedPackage, own: number): Promise<number[]> {
  const keys = personKeys(p);
  if (keys.length === 0) return [];
  const where = `(village_key, cycle_year, body) IN (${keys.join(' UNION ')})`;
  const touched = new Set<number>();
  // Not through deleteRows: the package's first import is in already, and its rows stay.
  for (const i of await importsOf(db, 'import_id <> ?', [own]))
    for (const kind of KIND_TABLES[i.kind].filter((k) => k !== 'results')) {
      const table = importTable(kind, i.id);
      const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE ${where}`)) as [{ n: number }];
      if (n === 0) continue;
      await db.exec(`DELETE FROM ${table} WHERE ${where}`);
      touched.add(i.id);
    }
  const others = await db.query<{ id: number }>(
    `SELECT DISTINCT import_id AS id FROM package_people WHERE import_id <> ${own} AND ${where}`,
  );
  for (const { id } of others) touched.add(Number(id));
  if (others.length > 0) {
    const villages = `(village_key, cycle_year) IN (SELECT village_key, cycle_year FROM (${keys.join(' UNION ')}))`;
    await db.exec(`DELETE FROM package_people WHERE import_id <> ${own} AND ${villages}`);
    await db.exec(`DELETE FROM package_villages WHERE import_id <> ${own} AND ${villages}`);
  }
  return [...touched];
}
