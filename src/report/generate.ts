/**
 * Writes the statistics section of a township's election work report (选举工作总结) from the
 * catalogue figures and the rule checks — a pure function: the same figures give the same text.
 * Every number in the text is a numerator, denominator or value of a catalogue metric (or a rule
 * count); a figure that is missing is left out, and a part with no figures at all says so.
 */
import { ruleDef } from '../metrics/rules';
import type { Lang } from '../util/lang';
import { metricDef, type MetricId } from '../metrics/catalogue';
import { formatCoverage } from '../metrics/coverage';
import { changeOf } from '../metrics/figure';
import { formatValue, type Unit } from '../metrics/format';
import type { MetricRow } from '../metrics/query';
import { completionSentence } from './completion';
import { figure, KEY_FIGURES, type FigureGroup, type ReportData } from './data';

export type SectionId = 'overview' | 'turnout' | 'members' | 'cross' | 'reelection' | 'change' | 'rules';

export const SECTION_IDS: readonly SectionId[] = ['overview', 'turnout', 'members', 'cross', 'reelection', 'change', 'rules'];

export interface ReportSection {
  id: SectionId;
  heading: string;
  paragraphs: string[];
  /** The same paragraphs as text and marked figures. */
  parts: ReportPart[][];
}

const HEADINGS: Record<SectionId, { zh: string; en: string }> = {
  overview: { zh: '一、基本情况', en: '1. Overview' },
  turnout: { zh: '二、选民参选情况', en: '2. Voters and turnout' },
  members: { zh: '三、当选成员结构', en: '3. Members elected' },
  cross: { zh: '四、交叉任职和“一肩挑”情况', en: '4. Cross-holding and one-shoulder' },
  reelection: { zh: '五、连任和新当选情况', en: '5. Re-election' },
  change: { zh: '六、与上届比较', en: '6. Change from the previous cycle' },
  rules: { zh: '七、选举合规核查情况', en: '7. Rule checks' },
};

const VC = 'village_committee';
const PB = 'party_branch';

/** A figure the text prints, marked so the view can say which figure each number is (`data-metric`, `data-value`). */
export interface ReportFigure {
  metric: MetricId;
  group: FigureGroup;
  body: string;
  cycle: number;
  /** The metric's value, its numerator or denominator, or its change from the previous cycle. */
  kind: 'value' | 'numerator' | 'denominator' | 'change';
  /** Unrounded: the value, the count, or the difference of the two cycles' values. */
  value: number | null;
  /** As printed. */
  text: string;
}

/** A paragraph as text and figures. */
export type ReportPart = string | ReportFigure;

// Figures travel inside the generated strings between private-use characters and are split out at
// the end (generateReport): the writers below stay sentences, not lists of parts.
const OPEN = '\uE000';
const SEP = '\uE001';
const CLOSE = '\uE002';

type Row = MetricRow & { group: FigureGroup };

/** Formatting and lookups for one report, in one language. */
function writer(data: ReportData, lang: Lang, marks: ReportFigure[]) {
  const zh = lang === 'zh';
  const fmt = (v: number | null | undefined, unit: Unit) => formatValue(v, unit, lang);
  const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const get = (group: FigureGroup, metric: MetricId, body?: string, previous = false): Row | null => {
    const r = figure(data, group, metric, { body, previous });
    return r ? { ...r, group } : null;
  };
  const mark = (r: Row, kind: ReportFigure['kind'], value: number | null, text: string): string => {
    marks.push({ metric: r.metric, group: r.group, body: r.body, cycle: r.cycle_year ?? data.cycle, kind, value, text });
    return `${OPEN}${marks.length - 1}${SEP}${text}${CLOSE}`;
  };
  /** A figure's value as every surface shows it (its shown value). */
  const v = (r: Row) => mark(r, 'value', r.value, fmt(r.shown, metricDef(r.metric).unit));
  const n = (r: Row) => mark(r, 'numerator', r.numerator, fmt(r.numerator, 'count'));
  const d = (r: Row) => mark(r, 'denominator', r.denominator, fmt(r.denominator, 'count'));
  /** A count metric's row, when it has a value. */
  const countRow = (group: FigureGroup, metric: MetricId, body?: string): Row | null => {
    const r = get(group, metric, body);
    return r && known(r.value) ? r : null;
  };
  /** A share clause "女性3名，占30.0%" / "3 women (30.0%)": only when both counts are known. */
  const share = (group: FigureGroup, metric: MetricId, zhWhat: string, enWhat: (n: string) => string, body?: string): string | null => {
    const r = get(group, metric, body);
    if (!r || !known(r.numerator) || !known(r.value)) return null;
    return zh ? `${zhWhat}${n(r)}名，占${v(r)}` : `${enWhat(n(r))} (${v(r)})`;
  };
  const join = (parts: (string | null)[], sep: string) => parts.filter((p): p is string => !!p).join(sep);
  const sentence = (s: string) => (zh ? `${s}。` : `${s.charAt(0).toUpperCase()}${s.slice(1)}.`);
  return { zh, fmt, known, get, v, n, d, mark, countRow, share, join, sentence };
}

