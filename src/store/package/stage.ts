/**
 * Checked submission packages staged in the engine together, like the files of one import: one
 * stage per import a package carries (src/db/load.ts), and, for the whole batch, one table per
 * count part holding every package's count rows (`pkg`: the package's place in the batch). Each
 * part is loaded once as it is (the engine's Arrow), and everything after that is a handful of
 * statements for the batch, not some thirty per package: at a province's hundred packages the
 * statements, not the rows, were the cost. Conflicts are found for the batch at once, like any
 * import's, and also where a package's persons meet persons already counted here (a roster, a
 * statistical table or another package's counts). Committed by commitBatch with the items made
 * here; each import remembers the package it came from (package_imports).
 */
import { ipcFileToStream } from '../../db/arrowIpc';
import { importsOf } from '../../db/importRows';
import type { CommitItem, Conflict, ImportMeta, StagedImport } from '../../db/load';
import { PACKAGE_PEOPLE_COLUMNS, PACKAGE_VILLAGES_COLUMNS } from '../../db/packageTables';
import { createTableSql, importTable, KIND_TABLES, TABLE_COLUMNS, TABLE_OF } from '../../db/schema';
import { quoteIdent, sqlString } from '../../db/sqlLiteral';
import type { Db } from '../../db/types';
import type { FileKind } from '../../import/fields';
import type { ImportReport } from '../../import/prepare';
import { COUNT_PARTS, PackageError, ROSTER_VILLAGES, type OpenedPackage, type PackageScope } from './format';

export interface StagedPackage {
  opened: OpenedPackage;
  items: { staged: StagedImport; meta: ImportMeta }[];
  conflicts: Conflict[];
}

/** The batch's count parts, every package's rows in one table each (with `pkg`), or null when none has the part. */
export type BatchCounts = Record<(typeof COUNT_PARTS)[number] | typeof ROSTER_VILLAGES, string | null>;

export interface StagedBatch {
  packages: StagedPackage[];
  counts: BatchCounts;
  /** Every table the batch made: what discardBatch drops (those committed are import tables by then, under other names). */
  made: string[];
}

let counter = 0;

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

/** One part of one package loaded as it is into a working table. */
interface Loaded {
  pkg: number;
  file: string;
  work: string;
  rows: number;
}

/** Drops tables in one round trip. */
export async function dropTables(db: Db, tables: readonly string[]): Promise<void> {
  if (tables.length > 0) await db.exec(tables.map((t) => `DROP TABLE IF EXISTS ${t}`).join(';\n'));
}

