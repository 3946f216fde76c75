/** The rule catalogue as the views show it (labels, legal basis, figures beside a breach). */
export { applicableRules, FIGURES, isRuleId, ruleDef } from '../metrics/rules';
