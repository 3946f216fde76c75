import { describe, expect, it } from 'vitest';
import { RULE_SQL } from '../../src/metrics/ruleChecks';
import { FIGURES, RULE_IDS, RULES } from '../../src/metrics/rules';

describe('the rule catalogue and its SQL', () => {
  it('gives every rule of the catalogue its SQL, and every figure it shows an expression', () => {
    expect(Object.keys(RULE_SQL).sort()).toEqual([...RULE_IDS].sort());
    for (const r of RULES) {
      expect(r.figures.length, r.id).toBeGreaterThan(0);
      for (const f of r.figures) {
        expect(FIGURES[f], `${r.id} ${f}`).toBeDefined();
        expect(RULE_SQL[r.id].figures[f], `${r.id} ${f}`).toBeTruthy();
      }
      // No SQL for a figure the catalogue does not show: it would be computed and never read.
      expect(Object.keys(RULE_SQL[r.id].figures).sort(), r.id).toEqual([...r.figures].sort());
    }
  });
});
