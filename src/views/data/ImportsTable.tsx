import { useTranslation } from 'react-i18next';
import { usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { useCycles, useImports } from '../../queries/hooks';
import { useRoute } from '../../app/route';
import type { ImportRecord } from '../../queries/types';
import { usePaged } from '../Pager';
import { QueryState } from '../QueryState';
import { kindLabelKey } from '../fieldLabel';
import { ActionOutcome, useDataAction } from './useDataAction';

/** Every import with what it brought and covers; each can be deleted (and the last delete undone). */
export function ImportsTable() {
  const { t } = useTranslation();
  const imports = useImports();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const { busy, message, run } = useDataAction();

  const remove = async (record: ImportRecord, list: readonly ImportRecord[]) => {
    // An import that came in a submission package goes with the rest of its package.
    const ids =
      record.package_group !== null
        ? list.filter((i) => i.package_group === record.package_group).map((i) => i.import_id)
        : [record.import_id];
    const question =
      record.package_group !== null
        ? t('packages.deleteConfirm', { name: record.file_name, office: record.package_office ?? '', n: ids.length })
        : t('store.deleteConfirm', { name: record.file_name });
    if (!confirm(question)) return;
    await run(async () => (await persistence.delete(ids), t('store.deleted', { n: ids.length })));
  };

  return (
    <section className="card">
      <h3>{t('data.imports')}</h3>
      <ActionOutcome message={message} state="delete" />
      <QueryState query={imports}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('data.empty')}</p>
          ) : (
            <ImportsList list={list} busy={busy} readOnly={readOnly} onDelete={(record) => void remove(record, list)} />
          )
        }
      </QueryState>
    </section>
  );
}

/** The imports, a page at a time: a county merging its townships' packages lists hundreds. */
function ImportsList({
  list,
  busy,
  readOnly,
  onDelete,
}: {
  list: readonly ImportRecord[];
  busy: boolean;
  readOnly: boolean;
  onDelete: (record: ImportRecord) => void;
}) {
  const { t } = useTranslation();
  const { shown, pager } = usePaged(list, 50, 'imports');
  return (
    <>
      <div className="table-scroll">
        <table className="grid" data-table="imports">
          <thead>
            <tr>
              <th>{t('data.file')}</th>
              <th>{t('data.kind')}</th>
              <th>{t('data.time')}</th>
              <th>{t('packages.sourceOffice')}</th>
              <th>{t('packages.exportDate')}</th>
              <th>{t('import.imported')}</th>
              <th>{t('import.warnings')}</th>
              <th>{t('import.rejected')}</th>
              <th>{t('import.skipped')}</th>
              <th>{t('store.cycles')}</th>
              <th>{t('store.villages')}</th>
              <th>{t('store.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.import_id} data-import-id={i.import_id} data-package={i.package_group ?? undefined}>
                <td>
                  {i.file_name}
                  {i.sheet_name ? ` · ${i.sheet_name}` : ''} {i.is_sample ? <span className="tag">{t('data.sampleTag')}</span> : null}
                </td>
                <td>{t(kindLabelKey(i.kind))}</td>
                <td>{new Date(i.imported_at).toLocaleString()}</td>
                <td data-cell="package-office">{i.package_office ?? ''}</td>
                <td data-cell="package-date">{i.package_exported_at ? new Date(i.package_exported_at).toLocaleDateString() : ''}</td>
                <td className="num">{i.rows_imported}</td>
                <td className="num">{i.rows_warned}</td>
                <td className="num">{i.rows_rejected}</td>
                <td className="num">{i.rows_skipped}</td>
                <td>{i.cycles ?? '—'}</td>
                <td className="num">{i.villages}</td>
                <td>
                  {!i.is_sample && (
                    <button
                      type="button"
                      className="link"
                      data-action="delete-import"
                      disabled={busy || readOnly}
                      onClick={() => onDelete(i)}
                    >
                      {t('store.delete')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}

/** The cycles held, each with a way to replace all of its data by a new import. */
export function CyclesCard() {
  const { t } = useTranslation();
  const cycles = useCycles();
  const { readOnly } = usePersistenceStatus();
  const [, navigate] = useRoute();
  if (!cycles.data?.length) return null;
  return (
    <section className="card" data-section="cycles">
      <h3>{t('store.byCycle')}</h3>
      <ul className="chips">
        {cycles.data.map((y) => (
          <li key={y}>
            {t('scope.year', { year: y })}{' '}
            <button
              type="button"
              className="link"
              data-action="replace-cycle"
              data-cycle={y}
              disabled={readOnly}
              onClick={() => navigate({ view: 'import', replaceCycle: String(y) })}
            >
              {t('store.replaceCycle', { year: y })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
