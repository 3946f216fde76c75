/**
 * The typed rows as one SQL statement over the raw cells and the mapping tables: each value from
 * the last mapped column that sets it (as rowNormalizer's column loop overwrites), then the
 * file-wide fills, the body a role implies, the village key, and for rosters the age and person key.
 */
import { quoteIdent, sqlNumber } from '../sqlLiteral';
import type { Db, SqlParam } from '../types';
import type { ColumnPlanSet } from './columnPlan';
import { MAP_BODY_HINT, MAP_BODY_KEY, MAP_ISSUE, MAP_KEY, MAP_OVERLONG, mapValue, type MappingTable } from './mappings';
import { candidateSql, cellFlagSql, checkFlagSql, rejectSql } from './rowFlags';
import type { ColumnSpec } from '../../import/normalizeRow';
import { cellColumn } from './readCsv';
import type { EngineTables } from './tables';

const q = quoteIdent;

export interface TypedOptions {
  /** Only the records whose line is in this table's `line` column (the rows JavaScript sees, a few). */
  lines?: string;
  /** Not the records whose line is in this table's `line` column. */
  except?: string;
  /** Only the records after line `after`, before line `before`. */
  after?: number;
  before?: number;
  /** The record's raw cells too (c1…cN), for the row code that reads them. */
  cells?: boolean;
}

/**
 * The typed rows as a query (no table): `source_row` (the record's line), every stored value of
 * the kind, and the sorting flags of rowFlags.ts: `_cand` (may not be a data row), `_flag` (a data
 * row the row normaliser must see), `_rej` (a data row it rejects). Nothing of it is kept for all
 * rows: the stage tables are written from it in one statement, the flags kept in a narrow table.
 */
