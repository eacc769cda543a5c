// Corrections to the entities are the user's work and must not be lost: merging two rows and splitting an
// alias out change the entities table and the reader's highlights, survive a reload, and travel in an
// exported workspace. Copies count as one origin: two near-identical articles form one group.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fsp from 'node:fs/promises';
import {
  withApp, openApp, dropFiles, waitForAnalysis, openView, entityRows, assertNoExternalRequests, TIMEOUT,
} from './harness.mjs';

/** The corrections listed in `#entity-edits`, as { kind, status, text }. */
const editList = (page) => page.$$eval('#entity-edits li.entity-edit', (lis) => lis.map((li) => ({
  kind: li.dataset.kind, status: li.dataset.status, text: li.querySelector('.edit-text').textContent,
})));

/** The rows as sets that do not depend on ids or order: name and sorted aliases. */
const rowKeys = async (page) => (await entityRows(page)).map((r) => `${r.name}: ${[...r.aliases].sort().join('|')}`).sort();

/** Waits until the saved workspace in IndexedDB holds `n` edits, and returns it parsed. */
async function waitForSavedEdits(page, n) {
  const handle = await page.waitForFunction((n) => new Promise((resolve) => {
    const open = indexedDB.open('corroborate');
    open.onerror = () => resolve(false);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('workspace')) { db.close(); resolve(false); return; }
      const get = db.transaction('workspace').objectStore('workspace').get('current');
      get.onsuccess = () => {
        db.close();
        const saved = get.result ? JSON.parse(get.result) : null;
        resolve(saved && saved.edits?.length === n ? get.result : false);
      };
      get.onerror = () => { db.close(); resolve(false); };
    };
  }), n, { timeout: TIMEOUT, polling: 100 });
  return JSON.parse(await handle.jsonValue());
}

