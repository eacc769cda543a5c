import { withApp, openApp, dropFiles, waitForAnalysis, openView, readFiles, seedsDir } from './harness.mjs';
const files = await readFiles(seedsDir, (n) => n.endsWith('.txt'));
await withApp('shots', async (page, server) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openApp(page, server);
  await dropFiles(page, '#dropzone', files);
  await waitForAnalysis(page, 5);
  for (const v of ['entities', 'figures', 'claims', 'similarity', 'timeline', 'reader']) {
    await openView(page, v);
    await page.screenshot({ path: `/tmp/shots/${v}.png`, fullPage: true });
  }
});
