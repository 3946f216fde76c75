import { FIELDS, fieldDef, type FieldId, type FileKind } from './fields';
import { normalizeHeader } from './normalize';

const ALIAS_INDEX: ReadonlyMap<string, FieldId> = (() => {
  const m = new Map<string, FieldId>();
  for (const f of FIELDS) {
    for (const a of [f.zh, f.en, ...f.aliases]) {
      const key = normalizeHeader(a);
      if (key && !m.has(key)) m.set(key, f.id);
    }
  }
  return m;
})();

// Units real headers append ("登记选民数人", "得票数票") once brackets are gone.
const UNIT_SUFFIXES = ['人数', '人', '票', '个', '户', '名', '数'];

/** The field a header names, ignoring spaces, full-width forms, bracketed notes and units. */
export function matchHeader(raw: string): FieldId | null {
  const key = normalizeHeader(raw);
  if (!key) return null;
  const exact = ALIAS_INDEX.get(key);
  if (exact) return exact;
  for (const suffix of UNIT_SUFFIXES) {
    if (key.length > suffix.length + 1 && key.endsWith(suffix)) {
      const hit = ALIAS_INDEX.get(key.slice(0, -suffix.length));
      if (hit) return hit;
    }
  }
  return null;
}

/** Results or members, by which kind's own fields the headers name; null when undecidable. */
export function detectKind(fields: readonly (FieldId | null)[]): FileKind | null {
  const score: Record<FileKind, number> = { results: 0, members: 0 };
  for (const id of fields) {
    if (!id) continue;
    const f = fieldDef(id);
    if (!f.signals) continue;
    for (const k of f.kinds) score[k]++;
  }
  if (score.results === score.members) return null;
  return score.results > score.members ? 'results' : 'members';
}
