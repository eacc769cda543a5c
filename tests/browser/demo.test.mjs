// The built-in demo, reached both ways a newcomer would: the ?demo link and the "Load demo" button.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  withApp, openApp, waitForAnalysis, openView, slotRows, entityRows, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

// Both ways must end in the same place: several articles, a changing figure, named entities.
async function assertDemoAnalysed(page, server) {
  const n = await waitForAnalysis(page, 4, { atLeast: true });
  assert.ok(n >= 4, `demo analysed ${n} articles`);
  await openView(page, 'figures');
  const slots = await slotRows(page);
  assert.ok(slots.some((s) => s.status === 'update'), `no figure slot with status update: ${JSON.stringify(slots)}`);
  // A vague amount reads as the source wrote it ("dozens of homes"), not as the range it is read as.
  const shown = await page.$$eval('#slots-table .slot-value .value', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(shown.includes('dozens'), `no value reads "dozens": ${JSON.stringify(shown)}`);
  assert.ok(!shown.some((v) => /^24.99$/.test(v)), `a vague amount is shown as a range: ${JSON.stringify(shown)}`);
  await openView(page, 'entities');
  assert.ok((await entityRows(page)).length > 0, 'entities table has no rows');
  assertNoExternalRequests(page, server.origin);
}

test('demo opens from the ?demo link', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('demo-link', async (page, server) => {
    await openApp(page, server, '/?demo');
    await assertDemoAnalysed(page, server);
  });
});

test('demo opens from the Load demo button', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('demo-button', async (page, server) => {
    await openApp(page, server, '/');
    await page.click('button#load-demo');
    await assertDemoAnalysed(page, server);
  });
});
