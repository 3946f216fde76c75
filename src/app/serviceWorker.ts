/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Service worker registration (production builds only) and its state for the UI.
 *
 * The worker itself is generated at build time by vite-plugin-pwa (Workbox, see vite.config.ts):
 * it precaches the app shell, every JS/CSS chunk, the sample CSVs and the DuckDB `eh` bundle, so
 * after the first visit the app starts and works with no network. Updates wait for the user
 * (registerType 'prompt'): a new version never reloads the page under someone's import.
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
let update: ((reloadPage?: boolean) => Promise<void>) | undefined;

function setState(patch: Partial<ServiceWorkerState>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

/** Registers /sw.js once the page has loaded. Does nothing in `vite dev` or without SW support. */
export async function registerServiceWorker(): Promise<void> {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  // A page already controlled by our worker is served from its cache: it is offline-ready.
  if (navigator.serviceWorker.controller) setState({ offlineReady: true });
  const { registerSW } = await import('virtual:pwa-register');
  update = registerSW({
    onOfflineReady: () => setState({ offlineReady: true }),
    onNeedRefresh: () => setState({ needRefresh: true }),
    onRegisterError: (e: unknown) => console.warn('service worker registration failed', e),
  });
}

/** Activates the waiting version; the page reloads once it has taken control. */
export function applyUpdate(): void {
  void update?.(true);
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useServiceWorker(): ServiceWorkerState {
  return useSyncExternalStore(subscribe, () => state, () => state);
}
