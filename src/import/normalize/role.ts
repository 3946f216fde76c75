import { cellIssue, prepareCell } from './placeholder';
import { stripBracketed } from './text';
import type { Body, Parsed, Role, RoleClass } from './types';

interface RoleGuess {
  role: Role;
  hint?: Body;
}

// Body names written in front of a role ("村委会主任", "党支部书记"). Longest first so 村委会
// is taken before 村委 and 村.
const PREFIXES: readonly [string, Body | undefined][] = (
  [
    ['社区党总支', 'party_branch'],
    ['社区党支部', 'party_branch'],
    ['社区党委', 'party_branch'],
    ['村党总支', 'party_branch'],
    ['村党支部', 'party_branch'],
    ['村党委', 'party_branch'],
    ['党总支', 'party_branch'],
    ['党支部', 'party_branch'],
    ['党委', 'party_branch'],
    ['总支', 'party_branch'],
    ['支部', 'party_branch'],
    ['支委', 'party_branch'],
    ['中共', 'party_branch'],
    ['党', 'party_branch'],
    ['社区居民委员会', 'village_committee'],
    ['社区居委会', 'village_committee'],
    ['居民委员会', 'village_committee'],
    ['村民委员会', 'village_committee'],
    ['村委会', 'village_committee'],
    ['居委会', 'village_committee'],
    ['村委', 'village_committee'],
    ['居委', 'village_committee'],
    ['社区', undefined],
    ['村', undefined],
    ['居', undefined],
  ] as [string, Body | undefined][]
).sort((a, b) => b[0].length - a[0].length);

const CORE: Readonly<Record<string, RoleGuess>> = {
  书记: { role: 'secretary', hint: 'party_branch' },
  支书: { role: 'secretary', hint: 'party_branch' }, // 村支书, the everyday word for the branch secretary
  副书记: { role: 'deputy_secretary', hint: 'party_branch' },
  专职副书记: { role: 'deputy_secretary', hint: 'party_branch' },
  常务副书记: { role: 'deputy_secretary', hint: 'party_branch' },
  主任: { role: 'director', hint: 'village_committee' },
  村长: { role: 'director', hint: 'village_committee' }, // colloquial for the director
  副主任: { role: 'deputy_director', hint: 'village_committee' },
  常务副主任: { role: 'deputy_director', hint: 'village_committee' },
  副村长: { role: 'deputy_director', hint: 'village_committee' },
  委员: { role: 'member' },
  成员: { role: 'member' },
  班子成员: { role: 'member' },
  支委: { role: 'member', hint: 'party_branch' },
  // Branch committee portfolios.
  组织委员: { role: 'member', hint: 'party_branch' },
  宣传委员: { role: 'member', hint: 'party_branch' },
  纪检委员: { role: 'member', hint: 'party_branch' },
  纪律检查委员: { role: 'member', hint: 'party_branch' },
  统战委员: { role: 'member', hint: 'party_branch' },
  青年委员: { role: 'member', hint: 'party_branch' },
};

const RANK: Readonly<Record<Role, number>> = {
  secretary: 3,
  director: 3,
  deputy_secretary: 2,
  deputy_director: 2,
  member: 1,
};

function guessChinese(part: string): RoleGuess | null {
  // 村务监督委员会 is a third body, and 第一书记 is appointed by the township, not elected:
  // counting either as a branch or committee seat would inflate the figures.
  if (/监督|监委|第一书记/.test(part)) return null;
  const whole = CORE[part];
  if (whole) return { ...whole };
  let p = part;
  let prefixHint: Body | undefined;
  for (let again = true; again; ) {
    again = false;
    for (const [prefix, hint] of PREFIXES) {
      if (p.length > prefix.length && p.startsWith(prefix)) {
        p = p.slice(prefix.length);
        prefixHint = prefixHint ?? hint;
        again = true;
        break;
      }
    }
  }
  const core = CORE[p];
  let g: RoleGuess | null = core ? { ...core } : null;
  // 妇女委员, 治保委员 …: portfolios on either body.
  if (!g && p.endsWith('委员')) g = { role: 'member' };
  // 妇女主任, 治保主任, 调解主任 are committee members heading a portfolio, not the director.
  if (!g && p.endsWith('主任')) g = { role: 'member', hint: 'village_committee' };
  if (!g) return null;
  if (prefixHint) g.hint = prefixHint;
  return g;
}

