#!/usr/bin/env node
// Trunk's post-build hook (Trunk.toml [[hooks]] stage = "post_build"), run on the staging folder
// before Trunk moves it to dist/. It does the two things that need the finished build:
//
// 1. The Content-Security-Policy in index.html allows inline scripts only by hash. Trunk writes one
//    inline module script (the loader that fetches the wasm), so its sha256 is computed here and
//    put where index.html holds the {{INLINE_SCRIPT_HASHES}} placeholder.
// 2. The service worker (sw.js) must precache exactly the files of this build, whose names carry
//    content hashes. The list of every file, relative to the worker, and a hash of all their
//    contents (the cache version) replace the worker's placeholders.
//
// Any surprise (a placeholder missing, an absolute URL in the page) fails the build, since a
// silently wrong policy or worker would only show up in a browser.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set; this script runs as a Trunk post_build hook');
  process.exit(1);
}

function fail(message) {
  console.error(`postbuild: ${message}`);
  process.exit(1);
}

function sha256(data, encoding) {
  return crypto.createHash('sha256').update(data).digest(encoding);
}

// --- 1. The CSP hashes of the inline scripts. ---

const indexPath = path.join(staging, 'index.html');
let html = fs.readFileSync(indexPath, 'utf8');

// `trunk serve` (scripts/run) adds its autoreload script, and its server fills two placeholders in
// that script as it sends the page, which would change the script after it was hashed. Filling
// them here, with what the server would put there (the page's own host; the websocket base, "/"
// for public_url "./"), leaves the server nothing to change.
const AUTORELOAD = '.well-known/trunk/ws';
const serving = html.includes(AUTORELOAD);
if (serving) {
  const publicUrl = process.env.TRUNK_PUBLIC_URL || './';
  const wsBase = publicUrl.startsWith('/') ? publicUrl.replace(/\/?$/, '/') : '/';
  html = html
    .replace(/'\{\{__TRUNK_ADDRESS__\}\}'/g, 'window.location.host')
    .replace(/\{\{__TRUNK_WS_BASE__\}\}/g, wsBase);
}

// The browser hashes a script's text exactly as written between the tags; Trunk writes no
// entities or CDATA into its loader, so the bytes here are the bytes the browser hashes.
const hashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  if (/\bsrc\s*=/i.test(m[1])) continue;
  hashes.push(`'sha256-${sha256(m[2], 'base64')}'`);
}
const PLACEHOLDER = '{{INLINE_SCRIPT_HASHES}}';
if (html.split(PLACEHOLDER).length !== 2) fail(`index.html must hold ${PLACEHOLDER} exactly once, in its Content-Security-Policy`);
html = html.replace(PLACEHOLDER, hashes.join(' '));

// Relative URLs are what let dist/ be served from any folder; an absolute one would break that.
for (const m of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)) {
  if (m[1].startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(m[1])) fail(`index.html refers to ${m[1]}: use relative URLs (public_url = "./")`);
}
fs.writeFileSync(indexPath, html);

// --- 2. The service worker's precache list and version. ---

function walk(dir, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return walk(path.join(dir, entry.name), rel + '/');
    return entry.isFile() ? [rel] : [];
  });
}

const WORKER = 'sw.js';
// Under `trunk serve` every edit rebuilds, and a cache-first worker would show the previous build
// on the reload that follows; there the worker precaches nothing, so it passes every request to
// the network (and still deletes older caches). Only `trunk build` output works offline.
const files = serving ? [] : walk(staging).filter((f) => f !== WORKER).sort();
if (!serving && !files.includes('index.html')) fail('no index.html in the build');

const workerPath = path.join(staging, WORKER);
if (!fs.existsSync(workerPath)) fail(`no ${WORKER} in the build (index.html must copy it with rel="copy-file")`);
let worker = fs.readFileSync(workerPath, 'utf8');

// The version hashes the worker and every file's name and contents, so any change at all (a
// rename alone, or only the worker's code) makes a new worker with a fresh cache.
const version = crypto.createHash('sha256').update(worker).update('\0');
for (const f of files) {
  version.update(f).update('\0').update(fs.readFileSync(path.join(staging, f))).update('\0');
}
const versionHex = serving ? 'serve' : version.digest('hex').slice(0, 16);
const precache = /\/\* @precache \*\/ \[\]/;
const versionSlot = /\/\* @version \*\/ 'unbuilt'/;
if (!precache.test(worker) || !versionSlot.test(worker)) fail(`${WORKER} lacks its /* @precache */ or /* @version */ placeholder`);
worker = worker
  .replace(precache, () => JSON.stringify(files.map((f) => `./${f}`)))
  .replace(versionSlot, () => `'${versionHex}'`);
fs.writeFileSync(workerPath, worker);

console.log(`postbuild: ${hashes.length} inline script hash(es) in the CSP; ${WORKER} precaches ${files.length} files as version ${versionHex}`);