/** A paragraph's plain text and its parts. */
function split(paragraph: string, marks: readonly ReportFigure[]): { text: string; parts: ReportPart[] } {
  const parts: ReportPart[] = [];
  const re = new RegExp(`${OPEN}(\\d+)${SEP}([^${CLOSE}]*)${CLOSE}`, 'g');
  let at = 0;
  for (const m of paragraph.matchAll(re)) {
    if (m.index > at) parts.push(paragraph.slice(at, m.index));
    parts.push(marks[Number(m[1])]!);
    at = m.index + m[0].length;
  }
  if (at < paragraph.length) parts.push(paragraph.slice(at));
  return { text: parts.map((p) => (typeof p === 'string' ? p : p.text)).join(''), parts };
}

type W = ReturnType<typeof writer>;

/** "青山县河东镇" / "Hedong, Qingshan"; "统计范围内" / "the area covered" for all data. */
function placeText(data: ReportData, lang: Lang): string {
  if (data.place.length === 0) return lang === 'zh' ? '统计范围内' : 'the area covered';
  return lang === 'zh' ? data.place.join('') : [...data.place].reverse().join(', ');
}

function overview(data: ReportData, w: W, lang: Lang): string[] {
  const progress = completionText(data, lang);
  return [...overviewFigures(data, w, lang), ...(progress ? [progress] : [])];
}

/**
 * The work reports' progress sentence, when asked for and something says which villages are
 * expected (a register or the previous cycle): against the cycle's own villages it says nothing.
 */
function completionText(data: ReportData, lang: Lang): string | null {
  const c = data.completion;
  if (!c || c.source === 'this_cycle') return null;
  return completionSentence(c, lang, lang === 'zh' ? placeText(data, lang) : '');
}

function overviewFigures(data: ReportData, w: W, lang: Lang): string[] {
  const villages = w.countRow('all', 'villages');
  const where = placeText(data, lang);
  if (villages === null)
    return [w.zh ? `${where}${data.cycle}年没有选举数据。` : `There are no election figures for ${where} in ${data.cycle}.`];
  const pb = w.countRow('all', 'bodies_elected', PB);
  const vc = w.countRow('all', 'bodies_elected', VC);
  if (w.zh) {
    const bodies = w.join([pb ? `${w.v(pb)}个村党组织` : null, vc ? `${w.v(vc)}个村（居）民委员会` : null], '、');
    return [
      `${data.cycle}年村“两委”换届选举，${where}共有${w.v(villages)}个村（社区）纳入统计${bodies ? `，其中${bodies}填报了换届选举结果` : ''}。`,
    ];
  }
  const bodies = w.join([pb ? `${w.v(pb)} party branches` : null, vc ? `${w.v(vc)} villagers' committees` : null], ' and ');
  return [
    `In the ${data.cycle} "two committees" elections, ${w.v(villages)} villages (communities) of ${where} are covered${bodies ? `; ${bodies} reported their election results` : ''}.`,
  ];
}