test('merge two rows and split an alias out: kept across a reload and an export', { timeout: 8 * TIMEOUT }, async () => {
  let exported;
  let after;
  await withApp('edits-merge-split', async (page, server) => {
    await openApp(page, server, '/?demo');
    const n = await waitForAnalysis(page, 5, { atLeast: true });
    await openView(page, 'entities');
    const before = await entityRows(page);

    // Merge the last two rows (two entities that name different things, so the analysis never joins them).
    const [x, y] = before.slice(-2);
    // By keyboard: Space ticks a row, Enter on the button merges, and the focus lands on the new edit's undo.
    await page.check(`tr.entity-row[data-entity="${x.entity}"] input.entity-select`);
    await page.focus(`tr.entity-row[data-entity="${y.entity}"] input.entity-select`);
    await page.keyboard.press('Space');
    await page.waitForSelector('button#merge-entities:not([disabled])');
    await page.focus('button#merge-entities');
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => document.querySelectorAll('tr.entity-row').length === want, before.length - 1);
    await page.waitForFunction(() => document.activeElement?.matches('#entity-edits li.entity-edit:last-child button.undo-edit'));
    let rows = await entityRows(page);
    const merged = rows.find((r) => r.aliases.includes(x.name) && r.aliases.includes(y.name));
    assert.ok(merged, `no row holds both ${x.name} and ${y.name}`);
    assert.equal(await page.$$eval('input.entity-select:checked', (els) => els.length), 0, 'the selection is cleared');

    // Split out the second alias of the first row that has several.
    const source = rows.find((r) => r.aliases.length > 1 && r.aliases.some((a) => a !== r.name));
    const alias = source.aliases.find((a) => a !== source.name);
    const sourceForm = await page.$eval(`tr.entity-row[data-entity="${source.entity}"]`, (tr) => tr.dataset.form);
    await page.focus(`tr.entity-row[data-entity="${source.entity}"] button.split-alias[data-form="${alias}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((want) => document.querySelectorAll('tr.entity-row').length === want, before.length);
    rows = await entityRows(page);
    const split = rows.find((r) => r.name === alias && r.aliases.length === 1);
    assert.ok(split, `no row of its own for ${alias}`);
    const rest = rows.find((r) => r.name === source.name);
    assert.ok(rest && !rest.aliases.includes(alias), `${alias} is still in ${source.name}`);
    assert.deepEqual((await editList(page)).map((e) => [e.kind, e.status]), [['merge', 'applied'], ['split', 'applied']]);

    // The reader marks the split alias with its new entity.
    await page.click(`tr.entity-row[data-entity="${split.entity}"] td.coverage.named button`);
    await page.waitForSelector('section#reader .article-text .focused');
    const marks = await page.$$eval('section#reader mark.hl[data-kind="entity"]', (ms) => ms.map((m) => ({ text: m.textContent, entity: m.dataset.entity })));
    const ofAlias = marks.filter((m) => m.text === alias);
    assert.ok(ofAlias.length > 0, `no mark reads ${alias}`);
    assert.ok(ofAlias.every((m) => m.entity === split.entity), JSON.stringify(ofAlias));

    // The edits are saved by their surface forms, and a reload (which runs the whole analysis again) keeps them.
    await openView(page, 'entities');
    after = await rowKeys(page);
    const saved = await waitForSavedEdits(page, 2);
    assert.equal(saved.version, 3);
    // The split names the row it came from, so the same spelling in another row stays where it is.
    assert.deepEqual(saved.edits[1], { kind: 'split', form: alias, from: sourceForm });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.app[data-ready="true"]');
    await waitForAnalysis(page, n);
    await openView(page, 'entities');
    await page.waitForSelector('#entity-edits li.entity-edit');
    assert.deepEqual(await rowKeys(page), after);
    assert.equal((await editList(page)).length, 2);

    // Export the workspace: the file carries the edits.
    await page.click('details#export-menu > summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button#export-json')]);
    exported = await fsp.readFile(await download.path(), 'utf8');
    assert.deepEqual(JSON.parse(exported).edits, saved.edits);
    assertNoExternalRequests(page, server.origin);
  });

  // A fresh browser imports the file: the same sources, and the same corrected rows.
  await withApp('edits-import', async (page, server) => {
    await openApp(page, server);
    await dropFiles(page, '#dropzone', [{ name: 'corroborate-workspace.json', content: exported, type: 'application/json' }]);
    await page.waitForFunction(() => [...document.querySelectorAll('.notice')].some((n) => n.textContent.includes('2 entity corrections')));
    await waitForAnalysis(page, 5, { atLeast: true });
    await openView(page, 'entities');
    await page.waitForSelector('#entity-edits li.entity-edit');
    assert.deepEqual(await rowKeys(page), after);

    // Undo all brings back the rows the analysis found.
    await page.click('button#clear-edits');
    await page.waitForFunction(() => !document.querySelector('#entity-edits'));
    assert.notDeepEqual(await rowKeys(page), after);
    assertNoExternalRequests(page, server.origin);
  });
});

const WIRE = `Date: 2025-09-14
Title: Bridge closed after barge strike

The Halvard Bridge was closed to traffic on Sunday after a grain barge struck one of its piers during a storm, the regional roads authority said.
Engineers were inspecting the damaged pier on Sunday evening and said the bridge would stay shut for at least three days while divers examined the foundations.
Four people were injured in the collision, according to the harbour police, and the barge's crew was taken ashore as a precaution.
Commuters were told to use the ferry service between Oskeby and Marnholt, which added six extra crossings on Monday morning.
`;
const REPRINT = WIRE.replace('examined the foundations', 'examined its foundations').replace('on Monday morning', 'on Monday');
const OWN = `Date: 2025-09-15
Title: Divers begin work on Halvard pier

Divers spent Monday beneath the Halvard Bridge checking how badly the pier was cracked when a runaway barge hit it in the storm.
Four people were injured, police in Oskeby said, and ferry queues stretched past the market square by seven in the morning.
The roads authority expects to say on Wednesday whether the bridge can reopen to cars.
`;

test('two near-identical pasted articles are one origin; a third stays independent', { timeout: 3 * TIMEOUT }, async () => {
  await withApp('edits-copies', async (page, server) => {
    await openApp(page, server);
    for (const [i, text] of [WIRE, REPRINT, OWN].entries()) {
      await page.fill('textarea#paste-text', text);
      await page.click('button#paste-add');
      await page.waitForFunction((n) => document.querySelectorAll('li.source').length === n, i + 1);
    }
    await waitForAnalysis(page, 3, { names: null });
    await openView(page, 'similarity');
    const groups = await page.$$eval('ul#copy-groups li.copy-group', (lis) => lis.map((li) => ({
      paths: li.dataset.paths.split('|'), size: Number(li.dataset.size), text: li.textContent,
    })));
    assert.equal(groups.length, 1, JSON.stringify(groups));
    assert.deepEqual(groups[0].paths, ['pasted.txt', 'pasted (2).txt']);
    assert.match(groups[0].text, /^2 sources, one origin: /);

    // The injury figure is reported by three sources, two of them independent.
    await openView(page, 'figures');
    const counts = await page.$$eval('table#slots-table tr.slot-row[data-measure="injured"] .sources-count', (els) => els.map((e) => ({
      sources: Number(e.dataset.sources), independent: Number(e.dataset.independent), text: e.textContent,
    })));
    assert.deepEqual(counts, [{ sources: 3, independent: 2, text: '3 sources, 2 independent' }]);
    assertNoExternalRequests(page, server.origin);
  });
});
