import type { Db } from './types';

/**
 * A Db usable before the engine has started: every call waits for it, then goes through. The
 * page can render (from saved figures) and ask its queries while DuckDB is still loading.
 */
export function deferredDb(ready: Promise<Db>): Db {
  let inner: Db | null = null;
  void ready.then(
    (db) => (inner = db),
    () => undefined,
  );
  const call =
    <K extends Exclude<keyof Db, 'fork'>>(k: K) =>
    async (...args: Parameters<NonNullable<Db[K]>>): Promise<Awaited<ReturnType<NonNullable<Db[K]>>>> => {
      const db = await ready;
      return (db[k] as (...a: Parameters<NonNullable<Db[K]>>) => Promise<Awaited<ReturnType<NonNullable<Db[K]>>>>)(...args);
    };
  const db: Db = {
    query: call('query') as Db['query'],
    exec: call('exec'),
    registerText: call('registerText'),
    registerBuffer: call('registerBuffer'),
    registerEmpty: call('registerEmpty'),
    readBuffer: call('readBuffer'),
    dropFile: call('dropFile'),
    insertArrow: call('insertArrow'),
    queryArrow: call('queryArrow'),
    close: call('close'),
    fork: async () => {
      const inner = await ready;
      return inner.fork ? inner.fork() : inner;
    },
  };
  wrapped.set(db, () => inner);
  return db;
}

const wrapped = new WeakMap<Db, () => Db | null>();

/** The engine behind a Db, itself unless deferred: what facts about the engine's data are kept by. */
export function underlying(db: Db): Db {
  return wrapped.get(db)?.() ?? db;
}