function turnout(w: W): string[] {
  const out: string[] = [];
  const vc = w.get('all', 'turnout', VC);
  if (vc && w.known(vc.value))
    out.push(
      w.zh
        ? `村（居）民委员会换届选举登记选民${w.d(vc)}人，参加投票${w.n(vc)}人，参选率${w.v(vc)}。`
        : `In the villagers' committee elections ${w.d(vc)} voters were registered and ${w.n(vc)} voted: a turnout of ${w.v(vc)}.`,
    );
  const pb = w.get('all', 'turnout', PB);
  if (pb && w.known(pb.value))
    out.push(
      w.zh
        ? `村党组织换届选举应到会党员${w.d(pb)}人，参加选举${w.n(pb)}人，参选率${w.v(pb)}。`
        : `In the party branch elections ${w.d(pb)} party members were entitled to vote and ${w.n(pb)} voted (${w.v(pb)}).`,
    );
  const inv = w.get('all', 'invalid_ballot_rate', VC);
  if (inv && w.known(inv.value))
    out.push(
      w.zh
        ? `村（居）委会选举共收回选票${w.d(inv)}张，其中无效票${w.n(inv)}张，无效票率${w.v(inv)}。`
        : `Of ${w.d(inv)} committee ballots returned, ${w.n(inv)} were invalid (${w.v(inv)}).`,
    );
  for (const [body, zhName, enName] of [
    [VC, '村（居）委会', "villagers' committee"],
    [PB, '村党组织', 'party branch'],
  ] as const) {
    const fr = w.get('all', 'first_round_success_rate', body);
    if (fr && w.known(fr.value))
      out.push(
        w.zh
          ? `填报选举轮次的${w.d(fr)}个村中，${zhName}一次选举成功的${w.n(fr)}个，一次选举成功率${w.v(fr)}。`
          : `Of ${w.d(fr)} villages reporting it, ${w.n(fr)} elected their ${enName} in the first round (${w.v(fr)}).`,
      );
  }
  if (out.length === 0)
    out.push(
      w.zh
        ? '本届未录入选举结果（选民数、投票人数），参选情况暂缺。'
        : 'No election results (voters, votes cast) were recorded for this cycle, so turnout is not available.',
    );
  return [out.join(w.zh ? '' : ' ')];
}

/**
 * The parts of a whole in one clause, after the whole they are parts of: "年龄已知的793名成员中，35岁及以下168名，
 * 占21.2%，…" — the counts add up to the number stated, the shares to 100.0.
 */
function parts(
  w: W,
  group: FigureGroup,
  items: readonly (readonly [MetricId, string, (n: string) => string])[],
  zhWhole: string,
  enWhole: (n: string) => string,
): string | null {
  const clauses = items.map(([metric, zhWhat, enWhat]) => w.share(group, metric, zhWhat, enWhat));
  const first = w.get(group, items[0]![0]);
  if (clauses.some((c) => c === null) || !first || !w.known(first.denominator)) return w.join(clauses, w.zh ? '，' : ', ') || null;
  return w.zh ? `${zhWhole.replace('{n}', w.d(first))}，${clauses.join('，')}` : `of ${enWhole(w.d(first))}: ${clauses.join(', ')}`;
}

