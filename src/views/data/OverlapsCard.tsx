import { useTranslation } from 'react-i18next';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { useOverlaps } from '../../queries/hooks';
import type { OverlapState, SourceChoice } from '../../queries/types';
import { setSourceChoice } from '../../queries/actions';
import { ActionOutcome, useDataAction } from './useDataAction';

/**
 * Where a roster and a statistical table cover the same village × cycle × body: which one counts,
 * changeable here. Shown only when there is such a village.
 */
export function OverlapsCard() {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const overlaps = useOverlaps();
  const { busy, message, run } = useDataAction();
  const list = overlaps.data ?? [];
  if (list.length === 0) return null;

  // The choice lives on the table's rows: the imports holding them are saved again.
  const choose = (keys: readonly OverlapState[], choice: SourceChoice) =>
    run(async () => (await persistence.save(await setSourceChoice(db, keys, choice)), t('statTables.changed', { n: keys.length })));

  return (
    <section className="card" data-section="overlaps">
      <h3>
        {t('statTables.overlaps')} <small>({list.length})</small>
      </h3>
      <p className="muted">{t('statTables.overlapsIntro')}</p>
      <div className="actions">
        <button type="button" data-action="overlaps-roster" disabled={busy || readOnly} onClick={() => void choose(list, 'roster')}>
          {t('statTables.allRoster')}
        </button>
        <button type="button" data-action="overlaps-table" disabled={busy || readOnly} onClick={() => void choose(list, 'table')}>
          {t('statTables.allTable')}
        </button>
      </div>
      <ActionOutcome message={message} state="source" />
      <div className="table-scroll">
        <table className="grid" data-table="overlaps">
          <thead>
            <tr>
              <th>{t('scope.township')}</th>
              <th>{t('scope.village')}</th>
              <th>{t('rules.cycle')}</th>
              <th>{t('rules.body')}</th>
              <th>{t('statTables.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => (
              <tr key={`${o.village_key}|${o.cycle_year}|${o.body}`} data-overlap={o.village ?? ''} data-counted={o.counted}>
                <td>{o.township}</td>
                <td>{o.village}</td>
                <td>{o.cycle_year}</td>
                <td>{t(`body.${o.body}` as 'body.party_branch')}</td>
                <td>
                  <select value={o.counted} disabled={busy || readOnly} onChange={(e) => void choose([o], e.target.value as SourceChoice)}>
                    <option value="roster">{t('statTables.roster')}</option>
                    <option value="table">{t('statTables.table')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
