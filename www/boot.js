// Registers the service worker (sw.js) that keeps the app usable offline and installable.
// It lives in its own file, not inline, so the Content-Security-Policy needs no hash for it.
// Registration is best effort: where service workers are unavailable (file:, plain http on a
// remote host, private modes) or registration fails, the app runs exactly as before, online.
'use strict';

if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    try {
      // A relative URL: the worker sits beside index.html, so its scope is whatever folder the
      // app is served from ("/", "/tools/corroborate/", ...).
      navigator.serviceWorker.register('sw.js').catch((err) => {
        console.warn('Corroborate: offline support is unavailable:', err);
      });
    } catch (err) {
      console.warn('Corroborate: offline support is unavailable:', err);
    }
  });
}
