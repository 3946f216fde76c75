/**
 * Each mapped column's distinct raw values, converted once by the JavaScript converters and put
 * back into DuckDB as a mapping table: a roster of a million rows has a million cells per column
 * but at most some tens of thousands of distinct ones (names), and a handful for most columns.
 */
import { quoteIdent, sqlNumber } from '../sqlLiteral';
import type { Db } from '../types';
import { MAX_NAME_CHARS } from '../../import/limits';
import { parseBody } from '../../import/normalize';
import type { Body } from '../../import/normalize/types';
import { convert, type CellValue } from '../../import/normalizeRow';
import { insertColumns, type EngineColumn } from './arrowColumns';
import { storedValue, type ColumnPlanSet, type MappedColumn, type SqlType } from './columnPlan';
import { cellColumn } from './readCsv';
import type { EngineTables } from './tables';

/** Columns of a mapping table besides the typed values (`v_<name>`). */
export const MAP_KEY = 'k';
export const MAP_BODY_KEY = 'kb';
/** The cell is too long to be any value: rowNormalizer leaves its values unset (and flags it). */
export const MAP_OVERLONG = 'overlong';
export const MAP_ISSUE = 'issue';
export const MAP_BODY_HINT = 'body_hint';
export const mapValue = (name: string) => `v_${name}`;

export interface MappingTable {
  column: MappedColumn;
  /** Null when the mapping is the identity (see `identity`): nothing to join. */
  table: string | null;
  /**
   * Every distinct cell of the column is its own value (an empty cell none) with no issue: clean
   * names, villages, codes. The typed rows then take the cell itself, without a join on a table
   * of tens of thousands of names.
   */
  identity: boolean;
  distinct: number;
  /** Milliseconds: conversion (JavaScript, with decoding the distinct list), Arrow insert. */
  ms: { convert: number; insert: number };
}

/** A DuckDB LIST as the result rows hold it (an Arrow vector), as an array. */
const asArray = (v: unknown): unknown[] => (v === null || v === undefined ? [] : Array.from(v as Iterable<unknown>));

const arrowType = (t: SqlType): 'text' | 'double' | 'bool' =>
  t === 'VARCHAR' || t === 'DATE' ? 'text' : t === 'BOOLEAN' ? 'bool' : 'double';

/**
 * Builds one mapping table per mapped column, over the data rows only (lines after
 * `lastHeaderLine`): the title and header cells would otherwise count as values.
 */
export async function buildMappings(
  db: Db,
  plan: ColumnPlanSet,
  raw: string,
  lastHeaderLine: number,
  tables: EngineTables,
): Promise<{ maps: MappingTable[]; distinctMs: number }> {
  const bodies = new Map<string, Body | null>();
  const bodyOf = (cell: string): Body | null => {
    let b = bodies.get(cell);
    if (b === undefined) bodies.set(cell, (b = parseBody(cell).value ?? plan.fileBody));
    return b;
  };
  // One scan for every column's distinct values: a SELECT DISTINCT per column read a roster's
  // table seventeen times (at 100k rows on the shared test machine: 2.7 s in all, this 0.2–0.4 s).
  const lists = plan.mapped.map((col, k) => {
    const cell = quoteIdent(cellColumn(col.index));
    const keys = col.byBody && plan.bodyColumn >= 0 ? `[${cell}, ${quoteIdent(cellColumn(plan.bodyColumn))}]` : cell;
    return `list(DISTINCT ${keys}) AS ${quoteIdent(`d${k}`)}`;
  });
  const t0 = performance.now();
  const [found] =
    lists.length === 0
      ? [{}]
      : await db.query(`SELECT ${lists.join(', ')} FROM ${quoteIdent(raw)} WHERE line > ${sqlNumber(lastHeaderLine)}`);
  const distinctMs = performance.now() - t0;

  const out: MappingTable[] = [];
  for (const [k, col] of plan.mapped.entries()) {
    const byBody = col.byBody && plan.bodyColumn >= 0;
    const t = performance.now();
    const listed = asArray((found as Record<string, unknown>)[`d${k}`]);
    const rows = byBody
      ? listed.map((pair) => {
          const [cell, body] = asArray(pair) as [string, string];
          return { k: cell, kb: body };
        })
      : listed.map((cell) => ({ k: cell as string, kb: undefined }));
    const n = rows.length;
    const overlong: boolean[] = new Array(n);
    const issue: (string | null)[] = new Array(n);
    const hint: (string | null)[] = new Array(n);
    const values: CellValue[][] = col.values.map(() => new Array<CellValue>(n));
    const textType = col.field.type === 'text' || col.field.type === 'village';
    for (let r = 0; r < n; r++) {
      const cell = rows[r]!.k;
      if (cell.length > MAX_NAME_CHARS) {
        overlong[r] = true;
        issue[r] = textType ? 'name_too_long' : 'value_too_long';
        hint[r] = null;
        for (const v of values) v[r] = null;
        continue;
      }
      const body = col.byBody ? (byBody ? bodyOf(rows[r]!.kb ?? '') : plan.fileBody) : null;
      const c = convert(col.field, cell, body);
      overlong[r] = false;
      issue[r] = c.issue?.code ?? null;
      hint[r] = c.bodyHint ?? null;
      for (const [i, name] of col.values.entries()) values[i]![r] = storedValue(name, c.values[name] ?? null);
    }
    const identity =
      !byBody &&
      col.values.length === 1 &&
      plan.types.get(col.values[0]!) === 'VARCHAR' &&
      rows.every((x, r) => !overlong[r] && issue[r] === null && hint[r] === null && values[0]![r] === (x.k === '' ? null : x.k));
    if (identity) {
      out.push({ column: col, table: null, identity, distinct: n, ms: { convert: performance.now() - t, insert: 0 } });
      continue;
    }
    const columns: EngineColumn[] = [{ name: MAP_KEY, type: 'text', values: rows.map((x) => x.k) }];
    if (byBody) columns.push({ name: MAP_BODY_KEY, type: 'text', values: rows.map((x) => x.kb ?? '') });
    columns.push(
      { name: MAP_OVERLONG, type: 'bool', values: overlong },
      { name: MAP_ISSUE, type: 'text', values: issue },
      { name: MAP_BODY_HINT, type: 'text', values: hint },
    );
    for (const [i, name] of col.values.entries())
      columns.push({ name: mapValue(name), type: arrowType(plan.types.get(name)!), values: values[i]! });
    const convertMs = performance.now() - t;
    const t2 = performance.now();
    const table = tables.mapping(col.index);
    await insertColumns(db, table, columns);
    out.push({ column: col, table, identity, distinct: n, ms: { convert: convertMs, insert: performance.now() - t2 } });
  }
  return { maps: out, distinctMs };
}
