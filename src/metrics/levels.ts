import { scopeLevel, type GroupBy, type Scope } from './scope';

/** The level one step below a scope, which charts break it down by (a village breaks down into itself). */
export function childLevel(scope: Scope): Exclude<GroupBy, 'cycle'> {
  switch (scopeLevel(scope)) {
    case 'all':
    case 'county':
      return 'township';
    default:
      return 'village';
  }
}
