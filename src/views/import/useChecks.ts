/**
 * Runs the check of every file on the import screen, one at a time, as soon as its plan is
 * settled, and again when the plan changes: the file is read in the import worker and staged in
 * DuckDB, so "confirm" only has to commit. A superseded or cancelled check leaves nothing behind.
 */
import { useCallback, useEffect, useRef } from 'react';
import { discardStaged } from '../../queries/actions';
import type { Db } from '../../queries/types';
import { ImportCancelled } from '../../app/importWorkerClient';
import { stageFile } from '../../app/importer';
import { planOf, planSignature, type Check, type FileEntry } from './entry';

type Update = (id: string, fn: (e: FileEntry) => FileEntry) => void;

const setCheck =
  (check: Check | null) =>
  (e: FileEntry): FileEntry => ({ ...e, check });

export function useChecks(db: Db, entries: readonly FileEntry[], update: Update) {
  const running = useRef<{ id: string; signature: string; abort: AbortController } | null>(null);
  const latest = useRef(entries);
  latest.current = entries;

  useEffect(() => {
    const run = running.current;
    if (run) {
      // The plan of the file being checked changed, or the file went: stop, then start afresh.
      const e = entries.find((x) => x.id === run.id);
      const plan = e && e.status === 'pending' ? planOf(e) : null;
      if (!plan || planSignature(plan) !== run.signature) run.abort.abort();
      return;
    }
    for (const e of entries) {
      if (e.status !== 'pending') continue;
      const plan = planOf(e);
      if (!plan) continue;
      const signature = planSignature(plan);
      if (e.check?.signature === signature) continue;
      if (e.check?.status === 'done') void discardStaged(db, e.check.staged);
      const abort = new AbortController();
      running.current = { id: e.id, signature, abort };
      update(e.id, setCheck({ status: 'running', signature, progress: null }));
      stageFile(
        db,
        e.handle,
        plan,
        (progress) => update(e.id, (x) => (x.check?.status === 'running' ? setCheck({ ...x.check, progress })(x) : x)),
        abort.signal,
      )
        .then(
          (staged) => {
            // Gone or changed meanwhile: its rows are not wanted.
            if (abort.signal.aborted || !latest.current.some((x) => x.id === e.id)) void discardStaged(db, staged);
            else update(e.id, setCheck({ status: 'done', signature, staged }));
          },
          (err: unknown) =>
            update(
              e.id,
              setCheck(
                err instanceof ImportCancelled
                  ? { status: 'cancelled', signature }
                  : { status: 'failed', signature, error: err instanceof Error ? err.message : String(err) },
              ),
            ),
        )
        .finally(() => {
          running.current = null;
          // Let the effect look again (the next file, or this one with its new plan).
          update(e.id, (x) => ({ ...x }));
        });
      return;
    }
  }, [db, entries, update]);

  // Leaving the screen: stop the check and drop what was staged for files never imported.
  useEffect(
    () => () => {
      running.current?.abort.abort();
      for (const e of latest.current) if (e.check?.status === 'done' && e.status !== 'done') void discardStaged(db, e.check.staged);
    },
    [db],
  );

  /** The user's "cancel" on the progress bar. */
  const cancel = useCallback(() => running.current?.abort.abort(), []);
  return { cancel };
}
