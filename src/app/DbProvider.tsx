import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { hydrate, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { TechnicalDetails } from '../ui/TechnicalDetails';
import { openBrowserDb } from '../db/browserDb';
import { deferredDb } from '../db/deferredDb';
import { rowsLoading } from '../db/rowsLoaded';
import { refreshLineage } from '../db/lineage';
import { dataChanged, ensureSchema } from '../db/schema';
import type { Db } from '../db/types';
import { openFileStore, type FileStore } from '../store/fileStore';
import { MANIFEST, parseManifest } from '../store/manifest';
import { Persistence } from '../store/persistence';
import { acquireWriterLock } from '../store/tabLock';
import { DbContext, PersistenceContext } from './dbContext';
import { firstViewDrawn } from './firstView';
import { fetchSampleSnapshot, loadSample } from './sample';
import { quietFor } from '../db/activity';
import { parseRoute } from './route';
import { traceSince } from '../util/trace';
import { atMost } from '../util/atMost';
import { readSavedSnapshot } from '../store/savedSnapshot';
import { parseSnapshot, SNAPSHOT_VERSION, type DashboardSnapshot } from './snapshotFile';
import { dashboardSnapshot } from './dashboardSnapshot';
import { rerunSnapshotQueries } from './snapshotRerun';

type Phase =
  | { phase: 'starting' }
  | { phase: 'restoring' }
  | { phase: 'sample' }
  | { phase: 'ready'; persistence: Persistence }
  | { phase: 'restoreFailed'; message: string; persistence: Persistence | null }
  | { phase: 'crashed'; message: string }
  | { phase: 'error'; message: string };

/** How long the engine's start waits at most for the snapshot's dashboard to be drawn. */
const FIRST_VIEW_WAIT_MS = 3000;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Nothing saved and the sample not dismissed: this start shows the bundled sample. Read before the engine is up. */
async function willShowSample(files: FileStore): Promise<boolean> {
  try {
    const bytes = await files.read(MANIFEST);
    if (!bytes) return true;
    const m = parseManifest(bytes);
    return m.imports.length === 0 && !m.sampleDismissed;
  } catch {
    // An unreadable manifest is the restore's to report, below.
    return false;
  }
}

/**
 * Opens DuckDB, restores the saved data before any view shows (a failed restore says so and
 * never passes for "no data"), and loads the bundled sample only when nothing was ever saved.
 *
 * On the sample's first start the views show at once, from the figures the build computed
 * (src/app/dashboardSnapshot.ts), while the engine loads beside them. The views' database is
 * one object throughout: what they ask beyond the snapshot waits until the data is in.
 */
export function DbProvider({ children, onReady }: { children: ReactNode; onReady?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<Phase>({ phase: 'starting' });
  const [preview, setPreview] = useState(false);
  const [engine] = useState(() => {
    let resolve!: (db: Db) => void;
    let reject!: (e: unknown) => void;
    const ready = new Promise<Db>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A query left waiting on a failed start is answered by the error screen, not an unhandled rejection.
    ready.catch(() => undefined);
    const db = deferredDb(ready);
    return { db, resolve, reject, rowsIn: rowsLoading(db) };
  });
  useEffect(() => {
    let cancelled = false;
    const set = (p: Phase) => {
      if (!cancelled) setState(p);
    };
    let persistence: Persistence | null = null;
    let stopFollowing = (): void => undefined;
    (async () => {
      // Asked beside the manifest read (11 KB, wasted when there is saved data) rather than after it.
      const snapshotFetch = fetchSampleSnapshot().catch(() => null);
      const files = await openFileStore();
      // The sample's first dashboard, or the user's own saved with their data (src/store/savedSnapshot.ts).
      // Without one (an older build's cache, a failed fetch, a stale or missing save) the views wait for the engine as before.
      const snapshot = (await willShowSample(files)) ? await snapshotFetch : await savedSnapshot(files);
      if (snapshot && !cancelled) {
        hydrate(qc, snapshot.state);
        setPreview(true);
        // The dashboard the snapshot is of is drawn first; a timeout in case it never is.
        const here = sameDashboard(location.search);
        if (here === snapshot.search || snapshot.also?.includes(here)) await atMost(firstViewDrawn, FIRST_VIEW_WAIT_MS);
      }
      const db = await openBrowserDb((m) => set({ phase: 'crashed', message: m }));
      await ensureSchema(db, { counts: false });
      const writer = await acquireWriterLock();
      // The addresses the saved snapshot draws: a reload elsewhere waits for the count tables (at a
      // million roster rows ten seconds and more), so a scope the user moves to is made too, once quiet.
      let held = new Set(snapshot ? [snapshot.search, ...(snapshot.also ?? [])] : []);
      const snapshotOf = async (): Promise<Uint8Array> => {
        const snap = await userSnapshot(db, sameDashboard(location.search));
        held = new Set([snap.search, ...(snap.also ?? [])]);
        return new TextEncoder().encode(JSON.stringify(snap));
      };
      const notHeld = () => (parseRoute(location.search).view ?? 'overview') === 'overview' && !held.has(sameDashboard(location.search));
      // A reload draws the dashboard from the saved count tables; the imported rows follow.
      let rowsLater = false;
      try {
        set({ phase: 'restoring' });
        persistence = await Persistence.open(db, files, { readOnly: !writer });
        persistence.keepSnapshot(SAVED_SNAPSHOT_VERSION, snapshotOf);
        const t0 = performance.now();
        rowsLater = persistence.savedImports > 0 && (await persistence.restoreCounts((await import('../db/stats')).STATS_VERSION));
        traceSince(rowsLater ? 'restore counts' : 'no saved counts', t0);
        if (rowsLater) {
          // What a rebuild of the count tables ends with (src/db/stats.ts), from the restored ones.
          await (await import('../db/nullCounts')).refreshingNullColumns(db, async () => undefined);
          await refreshLineage(db);
        } else await persistence.restore();
      } catch (e) {
        set({ phase: 'restoreFailed', message: message(e), persistence });
        return;
      }
      // Restoring saved imports or loading the sample ends with the views and counts made.
      if (persistence.savedImports === 0 && !persistence.sampleDismissed) {
        set({ phase: 'sample' });
        await loadSample(db);
      } else if (persistence.savedImports === 0) await dataChanged(db);
      // A start cancelled by the effect's cleanup (React's development double run) hands over nothing.
      if (!cancelled) engine.resolve(db);
      set({ phase: 'ready', persistence });
      const p = persistence;
      if (rowsLater) {
        // The dashboard's statements first: the rows' loading would hold the engine's worker for
        // seconds between them. Other views (the import screen) need the rows at once.
        if ((parseRoute(location.search).view ?? 'overview') === 'overview') await atMost(firstViewDrawn, FIRST_VIEW_WAIT_MS);
        // What the saved snapshot answered, asked of the engine once: nothing is cold at the first change.
        if (snapshot) await rerunSnapshotQueries(qc, snapshot.state);
        // A failure here is the restore's, said as one: the dashboard drawn so far does not stay up as if all were well.
        const rows = await p.restoreRows().then(
          () => true,
          (e: unknown) => (set({ phase: 'restoreFailed', message: message(e), persistence: p }), false),
        );
        if (rows) {
          engine.rowsIn();
          // Saved by another build or before snapshots were kept: made now, for the next reload.
          if (!p.readOnly) void p.saveSnapshot({ after: () => quietFor(3000) }).catch(() => undefined);
        } else return;
      } else {
        engine.rowsIn();
        // A save made before the count tables were kept (or by another build of them): kept now, for the next reload.
        if (p.savedImports > 0 && !p.readOnly) void p.saveCounts({ after: () => quietFor(3000) }).catch(() => undefined);
      }
      if (!p.readOnly && !cancelled) {
        const follow = () => {
          if (p.savedImports > 0 && notHeld()) void p.saveSnapshot({ after: () => quietFor(3000), again: notHeld }).catch(() => undefined);
        };
        window.addEventListener('popstate', follow);
        stopFollowing = () => window.removeEventListener('popstate', follow);
      }
    })().catch((e: unknown) => {
      if (!cancelled) engine.reject(e);
      set({ phase: 'error', message: message(e) });
    });
    return () => {
      cancelled = true;
      stopFollowing();
    };
  }, [qc, engine]);

  const ready = state.phase === 'ready';
  useEffect(() => {
    if (ready) onReady?.();
  }, [ready, onReady]);
  const persistence = ready ? state.persistence : null;
  const body = useMemo(
    () => (
      <DbContext.Provider value={engine.db}>
        <PersistenceContext.Provider value={persistence}>{children}</PersistenceContext.Provider>
      </DbContext.Provider>
    ),
    [engine.db, persistence, children],
  );

  switch (state.phase) {
    case 'ready':
      return body;
    case 'error':
      return (
        <div className="fatal" role="alert">
          <p>{t('app.engineFailed')}</p>
          <TechnicalDetails text={state.message} />
        </div>
      );
    case 'crashed':
      return (
        <div className="fatal" role="alert" data-state="crashed">
          <p>{t('store.crashed')}</p>
          <TechnicalDetails text={state.message} />
          <button type="button" onClick={() => location.reload()}>
            {t('store.reload')}
          </button>
        </div>
      );
    case 'restoreFailed':
      return <RestoreFailed message={state.message} />;
    default:
      if (preview) return body;
      return (
        <p className="loading" aria-busy="true">
          {state.phase === 'sample' ? t('sample.loading') : state.phase === 'restoring' ? t('store.restoring') : t('app.loadingEngine')}
        </p>
      );
  }
}

function RestoreFailed({ message: text }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="fatal" role="alert" data-state="restore-failed">
      <p>{t('store.restoreFailed')}</p>
      <TechnicalDetails text={text} />
      <p>{t('store.restoreHelp')}</p>
      <button type="button" onClick={() => location.reload()}>
        {t('store.retry')}
      </button>{' '}
      <button
        type="button"
        data-action="reset-store"
        onClick={async () => {
          if (!confirm(t('store.resetConfirm'))) return;
          const files = await openFileStore();
          for (const name of await files.list()) await files.remove(name);
          location.assign('?view=import');
        }}
      >
        {t('store.reset')}
      </button>
    </div>
  );
}

/**
 * Which build's snapshots a saved one must be of: the snapshot format and this bundle — its
 * hashed file name in a build, which changes with any chunk it loads (the queries, the count
 * SQL): a later build may ask its queries differently.
 */
const SAVED_SNAPSHOT_VERSION = `${SNAPSHOT_VERSION} ${import.meta.url}`;

/** The user's saved first dashboard, if one is there for the saved data as it is. */
async function savedSnapshot(files: FileStore): Promise<DashboardSnapshot | null> {
  const bytes = await readSavedSnapshot(files, SAVED_SNAPSHOT_VERSION);
  if (!bytes) return null;
  try {
    return parseSnapshot(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return null;
  }
}

/**
 * The first dashboard of the default address, and of the overview shown now if it is another
 * scope (where the user left off: what a reload opens). That one is a bonus — an address it
 * cannot be made of (a scope no longer in the data) leaves the default's alone.
 */
async function userSnapshot(db: Db, here: string): Promise<DashboardSnapshot> {
  const snap = await dashboardSnapshot(db);
  const view = parseRoute(here).view;
  if (here === snap.search || (view !== null && view !== 'overview')) return snap;
  try {
    const more = await dashboardSnapshot(db, here);
    const held = new Set(snap.state.queries.map((q) => q.queryHash));
    return {
      ...snap,
      also: [here],
      state: { ...snap.state, queries: [...snap.state.queries, ...more.state.queries.filter((q) => !held.has(q.queryHash))] },
    };
  } catch {
    return snap;
  }
}

/** The address less its language and a named overview: the snapshot's figures are the same in either. */
function sameDashboard(search: string): string {
  const p = new URLSearchParams(search);
  p.delete('lang');
  if (p.get('view') === 'overview') p.delete('view');
  const rest = p.toString();
  return rest ? `?${rest}` : '';
}
