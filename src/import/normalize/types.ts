import type { CellIssue } from '../issues';

/** What every value normaliser returns: the canonical value (null when empty) and at most one issue. */
export interface Parsed<T> {
  value: T | null;
  issue?: CellIssue;
}

export type Body = 'party_branch' | 'village_committee';
export type Role = 'secretary' | 'deputy_secretary' | 'director' | 'deputy_director' | 'member';
export type RoleClass = 'head' | 'deputy' | 'member';
export type Gender = 'male' | 'female';
export type EducationTier = 'junior_or_below' | 'senior' | 'college';

export interface Birth {
  year: number;
  month: number | null;
}
