import { useSyncExternalStore } from 'react';

/**
 * The service worker of an app that works offline (built from ./sw.ts with the app) keeps its
 * page, scripts and styles on the device. `ready` once it is active: the app then opens
 * without network.
 */
let ready = false;
const listeners = new Set<() => void>();

/** Registers the app's worker (`/sw.js` for `/trainer`, `/peserta-sw.js` for `/peserta`); only in a build. */
export function registerServiceWorker(script: string, scope: string): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker.register(script, { scope }).catch((error: unknown) => console.warn('service worker not registered', error));
  void navigator.serviceWorker.ready.then(() => {
    ready = true;
    listeners.forEach((listener) => listener());
  });
}

export function useServiceWorkerReady(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => ready,
  );
}
