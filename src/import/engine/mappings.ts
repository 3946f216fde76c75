/**
 * Each mapped column's distinct raw values, converted once by the JavaScript converters and put
 * back into DuckDB as a mapping table: a roster of a million rows has a million cells per column
 * but at most some tens of thousands of distinct ones (names), and a handful for most columns.
 */
import { quoteIdent } from '../../db/sqlLiteral';
import type { Db } from '../../db/types';
import { MAX_NAME_CHARS } from '../limits';
import { parseBody } from '../normalize';
import type { Body } from '../normalize/types';
import { convert, type CellValue } from '../normalizeRow';
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
  table: string;
  distinct: number;
}

const arrowType = (t: SqlType): 'text' | 'double' | 'bool' => (t === 'VARCHAR' ? 'text' : t === 'BOOLEAN' ? 'bool' : 'double');

/**
 * Builds one mapping table per mapped column, over the data rows only (lines after
 * `lastHeaderLine`): the title and header cells would otherwise count as values.
 */
export async function buildMappings(db: Db, plan: ColumnPlanSet, raw: string, lastHeaderLine: number, tables: EngineTables): Promise<MappingTable[]> {
  const bodies = new Map<string, Body | null>();
  const bodyOf = (cell: string): Body | null => {
    let b = bodies.get(cell);
    if (b === undefined) bodies.set(cell, (b = parseBody(cell).value ?? plan.fileBody));
    return b;
  };
  const out: MappingTable[] = [];
  for (const col of plan.mapped) {
    const byBody = col.byBody && plan.bodyColumn >= 0;
    const keys = [quoteIdent(cellColumn(col.index)) + ` AS ${MAP_KEY}`];
    if (byBody) keys.push(`${quoteIdent(cellColumn(plan.bodyColumn))} AS ${MAP_BODY_KEY}`);
    const rows = await db.query<{ k: string; kb?: string }>(`SELECT DISTINCT ${keys.join(', ')} FROM ${quoteIdent(raw)} WHERE line > ?`, [lastHeaderLine]);

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
      col.values.forEach((name, i) => (values[i]![r] = storedValue(name, c.values[name] ?? null)));
    }
    const columns: EngineColumn[] = [{ name: MAP_KEY, type: 'text', values: rows.map((x) => x.k) }];
    if (byBody) columns.push({ name: MAP_BODY_KEY, type: 'text', values: rows.map((x) => x.kb ?? '') });
    columns.push({ name: MAP_OVERLONG, type: 'bool', values: overlong }, { name: MAP_ISSUE, type: 'text', values: issue }, { name: MAP_BODY_HINT, type: 'text', values: hint });
    col.values.forEach((name, i) => columns.push({ name: mapValue(name), type: arrowType(plan.types.get(name)!), values: values[i]! }));
    const table = tables.mapping(col.index);
    await insertColumns(db, table, columns);
    out.push({ column: col, table, distinct: n });
  }
  return out;
}
