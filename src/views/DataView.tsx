import { useTranslation } from 'react-i18next';
import { useImports, useTablePreview } from '../app/hooks';
import type { FileKind } from '../import/fields';
import { QueryState } from './QueryState';

const PREVIEW = 200;

function TablePreview({ kind }: { kind: FileKind }) {
  const { t } = useTranslation();
  const q = useTablePreview(kind, PREVIEW);
  return (
    <section className="card" data-table={kind}>
      <h3>
        {t(kind === 'results' ? 'data.results' : 'data.members')} <small>{q.data ? t('data.rows', { n: q.data.total }) : ''}</small>
      </h3>
      <QueryState query={q}>
        {(d) =>
          d.rows.length === 0 ? (
            <p className="muted">{t('data.empty')}</p>
          ) : (
            <>
              <p className="muted">{t('data.showing', { n: d.rows.length, total: d.total })}</p>
              <div className="table-scroll">
                <table className="grid">
                  <thead>
                    <tr>
                      {Object.keys(d.rows[0]!).map((k) => (
                        <th key={k}>{k}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.rows.map((r, i) => (
                      <tr key={i}>
                        {Object.values(r).map((v, j) => (
                          <td key={j}>{v === null || v === undefined ? '' : String(v)}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }
      </QueryState>
    </section>
  );
}

export function DataView() {
  const { t } = useTranslation();
  const imports = useImports();
  return (
    <div className="data-view">
      <h2>{t('data.heading')}</h2>
      <section className="card">
        <h3>{t('data.imports')}</h3>
        <QueryState query={imports}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('data.empty')}</p>
            ) : (
              <table className="grid" data-table="imports">
                <thead>
                  <tr>
                    <th>{t('data.file')}</th>
                    <th>{t('data.kind')}</th>
                    <th>{t('data.time')}</th>
                    <th>{t('import.imported')}</th>
                    <th>{t('import.warnings')}</th>
                    <th>{t('import.rejected')}</th>
                    <th>{t('import.skipped')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((i) => (
                    <tr key={i.import_id}>
                      <td>
                        {i.file_name}
                        {i.sheet_name ? ` · ${i.sheet_name}` : ''} {i.is_sample ? <span className="tag">{t('data.sampleTag')}</span> : null}
                      </td>
                      <td>{t(i.kind === 'results' ? 'data.results' : 'data.members')}</td>
                      <td>{new Date(i.imported_at).toLocaleString()}</td>
                      <td className="num">{i.rows_imported}</td>
                      <td className="num">{i.rows_warned}</td>
                      <td className="num">{i.rows_rejected}</td>
                      <td className="num">{i.rows_skipped}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </section>
      <TablePreview kind="results" />
      <TablePreview kind="members" />
    </div>
  );
}
