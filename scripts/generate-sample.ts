/**
 * Deterministic, fictitious sample data for the dashboard: two counties, four election cycles,
 * results of both bodies ("两委") for every village, and the roster of elected members — except
 * one township (杨树乡) that reports only the official statistical table (村"两委"换届选举情况统计表),
 * one per cycle, counted from the same persons.
 *
 *   npx tsx scripts/generate-sample.ts
 *
 * Writes data/sample/ (the app imports these files through its normal importer on first start).
 * Everything comes from a seeded PRNG: running twice gives byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Rng, clamp } from './lib/prng';
import { encode, titleRow, toCsv, type Cell } from './lib/csv';
import { cycleLabel, fullWidth, pad2, pctString, thousands } from './lib/format';
import { COMMUNITY_NAMES, PLACE_PREFIXES, givenName, pickSurname, villageName, villageSurname } from './lib/names';
import { countBody, statTable, type StatRow } from './lib/statTable';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'sample');

const SEED = 20210501;

// ---------------------------------------------------------------------------------------------
// Cycles and the trends that drive them
// ---------------------------------------------------------------------------------------------

interface Cycle {
  year: number;
  ordinal: number;
  /** Mean committee turnout, percent. */
  turnoutMean: number;
  /** Share of villages where the secretary is also the director. */
  oneShoulder: number;
  /** Target share of cross-holding persons among distinct persons of both bodies. */
  crossRate: number;
  femaleRecruitCommittee: number;
  femaleRecruitBranch: number;
  /** Probability that a new recruit of age < 35 has college education (scaled down for older). */
  collegeRecruit: number;
  /** Probability that a staying member with senior-middle education has gained a college diploma. */
  upgrade: number;
  /** Share of party members among new committee-only recruits. */
  partyRecruitCommittee: number;
  recruitAgeMean: number;
  recruitAgeSd: number;
}

const CYCLES: readonly Cycle[] = [
  {
    year: 2011,
    ordinal: 9,
    turnoutMean: 84.5,
    oneShoulder: 0.15,
    crossRate: 0.2,
    femaleRecruitCommittee: 0.1,
    femaleRecruitBranch: 0.04,
    collegeRecruit: 0.2,
    upgrade: 0,
    partyRecruitCommittee: 0.5,
    recruitAgeMean: 45,
    recruitAgeSd: 7,
  },
  {
    year: 2014,
    ordinal: 10,
    turnoutMean: 86.5,
    oneShoulder: 0.3,
    crossRate: 0.3,
    femaleRecruitCommittee: 0.18,
    femaleRecruitBranch: 0.1,
    collegeRecruit: 0.3,
    upgrade: 0.06,
    partyRecruitCommittee: 0.52,
    recruitAgeMean: 44,
    recruitAgeSd: 7,
  },
  {
    year: 2017,
    ordinal: 11,
    turnoutMean: 88.5,
    oneShoulder: 0.5,
    crossRate: 0.38,
    femaleRecruitCommittee: 0.24,
    femaleRecruitBranch: 0.14,
    collegeRecruit: 0.45,
    upgrade: 0.1,
    partyRecruitCommittee: 0.55,
    recruitAgeMean: 42,
    recruitAgeSd: 7,
  },
  {
    year: 2021,
    ordinal: 12,
    turnoutMean: 91,
    oneShoulder: 0.9,
    crossRate: 0.5,
    femaleRecruitCommittee: 0.44,
    femaleRecruitBranch: 0.3,
    collegeRecruit: 0.62,
    upgrade: 0.15,
    partyRecruitCommittee: 0.6,
    recruitAgeMean: 36,
    recruitAgeSd: 6,
  },
];

// ---------------------------------------------------------------------------------------------
// Geography
// ---------------------------------------------------------------------------------------------

interface TownshipSpec {
  name: string;
  code: string; // 3 digits
  kind: 'street' | 'town';
  /** Villages whose names (and codes, in order from the first village code) are fixed. */
  fixed: readonly string[];
}

interface CountySpec {
  name: string;
  code: string; // 6 digits
  townships: readonly TownshipSpec[];
}

/**
 * Codes are fictitious but shaped like 统计用区划代码: 6 digits county, 3 township
 * (街道 0xx, 镇 1xx, 乡 2xx), 3 village (居委会 0xx, 村委会 2xx). The first villages of 河东镇 and
 * 石桥镇 carry the names and codes used by tests/fixtures.
 */
const COUNTIES: readonly CountySpec[] = [
  {
    name: '青山县',
    code: '139901',
    townships: [
      { name: '城关街道', code: '001', kind: 'street', fixed: [] },
      { name: '河东镇', code: '101', kind: 'town', fixed: ['李家村', '王庄村', '东河村', '张家营村', '前进村', '柳树沟村'] },
      { name: '石桥镇', code: '102', kind: 'town', fixed: ['石桥村', '南岗村', '北岗村', '杨柳村', '马家庄村'] },
      { name: '柳林乡', code: '201', kind: 'town', fixed: ['李家村'] }, // same name as in 河东镇, as in real counties
    ],
  },
  {
    name: '河口县',
    code: '139902',
    townships: [
      { name: '河口镇', code: '101', kind: 'town', fixed: [] },
      { name: '白沙镇', code: '102', kind: 'town', fixed: ['王庄村'] },
      { name: '杨树乡', code: '201', kind: 'town', fixed: [] },
    ],
  },
];

const VILLAGES_PER_TOWNSHIP = 20;
/** In the 街道, this many 社区 elect a 居委会; the rest (村改居) still elect a 村委会. */
const RESIDENT_COMMITTEES = 6;

const MINORITIES = ['回族', '满族', '蒙古族'] as const;

