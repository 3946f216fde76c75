/** The checks a row gets across its columns (src/import/normalizeRow.ts runs them), by kind of file. */
import { FIELDS, type FieldId } from './fields';
import type { IssueCode } from './issues';

import type { CellValue, RowIssue } from './rowModel';
const num = (v: CellValue | undefined): number | null => (typeof v === 'number' ? v : null);

function rowCheck(code: IssueCode, params: Record<string, number>, column = ''): RowIssue {
  return { code, params, severity: 'warning', column, value: '' };
}

/** A row's value by name (see rowNormalizer). */
export type Get = (name: string) => CellValue;

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
  const date = v('election_date');
  const year = num(v('cycle_year'));
  // A cycle's elections are held in its year; a date of another year is a typo or the wrong cycle.
  if (typeof date === 'string' && year !== null && Number(date.slice(0, 4)) !== year)
    out.push({ code: 'date_outside_cycle', params: { date, year }, severity: 'warning', column: '', value: date });
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
