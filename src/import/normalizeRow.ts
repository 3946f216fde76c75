import { columnsForField } from './columns';
import { FIELDS, fieldDef, REQUIRED_FIELDS, type FieldDef, type FieldId, type FileKind } from './fields';
import type { CellIssue, IssueCode, Severity } from './issues';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from './limits';
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
  parseNumber,
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

/** Every stored value of a kind's rows: its fields' columns (src/db/schema.ts), the village key, the person key. */
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

class Row implements NormalizedRow {
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

export interface Converted {
  values: Record<string, CellValue>;
  issue?: CellIssue;
  /** Extra facts a cell yields for other fields (a role's body). */
  bodyHint?: Body;
  birth?: Birth;
}

/** A text field's value: the cleaned text, or null for nothing. */
function textValue(raw: string): string | null {
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

/** A cell's conversion as stored: the slots it sets and their values (no object per row). */
interface Conversion {
  slots: number[];
  vals: CellValue[];
  issue?: CellIssue;
  bodyHint?: Body;
  birth?: Birth;
}

function conversion(layout: ValueLayout, f: FieldDef, raw: string, body: Body | null): Conversion {
  const c = convert(f, raw, body);
  return {
    slots: Object.keys(c.values).map((k) => layout.slot.get(k)!),
    vals: Object.values(c.values),
    issue: c.issue,
    bodyHint: c.bodyHint,
    birth: c.birth,
  };
}

/**
 * Cell conversions of one import, remembered per column: a roster of a million rows holds a few
 * hundred distinct genders, roles, education levels, villages and birth dates, so each is
 * normalised once. Results are shared between rows and never mutated.
 */
class ConvertMemo {
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

export function villageKey(code: CellValue, county: CellValue, township: CellValue, village: CellValue): string {
  if (typeof code === 'string' && code !== '') return `code:${code}`;
  return `name:${county ?? ''}|${township ?? ''}|${village ?? ''}`;
}

/** Normalises the rows of one file: `(cells, rowNumber) → NormalizedRow`. */
export type RowNormalizer = (cells: readonly string[], rowNumber: number) => NormalizedRow;

/** A column is a field (text fields by their slot: cleaning is cheaper than any lookup), or extra data. */
type ColumnPlan = { field: FieldDef; header: string; textSlot: number } | { field: null; header: string };

/**
 * The rules of normalizeRow compiled once for a file's kind, mapping and file-wide values, so
 * that a million rows cost a lookup per cell: which column is which field, what the file-wide
 * values convert to, and every distinct cell's conversion are worked out once.
 */
export function rowNormalizer(kind: FileKind, columns: readonly ColumnSpec[], context: FileContext): RowNormalizer {
  const layout = valueLayout(kind);
  const memo = new ConvertMemo(layout);
  const plans: ColumnPlan[] = columns.map((col, i) => {
    if (!col.field) return { field: null, header: col.header || `#${i + 1}` };
    const f = fieldDef(col.field);
    return f.kinds.includes(kind)
      ? { field: f, header: col.header, textSlot: f.type === 'text' ? (layout.slot.get(f.id) ?? -1) : -1 }
      : { field: null, header: col.header || f.zh };
  });
  const slot = (name: string) => layout.slot.get(name) ?? -1;
  const S = {
    body: slot('body'),
    county: slot('county'),
    township: slot('township'),
    village: slot('village'),
    code: slot('village_code'),
    cycle: slot('cycle_year'),
    age: slot('age'),
    name: slot('name'),
    villageKey: slot('village_key'),
    personKey: slot('person_key'),
  };
  let current: readonly CellValue[] = [];
  const get: Get = (name) => current[layout.slot.get(name) ?? -1] ?? null;

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
      return { slot: slot(f.type === 'body' ? 'body' : f.id), conv: conversion(layout, f, raw, null) };
    });
  const places = new Map<string, string>();
  const placeName = (v: string) => {
    let p = places.get(v);
    if (p === undefined) places.set(v, (p = normalizePlaceName(v)));
    return p;
  };
  // A village's rows follow each other: its key is built once for them, not a string per row.
  let lastPlace: CellValue[] = [];
  let lastKey = '';
  const keyOf = (code: CellValue, county: CellValue, township: CellValue, village: CellValue): string => {
    const p = lastPlace;
    if (p.length === 0 || p[0] !== code || p[1] !== county || p[2] !== township || p[3] !== village) {
      lastPlace = [code, county, township, village];
      lastKey = villageKey(code, county, township, village);
    }
    return lastKey;
  };
  const required = REQUIRED_FIELDS[kind].map((f) => ({
    slot: slot(f),
    code: (f === 'village' ? 'missing_village' : 'missing_cycle') as IssueCode,
  }));
  const width0 = layout.names.length;
  const headerOf = (id: FieldId) => columns.find((c) => c.field === id)?.header || fieldDef(id).zh;

  return (cells, rowNumber) => {
    const vals: CellValue[] = new Array<CellValue>(width0).fill(null);
    const issues: RowIssue[] = [];
    let extra: Record<string, string> | null = null;
    let body: Body | null = bodyCol >= 0 ? bodyOf(cells[bodyCol] ?? '') : null;
    body = body ?? fileBody;
    let bodyHint: Body | undefined;
    let birth: Birth | null = null;

    let cut = false;
    // Slots whose value was too long to be a name: the row is rejected for that, not also as missing it.
    let overlong: number[] | null = null;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      const raw = cells[i] ?? '';
      if (plan.field === null) {
        if (raw.length > MAX_TEXT_CHARS) {
          // Free text past any use (a 50 MB cell made the data view put 52 MB of text on the page).
          cut = true;
          (extra ??= {})[plan.header] = raw.slice(0, MAX_TEXT_CHARS);
          issues.push({
            code: 'text_truncated',
            params: { length: raw.length, limit: MAX_TEXT_CHARS },
            severity: 'warning',
            column: plan.header,
            value: clip(raw),
          });
        } else if (raw !== '' && cleanText(raw) !== '') (extra ??= {})[plan.header] = raw;
        continue;
      }
      if (raw.length > MAX_NAME_CHARS) {
        // No name, place, number or date is this long: a name is not stored cut, the row is rejected;
        // any other value is left empty. The cell itself is kept only cut (rejected rows keep their cells).
        cut = true;
        const params = { length: raw.length, limit: MAX_NAME_CHARS };
        if (plan.textSlot >= 0 || plan.field.type === 'village') {
          issues.push({ code: 'name_too_long', params, severity: 'reject', column: plan.header, field: plan.field.id, value: clip(raw) });
          (overlong ??= []).push(plan.field.type === 'village' ? S.village : plan.textSlot);
        } else
          issues.push({ code: 'value_too_long', params, severity: 'warning', column: plan.header, field: plan.field.id, value: clip(raw) });
        continue;
      }
      if (plan.textSlot >= 0) {
        vals[plan.textSlot] = textValue(raw);
        continue;
      }
      const c = memo.convert(i, plan.field, raw, body);
      for (let k = 0; k < c.slots.length; k++) vals[c.slots[k]!] = c.vals[k]!;
      // A reported share is checked, not stored: its text stays with the row.
      if (plan.field.shareOf && cleanText(raw) !== '') (extra ??= {})[plan.header || plan.field.zh] = raw;
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
      for (let i = columns.length; i < width; i++) {
        const raw = cells[i] ?? '';
        if (raw.length > MAX_TEXT_CHARS) cut = true;
        if (cleanText(raw) !== '') (extra ??= {})[`#${i + 1}`] = raw.slice(0, MAX_TEXT_CHARS);
      }
      issues.push({ code: 'field_count', params: { found: width, expected: columns.length }, severity: 'warning', column: '', value: '' });
    }

    for (const { slot: at, conv } of fills) {
      if (vals[at] === null) for (let k = 0; k < conv.slots.length; k++) vals[conv.slots[k]!] = conv.vals[k]!;
    }
    if (vals[S.body] === null && bodyHint) vals[S.body] = bodyHint;

    for (const req of required)
      if (vals[req.slot] === null && !overlong?.includes(req.slot))
        issues.push({ code: req.code, severity: 'reject', column: '', value: '' });
    if (vals[S.body] === null) issues.push({ code: 'missing_body', severity: 'reject', column: '', value: '' });

    const county = vals[S.county];
    const township = vals[S.township];
    if (typeof county === 'string') vals[S.county] = placeName(county);
    if (typeof township === 'string') vals[S.township] = placeName(township);
    const key = keyOf(vals[S.code] ?? null, vals[S.county] ?? null, vals[S.township] ?? null, vals[S.village] ?? null);
    vals[S.villageKey] = key;

    if (kind === 'members') {
      const given = typeof vals[S.age] === 'number' ? (vals[S.age] as number) : null;
      const cycle = typeof vals[S.cycle] === 'number' ? (vals[S.cycle] as number) : null;
      vals[S.age] = ageAtElection(cycle, birth, given);
      if (given !== null && birth && cycle !== null) {
        const derived = ageAtElection(cycle, birth, null);
        if (derived !== null && Math.abs(derived - given) > 1)
          issues.push({ code: 'birth_age_mismatch', params: { age: given, derived }, severity: 'warning', column: '', value: '' });
      }
      const name = vals[S.name];
      if (name === null) issues.push({ code: 'missing_name', severity: 'warning', column: '', value: '' });
      // A person is a name within a village and cycle, so the same name on both bodies is one
      // person (cross-holding). A nameless row is its own person on its own body.
      vals[S.personKey] =
        typeof name === 'string' ? `${key}|${cycle ?? ''}|${name}` : `${key}|${cycle ?? ''}|${vals[S.body] ?? ''}|#${rowNumber}`;
    }

    current = vals;
    const checks =
      kind === 'members' ? checkMember(get) : kind === 'stats' ? [...checkResults(get), ...checkCounts(get, headerOf)] : checkResults(get);
    for (const check of checks) issues.push(check);

    let status: NormalizedRow['status'] = issues.length > 0 ? 'warning' : 'ok';
    for (const x of issues) if (x.severity === 'reject') status = 'rejected';
    return new Row(
      rowNumber,
      status,
      vals,
      layout,
      issues,
      extra ?? {},
      cut ? cells.map((c) => (c.length > MAX_TEXT_CHARS ? c.slice(0, MAX_TEXT_CHARS) : c)) : cells,
    );
  };
}

