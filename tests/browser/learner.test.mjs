// The page as a learner meets it: errors that stay readable and go away, honest image
// sizes, the first screen on a phone, and saving a large image without freezing the page.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { build, done, newPage, setDockerfile, start, untar, waitForBuild } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** True when `inner`'s box lies inside `outer`'s (both element handles' bounding boxes). */
function inside(inner, outer) {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5
    && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

test('an image the page cannot build from: a whole message, the catalogue, gone once the line changes', async () => {
  const page = await newPage(env, '?example=alpine');
  await waitForBuild(page);
  assert.equal(await page.inputValue('.example-pick select'), 'alpine');
  await setDockerfile(page, 'FROM nginxx:1.0\nRUN echo hi\n');
  // The editor's text is no longer the example's.
  assert.equal(await page.inputValue('.example-pick select'), '');
  assert.equal(await build(page), 'failed');
  const box = page.locator('.build-error');
  await box.waitFor();
  // The whole message is readable: nothing scrolled away inside the box, the box on screen.
  const fits = await box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1);
  assert.ok(fits, 'the error box shows all of its text');
  assert.ok(inside(await box.boundingBox(), { x: 0, y: 0, width: 1400, height: 900 }), 'the error box is on screen');
  assert.match(await box.locator('.be-msg').textContent(), /pull access denied for nginxx/);
  // It says what to do next: the images and tags there are, one button each.
  const cat = box.locator('.catalogue');
  assert.match(await cat.textContent(), /works offline/);
  for (const name of ['alpine', 'busybox', 'debian', 'ubuntu']) {
    assert.equal(await cat.locator('.cat-name', { hasText: name }).count(), 1, name);
  }
  assert.equal(await cat.locator('button.pick-image[data-image="alpine:3.20"]').count(), 1);
  // The marker on line 1 is inside the editor, not cut at its edge.
  assert.deepEqual(await page.locator('.ed-gutter .gl-err').allTextContents(), ['1']);
  const marker = await page.locator('.diag-inline.err').boundingBox();
  assert.ok(inside(marker, await page.locator('.ed-scroll').boundingBox()), 'the inline marker fits in the editor');
  // Editing the line clears the marker and the message without a new build.
  await setDockerfile(page, 'FROM alpine:3.19\nRUN echo hi\n');
  assert.equal(await page.locator('.gl-err').count(), 0);
  assert.equal(await page.locator('.diag-inline.err').count(), 0);
  assert.equal(await page.locator('.build-error').count(), 0);
  // Picking from the catalogue puts the image on the line and builds.
  await setDockerfile(page, 'FROM nginxx:1.0\nRUN echo hi\n');
  assert.equal(await build(page), 'failed');
  await page.click('button.pick-image[data-image="busybox:1.36"]');
  assert.equal(await waitForBuild(page), 'done');
  assert.equal(await page.inputValue('textarea.ed-input'), 'FROM busybox:1.36\nRUN echo hi\n');
  await done(page);
});

test('the multi-stage example reports the final image, its build stage apart, with plurals', async () => {
  const page = await newPage(env, '?example=multi-stage');
  assert.equal(await waitForBuild(page), 'done');
  const summary = await page.locator('.tl-summary').textContent();
  assert.match(summary, /^image: 3 steps · 2 layers · [\d.]+MB · 1 build stage \(5 steps, [\d.]+MB\) not in the image$/);
  assert.doesNotMatch(summary, /\b1 layers\b|\b1 steps\b/);
  assert.equal(await page.locator('.tl-stage.build').count(), 1);
  assert.match(await page.locator('.tl-stage.build').textContent(), /Build stage build: not in the image/);
  assert.equal(await page.locator('.layer-card.build-stage').count(), 5);
  // The image's size is what docker images says.
  await page.click('#tab-terminal');
  await page.fill('.term-input input', 'docker images playground --format "{{.Size}}"');
  await page.press('.term-input input', 'Enter');
  const size = (await page.locator('.term-screen > div').allTextContents()).at(-1);
  assert.match(summary, new RegExp(`^image: 3 steps · 2 layers · ${size.replace('.', '\\.')} ·`));
  await done(page);
});

