import { describe, expect, it } from 'vitest';
import { ISSUE_MESSAGES, formatIssue, type IssueCode } from '../../src/import/issues';
import {
  ageAtElection,
  cleanText,
  isPlaceholder,
  normalizeCode,
  normalizeHeader,
  normalizePlaceName,
  normalizeVillageName,
  parseBirth,
  parseBody,
  parseBodyFromText,
  parseBool,
  parseCycleFromText,
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
  roleClass,
  MINORITIES,
  type Birth,
  type Body,
  type EducationTier,
  type Parsed,
  type Role,
} from '../../src/import/normalize';

/** Every parser is checked against the same three shapes. */
function expectValue<T>(p: Parsed<T>, value: T): void {
  expect(p.issue).toBeUndefined();
  expect(p.value).toEqual(value);
}
function expectIssue<T>(p: Parsed<T>, code: IssueCode, raw: string, value: T | null = null): void {
  expect(p.issue?.code).toBe(code);
  expect(p.issue?.params?.value).toBe(raw);
  expect(p.value).toEqual(value);
}

const FW = (s: string): string => s.replace(/[0-9.%,]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

type AnyParser = (raw: string) => Parsed<unknown>;
const CELL_PARSERS: [string, AnyParser][] = [
  ['parseInteger', parseInteger],
  ['parseNumber', parseNumber],
  ['parsePercent', parsePercent],
  ['parseBool', parseBool],
  ['parseYear', parseYear],
  ['parseBody', parseBody],
  ['parseRole', (r) => parseRole(r, null)],
  ['parseGender', parseGender],
  ['parseBirth', parseBirth],
  ['parseEducation', parseEducation],
  ['parseEthnicity', parseEthnicity],
  ['parseParty', parseParty],
  ['parseReelected', parseReelected],
  ['normalizeCode', normalizeCode],
];

describe('cleanText', () => {
  it.each([
    ['  李家村  ', '李家村'],
    ['８９５６', '8956'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['李家\u3000\u3000村', '李家 村'],
    ['a\u00a0\u00a0b', 'a b'],
    ['a \t\n b', 'a b'],
    ['党支部\n书记', '党支部 书记'],
    ['\ufeff姓名', '姓名'],
    ['李\u200b家村', '李家村'],
    ['a\u0000b\u0007c\u001fd\u007fe', 'abcde'],
    ['x\u0085y', 'xy'],
    ['９１．２％', '91.2%'],
    ['８，９５６', '8,956'],
    ['／', '/'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, out) => {
    expect(cleanText(raw)).toBe(out);
  });
  it('accepts null and undefined', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
  });
});

describe('isPlaceholder', () => {
  it.each([
    '',
    '   ',
    '\u3000',
    'x',
    'xx',
    'XX',
    'xxx',
    'XxX',
    'ｘｘ',
    '*',
    '**',
    '***',
    '＊＊',
    '—',
    '——',
    '-',
    '--',
    '－',
    '–',
    '~',
    '/',
    '／',
    '\\',
    '＼',
    'N/A',
    'n/a',
    'NA',
    '#N/A',
    '#DIV/0!',
    '#VALUE!',
    'null',
    'NULL',
    'NaN',
    '?',
    '？',
    '空',
    '空白',
    '无数据',
    '不详',
    '未知',
    '不明',
    ' xx ',
  ])('%j is a placeholder', (s) => {
    expect(isPlaceholder(s)).toBe(true);
  });
  it.each(['0', '无', '否', '是', '×', '8956', '-5', 'x1', '李家村', '一', 'none', 'N', 'Y'])('%j is not', (s) => {
    expect(isPlaceholder(s)).toBe(false);
  });
});

describe('uniform empty / placeholder handling', () => {
  describe.each(CELL_PARSERS)('%s', (_name, parse) => {
    it.each(['', '   ', '\u3000', '\u00a0'])('blank %j → null without issue', (raw) => {
      const p = parse(raw);
      expect(p.value).toBeNull();
      expect(p.issue).toBeUndefined();
    });
    it.each(['xx', '*', '—', '/', 'N/A', '#N/A', '不详'])('placeholder %j → null with placeholder issue', (raw) => {
      expectIssue(parse(raw), 'placeholder', raw);
    });
  });
});

describe('parseInteger', () => {
  it.each([
    ['8956', 8956],
    ['8,956', 8956],
    ['8，956', 8956],
    ['８９５６', 8956],
    ['８，９５６', 8956],
    ['8 956', 8956],
    ['8\u00a0956', 8956],
    ['8\u3000956', 8956],
    ['1,234,567', 1234567],
    ['8956人', 8956],
    ['8956 人', 8956],
    ['56岁', 56],
    ['3户', 3],
    ['8956.0', 8956],
    ['8,956.00', 8956],
    ['0', 0],
    ['０', 0],
    ['-0', 0],
    ['+12', 12],
    [' 12 ', 12],
    ['12\u0000', 12],
  ])('%j → %d', (raw, v) => {
    expectValue(parseInteger(raw), v);
  });
  it.each([
    ['12.5', 'not_an_integer'],
    ['１２．５', 'not_an_integer'],
    ['-5', 'negative'],
    ['－5', 'negative'],
    ['\u22125', 'negative'],
    ['-12.5', 'negative'],
    ['abc', 'not_a_number'],
    ['八千', 'not_a_number'],
    ['8,95', 'not_a_number'],
    ['12 34', 'not_a_number'],
    ['91%', 'not_a_number'],
    ['1.2E+04', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['99999999999999999999', 'not_a_number'],
    ['约100', 'not_a_number'],
  ] as [string, IssueCode][])('%j → %s', (raw, code) => {
    expectIssue(parseInteger(raw), code, raw);
  });
});

describe('parseNumber', () => {
  it.each([
    ['47.3', 47.3],
    ['47', 47],
    ['４７．３', 47.3],
    ['1,234.5', 1234.5],
    ['47.3岁', 47.3],
    ['.5', 0.5],
    ['0', 0],
  ])('%j → %d', (raw, v) => {
    expectValue(parseNumber(raw), v);
  });
  it.each([
    ['-1.5', 'negative'],
    ['abc', 'not_a_number'],
    ['4 7.3', 'not_a_number'],
  ] as [string, IssueCode][])('%j → %s', (raw, code) => {
    expectIssue(parseNumber(raw), code, raw);
  });
});

describe('parsePercent', () => {
  it.each([
    ['91.2%', 91.2],
    ['91.2 %', 91.2],
    ['91.2', 91.2],
    ['９１．２％', 91.2],
    [FW('91.2%'), 91.2],
    ['0.912', 91.2],
    ['0.913', 91.3],
    ['0.5', 50],
    ['.95', 95],
    ['1.0', 100],
    ['1', 1],
    ['0', 0],
    ['0%', 0],
    ['100%', 100],
    ['100', 100],
    ['0.5%', 0.5],
    ['85', 85],
  ])('%j → %d', (raw, v) => {
    expectValue(parsePercent(raw), v);
  });
  it.each([
    ['101.5%', 101.5],
    ['120', 120],
  ])('%j over 100 keeps %d with a warning', (raw, v) => {
    expectIssue(parsePercent(raw), 'percent_over_100', raw, v);
  });
  it.each([
    ['abc', 'not_a_percent'],
    ['九成', 'not_a_percent'],
    ['%', 'not_a_percent'],
    ['91.2%%', 'not_a_percent'],
    ['-5%', 'negative'],
  ] as [string, IssueCode][])('%j → %s', (raw, code) => {
    expectIssue(parsePercent(raw), code, raw);
  });
});

describe('parseBool', () => {
  it.each(['是', '√', '✓', '✔', '☑', 'Y', 'y', 'yes', 'YES', 'Yes', 'true', 'TRUE', 'T', '1', '1.0', '１', '对', '有', '是的', '成功'])(
    '%j → true',
    (raw) => {
      expectValue(parseBool(raw), true);
    },
  );
  it.each([
    '否',
    '×',
    '✗',
    '✘',
    '✕',
    'N',
    'n',
    'no',
    'NO',
    'false',
    'FALSE',
    'F',
    '0',
    '0.0',
    '０',
    '错',
    '无',
    '不是',
    '没有',
    '失败',
    '不成功',
    '未成功',
  ])('%j → false', (raw) => {
    expectValue(parseBool(raw), false);
  });
  it.each(['maybe', '2', '是否', '待定', 'ok'])('%j → not_a_bool', (raw) => {
    expectIssue(parseBool(raw), 'not_a_bool', raw);
  });
});

describe('parseYear', () => {
  it.each([
    ['2021', 2021],
    ['2021年', 2021],
    ['2021.0', 2021],
    ['２０２１', 2021],
    ['２０２１年', 2021],
    ['2021年度', 2021],
    ['2021 年', 2021],
    ['二〇二一年', 2021],
    ['二零一七', 2017],
    ['2021-2026', 2021],
    ['2021年—2026年', 2021],
    ['1949', 1949],
    ['2100', 2100],
  ])('%j → %d', (raw, v) => {
    expectValue(parseYear(raw), v);
  });
  it.each(['1948', '2101', '21', '0', 'abc', '2021.5', '20210', '今年'])('%j → bad_year', (raw) => {
    expectIssue(parseYear(raw), 'bad_year', raw);
  });
});

describe('parseCycleFromText', () => {
  it.each([
    ['XX镇2021年第十一届村民委员会换届选举情况统计表', 2021, '第十一届'],
    ['2021年村委会换届选举统计表.csv', 2021, null],
    ['XX镇第十一届村民委员会换届选举情况统计表', null, '第十一届'],
    ['第11届村委会 2017', 2017, '第11届'],
    ['第１１届', null, '第11届'],
    ['第 九 届', null, '第九届'],
    ['二〇二一年村党组织换届', 2021, null],
    ['results_2014.xlsx', 2014, null],
    ['村委会 2021-05-10', 2021, null],
    ['区划代码110101001001 2021年', 2021, null],
    ['code 110101200101', null, null],
    ['1850年', null, null],
    ['', null, null],
  ])('%j → %s %s', (text, year, label) => {
    expect(parseCycleFromText(text)).toEqual({ year, label });
  });
  it('prefers a year written with 年 over a bare number', () => {
    expect(parseCycleFromText('表2 1999 统计 2021年换届').year).toBe(2021);
  });
});

describe('parseBody', () => {
  it.each([
    '党支部',
    '村党支部',
    '党总支',
    '村党总支',
    '党委',
    '村党委',
    '支部委员会',
    '党支部委员会',
    '党组织',
    '社区党支部',
    '中共李家村党支部',
    '村党组织',
    '支委会',
    '党 支 部',
    'party branch',
    'Party Branch',
    'branch',
    'party committee',
    'Party',
  ])('%j → party_branch', (raw) => {
    expectValue(parseBody(raw), 'party_branch' as Body);
  });
  it.each([
    '村委会',
    '村民委员会',
    '居委会',
    '居民委员会',
    '社区居委会',
    '村委',
    '社区居民委员会',
    '村 委 会',
    'village committee',
    'Village Committee',
    "villagers' committee",
    'villagers committee',
    "residents' committee",
    'committee',
    'village_committee',
    '委员会',
  ])('%j → village_committee', (raw) => {
    expectValue(parseBody(raw), 'village_committee' as Body);
  });
  it.each(['两委', '村"两委"', '党支部、村委会', '社区', '村', 'foo', '监事会'])('%j → unknown_body', (raw) => {
    expectIssue(parseBody(raw), 'unknown_body', raw);
  });
});

describe('parseBodyFromText', () => {
  it.each([
    ['XX镇2021年第十一届村民委员会换届选举情况统计表', 'village_committee'],
    ['村民委员会换届', 'village_committee'],
    ['2021年村委会换届选举统计表.csv', 'village_committee'],
    ['社区居委会成员名册', 'village_committee'],
    ['党支部换届', 'party_branch'],
    ['2021年村党组织换届选举结果.xlsx', 'party_branch'],
    ['党总支委员会选举', 'party_branch'],
    ['village_committee_2021.csv', 'village_committee'],
    ['party-branch-2021.csv', 'party_branch'],
    ['村"两委"换届选举统计表', null],
    ['村党支部和村委会成员花名册', null],
    ['2021年换届选举统计表', null],
    ['村民选举委员会名单', null],
    ['', null],
  ] as [string, Body | null][])('%j → %s', (text, body) => {
    expect(parseBodyFromText(text)).toBe(body);
  });
});

describe('parseRole', () => {
  it.each([
    ['书记', null, 'secretary', 'party_branch'],
    ['支部书记', null, 'secretary', 'party_branch'],
    ['党支部书记', null, 'secretary', 'party_branch'],
    ['党总支书记', null, 'secretary', 'party_branch'],
    ['村党委书记', null, 'secretary', 'party_branch'],
    ['村支书', null, 'secretary', 'party_branch'],
    ['副书记', null, 'deputy_secretary', 'party_branch'],
    ['党支部副书记', null, 'deputy_secretary', 'party_branch'],
    ['专职副书记', null, 'deputy_secretary', 'party_branch'],
    ['主任', null, 'director', 'village_committee'],
    ['村委会主任', null, 'director', 'village_committee'],
    ['居委会主任', null, 'director', 'village_committee'],
    ['村民委员会主任', null, 'director', 'village_committee'],
    ['村主任', null, 'director', 'village_committee'],
    ['社区主任', null, 'director', 'village_committee'],
    ['村长', null, 'director', 'village_committee'],
    ['副主任', null, 'deputy_director', 'village_committee'],
    ['村委会副主任', null, 'deputy_director', 'village_committee'],
    ['副村长', null, 'deputy_director', 'village_committee'],
    ['委员', null, 'member', undefined],
    ['委员', 'party_branch', 'member', undefined],
    ['支委', null, 'member', 'party_branch'],
    ['支部委员', null, 'member', 'party_branch'],
    ['党支部委员', null, 'member', 'party_branch'],
    ['组织委员', null, 'member', 'party_branch'],
    ['村委委员', null, 'member', 'village_committee'],
    ['村委会委员', null, 'member', 'village_committee'],
    ['妇女委员', null, 'member', undefined],
    ['委员(妇女)', null, 'member', undefined],
    ['委员（妇女）', null, 'member', undefined],
    ['妇女主任', null, 'member', 'village_committee'],
    ['治保主任', null, 'member', 'village_committee'],
    ['副主任(兼妇女主任)', null, 'deputy_director', 'village_committee'],
    ['委员兼妇女主任', null, 'member', 'village_committee'],
    ['书 记', null, 'secretary', 'party_branch'],
    // Combined roles: the seat on the row's body.
    ['书记、主任', null, 'secretary', undefined],
    ['书记、主任', 'party_branch', 'secretary', undefined],
    ['书记、主任', 'village_committee', 'director', undefined],
    ['书记兼主任', null, 'secretary', undefined],
    ['书记兼主任', 'village_committee', 'director', undefined],
    ['书记兼任主任', 'village_committee', 'director', undefined],
    ['书记、村委会主任', 'party_branch', 'secretary', undefined],
    ['书记、村委会主任', 'village_committee', 'director', undefined],
    ['党支部书记/村委会主任', 'village_committee', 'director', undefined],
    ['一肩挑', null, 'secretary', undefined],
    ['一肩挑', 'party_branch', 'secretary', undefined],
    ['一肩挑', 'village_committee', 'director', undefined],
    ['书记(一肩挑)', 'village_committee', 'director', undefined],
    ['副书记兼副主任', 'village_committee', 'deputy_director', undefined],
    ['副书记兼副主任', null, 'deputy_secretary', undefined],
    ['支委、村委委员', 'village_committee', 'member', undefined],
    // English
    ['secretary', null, 'secretary', 'party_branch'],
    ['Party Secretary', null, 'secretary', 'party_branch'],
    ['Deputy Secretary', null, 'deputy_secretary', 'party_branch'],
    ['vice secretary', null, 'deputy_secretary', 'party_branch'],
    ['director', null, 'director', 'village_committee'],
    ['Chair', null, 'director', 'village_committee'],
    ['chairman', null, 'director', 'village_committee'],
    ['deputy director', null, 'deputy_director', 'village_committee'],
    ['vice director', null, 'deputy_director', 'village_committee'],
    ['Vice-Director', null, 'deputy_director', 'village_committee'],
    ['vice chair', null, 'deputy_director', 'village_committee'],
    ['member', null, 'member', undefined],
    ['Village committee member', null, 'member', 'village_committee'],
    ['branch member', null, 'member', 'party_branch'],
    ['secretary and director', 'village_committee', 'director', undefined],
    ['secretary and director', null, 'secretary', undefined],
  ] as [string, Body | null, Role, Body | undefined][])('%j (body %s) → %s, hint %s', (raw, body, role, hint) => {
    const p = parseRole(raw, body);
    expect(p.issue).toBeUndefined();
    expect(p.value).toBe(role);
    expect(p.bodyHint).toBe(hint);
  });
  it('reads a role prefixed with the full party name', () => {
    const p = parseRole('中共党支部书记', null);
    expect(p.value).toBe('secretary');
    expect(p.bodyHint).toBe('party_branch');
  });
  it.each(['组长', '会计', '第一书记', '监委会主任', '村务监督委员会委员', 'treasurer', '文书', '党员'])('%j → unknown_role', (raw) => {
    const p = parseRole(raw, null);
    expectIssue(p, 'unknown_role', raw);
    expect(p.bodyHint).toBeUndefined();
  });
  it('placeholders and blanks give no hint', () => {
    expect(parseRole('', 'party_branch')).toEqual({ value: null });
    expectIssue(parseRole('xx', 'party_branch'), 'placeholder', 'xx');
  });
});

describe('roleClass', () => {
  it.each([
    ['secretary', 'head'],
    ['director', 'head'],
    ['deputy_secretary', 'deputy'],
    ['deputy_director', 'deputy'],
    ['member', 'member'],
  ] as const)('%s → %s', (role, cls) => {
    expect(roleClass(role)).toBe(cls);
  });
});

describe('parseGender', () => {
  it.each(['男', '男性', '男士', 'M', 'm', 'male', 'Male', 'MALE', ' 男 ', 'ｍ'])('%j → male', (raw) => {
    expectValue(parseGender(raw), 'male');
  });
  it.each(['女', '女性', '女士', 'F', 'f', 'female', 'Female', '\u3000女'])('%j → female', (raw) => {
    expectValue(parseGender(raw), 'female');
  });
  it.each(['1', '2', '男女', 'other', '未'])('%j → unknown_gender', (raw) => {
    expectIssue(parseGender(raw), 'unknown_gender', raw);
  });
});

describe('parseBirth', () => {
  it.each([
    ['1969.04', 1969, 4],
    ['1969.4', 1969, 4],
    ['1969.1', 1969, 1],
    ['1969.10', 1969, 10],
    ['1969.12', 1969, 12],
    ['1969年4月', 1969, 4],
    ['1969年04月', 1969, 4],
    ['1969年04月26日', 1969, 4],
    ['1969年4月26', 1969, 4],
    ['1969年4月生', 1969, 4],
    ['1969-04-26', 1969, 4],
    ['1969/4/26', 1969, 4],
    ['1969.04.26', 1969, 4],
    ['1969-04', 1969, 4],
    ['1969/04', 1969, 4],
    ['196904', 1969, 4],
    ['19690426', 1969, 4],
    ['1969', 1969, null],
    ['1969年', 1969, null],
    ['1969.0', 1969, null],
    ['１９６９．０４', 1969, 4],
    ['１９６９年４月', 1969, 4],
    ['1969-04-26 00:00:00', 1969, 4],
    ['1969-04-26T00:00:00', 1969, 4],
    ['4/26/1969', 1969, 4],
    ['25329', 1969, 5],
    ['25329.0', 1969, 5],
    ['36526', 2000, 1],
    ['2000-02-29', 2000, 2],
    ['1900.01', 1900, 1],
    ['2020.12', 2020, 12],
  ])('%j → %d-%s', (raw, year, month) => {
    expectValue(parseBirth(raw), { year, month } as Birth);
  });
  it.each([
    '1969.13',
    '1969.0.1',
    '1969-13-01',
    '1969年13月',
    '196913',
    '19691301',
    '1969-02-30',
    '1969-04-31',
    '1899',
    '2021',
    '2021.01',
    '1850年',
    '60001',
    '99999',
    '69.04',
    'abc',
    '一九六九年',
    '1969-4-26-1',
    '0',
  ])('%j → bad_birth', (raw) => {
    expectIssue(parseBirth(raw), 'bad_birth', raw);
  });
});

describe('ageAtElection', () => {
  it.each([
    [2021, { year: 1969, month: 4 }, null, 52],
    [2021, { year: 1969, month: null }, null, 52],
    [2021, { year: 1969, month: 4 }, 51, 51],
    [null, { year: 1969, month: 4 }, 51, 51],
    [2021, null, 40, 40],
    [null, null, 0, 0],
    [null, { year: 1969, month: 4 }, null, null],
    [2021, null, null, null],
    [null, null, null, null],
  ] as [number | null, Birth | null, number | null, number | null][])('%s, %j, %s → %s', (cycle, birth, age, out) => {
    expect(ageAtElection(cycle, birth, age)).toBe(out);
  });
});

describe('parseEducation', () => {
  it.each([
    ...['文盲', '半文盲', '小学', '初中', '初中及以下', '初小', '高小', '初级中学', '初中毕业', '小学文化', '初中学历', '全日制初中'].map(
      (s) => [s, 'junior_or_below'],
    ),
    ...[
      '高中',
      '中专',
      '职高',
      '技校',
      '中技',
      '高中及中专',
      '高中(中专)',
      '高中（中专）',
      '中等专科',
      '高中毕业',
      '全日制高中',
      '高中文化',
      '职业高中',
      '中师',
      '高中及以下',
    ].map((s) => [s, 'senior']),
    ...[
      '大专',
      '专科',
      '大学专科',
      '本科',
      '大学',
      '大学本科',
      '研究生',
      '硕士',
      '博士',
      '硕士研究生',
      '大专及以上',
      '本科及以上',
      '全日制本科',
      '在职研究生',
      '大专学历',
      '本科毕业',
      '党校大专',
      '高职',
      '大学本科学历',
      '大 专',
    ].map((s) => [s, 'college']),
    ...['primary', 'Primary school', 'elementary', 'junior high', 'Junior High School', 'middle school', 'illiterate'].map((s) => [
      s,
      'junior_or_below',
    ]),
    ...['senior high', 'high school', 'High School', 'vocational', 'secondary vocational', 'technical school'].map((s) => [s, 'senior']),
    ...[
      'college',
      'junior college',
      'bachelor',
      "Bachelor's degree",
      'master',
      'PhD',
      'Ph.D.',
      'postgraduate',
      'university',
      'higher vocational',
    ].map((s) => [s, 'college']),
  ] as [string, EducationTier][])('%j → %s', (raw, tier) => {
    expectValue(parseEducation(raw), tier);
  });
  it.each(['无', '中学', '其他', 'none', '学前'])('%j → unknown_education', (raw) => {
    expectIssue(parseEducation(raw), 'unknown_education', raw);
  });
});

describe('parseEthnicity', () => {
  it.each(['汉', '汉族', 'Han', 'han', 'Han Chinese', ' 汉 族 '])('%j → not minority', (raw) => {
    expectValue(parseEthnicity(raw), false);
  });
  it('knows all 55 minorities', () => {
    expect(MINORITIES).toHaveLength(55);
    expect(new Set(MINORITIES).size).toBe(55);
  });
  it.each(MINORITIES.flatMap((m) => [m, `${m}族`]))('%j → minority', (raw) => {
    expectValue(parseEthnicity(raw), true);
  });
  it.each(['少数民族', 'Mongol', 'Hui', 'Tibetan', 'Uyghur', 'Zhuang', 'Manchu', 'Miao', 'Korean', 'Tujia'])('%j → minority', (raw) => {
    expectValue(parseEthnicity(raw), true);
  });
  it.each(['穿青族', '革家族'])('unrecognised %j ending in 族 → minority with warning', (raw) => {
    expectIssue(parseEthnicity(raw), 'unknown_ethnicity', raw, true);
  });
  it.each(['穿青人', '其他', 'foo', '族', '民族', '外国'])('%j → unknown_ethnicity', (raw) => {
    expectIssue(parseEthnicity(raw), 'unknown_ethnicity', raw);
  });
});

describe('parseParty', () => {
  it.each([
    '中共党员',
    '党员',
    '中共预备党员',
    '预备党员',
    '共产党员',
    '中国共产党党员',
    '中共正式党员',
    '中共 党员',
    '是',
    '√',
    'Y',
    '1',
    '有',
    'CPC member',
    'CCP member',
    'party member',
    'Communist',
  ])('%j → member', (raw) => {
    expectValue(parseParty(raw), true);
  });
  it.each([
    '群众',
    '共青团员',
    '团员',
    '无党派',
    '无党派人士',
    '民革',
    '民盟',
    '民建',
    '民进',
    '农工党',
    '致公党',
    '九三学社',
    '台盟',
    '民盟盟员',
    '农工党党员',
    '九三学社社员',
    '致公党党员',
    '中国民主同盟盟员',
    '民主党派',
    '非党员',
    '非中共党员',
    '否',
    '×',
    'N',
    '0',
    '无',
    'masses',
    'non-party',
    'League member',
    'Communist Youth League member',
    'none',
  ])('%j → not a member', (raw) => {
    expectValue(parseParty(raw), false);
  });
  it.each(['其他', 'foo', '干部'])('%j → unknown_party', (raw) => {
    expectIssue(parseParty(raw), 'unknown_party', raw);
  });
});

describe('parseReelected', () => {
  it.each(['是', '√', 'Y', '1', '连任', '留任', '继任', '续任', '是(连任)', '连选连任', 'yes', 're-elected', 'reelected', 'Incumbent'])(
    '%j → re-elected',
    (raw) => {
      expectValue(parseReelected(raw), true);
    },
  );
  it.each([
    '否',
    '×',
    'N',
    '0',
    '新当选',
    '新任',
    '新',
    '新进',
    '新进入',
    '首次当选',
    '否(新当选)',
    '未连任',
    '非连任',
    '不连任',
    'no',
    'new',
    'newly elected',
    'not re-elected',
    'first term',
  ])('%j → new', (raw) => {
    expectValue(parseReelected(raw), false);
  });
  it.each(['其他', 'foo'])('%j → not_a_bool', (raw) => {
    expectIssue(parseReelected(raw), 'not_a_bool', raw);
  });
});

describe('normalizeVillageName', () => {
  it.each([
    ['李家村', '李家村'],
    ['李家 村', '李家村'],
    [' 李家\u3000村 ', '李家村'],
    ['李家村委会', '李家村'],
    ['李家村村委会', '李家村'],
    ['李家村民委员会', '李家村'],
    ['李家村村民委员会', '李家村'],
    ['李家村委', '李家村'],
    ['李家 村委会', '李家村'],
    ['幸福社区居委会', '幸福社区'],
    ['幸福社区居民委员会', '幸福社区'],
    ['幸福居委会', '幸福'],
    ['李家村党支部', '李家村'],
    ['李家村党总支', '李家村'],
    ['李家村党委', '李家村'],
    ['中共李家村党支部', '李家村'],
    ['幸福社区党支部', '幸福社区'],
    ['村委会', '村委会'],
    ['党支部', '党支部'],
    ['新村', '新村'],
    ['ＡＢ村', 'AB村'],
    ['', ''],
  ])('%j → %j', (raw, out) => {
    expect(normalizeVillageName(raw)).toBe(out);
  });
});

describe('normalizePlaceName', () => {
  it.each([
    [' 城关 镇 ', '城关镇'],
    ['城关\u3000镇', '城关镇'],
    ['某某县', '某某县'],
    ['', ''],
  ])('%j → %j', (raw, out) => {
    expect(normalizePlaceName(raw)).toBe(out);
  });
});

describe('normalizeCode', () => {
  it.each([
    ['110101001001', '110101001001'],
    ['010101001001', '010101001001'],
    ['１１０１０１００１００１', '110101001001'],
    ['110101 001 001', '110101001001'],
    ['110101001001.0', '110101001001'],
    ["'010101001001", '010101001001'],
    ['LJ-01', 'LJ-01'],
    ['0', '0'],
  ])('%j → %j', (raw, out) => {
    expectValue(normalizeCode(raw), out);
  });
  it.each(['1.10101E+11', '1.10101e+11', '1.10101E11', '１．１０１０１Ｅ＋１１'])('%j → not_a_number', (raw) => {
    expectIssue(normalizeCode(raw), 'not_a_number', raw);
  });
});

describe('normalizeHeader', () => {
  it.each([
    ['参选率(%)', '参选率'],
    ['参选率（%）', '参选率'],
    ['参选率%', '参选率'],
    ['参选率％', '参选率'],
    ['县(市、区)', '县'],
    ['县（市、区）', '县'],
    ['乡(镇、街道)', '乡'],
    ['得票数(票)', '得票数'],
    ['姓名：', '姓名'],
    ['姓名:', '姓名'],
    ['参选率(%)：', '参选率'],
    ['登记选民【人】', '登记选民'],
    ['登记选民[人]', '登记选民'],
    ['登记\n选民数', '登记选民数'],
    [' 姓　名 ', '姓名'],
    ['\ufeff姓名', '姓名'],
    ['*姓名', '姓名'],
    ['Turnout (%)', 'turnout'],
    ['Village Name', 'villagename'],
    ['ＡＧＥ', 'age'],
    ['(备注)', '备注'],
    ['a((b))', 'a'],
    ['', ''],
  ])('%j → %j', (raw, out) => {
    expect(normalizeHeader(raw)).toBe(out);
  });
});

describe('issue params', () => {
  it('every cell issue quotes the raw cell and formats in both languages', () => {
    const raw = ' １２．５ ';
    const p = parseInteger(raw);
    expect(p.issue).toEqual({ code: 'not_an_integer', params: { value: raw } });
    expect(formatIssue(p.issue!, 'zh')).toContain(raw);
    expect(formatIssue(p.issue!, 'en')).toContain(raw);
  });
  it('uses only codes that have messages', () => {
    const codes = [
      parseInteger('x1').issue?.code,
      parsePercent('abc').issue?.code,
      parseBool('abc').issue?.code,
      parseYear('abc').issue?.code,
      parseBody('abc').issue?.code,
      parseRole('abc', null).issue?.code,
      parseGender('abc').issue?.code,
      parseBirth('abc').issue?.code,
      parseEducation('abc').issue?.code,
      parseEthnicity('abc').issue?.code,
      parseParty('abc').issue?.code,
      parseReelected('abc').issue?.code,
      normalizeCode('1E+11').issue?.code,
    ];
    for (const c of codes) expect(c && c in ISSUE_MESSAGES).toBe(true);
  });
});

describe('names in other scripts keep their spaces', () => {
  it('removes only the spaces beside Chinese characters', async () => {
    const { normalizeVillageName, normalizePlaceName } = await import('../../src/import/normalize');
    expect(normalizeVillageName('李家 村')).toBe('李家村');
    expect(normalizeVillageName(' 李家　村委会 ')).toBe('李家村');
    expect(normalizeVillageName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(normalizePlaceName('河 东 镇')).toBe('河东镇');
  });
});
