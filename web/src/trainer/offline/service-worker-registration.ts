import { useSyncExternalStore } from 'react';

/**
 * The service worker (`/sw.js`, built with the app) keeps the trainer app's page, scripts and
 * styles on the device. `ready` once it is active: the app then opens without network.
 */
let ready = false;
const listeners = new Set<() => void>();

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/trainer' }).catch((error: unknown) => console.warn('service worker not registered', error));
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

/** The browser's idea of the network, updated by the `online` and `offline` events. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}