/** A long value as an issue quotes it: its start, marked as cut. */
const clip = (raw: string) => (raw.length > 80 ? `${raw.slice(0, 80)}…` : raw);

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

function rowCheck(code: IssueCode, params: Record<string, number>, column = ''): RowIssue {
  return { code, params, severity: 'warning', column, value: '' };
}

/** A row's value by name (see rowNormalizer). */
type Get = (name: string) => CellValue;

/** Ballot-integrity checks of docs/domain.md: registered ≤ eligible, voted ≤ registered, returned ≤ issued and ≤ voted, valid + invalid = returned. */
export function checkResults(v: Get): RowIssue[] {
  const out: RowIssue[] = [];
  const eligible = num(v('eligible_voters'));
  const registeredVoters = num(v('registered_voters'));
  const registered = registeredVoters ?? num(v('party_members_entitled'));
  const voted = num(v('voters_voted')) ?? num(v('party_members_voted'));
  const issued = num(v('ballots_issued'));
  const returned = num(v('ballots_returned'));
  const valid = num(v('ballots_valid'));
  const invalid = num(v('ballots_invalid'));
  const reported = num(v('turnout_reported'));
  if (eligible !== null && registeredVoters !== null && registeredVoters > eligible)
    out.push(rowCheck('registered_gt_eligible', { registered: registeredVoters, eligible }));
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

const NO_ISSUES: RowIssue[] = [];

export function checkMember(v: Get): RowIssue[] {
  const age = num(v('age'));
  return age !== null && (age < 18 || age > 100) ? [rowCheck('age_out_of_range', { age })] : NO_ISSUES;
}

const COUNT_FIELDS = FIELDS.filter((f) => f.kinds.includes('stats') && f.type === 'int' && f.id.startsWith('n_') && f.id !== 'n_members');
const SHARE_FIELDS = FIELDS.filter((f) => f.shareOf);
const TIERS: readonly FieldId[] = ['n_edu_junior', 'n_edu_senior', 'n_edu_college'];
const BANDINGS: readonly (readonly FieldId[])[] = [
  ['n_age_le35', 'n_age_36_45', 'n_age_46_55', 'n_age_ge56'],
  ['n_age_le29', 'n_age_30_49', 'n_age_ge50'],
];

/**
 * A statistical table's counts against its 成员数: no count above it, parts of a whole (education
 * tiers, a complete age banding) adding up to it, and every reported share (占比) equal to
 * count ÷ 成员数 within rounding — as the results check does for a reported turnout.
 */
export function checkCounts(v: Get, headerOf: (id: FieldId) => string): RowIssue[] {
  const out: RowIssue[] = [];
  const members = num(v('n_members'));
  const given = COUNT_FIELDS.filter((f) => num(v(f.id)) !== null);
  if (members === null) {
    if (given.length > 0) out.push(rowCheck('missing_members_count', {}));
  } else {
    for (const f of given) {
      const n = num(v(f.id))!;
      if (n > members) out.push(rowCheck('count_gt_members', { count: n, members }, headerOf(f.id)));
    }
    const whole = (ids: readonly FieldId[], code: IssueCode) => {
      const parts = ids.map((id) => num(v(id)));
      if (parts.every((p) => p !== null)) {
        const sum = parts.reduce<number>((a, b) => a + b!, 0);
        if (sum !== members) out.push(rowCheck(code, { sum, members }));
      }
    };
    whole(TIERS, 'education_sum_mismatch');
    for (const banding of BANDINGS) whole(banding, 'age_bands_sum_mismatch');
    for (const f of SHARE_FIELDS) {
      const reported = num(v(f.id));
      const n = num(v(f.shareOf!));
      if (reported === null || n === null || members === 0 || reported > 100) continue;
      const computed = Math.round((n / members) * 1000) / 10;
      if (Math.abs(computed - reported) > 0.15) out.push(rowCheck('share_mismatch', { reported, computed }, headerOf(f.id)));
    }
  }
  const age = num(v('mean_age'));
  if (age !== null && (age < 18 || age > 100)) out.push(rowCheck('age_out_of_range', { age }, headerOf('mean_age')));
  return out;
}
