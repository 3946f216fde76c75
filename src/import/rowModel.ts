/** A file row once normalised: its values at fixed slots per kind of file, its issues, its cells; the mapping and file-wide values it was read with. */
import { columnsForField } from './columns';
import { FIELDS, type FieldId, type FileKind } from './fields';
import type { CellIssue, Severity } from './issues';

export type CellValue = string | number | boolean | null;

export interface RowIssue extends CellIssue {
  severity: Severity;
  /** The column header as in the file ('' for row-level checks). */
  column: string;
  field?: FieldId;
  value: string;
}

export interface NormalizedRow {
  rowNumber: number;
  status: 'ok' | 'warning' | 'rejected';
  /** Stored column → value (see src/db/schema.ts). */
  readonly values: Record<string, CellValue>;
  /** The same values by slot of `layout` (what a million-row import reads: no object per row). */
  readonly vals: readonly CellValue[];
  readonly layout: ValueLayout;
  issues: RowIssue[];
  /** Unmapped columns, header → raw text, kept with the row. */
  extra: Record<string, string>;
  cells: readonly string[];
}

/** The values a row of one kind of file holds, each at a fixed slot. */
export interface ValueLayout {
  names: readonly string[];
  slot: ReadonlyMap<string, number>;
}

const layouts = new Map<FileKind, ValueLayout>();

/** Every stored value of a kind's rows: its fields' columns (src/import/columns.ts), the village key, the person key. */
export function valueLayout(kind: FileKind): ValueLayout {
  let l = layouts.get(kind);
  if (!l) {
    // A statistical table's reported share has a slot (it is checked) but no stored column.
    const names = FIELDS.filter((f) => f.kinds.includes(kind)).flatMap((f) => (f.shareOf ? [f.id] : columnsForField(f).map((c) => c.name)));
    names.push('village_key');
    if (kind === 'members') names.push('person_key');
    layouts.set(kind, (l = { names, slot: new Map(names.map((n, i) => [n, i])) }));
  }
  return l;
}

export class Row implements NormalizedRow {
  private cached: Record<string, CellValue> | null = null;

  constructor(
    readonly rowNumber: number,
    public status: NormalizedRow['status'],
    readonly vals: CellValue[],
    readonly layout: ValueLayout,
    public issues: RowIssue[],
    public extra: Record<string, string>,
    readonly cells: readonly string[],
  ) {}

  /** Built on first use: tests and small files read values by name, imports by slot. */
  get values(): Record<string, CellValue> {
    if (!this.cached) {
      const v: Record<string, CellValue> = {};
      this.layout.names.forEach((n, i) => {
        v[n] = this.vals[i]!;
      });
      this.cached = v;
    }
    return this.cached;
  }
}

export interface ColumnSpec {
  header: string;
  field: FieldId | null;
}

/** Values given once for a whole file (title row, file name, or chosen by the user). */
export type FileContext = Partial<Record<'cycle_year' | 'cycle_label' | 'body' | 'county' | 'township', string>>;

export function villageKey(code: CellValue, county: CellValue, township: CellValue, village: CellValue): string {
  if (typeof code === 'string' && code !== '') return `code:${code}`;
  return `name:${county ?? ''}|${township ?? ''}|${village ?? ''}`;
}
