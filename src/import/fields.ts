/**
 * The single catalogue of importable fields: their canonical ids, labels, value types
 * and every header alias we recognise. Header matching, the mapping UI, the DuckDB
 * schema and the column list of docs/columns.md all read from here.
 */

/**
 * - results: one row per village × cycle × body with voters, ballots, seats;
 * - members: one row per elected person (the roster, 花名册);
 * - stats: the official per-village statistical table (村"两委"换届选举情况统计表), one row per
 *   village × cycle × body with the members already counted, and the voter figures of a results file.
 */
export type FileKind = 'results' | 'members' | 'stats';

/** How a cell is turned into a stored value (see src/import/normalize). */
export type ValueType =
  | 'text'
  | 'code' // identifiers: kept as text, digits normalised, never numeric
  | 'village' // village name: stray spaces and trailing 村委会/居委会 removed
  | 'int' // counts: "8,956", full-width digits
  | 'decimal' // measures with decimals: an average age "45.3", "45.3岁"
  | 'percent' // "91.2%", 91.2, 0.912 → percentage points
  | 'bool' // 是/否, √/×, Y/N
  | 'year' // 2021, "2021年"
  | 'body' // → party_branch | village_committee
  | 'role' // → secretary | deputy_secretary | director | deputy_director | member
  | 'gender' // → male | female
  | 'birth' // "1969.04", "1969年4月", "1969-04-26" → year + month
  | 'education' // → raw + tier
  | 'ethnicity' // → raw + minority flag
  | 'party' // 中共党员 / 群众 / 是 / 否 → boolean
  | 'reelected' // 是否连任 是/否, or 新当选 → boolean
  | 'id_number' // 公民身份号码 → checked and masked; never stored in full
  | 'date' // 选举日期 "2021年11月28日", "2021/11/28", an Excel serial → DATE
  | 'village_mark' // 村类别 重点村 / 难点村 / 一般村 → is_key_village + is_difficult_village
  | 'key_flag' // 是否重点村 是/否 → is_key_village
  | 'difficult_flag'; // 是否难点村 是/否 → is_difficult_village

export type FieldId =
  | 'county'
  | 'township'
  | 'village'
  | 'village_code'
  | 'cycle_year'
  | 'cycle_label'
  | 'body'
  // results
  | 'eligible_voters'
  | 'registered_voters'
  | 'voters_voted'
  | 'turnout_reported'
  | 'party_members_entitled'
  | 'party_members_present'
  | 'party_members_voted'
  | 'ballots_issued'
  | 'ballots_returned'
  | 'ballots_valid'
  | 'ballots_invalid'
  | 'seats'
  | 'candidates'
  | 'first_round_success'
  | 'rounds'
  | 'population'
  | 'households'
  | 'villager_groups'
  | 'election_date'
  | 'village_category'
  | 'key_village'
  | 'difficult_village'
  // members
  | 'name'
  | 'role'
  | 'gender'
  | 'birth'
  | 'age'
  | 'education'
  | 'ethnicity'
  | 'party_member'
  | 'reelected'
  | 'votes'
  | 'college_graduate_official'
  | 'id_number'
  // statistical tables: counts of the members elected
  | StatCountId
  | 'mean_age'
  | 'one_shoulder'
  | ShareFieldId;

/** Counts a statistical table gives per village × cycle × body (each ≤ 成员数). */
export type StatCountId =
  | 'n_members'
  | 'n_women'
  | 'n_minority'
  | 'n_party'
  | 'n_reelected'
  | 'n_age_le35'
  | 'n_age_36_45'
  | 'n_age_46_55'
  | 'n_age_ge56'
  | 'n_age_le29'
  | 'n_age_30_49'
  | 'n_age_ge50'
  | 'n_age_ge60'
  | 'n_edu_junior'
  | 'n_edu_senior'
  | 'n_edu_college'
  | 'n_cross_holding'
  | 'n_cgo';

/** A count's share of the members as the table reports it (占比): checked, not stored. */
export type ShareFieldId = `${Exclude<StatCountId, 'n_members'>}_pct`;

