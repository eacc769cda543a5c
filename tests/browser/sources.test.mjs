// The sources panel: a broken file is reported on its own without losing the good one, pasted text
// becomes a source, a source can be removed, and a coverage cell leads to its sentence in the reader.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withApp, openApp, dropFiles, waitForAnalysis, openView, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

const GOOD = ` date 2024-03-23 Police in Lyon said at least 12 people were injured on Friday when a tram left the rails near Perrache station. Mayor Grégory Doucet visited the scene.

The operator, TCL, said services would resume on Monday.
`;
const PASTED = `Date: 2024-03-24
Title: Lyon tram derailment

At least 14 people were injured when a tram derailed in Lyon, France, the operator TCL said on Saturday. Mayor Grégory Doucet thanked the emergency services.
`;

// Bytes that are neither valid UTF-8 nor UTF-16 nor a real PDF, under a name that claims PDF.
const BROKEN = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0xfe, 0x00, 0x81, 0x00, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x00, 0x00, 0xfe]);

const sources = (page) => page.$$eval('ul#source-list > li.source', (lis) => lis.map((li) => ({ path: li.dataset.path, status: li.dataset.status })));

test('a broken file is reported beside a good one; paste, remove and coverage work', { timeout: 4 * TIMEOUT }, async () => {
  await withApp('sources', async (page, server) => {
    await openApp(page, server);

    await dropFiles(page, '#dropzone', [
      { name: 'lyon-tram.txt', content: GOOD, type: 'text/plain' },
      { name: 'broken.pdf', content: BROKEN, type: 'application/pdf' },
    ]);
    await waitForAnalysis(page, 1);
    await page.waitForSelector('li.source[data-path="broken.pdf"][data-status="error"] .source-error', { timeout: TIMEOUT });
    const error = await page.textContent('li.source[data-path="broken.pdf"] .source-error');
    assert.ok(error.trim().length > 0, 'the broken file shows an empty error');
    assert.deepEqual(await sources(page), [
      { path: 'lyon-tram.txt', status: 'ok' },
      { path: 'broken.pdf', status: 'error' },
    ]);

    // Pasting adds a third source, analysed with the first.
    await page.fill('textarea#paste-text', PASTED);
    await page.click('button#paste-add');
    await waitForAnalysis(page, 2);
    assert.equal((await sources(page)).filter((s) => s.status === 'ok').length, 2);

    // Removing the broken file leaves the two good ones and their analysis.
    await page.click('li.source[data-path="broken.pdf"] button.source-remove');
    await page.waitForSelector('li.source[data-path="broken.pdf"]', { state: 'detached', timeout: TIMEOUT });
    await waitForAnalysis(page, 2);
    assert.deepEqual((await sources(page)).map((s) => s.status), ['ok', 'ok']);

    // A coverage cell with a mention opens the reader on the sentence it came from.
    await openView(page, 'entities');
    await page.click('table#entities-table td.coverage[data-count]:not([data-count="0"])');
    await page.waitForSelector('nav#views button[data-view="reader"][aria-selected="true"]', { timeout: TIMEOUT });
    await page.waitForSelector('section#reader .focused', { state: 'visible', timeout: TIMEOUT });

    assertNoExternalRequests(page, server.origin);
  });
});