interface Person {
  name: string;
  female: boolean;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  education: string;
  ethnicity: string;
  party: boolean;
  collegeGraduateOfficial: boolean;
}

type BranchRole = '书记' | '副书记' | '委员';
type CommitteeRole = '主任' | '副主任' | '委员';

interface Village {
  county: string;
  township: string;
  name: string;
  code: string;
  community: boolean;
  residentCommittee: boolean;
  registered2011: number;
  party2011: number;
  turnoutEffect: number;
  sizeU: number;
  shoulderU: number;
  minority: string | null;
  noWoman2011: boolean;
  surname: string | null;
  usedNames: Set<string>;
  prevBranch: Map<Person, BranchRole> | null;
  prevCommittee: Map<Person, CommitteeRole> | null;
}

/**
 * Synthetic counties that scale the sample up for benchmarks (a province has hundreds): named
 * and coded like the real ones, each with ten townships of the usual twenty villages.
 */
export function scaledCounties(n: number): CountySpec[] {
  const out: CountySpec[] = [];
  for (let k = 0; k < n; k++) {
    const prefix = PLACE_PREFIXES[k % PLACE_PREFIXES.length]!;
    const round = Math.floor(k / PLACE_PREFIXES.length);
    const townships: TownshipSpec[] = [];
    for (let t = 0; t < 10; t++) {
      const town = PLACE_PREFIXES[(k * 7 + t * 13) % PLACE_PREFIXES.length]!;
      townships.push({
        name: t < 7 ? `${town}镇` : `${town}乡`,
        code: t < 7 ? String(101 + t) : String(201 + t - 7),
        kind: 'town',
        fixed: [],
      });
    }
    out.push({ name: `${prefix}${round > 0 ? round + 1 : ''}县`, code: String(140001 + k), townships });
  }
  return out;
}

function buildVillages(rng: Rng, counties: readonly CountySpec[]): Village[] {
  const villages: Village[] = [];
  // Names are unique within the sample's own counties (tests look villages up by name); a
  // synthetic county only needs them unique within itself, as real counties do.
  const used = new Set<string>();
  for (const c of counties) for (const t of c.townships) for (const n of t.fixed) used.add(n);
  for (const c of counties) {
    if (!COUNTIES.includes(c)) used.clear();
    for (const t of c.townships) {
      const names: string[] = [];
      if (t.kind === 'street') {
        names.push(...COMMUNITY_NAMES.slice(0, VILLAGES_PER_TOWNSHIP));
      } else {
        names.push(...t.fixed);
        while (names.length < VILLAGES_PER_TOWNSHIP) {
          const n = villageName(rng);
          if (used.has(n)) continue;
          used.add(n);
          names.push(n);
        }
      }
      names.forEach((name, i) => {
        const community = t.kind === 'street';
        const resident = community && i < RESIDENT_COMMITTEES;
        const villageCode = resident ? pad3(i + 1) : community ? pad3(200 + i - RESIDENT_COMMITTEES + 1) : pad3(200 + i + 1);
        const registered = Math.round(clamp(Math.exp(rng.normal(Math.log(1500), 0.5)), 620, 3750));
        const party = Math.round(clamp(registered * rng.uniform(0.024, 0.04), 20, 105));
        const minorityVillage = rng.chance(0.08);
        villages.push({
          county: c.name,
          township: t.name,
          name,
          code: c.code + t.code + villageCode,
          community,
          residentCommittee: resident,
          registered2011: registered,
          party2011: party,
          turnoutEffect: rng.normal(0, 3.5),
          sizeU: rng.next(),
          shoulderU: rng.next(),
          minority: minorityVillage ? rng.pick(MINORITIES) : null,
          noWoman2011: rng.chance(0.08),
          surname: villageSurname(name),
          usedNames: new Set(),
          prevBranch: null,
          prevCommittee: null,
        });
      });
    }
  }
  return villages;
}

function pad3(n: number): string {
  return String(n).padStart(3, '0');
}

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------

function educationFor(rng: Rng, age: number, cycle: Cycle): string {
  const college = clamp(cycle.collegeRecruit * (age < 35 ? 1 : age < 45 ? 0.45 : 0.12), 0, 0.95);
  if (rng.chance(college)) {
    if (age < 32 && rng.chance(0.04)) return '研究生';
    const r = rng.next();
    if (r < 0.58) return '大专';
    return r < 0.92 ? '本科' : '大学本科';
  }
  const senior = age < 40 ? 0.6 : age < 50 ? 0.45 : 0.28;
  if (rng.chance(senior))
    return rng.weighted([
      ['高中', 6],
      ['中专', 2.5],
      ['职高', 1.5],
    ] as const);
  if (rng.chance(0.05)) return '初中及以下';
  if (age >= 52 && rng.chance(0.35)) return '小学';
  return '初中';
}

interface NewPersonOptions {
  party: boolean;
  female: boolean;
  age?: number;
}

function newPerson(rng: Rng, v: Village, cycle: Cycle, opts: NewPersonOptions): Person {
  const age = Math.round(opts.age ?? clamp(rng.normal(cycle.recruitAgeMean, cycle.recruitAgeSd), 23, 60));
  let name = '';
  for (let tries = 0; tries < 1000; tries++) {
    const surname = v.surname && rng.chance(0.35) ? v.surname : pickSurname(rng);
    name = surname + givenName(rng, opts.female);
    if (!v.usedNames.has(name)) break;
  }
  if (v.usedNames.has(name)) throw new Error(`could not find a free name in ${v.name}`);
  v.usedNames.add(name);
  const education = educationFor(rng, age, cycle);
  const ethnicity = v.minority ? (rng.chance(0.4) ? v.minority : '汉族') : rng.chance(0.012) ? rng.pick(MINORITIES) : '汉族';
  const college = ['大专', '本科', '大学本科', '研究生'].includes(education);
  return {
    name,
    female: opts.female,
    birthYear: cycle.year - age,
    birthMonth: rng.int(1, 12),
    birthDay: rng.int(1, 28),
    education,
    ethnicity,
    party: opts.party,
    collegeGraduateOfficial: cycle.year < 2021 && college && age <= 30 && rng.chance(0.5),
  };
}

