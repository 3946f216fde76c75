import { columnsForField } from '../db/schema';
import { FIELDS, fieldDef, REQUIRED_FIELDS, type FieldDef, type FieldId, type FileKind } from './fields';
import type { CellIssue, IssueCode, Severity } from './issues';
import {
  ageAtElection,
  normalizeCode,
  normalizePlaceName,
  normalizeVillageName,
  parseBirth,
  parseBody,
  parseBool,
  parseEducation,
  parseEthnicity,
  parseGender,
  parseInteger,
  parseParty,
  parsePercent,
  parseReelected,
  parseRole,
  parseYear,
  cleanText,
} from './normalize';
import type { Birth, Body } from './normalize/types';

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
  values: Record<string, CellValue>;
  issues: RowIssue[];
  /** Unmapped columns, header → raw text, kept with the row. */
  extra: Record<string, string>;
  cells: readonly string[];
}

export interface ColumnSpec {
  header: string;
  field: FieldId | null;
}

/** Values given once for a whole file (title row, file name, or chosen by the user). */
export type FileContext = Partial<Record<'cycle_year' | 'cycle_label' | 'body' | 'county' | 'township', string>>;

interface Converted {
  values: Record<string, CellValue>;
  issue?: CellIssue;
  /** Extra facts a cell yields for other fields (a role's body). */
  bodyHint?: Body;
  birth?: Birth;
}

function convert(f: FieldDef, raw: string, body: Body | null): Converted {
  switch (f.type) {
    case 'text': {
      const t = cleanText(raw);
      return { values: { [f.id]: t === '' ? null : t } };
    }
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
    case 'ethnicity': {
      const p = parseEthnicity(raw);
      const t = cleanText(raw);
      return { values: { ethnicity: t === '' ? null : t, is_minority: p.value }, issue: p.issue };
    }
  }
}

/** Distinct values cached per column; a column with more (names, votes) is converted cell by cell past this. */
const MEMO_LIMIT = 50_000;

/** A cell's conversion as stored: the columns it sets, as parallel arrays (no object per row). */
interface Conversion {
  keys: string[];
  vals: CellValue[];
  issue?: CellIssue;
  bodyHint?: Body;
  birth?: Birth;
}

function conversion(f: FieldDef, raw: string, body: Body | null): Conversion {
  const c = convert(f, raw, body);
  return { keys: Object.keys(c.values), vals: Object.values(c.values), issue: c.issue, bodyHint: c.bodyHint, birth: c.birth };
}

/**
 * Cell conversions of one import, remembered per column: a roster of a million rows holds a few
 * hundred distinct genders, roles, education levels, villages and birth dates, so each is
 * normalised once. Results are shared between rows and never mutated.
 */
class ConvertMemo {
  private readonly caches = new Map<number, Map<string, Conversion>>();

  convert(column: number, f: FieldDef, raw: string, body: Body | null): Conversion {
    let cache = this.caches.get(column);
    if (!cache) this.caches.set(column, (cache = new Map()));
    // A role's meaning depends on the body (委员 of a branch or of a committee).
    const key = f.type === 'role' ? `${body ?? ''}\u0000${raw}` : raw;
    let c = cache.get(key);
    if (c === undefined) {
      c = conversion(f, raw, body);
      if (cache.size < MEMO_LIMIT) cache.set(key, c);
    }
    return c;
  }
}

export function villageKey(code: CellValue, county: CellValue, township: CellValue, village: CellValue): string {
  if (typeof code === 'string' && code !== '') return `code:${code}`;
  return `name:${county ?? ''}|${township ?? ''}|${village ?? ''}`;
}

/** Normalises the rows of one file: `(cells, rowNumber) → NormalizedRow`. */
export type RowNormalizer = (cells: readonly string[], rowNumber: number) => NormalizedRow;

type ColumnPlan = { field: FieldDef; header: string } | { field: null; header: string };

/**
 * The rules of normalizeRow compiled once for a file's kind, mapping and file-wide values, so
 * that a million rows cost a lookup per cell: which column is which field, what the file-wide
 * values convert to, and every distinct cell's conversion are worked out once.
 */
