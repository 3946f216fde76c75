import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectedToBatch } from '../../src/import/columnBatch';
import { TABLE_COLUMNS } from '../../src/import/columns';
import { matchHeader } from '../../src/import/headers';
import { idKeyId, setIdHashKey } from '../../src/import/idHash';
import { formatIssue, ISSUE_MESSAGES } from '../../src/import/issues';
import { idCheckChar, maskIdNumbersInText, maskIdText, parseIdNumber } from '../../src/import/normalize';
import { normalizeRow, type ColumnSpec } from '../../src/import/normalizeRow';

/*
 * Every number here is made up: a region code, a birth date and a sequence, with the check
 * character computed by the test's own GB 11643-1999 function (not the one under test).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function check(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return '10X98765432'[sum % 11]!;
}
function makeId(region: string, yyyymmdd: string, seq: string): string {
  const first17 = region + yyyymmdd + seq;
  return first17 + check(first17);
}
/** A number whose check character is the one given, found by trying sequences. */
function makeIdEndingIn(region: string, yyyymmdd: string, want: string): string {
  for (let n = 100; n < 1000; n++) {
    const id = makeId(region, yyyymmdd, String(n));
    if (id.endsWith(want)) return id;
  }
  throw new Error('none');
}
const FW = (s: string) => s.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const MALE = makeId('110105', '19690426', '123'); // 17th digit 3: male
const FEMALE = makeId('411081', '19850317', '046'); // 17th digit 6: female
const WITH_X = makeIdEndingIn('320106', '19720815', 'X');
const TODAY = new Date(Date.UTC(2026, 11, 6));

describe('idCheckChar', () => {
  it('agrees with the GB 11643-1999 computation', () => {
    for (const id of [MALE, FEMALE, WITH_X]) expect(idCheckChar(id.slice(0, 17))).toBe(id[17]);
    // The standard's own example from its annex.
    expect(idCheckChar('11010519491231002')).toBe('X');
  });
});