/** Stages checked packages; on failure nothing of them stays in the engine. */
export async function stagePackages(db: Db, opened: readonly OpenedPackage[]): Promise<StagedBatch> {
  const batch = `stage_pkg${Date.now().toString(36)}_${++counter}`;
  const made: string[] = [];
  const works: Loaded[] = [];
  try {
    // Each part as it is: the one step per part.
    const load = async (pkg: number, file: string): Promise<string> => {
      const p = opened[pkg]!;
      const bytes = p.parts.get(file);
      const listed = p.manifest.parts.find((x) => x.file === file);
      if (!bytes || !listed) throw new PackageError('missing_part', file, `${file} is missing`);
      const work = `${batch}_w${works.length}`;
      made.push(work);
      try {
        // ipcFileToStream makes the engine's copy: the package's own bytes stay whole for a second try.
        await db.insertArrow(work, ipcFileToStream(bytes), { create: true });
      } catch (e) {
        throw new PackageError('damaged_part', file, `${file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      works.push({ pkg, file, work, rows: listed.rows });
      return work;
    };

    const packages: StagedPackage[] = [];
    const ownWork = new Map<StagedImport, Map<string, string>>();
    const countWork: Record<string, (string | null)[]> = {};
    for (const part of [...COUNT_PARTS, ROSTER_VILLAGES]) countWork[part] = [];
    for (const [k, p] of opened.entries()) {
      const items: StagedPackage['items'] = [];
      const imports = p.manifest.imports.map((i) => ({
        kind: i.record.kind as FileKind,
        tables: i.tables,
        meta: { fileName: i.record.file_name, sheetName: i.record.sheet_name, encoding: i.record.encoding } as ImportMeta,
      }));
      const keysFile = p.manifest.counts[ROSTER_VILLAGES];
      // Count rows without any import to go with (a sender with rosters only, left out): an empty
      // import of results carries them, so they are listed, deleted and undone like the rest.
      if (imports.length === 0 && keysFile)
        imports.push({ kind: 'results', tables: {}, meta: { fileName: p.fileName, sheetName: null, encoding: null } });
      for (const i of imports) {
        const id = `${batch}_p${k}_${items.length}`;
        const staged: StagedImport = {
          kind: i.kind,
          tables: KIND_TABLES[i.kind].map((t) => ({
            kind: t,
            table: `${id}_${t}`,
            filled: i.tables[TABLE_OF[t]] !== undefined,
            buffer: `${id}_${t}_buffer`,
          })),
          rejectedTable: `${id}_rejected`,
          buffered: 0,
          flushRows: 0,
          writing: Promise.resolve(),
          rows: 0,
          report: report(i.kind, 0, 0),
        };
        made.push(staged.rejectedTable, ...staged.tables.map((t) => t.table));
        const byTable = new Map<string, string>();
        for (const t of staged.tables) {
          const file = i.tables[TABLE_OF[t.kind]];
          if (file) byTable.set(t.table, await load(k, file));
        }
        ownWork.set(staged, byTable);
        items.push({ staged, meta: i.meta });
      }
      for (const part of [...COUNT_PARTS, ROSTER_VILLAGES]) {
        const file = p.manifest.counts[part];
        countWork[part]!.push(file ? await load(k, file) : null);
      }
      packages.push({ opened: p, items, conflicts: [] });
    }

    // Every part's rows checked against the manifest, and every part's columns, in two statements.
    if (works.length > 0) {
      const counted = await db.query<{ w: string; n: number }>(
        works.map((w) => `SELECT ${sqlString(w.work)} AS w, count(*)::INTEGER AS n FROM ${w.work}`).join(' UNION ALL '),
      );
      const n = new Map(counted.map((r) => [r.w, Number(r.n)]));
      for (const w of works)
        if (n.get(w.work) !== w.rows)
          throw new PackageError('damaged_part', w.file, `${w.file}: ${n.get(w.work)} rows instead of ${w.rows}`);
    }
    const columns = new Map<string, Set<string>>();
    if (works.length > 0)
      for (const r of await db.query<{ t: string; c: string }>(
        `SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE table_name IN (${works.map((w) => sqlString(w.work)).join(', ')})`,
      ))
        columns.set(r.t, (columns.get(r.t) ?? new Set()).add(r.c));
    /** The columns of `wanted` a part has: a package of an older or newer version gives what it has. */
    const shared = (work: string, wanted: readonly string[]) => wanted.filter((c) => columns.get(work)?.has(c));

    // The imports' stages, then one table per count part for the whole batch: one round trip.
    const sql: string[] = [];
    for (const [staged, byTable] of ownWork) {
      sql.push(`CREATE TEMP TABLE ${staged.rejectedTable} (source_row INTEGER, cells VARCHAR, reasons VARCHAR)`);
      for (const t of staged.tables) {
        sql.push(createTableSql(t.kind, t.table));
        const work = byTable.get(t.table);
        if (!work) continue;
        const cols = shared(
          work,
          TABLE_COLUMNS[t.kind].map((c) => c.name),
        )
          .map(quoteIdent)
          .join(', ');
        sql.push(`INSERT INTO ${t.table} (${cols}) SELECT ${cols} FROM ${work}`);
      }
    }
    const counts = {} as BatchCounts;
    for (const part of [...COUNT_PARTS, ROSTER_VILLAGES] as const) {
      const parts = countWork[part]!.flatMap((w, k) => (w ? [{ w, k }] : []));
      if (parts.length === 0) {
        counts[part] = null;
        continue;
      }
      counts[part] = `${batch}_${part}`;
      made.push(counts[part]);
      // By name: each package's part as it has it (a missing column is NULL).
      sql.push(
        `CREATE TEMP TABLE ${counts[part]} AS ${parts.map(({ w, k }) => `SELECT ${k}::INTEGER AS pkg, * FROM ${w}`).join(' UNION ALL BY NAME ')}`,
      );
    }
    sql.push(...works.map((w) => `DROP TABLE IF EXISTS ${w.work}`));
    if (sql.length > 0) await db.exec(sql.join(';\n'));

    // Each import's rows and warnings, in one statement.
    const own = packages.flatMap((p) => p.items.map((i) => i.staged));
    if (own.length > 0) {
      const got = await db.query<{ k: number; n: number; w: number }>(
        own
          .map(
            (s, k) =>
              `SELECT ${k} AS k, count(*)::INTEGER AS n, count(*) FILTER (status = 'warning')::INTEGER AS w FROM ${s.tables[0]!.table}`,
          )
          .join(' UNION ALL '),
      );
      for (const r of got) {
        const s = own[Number(r.k)]!;
        s.rows = Number(r.n);
        s.report = report(s.kind, Number(r.n), Number(r.w));
      }
    }
    const staged: StagedBatch = { packages, counts, made };
    await findBatchConflicts(db, staged);
    return staged;
  } catch (e) {
    await dropTables(db, made);
    throw e;
  }
}

/** Every row of the persons already counted here, per village × cycle × body (not the bundled sample's). */
const PERSONS_HERE = `(
  SELECT import_id, village_key, village, township, cycle_year, body FROM members
  UNION ALL SELECT import_id, village_key, village, township, cycle_year, body FROM member_counts
  UNION ALL SELECT import_id, village_key, village, township, cycle_year, body FROM package_people WHERE body <> 'all' AND role = 'all')`;

/** The village × cycles whose persons the batch's count rows carry (those of roster_villages), per package. */
function countedPeople(b: StagedBatch, pkgs?: string): string | null {
  const { stat_people: people, roster_villages: keys } = b.counts;
  if (!people || !keys) return null;
  return `SELECT pkg, village_key, cycle_year, body FROM ${people}
          WHERE body <> 'all' AND (pkg, village_key, cycle_year) IN (SELECT pkg, village_key, cycle_year FROM ${keys})${pkgs ? ` AND pkg IN (${pkgs})` : ''}`;
}

/** The village × cycle × body keys whose persons each staged package counts (rosters, tables, count rows), with its `pkg`. */
function personKeys(b: StagedBatch, only?: number): string[] {
  const keys: string[] = [];
  for (const [k, p] of b.packages.entries()) {
    if (only !== undefined && k !== only) continue;
    for (const { staged } of p.items)
      for (const t of staged.tables.filter((x) => x.filled && x.kind !== 'results'))
        keys.push(`SELECT ${k} AS pkg, village_key, cycle_year, body FROM ${t.table}`);
  }
  const counted = countedPeople(b, only === undefined ? undefined : String(only));
  if (counted) keys.push(counted);
  return keys;
}

/**
 * The villages × cycles × bodies of each package already in the data, asked about right before
 * the commit: per table of the data (any import's own check) and for persons from any source, in
 * one statement each for the whole batch. One question per village × cycle × body.
 */
async function findBatchConflicts(db: Db, b: StagedBatch): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM imports WHERE NOT is_sample')) as [{ n: number }];
  // Nothing of the office's own here yet (a province's first merge): nothing to ask about.
  if (n === 0) return;
  const byKey = b.packages.map(() => new Map<string, Conflict>());
  type Found = Conflict & { pkg: number; village_key: string } & Record<string, unknown>;
  const add = (rows: Found[]) => {
    for (const { pkg, village_key: _k, ...c } of rows) {
      // One per village as shown: findConflicts' way (the village's key is not asked for).
      const key = `${c.township ?? ''}/${c.village}|${c.cycle_year}|${c.body}`;
      const m = byKey[Number(pkg)]!;
      m.set(key, { ...c, existing_rows: Math.max(Number(c.existing_rows), m.get(key)?.existing_rows ?? 0) });
    }
  };
  const sample = 'import_id NOT IN (SELECT import_id FROM imports WHERE is_sample)';
  for (const kind of ['results', 'members', 'stats'] as const) {
    const staged = b.packages.flatMap((p, k) =>
      p.items.flatMap(({ staged }) => staged.tables.filter((t) => t.filled && t.kind === kind).map((t) => ({ k, t: t.table }))),
    );
    if (staged.length === 0) continue;
    add(
      await db.query<Found>(
        `SELECT s.pkg, t.village_key, any_value(t.village) AS village, any_value(t.township) AS township, t.cycle_year, t.body,
                count(*)::INTEGER AS existing_rows
         FROM ${TABLE_OF[kind]} t
         JOIN (SELECT DISTINCT * FROM (${staged.map((s) => `SELECT ${s.k} AS pkg, village_key, cycle_year, body FROM ${s.t}`).join(' UNION ALL ')})) s
           ON s.village_key = t.village_key AND s.cycle_year = t.cycle_year AND s.body = t.body
         WHERE t.${sample}
         GROUP BY s.pkg, t.village_key, t.cycle_year, t.body`,
      ),
    );
  }
  const keys = personKeys(b);
  if (keys.length > 0)
    add(
      await db.query<Found>(
        `SELECT s.pkg, any_value(t.village_key) AS village_key, any_value(t.village) AS village, any_value(t.township) AS township,
                t.cycle_year, t.body, count(*)::INTEGER AS existing_rows
         FROM ${PERSONS_HERE} t
         JOIN (SELECT DISTINCT * FROM (${keys.join(' UNION ALL ')})) s
           ON s.village_key = t.village_key AND s.cycle_year = t.cycle_year AND s.body = t.body
         WHERE t.${sample}
         GROUP BY s.pkg, t.village_key, t.cycle_year, t.body`,
      ),
    );
  for (const [k, p] of b.packages.entries())
    p.conflicts = [...byKey[k]!.values()].sort((x, y) => x.cycle_year - y.cycle_year || x.village.localeCompare(y.village));
}

export function discardBatch(db: Db, b: Pick<StagedBatch, 'made'>): Promise<void> {
  return dropTables(db, b.made);
}

export function scopeText(scope: PackageScope): string {
  return JSON.stringify(scope);
}

/** The columns of a package count table (without import_id) the batch's table has. */
async function batchColumns(db: Db, table: string, columns: readonly { name: string }[]): Promise<string[]> {
  const got = new Set((await db.query<{ column_name: string }>(`DESCRIBE ${table}`)).map((r) => r.column_name));
  return columns.map((c) => c.name).filter((c) => c !== 'import_id' && got.has(c));
}

/**
 * The package_people and package_villages rows of packages (`pkgs` → the import they go with):
 * their count rows of the village × cycles whose rosters stayed with the sender, in one statement
 * per table.
 */
async function insertCountRows(db: Db, b: StagedBatch, pkgs: ReadonlyMap<number, number>): Promise<void> {
  const keys = b.counts[ROSTER_VILLAGES];
  if (!keys || pkgs.size === 0) return;
  const ids = `(VALUES ${[...pkgs].map(([k, id]) => `(${k}, ${id})`).join(', ')}) m(pkg, import_id)`;
  for (const [from, table, columns] of [
    [b.counts.stat_people, 'package_people', PACKAGE_PEOPLE_COLUMNS],
    [b.counts.stat_villages, 'package_villages', PACKAGE_VILLAGES_COLUMNS],
  ] as const) {
    if (!from) continue;
    const cols = (await batchColumns(db, from, columns)).map(quoteIdent);
    await db.exec(
      `INSERT INTO ${table} (import_id, ${cols.join(', ')})
       SELECT m.import_id, ${cols.map((c) => `c.${c}`).join(', ')} FROM ${from} c JOIN ${ids} USING (pkg)
       WHERE (c.pkg, c.village_key, c.cycle_year) IN (SELECT pkg, village_key, cycle_year FROM ${keys})`,
    );
  }
}

/** What to commit for each package of a batch: `null` for a package left out ("cancel"). */
export type PackageChoice = 'replace' | 'keep' | null;

/**
 * The commit items of a staged batch: each package's imports, each remembering the package; and
 * the count rows of the packages, each with its first import — all at once after the last import
 * (`afterAll`), or, when a package replaces what is here, each with its own package in order, so
 * that a later package's "replace" also removes an earlier one's persons as before. On "replace",
 * the persons counted here for the same village × cycle × body by any other source go too (the
 * same kind's rows commitBatch removes itself).
 */
export function batchCommitItems(
  b: StagedBatch,
  choices: readonly PackageChoice[],
): { items: CommitItem[]; owners: number[]; afterAll: (db: Db) => Promise<void> } {
  const firstIds = new Map<number, number>();
  const inOrder = choices.some((c, k) => c === 'replace' && b.packages[k]!.conflicts.length > 0);
  const items: CommitItem[] = [];
  const owners: number[] = [];
  for (const [k, p] of b.packages.entries()) {
    const choice = choices[k];
    if (!choice) continue;
    const m = p.opened.manifest;
    for (const [n, { staged, meta }] of p.items.entries()) {
      owners.push(k);
      items.push({
        staged,
        meta,
        conflicts: p.conflicts,
        choice,
        afterInsert: async (db: Db, id: number) => {
          if (n === 0) firstIds.set(k, id);
          await db.query('INSERT INTO package_imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
            id,
            m.packageId,
            firstIds.get(k)!,
            p.opened.fileName,
            m.office,
            m.exportedBy,
            m.exportedAt,
            scopeText(m.scope),
          ]);
          if (n > 0) return [];
          const touched = choice === 'replace' && p.conflicts.length > 0 ? await replacePersons(db, b, k, id) : [];
          if (inOrder) await insertCountRows(db, b, new Map([[k, id]]));
          return touched;
        },
      });
    }
  }
  return { items, owners, afterAll: async (db) => (inOrder ? undefined : insertCountRows(db, b, firstIds)) };
}

/** Removes the persons counted here (rosters, tables, other packages' counts) where package `k` counts them. */
async function replacePersons(db: Db, b: StagedBatch, k: number, own: number): Promise<number[]> {
  const keys = personKeys(b, k).map((q) => `SELECT village_key, cycle_year, body FROM (${q})`);
  if (keys.length === 0) return [];
  const where = `(village_key, cycle_year, body) IN (${keys.join(' UNION ')})`;
  const touched = new Set<number>();
  // Not through deleteRows: the package's first import is in already, and its rows stay.
  for (const i of await importsOf(db, 'import_id <> ?', [own]))
    for (const kind of KIND_TABLES[i.kind].filter((x) => x !== 'results')) {
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

/**
 * The committed packages (`ids`: package → its import ids) whose count rows can be taken as sent
 * instead of counted again (src/db/stats.ts, addSentCounts), their villages put in the temporary
 * table `into`. A package's are the rows a rebuild here would make when: they were made by this
 * build of the count SQL; no roster rows came with them (persons are linked across villages and
 * cycles: those are counted here); its villages have no rows from anywhere else (another import,
 * another package of the batch) nor a recorded merge or rename here; and its count rows are of
 * exactly its rows — the same village × cycles, and per village × cycle × body the same number
 * of results rows — else it was changed after its counts were made, and is counted here.
 */
export async function countedAsSent(
  db: Db,
  b: StagedBatch,
  ids: ReadonlyMap<number, readonly number[]>,
  version: string,
  into: string,
): Promise<number[]> {
  const { stat_villages: villages, stat_results: results, roster_villages: keys } = b.counts;
  const candidates = [...ids.keys()].filter((k) => {
    const p = b.packages[k]!;
    return (
      p.opened.manifest.countsVersion === version && !p.items.some((i) => i.staged.tables.some((t) => t.filled && t.kind === 'members'))
    );
  });
  if (!villages || candidates.length === 0) return [];
  const tables = (kind?: FileKind) =>
    candidates.flatMap((k) =>
      b.packages[k]!.items.flatMap(({ staged }, n) =>
        staged.tables
          .filter((t) => t.filled && (kind === undefined || t.kind === kind))
          .map((t) => `SELECT ${k} AS pkg, * FROM ${importTable(t.kind, ids.get(k)![n]!)}`),
      ),
    );
  const placed = 'village_key IS NOT NULL AND cycle_year IS NOT NULL';
  const rowsVc = [
    ...tables().map((t) => `SELECT pkg, village_key, cycle_year FROM (${t}) WHERE ${placed}`),
    ...(keys ? [`SELECT pkg, village_key, cycle_year FROM ${keys}`] : []),
  ];
  const sentVc = `SELECT pkg, village_key, cycle_year FROM ${villages}`;
  const rowsR = tables('results').map((t) => `SELECT pkg, village_key, cycle_year, body FROM (${t}) WHERE ${placed} AND body IS NOT NULL`);
  const rowsRCount = rowsR.length
    ? `SELECT pkg, village_key, cycle_year, body, count(*)::BIGINT AS n FROM (${rowsR.join(' UNION ALL ')}) GROUP BY ALL`
    : 'SELECT NULL::INTEGER AS pkg, NULL::VARCHAR AS village_key, NULL::INTEGER AS cycle_year, NULL::VARCHAR AS body, NULL::BIGINT AS n WHERE false';
  const sentR = results
    ? `SELECT pkg, village_key, cycle_year, body, source_rows::BIGINT AS n FROM ${results}`
    : 'SELECT NULL::INTEGER AS pkg, NULL::VARCHAR AS village_key, NULL::INTEGER AS cycle_year, NULL::VARCHAR AS body, NULL::BIGINT AS n WHERE false';
  const owners = [...ids].flatMap(([k, list]) => list.map((id) => `(${id}, ${k})`)).join(', ');
  const pkgList = candidates.join(', ');
  const bad = await db.query<{ pkg: number }>(
    `WITH rv AS (SELECT DISTINCT * FROM (${rowsVc.join(' UNION ALL ')})),
          sv AS (SELECT * FROM (${sentVc}) WHERE pkg IN (${pkgList})),
          rr AS (${rowsRCount}),
          sr AS (SELECT * FROM (${sentR}) WHERE pkg IN (${pkgList})),
          pv AS (SELECT DISTINCT pkg, village_key FROM (SELECT pkg, village_key FROM rv UNION ALL SELECT pkg, village_key FROM sv)),
          owners AS (SELECT * FROM (VALUES ${owners}) o(import_id, owner)),
          here AS (
            SELECT DISTINCT h.village_key, o.owner FROM (
              SELECT import_id, village_key FROM results UNION ALL SELECT import_id, village_key FROM members
              UNION ALL SELECT import_id, village_key FROM member_counts UNION ALL SELECT import_id, village_key FROM package_villages) h
            LEFT JOIN owners o USING (import_id)),
          -- Villages of two packages of the batch by their count rows (an older package may have none).
          shared AS (SELECT village_key FROM ${villages} GROUP BY village_key HAVING count(DISTINCT pkg) > 1)
     SELECT DISTINCT pkg FROM (
       (SELECT * FROM rv EXCEPT SELECT * FROM sv) UNION ALL (SELECT * FROM sv EXCEPT SELECT * FROM rv)
       UNION ALL SELECT pkg, NULL, NULL FROM ((SELECT * FROM rr EXCEPT SELECT * FROM sr) UNION ALL (SELECT * FROM sr EXCEPT SELECT * FROM rr))
       UNION ALL SELECT pv.pkg, NULL, NULL FROM pv JOIN here h ON h.village_key = pv.village_key AND h.owner IS DISTINCT FROM pv.pkg
       UNION ALL SELECT pkg, NULL, NULL FROM pv
       WHERE village_key IN (SELECT old_key FROM village_changes UNION SELECT new_key FROM village_changes UNION SELECT village_key FROM shared))`,
  );
  const refused = new Set(bad.map((r) => Number(r.pkg)));
  const fast = candidates.filter((k) => !refused.has(k));
  if (fast.length > 0)
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${into} AS SELECT DISTINCT village_key FROM ${villages} WHERE pkg IN (${fast.join(', ')})`);
  return fast;
}
