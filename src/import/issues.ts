/**
 * Every problem the importer can report, with its Chinese and English message.
 * Normalisers and validators return codes; the UI, the rejected-rows download and the
 * tests read the wording from here.
 */
import type { Lang } from '../util/lang';

export type Severity = 'warning' | 'reject';

export const ISSUE_MESSAGES = {
  // cell level (normalisers)
  placeholder: { zh: '占位符或空白值（{value}），按空值处理', en: 'placeholder or blank value ({value}) treated as empty' },
  not_a_number: { zh: '不是数字：{value}', en: 'not a number: {value}' },
  not_an_integer: { zh: '人数应为整数：{value}', en: 'a count must be a whole number: {value}' },
  count_too_large: { zh: '数字过大，不可能是人数或票数：{value}', en: 'too large to be a count: {value}' },
  negative: { zh: '不能为负数：{value}', en: 'must not be negative: {value}' },
  not_a_percent: { zh: '不是百分比：{value}', en: 'not a percentage: {value}' },
  percent_over_100: { zh: '百分比超过100%：{value}', en: 'percentage over 100%: {value}' },
  not_a_bool: { zh: '无法识别的是/否值：{value}', en: 'not a yes/no value: {value}' },
  bad_year: { zh: '无法识别的年份：{value}', en: 'not a valid year: {value}' },
  bad_date: { zh: '无法识别的日期或日期不存在：{value}', en: 'not a valid date: {value}' },
  unknown_village_mark: {
    zh: '无法识别的村类别（应为重点村、难点村或一般村）：{value}',
    en: 'village category not recognised (重点村 key, 难点村 difficult or 一般村 ordinary): {value}',
  },
  unknown_body: { zh: '无法识别的组织：{value}', en: 'unknown body: {value}' },
  unknown_role: { zh: '无法识别的职务：{value}', en: 'unknown role: {value}' },
  unknown_gender: { zh: '无法识别的性别：{value}', en: 'unknown gender: {value}' },
  bad_birth: { zh: '无法识别的出生年月：{value}', en: 'unreadable date of birth: {value}' },
  unknown_education: { zh: '无法归类的文化程度：{value}', en: 'education not recognised: {value}' },
  unknown_party: { zh: '无法识别的政治面貌：{value}', en: 'party membership not recognised: {value}' },
  unknown_ethnicity: { zh: '无法识别的民族：{value}', en: 'ethnicity not recognised: {value}' },
  bad_id_number: { zh: '不是有效的公民身份号码（应为18位或15位）：{value}', en: 'not a valid ID number (18 or 15 characters): {value}' },
  id_bad_check: { zh: '公民身份号码校验位不符，号码有误：{value}', en: 'ID number fails its check character: {value}' },
  id_bad_date: { zh: '公民身份号码中的出生日期无效：{value}', en: 'ID number holds an invalid date of birth: {value}' },
  id_number_lost_digits: {
    zh: '公民身份号码以数字格式保存，末几位已丢失（如 4.11081E+17），请将该列设为文本后重新导出：{value}',
    en: 'ID number saved as a number has lost its last digits (as in 4.11081E+17); format the column as text and export again: {value}',
  },
  name_too_long: {
    zh: '长达 {length} 个字符，不可能是名称（上限 {limit} 个字符）：{value}',
    en: '{length} characters long, too long for a name (limit {limit}): {value}',
  },
  value_too_long: {
    zh: '长达 {length} 个字符，不是有效的值，按空值处理：{value}',
    en: '{length} characters long, not a valid value; treated as empty: {value}',
  },
  text_truncated: {
    zh: '长达 {length} 个字符，只保留了前 {limit} 个字符',
    en: '{length} characters long; only the first {limit} are kept',
  },
  // row level (validation)
  missing_village: { zh: '缺少村名', en: 'village is missing' },
  missing_cycle: { zh: '缺少换届年份', en: 'cycle year is missing' },
  missing_body: { zh: '缺少组织（党支部/村委会），无法归入任何班子', en: 'body (party branch / committee) is missing' },
  missing_name: { zh: '缺少姓名，无法识别交叉任职', en: 'name missing: cross-holding cannot be detected for this person' },
  voted_gt_registered: {
    zh: '参加投票人数（{voted}）多于登记选民数（{registered}）',
    en: 'voters who voted ({voted}) exceed registered voters ({registered})',
  },
  registered_gt_eligible: {
    zh: '登记选民数（{registered}）多于有选举权人数（{eligible}）',
    en: 'registered voters ({registered}) exceed eligible voters ({eligible})',
  },
  returned_gt_issued: {
    zh: '收回选票（{returned}）多于发出选票（{issued}）',
    en: 'ballots returned ({returned}) exceed ballots issued ({issued})',
  },
  returned_gt_voted: {
    zh: '收回选票（{returned}）多于参加投票人数（{voted}）',
    en: 'ballots returned ({returned}) exceed voters who voted ({voted})',
  },
  valid_invalid_sum: {
    zh: '有效票（{valid}）+ 无效票（{invalid}）≠ 收回选票（{returned}）',
    en: 'valid ({valid}) + invalid ({invalid}) ≠ returned ({returned})',
  },
  turnout_mismatch: {
    zh: '填报参选率 {reported}% 与计算值 {computed}% 不符',
    en: 'reported turnout {reported}% differs from computed {computed}%',
  },
  date_outside_cycle: {
    zh: '选举日期 {date} 不在 {year} 年换届年度内',
    en: 'election date {date} is not in the {year} cycle year',
  },
  age_out_of_range: { zh: '年龄 {age} 岁超出 18–100 岁', en: 'age {age} is outside 18–100' },
  birth_age_mismatch: {
    zh: '年龄 {age} 与出生年份推算的 {derived} 不符',
    en: 'age {age} does not match {derived} derived from date of birth',
  },
  id_birth_mismatch: {
    zh: '身份证号的出生年月 {id} 与出生年月 {given} 不符',
    en: 'date of birth in the ID number ({id}) differs from the date of birth given ({given})',
  },
  id_gender_mismatch: {
    zh: '身份证号的性别 {id} 与性别 {given} 不符',
    en: 'sex in the ID number ({id}) differs from the gender given ({given})',
  },
  duplicate_in_file: {
    zh: '与第 {row} 行为同一村、届次、组织，但数字不同；两行都已导入，请核对',
    en: 'same village, cycle and body as row {row} with different figures; both imported, please check',
  },
  duplicate_row_in_file: { zh: '与第 {row} 行完全相同，未重复导入', en: 'identical to row {row}; not imported twice' },
  duplicate_member_in_file: { zh: '与第 {row} 行为同一人同一职务', en: 'same person and role as row {row}' },
  unterminated_quote: {
    zh: '引号未闭合（第 {from} 行起），引号按普通字符读取',
    en: 'unterminated quote (from line {from}); quote marks read as text',
  },
  field_count: { zh: '本行有 {found} 列，表头有 {expected} 列', en: 'row has {found} columns, header has {expected}' },
  // statistical tables
  missing_members_count: {
    zh: '缺少成员数，无法计算本行的各项占比',
    en: 'members elected (成员数) missing: no share can be computed for this row',
  },
  count_gt_members: { zh: '人数 {count} 多于成员数 {members}', en: 'count {count} exceeds the members elected ({members})' },
  share_mismatch: {
    zh: '填报占比 {reported}% 与按人数计算的 {computed}% 不符',
    en: 'reported share {reported}% differs from {computed}% computed from the counts',
  },
  education_sum_mismatch: {
    zh: '各文化程度人数之和 {sum} 不等于成员数 {members}',
    en: 'education tiers add up to {sum}, not the {members} members',
  },
  age_bands_sum_mismatch: {
    zh: '各年龄段人数之和 {sum} 不等于成员数 {members}',
    en: 'age bands add up to {sum}, not the {members} members',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type IssueCode = keyof typeof ISSUE_MESSAGES;

export interface CellIssue {
  code: IssueCode;
  params?: Record<string, string | number>;
}

export function formatIssue(issue: CellIssue, lang: Lang): string {
  const template = ISSUE_MESSAGES[issue.code][lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = issue.params?.[k];
    return v === undefined ? `{${k}}` : String(v);
  });
}
