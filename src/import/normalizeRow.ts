/**
 * A file's rows normalised: each row's cells converted by the field they are mapped to
 * (src/import/convertCell.ts), file-wide values filled in, the village and person keys built, the
 * row checked across its columns (src/import/rowChecks.ts) and its status decided. The row model
 * (src/import/rowModel.ts) is re-exported for the importer's other modules.
 */
import { fieldDef, REQUIRED_FIELDS, type FieldDef, type FieldId, type FileKind } from './fields';
import type { IssueCode } from './issues';
import { MAX_NAME_CHARS, MAX_TEXT_CHARS } from './limits';
import { ageAtElection, normalizePlaceName, parseBody, cleanText, maskIdNumbersInText, maskIdText } from './normalize';
import type { IdNumber } from './normalize/idNumber';
import type { Birth, Body } from './normalize/types';
import { headerCandidates } from './headers';
import { ConvertMemo, conversion, textValue } from './convertCell';
import {
  Row,
  valueLayout,
  villageKey,
  type CellValue,
  type ColumnSpec,
  type FileContext,
  type NormalizedRow,
  type RowIssue,
} from './rowModel';
import { checkCounts, checkMember, checkResults, type Get } from './rowChecks';

export * from './rowModel';
export { convert, type Converted } from './convertCell';
export { checkCounts, checkMember, checkResults } from './rowChecks';
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
    gender: slot('gender'),
    birthYear: slot('birth_year'),
    birthMonth: slot('birth_month'),
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
  // Columns holding ID numbers — mapped, or named so but left unmapped or in a file of another
  // kind: the number is shown, kept and quoted only masked, never in full.
  const idCols = new Set(
    columns.flatMap((c, i) => (c.field === 'id_number' || headerCandidates(c.header).includes('id_number') ? [i] : [])),
  );
  const shown = (i: number, raw: string) => (idCols.has(i) ? maskIdText(raw) : raw);
  const headerOf = (id: FieldId) => columns.find((c) => c.field === id)?.header || fieldDef(id).zh;

  return (cells, rowNumber) => {
    const vals: CellValue[] = new Array<CellValue>(width0).fill(null);
    const issues: RowIssue[] = [];
    let extra: Record<string, string> | null = null;
    let body: Body | null = bodyCol >= 0 ? bodyOf(cells[bodyCol] ?? '') : null;
    body = body ?? fileBody;
    let bodyHint: Body | undefined;
    let birth: Birth | null = null;
    let idNumber: IdNumber | null = null;

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
          (extra ??= {})[plan.header] = maskIdNumbersInText(shown(i, raw.slice(0, MAX_TEXT_CHARS)));
          issues.push({
            code: 'text_truncated',
            params: { length: raw.length, limit: MAX_TEXT_CHARS },
            severity: 'warning',
            column: plan.header,
            value: clip(maskIdNumbersInText(raw)),
          });
        } else if (raw !== '' && cleanText(raw) !== '') (extra ??= {})[plan.header] = maskIdNumbersInText(shown(i, raw));
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
          issues.push({
            code: 'value_too_long',
            params,
            severity: 'warning',
            column: plan.header,
            field: plan.field.id,
            value: clip(shown(i, raw)),
          });
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
      if (c.idNumber) idNumber = c.idNumber;
      // A value that cannot be read is only a warning: the row is kept with that cell empty.
      if (c.issue) issues.push({ ...c.issue, severity: 'warning', column: plan.header, field: plan.field.id, value: shown(i, raw) });
    }
    // Cells beyond the header (an unquoted "8,956", a stray delimiter) would otherwise vanish without
    // a word, and usually mean the row's columns have shifted: keep them as extra data and warn.
    let width = cells.length;
    while (width > columns.length && cleanText(cells[width - 1]) === '') width--;
    if (width > columns.length) {
      for (let i = columns.length; i < width; i++) {
        const raw = cells[i] ?? '';
        if (raw.length > MAX_TEXT_CHARS) cut = true;
        if (cleanText(raw) !== '') (extra ??= {})[`#${i + 1}`] = maskIdNumbersInText(raw.slice(0, MAX_TEXT_CHARS));
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
      if (idNumber) birth = checkIdNumber(idNumber, vals, birth, issues, S);
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
      cut || idCols.size > 0
        ? cells.map((c, i) => (idCols.has(i) ? maskIdText(c) : c.length > MAX_TEXT_CHARS ? c.slice(0, MAX_TEXT_CHARS) : c))
        : cells,
    );
  };
}

const GENDER_ZH = { male: '男', female: '女' } as const;
const ym = (year: number, month: number | null) => (month === null ? String(year) : `${year}.${String(month).padStart(2, '0')}`);

/**
 * A valid ID number against the row: a birth date or sex that disagrees with the 出生年月 / 性别
 * columns is a warning naming both; where the row has none, the number's fill them. Returns the
 * row's birth (the number's when the row had none).
 */
function checkIdNumber(
  id: IdNumber,
  vals: CellValue[],
  birth: Birth | null,
  issues: RowIssue[],
  S: { gender: number; birthYear: number; birthMonth: number },
): Birth | null {
  if (id.birth) {
    const b = id.birth;
    if (birth === null || vals[S.birthYear] === null) {
      vals[S.birthYear] = b.year;
      vals[S.birthMonth] = b.month;
      birth = { year: b.year, month: b.month };
    } else if (birth.year !== b.year || (birth.month !== null && birth.month !== b.month))
      issues.push({
        code: 'id_birth_mismatch',
        params: { id: ym(b.year, b.month), given: ym(birth.year, birth.month) },
        severity: 'warning',
        column: '',
        value: '',
      });
  }
  if (id.gender) {
    const given = vals[S.gender];
    if (given === null) vals[S.gender] = id.gender;
    else if (given !== id.gender)
      issues.push({
        code: 'id_gender_mismatch',
        params: { id: GENDER_ZH[id.gender], given: GENDER_ZH[given as keyof typeof GENDER_ZH] ?? String(given) },
        severity: 'warning',
        column: '',
        value: '',
      });
  }
  return birth;
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
