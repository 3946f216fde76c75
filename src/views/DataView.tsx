import { useTranslation } from 'react-i18next';
import { useTablePreview } from '../queries/hooks';
import { StorageCard } from './data/StorageCard';
import { CyclesCard, ImportsTable } from './data/ImportsTable';
import { OverlapsCard } from './data/OverlapsCard';
import { VillageChangesCard } from './data/VillageChangesCard';
import { kindLabelKey } from './fieldLabel';
import type { FileKind } from '../import/fields';
import { QueryState } from './QueryState';

const PREVIEW = 200;

function TablePreview({ kind }: { kind: FileKind }) {
  const { t } = useTranslation();
  const q = useTablePreview(kind, PREVIEW);
  return (
    <section className="card" data-table={kind}>
      <h3>
        {t(kind === 'stats' ? 'statTables.preview' : kindLabelKey(kind))} <small>{q.data ? t('data.rows', { n: q.data.total }) : ''}</small>
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

export function DataManager() {
  const { t } = useTranslation();
  return (
    <div className="data-view" data-view="data">
      <h2>{t('store.manager')}</h2>
      <StorageCard />
      <ImportsTable />
      <CyclesCard />
      <OverlapsCard />
      <VillageChangesCard />
      <TablePreview kind="results" />
      <TablePreview kind="members" />
      <TablePreview kind="stats" />
    </div>
  );
}