export interface FieldDef {
  id: FieldId;
  zh: string;
  en: string;
  type: ValueType;
  /** Which kinds of file carry it. Location fields belong to both. */
  kinds: readonly FileKind[];
  /** Header spellings, Chinese and English; compared after normaliseHeader(). */
  aliases: readonly string[];
  /**
   * Fields that identify the kind of file: a header set containing these votes for the kind.
   * Location fields carry no weight.
   */
  signals?: boolean;
  /** For a reported share (占比): the count it is a share of, checked against count ÷ 成员数. */
  shareOf?: StatCountId;
}

const BOTH: readonly FileKind[] = ['results', 'members', 'stats'];
// A statistical table carries the voter figures of a results file too; they go to the same table.
const RES: readonly FileKind[] = ['results', 'stats'];
const MEM: readonly FileKind[] = ['members'];
const STATS: readonly FileKind[] = ['stats'];

/**
 * An age band's headers. Chinese statistics count the bound in: "35岁以下" is 35 or under and
 * "60岁以上" is 60 or over (以上、以下包括本数, Civil Code art. 1259), as the catalogue's bands are.
 */
function ageBand(lo: number | null, hi: number | null): string[] {
  if (lo === null)
    return [
      `${hi}岁以下`,
      `${hi}岁及以下`,
      `${hi}周岁以下`,
      `${hi}周岁及以下`,
      `≤${hi}岁`,
      `其中${hi}岁以下`,
      `${hi}岁以下人员`,
      `aged ${hi} or under`,
      `${hi} or under`,
    ];
  if (hi === null)
    return [
      `${lo}岁以上`,
      `${lo}岁及以上`,
      `${lo}周岁以上`,
      `${lo}周岁及以上`,
      `≥${lo}岁`,
      `其中${lo}岁以上`,
      `${lo}岁以上人员`,
      `aged ${lo} or over`,
      `${lo} or over`,
    ];
  const spans = ['-', '–', '—', '~', '至', '到'].flatMap((d) => [`${lo}${d}${hi}岁`, `${lo}${d}${hi}周岁`, `${lo}${d}${hi}`]);
  return [...spans, `aged ${lo}-${hi}`, `aged ${lo}–${hi}`];
}

export const SHARE_SUFFIXES = ['占比', '比例', '比重', '所占比例'];
export const SHARE_SUFFIXES_EN = [' share', ' %', ' percent', ' percentage'];

/** The reported share of a count: its headers followed by 占比 / 比例 / 比重 (or a "%" in the header). */
function shareField(count: FieldDef, extra: readonly string[] = []): FieldDef {
  const zh = count.aliases.filter((a) => /\p{Script=Han}/u.test(a));
  const en = count.aliases.filter((a) => !/\p{Script=Han}/u.test(a));
  return {
    id: `${count.id}_pct` as ShareFieldId,
    zh: `${count.zh}占比`,
    en: `${count.en} share`,
    type: 'percent',
    kinds: STATS,
    shareOf: count.id as StatCountId,
    aliases: [...extra, ...zh.flatMap((a) => SHARE_SUFFIXES.map((s) => a + s)), ...en.flatMap((a) => SHARE_SUFFIXES_EN.map((s) => a + s))],
  };
}

function count(id: StatCountId, zh: string, en: string, aliases: readonly string[]): FieldDef {
  return { id, zh, en, type: 'int', kinds: STATS, signals: true, aliases };
}

