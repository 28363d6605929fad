/**
 * The service worker of an app that works offline: the trainer app (`/sw.js`, scope `/trainer`)
 * and the participant's page (`/peserta-sw.js`, scope `/peserta`) are both built from this file
 * by web/build/service-worker-plugin.ts, which fills in the app's `__NAME__`, its `__SCOPE__`,
 * the files to keep (`__PRECACHE__`: that app's scripts, styles and icons of this build) and the
 * build's `__VERSION__`.
 *
 * - install: keeps those files and the app's page, so that it opens with no network;
 * - pages under the scope: network first (a fresh page and its CSP nonce), the kept page offline;
 * - scripts and styles: from the device first (file names carry a content hash);
 * - /api: never touched — each app keeps its data (rosters, tests, queued records) in IndexedDB.
 *
 * Written without imports, and typed with the few service-worker types it uses (the web
 * project's `DOM` library has no `WebWorker` types and the two cannot be mixed).
 */
type ExtendableEvent = Event & { waitUntil(promise: Promise<unknown>): void };
type FetchEvent = ExtendableEvent & { request: Request; respondWith(response: Promise<Response>): void };
type WorkerScope = {
  location: Location;
  clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
};

declare const __NAME__: string;
declare const __SCOPE__: string;
declare const __PRECACHE__: string[];
declare const __VERSION__: string;

const worker = self as unknown as WorkerScope;
/** Each app's caches have their own prefix: one app's new version never drops the other's files. */
const PREFIX = `berdaya-${__NAME__}-`;
const CACHE = `${PREFIX}${__VERSION__}`;
/** Every path under the scope is the same page (the app routes on the client). */
const PAGE = __SCOPE__;
/** On a slow link, the kept page is shown after this long; the network answer still refreshes it. */
const PAGE_TIMEOUT_MS = 4000;

async function keepPage(cache: Cache): Promise<void> {
  const response = await fetch(PAGE, { cache: 'no-store', credentials: 'same-origin' });
  if (response.ok) await cache.put(PAGE, response);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(__PRECACHE__);
      await keepPage(cache);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    // The page is the same for every path of the app; an HTML answer replaces the kept one.
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) await cache.put(PAGE, response.clone());
    return response;
  });
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), PAGE_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
  } catch {
    // No network: the kept page below.
  }
  const kept = await cache.match(PAGE);
  if (kept) return kept;
  return network;
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  // Hashed build files never change: a script loaded later (e.g. the QR reader) is kept too.
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin || url.pathname.startsWith('/api/')) return;
  event.respondWith(request.mode === 'navigate' ? page(request) : asset(request));
});

export {};
