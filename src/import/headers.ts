import { FIELDS, fieldDef, SHARE_FIELD, type FieldId, type FileKind } from './fields';
import { normalizeHeader } from './normalize';
import type { ColumnSpec } from './rowModel';

// One header can name a field of each kind: 党员 is the roster's 政治面貌 column and a statistical
// table's count of party members. Candidates are kept in catalogue order; the kind of file decides.
const ALIAS_INDEX: ReadonlyMap<string, readonly FieldId[]> = (() => {
  const m = new Map<string, FieldId[]>();
  for (const f of FIELDS) {
    for (const a of [f.zh, f.en, ...f.aliases]) {
      const key = normalizeHeader(a);
      if (!key) continue;
      const list = m.get(key) ?? [];
      if (!list.includes(f.id)) list.push(f.id);
      m.set(key, list);
    }
  }
  return m;
})();

// Units real headers append ("登记选民数人", "得票数票") once brackets are gone.
const UNIT_SUFFIXES = ['人数', '人', '票', '个', '户', '名', '数'];

// "女性(%)" or "女性%" is the share, not the count (normalizeHeader drops the "%").
const PERCENT_SIGN = /[%％]/;

/** Every field a header can name, ignoring spaces, full-width forms, bracketed notes and units. */
export function headerCandidates(raw: string): readonly FieldId[] {
  const key = normalizeHeader(raw);
  if (!key) return [];
  let hit = ALIAS_INDEX.get(key);
  if (!hit) {
    for (const suffix of UNIT_SUFFIXES) {
      if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
        hit = ALIAS_INDEX.get(key.slice(0, -suffix.length));
        if (hit) break;
      }
    }
  }
  if (!hit) return [];
  return PERCENT_SIGN.test(raw) ? hit.map((id) => SHARE_FIELD.get(id) ?? id) : hit;
}

/** The field a header names for a kind of file (any kind when none is given); null when none. */
export function matchHeader(raw: string, kind?: FileKind | null): FieldId | null {
  return pickField(headerCandidates(raw), kind);
}

/** Of a header's candidate fields, the one a kind of file carries; without a kind, the first. */
export function pickField(candidates: readonly FieldId[], kind?: FileKind | null): FieldId | null {
  if (!kind) return candidates[0] ?? null;
  return candidates.find((id) => fieldDef(id).kinds.includes(kind)) ?? null;
}

const KINDS: readonly FileKind[] = ['results', 'members', 'stats'];
const KIND_FIELDS: ReadonlyMap<FileKind, ReadonlySet<FieldId>> = new Map(
  KINDS.map((k) => [k, new Set(FIELDS.filter((f) => f.kinds.includes(k)).map((f) => f.id))]),
);

/**
 * The kind whose own fields the headers name most; null when undecidable. Every column counts for
 * each kind one of its candidates identifies. A tie goes to a kind whose fields are all fields of
 * the others (a results file is also readable as a statistical table without counts: it is results).
 */
export function detectKind(columns: readonly (readonly FieldId[] | FieldId | null)[]): FileKind | null {
  const score: Record<FileKind, number> = { results: 0, members: 0, stats: 0 };
  for (const col of columns) {
    const ids = col === null ? [] : typeof col === 'string' ? [col] : col;
    for (const k of KINDS) if (ids.some((id) => fieldDef(id).signals && fieldDef(id).kinds.includes(k))) score[k]++;
  }
  const best = Math.max(...KINDS.map((k) => score[k]));
  if (best === 0) return null;
  const top = KINDS.filter((k) => score[k] === best);
  if (top.length === 1) return top[0]!;
  const narrowest = top.filter((k) => top.every((o) => o === k || [...KIND_FIELDS.get(k)!].every((id) => KIND_FIELDS.get(o)!.has(id))));
  return narrowest.length === 1 ? narrowest[0]! : null;
}

/** What a sheet's header row says (src/import/layout.ts finds it): each column's header and the fields it can name. */
export interface HeaderNames {
  headers: readonly string[];
  candidates: readonly (readonly FieldId[])[];
}

/** Each field once: a later column naming a field already taken is left unmapped (kept as extra). */
export function uniqueFields(fields: readonly (FieldId | null)[]): (FieldId | null)[] {
  const seen = new Set<FieldId>();
  return fields.map((f) => {
    if (!f || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

/** The detected mapping for a kind of file: each header's field of that kind, each field once. */
export function columnsForKind(layout: HeaderNames, kind: FileKind | null): ColumnSpec[] {
  const fields = uniqueFields(layout.candidates.map((c) => pickField(c, kind)));
  return layout.headers.map((header, i) => ({ header, field: fields[i] ?? null }));
}

/** A field named by more than one column of a sheet: every such column, and the one that gives it now. */
export interface DuplicateHeader {
  field: FieldId;
  /** Column indices naming the field, in file order. */
  columns: number[];
  /** The column mapped to the field now (the first, until the user chooses another), or null. */
  used: number | null;
}

/** Fields two or more headers name (姓名 twice): the importer uses one and keeps the others as extra data, and says so. */
export function duplicateHeaders(layout: HeaderNames, kind: FileKind | null, columns: readonly ColumnSpec[]): DuplicateHeader[] {
  const byField = new Map<FieldId, number[]>();
  layout.candidates.forEach((c, i) => {
    const f = pickField(c, kind);
    if (f) byField.set(f, [...(byField.get(f) ?? []), i]);
  });
  return [...byField]
    .filter(([, cols]) => cols.length > 1)
    .map(([field, cols]) => {
      const used = columns.findIndex((c) => c.field === field);
      return { field, columns: cols, used: used >= 0 ? used : null };
    });
}
