import { useTranslation } from 'react-i18next';
import { useRoute } from '../app/route';
import { usePersonLinkIssues, type AmbiguousLink, type LinkScope } from '../queries/persons';
import { numberColumn, textColumn, type ExportTable } from '../export/table';
import { DownloadableTable } from './DownloadableTable';
import { QueryState } from './QueryState';

/**
 * What linking persons across cycles could not decide (docs/domain.md): each seat that matches more
 * than one of the previous cycle's, beside that row — listed for the office, never guessed — and
 * how many rows carry ID numbers hashed under another office's key (matched by name instead).
 */
export function PersonLinkIssues({ scope }: { scope: LinkScope | null }) {
  const { t } = useTranslation();
  const [, navigate] = useRoute();
  const issues = usePersonLinkIssues(scope);
  const headers = [
    t('scope.village'),
    t('persons.body'),
    t('persons.thisCycle'),
    t('persons.name'),
    t('persons.role'),
    t('persons.birth'),
    t('persons.id'),
    t('persons.prevCycle'),
    ...(['name', 'role', 'birth', 'id'] as const).map((k) => `${t('persons.prevCycle')}·${t(`persons.${k}`)}`),
  ];
  const role = (r: string | null) => (r ? t(`role.${r}`) : null);
  const table = (rows: readonly AmbiguousLink[]): ExportTable => ({
    name: t('persons.linkHeading'),
    columns: headers.map((h, i) => (i === 2 || i === 7 ? numberColumn(h, 0) : textColumn(h))),
    rows: rows.map((a) => [
      a.village,
      t(`body.${a.body}`),
      a.cycle_year,
      a.name,
      role(a.role),
      a.birth,
      a.id_masked,
      a.prev_cycle,
      a.prev_name,
      role(a.prev_role),
      a.prev_birth,
      a.prev_id_masked,
    ]),
  });
  const person = (key: string, name: string | null) => (
    <button type="button" className="link" data-action="person-history" onClick={() => navigate({ view: 'person', key })}>
      {name ?? '—'}
    </button>
  );
  return (
    <section className="card" data-section="person-links">
      <h3>{t('persons.linkHeading')}</h3>
      <QueryState query={issues}>
        {({ ambiguous, foreignIds }) => (
          <>
            {foreignIds > 0 && (
              <p className="warn-text" data-foreign-ids={foreignIds}>
                {t('persons.foreignIds', { n: foreignIds })}
              </p>
            )}
            {ambiguous.length === 0 ? (
              <p className="ok-text" data-empty="person-links">
                {t('persons.linkNone')}
              </p>
            ) : (
              <>
                <p className="muted">{t('persons.linkIntro')}</p>
                <DownloadableTable
                  headers={headers}
                  table={() => table(ambiguous)}
                  fileName={t('persons.fileName')}
                  action="download-person-links"
                >
                  {ambiguous.map((a, i) => (
                    <tr key={`${a.person_key}|${a.body}|${i}`} data-ambiguous={a.cycle_year}>
                      <td>{a.village ?? a.village_key}</td>
                      <td>{t(`body.${a.body}`)}</td>
                      <td>{t('scope.year', { year: a.cycle_year })}</td>
                      <td>{person(a.person_key, a.name)}</td>
                      <td>{role(a.role) ?? '—'}</td>
                      <td>{a.birth ?? '—'}</td>
                      <td className="id-masked">{a.id_masked ?? '—'}</td>
                      <td>{t('scope.year', { year: a.prev_cycle })}</td>
                      <td>{person(a.prev_person_key, a.prev_name)}</td>
                      <td>{role(a.prev_role) ?? '—'}</td>
                      <td>{a.prev_birth ?? '—'}</td>
                      <td className="id-masked">{a.prev_id_masked ?? '—'}</td>
                    </tr>
                  ))}
                </DownloadableTable>
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