function members(w: W): string[] {
  const total = w.countRow('all', 'members');
  if (total === null || total.value === 0)
    return [
      w.zh
        ? '本届未录入两委成员名单，当选成员结构情况暂缺。'
        : 'No rosters of elected members were recorded for this cycle, so their profile is not available.',
    ];
  const out: string[] = [];
  const pb = w.countRow('party_branch', 'members');
  const vc = w.countRow('village_committee', 'members');
  const zhParts = w.join([pb?.value ? `村党组织成员${w.v(pb)}名` : null, vc?.value ? `村（居）委会成员${w.v(vc)}名` : null], '，');
  const enParts = w.join(
    [pb?.value ? `${w.v(pb)} on party branches` : null, vc?.value ? `${w.v(vc)} on villagers' committees` : null],
    ' and ',
  );
  out.push(
    w.zh
      ? `共选举产生村“两委”成员${w.v(total)}名（交叉任职的只计一次）${zhParts ? `，其中${zhParts}` : ''}。`
      : `${w.v(total)} members of the two committees were elected (a person on both counted once)${enParts ? `: ${enParts}` : ''}.`,
  );
  const women = w.share('all', 'women_share', '女性', (n) => `${n} women`);
  if (women) out.push(w.sentence(w.zh ? `从性别看，${women}` : `by gender: ${women}`));
  const avg = w.get('all', 'avg_age');
  const bands = parts(
    w,
    'all',
    [
      ['age_le35_share', '35岁及以下', (n) => `${n} aged 35 or under`],
      ['age_36_45_share', '36至45岁', (n) => `${n} aged 36–45`],
      ['age_46_55_share', '46至55岁', (n) => `${n} aged 46–55`],
      ['age_ge56_share', '56岁及以上', (n) => `${n} aged 56 or over`],
    ],
    '年龄已知的{n}名成员中',
    (n) => `the ${n} members whose age is known`,
  );
  const age = w.join(
    [avg && w.known(avg.value) ? (w.zh ? `平均年龄${w.v(avg)}岁` : `average age ${w.v(avg)}`) : null, bands],
    w.zh ? '；' : '; ',
  );
  if (age) out.push(w.sentence(w.zh ? `从年龄看，${age}` : `by age: ${age}`));
  const edu = parts(
    w,
    'all',
    [
      ['edu_college_share', '大专及以上学历', (n) => `${n} with college or above`],
      ['edu_senior_share', '高中、中专学历', (n) => `${n} with senior middle or vocational school`],
      ['edu_junior_or_below_share', '初中及以下学历', (n) => `${n} with junior middle school or below`],
    ],
    '文化程度已知的{n}名成员中',
    (n) => `the ${n} members whose education is known`,
  );
  if (edu) out.push(w.sentence(w.zh ? `从文化程度看，${edu}` : `by education: ${edu}`));
  const other = w.join(
    [
      w.share('all', 'party_member_share', '中共党员', (n) => `${n} party members`),
      w.share(
        'village_committee',
        'party_member_share',
        '村（居）委会成员中中共党员',
        (n) => `${n} party members on the villagers' committees`,
      ),
      w.share('all', 'minority_share', '少数民族', (n) => `${n} of ethnic minorities`),
    ],
    w.zh ? '；' : '; ',
  );
  if (other) out.push(w.sentence(w.zh ? `从政治面貌和民族看，${other}` : `${other}`));
  const cgo = w.countRow('all', 'college_graduate_officials');
  if (cgo?.value) out.push(w.zh ? `当选成员中有大学生村官${w.v(cgo)}名。` : `${w.v(cgo)} college-graduate village officials were elected.`);
  const secs = w.countRow('secretaries', 'members');
  if (secs?.value) {
    const sAge = w.get('secretaries', 'avg_age');
    const detail = w.join(
      [
        sAge && w.known(sAge.value) ? (w.zh ? `平均年龄${w.v(sAge)}岁` : `average age ${w.v(sAge)}`) : null,
        w.share('secretaries', 'women_share', '女性', (n) => `${n} women`),
        w.share('secretaries', 'edu_college_share', '大专及以上学历', (n) => `${n} with college or above`),
        w.share('secretaries', 'age_le35_share', '35岁及以下', (n) => `${n} aged 35 or under`),
      ],
      w.zh ? '，' : ', ',
    );
    out.push(
      w.zh
        ? `村党组织书记${w.v(secs)}名${detail ? `，${detail}` : ''}。`
        : `Of the ${w.v(secs)} party branch secretaries${detail ? `: ${detail}` : ''}.`,
    );
  }
  return [out.join(w.zh ? '' : ' ')];
}

function cross(w: W): string[] {
  const out: string[] = [];
  const ch = w.get('all', 'cross_holding_rate');
  if (ch && w.known(ch.value))
    out.push(
      w.zh
        ? `村党组织成员和村（居）委会成员交叉任职${w.n(ch)}人，占两委成员（去重）${w.d(ch)}人的${w.v(ch)}。`
        : `${w.n(ch)} persons sit on both committees: ${w.v(ch)} of the ${w.d(ch)} distinct members.`,
    );
  const os = w.get('all', 'one_shoulder_rate');
  if (os && w.known(os.value))
    out.push(
      w.zh
        ? `村党组织书记、村委会主任“一肩挑”的村${w.n(os)}个，占两委成员名单齐全的${w.d(os)}个村的${w.v(os)}。`
        : `In ${w.n(os)} of the ${w.d(os)} villages with both rosters recorded the branch secretary is also the committee director ("one shoulder", ${w.v(os)}).`,
    );
  if (out.length === 0)
    out.push(
      w.zh
        ? '未同时录入两委成员名单，交叉任职和“一肩挑”情况暂缺。'
        : 'Rosters of both bodies are needed for cross-holding and one-shoulder figures; they are not available.',
    );
  return [out.join(w.zh ? '' : ' ')];
}

function reelection(w: W): string[] {
  const re = w.get('all', 'reelection_rate');
  const linked = turnover(w);
  if (!re || !w.known(re.value) || !w.known(re.numerator) || !w.known(re.denominator))
    return (
      linked ?? [
        w.zh ? '名单中未填写是否连任，连任情况暂缺。' : 'The rosters do not say who was re-elected, so re-election is not available.',
      ]
    );
  const fresh = w.fmt(re.denominator - re.numerator, 'count');
  return [
    w.zh
      ? `在填写了是否连任的${w.d(re)}名成员中，连任${w.n(re)}名，连任率${w.v(re)}；新当选${fresh}名。`
      : `Of ${w.d(re)} members whose re-election is recorded, ${w.n(re)} were re-elected (${w.v(re)}) and ${fresh} are new.`,
    ...(linked ?? []),
  ];
}

