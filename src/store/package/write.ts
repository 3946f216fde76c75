/**
 * Makes a submission package of the office's own imports for a scope (a township or all, a cycle
 * or all): each import's rows of the scope as the engine's Arrow (as src/store/dump.ts saves
 * them), the count tables of the scope, and the manifest with every part's SHA-256.
 *
 * What never leaves: rejected rows (the file's cells as typed: the sender's to correct, not the
 * receiver's to count) and the cells of columns a file had beyond those mapped (`extra`); ID
 * numbers travel only as stored, masked and hashed. Without rosters, the persons are in the count
 * parts only.
 */
import { COUNT_TABLE } from '../../db/countTables';
import { importTable, KIND_TABLES, TABLE_OF } from '../../db/schema';
import { quoteIdent, sqlNumber, sqlString } from '../../db/sqlLiteral';
import type { Db, ImportRecordSaved } from '../../db/types';
import type { FileKind } from '../../import/fields';
import {
  buildPackage,
  COUNT_PARTS,
  describePart,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  ROSTER_VILLAGES,
  type PackageImport,
  type PackageManifest,
  type PackagePart,
  type PackageScope,
} from './format';

export interface PackageRequest {
  scope: PackageScope;
  office: string;
  exportedBy: string;
  includeRosters: boolean;
  /** The moment written into the manifest (now, unless a test fixes it). */
  now?: Date;
}

export class NothingToSendError extends Error {
  constructor() {
    super('no data of the office in this scope');
    this.name = 'NothingToSendError';
  }
}

/** The scope as a condition on rows that carry village_key and cycle_year. */
export function scopeCondition(scope: PackageScope): string {
  const conds: string[] = [];
  const county = scope.county === null ? 'county IS NULL' : `county = ${sqlString(scope.county)}`;
  if (scope.township !== null)
    conds.push(`village_key IN (SELECT village_key FROM stat_places WHERE ${county} AND township = ${sqlString(scope.township)})`);
  // A whole county (what a county sends to the city).
  else if (scope.county !== null) conds.push(`village_key IN (SELECT village_key FROM stat_places WHERE ${county})`);
  if (scope.cycle !== null) conds.push(`cycle_year = ${sqlNumber(scope.cycle)}`);
  return conds.length ? conds.join(' AND ') : 'true';
}

const count = async (db: Db, from: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${from}`))[0]?.n ?? 0);

/**
 * A count table's rows with its counts as INTEGER where they fit: the engine's sums are BIGINT,
 * and a county's stat_people was 5 MB of them, most of the bytes a province's merge reads.
 */
async function narrowed(db: Db, table: string, source: string): Promise<string> {
  const cols = await db.query<{ name: string; type: string }>(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`,
    [table],
  );
  const wide = cols.filter((c) => c.type === 'BIGINT' || c.type === 'HUGEINT');
  const [fits] = wide.length
    ? await db.query<Record<string, boolean | null>>(
        `SELECT ${wide.map((c, i) => `coalesce(max(abs(${quoteIdent(c.name)})) < 2147483648, true) AS f${i}`).join(', ')} FROM ${source}`,
      )
    : [{}];
  const narrow = new Set(wide.filter((_, i) => fits?.[`f${i}`] !== false).map((c) => c.name));
  return `SELECT ${cols.map((c) => (narrow.has(c.name) ? `${quoteIdent(c.name)}::INTEGER AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(', ')} FROM ${source}`;
}

export interface WrittenPackage {
  manifest: PackageManifest;
  bytes: Uint8Array;
}

export async function writePackage(db: Db, req: PackageRequest): Promise<WrittenPackage> {
  const where = scopeCondition(req.scope);
  const parts = new Map<string, Uint8Array>();
  const listed: PackagePart[] = [];
  const addPart = async (file: string, select: string, rows: number) => {
    const bytes = await db.queryArrow(select);
    parts.set(file, bytes);
    listed.push(await describePart(file, bytes, rows));
  };

  const records = await db.query<ImportRecordSaved & Record<string, unknown>>(
    `SELECT import_id, file_name, sheet_name, kind, encoding, imported_at, rows_imported, rows_warned, rows_rejected, rows_skipped
     FROM imports WHERE NOT is_sample ORDER BY import_id`,
  );
  const imports: PackageImport[] = [];
  for (const r of records) {
    const id = Number(r.import_id);
    const tables: Record<string, string> = {};
    let own = { rows: 0, warned: 0 };
    for (const k of KIND_TABLES[r.kind as FileKind]) {
      if (k === 'members' && !req.includeRosters) continue;
      const source = `(SELECT * FROM ${importTable(k, id)} WHERE ${where})`;
      const rows = await count(db, source);
      if (k === r.kind) own = { rows, warned: await count(db, `${source} WHERE status = 'warning'`) };
      if (rows === 0) continue;
      const file = `data/i${id}-${TABLE_OF[k]}.arrow`;
      await addPart(file, `SELECT * REPLACE (NULL::VARCHAR AS extra) FROM ${source}`, rows);
      tables[TABLE_OF[k]] = file;
    }
    if (Object.keys(tables).length === 0) continue;
    const { import_id: _id, ...record } = r;
    imports.push({
      record: { ...record, rows_imported: own.rows - own.warned, rows_warned: own.warned, rows_rejected: 0, rows_skipped: 0 },
      tables,
    });
  }

  const counts: Record<string, string> = {};
  const byTable: Record<(typeof COUNT_PARTS)[number], string> = {
    stat_results: COUNT_TABLE.results,
    stat_people: COUNT_TABLE.people,
    stat_villages: COUNT_TABLE.villages,
  };
  for (const part of COUNT_PARTS) {
    const source = `(SELECT * FROM ${byTable[part]} WHERE ${where})`;
    const rows = await count(db, source);
    if (rows === 0) continue;
    counts[part] = `counts/${part}.arrow`;
    await addPart(counts[part], await narrowed(db, byTable[part], source), rows);
  }
  // The village × cycles whose persons travel as counts only: the rosters left out, and those this
  // office itself got as counts only (a county forwarding its townships' packages to the city).
  const countedOnly = [`SELECT village_key, cycle_year FROM package_villages WHERE ${where}`];
  if (!req.includeRosters)
    countedOnly.push(`SELECT village_key, cycle_year FROM members
                      WHERE import_id NOT IN (SELECT import_id FROM imports WHERE is_sample) AND village_key IS NOT NULL AND ${where}`);
  const source = `(SELECT DISTINCT * FROM (${countedOnly.join(' UNION ALL ')}))`;
  const rows = await count(db, source);
  if (rows > 0) {
    counts[ROSTER_VILLAGES] = `counts/${ROSTER_VILLAGES}.arrow`;
    await addPart(counts[ROSTER_VILLAGES], `SELECT * FROM ${source} ORDER BY ALL`, rows);
  }
  if (imports.length === 0 && !counts[ROSTER_VILLAGES]) throw new NothingToSendError();

  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    packageId: globalThis.crypto.randomUUID(),
    office: req.office,
    exportedBy: req.exportedBy,
    exportedAt: (req.now ?? new Date()).toISOString(),
    scope: req.scope,
    rostersIncluded: req.includeRosters,
    imports,
    counts,
    countsVersion: (await import('../../db/stats')).STATS_VERSION,
    parts: listed,
  };
  return { manifest, bytes: buildPackage(manifest, parts) };
}
