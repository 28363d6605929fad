import { registerServiceWorker as register } from '../../offline/service-worker.ts';

export { useServiceWorkerReady } from '../../offline/service-worker.ts';
export { useOnline } from '../../hooks/use-online.ts';

/** The trainer app's worker (`/sw.js`) keeps its page, scripts and styles on the phone. */
export function registerServiceWorker(): void {
  register('/sw.js', '/trainer');
}