function guessEnglish(part: string): RoleGuess | null {
  const p = part.toLowerCase().replace(/[-_.]+/g, ' ');
  const deputy = /\b(deputy|vice)\b/.test(p);
  const partyWord = /\b(party|branch)\b/.test(p);
  const villageWord = /\b(village|villagers?|residents?)\b/.test(p);
  const hint: Body | undefined = partyWord ? 'party_branch' : villageWord ? 'village_committee' : undefined;
  if (/\bsecretary\b/.test(p)) return { role: deputy ? 'deputy_secretary' : 'secretary', hint: 'party_branch' };
  if (/\b(director|chair|chairman|chairwoman|chairperson|head)\b/.test(p))
    return { role: deputy ? 'deputy_director' : 'director', hint: 'village_committee' };
  if (/\bmembers?\b/.test(p)) return hint ? { role: 'member', hint } : { role: 'member' };
  return null;
}

function guessPart(part: string): RoleGuess | null {
  return /[a-z]/i.test(part) ? guessEnglish(part) : guessChinese(part);
}

/** The head's seat on the body in question: one person holds both (书记兼主任, 一肩挑). */
function headFor(body: Body | null): Role {
  return body === 'village_committee' ? 'director' : 'secretary';
}

const best = (gs: readonly RoleGuess[]): RoleGuess => gs.reduce((a, b) => (RANK[b.role] > RANK[a.role] ? b : a));

/**
 * 书记 / 副书记 / 主任 / 副主任 / 委员 and their English names. A role names its body
 * (书记 → branch, 主任 → committee), returned as bodyHint for rows without a body column. A
 * combined role (书记兼主任, "书记、村委会主任", 一肩挑) is read as the seat on `body`; with no
 * body known it is the branch seat, and no hint is given since the person sits on both.
 */
export function parseRole(raw: string, body: Body | null): Parsed<Role> & { bodyHint?: Body } {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  if (/一肩挑|一人兼|一人双职/.test(c.text.replace(/ /g, ''))) return { value: headFor(body) };
  // A bracketed note ("委员(妇女)", "副主任(兼妇女主任)") qualifies the seat, it is not another
  // one; it is read only when nothing stands outside the brackets.
  const main = stripBracketed(c.text).trim();
  const text = (main === '' ? c.text.replace(/[()[\]【】〔〕]/g, '') : main).replace(/\s*(兼任|兼)\s*/g, '兼');
  const zh = text.replace(/ /g, '');

  const parts = /[a-z]/i.test(text) ? text.split(/\band\b|[,/&+;、，；]/i) : zh.split(/[、,，;；/&+|]|兼|和|及|暨|与/);
  const guesses = parts
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(guessPart)
    .filter((g): g is RoleGuess => g !== null);
  if (guesses.length === 0) return cellIssue('unknown_role', raw);

  const hints = new Set(guesses.map((g) => g.hint).filter((h): h is Body => h !== undefined));
  if (hints.size <= 1) {
    const g = best(guesses);
    const hint = [...hints][0];
    return hint ? { value: g.role, bodyHint: hint } : { value: g.role };
  }
  // The person holds seats on both bodies: report the one on the row's body.
  const on = body ?? 'party_branch';
  const seat = guesses.filter((g) => g.hint === on);
  return { value: best(seat.length > 0 ? seat : guesses).role };
}

/** Heads (正职) are the secretary and the director; reports profile them separately. */
export function roleClass(role: Role): RoleClass {
  switch (role) {
    case 'secretary':
    case 'director':
      return 'head';
    case 'deputy_secretary':
    case 'deputy_director':
      return 'deputy';
    case 'member':
      return 'member';
  }
}
