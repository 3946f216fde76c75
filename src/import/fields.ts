/**
 * The single catalogue of importable fields: their canonical ids, labels, value types
 * and every header alias we recognise. Header matching, the mapping UI, the DuckDB
 * schema and the README's column list all read from here.
 */

export type FileKind = 'results' | 'members';

/** How a cell is turned into a stored value (see src/import/normalize). */
export type ValueType =
  | 'text'
  | 'code' // identifiers: kept as text, digits normalised, never numeric
  | 'village' // village name: stray spaces and trailing 村委会/居委会 removed
  | 'int' // counts: "8,956", full-width digits
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
  | 'reelected'; // 是否连任 是/否, or 新当选 → boolean

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
  | 'college_graduate_official';

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
}

const BOTH: readonly FileKind[] = ['results', 'members'];
const RES: readonly FileKind[] = ['results'];
const MEM: readonly FileKind[] = ['members'];

export const FIELDS: readonly FieldDef[] = [
  { id: 'county', zh: '县(市、区)', en: 'County', type: 'text', kinds: BOTH,
    aliases: ['县', '县市区', '县(市、区)', '县(市、区、旗)', '市', '区', '旗', '县区', '县市', '县名', 'county', 'district', 'county/district'] },
  { id: 'township', zh: '乡镇(街道)', en: 'Township', type: 'text', kinds: BOTH,
    aliases: ['乡镇', '乡(镇、街道)', '乡镇(街道)', '街道', '乡', '镇', '乡镇街道', '乡镇名称', '镇(街道)', '乡镇名', 'township', 'town', 'subdistrict', 'sub-district', 'township/town'] },
  { id: 'village', zh: '村(社区)', en: 'Village', type: 'village', kinds: BOTH,
    aliases: ['村', '村名', '行政村', '村(社区)', '社区', '村名称', '村(居)', '村居', '村委会名称', '单位', '村(社区)名称', 'village', 'village name', 'community'] },
  { id: 'village_code', zh: '区划代码', en: 'Village code', type: 'code', kinds: BOTH,
    aliases: ['区划代码', '统计用区划代码', '村代码', '行政区划代码', '代码', 'village code', 'area code', 'code'] },
  { id: 'cycle_year', zh: '换届年份', en: 'Cycle year', type: 'year', kinds: BOTH,
    aliases: ['年份', '换届年份', '选举年份', '年度', '选举年度', 'year', 'cycle year', 'election year', 'cycle'] },
  { id: 'cycle_label', zh: '届次', en: 'Cycle label', type: 'text', kinds: BOTH,
    aliases: ['届次', '届别', '届', 'term', 'cycle label', 'session'] },
  { id: 'body', zh: '组织', en: 'Body', type: 'body', kinds: BOTH,
    aliases: ['组织', '机构', '选举类型', '类别', '组织类型', '班子', 'body', 'organization', 'organisation', 'committee'] },

  { id: 'eligible_voters', zh: '有选举权人数', en: 'Eligible voters', type: 'int', kinds: RES, signals: true,
    aliases: ['有选举权人数', '应登记选民', '应登记选民数', '有选举权的人数', '18周岁以上人数', 'eligible voters', 'eligible'] },
  { id: 'registered_voters', zh: '登记选民数', en: 'Registered voters', type: 'int', kinds: RES, signals: true,
    aliases: ['登记选民数', '选民数', '登记选民', '登记选民人数', '选民登记数', '选民总数', 'registered voters', 'registered', 'voters registered'] },
  { id: 'voters_voted', zh: '参加投票人数', en: 'Voters who voted', type: 'int', kinds: RES, signals: true,
    aliases: ['参加投票人数', '参选人数', '投票人数', '实际参选', '实际参选人数', '参加选举人数', '实际投票人数', '参加投票', 'voted', 'voters voted', 'voters who voted', 'votes cast'] },
  { id: 'turnout_reported', zh: '参选率', en: 'Turnout (reported)', type: 'percent', kinds: RES, signals: true,
    aliases: ['参选率', '投票率', '参选率%', 'turnout', 'turnout %', 'turnout rate'] },
  { id: 'party_members_entitled', zh: '应到会党员', en: 'Party members entitled', type: 'int', kinds: RES, signals: true,
    aliases: ['党员数', '应到会党员', '应到会党员数', '应到党员', '有选举权党员', '党员总数', 'party members', 'party members entitled'] },
  { id: 'party_members_present', zh: '实到会党员', en: 'Party members present', type: 'int', kinds: RES, signals: true,
    aliases: ['实到会党员', '实到会党员数', '实到党员', '到会党员', 'party members present'] },
  { id: 'party_members_voted', zh: '参加选举党员', en: 'Party members who voted', type: 'int', kinds: RES, signals: true,
    aliases: ['参加选举党员', '参加选举党员数', '参加投票党员', '投票党员数', 'party members voted', 'party members who voted'] },
  { id: 'ballots_issued', zh: '发出选票', en: 'Ballots issued', type: 'int', kinds: RES, signals: true,
    aliases: ['发出选票', '发出选票数', '发放选票', '选票发出', '选票发出数', '发票数', 'ballots issued', 'issued'] },
  { id: 'ballots_returned', zh: '收回选票', en: 'Ballots returned', type: 'int', kinds: RES, signals: true,
    aliases: ['收回选票', '收回选票数', '选票收回', '选票收回数', '收回票数', 'ballots returned', 'returned'] },
  { id: 'ballots_valid', zh: '有效票', en: 'Valid ballots', type: 'int', kinds: RES, signals: true,
    aliases: ['有效票', '有效票数', '有效选票', '选票有效', 'valid ballots', 'valid'] },
  { id: 'ballots_invalid', zh: '无效票', en: 'Invalid ballots', type: 'int', kinds: RES, signals: true,
    aliases: ['无效票', '无效票数', '无效选票', '选票无效', '废票', 'invalid ballots', 'invalid'] },
  { id: 'seats', zh: '应选职数', en: 'Seats', type: 'int', kinds: RES, signals: true,
    aliases: ['应选职数', '职数', '应选人数', '职位数', 'seats', 'seats to fill'] },
  { id: 'candidates', zh: '候选人数', en: 'Candidates', type: 'int', kinds: RES, signals: true,
    aliases: ['候选人数', '正式候选人数', '候选人', 'candidates'] },
  { id: 'first_round_success', zh: '一次选举成功', en: 'First-round success', type: 'bool', kinds: RES, signals: true,
    aliases: ['一次选举成功', '是否一次选举成功', '一次性选举成功', '一次成功', 'first round success', 'first-round success', 'elected in first round'] },
  { id: 'rounds', zh: '选举轮次', en: 'Rounds', type: 'int', kinds: RES, signals: true,
    aliases: ['选举轮次', '轮次', '选举次数', 'rounds', 'election rounds'] },
  { id: 'population', zh: '人口', en: 'Population', type: 'int', kinds: RES,
    aliases: ['人口', '总人口', '人口数', '户籍人口', 'population'] },
  { id: 'households', zh: '户数', en: 'Households', type: 'int', kinds: RES,
    aliases: ['户数', '总户数', 'households'] },
  { id: 'villager_groups', zh: '村民小组', en: 'Villager groups', type: 'int', kinds: RES,
    aliases: ['村民小组', '村民小组数', '小组数', 'villager groups', 'groups'] },

  { id: 'name', zh: '姓名', en: 'Name', type: 'text', kinds: MEM, signals: true,
    aliases: ['姓名', '名字', '当选人', '当选人姓名', 'name', 'full name', 'member name'] },
  { id: 'role', zh: '职务', en: 'Role', type: 'role', kinds: MEM, signals: true,
    aliases: ['职务', '当选职务', '拟任职务', '职位', 'role', 'position', 'title'] },
  { id: 'gender', zh: '性别', en: 'Gender', type: 'gender', kinds: MEM, signals: true,
    aliases: ['性别', 'gender', 'sex'] },
  { id: 'birth', zh: '出生年月', en: 'Date of birth', type: 'birth', kinds: MEM, signals: true,
    aliases: ['出生年月', '出生日期', '出生年月日', '出生年份', '生日', 'birth', 'date of birth', 'birth date', 'dob', 'born'] },
  { id: 'age', zh: '年龄', en: 'Age', type: 'int', kinds: MEM, signals: true,
    aliases: ['年龄', '当选时年龄', '周岁', 'age'] },
  { id: 'education', zh: '文化程度', en: 'Education', type: 'education', kinds: MEM, signals: true,
    aliases: ['文化程度', '学历', '全日制学历', '最高学历', 'education', 'education level'] },
  { id: 'ethnicity', zh: '民族', en: 'Ethnicity', type: 'ethnicity', kinds: MEM, signals: true,
    aliases: ['民族', 'ethnicity', 'ethnic group', 'nationality'] },
  { id: 'party_member', zh: '政治面貌', en: 'Party member', type: 'party', kinds: MEM, signals: true,
    aliases: ['政治面貌', '是否党员', '党员', '是否中共党员', 'party member', 'party membership', 'political status'] },
  { id: 'reelected', zh: '是否连任', en: 'Re-elected', type: 'reelected', kinds: MEM, signals: true,
    aliases: ['是否连任', '连任', '连任/新当选', '新当选/连任', '是否新当选', '连任情况', 're-elected', 'reelected', 'incumbent'] },
  { id: 'votes', zh: '得票数', en: 'Votes received', type: 'int', kinds: MEM, signals: true,
    aliases: ['得票数', '得票', '所得票数', '得票数(票)', 'votes', 'votes received'] },
  { id: 'college_graduate_official', zh: '大学生村官', en: 'College-graduate official', type: 'bool', kinds: MEM, signals: true,
    aliases: ['大学生村官', '是否大学生村官', 'college graduate official', 'college-graduate official', 'college graduate village official'] },
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
};

/** Fields that may be given once for a whole file (title row, file name) instead of per row. */
export const FILE_WIDE_FIELDS: readonly FieldId[] = ['cycle_year', 'cycle_label', 'body', 'county', 'township'];