export function rowNormalizer(kind: FileKind, columns: readonly ColumnSpec[], context: FileContext): RowNormalizer {
  const memo = new ConvertMemo();
  const plans: ColumnPlan[] = columns.map((col, i) => {
    if (!col.field) return { field: null, header: col.header || `#${i + 1}` };
    const f = fieldDef(col.field);
    return f.kinds.includes(kind) ? { field: f, header: col.header } : { field: null, header: col.header || f.zh };
  });
  // Every value a row can hold, null until set: rows of one file share one object shape. (Set in
  // a loop: spreading a template object of this size is ten times slower in V8.)
  const valueKeys = FIELDS.filter((f) => f.kinds.includes(kind)).flatMap((f) => columnsForField(f).map((c) => c.name));
  valueKeys.push('village_key');
  if (kind === 'members') valueKeys.push('person_key');

  const fileBody = context.body ? parseBody(context.body).value : null;
  const bodyCol = columns.findIndex((c) => c.field === 'body');
  const bodies = new Map<string, Body | null>();
  const bodyOf = (raw: string) => {
    let b = bodies.get(raw);
    if (b === undefined) bodies.set(raw, (b = parseBody(raw).value));
    return b;
  };
  // File-wide values fill what a row leaves empty; none of them depends on the row's body.
  const fills = (Object.entries(context) as [keyof FileContext, string | undefined][])
    .filter((e): e is [keyof FileContext, string] => !!e[1])
    .map(([id, raw]) => {
      const f = fieldDef(id);
      return { key: f.type === 'body' ? 'body' : f.id, conv: conversion(f, raw, null) };
    });
  const places = new Map<string, string>();
  const placeName = (v: string) => {
    let p = places.get(v);
    if (p === undefined) places.set(v, (p = normalizePlaceName(v)));
    return p;
  };
  const required = REQUIRED_FIELDS[kind];

  return (cells, rowNumber) => {
    const values: Record<string, CellValue> = {};
    for (let k = 0; k < valueKeys.length; k++) values[valueKeys[k]!] = null;
    const issues: RowIssue[] = [];
    let extra: Record<string, string> | null = null;
    let body: Body | null = bodyCol >= 0 ? bodyOf(cells[bodyCol] ?? '') : null;
    body = body ?? fileBody;
    let bodyHint: Body | undefined;
    let birth: Birth | null = null;

    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const raw = cells[i] ?? '';
      if (plan.field === null) {
        if (raw !== '' && cleanText(raw) !== '') (extra ??= {})[plan.header] = raw;
        continue;
      }
      const c = memo.convert(i, plan.field, raw, body);
      for (let k = 0; k < c.keys.length; k++) values[c.keys[k]!] = c.vals[k]!;
      if (c.bodyHint) bodyHint = c.bodyHint;
      if (c.birth) birth = c.birth;
      // A value that cannot be read is only a warning: the row is kept with that cell empty.
      if (c.issue) issues.push({ ...c.issue, severity: 'warning', column: plan.header, field: plan.field.id, value: raw });
    }
    // Cells beyond the header (an unquoted "8,956", a stray delimiter) would otherwise vanish without
    // a word, and usually mean the row's columns have shifted: keep them as extra data and warn.
    let width = cells.length;
    while (width > columns.length && cleanText(cells[width - 1]) === '') width--;
    if (width > columns.length) {
      for (let i = columns.length; i < width; i++) if (cleanText(cells[i]) !== '') (extra ??= {})[`#${i + 1}`] = cells[i] ?? '';
      issues.push({ code: 'field_count', params: { found: width, expected: columns.length }, severity: 'warning', column: '', value: '' });
    }

    for (const { key, conv } of fills) {
      if (values[key] === null || values[key] === undefined) for (let k = 0; k < conv.keys.length; k++) values[conv.keys[k]!] = conv.vals[k]!;
    }
    if (values.body === null && bodyHint) values.body = bodyHint;

    const reject = (code: IssueCode) => issues.push({ code, severity: 'reject', column: '', value: '' });
    for (const req of required) {
      if (values[req] === null || values[req] === undefined) reject(req === 'village' ? 'missing_village' : 'missing_cycle');
    }
    if (values.body === null) reject('missing_body');

    if (typeof values.county === 'string') values.county = placeName(values.county);
    if (typeof values.township === 'string') values.township = placeName(values.township);
    values.village_key = villageKey(values.village_code ?? null, values.county ?? null, values.township ?? null, values.village ?? null);

    if (kind === 'members') {
      const given = typeof values.age === 'number' ? values.age : null;
      const cycle = typeof values.cycle_year === 'number' ? values.cycle_year : null;
      values.age = ageAtElection(cycle, birth, given);
      if (given !== null && birth && cycle !== null) {
        const derived = ageAtElection(cycle, birth, null);
        if (derived !== null && Math.abs(derived - given) > 1)
          issues.push({ code: 'birth_age_mismatch', params: { age: given, derived }, severity: 'warning', column: '', value: '' });
      }
      if (values.name === null || values.name === undefined)
        issues.push({ code: 'missing_name', severity: 'warning', column: '', value: '' });
      // A person is a name within a village and cycle, so the same name on both bodies is one
      // person (cross-holding). A nameless row is its own person on its own body.
      values.person_key =
        typeof values.name === 'string'
          ? `${values.village_key}|${values.cycle_year ?? ''}|${values.name}`
          : `${values.village_key}|${values.cycle_year ?? ''}|${values.body ?? ''}|#${rowNumber}`;
    }

    for (const check of kind === 'results' ? checkResults(values) : checkMember(values)) issues.push(check);

    const status = issues.some((x) => x.severity === 'reject') ? 'rejected' : issues.length > 0 ? 'warning' : 'ok';
    return { rowNumber, status, values, issues, extra: extra ?? {}, cells };
  };
}

