/**
 * One cell → its stored values, by the field it is mapped to: the normalisers of src/import/normalize
 * applied once per distinct value of a column (a memo), not once per row.
 */
import type { FieldDef } from './fields';
import { idHash } from './idHash';
import type { CellIssue } from './issues';
import {
  normalizeCode,
  normalizeVillageName,
  parseBirth,
  parseBody,
  parseBool,
  parseEducation,
  parseEthnicity,
  parseGender,
  parseIdNumber,
  parseInteger,
  parseNumber,
  parseParty,
  parsePercent,
  parseReelected,
  parseRole,
  parseYear,
  parseElectionDate,
  parseVillageMark,
  parseMarkFlag,
  cleanText,
} from './normalize';
import type { IdNumber } from './normalize/idNumber';
import type { Birth, Body } from './normalize/types';

import type { CellValue, ValueLayout } from './rowModel';
export interface Converted {
  values: Record<string, CellValue>;
  issue?: CellIssue;
  /** Extra facts a cell yields for other fields (a role's body). */
  bodyHint?: Body;
  birth?: Birth;
  /** A valid ID number's facts, for the row to compare with (and fill) its birth and gender. */
  idNumber?: IdNumber;
}

/** A text field's value: the cleaned text, or null for nothing. */
export function textValue(raw: string): string | null {
  const t = cleanText(raw);
  return t === '' ? null : t;
}

/** One cell's conversion; also what the engine path (src/db/engineImport) runs once per distinct value. */
export function convert(f: FieldDef, raw: string, body: Body | null): Converted {
  switch (f.type) {
    case 'text':
      return { values: { [f.id]: textValue(raw) } };
    case 'village': {
      const t = normalizeVillageName(raw);
      return { values: { [f.id]: t === '' ? null : t } };
    }
    case 'code': {
      const p = normalizeCode(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'int': {
      const p = parseInteger(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'decimal': {
      const p = parseNumber(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'percent': {
      const p = parsePercent(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'bool': {
      const p = parseBool(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'party': {
      const p = parseParty(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'reelected': {
      const p = parseReelected(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'year': {
      const p = parseYear(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'date': {
      const p = parseElectionDate(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'village_mark': {
      const p = parseVillageMark(raw);
      return { values: { is_key_village: p.value?.key ?? null, is_difficult_village: p.value?.difficult ?? null }, issue: p.issue };
    }
    case 'key_flag': {
      const p = parseMarkFlag(raw, 'key');
      return { values: { is_key_village: p.value }, issue: p.issue };
    }
    case 'difficult_flag': {
      const p = parseMarkFlag(raw, 'difficult');
      return { values: { is_difficult_village: p.value }, issue: p.issue };
    }
    case 'body': {
      const p = parseBody(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'gender': {
      const p = parseGender(raw);
      return { values: { [f.id]: p.value }, issue: p.issue };
    }
    case 'role': {
      const p = parseRole(raw, body);
      const t = cleanText(raw);
      return { values: { role: p.value, role_raw: t === '' ? null : t }, issue: p.issue, bodyHint: p.bodyHint };
    }
    case 'birth': {
      const p = parseBirth(raw);
      return {
        values: { birth_year: p.value?.year ?? null, birth_month: p.value?.month ?? null },
        issue: p.issue,
        birth: p.value ?? undefined,
      };
    }
    case 'education': {
      const p = parseEducation(raw);
      const t = cleanText(raw);
      return { values: { education: t === '' ? null : t, education_tier: p.value }, issue: p.issue };
    }
    case 'id_number': {
      // The masked form only: an invalid number is left empty, its issue quoting the masked text.
      const p = parseIdNumber(raw);
      const full = p.value?.full;
      return {
        values: { id_masked: p.value?.masked ?? null, id_hash: full ? idHash(full) : null },
        issue: p.issue,
        idNumber: p.value ?? undefined,
      };
    }
    case 'ethnicity': {
      const p = parseEthnicity(raw);
      const t = cleanText(raw);
      return { values: { ethnicity: t === '' ? null : t, is_minority: p.value }, issue: p.issue };
    }
  }
}

/** Distinct values cached per column; a column with more (names, votes) is converted cell by cell past this. */
const MEMO_LIMIT = 50_000;

/** A cell's conversion as stored: the slots it sets and their values (no object per row). */
interface Conversion {
  slots: number[];
  vals: CellValue[];
  issue?: CellIssue;
  bodyHint?: Body;
  birth?: Birth;
  idNumber?: IdNumber;
}

export function conversion(layout: ValueLayout, f: FieldDef, raw: string, body: Body | null): Conversion {
  const c = convert(f, raw, body);
  return {
    slots: Object.keys(c.values).map((k) => layout.slot.get(k)!),
    vals: Object.values(c.values),
    issue: c.issue,
    bodyHint: c.bodyHint,
    birth: c.birth,
    idNumber: c.idNumber,
  };
}

/**
 * Cell conversions of one import, remembered per column: a roster of a million rows holds a few
 * hundred distinct genders, roles, education levels, villages and birth dates, so each is
 * normalised once. Results are shared between rows and never mutated.
 */
export class ConvertMemo {
  // A role's meaning depends on the body (委员 of a branch or of a committee): its column has a
  // cache per body, so that no key is built per row.
  private readonly caches: Map<Body | null, Map<string, Conversion>>[] = [];
  // Rows of one village follow each other: its county, township, name and cycle repeat.
  private readonly lastRaw: (string | undefined)[] = [];
  private readonly lastBody: (Body | null)[] = [];
  private readonly last: Conversion[] = [];

  constructor(private readonly layout: ValueLayout) {}

  convert(column: number, f: FieldDef, raw: string, body: Body | null): Conversion {
    const bodyKey = f.type === 'role' ? body : null;
    if (this.lastRaw[column] === raw && this.lastBody[column] === bodyKey) return this.last[column]!;
    const perBody = (this.caches[column] ??= new Map());
    let cache = perBody.get(bodyKey);
    if (!cache) perBody.set(bodyKey, (cache = new Map()));
    let c = cache.get(raw);
    if (c === undefined) {
      c = conversion(this.layout, f, raw, bodyKey);
      if (cache.size < MEMO_LIMIT) cache.set(raw, c);
    }
    this.lastRaw[column] = raw;
    this.lastBody[column] = bodyKey;
    this.last[column] = c;
    return c;
  }
}
