import { fieldDef, FIELDS, REQUIRED_FIELDS, type FieldDef, type FieldId, type FileKind } from './fields';
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

export function villageKey(code: CellValue, county: CellValue, township: CellValue, village: CellValue): string {
  if (typeof code === 'string' && code !== '') return `code:${code}`;
  return `name:${county ?? ''}|${township ?? ''}|${village ?? ''}`;
}

/**
 * One file row → stored values, with every problem recorded against its column. Rows missing
 * what places them (village, cycle, body) are rejected; everything else is imported, with
 * warnings where a value was dropped or looks wrong.
 */
export function normalizeRow(
  kind: FileKind,
  cells: readonly string[],
  rowNumber: number,
  columns: readonly ColumnSpec[],
  context: FileContext,
): NormalizedRow {
  const values: Record<string, CellValue> = {};
  const issues: RowIssue[] = [];
  const extra: Record<string, string> = {};
  const fileBody = context.body ? parseBody(context.body).value : null;
  const bodyCol = columns.findIndex((c) => c.field === 'body');
  let body: Body | null = bodyCol >= 0 ? parseBody(cells[bodyCol] ?? '').value : null;
  body = body ?? fileBody;
  let bodyHint: Body | undefined;
  let birth: Birth | null = null;

  columns.forEach((col, i) => {
    const raw = cells[i] ?? '';
    if (!col.field) {
      if (cleanText(raw) !== '') extra[col.header || `#${i + 1}`] = raw;
      return;
    }
    const f = fieldDef(col.field);
    if (!f.kinds.includes(kind)) {
      if (cleanText(raw) !== '') extra[col.header || f.zh] = raw;
      return;
    }
    const c = convert(f, raw, body);
    Object.assign(values, c.values);
    // A reported share is checked, not stored: its text stays with the row.
    if (f.shareOf && cleanText(raw) !== '') extra[col.header || f.zh] = raw;
    if (c.bodyHint) bodyHint = c.bodyHint;
    if (c.birth) birth = c.birth;
    // A value that cannot be read is only a warning: the row is kept with that cell empty.
    if (c.issue) issues.push({ ...c.issue, severity: 'warning', column: col.header, field: f.id, value: raw });
  });
  // Cells beyond the header (an unquoted "8,956", a stray delimiter) would otherwise vanish without
  // a word, and usually mean the row's columns have shifted: keep them as extra data and warn.
  let width = cells.length;
  while (width > columns.length && cleanText(cells[width - 1]) === '') width--;
  if (width > columns.length) {
    for (let i = columns.length; i < width; i++) if (cleanText(cells[i]) !== '') extra[`#${i + 1}`] = cells[i] ?? '';
    issues.push({ code: 'field_count', params: { found: width, expected: columns.length }, severity: 'warning', column: '', value: '' });
  }

  // File-wide values fill what the row leaves empty.
  for (const [id, raw] of Object.entries(context) as [keyof FileContext, string | undefined][]) {
    if (!raw) continue;
    const f = fieldDef(id);
    const key = f.type === 'body' ? 'body' : f.id;
    if (values[key] === null || values[key] === undefined) Object.assign(values, convert(f, raw, body).values);
  }
  if ((values.body === null || values.body === undefined) && bodyHint) values.body = bodyHint;
  if (values.body === undefined) values.body = null;

  const reject = (code: IssueCode) => issues.push({ code, severity: 'reject', column: '', value: '' });
  for (const req of REQUIRED_FIELDS[kind]) {
    if (values[req] === null || values[req] === undefined) reject(req === 'village' ? 'missing_village' : 'missing_cycle');
  }
  if (values.body === null) reject('missing_body');

  for (const k of ['county', 'township'] as const) {
    const v = values[k];
    if (typeof v === 'string') values[k] = normalizePlaceName(v);
  }
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

  const checks =
    kind === 'members'
      ? checkMember(values)
      : kind === 'stats'
        ? [...checkResults(values), ...checkCounts(values, (id) => columns.find((c) => c.field === id)?.header ?? fieldDef(id).zh)]
        : checkResults(values);
  for (const check of checks) issues.push(check);

  const status = issues.some((x) => x.severity === 'reject') ? 'rejected' : issues.length > 0 ? 'warning' : 'ok';
  return { rowNumber, status, values, issues, extra, cells };
}

const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

function rowCheck(code: IssueCode, params: Record<string, number>, column = ''): RowIssue {
  return { code, params, severity: 'warning', column, value: '' };
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
export function checkCounts(v: Record<string, CellValue>, headerOf: (id: FieldId) => string): RowIssue[] {
  const out: RowIssue[] = [];
  const members = num(v.n_members);
  const given = COUNT_FIELDS.filter((f) => num(v[f.id]) !== null);
  if (members === null) {
    if (given.length > 0) out.push(rowCheck('missing_members_count', {}));
  } else {
    for (const f of given) {
      const n = num(v[f.id])!;
      if (n > members) out.push(rowCheck('count_gt_members', { count: n, members }, headerOf(f.id)));
    }
    const whole = (ids: readonly FieldId[], code: IssueCode) => {
      const parts = ids.map((id) => num(v[id]));
      if (parts.every((p) => p !== null)) {
        const sum = parts.reduce<number>((a, b) => a + b!, 0);
        if (sum !== members) out.push(rowCheck(code, { sum, members }));
      }
    };
    whole(TIERS, 'education_sum_mismatch');
    for (const banding of BANDINGS) whole(banding, 'age_bands_sum_mismatch');
    for (const f of SHARE_FIELDS) {
      const reported = num(v[f.id]);
      const n = num(v[f.shareOf!]);
      if (reported === null || n === null || members === 0 || reported > 100) continue;
      const computed = Math.round((n / members) * 1000) / 10;
      if (Math.abs(computed - reported) > 0.15) out.push(rowCheck('share_mismatch', { reported, computed }, headerOf(f.id)));
    }
  }
  const age = num(v.mean_age);
  if (age !== null && (age < 18 || age > 100)) out.push(rowCheck('age_out_of_range', { age }, headerOf('mean_age')));
  return out;
}