/**
 * One file row → stored values, with every problem recorded against its column. Rows missing
 * what places them (village, cycle, body) are rejected; everything else is imported, with
 * warnings where a value was dropped or looks wrong. (A whole file uses rowNormalizer.)
 */
export function normalizeRow(
  kind: FileKind,
  cells: readonly string[],
  rowNumber: number,
  columns: readonly ColumnSpec[],
  context: FileContext,
): NormalizedRow {
  return rowNormalizer(kind, columns, context)(cells, rowNumber);
}

const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

function rowCheck(code: IssueCode, params: Record<string, number>): RowIssue {
  return { code, params, severity: 'warning', column: '', value: '' };
}

/** Ballot-integrity checks of DOMAIN.md: registered ≤ eligible, voted ≤ registered, returned ≤ issued and ≤ voted, valid + invalid = returned. */
export function checkResults(v: Record<string, CellValue>): RowIssue[] {
  const out: RowIssue[] = [];
  const eligible = num(v.eligible_voters);
  const registered = num(v.registered_voters) ?? num(v.party_members_entitled);
  const voted = num(v.voters_voted) ?? num(v.party_members_voted);
  const issued = num(v.ballots_issued);
  const returned = num(v.ballots_returned);
  const valid = num(v.ballots_valid);
  const invalid = num(v.ballots_invalid);
  const reported = num(v.turnout_reported);
  if (eligible !== null && num(v.registered_voters) !== null && num(v.registered_voters)! > eligible)
    out.push(rowCheck('registered_gt_eligible', { registered: num(v.registered_voters)!, eligible }));
  if (registered !== null && voted !== null && voted > registered) out.push(rowCheck('voted_gt_registered', { voted, registered }));
  if (issued !== null && returned !== null && returned > issued) out.push(rowCheck('returned_gt_issued', { returned, issued }));
  if (voted !== null && returned !== null && returned > voted) out.push(rowCheck('returned_gt_voted', { returned, voted }));
  if (valid !== null && invalid !== null && returned !== null && valid + invalid !== returned)
    out.push(rowCheck('valid_invalid_sum', { valid, invalid, returned }));
  if (reported !== null && reported <= 100 && registered && voted !== null) {
    const computed = Math.round((voted / registered) * 1000) / 10;
    if (Math.abs(computed - reported) > 0.15) out.push(rowCheck('turnout_mismatch', { reported, computed }));
  }
  return out;
}

export function checkMember(v: Record<string, CellValue>): RowIssue[] {
  const age = num(v.age);
  return age !== null && (age < 18 || age > 100) ? [rowCheck('age_out_of_range', { age })] : [];
}
