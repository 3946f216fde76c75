/**
 * A real county's size for the chart layout tests: 15 townships of 20 villages, the 村委会 results of
 * two cycles and the 2021 roster. Made with the sample's seeded generators, so every run imports the
 * same bytes. 2021's turnouts all lie between 80% and 100% (the axis must not start at 0); 2017 has
 * a few villages at and under the legal line (the line and its label must show).
 */
import { encode, toCsv, type Cell } from '../../../scripts/lib/csv';
import { cycleLabel, pctString } from '../../../scripts/lib/format';
import { givenName, pickSurname, villageName, PLACE_PREFIXES } from '../../../scripts/lib/names';
import { Rng } from '../../../scripts/lib/prng';

export const COUNTY = '大河县';
export const TOWNSHIPS = 15;
export const VILLAGES_PER_TOWNSHIP = 20;

const CYCLES = [
  { year: 2017, ordinal: 11 },
  { year: 2021, ordinal: 12 },
];

export interface Village {
  township: string;
  name: string;
  code: string;
}

const RESULTS_HEADER = [
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
];
const MEMBERS_HEADER = [
  '县(市、区)',
  '乡镇(街道)',
  '村(社区)',
  '区划代码',
  '换届年份',
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
];

export function countyVillages(rng: Rng): Village[] {
  const out: Village[] = [];
  for (let t = 0; t < TOWNSHIPS; t++) {
    const township = `${PLACE_PREFIXES[(t * 7 + 3) % PLACE_PREFIXES.length]}${t < 11 ? '镇' : '乡'}`;
    // Unique within a township; the same name in two townships happens, as in real counties.
    const names = new Set<string>();
    while (names.size < VILLAGES_PER_TOWNSHIP) names.add(villageName(rng));
    for (const [i, name] of [...names].entries()) out.push({ township, name, code: `149901${String(101 + t)}${String(201 + i)}` });
  }
  return out;
}

/** Turnout in percent: 2021 between 80 and 99; 2017 lower, with every 37th village under 50. */
function turnout(rng: Rng, year: number, index: number): number {
  if (year === 2021) return 80.5 + rng.next() * 18.5;
  if (index % 37 === 5) return 38 + rng.next() * 12;
  return 58 + rng.next() * 38;
}

function resultsRows(rng: Rng, villages: readonly Village[]): Cell[][] {
  const rows: Cell[][] = [RESULTS_HEADER];
  for (const c of CYCLES) {
    villages.forEach((v, i) => {
      const registered = 600 + Math.round(rng.next() * 2400);
      const voted = Math.round((registered * turnout(rng, c.year, i)) / 100);
      const returned = voted - (rng.chance(0.3) ? 1 : 0);
      const invalid = Math.round(returned * 0.01);
      const seats = rng.pick([3, 5, 7]);
      rows.push([
        COUNTY,
        v.township,
        v.name,
        v.code,
        c.year,
        cycleLabel(c.ordinal),
        '村委会',
        registered + 12,
        registered,
        voted,
        pctString(voted, registered),
        voted,
        returned,
        returned - invalid,
        invalid,
        seats,
        seats + 2,
        '是',
      ]);
    });
  }
  return rows;
}

const EDUCATION = ['初中', '高中', '中专', '大专', '本科'];

/** Seven members a village (four on the committee, three in the branch), aged 25 to 64. */
function memberRows(rng: Rng, villages: readonly Village[]): Cell[][] {
  const rows: Cell[][] = [MEMBERS_HEADER];
  for (const v of villages) {
    const roles: [string, string][] = [
      ['村委会', '主任'],
      ['村委会', '副主任'],
      ['村委会', '委员'],
      ['村委会', '委员'],
      ['村党支部', '书记'],
      ['村党支部', '委员'],
      ['村党支部', '委员'],
    ];
    for (const [body, role] of roles) {
      const female = rng.chance(0.3);
      const born = 2021 - 25 - Math.floor(rng.next() * 40);
      const month = 1 + Math.floor(rng.next() * 12);
      rows.push([
        COUNTY,
        v.township,
        v.name,
        v.code,
        2021,
        body,
        pickSurname(rng) + givenName(rng, female),
        role,
        female ? '女' : '男',
        `${born}.${String(month).padStart(2, '0')}`,
        rng.pick(EDUCATION),
        '汉族',
        body === '村党支部' || rng.chance(0.5) ? '中共党员' : '群众',
        rng.chance(0.5) ? '是' : '否',
        '',
      ]);
    }
  }
  return rows;
}

export interface CountyFiles {
  villages: Village[];
  files: { name: string; mimeType: string; buffer: Buffer }[];
}

export function countyFiles(seed = 20240601): CountyFiles {
  const rng = new Rng(seed);
  const villages = countyVillages(rng);
  const csv = (name: string, rows: Cell[][]) => ({ name, mimeType: 'text/csv', buffer: encode(toCsv(rows), 'utf-8-bom') });
  return {
    villages,
    files: [
      csv('大河县村委会换届选举结果.csv', resultsRows(rng, villages)),
      csv('大河县2021年两委成员花名册.csv', memberRows(rng, villages)),
    ],
  };
}
