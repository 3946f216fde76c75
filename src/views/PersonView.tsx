import { useTranslation } from 'react-i18next';
import { useRoute } from '../app/route';
import { useScope } from '../app/useScope';
import { usePersonHistory, useVillageRoster, type PersonSeat, type RosterEntry } from '../queries/persons';
import { currentLang } from '../i18n';
import { formatValue } from '../metrics/format';
import { numberColumn, textColumn, type ExportTable } from '../export/table';
import { DownloadableTable } from './DownloadableTable';
import { QueryState } from './QueryState';

/** The link status of a seat as shown: new, re-elected, ambiguous … (src/db/personLinks.ts). */
function useStatusText() {
  const { t } = useTranslation();
  return (status: string | null) => t(`persons.status_${status ?? 'none'}`);
}

/**
 * Persons: with `key` in the URL, that person's history (cycles, bodies, roles, how each row was
 * linked); otherwise the roster of the village in scope, each name leading to its history. ID
 * numbers are only ever shown masked.
 */
export function PersonView() {
  const [route] = useRoute();
  const key = route.params.get('key');
  return <div data-view="person">{key ? <PersonHistory personKey={key} /> : <VillageRoster />}</div>;
}

function VillageRoster() {
  const { t } = useTranslation();
  const lang = currentLang();
  const [, navigate] = useRoute();
  const { scope } = useScope();
  const statusText = useStatusText();
  const roster = useVillageRoster(scope.village, scope.cycle);
  if (!scope.village || scope.cycle === null)
    return (
      <>
        <h2>{t('persons.heading')}</h2>
        <p className="muted" data-empty="person-roster">
          {t('persons.chooseVillage')}
        </p>
      </>
    );
  const headers = [
    t('persons.body'),
    t('persons.name'),
    t('persons.role'),
    t('persons.birth'),
    t('persons.id'),
    t('persons.status'),
    t('persons.years'),
  ];
  const table = (rows: readonly RosterEntry[], title: string): ExportTable => ({
    name: title,
    columns: headers.map((h, i) => (i === 6 ? numberColumn(h, 0) : textColumn(h))),
    rows: rows.map((r) => [
      t(`body.${r.body}`),
      r.name,
      r.role ? t(`role.${r.role}`) : null,
      r.birth,
      r.id_masked,
      statusText(r.status),
      r.years,
    ]),
  });
  return (
    <QueryState query={roster}>
      {(rows) => {
        const title = t('persons.roster', { village: rows[0]?.village ?? '', year: scope.cycle });
        return (
          <section className="card" data-section="person-roster">
            <h2>{title}</h2>
            {rows.length === 0 ? (
              <p className="muted" data-empty="person-roster">
                {t('persons.noRoster')}
              </p>
            ) : (
              <DownloadableTable headers={headers} table={() => table(rows, title)} fileName={title} action="download-roster">
                {rows.map((r, i) => (
                  <tr key={`${r.person_key}|${r.body}|${i}`} data-person={r.person_key} data-status={r.status ?? ''}>
                    <td>{t(`body.${r.body}`)}</td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        data-action="person-history"
                        title={t('persons.viewHistory', { name: r.name ?? '' })}
                        onClick={() => navigate({ view: 'person', key: r.person_key })}
                      >
                        {r.name ?? '—'}
                      </button>
                    </td>
                    <td>{r.role ? t(`role.${r.role}`) : '—'}</td>
                    <td>{r.birth ?? '—'}</td>
                    <td className="id-masked">{r.id_masked ?? '—'}</td>
                    <td>{statusText(r.status)}</td>
                    <td className="num">{formatValue(r.years, 'count', lang)}</td>
                  </tr>
                ))}
              </DownloadableTable>
            )}
          </section>
        );
      }}
    </QueryState>
  );
}

function PersonHistory({ personKey }: { personKey: string }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [, navigate] = useRoute();
  const statusText = useStatusText();
  const history = usePersonHistory(personKey);
  const headers = [
    t('persons.cycle'),
    t('persons.village'),
    t('persons.body'),
    t('persons.role'),
    t('persons.name'),
    t('persons.birth'),
    t('persons.id'),
    t('persons.status'),
    t('persons.years'),
    t('persons.found'),
  ];
  const table = (rows: readonly PersonSeat[], title: string): ExportTable => ({
    name: title,
    columns: headers.map((h, i) => (i === 0 || i === 8 ? numberColumn(h, 0) : textColumn(h))),
    rows: rows.map((r) => [
      r.cycle_year,
      r.village,
      t(`body.${r.body}`),
      r.role ? t(`role.${r.role}`) : null,
      r.name,
      r.birth,
      r.id_masked,
      statusText(r.status),
      r.years,
      t(`persons.found_${r.found}`),
    ]),
  });
  return (
    <QueryState query={history}>
      {(rows) => {
        const self = rows.find((r) => r.found === 'self');
        if (!self)
          return (
            <p className="muted" data-empty="person-history">
              {t('persons.notFound')}
            </p>
          );
        const title = t('persons.historyOf', { name: self.name ?? '' });
        return (
          <section className="card" data-section="person-history">
            <p>
              <button
                type="button"
                className="link"
                data-action="person-back"
                onClick={() =>
                  navigate({
                    view: 'person',
                    key: null,
                    county: self.county,
                    township: self.township,
                    village: self.village_key,
                    cycle: String(self.cycle_year),
                  })
                }
              >
                ← {t('persons.back')}
              </button>
            </p>
            <h2>{title}</h2>
            <p className="muted">{t('persons.historyNote')}</p>
            <DownloadableTable headers={headers} table={() => table(rows, title)} fileName={title} action="download-person-history">
              {rows.map((r, i) => (
                <tr key={`${r.person_key}|${r.body}|${i}`} data-cycle={r.cycle_year} data-body={r.body} data-found={r.found}>
                  <td>{t('scope.year', { year: r.cycle_year })}</td>
                  <td>{r.village ?? r.village_key}</td>
                  <td>{t(`body.${r.body}`)}</td>
                  <td>{r.role ? t(`role.${r.role}`) : '—'}</td>
                  <td>{r.name ?? '—'}</td>
                  <td>{r.birth ?? '—'}</td>
                  <td className="id-masked">{r.id_masked ?? '—'}</td>
                  <td>{statusText(r.status)}</td>
                  <td className="num">{formatValue(r.years, 'count', lang)}</td>
                  <td>{t(`persons.found_${r.found}`)}</td>
                </tr>
              ))}
            </DownloadableTable>
          </section>
        );
      }}
    </QueryState>
  );
}