function ageAt(p: Person, year: number): number {
  return year - p.birthYear;
}

function isCollege(education: string): boolean {
  return ['大专', '本科', '大学本科', '研究生'].includes(education);
}

// ---------------------------------------------------------------------------------------------
// One village, one cycle
// ---------------------------------------------------------------------------------------------

interface CommitteeResult {
  eligible: number;
  registered: number;
  voted: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  seats: number;
  candidates: number;
  firstRound: boolean;
  population: number;
  households: number;
}

interface BranchResult {
  body: string;
  entitled: number;
  present: number;
  voted: number;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  seats: number;
  candidates: number;
  firstRound: boolean;
}

interface MemberRow {
  body: 'branch' | 'committee';
  bodyName: string;
  person: Person;
  /** Snapshots: a person's education and party membership can change between cycles. */
  education: string;
  party: boolean;
  role: string;
  reelected: boolean;
  votes: number;
}

interface VillageCycle {
  village: Village;
  cycle: Cycle;
  committee: CommitteeResult;
  branch: BranchResult;
  members: MemberRow[];
}

/** Village × cycle overrides for the two deliberate rule breaches. */
const RETURNED_GT_ISSUED = { township: '白沙镇', index: 7, year: 2014 };
const LOW_TURNOUT = { township: '杨树乡', index: 12, year: 2011 };

/**
 * The township that keeps no rosters or results sheets, only the statistical table the county
 * sends down. Its persons are generated like everyone else's (so every other township's figures
 * stay as they were); they are written only as counts.
 */
const STATS_ONLY = { county: '河口县', township: '杨树乡' };
const statsOnly = (v: Village): boolean => v.county === STATS_ONLY.county && v.township === STATS_ONLY.township;

function committeeSize(rng: Rng, v: Village, registered: number): number {
  const u = clamp(v.sizeU + rng.normal(0, 0.08), 0, 0.999);
  if (registered < 1000) return u < 0.8 ? 3 : 4;
  if (registered < 2200) return u < 0.15 ? 4 : u < 0.9 ? 5 : 6;
  return u < 0.35 ? 5 : u < 0.55 ? 6 : 7;
}

function branchSize(rng: Rng, party: number): number {
  if (party < 35) return rng.chance(0.85) ? 3 : 5;
  if (party < 70) return rng.chance(0.8) ? 5 : 3;
  return rng.chance(0.5) ? 5 : 7;
}

function candidatesFor(rng: Rng, seats: number): number {
  // 差额选举: at least 20% more candidates than seats.
  return Math.ceil(seats * 1.2) + (rng.chance(0.3) ? 1 : 0);
}

function results(
  rng: Rng,
  v: Village,
  ci: number,
  villageIndex: number,
  prev: VillageCycle | null,
): { committee: CommitteeResult; branch: BranchResult } {
  const cycle = CYCLES[ci] as Cycle;
  const registered = prev ? Math.round(clamp(prev.committee.registered * rng.uniform(0.97, 1.045), 600, 4000)) : v.registered2011;
  const eligible = registered + Math.round(registered * rng.uniform(0, 0.03));
  let turnout = clamp(cycle.turnoutMean + v.turnoutEffect + rng.normal(0, 2.5), 65.5, 98.8);
  const lowTurnout = v.township === LOW_TURNOUT.township && villageIndex === LOW_TURNOUT.index && cycle.year === LOW_TURNOUT.year;
  if (lowTurnout) turnout = 47.6;
  const voted = Math.min(registered, Math.round((registered * turnout) / 100));
  const issued = voted;
  let returned = voted - (rng.chance(0.3) ? rng.int(1, 3) : 0);
  if (v.township === RETURNED_GT_ISSUED.township && villageIndex === RETURNED_GT_ISSUED.index && cycle.year === RETURNED_GT_ISSUED.year) {
    returned = issued + 2; // deliberate breach: more ballots returned than issued
  }
  const invalid = Math.round(returned * rng.uniform(0, 0.03));
  const population = Math.round(registered / rng.uniform(0.7, 0.8));
  const households = Math.round(population / rng.uniform(2.9, 3.6));
  const seats = committeeSize(rng, v, registered);
  const committee: CommitteeResult = {
    eligible,
    registered,
    voted,
    issued,
    returned,
    valid: returned - invalid,
    invalid,
    seats,
    candidates: candidatesFor(rng, seats),
    firstRound: lowTurnout ? false : !rng.chance(0.03),
    population,
    households,
  };

  const entitled = prev ? Math.round(clamp(prev.branch.entitled * rng.uniform(0.99, 1.07), 20, 120)) : v.party2011;
  const present = Math.min(entitled, Math.round(entitled * rng.uniform(0.85, 0.99)));
  const partyVoted = present - (rng.chance(0.25) ? 1 : 0);
  const bReturned = partyVoted - (rng.chance(0.1) ? 1 : 0);
  const bInvalid = Math.round(bReturned * rng.uniform(0, 0.03));
  const bSeats = branchSize(rng, entitled);
  const branch: BranchResult = {
    body: entitled >= 70 ? '党总支' : v.community ? '党支部' : '村党支部',
    entitled,
    present,
    voted: partyVoted,
    issued: partyVoted,
    returned: bReturned,
    valid: bReturned - bInvalid,
    invalid: bInvalid,
    seats: bSeats,
    candidates: candidatesFor(rng, bSeats),
    firstRound: !rng.chance(0.01),
  };
  return { committee, branch };
}