/** Re-elected, new and left as the linked rosters give them (both bodies, persons), when they do. */
function turnover(w: W): string[] | null {
  const nw = w.get('all', 'newly_elected_rate');
  if (!nw || !w.known(nw.value) || !w.known(nw.numerator) || !w.known(nw.denominator)) return null;
  const cont = w.fmt(nw.denominator - nw.numerator, 'count');
  const lf = w.get('all', 'left_rate');
  const yr = w.get('all', 'avg_years_in_office');
  const left = lf && w.known(lf.value) ? lf : null;
  const years = yr && w.known(yr.value) ? yr : null;
  return [
    w.zh
      ? `与上届名单比对（按身份证号，无号码的按同村姓名和出生年月），能比对的${w.d(nw)}名成员中连任${cont}名、新进${w.n(nw)}名，新进率${w.v(nw)}${
          left ? `；上届${w.d(left)}名成员中离任${w.n(left)}名，离任率${w.v(left)}` : ''
        }${years ? `；成员当选时平均已连续任职${w.v(years)}年` : ''}。`
      : `Linked with the previous cycle's rosters (by ID number, or by name and birth month in the village), of ${w.d(nw)} members ${cont} were re-elected and ${w.n(nw)} are new (${w.v(nw)})${
          left ? `; ${w.n(left)} of the previous cycle's ${w.d(left)} members left (${w.v(left)})` : ''
        }${years ? `; at election members had served ${w.v(years)} years on average without a break` : ''}.`,
  ];
}

function change(data: ReportData, w: W, lang: Lang): string[] {
  const prev = data.previousCycle;
  if (prev === null)
    return [
      w.zh
        ? `数据中没有${data.cycle}年以前的届次，暂无法与上届比较。`
        : `The data has no cycle before ${data.cycle}, so there is nothing to compare with.`,
    ];
  const items: string[] = [];
  const apart: string[] = [];
  for (const c of KEY_FIGURES) {
    const now = w.get('all', c.metric, c.body);
    const then = w.get('all', c.metric, c.body, true);
    if (!now || !then) continue;
    const ch = changeOf(c.metric, now, then);
    if (ch.kind === 'not_comparable') {
      const [now_, then_] = [formatCoverage(ch.current, lang), formatCoverage(ch.previous, lang)];
      apart.push(
        w.zh ? `${c.zh}（本届覆盖 ${now_} 个村，上届 ${then_} 个村）` : `the ${c.en} (this cycle ${now_} villages, the previous ${then_})`,
      );
      continue;
    }
    if (ch.kind !== 'change') continue;
    const unit = metricDef(c.metric).unit;
    const a = w.v(then);
    const b = w.v(now);
    const suffix = !w.zh ? '' : unit === 'years' ? '岁' : unit === 'count' ? (c.metric === 'villages' ? '个' : '名') : '';
    const size = formatValue(Math.abs(ch.value), unit === 'percent' ? 'years' : unit, lang); // 'years' is the one-decimal format
    const delta = w.mark(
      now,
      'change',
      now.value! - then.value!,
      `${ch.value > 0 ? '+' : '−'}${unit === 'percent' ? (w.zh ? `${size}个百分点` : `${size} points`) : `${size}${suffix}`}`,
    );
    const [up, down] = unit === 'count' ? ['增加', '减少'] : ['提高', '下降'];
    if (w.zh)
      items.push(
        ch.value === 0
          ? `${c.zh}与上届持平（${b}${suffix}）`
          : `${c.zh}由${a}${suffix}${ch.value > 0 ? up : down}到${b}${suffix}（${delta}）`,
      );
    else
      items.push(
        ch.value === 0 ? `the ${c.en} is unchanged at ${b}` : `the ${c.en} ${ch.value > 0 ? 'rose' : 'fell'} from ${a} to ${b} (${delta})`,
      );
  }
  const out: string[] = [];
  if (items.length > 0)
    out.push(
      w.zh ? `与上一届（${prev}年）相比，${items.join('；')}。` : `Compared with the previous cycle (${prev}), ${items.join('; ')}.`,
    );
  if (apart.length > 0)
    out.push(
      w.zh
        ? `${apart.join('、')}两届数据覆盖的村不同，不作比较。`
        : `${apart.join(', ').replace(/^./, (x) => x.toUpperCase())}: the two cycles cover different villages, so no change is given.`,
    );
  const lineage = lineageSentence(data, w.zh);
  if (out.length === 0)
    return [(w.zh ? `上一届（${prev}年）缺少可比的数据。` : `The previous cycle (${prev}) has no comparable figures.`) + lineage];
  return [out.join(w.zh ? '' : ' ') + lineage];
}

/** Whose figures the previous cycle's are, when the village was merged, renamed or split (docs/domain.md, "Villages across cycles"). */
function lineageSentence(data: ReportData, zh: boolean): string {
  const l = data.lineage;
  if (!l || data.previousCycle === null) return '';
  const names = l.names.join(zh ? '、' : ', ');
  const prev = data.previousCycle;
  if (l.kind === 'merge')
    return zh
      ? `（${prev}年数据含合并前 ${names} 数据，为各村分子、分母之和。）`
      : ` (The ${prev} figures include ${names} before the merge, summed.)`;
  if (l.kind === 'rename')
    return zh ? `（${prev}年数据为更名前的 ${names}。）` : ` (The ${prev} figures are those of ${names}, the former name.)`;
  return zh
    ? `（本村由 ${names} 于 ${l.cycle}年拆分而来，拆分前数据不可比。）`
    : ` (The village was split from ${names} in ${l.cycle}; figures before the split are not comparable.)`;
}

function rules(data: ReportData, w: W, lang: Lang): string[] {
  const checked = data.rules.filter((r) => r.checked > 0);
  if (checked.length === 0)
    return [
      w.zh
        ? '选举数据中缺少核查所需的数字，本届未能进行合规核查。'
        : 'The data lacks the figures the rule checks need, so no rule could be checked.',
    ];
  const records = checked.reduce((a, r) => a + r.checked, 0);
  const broken = data.rules.filter((r) => r.breaches > 0);
  const total = broken.reduce((a, r) => a + r.breaches, 0);
  const head = w.zh
    ? `对照《村民委员会组织法》和党组织选举有关规定，对${w.fmt(checked.length, 'count')}项规则共${w.fmt(records, 'count')}条记录进行了核查，`
    : `${w.fmt(records, 'count')} records were checked against ${w.fmt(checked.length, 'count')} rules of the Organic Law and the party's election rules: `;
  if (total === 0) return [w.zh ? `${head}未发现不符合规定的情况。` : `${head}no breach was found.`];
  const list = broken.map((r) =>
    w.zh
      ? `“${ruleDef(r.rule)[lang]}”${w.fmt(r.breaches, 'count')}条（涉及${w.fmt(r.villages, 'count')}个村）`
      : `"${ruleDef(r.rule)[lang]}" ${w.fmt(r.breaches, 'count')} (${w.fmt(r.villages, 'count')} villages)`,
  );
  return [
    w.zh
      ? `${head}发现不符合规定的记录${w.fmt(total, 'count')}条，其中${list.join('，')}。以上情况需逐村核实，属实的依法依规纠正。`
      : `${head}${w.fmt(total, 'count')} breaches were found: ${list.join(', ')}. Each should be verified village by village.`,
  ];
}

/** The report's title: "青山县河东镇2021年村“两委”换届选举统计情况". */
export function reportTitle(data: Pick<ReportData, 'place' | 'cycle'>, lang: Lang): string {
  if (lang === 'zh') return `${data.place.join('')}${data.cycle}年村“两委”换届选举统计情况`;
  return `${data.cycle} village "two committees" elections${data.place.length ? ` in ${[...data.place].reverse().join(', ')}` : ''}: the figures`;
}

export function generateReport(data: ReportData, lang: Lang): ReportSection[] {
  const marks: ReportFigure[] = [];
  const w = writer(data, lang, marks);
  const body: Record<SectionId, string[]> = {
    overview: overview(data, w, lang),
    turnout: turnout(w),
    members: members(w),
    cross: cross(w),
    reelection: reelection(w),
    change: change(data, w, lang),
    rules: rules(data, w, lang),
  };
  return SECTION_IDS.map((id) => {
    const paragraphs = body[id].map((p) => split(p, marks));
    return { id, heading: HEADINGS[id][lang], paragraphs: paragraphs.map((p) => p.text), parts: paragraphs.map((p) => p.parts) };
  });
}
