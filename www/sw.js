// The service worker: keeps every file of this build in a cache so the app opens and works
// offline, and answers from that cache first. It never fetches anything but the app's own files.
//
// The two constants below are placeholders that scripts/postbuild.mjs fills in after every Trunk
// build (it fails the build if it cannot find them): the exact list of built files, relative to
// this worker so that any sub-path works, and a hash of their contents. A new build therefore has a new worker script, which the browser installs
// beside the old one; on activation it deletes the caches of older builds and takes over open pages.
'use strict';

const PRECACHE = /* @precache */ [];
const VERSION = /* @version */ 'unbuilt';

// Caches are shared by a whole origin, so the name carries this worker's scope: two copies of the
// app under different sub-paths of one host keep and clean up only their own caches.
const PREFIX = `corroborate:${self.registration.scope}:`;
const CACHE = PREFIX + VERSION;

// The page itself, answered for navigations inside the scope that name no file of the build.
const INDEX = new URL('index.html', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // cache: 'reload' skips the HTTP cache, so the copies stored are this build's files.
    await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Anything outside this app's folder is not ours to answer; the browser handles it as usual.
  if (!url.href.startsWith(self.registration.scope)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A file of the build by its name; a navigation to anything else ("./", "./?demo") is the page.
    let hit = await cache.match(request, { ignoreSearch: true });
    if (!hit && request.mode === 'navigate') hit = await cache.match(INDEX);
    // A miss (a file this build does not have) goes to the network, as it would without a worker.
    return hit || fetch(request);
  })());
});