function stayProbability(p: Person, year: number): number {
  const age = ageAt(p, year);
  if (age >= 63) return 0.1;
  if (year === 2021) {
    if (age >= 56) return 0.3;
    if (age >= 50) return 0.55;
    return 0.72;
  }
  if (age >= 58) return 0.4;
  return 0.7;
}

function members(rng: Rng, v: Village, ci: number, committee: CommitteeResult, branch: BranchResult): MemberRow[] {
  const cycle = CYCLES[ci] as Cycle;
  const Y = cycle.year;
  const prevB = v.prevBranch ?? new Map<Person, BranchRole>();
  const prevC = v.prevCommittee ?? new Map<Person, CommitteeRole>();
  const B = branch.seats;
  const C = committee.seats;

  const staying = new Set<Person>();
  for (const p of new Set<Person>([...prevB.keys(), ...prevC.keys()])) {
    if (rng.chance(stayProbability(p, Y))) {
      staying.add(p);
      if (!isCollege(p.education) && ['高中', '中专', '职高'].includes(p.education) && rng.chance(cycle.upgrade * 2)) p.education = '大专';
      else if (!isCollege(p.education) && rng.chance(cycle.upgrade / 2)) p.education = '大专';
      if (!p.party && rng.chance(0.15)) p.party = true;
    }
  }
  const contB = [...prevB.keys()].filter((p) => staying.has(p));
  const contC = [...prevC.keys()].filter((p) => staying.has(p));
  const prevSec = [...prevB].find(([, r]) => r === '书记')?.[0];
  const prevDir = [...prevC].find(([, r]) => r === '主任')?.[0];
  const oneShoulder = v.shoulderU < cycle.oneShoulder;

  const recruitB = (): Person => newPerson(rng, v, cycle, { party: true, female: rng.chance(cycle.femaleRecruitBranch) });
  const recruitC = (): Person =>
    newPerson(rng, v, cycle, { party: rng.chance(cycle.partyRecruitCommittee), female: rng.chance(cycle.femaleRecruitCommittee) });

  // Heads
  let S: Person;
  if (prevSec && staying.has(prevSec)) S = prevSec;
  else if (oneShoulder && prevDir && staying.has(prevDir) && prevDir.party) S = prevDir;
  else {
    const deputies = contB.filter((p) => prevB.get(p) === '副书记');
    const pool = deputies.length > 0 ? deputies : contB;
    S =
      pool.length > 0 && rng.chance(0.6)
        ? rng.pick(pool)
        : newPerson(rng, v, cycle, {
            party: true,
            female: rng.chance(cycle.femaleRecruitBranch / 2),
            age: clamp(Math.round(rng.normal(cycle.recruitAgeMean + 3, 5)), 28, 58),
          });
  }
  let D: Person;
  if (oneShoulder) D = S;
  else if (prevDir && staying.has(prevDir) && prevDir !== S) D = prevDir;
  else {
    const deputies = contC.filter((p) => prevC.get(p) === '副主任' && p !== S);
    const pool = deputies.length > 0 ? deputies : contC.filter((p) => p !== S);
    D = pool.length > 0 && rng.chance(0.6) ? rng.pick(pool) : recruitC();
  }

  const br = new Map<Person, BranchRole>([[S, '书记']]);
  const cm = new Map<Person, CommitteeRole>([[D, '主任']]);
  const overlap = (): number => [...br.keys()].filter((p) => cm.has(p)).length;

  const r = cycle.crossRate;
  const kTarget = clamp(Math.round((r * (B + C)) / (1 + r) + rng.normal(0, 0.6)), oneShoulder ? 1 : 0, Math.min(B, C));
  const overlapPool: Person[] = [
    ...contB.filter((p) => prevC.has(p)),
    ...(D !== S && D.party ? [D] : []),
    ...rng.shuffle(contB),
    ...rng.shuffle(contC.filter((p) => p.party)),
  ];
  for (const p of overlapPool) {
    if (overlap() >= kTarget || br.size >= B || cm.size >= C) break;
    if (!p.party) continue;
    if (br.has(p) && cm.has(p)) continue;
    if (p === S && !cm.has(p)) continue; // a secretary rarely sits on the committee as an ordinary member
    if (!br.has(p)) br.set(p, '委员');
    if (!cm.has(p)) cm.set(p, '委员');
  }
  while (overlap() < kTarget && br.size < B && cm.size < C) {
    const p = newPerson(rng, v, cycle, { party: true, female: rng.chance((cycle.femaleRecruitBranch + cycle.femaleRecruitCommittee) / 2) });
    br.set(p, '委员');
    cm.set(p, '委员');
  }
  for (const p of rng.shuffle(contB)) {
    if (br.size >= B) break;
    if (!br.has(p) && !cm.has(p)) br.set(p, '委员');
  }
  while (br.size < B) br.set(recruitB(), '委员');
  for (const p of rng.shuffle(contC)) {
    if (cm.size >= C) break;
    if (!cm.has(p) && !br.has(p)) cm.set(p, '委员');
  }
  while (cm.size < C) cm.set(recruitC(), '委员');

  // The committee should include a woman (Organic Law art. 6); a few villages lacked one in 2011.
  if (![...cm.keys()].some((p) => p.female) && !(ci === 0 && v.noWoman2011)) {
    const ordinary = [...cm].filter(([p, role]) => role === '委员' && !br.has(p)).map(([p]) => p);
    const replace =
      ordinary.length > 0
        ? ordinary[ordinary.length - 1]
        : [...cm]
            .filter(([, role]) => role === '委员')
            .map(([p]) => p)
            .pop();
    const woman = newPerson(rng, v, cycle, { party: rng.chance(cycle.partyRecruitCommittee), female: true });
    if (replace) {
      cm.delete(replace);
      cm.set(woman, '委员');
    }
  }

  // Deputies
  if (B >= 5 && rng.chance(0.55)) {
    const others = [...br.keys()].filter((p) => p !== S);
    const pick = (D !== S && br.has(D) ? D : undefined) ?? others.find((p) => prevB.get(p) === '副书记') ?? rng.pick(others);
    br.set(pick, '副书记');
  }
  const nDeputies =
    C >= 5
      ? rng.weighted([
          [0, 1],
          [1, 2],
          [2, 1],
        ] as const)
      : rng.chance(0.35)
        ? 1
        : 0;
  const deputyPool = [
    ...[...cm.keys()].filter((p) => p !== D && prevC.get(p) === '副主任'),
    ...rng.shuffle([...cm.keys()].filter((p) => p !== D && prevC.get(p) !== '副主任')),
  ];
  for (let i = 0; i < nDeputies && i < deputyPool.length; i++) cm.set(deputyPool[i] as Person, '副主任');

  // Rows, heads first, then deputies, then members (stable order within a role)
  const rows: MemberRow[] = [];
  const roleOrder = (role: string): number => (role === '书记' || role === '主任' ? 0 : role === '委员' ? 2 : 1);
  const ordered = <R extends string>(m: Map<Person, R>): [Person, R][] =>
    [...m]
      .map((e, i) => ({ e, i }))
      .sort((a, b) => roleOrder(a.e[1]) - roleOrder(b.e[1]) || a.i - b.i)
      .map((x) => x.e);

  const firstCycleReelected = (head: boolean): boolean => rng.chance(head ? 0.68 : 0.58);
  for (const [p, role] of ordered(br)) {
    const reelected = ci === 0 ? firstCycleReelected(role === '书记') : prevB.has(p);
    const share = role === '书记' ? rng.uniform(0.86, 1) : rng.uniform(0.7, 0.99);
    rows.push({
      body: 'branch',
      bodyName: branch.body,
      person: p,
      education: p.education,
      party: p.party,
      role,
      reelected,
      votes: Math.min(branch.valid, Math.round(branch.valid * share)),
    });
  }
  const secondRound = committee.firstRound
    ? new Set<Person>()
    : new Set<Person>(
        [...cm]
          .filter(([, r]) => r === '委员')
          .slice(-1)
          .map(([p]) => p),
      );
  for (const [p, role] of ordered(cm)) {
    const reelected = ci === 0 ? firstCycleReelected(role === '主任') : prevC.has(p);
    const share = secondRound.has(p) ? rng.uniform(0.36, 0.49) : role === '主任' ? rng.uniform(0.68, 0.97) : rng.uniform(0.53, 0.92);
    const bodyName = v.residentCommittee ? '居委会' : '村委会';
    rows.push({
      body: 'committee',
      bodyName,
      person: p,
      education: p.education,
      party: p.party,
      role,
      reelected,
      votes: Math.min(committee.valid, Math.round(committee.valid * share)),
    });
  }

  v.prevBranch = br;
  v.prevCommittee = cm;
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const COMMITTEE_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '届次',
  '组织',
  '有选举权人数',
  '登记选民数',
  '参加投票人数',
  '参选率',
  '发出选票',
  '收回选票',
  '有效票',
  '无效票',
  '应选职数',
  '候选人数',
  '一次选举成功',
  '人口',
  '户数',
] as const;

