import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRuleBreaches } from '../queries/hooks';
import { useRoute } from '../app/route';
import { useScope } from '../app/useScope';
import type { RuleBreach, RuleId, RuleScope, RuleSummary } from '../queries/types';
import { applicableRules, FIGURES, isRuleId, ruleDef } from '../queries/rules';
import { currentLang } from '../i18n';
import type { Lang } from '../util/lang';
import { formatValue } from '../metrics/format';
import { numberColumn, textColumn, type ExportTable } from '../export/table';
import { QueryState } from './QueryState';
import { DownloadableTable } from './DownloadableTable';
import { TableExport } from './TableExport';
import { PersonLinkIssues } from './PersonLinkIssues';

/** A breach's figures as one line: "登记选民数 1,500；参加投票人数 700；参选率 46.7%". */
function figuresText(b: RuleBreach, lang: Lang): string {
  return ruleDef(b.rule)
    .figures.map((f) => `${FIGURES[f][lang]} ${formatValue(b.figures[f] ?? null, FIGURES[f].unit, lang)}`)
    .join(lang === 'zh' ? '；' : '; ');
}

/**
 * The rule checks of the scope: per rule how many records could be checked and how many break it,
 * then one row per breach with its figures; a village drills to its overview.
 * URL: `rule` narrows the list to one rule, `ruleCycles=all` checks every cycle instead of the scope's.
 */
