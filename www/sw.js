// @ts-check
// The portal's service worker: keeps working offline once loaded. The app shell (pages, scripts, styles, the core's
// WebAssembly, locales) is served network-first and cached; the registry files (keys, manifest, the last snapshot)
// too, so that offline the page verifies the last registry it saw — signatures are checked on every load, never
// trusted because they came from the cache. Complaint requests are never cached. The shell is precached at install,
// so the installed app starts offline after one visit — also when it is opened by a share (`/?share_text=…`: the
// query is ignored when matching the cache). The registry is precached at install too, so one visit is enough.
/** This worker's global scope, typed (www/types/service-worker.d.ts).
 * @type {import('./types/service-worker').ServiceWorkerScope} */
const worker = /** @type {any} */ (self);

const SHELL = 'koltrust-portal-shell-v2';
const DATA = 'koltrust-portal-registry-v1';
const FILES = [
  './', 'index.html', 'palette.css', 'style.css', 'app.js', 'dom.js', 'i18n.js', 'registry.js', 'card.js', 'manifest.webmanifest',
  'views/check.js', 'views/vet.js', 'views/register.js', 'views/report.js', 'views/track.js', 'views/pages.js',
  'locales/vi.json', 'locales/en.json', 'pkg/koltrust.js', 'pkg/koltrust_bg.wasm',
  'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png', 'icons/icon.svg',
];

/** The registry as it is now (keys, signed manifest, the snapshot it names), cached at install so that one visit
 * is enough to start offline. Best effort: a registry that cannot be fetched now is cached on the next load. */
async function precacheRegistry() {
  try {
    const cache = await caches.open(DATA);
    const manifestUrl = new URL('v1/registry/manifest', worker.location.href);
    const [keys, manifest] = await Promise.all([fetch(new URL('v1/registry/keys', worker.location.href)), fetch(manifestUrl)]);
    if (!keys.ok || !manifest.ok) return;
    const envelope = await manifest.clone().json();
    const snapshotUrl = new URL(JSON.parse(envelope.manifest).snapshot.path, manifestUrl);
    const snapshot = await fetch(snapshotUrl);
    if (!snapshot.ok) return;
    await Promise.all([cache.put(keys.url, keys), cache.put(manifest.url, manifest), cache.put(snapshot.url, snapshot)]);
  } catch {
    // Offline or no registry published yet.
  }
}

worker.addEventListener('install', (event) => {
  event.waitUntil(Promise.all([caches.open(SHELL).then((c) => c.addAll(FILES)), precacheRegistry()]).then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== SHELL && key !== DATA) await caches.delete(key);
    await worker.clients.claim();
  })());
});

/** @param {Request} request @param {string} cacheName */
async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) {
      // Only the newest snapshot is worth keeping offline.
      if (new URL(request.url).pathname.includes('/v1/registry/snapshots/')) {
        for (const old of await cache.keys()) if (old.url.includes('/v1/registry/snapshots/')) await cache.delete(old);
      }
      // A share opens `./?share_text=…`: kept once, as the page itself, not once per share.
      await cache.put(cacheName === SHELL ? new URL(request.url).pathname : request, res.clone());
    }
    return res;
  } catch (err) {
    // `ignoreVary`: the server's CORS layer answers `Vary: origin`, and a module script's request carries an Origin
    // header that the install-time request for the same file did not; the file is the same either way.
    const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
    if (hit) return hit;
    throw err;
  }
}

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/v1/registry/')) event.respondWith(networkFirst(event.request, DATA));
  else if (!url.pathname.startsWith('/v1/')) event.respondWith(networkFirst(event.request, SHELL));
});