const BRANCH_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '届次',
  '组织',
  '应到会党员',
  '实到会党员',
  '参加选举党员',
  '发出选票',
  '收回选票',
  '有效票',
  '无效票',
  '应选职数',
  '候选人数',
  '一次选举成功',
] as const;

const ROSTER_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
  '届次',
  '组织',
  '姓名',
  '职务',
  '性别',
  '出生年月',
  '文化程度',
  '民族',
  '政治面貌',
  '是否连任',
  '得票数',
  '大学生村官',
] as const;

type CommitteeCol = (typeof COMMITTEE_HEADER)[number];
type RosterCol = (typeof ROSTER_HEADER)[number];

function yesNo(b: boolean): string {
  return b ? '是' : '否';
}

function birthText(rng: Rng, p: Person): string {
  const r = rng.next();
  if (r < 0.75) return `${p.birthYear}.${pad2(p.birthMonth)}`;
  if (r < 0.9) return `${p.birthYear}年${p.birthMonth}月`;
  return `${p.birthYear}-${pad2(p.birthMonth)}-${pad2(p.birthDay)}`;
}

interface Anomaly {
  file: string;
  where: string;
  value: string;
  note: string;
}

export interface SampleOptions {
  /** Synthetic counties added after the sample's own (benchmarks); 0 for the bundled sample. */
  extraCounties?: number;
}

export interface GeneratedSample {
  files: [string, Buffer][];
  readme: string;
  summary: string;
  rosterRows: number;
}

