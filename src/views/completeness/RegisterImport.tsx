import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useDb, usePersistence, usePersistenceStatus } from '../../app/dbContext';
import { readRegister } from '../../import/register';
import { dropRegister, saveRegister } from '../../queries/completeness';
import { FailureWithDetails, errorText } from '../../ui/TechnicalDetails';
import { ActionOutcome, useDataAction } from '../data/useDataAction';

/** Imports the cycle's village register (村名册), or deletes it: the expectation then falls back to the previous cycle. */
export function RegisterImport({ cycle, hasRegister }: { cycle: number; hasRegister: boolean }) {
  const { t } = useTranslation();
  const db = useDb();
  const persistence = usePersistence();
  const { readOnly } = usePersistenceStatus();
  const { busy, message, run } = useDataAction();
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <div className="register-import">
      <p className="muted">{t('completeness.registerHint')}</p>
      <div className="actions">
        <label className={`button${busy || readOnly ? ' disabled' : ''}`}>
          {t('completeness.importRegister')}
          <input
            ref={fileRef}
            type="file"
            accept=".csv,.txt,.xlsx,.xls"
            data-action="import-register"
            disabled={busy || readOnly}
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              if (fileRef.current) fileRef.current.value = '';
              if (!file) return;
              void run(async () => {
                let read: ReturnType<typeof readRegister>;
                try {
                  read = readRegister(new Uint8Array(await file.arrayBuffer()), file.name);
                } catch (err) {
                  throw new FailureWithDetails(t('completeness.registerProblem.unreadable'), errorText(err));
                }
                if (read.problem) throw new Error(t(`completeness.registerProblem.${read.problem}`));
                const n = await saveRegister(db, persistence, cycle, read.rows);
                return [
                  t('completeness.registerDone', { n }),
                  read.skipped ? t('completeness.registerSkipped', { n: read.skipped }) : '',
                  read.duplicates ? t('completeness.registerDuplicates', { n: read.duplicates }) : '',
                  read.cycleYear !== null && read.cycleYear !== cycle
                    ? t('completeness.registerCycle', { year: read.cycleYear, cycle })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' ');
              });
            }}
          />
        </label>
        {hasRegister && (
          <button
            type="button"
            data-action="drop-register"
            disabled={busy || readOnly}
            onClick={() =>
              run(async () => {
                await dropRegister(db, persistence, cycle);
                return t('completeness.registerDropped');
              })
            }
          >
            {t('completeness.dropRegister')}
          </button>
        )}
      </div>
      <ActionOutcome message={message} state="register" />
    </div>
  );
}
