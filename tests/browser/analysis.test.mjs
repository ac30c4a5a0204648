// Real-browser tests of the size analysis: the treemap selects files, hints apply their
// measured fixes, lessons open, and compare mode builds two Dockerfiles side by side.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { newPage, start, waitForBuild } from './helpers.mjs';

// A 6 MB file (bigger than any file of alpine) created in one layer and deleted in the next: the biggest file, and wasted.
const WASTE = [
  'FROM alpine:3.20',
  'RUN mkdir -p /data && dd if=/dev/zero of=/data/big.bin bs=1000 count=6000',
  'RUN rm /data/big.bin',
  'USER nobody',
].join('\n');
const FRAGMENT = `#dockerfile=${encodeURIComponent(WASTE)}`;

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('clicking the biggest treemap rectangle selects that file in the explorer', async () => {
  const page = await newPage(env, FRAGMENT);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('#tab-size');
  await page.waitForSelector('svg.treemap .tm-file');
  assert.equal(await page.textContent('.wasted-bytes'), '6MB');
  const tiles = await page.$$eval('svg.treemap .tm-file', (gs) => gs.map((g) => ({
    path: g.dataset.path, bytes: Number(g.dataset.bytes), wasted: g.classList.contains('wasted'),
  })));
  const biggest = tiles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  assert.deepEqual(biggest, { path: '/data/big.bin', bytes: 6000000, wasted: true });
  await page.click(`svg.treemap .tm-file[data-path="${biggest.path}"] rect`);
  await page.waitForSelector('#tab-files.active');
  const selected = await page.locator('.frow.selected').textContent();
  assert.match(selected, /big\.bin/);
  // The step that made the file is selected: its Dockerfile line is highlighted.
  assert.equal(await page.getAttribute('.layer-card.selected', 'data-step'), '2');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a hint measures its fix and applies it in one click', async () => {
  const page = await newPage(env, FRAGMENT);
  await waitForBuild(page);
  await page.click('#tab-size');
  await page.click('button.measure-hints');
  const hint = page.locator('.hint[data-code="deleted-later"]');
  await hint.waitFor({ timeout: 60000 });
  assert.match(await hint.textContent(), /line 2.*saves 6MB and 1 layer/s);
  await hint.locator('button.fix').click();
  assert.equal(await waitForBuild(page), 'done');
  assert.match(await page.inputValue('textarea.ed-input'), /count=6000 \\\n    && rm \/data\/big\.bin/);
  await page.click('#tab-size');
  assert.equal(await page.textContent('.wasted-bytes'), '0B');
  await page.context().close();
});

test('a lesson opens in the editor and compare mode builds its solution beside it', async () => {
  const page = await newPage(env, FRAGMENT);
  await waitForBuild(page);
  await page.click('#tab-learn');
  await page.click('.lesson-card[data-lesson="whiteout"]');
  assert.equal(await waitForBuild(page), 'done');
  assert.match(await page.inputValue('textarea.ed-input'), /RUN rm \/big\.bin/);
  await page.click('#tab-learn');
  assert.match(await page.textContent('article.lesson'), /Task:/);
  await page.click('button.compare-run');
  await page.waitForSelector('.compare-side[data-size]:nth-child(2)', { timeout: 60000 });
  const sizes = await page.$$eval('.compare-side', (els) => els.map((e) => Number(e.dataset.size)));
  assert.equal(sizes.length, 2);
  assert.equal(sizes[0] - sizes[1], 2000000);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