export function generateSample(opts: SampleOptions = {}): GeneratedSample {
  const counties = [...COUNTIES, ...scaledCounties(opts.extraCounties ?? 0)];
  const geoRng = new Rng(SEED);
  const resRng = new Rng(SEED + 1);
  const memRng = new Rng(SEED + 2);
  const fmtRng = new Rng(SEED + 3);

  const villages = buildVillages(geoRng, counties);
  const villageOrder = new Map(villages.map((v, i) => [v, i]));
  const indexInTownship = new Map<Village, number>();
  {
    const counters = new Map<string, number>();
    for (const v of villages) {
      const key = v.county + v.township;
      const i = (counters.get(key) ?? 0) + 1;
      counters.set(key, i);
      indexInTownship.set(v, i);
    }
  }

  const all: VillageCycle[] = [];
  for (const v of villages) {
    let prev: VillageCycle | null = null;
    for (let ci = 0; ci < CYCLES.length; ci++) {
      const cycle = CYCLES[ci] as Cycle;
      const { committee, branch } = results(resRng, v, ci, indexInTownship.get(v) ?? 0, prev);
      const rows = members(memRng, v, ci, committee, branch);
      const vc: VillageCycle = { village: v, cycle, committee, branch, members: rows };
      all.push(vc);
      prev = vc;
    }
  }
  // Files are ordered by cycle, then place (as a county office would consolidate them).
  all.sort((a, b) => a.cycle.year - b.cycle.year || villageOrder.get(a.village)! - villageOrder.get(b.village)!);

  const anomalies: Anomaly[] = [];
  const find = (township: string, index: number, year: number): VillageCycle => {
    const vc = all.find((x) => x.village.township === township && indexInTownship.get(x.village) === index && x.cycle.year === year);
    if (!vc) throw new Error(`no village ${township} #${index} in ${year}`);
    return vc;
  };
  const where = (vc: VillageCycle): string =>
    `${vc.village.county}${vc.village.township}${vc.village.name}（${vc.village.code}）${vc.cycle.year}年`;

  // ---- villagers' committee results
  const committeeOverrides = new Map<VillageCycle, Partial<Record<CommitteeCol, string>>>();
  const override = (vc: VillageCycle, col: CommitteeCol, value: string, note: string): void => {
    const o = committeeOverrides.get(vc) ?? {};
    o[col] = value;
    committeeOverrides.set(vc, o);
    anomalies.push({ file: '村委会换届选举结果.csv', where: `${where(vc)} ${col}`, value, note });
  };
  {
    const big = all
      .filter((x) => x.cycle.year === 2017 && x.committee.population >= 1000 && !statsOnly(x.village))
      .sort((a, b) => b.committee.population - a.committee.population)[0];
    if (big) override(big, '人口', thousands(big.committee.population), '千分位逗号');
    const a = find('石桥镇', 9, 2014);
    override(a, '登记选民数', thousands(a.committee.registered), '千分位逗号');
    const b = find('河口镇', 3, 2021);
    override(b, '有选举权人数', thousands(b.committee.eligible), '千分位逗号');
    const d = find('柳林乡', 1, 2014); // the second 李家村
    override(d, '村(社区)', '李家 村', '村名中多一个空格');
    const e = find('白沙镇', 1, 2017); // 王庄村 of 河口县
    override(e, '村(社区)', '王庄村委会', '村名写成“村委会”');
    const f = find(RETURNED_GT_ISSUED.township, RETURNED_GT_ISSUED.index, RETURNED_GT_ISSUED.year);
    anomalies.push({
      file: '村委会换届选举结果.csv',
      where: `${where(f)} 收回选票`,
      value: `${f.committee.returned} > 发出选票 ${f.committee.issued}`,
      note: '故意违规：收回选票多于发出选票',
    });
    const g = find(LOW_TURNOUT.township, LOW_TURNOUT.index, LOW_TURNOUT.year);
    anomalies.push({
      file: `${STATS_ONLY.township}${LOW_TURNOUT.year}年村两委换届选举情况统计表.csv`,
      where: `${where(g)} 参选率`,
      value: pctString(g.committee.voted, g.committee.registered),
      note: '故意违规：参选率未过半（统计表）',
    });
  }
  const committeeRows: Cell[][] = [titleRow('青山县、河口县村民委员会换届选举结果统计表', COMMITTEE_HEADER.length), [...COMMITTEE_HEADER]];
  for (const vc of all) {
    const v = vc.village;
    if (statsOnly(v)) continue;
    const r = vc.committee;
    const values: Record<CommitteeCol, string> = {
      '县(市、区)': v.county,
      '乡镇(街道)': v.township,
      '村(社区)': v.name,
      区划代码: v.code,
      换届年份: String(vc.cycle.year),
      届次: cycleLabel(vc.cycle.ordinal),
      组织: v.residentCommittee ? '居委会' : '村委会',
      有选举权人数: String(r.eligible),
      登记选民数: String(r.registered),
      参加投票人数: String(r.voted),
      参选率: pctString(r.voted, r.registered),
      发出选票: String(r.issued),
      收回选票: String(r.returned),
      有效票: String(r.valid),
      无效票: String(r.invalid),
      应选职数: String(r.seats),
      候选人数: String(r.candidates),
      一次选举成功: yesNo(r.firstRound),
      人口: String(r.population),
      户数: String(r.households),
      ...committeeOverrides.get(vc),
    };
    committeeRows.push(COMMITTEE_HEADER.map((h) => values[h]));
  }

  // ---- party branch results (GB18030, as Excel on Chinese Windows writes)
  const branchRows: Cell[][] = [titleRow('青山县、河口县村党组织换届选举结果统计表', BRANCH_HEADER.length), [...BRANCH_HEADER]];
  for (const vc of all) {
    const v = vc.village;
    const r = vc.branch;
    if (statsOnly(v)) continue;
    branchRows.push([
      v.county,
      v.township,
      v.name,
      v.code,
      vc.cycle.year,
      cycleLabel(vc.cycle.ordinal),
      r.body,
      r.entitled,
      r.present,
      r.voted,
      r.issued,
      r.returned,
      r.valid,
      r.invalid,
      r.seats,
      r.candidates,
      yesNo(r.firstRound),
    ]);
  }

  // ---- roster
  const rosterRows: Cell[][] = [[...ROSTER_HEADER]];
  const rosterRecords: { vc: VillageCycle; m: MemberRow; values: Record<RosterCol, string> }[] = [];
  for (const vc of all) {
    const v = vc.village;
    for (const m of vc.members) {
      const p = m.person;
      const values: Record<RosterCol, string> = {
        '县(市、区)': v.county,
        '乡镇(街道)': v.township,
        '村(社区)': v.name,
        区划代码: v.code,
        换届年份: String(vc.cycle.year),
        届次: cycleLabel(vc.cycle.ordinal),
        组织: m.bodyName,
        姓名: p.name,
        职务: m.role,
        性别: p.female ? '女' : '男',
        出生年月: birthText(fmtRng, p),
        文化程度: m.education,
        民族: p.ethnicity,
        政治面貌: m.party ? '中共党员' : '群众',
        是否连任: yesNo(m.reelected),
        得票数: String(m.votes),
        大学生村官: yesNo(p.collegeGraduateOfficial),
      };
      rosterRecords.push({ vc, m, values });
    }
  }
  {
    const pickMember = (
      township: string,
      index: number,
      year: number,
      body: MemberRow['body'],
      nth: number,
    ): (typeof rosterRecords)[number] => {
      const list = rosterRecords.filter(
        (r) =>
          r.vc.village.township === township &&
          indexInTownship.get(r.vc.village) === index &&
          r.vc.cycle.year === year &&
          r.m.body === body,
      );
      const rec = list[nth];
      if (!rec) throw new Error(`no member ${nth} in ${township} #${index} ${year}`);
      return rec;
    };
    const rosterAnomaly = (rec: (typeof rosterRecords)[number], col: RosterCol, value: string, note: string): void => {
      rec.values[col] = value;
      anomalies.push({
        file: '两委成员花名册.csv',
        where: `${where(rec.vc)} ${rec.m.bodyName} ${rec.m.person.name} ${col}`,
        value: value === '' ? '（空白）' : value,
        note,
      });
    };
    rosterAnomaly(pickMember('河口镇', 11, 2014, 'committee', 2), '出生年月', 'xx', '出生年月用“xx”代替');
    const fw = pickMember('石桥镇', 14, 2021, 'branch', 1);
    rosterAnomaly(fw, '得票数', fullWidth(fw.values.得票数), '全角数字');
    rosterAnomaly(pickMember('城关街道', 8, 2017, 'committee', 1), '得票数', '', '得票数空白');
  }
  for (const r of rosterRecords) if (!statsOnly(r.vc.village)) rosterRows.push(ROSTER_HEADER.map((h) => r.values[h]));

  // ---- the stats-only township: one statistical table per cycle (GB18030, as Excel writes it)
  const statFiles: [string, Buffer][] = [];
  let statRowCount = 0;
  for (const cycle of CYCLES) {
    const rows: StatRow[] = [];
    for (const vc of all.filter((x) => statsOnly(x.village) && x.cycle === cycle)) {
      const v = vc.village;
      const of = (body: MemberRow['body']) => vc.members.filter((m) => m.body === body);
      const branch = of('branch');
      const committee = of('committee');
      const cross = branch.filter((b) => committee.some((c) => c.person === b.person)).length;
      const secretary = branch.find((m) => m.role === '书记')?.person;
      const oneShoulder = committee.some((m) => m.role === '主任' && m.person === secretary);
      const counted = (m: MemberRow) => ({
        female: m.person.female,
        age: ageAt(m.person, cycle.year),
        education: m.education,
        minority: m.person.ethnicity !== '汉族',
        party: m.party,
        reelected: m.reelected,
      });
      const place = [v.county, v.township, v.name, v.code];
      rows.push({
        place,
        body: vc.branch.body,
        electorate: vc.branch.entitled,
        voted: vc.branch.voted,
        party: true,
        counts: countBody(branch.map(counted)),
        crossHolding: cross,
        oneShoulder,
      });
      rows.push({
        place,
        body: v.residentCommittee ? '居委会' : '村委会',
        electorate: vc.committee.registered,
        voted: vc.committee.voted,
        party: false,
        counts: countBody(committee.map(counted)),
        crossHolding: cross,
        oneShoulder,
      });
    }
    const title = `${STATS_ONLY.county}${STATS_ONLY.township}${cycle.year}年${cycleLabel(cycle.ordinal)}村“两委”换届选举情况统计表`;
    const table = statTable(
      title,
      ['县(市、区)', '乡镇(街道)', '村(社区)', '区划代码'],
      rows,
      `填表人：${STATS_ONLY.township}换届选举办公室  填报日期：${cycle.year}年6月`,
    );
    const name = `${STATS_ONLY.township}${cycle.year}年村两委换届选举情况统计表.csv`;
    if (cycle.year === 2017) {
      // As typed with a Chinese IME left in full-width mode.
      const vc = find(STATS_ONLY.township, 5, 2017);
      const line = table.rows.findIndex((r) => r[3] === vc.village.code && (r[4] === '村委会' || r[4] === '居委会'));
      const col = (table.rows[1] ?? []).indexOf('参加投票人数');
      const cells = table.rows[line];
      if (!cells || col < 0) throw new Error('no 杨树乡 #5 committee row in 2017');
      cells[col] = fullWidth(String(cells[col]));
      anomalies.push({ file: name, where: `${where(vc)} 参加投票人数`, value: String(cells[col]), note: '全角数字' });
    }
    statRowCount += rows.length;
    statFiles.push([name, encode(toCsv(table.rows), 'gb18030')]);
  }

  const files: [string, Buffer][] = [
    ['村委会换届选举结果.csv', encode(toCsv(committeeRows), 'utf-8-bom')],
    ['党组织换届选举结果.csv', encode(toCsv(branchRows), 'gb18030')],
    ['两委成员花名册.csv', encode(toCsv(rosterRows), 'utf-8-bom')],
    ...statFiles,
  ];
  const townships = new Set(villages.map((v) => v.county + v.township)).size;
  const readme = sampleReadme({
    counties: counties.length,
    townships,
    villages: villages.length,
    committeeRows: committeeRows.length - 2,
    branchRows: branchRows.length - 2,
    rosterRows: rosterRows.length - 1,
    statRows: statRowCount,
    anomalies,
  });
  const summary =
    `${counties.length} counties, ${townships} townships, ${villages.length} villages, ${CYCLES.length} cycles; ` +
    `committee results ${committeeRows.length - 2} rows, branch results ${branchRows.length - 2} rows, roster ${rosterRows.length - 1} rows, ` +
    `statistical tables (${STATS_ONLY.township}) ${statFiles.length} files, ${statRowCount} rows`;
  return { files, readme, summary, rosterRows: rosterRows.length - 1 };
}

