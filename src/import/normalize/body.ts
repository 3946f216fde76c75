import { cellIssue, prepareCell } from './placeholder';
import { cleanText } from './text';
import type { Body, Parsed } from './types';

// Substrings naming a party organisation. 村党委 and 党支部委员会 are party bodies even though
// they contain 委 / 委员会, so the village keywords below are specific (村委, 居委 …).
const PARTY_ZH = ['党支部', '党总支', '党委', '党组织', '支部', '支委', '总支'];
const VILLAGE_ZH = ['村委', '村民委', '居委', '居民委'];

const PARTY_EN = /\b(party|branch)\b/;
const VILLAGE_EN = /\b(village|villagers?|residents?|community)\s?committees?\b/;
const COMMITTEE_EN = /\bcommittees?\b/;

interface Mentions {
  party: boolean;
  village: boolean;
}

/**
 * Which bodies a text mentions. In a cell a bare 委员会 / "committee" means the villagers'
 * committee (the party's is always qualified); in a title it may be an election committee
 * (村民选举委员会), so it counts only in a cell.
 */
function mentions(text: string, inCell: boolean): Mentions {
  const zh = text.replace(/\s/g, '');
  // Filenames use "_" / "-" between words; "villagers' committee" has an apostrophe.
  const en = text
    .toLowerCase()
    .replace(/['’_.-]+/g, ' ')
    .replace(/\s+/g, ' ');
  const party = PARTY_ZH.some((k) => zh.includes(k)) || PARTY_EN.test(en);
  let village = VILLAGE_ZH.some((k) => zh.includes(k)) || VILLAGE_EN.test(en);
  if (inCell && !party && !village) village = zh.includes('委员会') || COMMITTEE_EN.test(en);
  return { party, village };
}

function decide(m: Mentions): Body | null {
  if (m.party === m.village) return null;
  return m.party ? 'party_branch' : 'village_committee';
}

/** 党支部 / 党总支 / 村党委 … → party_branch; 村委会 / 村民委员会 / 居委会 … → village_committee. */
export function parseBody(raw: string): Parsed<Body> {
  const c = prepareCell(raw);
  if ('done' in c) return c.done;
  const b = decide(mentions(c.text, true));
  return b === null ? cellIssue('unknown_body', raw) : { value: b };
}

/** The one body a title row or file name speaks of; null when it names none or both (村"两委"). */
export function parseBodyFromText(text: string): Body | null {
  return decide(mentions(cleanText(text), false));
}