describe('parseIdNumber', () => {
  it('reads a valid number: masked form, birth date and sex', () => {
    const p = parseIdNumber(MALE, TODAY);
    expect(p.issue).toBeUndefined();
    expect(p.value).toEqual({
      masked: `110105********${MALE.slice(-4)}`,
      full: MALE,
      birth: { year: 1969, month: 4, day: 26 },
      gender: 'male',
    });
    expect(parseIdNumber(FEMALE, TODAY).value?.gender).toBe('female');
    expect(parseIdNumber(FEMALE, TODAY).value?.birth).toEqual({ year: 1985, month: 3, day: 17 });
  });

  it('accepts spaces, a leading apostrophe, full-width digits and a lower-case x', () => {
    const spaced = `${WITH_X.slice(0, 6)} ${WITH_X.slice(6, 14)} ${WITH_X.slice(14)}`;
    for (const raw of [spaced, `'${WITH_X}`, FW(WITH_X), WITH_X.toLowerCase(), ` ${WITH_X.replace('X', 'x')} `]) {
      const p = parseIdNumber(raw, TODAY);
      expect(p.issue, raw).toBeUndefined();
      expect(p.value?.full).toBe(WITH_X);
    }
    expect(parseIdNumber(`’${FW(MALE)}`, TODAY).value?.full).toBe(MALE);
  });

  it('converts an old 15-digit number to 18 digits with its check character', () => {
    // 15 digits: region, YYMMDD (19YY), 3-digit sequence.
    const old = '110105690426123';
    const p = parseIdNumber(old, TODAY);
    expect(p.issue).toBeUndefined();
    expect(p.value?.full).toBe(MALE);
    expect(p.value?.masked).toBe(`110105********${MALE.slice(-4)}`);
    expect(p.value?.birth).toEqual({ year: 1969, month: 4, day: 26 });
    expect(p.value?.gender).toBe('male');
    expect(parseIdNumber('110105690230123', TODAY).issue?.code).toBe('id_bad_date');
  });

  it('rejects a wrong check character, quoting the masked number', () => {
    const wrong = MALE.slice(0, 17) + (MALE[17] === '0' ? '1' : '0');
    const p = parseIdNumber(wrong, TODAY);
    expect(p.value).toBeNull();
    expect(p.issue).toEqual({ code: 'id_bad_check', params: { value: `110105********${wrong.slice(-4)}` } });
    expect(formatIssue(p.issue!, 'zh')).not.toContain(wrong);
  });

  it('rejects a birth date that does not exist, lies in the future or before 1900', () => {
    for (const date of ['19690230', '19691301', '19690000', '18991231', '20270101', '20261207']) {
      const p = parseIdNumber(makeId('110105', date, '123'), TODAY);
      expect(p.issue?.code, date).toBe('id_bad_date');
      expect(p.value).toBeNull();
    }
    expect(parseIdNumber(makeId('110105', '20000229', '123'), TODAY).issue).toBeUndefined();
    expect(parseIdNumber(makeId('110105', '20261206', '123'), TODAY).issue).toBeUndefined();
  });

  it('refuses scientific notation: the digits are lost', () => {
    for (const raw of ['4.11081E+17', '4.11081e17', '4.11081199E+17', '４．１１０８１Ｅ＋１７']) {
      const p = parseIdNumber(raw, TODAY);
      expect(p.issue?.code, raw).toBe('id_number_lost_digits');
      expect(p.value).toBeNull();
    }
    // A number cell keeps 15 significant digits: the last three of 18 come back as 000.
    const cut = `${FEMALE.slice(0, 15)}000`;
    if (check(cut.slice(0, 17)) !== '0') expect(parseIdNumber(cut, TODAY).issue?.code).toBe('id_number_lost_digits');
  });

  it('rejects other shapes', () => {
    for (const raw of ['12345', MALE.slice(0, 17), `${MALE}1`, '11010519690426123Y', '身份证']) {
      expect(parseIdNumber(raw, TODAY).issue?.code, raw).toBe('bad_id_number');
    }
  });

  it('keeps a number the file gives masked already, deriving nothing', () => {
    expect(parseIdNumber('110105********1234', TODAY)).toEqual({
      value: { masked: '110105********1234', full: null, birth: null, gender: null },
    });
  });

  it('is silent on an empty cell and flags a placeholder', () => {
    expect(parseIdNumber('', TODAY)).toEqual({ value: null });
    expect(parseIdNumber('  ', TODAY)).toEqual({ value: null });
    expect(parseIdNumber('不详', TODAY).issue?.code).toBe('placeholder');
  });

  it('uses only codes with messages in both languages', () => {
    for (const code of ['bad_id_number', 'id_bad_check', 'id_bad_date', 'id_number_lost_digits', 'id_birth_mismatch', 'id_gender_mismatch'])
      expect(code in ISSUE_MESSAGES).toBe(true);
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdText(MALE)).toBe(`${MALE.slice(0, 6)}********${MALE.slice(-4)}`);
    expect(maskIdText(`'${FW(WITH_X.toLowerCase())}`)).toBe(`${WITH_X.slice(0, 6)}********${WITH_X.slice(-4)}`);
    expect(maskIdText('12345')).toBe('*****');
  });
  it('masks ID-shaped runs inside free text only', () => {
    expect(maskIdNumbersInText(`张三 ${MALE} 备注`)).toBe(`张三 ${maskIdText(MALE)} 备注`);
    expect(maskIdNumbersInText('110105690426123')).toBe('110105*****6123');
    expect(maskIdNumbersInText('电话 13812345678')).toBe('电话 13812345678');
    expect(maskIdNumbersInText('1234567890123456789012')).toBe('1234567890123456789012');
  });
});