function main(): void {
  const { files, readme, summary } = generateSample();
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(OUT_DIR, name), bytes);
  writeFileSync(join(OUT_DIR, 'README.md'), readme);
  console.log(`data/sample: ${summary}`);
}

function sampleReadme(s: {
  counties: number;
  townships: number;
  villages: number;
  committeeRows: number;
  branchRows: number;
  rosterRows: number;
  statRows: number;
  anomalies: Anomaly[];
}): string {
  const anomalyRows = s.anomalies.map((a) => `| ${a.file} | ${a.where} | ${a.value.replace(/\|/g, '\\|')} | ${a.note} |`).join('\n');
  return `# 示例数据 / Sample data

**本目录中的文件由 \`scripts/generate-sample.ts\` 生成，所有县、乡镇、村、人名和数字均为虚构。**
**These files are generated by \`scripts/generate-sample.ts\`; every place, person and figure is fictitious.**
Do not edit them by hand: change the script and run \`npx tsx scripts/generate-sample.ts\` (seeded, byte-identical on every run).

应用首次启动时通过正常的导入流程导入这些文件。 / The app imports them through its normal importer on first start.

| 文件 / file | 内容 / content | 编码 / encoding | 数据行 / data rows |
|---|---|---|---|
| \`村委会换届选举结果.csv\` | 村（居）民委员会选举结果 / villagers' committee results | UTF-8 with BOM, comma, CRLF; title row + header | ${s.committeeRows} |
| \`党组织换届选举结果.csv\` | 村党组织（村党支部、党总支）选举结果 / party branch results | GB18030 (as Excel on Chinese Windows), comma, CRLF; title row + header | ${s.branchRows} |
| \`两委成员花名册.csv\` | 两委成员花名册 / roster of elected members, both bodies | UTF-8 with BOM, comma, CRLF; header | ${s.rosterRows} |
| \`${STATS_ONLY.township}{年份}年村两委换届选举情况统计表.csv\` (4) | ${STATS_ONLY.township}的村"两委"换届选举情况统计表，每届一个 / ${STATS_ONLY.township}'s official statistical tables, one per cycle | GB18030, comma, CRLF; title row + two-row header (女性… over 人数/占比, 其中 over 35岁及以下/60岁及以上, 文化程度 over the tiers) + 合计 + notes | ${s.statRows} |

- ${s.counties} 个县（青山县、河口县） / counties; ${s.townships} 个乡镇（街道） / townships (one 街道 with 社区); ${s.villages} 个村（社区） / villages, each with a fixed 12-digit 区划代码 (fictitious, keep as text).
- 4 届 / cycles: 2011（第九届）, 2014（第十届）, 2017（第十一届）, 2021（第十二届）; both bodies in every village and cycle.
- ${STATS_ONLY.county}${STATS_ONLY.township}只报统计表：没有花名册和选举结果表，每村每届每个组织一行，人数已统计好（成员数、女性、少数民族、党员、连任、35岁及以下、60岁及以上、平均年龄、文化程度、交叉任职人数、一肩挑）及选民数。 / ${STATS_ONLY.township} reports only statistical tables: no roster and no results sheet, one row per village × cycle × body with the members already counted and the voters; the other indicators (other age bands, the age pyramid, heads only, ballots, winners' vote share) are "not available" there.
- 两个“李家村”（河东镇、柳林乡）同名不同村；“王庄村”在两个县都有。 / Two villages named 李家村 in different townships of 青山县, and a 王庄村 in each county: tell them apart by code.
- 趋势 / trends: turnout slowly rising; women, college-educated members, cross-holding (交叉任职) and one-shoulder (一肩挑) rising; average age falling after 2017.
- 同一人跨届保持姓名和出生年月；“是否连任”= 是 当且仅当此人上一届在同一村同一组织任职（2011 年为估计值）。 / A person keeps name and birth date across cycles; 是否连任 = 是 exactly when the person sat on the same body of the same village in the previous cycle (2011: plausible guess).

## 故意保留的“脏”数据 / Deliberate messy values and rule breaches

| 文件 / file | 位置 / where | 值 / value | 说明 / note |
|---|---|---|---|
${anomalyRows}

Birth dates are written as \`1969.04\` (most), \`1969年4月\` or \`1969-04-26\`; education as 小学, 初中, 初中及以下, 高中, 中专, 职高, 大专, 本科, 大学本科, 研究生.
`;
}

// Run as a script (npm run sample); imported by the benchmark's scaled generator.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