const N_WOMEN = count('n_women', '女性', 'Women', [
  '女性',
  '其中女性',
  '女',
  '妇女',
  '其中妇女',
  '女性成员',
  '女成员',
  '女干部',
  'women',
  'female',
  'women members',
]);
const N_MINORITY = count('n_minority', '少数民族', 'Ethnic minority', [
  '少数民族',
  '其中少数民族',
  '少数民族成员',
  'minority',
  'ethnic minority',
  'minorities',
]);
// 党员 alone is also the roster's 政治面貌 column: which one it is follows the kind of file.
const N_PARTY = count('n_party', '党员', 'Party members', [
  '党员',
  '其中党员',
  '中共党员',
  '党员成员',
  '其中中共党员',
  'party members elected',
  'communist party members',
]);
const N_REELECTED = count('n_reelected', '连任', 'Re-elected', [
  '连任',
  '其中连任',
  '连任成员',
  '连选连任',
  '连任人员',
  're-elected',
  'reelected',
  're-elected members',
]);
const AGE_COUNTS: readonly FieldDef[] = [
  count('n_age_le35', '35岁及以下', 'Aged 35 or under', ageBand(null, 35)),
  count('n_age_36_45', '36–45岁', 'Aged 36–45', ageBand(36, 45)),
  count('n_age_46_55', '46–55岁', 'Aged 46–55', ageBand(46, 55)),
  count('n_age_ge56', '56岁及以上', 'Aged 56 or over', ageBand(56, null)),
  count('n_age_le29', '29岁及以下', 'Aged 29 or under', ageBand(null, 29)),
  count('n_age_30_49', '30–49岁', 'Aged 30–49', ageBand(30, 49)),
  count('n_age_ge50', '50岁及以上', 'Aged 50 or over', ageBand(50, null)),
  count('n_age_ge60', '60岁及以上', 'Aged 60 or over', ageBand(60, null)),
];
const EDU_COUNTS: readonly FieldDef[] = [
  count('n_edu_junior', '初中及以下', 'Junior middle or below', [
    '初中及以下',
    '初中以下',
    '初中及以下学历',
    '其中初中及以下',
    'junior middle or below',
    'junior or below',
  ]),
  count('n_edu_senior', '高中、中专', 'Senior middle / vocational', [
    '高中中专',
    '高中、中专',
    '高中、中专、职高',
    '高中中专职高',
    '高中/中专',
    '高中及中专',
    '高中(中专)',
    '高中',
    '其中高中中专',
    'senior middle',
    'senior middle or vocational',
    'senior or vocational',
  ]),
  count('n_edu_college', '大专及以上', 'College or above', [
    '大专以上',
    '大专及以上',
    '大专及以上学历',
    '大专以上学历',
    '大学及以上',
    '其中大专以上',
    '其中大专及以上',
    'college or above',
    'college and above',
  ]),
];
const N_CROSS = count('n_cross_holding', '交叉任职人数', 'Cross-holding persons', [
  '交叉任职人数',
  '交叉任职',
  '两委交叉任职',
  '两委交叉任职人数',
  '交叉任职成员',
  '其中交叉任职',
  'cross-holding',
  'cross holding',
  'cross-holding persons',
]);
// 大学生村官 alone is also the roster's yes/no column: the kind of file decides.
const N_CGO = count('n_cgo', '大学生村官', 'College-graduate officials', [
  '大学生村官',
  '其中大学生村官',
  '大学生村官人数',
  'college graduate officials',
  'college-graduate officials',
]);