test('on a phone the first screen shows a build result; a favicon; the header times the whole build', async () => {
  const page = await newPage(env, '', { width: 390, height: 844 });
  const t0 = Date.now();
  assert.equal(await waitForBuild(page), 'done');
  const wall = Date.now() - t0;
  const card = await page.locator('.layer-card').first().boundingBox();
  assert.ok(card.y + card.height <= 844, `the first layer card is at ${card.y}px`);
  assert.ok(await page.locator('.tl-summary').isVisible());
  const icon = await page.getAttribute('link[rel="icon"]', 'href');
  assert.ok(icon, 'a favicon link');
  const r = await page.request.get(env.base + icon.replace(/^\//, ''));
  assert.equal(r.status(), 200);
  // "Built in N s" counts the whole build, so it is never more than the wall time seen here.
  const text = await page.locator('.progress-text').textContent();
  const secs = Number(/Built in ([\d.]+)s/.exec(text)[1]);
  assert.ok(secs * 1000 <= wall + 100, `${text} within ${wall} ms`);
  await done(page); // no request failed: /favicon.ico is not asked for
});

test('long editor lines scroll: the editor shows a scroll edge', async () => {
  const page = await newPage(env, '?example=alpine');
  await setDockerfile(page, `FROM alpine:3.20\n# ${'a very long comment line '.repeat(20)}\n`);
  const scroll = page.locator('.ed-scroll');
  const wide = await scroll.evaluate((el) => el.scrollWidth > el.clientWidth);
  assert.ok(wide, 'the long line makes the editor scroll sideways');
  const bg = await scroll.evaluate((el) => getComputedStyle(el).backgroundImage);
  assert.match(bg, /linear-gradient/);
  await done(page);
});

test('saving a 100 MB image runs in slices with a progress bar and a cancel button', async (t) => {
  const page = await newPage(env, null);
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(env.base);
  assert.equal(await waitForBuild(page), 'done');
  assert.match(await page.locator('.tl-summary').textContent(), /\d{3}MB|[1-9]\d\.\dMB/);
  // Cancel first: the bar goes away and nothing is downloaded.
  await page.click('button.download-image');
  await page.waitForSelector('.save-progress');
  await page.click('button.cancel-save');
  assert.equal(await page.locator('.save-progress').count(), 0);
  assert.match(await page.locator('footer.status').textContent(), /cancelled/);
  // Then the whole save, watching the bar while it moves.
  await page.evaluate(() => { window.__longTasks = []; });
  const downloading = page.waitForEvent('download', { timeout: 300000 });
  await page.click('button.download-image');
  const seen = new Set();
  let typedWhileSaving = false;
  while (await page.locator('.save-progress').count() > 0) {
    const v = await page.locator('.save-bar').evaluate((el) => el.value).catch(() => null);
    if (v !== null) seen.add(Math.round(v * 100));
    if (!typedWhileSaving && v > 0.1) {
      // The page answers while saving: the terminal tab opens and takes a command.
      await page.click('#tab-terminal');
      await page.fill('.term-input input', 'docker ps -a');
      await page.press('.term-input input', 'Enter');
      typedWhileSaving = (await page.locator('.term-screen').textContent()).includes('CONTAINER ID');
    }
    await page.waitForTimeout(100);
  }
  const download = await downloading;
  const tar = untar(await readFile(await download.path()));
  const [item] = JSON.parse(tar.get('manifest.json').toString('utf8'));
  assert.ok(item.Layers.length >= 2);
  const size = [...tar.values()].reduce((n, b) => n + b.length, 0);
  const fractions = [...seen].filter((v) => v > 0 && v < 100);
  assert.ok(fractions.length >= 3, `the progress bar moved: ${[...seen].sort((a, b) => a - b).join(', ')}`);
  assert.ok(typedWhileSaving, 'the terminal answered during the save');
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  t.diagnostic(`archive ${(size / 1e6).toFixed(1)} MB; longest main-thread task during the save: ${longest.toFixed(0)} ms; progress values seen: ${fractions.length}`);
  console.log(`# longest main-thread task during the save: ${longest.toFixed(0)} ms (archive ${(size / 1e6).toFixed(1)} MB)`);
  await done(page);
});