export function typedQuery(
  plan: ColumnPlanSet,
  maps: readonly MappingTable[],
  raw: string,
  lastHeaderLine: number,
  columns: readonly ColumnSpec[],
  width: number,
  opts: TypedOptions = {},
): { sql: string; params: SqlParam[] } {
  // File-wide values come from the title row or the file's name: bound, numbered as they are met.
  // (Our own numbers, such as the header's line, are written in: DuckDB plans those better.)
  const params: SqlParam[] = [];
  const bind = (v: SqlParam) => `$${params.push(v)}`;
  const alias = (k: number) => `m${k + 1}`;
  const names = [...plan.types.keys()];
  const cast = (expr: string, name: string) => `CAST(${expr} AS ${plan.types.get(name)!})`;

  // Later columns win, but a cell too long to be a value sets nothing (rowNormalizer skips it).
  const lastOf = (name: string): string => {
    const setters = maps.map((m, k) => ({ m, k })).filter(({ m }) => m.column.values.includes(name));
    if (setters.length === 0) return cast('NULL', name);
    const whens = setters
      .reverse()
      .map(({ m, k }) =>
        m.identity
          ? `WHEN TRUE THEN NULLIF(r.${q(cellColumn(m.column.index))}, '')`
          : `WHEN NOT ${alias(k)}.${MAP_OVERLONG} THEN ${alias(k)}.${q(mapValue(name))}`,
      );
    return `CASE ${whens.join(' ')} ELSE NULL END`;
  };
  // A role's body and a birth date are facts the last cell that has one gives, whatever later cells say.
  const lastGiven = (expr: (a: string) => string, which: (m: MappingTable) => boolean, type: string) => {
    const given = maps
      .map((m, k) => ({ m, k }))
      .filter(({ m }) => which(m))
      .reverse();
    // A bare NULL would be typed INTEGER by the CTE, and then not mix with text.
    return given.length === 0
      ? `CAST(NULL AS ${type})`
      : `coalesce(${given.map(({ k }) => `CASE WHEN NOT ${alias(k)}.${MAP_OVERLONG} THEN ${expr(alias(k))} END`).join(', ')})`;
  };
  const fromColumns = names.filter((n) => n !== 'village_key' && n !== 'person_key').map((n) => `${cast(lastOf(n), n)} AS ${q(n)}`);
  const hint = lastGiven(
    (a) => `${a}.${MAP_BODY_HINT}`,
    (m) => m.column.byBody,
    'VARCHAR',
  );
  const birthYear = lastGiven(
    (a) => `${a}.${q(mapValue('birth_year'))}`,
    (m) => m.column.field.type === 'birth',
    'INTEGER',
  );
  const joins = maps.flatMap((m, k) => {
    if (m.table === null) return [];
    const on = [`${alias(k)}.${MAP_KEY} = r.${q(cellColumn(m.column.index))}`];
    if (m.column.byBody && plan.bodyColumn >= 0) on.push(`${alias(k)}.${MAP_BODY_KEY} = r.${q(cellColumn(plan.bodyColumn))}`);
    // A left join, each on the raw rows: the optimiser may reorder inner joins and put the raw rows
    // on a hash table's build side, which loses the file's order (the stage must then be sorted: a
    // second write of every row). Every cell has its mapping (the distinct values are read from the
    // same rows); one without would be `_unmapped`, and refused, never silently typed as null.
    return [`LEFT JOIN ${q(m.table)} ${alias(k)} ON ${on.join(' AND ')}`];
  });
  const unmapped = maps.flatMap((m, k) => (m.table === null ? [] : [`${alias(k)}.${MAP_KEY} IS NULL`]));
  const issue = maps.flatMap((m, k) => (m.table === null ? [] : [`${alias(k)}.${MAP_ISSUE} IS NOT NULL`]));
  const overlongName = maps.flatMap((m, k) =>
    m.table !== null && (m.column.field.type === 'text' || m.column.field.type === 'village') ? [`${alias(k)}.${MAP_OVERLONG}`] : [],
  );
  const flags = [
    `${candidateSql(width)} AS _cand`,
    `(${[cellFlagSql(plan, columns, width), ...issue].join(' OR ')}) AS _cells`,
    `${overlongName.length ? `(${overlongName.join(' OR ')})` : 'FALSE'} AS _overlong_name`,
    `${unmapped.length ? `(${unmapped.join(' OR ')})` : 'FALSE'} AS _unmapped`,
  ];
  const cellNames = opts.cells ? Array.from({ length: width }, (_, i) => q(cellColumn(i))) : [];
  // On the raw rows themselves: a semi- or anti-join keeps their order (a left join with a few
  // matches would not: DuckDB writes a chunk's matched rows before its unmatched ones).
  const only = [
    opts.lines ? ` AND r.line IN (SELECT line FROM ${q(opts.lines)})` : '',
    opts.except ? ` AND r.line NOT IN (SELECT line FROM ${q(opts.except)})` : '',
    opts.after !== undefined ? ` AND r.line > ${sqlNumber(opts.after)}` : '',
    opts.before !== undefined ? ` AND r.line < ${sqlNumber(opts.before)}` : '',
  ].join('');
  const a = `SELECT r.line, ${[...fromColumns, `${hint} AS _body_hint`, `${birthYear} AS _birth_year`, ...flags, ...cellNames.map((c) => `r.${c}`)].join(', ')} FROM ${q(raw)} r ${joins.join(' ')} WHERE r.line > ${sqlNumber(lastHeaderLine)}${only}`;

  // File-wide values fill what the row leaves empty, judged by their primary value; then a role's body.
  const filled = new Map<string, string>();
  for (const fill of plan.fills)
    for (const { name, value } of fill.values)
      filled.set(name, `CASE WHEN a.${q(fill.primary)} IS NULL THEN ${cast(bind(value), name)} ELSE a.${q(name)} END`);
  const bodyExpr = `coalesce(${filled.get('body') ?? `a.${q('body')}`}, a._body_hint)`;
  const b = `SELECT a.line, a._birth_year, a._cand, a._cells, a._overlong_name, a._unmapped, ${cellNames.map((c) => `a.${c}, `).join('')}${names
    .filter((n) => n !== 'village_key' && n !== 'person_key')
    .map((n) => `${n === 'body' ? bodyExpr : (filled.get(n) ?? `a.${q(n)}`)} AS ${q(n)}`)
    .join(', ')} FROM a`;

  // A value the kind does not hold is null, as rowNormalizer reads a slot it has not got.
  const has = (n: string) => plan.types.has(n);
  const bv = (n: string) => (has(n) ? `b.${q(n)}` : 'NULL');
  const villageKey = `CASE WHEN ${bv('village_code')} IS NOT NULL AND ${bv('village_code')} <> '' THEN 'code:' || ${bv('village_code')} ELSE 'name:' || coalesce(${bv('county')}, '') || '|' || coalesce(${bv('township')}, '') || '|' || coalesce(${bv('village')}, '') END`;
  const c = `SELECT b.*, ${villageKey} AS village_key FROM b`;

  const out = names.map((n) => {
    if (plan.kind === 'members' && n === 'age') return `coalesce(c.age, c.cycle_year - c._birth_year)::INTEGER AS age`;
    if (n === 'person_key') {
      const cycle = `coalesce(CAST(c.cycle_year AS VARCHAR), '')`;
      return `CASE WHEN c.name IS NOT NULL THEN c.village_key || '|' || ${cycle} || '|' || c.name ELSE c.village_key || '|' || ${cycle} || '|' || coalesce(c.body, '') || '|#' || CAST(c.line AS VARCHAR) END AS person_key`;
    }
    return `c.${q(n)}`;
  });
  const sorting = [
    'c._cand',
    `(c._cells OR ${checkFlagSql(plan)} OR ${rejectSql(plan)}) AS _flag`,
    `coalesce(${rejectSql(plan)}, FALSE) AS _rej`,
    'c._unmapped',
  ];
  const sql = `WITH a AS (${a}), b AS (${b}), c AS (${c}) SELECT c.line AS source_row, ${[...out, ...sorting, ...cellNames.map((n) => `c.${n}`)].join(', ')} FROM c`;
  return { sql, params };
}

/** Builds `tables.typed`, every row of typedQuery (step 1's table, kept for comparing its values). */
export async function buildTyped(
  db: Db,
  plan: ColumnPlanSet,
  maps: readonly MappingTable[],
  raw: string,
  lastHeaderLine: number,
  tables: EngineTables,
  columns: readonly ColumnSpec[],
  width: number,
): Promise<number> {
  const query = typedQuery(plan, maps, raw, lastHeaderLine, columns, width);
  const [sql, params] = [`CREATE TEMP TABLE ${q(tables.typed)} AS ${query.sql}`, query.params];
  if (params.length > 0) await db.query(sql, params);
  else await db.exec(sql);
  const [{ typed, data }] = (await db.query<{ typed: number; data: number }>(
    `SELECT (SELECT count(*) FROM ${q(tables.typed)})::INTEGER AS typed, (SELECT count(*) FROM ${q(raw)} WHERE line > ${sqlNumber(lastHeaderLine)})::INTEGER AS data`,
  )) as [{ typed: number; data: number }];
  if (typed !== data) throw new Error(`typed rows ${typed} ≠ records after the header ${data}: a join lost rows`);
  await refuseUnmapped(db, q(tables.typed));
  return typed;
}

/** A cell without its mapping: a row with values missing, an error rather than a silent null. */
export async function refuseUnmapped(db: Db, table: string): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table} WHERE _unmapped`)) as [{ n: number }];
  if (n > 0) throw new Error(`${n} rows with a cell not in its column's mapping table`);
}
