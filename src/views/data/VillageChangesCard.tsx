import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import {
  acceptCandidate,
  CANDIDATE_TABLES,
  CHANGE_KINDS,
  ChangeProblemsError,
  dismissChangeCandidate,
  importVillageChanges,
  LINEAGE_TABLES,
  saveVillageChanges,
  useChangeCandidates,
  useKnownVillages,
  useVillageChanges,
  type ChangeCandidate,
  type ChangeKind,
  type KnownVillage,
  type NewChange,
} from '../../queries/lineage';
import { problemText } from './lineageText';
import { ActionOutcome, useDataAction } from './useDataAction';

type Row = NewChange & { change_id?: number };

const villageLabel = (v: KnownVillage) => `${v.township ?? ''} · ${v.village ?? v.key}（${v.cycles.join('、')}）`;

/**
 * The village changes an office records (merged, split, renamed villages; src/db/lineage.ts): a
 * small table editor with village pickers from the data, a sheet import, and the changes the data
 * suggests. Every edit is checked whole before it is saved; a refused one lists its problems.
 */
export function VillageChangesCard() {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const saved = useVillageChanges();
  const villages = useKnownVillages();
  const candidates = useChangeCandidates();
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, message, run } = useDataAction();

  useEffect(() => {
    if (saved.data && !dirty) setRows(saved.data.map((c) => ({ ...c })));
  }, [saved.data, dirty]);

  const known = [...(villages.data?.values() ?? [])];
  const cycles = [...new Set(known.flatMap((v) => v.cycles))].sort((a, b) => a - b);

  // A refused set keeps the editor as it is, with every problem listed under it.
  const act = (fn: () => Promise<string>) =>
    run(async () => {
      setProblems([]);
      try {
        return await fn();
      } catch (e) {
        if (e instanceof ChangeProblemsError) {
          setProblems(e.problems.map((p) => problemText(p, t as never)));
          throw new Error(t('lineage.refused'));
        }
        throw e;
      }
    });

  const edit = (i: number, patch: Partial<Row>) => {
    setDirty(true);
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  };
  const pick = (v: string) => villages.data?.get(v);
  const add = () => {
    setDirty(true);
    setRows((rs) => [
      ...rs,
      {
        kind: 'merge',
        old_key: '',
        old_name: null,
        new_key: '',
        new_name: null,
        effective_cycle: cycles.at(-1) ?? 0,
        note: null,
        source: 'ui',
      },
    ]);
  };
  const save = () =>
    act(async () => {
      await saveVillageChanges(db, rows);
      await persistence.saveTables(LINEAGE_TABLES);
      setDirty(false);
      return t('lineage.saved', { n: rows.length });
    });
  const importFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void act(async () => {
      const n = await importVillageChanges(db, new Uint8Array(await file.arrayBuffer()), file.name);
      await persistence.saveTables(LINEAGE_TABLES);
      setDirty(false);
      return t('lineage.imported', { n, name: file.name });
    });
  };
  const names = (vs: readonly { name: string }[]) => vs.map((v) => v.name).join(t('lineage.listSep'));
  const accept = (c: ChangeCandidate) =>
    act(async () => {
      await acceptCandidate(db, c);
      await persistence.saveTables(LINEAGE_TABLES);
      setDirty(false);
      return t('lineage.accepted', { news: names(c.news), olds: names(c.olds) });
    });
  const dismiss = (c: ChangeCandidate) =>
    act(async () => {
      await dismissChangeCandidate(db, c);
      await persistence.saveTables(CANDIDATE_TABLES);
      return t('lineage.dismissed');
    });

  const villageSelect = (value: string, onChange: (key: string) => void, field: string) => (
    <select value={value} data-field={field} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('lineage.choose')}</option>
      {value && !villages.data?.has(value) ? <option value={value}>{value}</option> : null}
      {known.map((v) => (
        <option key={v.key} value={v.key}>
          {villageLabel(v)}
        </option>
      ))}
    </select>
  );

  return (
    <section className="card" data-section="village-changes">
      <h3>
        {t('lineage.heading')} <small>({saved.data?.length ?? 0})</small>
      </h3>
      <p className="muted">{t('lineage.intro')}</p>
      {rows.length === 0 ? <p className="muted">{t('lineage.none')}</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="grid" data-table="village-changes">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('lineage.kind')}</th>
                <th>{t('lineage.oldVillage')}</th>
                <th>{t('lineage.newVillage')}</th>
                <th>{t('lineage.effective')}</th>
                <th>{t('lineage.note')}</th>
                <th>{t('lineage.source')}</th>
                <th>{t('store.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.change_id ?? `new-${i}`} data-change-row={i + 1}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <select
                      value={r.kind}
                      data-field="kind"
                      disabled={readOnly}
                      onChange={(e) => edit(i, { kind: e.target.value as ChangeKind })}
                    >
                      {CHANGE_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {t(`lineage.kind_${k}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>{villageSelect(r.old_key, (k) => edit(i, { old_key: k, old_name: pick(k)?.village ?? null }), 'old')}</td>
                  <td>{villageSelect(r.new_key, (k) => edit(i, { new_key: k, new_name: pick(k)?.village ?? null }), 'new')}</td>
                  <td>
                    <input
                      type="number"
                      min={1950}
                      max={2100}
                      step={1}
                      list="lineage-cycles"
                      value={r.effective_cycle || ''}
                      data-field="cycle"
                      disabled={readOnly}
                      onChange={(e) => edit(i, { effective_cycle: Number(e.target.value) })}
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      value={r.note ?? ''}
                      data-field="note"
                      disabled={readOnly}
                      onChange={(e) => edit(i, { note: e.target.value === '' ? null : e.target.value })}
                    />
                  </td>
                  <td>{t(`lineage.source_${r.source}`)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      data-action="remove-change"
                      disabled={readOnly}
                      onClick={() => {
                        setDirty(true);
                        setRows((rs) => rs.filter((_, k) => k !== i));
                      }}
                    >
                      {t('lineage.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <datalist id="lineage-cycles">
            {cycles.map((y) => (
              <option key={y} value={y} />
            ))}
          </datalist>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" data-action="add-change" disabled={busy || readOnly} onClick={add}>
          {t('lineage.add')}
        </button>
        <button type="button" data-action="save-changes" disabled={busy || readOnly || !dirty} onClick={() => void save()}>
          {t('lineage.save')}
        </button>
        <label className={`button${busy || readOnly ? ' disabled' : ''}`}>
          {t('lineage.importFile')}
          <input type="file" accept=".csv,.txt,.xlsx,.xls" data-action="import-changes" disabled={busy || readOnly} onChange={importFile} />
        </label>
      </div>
      <p className="muted">{t('lineage.importHelp')}</p>
      <ActionOutcome message={message} state="lineage" />
      {problems.length > 0 ? (
        <ul className="error" data-state="lineage-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <h4>{t('lineage.candidates')}</h4>
      {(candidates.data ?? []).length === 0 ? (
        <p className="muted">{t('lineage.candidatesNone')}</p>
      ) : (
        <ul data-list="lineage-candidates">
          {(candidates.data ?? []).map((c) => (
            <li key={c.id} data-candidate={c.kind}>
              {t('lineage.candidateLine', {
                township: c.township ?? '',
                from: c.fromCycle,
                to: c.effectiveCycle,
                news: names(c.news),
                olds: names(c.olds),
                kind: t(`lineage.kind_${c.kind}`),
              })}{' '}
              <small className="muted">{t('lineage.candidateShared', { chars: c.shared })}</small>{' '}
              <button type="button" data-action="accept-candidate" disabled={busy || readOnly} onClick={() => void accept(c)}>
                {t('lineage.accept')}
              </button>{' '}
              <button
                type="button"
                className="link"
                data-action="dismiss-candidate"
                disabled={busy || readOnly}
                onClick={() => void dismiss(c)}
              >
                {t('lineage.dismiss')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