describe('the ID number in a roster row', () => {
  const KEY = new Uint8Array(32).fill(7);
  beforeAll(() => setIdHashKey(KEY));
  const hash = (full: string) => `${idKeyId(KEY)}:${bytesToHex(hmac(sha256, KEY, utf8ToBytes(full)))}`;

  const columns: ColumnSpec[] = [
    { header: '村名', field: 'village' },
    { header: '姓名', field: 'name' },
    { header: '职务', field: 'role' },
    { header: '性别', field: 'gender' },
    { header: '出生年月', field: 'birth' },
    { header: '身份证号', field: 'id_number' },
  ];
  const ctx = { cycle_year: '2021', body: '村委会' };
  const row = (gender: string, birth: string, id: string) =>
    normalizeRow('members', ['李家村', '张三', '主任', gender, birth, id], 5, columns, ctx);

  it('is recognised under its usual headers', () => {
    for (const h of ['身份证号', '公民身份号码', '身份证', '身份证号码', 'ID number', '身份证号码(18位)'])
      expect(matchHeader(h, 'members'), h).toBe('id_number');
    expect(TABLE_COLUMNS.members.map((c) => c.name)).toEqual(expect.arrayContaining(['id_masked', 'id_hash']));
    expect(TABLE_COLUMNS.members.map((c) => c.name)).not.toContain('id_number');
  });

  it('stores the masked form and the keyed hash, never the number', () => {
    const r = row('男', '1969.04', MALE);
    expect(r.status).toBe('ok');
    expect(r.values.id_masked).toBe(maskIdText(MALE));
    expect(r.values.id_hash).toBe(hash(MALE));
    expect(r.values.id_hash).toMatch(/^[0-9a-f]{8}:[0-9a-f]{64}$/);
    expect(JSON.stringify(r.values)).not.toContain(MALE);
    expect(r.cells[5]).toBe(maskIdText(MALE));
    expect(JSON.stringify(r.cells)).not.toContain(MALE);
    // An old 15-digit number links to the same person as its 18-digit form.
    expect(row('男', '1969.04', '110105690426123').values.id_hash).toBe(hash(MALE));
  });

  it('warns when the birth date or sex disagrees, naming both', () => {
    const r = row('女', '1970.04', MALE);
    expect(r.status).toBe('warning');
    const birth = r.issues.find((i) => i.code === 'id_birth_mismatch')!;
    expect(birth.params).toEqual({ id: '1969.04', given: '1970.04' });
    expect(formatIssue(birth, 'zh')).toBe('身份证号的出生年月 1969.04 与出生年月 1970.04 不符');
    expect(r.issues.find((i) => i.code === 'id_gender_mismatch')?.params).toEqual({ id: '男', given: '女' });
    // The row's own values are kept.
    expect(r.values.birth_year).toBe(1970);
    expect(r.values.gender).toBe('female');
    // A birth given as a year only agrees with any month of that year.
    expect(row('男', '1969', MALE).issues).toEqual([]);
    expect(row('男', '1969.05', MALE).issues.map((i) => i.code)).toEqual(['id_birth_mismatch']);
  });

  it('fills the birth date and sex the row lacks', () => {
    const r = row('', '', FEMALE);
    expect(r.status).toBe('ok');
    expect(r.values.gender).toBe('female');
    expect(r.values.birth_year).toBe(1985);
    expect(r.values.birth_month).toBe(3);
    expect(r.values.age).toBe(2021 - 1985);
  });

  it('an invalid number is a warning, the cell stored empty and quoted masked', () => {
    const wrong = MALE.slice(0, 17) + (MALE[17] === '0' ? '1' : '0');
    for (const [raw, code] of [
      [wrong, 'id_bad_check'],
      ['4.11081E+17', 'id_number_lost_digits'],
      [makeId('110105', '19690230', '123'), 'id_bad_date'],
    ] as const) {
      const r = row('男', '1969.04', raw);
      expect(r.status, raw).toBe('warning');
      expect(r.values.id_masked).toBeNull();
      expect(r.values.id_hash).toBeNull();
      const issue = r.issues.find((i) => i.code === code)!;
      expect(issue.severity).toBe('warning');
      expect(issue.column).toBe('身份证号');
      expect(issue.value).toBe(maskIdText(raw));
      if (raw.length === 18) expect(JSON.stringify(r.issues)).not.toContain(raw);
      expect(r.cells[5]).toBe(maskIdText(raw));
    }
  });

  it('masks an ID column left unmapped or in a file of another kind in the extra data', () => {
    const unmapped = columns.map((c) => (c.field === 'id_number' ? { ...c, field: null } : c));
    const r = normalizeRow('members', ['李家村', '张三', '主任', '男', '1969.04', MALE], 5, unmapped, ctx);
    expect(r.extra.身份证号).toBe(maskIdText(MALE));
    expect(r.cells[5]).toBe(maskIdText(MALE));
    // Under any other header, a cell shaped like an ID number is masked too.
    const notes = [...columns.slice(0, 5), { header: '备注', field: null }];
    const n = normalizeRow('members', ['李家村', '张三', '主任', '男', '1969.04', `身份证 ${FEMALE}`], 5, notes, ctx);
    expect(n.extra.备注).toBe(`身份证 ${maskIdText(FEMALE)}`);
  });

  it('a rejected row keeps its cells with the ID number masked', () => {
    const r = normalizeRow('members', ['', '张三', '主任', '男', '1969.04', MALE], 5, columns, { cycle_year: '2021' });
    expect(r.status).toBe('rejected');
    const other = normalizeRow(
      'members',
      ['', '李四', '主任', '男', '1969.04', FEMALE],
      6,
      [...columns.slice(0, 5), { header: '备注', field: null }],
      {
        cycle_year: '2021',
      },
    );
    const batch = rejectedToBatch([r, other]);
    const cells = batch.columns[1]!;
    if (cells.type !== 'text') throw new Error(cells.type);
    const stored = [...cells.ids].map((i) => cells.dict[i]!);
    expect(JSON.parse(stored[0]!)[5]).toBe(maskIdText(MALE));
    expect(JSON.parse(stored[1]!)[5]).toBe(maskIdText(FEMALE));
    expect(stored.join()).not.toContain(MALE);
    expect(stored.join()).not.toContain(FEMALE);
  });
});