export const FIELDS: readonly FieldDef[] = [
  {
    id: 'county',
    zh: '县(市、区)',
    en: 'County',
    type: 'text',
    kinds: BOTH,
    aliases: [
      '县',
      '县市区',
      '县(市、区)',
      '县(市、区、旗)',
      '市',
      '区',
      '旗',
      '县区',
      '县市',
      '县名',
      'county',
      'district',
      'county/district',
    ],
  },
  {
    id: 'township',
    zh: '乡镇(街道)',
    en: 'Township',
    type: 'text',
    kinds: BOTH,
    aliases: [
      '乡镇',
      '乡(镇、街道)',
      '乡镇(街道)',
      '街道',
      '乡',
      '镇',
      '乡镇街道',
      '乡镇名称',
      '镇(街道)',
      '乡镇名',
      'township',
      'town',
      'subdistrict',
      'sub-district',
      'township/town',
    ],
  },
  {
    id: 'village',
    zh: '村(社区)',
    en: 'Village',
    type: 'village',
    kinds: BOTH,
    aliases: [
      '村',
      '村名',
      '行政村',
      '村(社区)',
      '社区',
      '村名称',
      '村(居)',
      '村居',
      '村委会名称',
      '单位',
      '村(社区)名称',
      'village',
      'village name',
      'community',
    ],
  },
  {
    id: 'village_code',
    zh: '区划代码',
    en: 'Village code',
    type: 'code',
    kinds: BOTH,
    aliases: ['区划代码', '统计用区划代码', '村代码', '行政区划代码', '代码', 'village code', 'area code', 'code'],
  },
  {
    id: 'cycle_year',
    zh: '换届年份',
    en: 'Cycle year',
    type: 'year',
    kinds: BOTH,
    aliases: ['年份', '换届年份', '选举年份', '年度', '选举年度', 'year', 'cycle year', 'election year', 'cycle'],
  },
  {
    id: 'cycle_label',
    zh: '届次',
    en: 'Cycle label',
    type: 'text',
    kinds: BOTH,
    aliases: ['届次', '届别', '届', 'term', 'cycle label', 'session'],
  },
  {
    id: 'body',
    zh: '组织',
    en: 'Body',
    type: 'body',
    kinds: BOTH,
    aliases: ['组织', '机构', '选举类型', '类别', '组织类型', '班子', 'body', 'organization', 'organisation', 'committee'],
  },

  {
    id: 'eligible_voters',
    zh: '有选举权人数',
    en: 'Eligible voters',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['有选举权人数', '应登记选民', '应登记选民数', '有选举权的人数', '18周岁以上人数', 'eligible voters', 'eligible'],
  },
  {
    id: 'registered_voters',
    zh: '登记选民数',
    en: 'Registered voters',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: [
      '登记选民数',
      '选民数',
      '登记选民',
      '登记选民人数',
      '选民登记数',
      '选民总数',
      'registered voters',
      'registered',
      'voters registered',
    ],
  },
  {
    id: 'voters_voted',
    zh: '参加投票人数',
    en: 'Voters who voted',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: [
      '参加投票人数',
      '参选人数',
      '投票人数',
      '实际参选',
      '实际参选人数',
      '参加选举人数',
      '实际投票人数',
      '参加投票',
      'voted',
      'voters voted',
      'voters who voted',
      'votes cast',
    ],
  },
  {
    id: 'turnout_reported',
    zh: '参选率',
    en: 'Turnout (reported)',
    type: 'percent',
    kinds: RES,
    signals: true,
    aliases: ['参选率', '投票率', '参选率%', 'turnout', 'turnout %', 'turnout rate'],
  },
  {
    id: 'party_members_entitled',
    zh: '应到会党员',
    en: 'Party members entitled',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['党员数', '应到会党员', '应到会党员数', '应到党员', '有选举权党员', '党员总数', 'party members', 'party members entitled'],
  },
  {
    id: 'party_members_present',
    zh: '实到会党员',
    en: 'Party members present',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['实到会党员', '实到会党员数', '实到党员', '到会党员', 'party members present'],
  },
  {
    id: 'party_members_voted',
    zh: '参加选举党员',
    en: 'Party members who voted',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['参加选举党员', '参加选举党员数', '参加投票党员', '投票党员数', 'party members voted', 'party members who voted'],
  },
  {
    id: 'ballots_issued',
    zh: '发出选票',
    en: 'Ballots issued',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['发出选票', '发出选票数', '发放选票', '选票发出', '选票发出数', '发票数', 'ballots issued', 'issued'],
  },
  {
    id: 'ballots_returned',
    zh: '收回选票',
    en: 'Ballots returned',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['收回选票', '收回选票数', '选票收回', '选票收回数', '收回票数', 'ballots returned', 'returned'],
  },
  {
    id: 'ballots_valid',
    zh: '有效票',
    en: 'Valid ballots',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['有效票', '有效票数', '有效选票', '选票有效', 'valid ballots', 'valid'],
  },
  {
    id: 'ballots_invalid',
    zh: '无效票',
    en: 'Invalid ballots',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['无效票', '无效票数', '无效选票', '选票无效', '废票', 'invalid ballots', 'invalid'],
  },
  {
    id: 'seats',
    zh: '应选职数',
    en: 'Seats',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['应选职数', '职数', '应选人数', '职位数', 'seats', 'seats to fill'],
  },
  {
    id: 'candidates',
    zh: '候选人数',
    en: 'Candidates',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['候选人数', '正式候选人数', '候选人', 'candidates'],
  },
  {
    id: 'first_round_success',
    zh: '一次选举成功',
    en: 'First-round success',
    type: 'bool',
    kinds: RES,
    signals: true,
    aliases: [
      '一次选举成功',
      '是否一次选举成功',
      '一次性选举成功',
      '一次成功',
      'first round success',
      'first-round success',
      'elected in first round',
    ],
  },
  {
    id: 'rounds',
    zh: '选举轮次',
    en: 'Rounds',
    type: 'int',
    kinds: RES,
    signals: true,
    aliases: ['选举轮次', '轮次', '选举次数', 'rounds', 'election rounds'],
  },
  {
    id: 'population',
    zh: '人口',
    en: 'Population',
    type: 'int',
    kinds: RES,
    aliases: ['人口', '总人口', '人口数', '户籍人口', 'population'],
  },
  { id: 'households', zh: '户数', en: 'Households', type: 'int', kinds: RES, aliases: ['户数', '总户数', 'households'] },
  {
    id: 'villager_groups',
    zh: '村民小组',
    en: 'Villager groups',
    type: 'int',
    kinds: RES,
    aliases: ['村民小组', '村民小组数', '小组数', 'villager groups', 'groups'],
  },
  {
    id: 'election_date',
    zh: '选举日期',
    en: 'Election date',
    type: 'date',
    kinds: RES,
    // 日期 alone is left out: it heads the notes rows (填表日期) as often as the date of the vote.
    aliases: [
      '选举日期',
      '投票日期',
      '选举时间',
      '投票时间',
      '换届日期',
      '换届时间',
      '选举日',
      '投票日',
      '换届选举日期',
      '选举大会日期',
      '召开选举大会日期',
      'election date',
      'date of election',
      'polling date',
      'voting date',
    ],
  },
  // A village's place on the county's 重点村 / 难点村 lists (docs/domain.md, "Completeness").
  {
    id: 'village_category',
    zh: '村类别',
    en: 'Village category',
    type: 'village_mark',
    kinds: RES,
    aliases: ['村类别', '村类型', '村分类', '村别', '重点难点村', '是否重点难点村', '重点村难点村', 'village category', 'village type'],
  },
  {
    id: 'key_village',
    zh: '重点村',
    en: 'Key village',
    type: 'key_flag',
    kinds: RES,
    aliases: ['重点村', '是否重点村', 'key village'],
  },
  {
    id: 'difficult_village',
    zh: '难点村',
    en: 'Difficult village',
    type: 'difficult_flag',
    kinds: RES,
    aliases: ['难点村', '是否难点村', '软弱涣散村', '是否软弱涣散村', 'difficult village'],
  },

  {
    id: 'name',
    zh: '姓名',
    en: 'Name',
    type: 'text',
    kinds: MEM,
    signals: true,
    aliases: ['姓名', '名字', '当选人', '当选人姓名', 'name', 'full name', 'member name'],
  },
  {
    id: 'role',
    zh: '职务',
    en: 'Role',
    type: 'role',
    kinds: MEM,
    signals: true,
    aliases: ['职务', '当选职务', '拟任职务', '职位', 'role', 'position', 'title'],
  },
  { id: 'gender', zh: '性别', en: 'Gender', type: 'gender', kinds: MEM, signals: true, aliases: ['性别', 'gender', 'sex'] },
  {
    id: 'birth',
    zh: '出生年月',
    en: 'Date of birth',
    type: 'birth',
    kinds: MEM,
    signals: true,
    aliases: ['出生年月', '出生日期', '出生年月日', '出生年份', '生日', 'birth', 'date of birth', 'birth date', 'dob', 'born'],
  },
  { id: 'age', zh: '年龄', en: 'Age', type: 'int', kinds: MEM, signals: true, aliases: ['年龄', '当选时年龄', '周岁', 'age'] },
  {
    id: 'education',
    zh: '文化程度',
    en: 'Education',
    type: 'education',
    kinds: MEM,
    signals: true,
    aliases: ['文化程度', '学历', '全日制学历', '最高学历', 'education', 'education level'],
  },
  {
    id: 'ethnicity',
    zh: '民族',
    en: 'Ethnicity',
    type: 'ethnicity',
    kinds: MEM,
    signals: true,
    aliases: ['民族', 'ethnicity', 'ethnic group', 'nationality'],
  },
  {
    id: 'party_member',
    zh: '政治面貌',
    en: 'Party member',
    type: 'party',
    kinds: MEM,
    signals: true,
    aliases: ['政治面貌', '是否党员', '党员', '是否中共党员', 'party member', 'party membership', 'political status'],
  },
  {
    id: 'reelected',
    zh: '是否连任',
    en: 'Re-elected',
    type: 'reelected',
    kinds: MEM,
    signals: true,
    aliases: ['是否连任', '连任', '连任/新当选', '新当选/连任', '是否新当选', '连任情况', 're-elected', 'reelected', 'incumbent'],
  },
  {
    id: 'votes',
    zh: '得票数',
    en: 'Votes received',
    type: 'int',
    kinds: MEM,
    signals: true,
    aliases: ['得票数', '得票', '所得票数', '得票数(票)', 'votes', 'votes received'],
  },
  {
    id: 'college_graduate_official',
    zh: '大学生村官',
    en: 'College-graduate official',
    type: 'bool',
    kinds: MEM,
    signals: true,
    aliases: [
      '大学生村官',
      '是否大学生村官',
      'college graduate official',
      'college-graduate official',
      'college graduate village official',
    ],
  },
  {
    id: 'id_number',
    zh: '公民身份号码',
    en: 'ID number',
    type: 'id_number',
    kinds: MEM,
    signals: true,
    aliases: ['公民身份号码', '身份证号', '身份证号码', '身份证', '公民身份证号码', '身份证件号码', 'id number', 'id no', 'id card number'],
  },

  {
    id: 'n_members',
    zh: '成员数',
    en: 'Members elected',
    type: 'int',
    kinds: STATS,
    signals: true,
    aliases: [
      '成员数',
      '成员人数',
      '当选人数',
      '当选成员数',
      '当选成员',
      '成员总数',
      '班子成员',
      '班子成员数',
      '成员',
      '当选总数',
      'members',
      'members elected',
      'number of members',
    ],
  },
  N_WOMEN,
  N_MINORITY,
  N_PARTY,
  N_REELECTED,
  ...AGE_COUNTS,
  ...EDU_COUNTS,
  N_CROSS,
  N_CGO,
  {
    id: 'mean_age',
    zh: '平均年龄',
    en: 'Average age',
    type: 'decimal',
    kinds: STATS,
    signals: true,
    aliases: ['平均年龄', '成员平均年龄', '当选时平均年龄', 'average age', 'mean age'],
  },
  {
    id: 'one_shoulder',
    zh: '一肩挑',
    en: 'One shoulder',
    type: 'bool',
    kinds: STATS,
    signals: true,
    aliases: [
      '一肩挑',
      '是否一肩挑',
      '书记主任一肩挑',
      '书记、主任一肩挑',
      '书记兼主任',
      '一人兼',
      'one shoulder',
      'one-shoulder',
      'secretary is director',
    ],
  },
  shareField(N_WOMEN, ['妇女占比', '女性比例']),
  shareField(N_MINORITY),
  shareField(N_PARTY, ['党员比例']),
  shareField(N_REELECTED, ['连任率']),
  ...AGE_COUNTS.map((c) => shareField(c)),
  ...EDU_COUNTS.map((c) => shareField(c)),
  shareField(N_CROSS, ['交叉任职率', '交叉任职比例']),
  shareField(N_CGO),
];

export const FIELD_BY_ID: ReadonlyMap<FieldId, FieldDef> = new Map(FIELDS.map((f) => [f.id, f]));

export function fieldDef(id: FieldId): FieldDef {
  const f = FIELD_BY_ID.get(id);
  if (!f) throw new Error(`unknown field ${id}`);
  return f;
}

/** Fields without which a row cannot be placed; a row missing one is rejected. */
export const REQUIRED_FIELDS: Record<FileKind, readonly FieldId[]> = {
  results: ['village', 'cycle_year'],
  members: ['village', 'cycle_year'],
  stats: ['village', 'cycle_year'],
};

/** The reported share (占比) column of each count, if the catalogue has one. */
export const SHARE_FIELD: ReadonlyMap<FieldId, FieldId> = new Map(FIELDS.filter((f) => f.shareOf).map((f) => [f.shareOf!, f.id]));

/** Fields that may be given once for a whole file (title row, file name) instead of per row. */
export const FILE_WIDE_FIELDS: readonly FieldId[] = ['cycle_year', 'cycle_label', 'body', 'county', 'township'];