export function RulesView() {
  const { t } = useTranslation();
  const lang = currentLang();
  const [route, navigate] = useRoute();
  const { scope } = useScope();
  const ruleParam = route.params.get('rule');
  const ruleFilter: RuleId | null = isRuleId(ruleParam) ? ruleParam : null;
  const allCycles = route.params.get('ruleCycles') === 'all';
  const q: RuleScope | null = useMemo(
    () =>
      scope.cycle === null
        ? null
        : {
            county: scope.county,
            township: scope.township,
            village: scope.village,
            cycles: allCycles ? [] : [scope.cycle],
            body: scope.body,
          },
    [scope.county, scope.township, scope.village, scope.cycle, scope.body, allCycles],
  );
  const result = useRuleBreaches(q);

  if (scope.cycle === null)
    return (
      <div className="rules-view" data-view="rules">
        <h2>{t('rules.heading')}</h2>
        <p className="muted">{t('scope.noData')}</p>
      </div>
    );

  const drill = (b: RuleBreach) =>
    navigate({
      view: 'overview',
      county: b.county,
      township: b.township,
      village: b.village_key,
      cycle: String(b.cycle_year),
      rule: null,
      ruleCycles: null,
    });
  const personText = (b: RuleBreach) => {
    if (b.person === null) return '';
    if (!b.role) return b.person;
    const role = t(`role.${b.role}`);
    return lang === 'zh' ? `${b.person}（${role}）` : `${b.person} (${role})`;
  };
  const headers = [
    t('scope.county'),
    t('scope.township'),
    t('scope.village'),
    t('rules.cycle'),
    t('rules.body'),
    t('rules.rule'),
    t('rules.person'),
    t('rules.figures'),
  ];
  const breachTable = (list: readonly RuleBreach[]): ExportTable => ({
    name: t('rules.list'),
    columns: headers.map((h, i) => (i === 3 ? numberColumn(h, 0) : textColumn(h))),
    rows: list.map((b) => [
      b.county,
      b.township,
      b.village,
      b.cycle_year,
      t(`body.${b.body}`),
      ruleDef(b.rule)[lang],
      personText(b),
      figuresText(b, lang),
    ]),
  });
  const summaryTable = (summary: readonly RuleSummary[]): ExportTable => ({
    name: t('rules.summary'),
    columns: [
      textColumn(t('rules.rule')),
      numberColumn(t('rules.checked'), 0),
      numberColumn(t('rules.breaches'), 0),
      numberColumn(t('rules.villages'), 0),
      textColumn(t('rules.requirement')),
    ],
    rows: summary.map((s) => [ruleDef(s.rule)[lang], s.checked, s.breaches, s.villages, ruleDef(s.rule).description[lang]]),
  });

  return (
    <div className="rules-view" data-view="rules">
      <h2>{t('rules.heading')}</h2>
      <p className="muted">{t('rules.intro')}</p>
      <div className="file-settings">
        <label>
          {t('rules.cycles')}
          <select
            value={allCycles ? 'all' : 'current'}
            data-select="rule-cycles"
            onChange={(e) => navigate({ ruleCycles: e.target.value === 'all' ? 'all' : null })}
          >
            <option value="current">{t('rules.thisCycle', { year: scope.cycle })}</option>
            <option value="all">{t('rules.allCycles')}</option>
          </select>
        </label>
        <label>
          {t('rules.filter')}
          <select value={ruleFilter ?? ''} data-select="rule" onChange={(e) => navigate({ rule: e.target.value || null })}>
            <option value="">{t('rules.allRules')}</option>
            {applicableRules(scope.body).map((r) => {
              const n = result.data?.summary.find((s) => s.rule === r.id)?.breaches;
              return (
                <option key={r.id} value={r.id}>
                  {n === undefined ? r[lang] : `${r[lang]} (${formatValue(n, 'count', lang)})`}
                </option>
              );
            })}
          </select>
        </label>
      </div>
      <QueryState query={result}>
        {({ breaches, summary }) => {
          const shown = ruleFilter ? breaches.filter((b) => b.rule === ruleFilter) : breaches;
          const nothingChecked = summary.every((s) => s.checked === 0);
          return (
            <>
              <section className="card" data-section="rule-summary">
                <h3>{t('rules.summary')}</h3>
                <TableExport
                  table={() => summaryTable(summary)}
                  fileName={`${t('rules.fileName')}-${t('rules.summary')}`}
                  action="download-rule-summary"
                />
                <div className="table-scroll tall">
                  <table className="grid">
                    <thead>
                      <tr>
                        <th>{t('rules.rule')}</th>
                        <th>{t('rules.checked')}</th>
                        <th>{t('rules.breaches')}</th>
                        <th>{t('rules.villages')}</th>
                        <th>{t('rules.requirement')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {summary.map((s: RuleSummary) => {
                        const r = ruleDef(s.rule);
                        return (
                          <tr key={s.rule} data-rule-summary={s.rule} className={s.breaches > 0 ? 'bad' : undefined}>
                            <th scope="row">
                              <button
                                type="button"
                                className="link"
                                aria-pressed={ruleFilter === s.rule}
                                onClick={() => navigate({ rule: ruleFilter === s.rule ? null : s.rule })}
                              >
                                {r[lang]}
                              </button>
                            </th>
                            <td className="num">{s.checked > 0 ? formatValue(s.checked, 'count', lang) : t('rules.notChecked')}</td>
                            <td className="num" data-breaches={s.breaches}>
                              {formatValue(s.breaches, 'count', lang)}
                            </td>
                            <td className="num">{formatValue(s.villages, 'count', lang)}</td>
                            <td className="definition">{r.description[lang]}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </section>

              <section className="card" data-section="rule-breaches">
                <h3>
                  {t('rules.list')} · {t('rules.total', { n: shown.length })}
                </h3>
                {shown.length === 0 ? (
                  <p className="ok-text" data-empty="rules">
                    {nothingChecked
                      ? t('rules.nothingChecked')
                      : ruleFilter
                        ? t('rules.noneForRule', { rule: ruleDef(ruleFilter)[lang] })
                        : t('rules.none')}
                  </p>
                ) : (
                  <DownloadableTable
                    headers={headers}
                    table={() => breachTable(shown)}
                    fileName={t('rules.fileName')}
                    action="download-rules"
                  >
                    {shown.map((b, i) => (
                      <tr
                        key={`${b.rule}|${b.village_key}|${b.cycle_year}|${b.body}|${b.person ?? ''}|${i}`}
                        data-rule={b.rule}
                        data-village-key={b.village_key}
                        data-cycle={b.cycle_year}
                        data-body={b.body}
                      >
                        <td>{b.county ?? '—'}</td>
                        <td>{b.township ?? '—'}</td>
                        <td>
                          <button
                            type="button"
                            className="link"
                            data-action="drill-village"
                            title={t('rules.drill', { name: b.village ?? b.village_key })}
                            onClick={() => drill(b)}
                          >
                            {b.village ?? b.village_key}
                          </button>
                        </td>
                        <td>{t('scope.year', { year: b.cycle_year })}</td>
                        <td>{t(`body.${b.body}`)}</td>
                        <td>{ruleDef(b.rule)[lang]}</td>
                        <td>
                          {b.person_key ? (
                            <button
                              type="button"
                              className="link"
                              data-action="person-history"
                              title={t('persons.viewHistory', { name: b.person ?? '' })}
                              onClick={() => navigate({ view: 'person', key: b.person_key })}
                            >
                              {personText(b)}
                            </button>
                          ) : (
                            personText(b) || '—'
                          )}
                        </td>
                        <td className="figures">{figuresText(b, lang)}</td>
                      </tr>
                    ))}
                  </DownloadableTable>
                )}
              </section>
              <PersonLinkIssues scope={q} />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
