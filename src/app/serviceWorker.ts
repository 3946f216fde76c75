/**
 * Service worker registration (production builds only) and its state for the UI.
 *
 * The worker itself is generated at build time by vite-plugin-pwa (Workbox, see vite.config.ts):
 * it precaches the app shell, every JS/CSS chunk, the sample CSVs and the DuckDB `eh` bundle, so
 * after the first visit the app starts and works with no network. Updates wait for the user
 * (registerType 'prompt'): a new version never reloads the page under someone's import.
 *
 * Registered with the browser's own API rather than workbox-window: the first dashboard carries
 * every kilobyte, and what we need of it is these few lines.
 */
import { useSyncExternalStore } from 'react';

export interface ServiceWorkerState {
  /** The app is cached: it will start without network from now on. */
  offlineReady: boolean;
  /** A new version is installed and waits for the user to reload. */
  needRefresh: boolean;
}

let state: ServiceWorkerState = { offlineReady: false, needRefresh: false };
const listeners = new Set<() => void>();
let registration: ServiceWorkerRegistration | undefined;

function setState(patch: Partial<ServiceWorkerState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/**
 * A worker being installed: the first one makes the app offline-ready once active; a later one
 * (the page already has a controller) is a new version that waits for the user.
 */
function track(worker: ServiceWorker, isUpdate: boolean): void {
  const check = () => {
    if (isUpdate && worker.state === 'installed') setState({ needRefresh: true });
    if (!isUpdate && worker.state === 'activated') setState({ offlineReady: true });
  };
  worker.addEventListener('statechange', check);
  check();
}

async function register(): Promise<void> {
  try {
    const hadController = navigator.serviceWorker.controller !== null;
    const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    registration = reg;
    if (reg.waiting && hadController) setState({ needRefresh: true });
    if (reg.installing) track(reg.installing, hadController);
    reg.addEventListener('updatefound', () => {
      if (reg.installing) track(reg.installing, navigator.serviceWorker.controller !== null);
    });
  } catch (e) {
    console.warn('service worker registration failed', e);
  }
}

/** Registers /sw.js once the page has loaded. Does nothing in `vite dev` or without SW support. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // A page already controlled by our worker is served from its cache: it is offline-ready.
  if (navigator.serviceWorker.controller) setState({ offlineReady: true });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}

/** Activates the waiting version (Workbox's SKIP_WAITING message); the page reloads once it has taken control. */
export function applyUpdate(): void {
  const waiting = registration?.waiting;
  if (!waiting) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  waiting.postMessage({ type: 'SKIP_WAITING' });
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useServiceWorker(): ServiceWorkerState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}
