// The page's speed as a user meets it: how long its default example takes to build, and
// whether saving a 100 MB image keeps the page responsive (the longest main-thread task
// during the save, observed with PerformanceObserver 'longtask'). No timing thresholds:
// the figures are logged, and written to $LAYERLAB_BENCH_PAGE_OUT (JSON) for scripts/bench.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, done, newPage, setDockerfile, start, waitForBuild } from './helpers.mjs';

let env;
const figures = {};
/** The archive the save test downloaded (the load test reads it back). */
let savedArchive = null;
before(async () => { env = await start(); });
after(async () => {
  await env.close();
  if (savedArchive) await rm(savedArchive, { force: true });
  if (process.env.LAYERLAB_BENCH_PAGE_OUT) {
    await writeFile(process.env.LAYERLAB_BENCH_PAGE_OUT, JSON.stringify(figures, null, 2));
  }
});

/** Starts recording long tasks in the page (every entry's duration, in ms). */
function observeLongTasks(page) {
  return page.evaluate(() => {
    window.__longTasks = [];
    window.__longTaskObserver?.disconnect();
    window.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    });
    window.__longTaskObserver.observe({ type: 'longtask', buffered: false });
  });
}

/** The long tasks recorded so far, after letting the observer deliver its entries. */
async function longTasks(page) {
  await page.waitForTimeout(200);
  return page.evaluate(() => [...window.__longTasks]);
}

test('the default example builds, and the page reports how long it took', async () => {
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  const millis = Number(await page.getAttribute('.progress', 'data-millis'));
  assert.ok(millis > 0, `the page reports its build time (data-millis=${millis})`);
  assert.match(await page.textContent('.progress-text'), /^Built in [0-9.]+s/);
  figures.page_first_build_ms = millis;
  console.log(`page_first_build_ms ${millis.toFixed(1)}`);
  // The same apt-get steps again, nothing cached (the first RUN differs): the longest
  // main-thread task while the page builds, the wasm's start-up left out.
  await observeLongTasks(page);
  await setDockerfile(page, 'FROM debian:bookworm-slim\nRUN apt-get update && true\n'
    + 'RUN apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n');
  assert.equal(await build(page), 'done');
  assert.match(await page.textContent('.tl-summary'), /4 layers/);
  const tasks = await longTasks(page);
  figures.page_build_longest_task_ms = tasks.length ? Math.max(...tasks) : 0;
  console.log(`page build: ${tasks.length} long tasks, longest ${figures.page_build_longest_task_ms.toFixed(0)} ms`);
  await done(page);
});

test('saving a 100 MB image shows progress and leaves the page responsive', async () => {
  const page = await newPage(env);
  await setDockerfile(page, 'FROM debian:bookworm\nRUN echo saved > /saved.txt\n');
  assert.equal(await build(page), 'done');

  // The observer is real: a task made long on purpose is seen.
  await observeLongTasks(page);
  await page.evaluate(() => new Promise((resolve) => {
    setTimeout(() => {
      const end = performance.now() + 120;
      while (performance.now() < end) { /* busy */ }
      resolve();
    }, 0);
  }));
  const control = await longTasks(page);
  assert.ok(control.some((d) => d >= 100), `a 120 ms task is observed (got ${JSON.stringify(control)})`);

  await observeLongTasks(page);
  const t0 = Date.now();
  const downloading = page.waitForEvent('download', { timeout: 600000 });
  await page.click('button.download-image');
  // The progress bar shows while the image is packed.
  await page.waitForSelector('.save-progress progress.save-bar', { timeout: 10000 });
  const download = await downloading;
  const saveMs = Date.now() - t0;
  const tasks = await longTasks(page);
  const size = (await stat(await download.path())).size;
  assert.ok(size > 50 * 1024 * 1024, `the archive holds the image (${size} bytes)`);
  savedArchive = path.join(os.tmpdir(), `layerlab-saved-${process.pid}.tar`);
  await download.saveAs(savedArchive);
  const longest = tasks.length ? Math.max(...tasks) : 0;
  figures.page_save_longest_task_ms = longest;
  figures.page_save_long_tasks = tasks.length;
  figures.page_save_ms = saveMs;
  figures.page_save_bytes = size;
  console.log(`page save: ${size} bytes in ${saveMs} ms; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms`);
  await done(page);
});

test('loading the saved 100 MB archive reads it in pieces with a progress bar, then docker load answers', async () => {
  assert.ok(savedArchive, 'the save test left an archive');
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  await observeLongTasks(page);
  await page.setInputFiles('input.load-image-input', savedArchive);
  await page.waitForSelector('.load-progress progress.load-bar', { timeout: 10000 });
  const seen = new Set();
  let shot = false;
  while (await page.locator('.load-progress').count() > 0) {
    const v = await page.locator('.load-bar').evaluate((el) => el.value).catch(() => null);
    if (v !== null) seen.add(Math.round(v * 100));
    if (!shot && v > 0.3) {
      shot = true;
      const file = process.env.LAYERLAB_SHOT_DIR ? path.join(process.env.LAYERLAB_SHOT_DIR, 'load-progress.png') : null;
      if (file) await page.screenshot({ path: file, clip: { x: 0, y: 0, width: 1400, height: 120 } });
    }
    await page.waitForTimeout(50);
  }
  const fractions = [...seen].filter((v) => v > 0 && v < 100);
  assert.ok(fractions.length >= 3, `the progress bar moved: ${[...seen].sort((a, b) => a - b).join(', ')}`);
  // The terminal shows the load as if it had been typed, with Docker's answer.
  await page.click('#tab-terminal');
  const term = await page.locator('.term-screen').textContent();
  assert.match(term, new RegExp(`docker load -i ${path.basename(savedArchive)}`));
  assert.match(term, /Loaded image: [a-z0-9./-]+:[\w.-]+|Loaded image ID: sha256:[0-9a-f]{64}/);
  assert.match(await page.locator('footer.status').textContent(), /Loaded image/);
  const tasks = await longTasks(page);
  const longest = tasks.length ? Math.max(...tasks) : 0;
  figures.page_load_longest_task_ms = longest;
  console.log(`page load: ${fractions.length} progress values; ${tasks.length} long tasks, longest ${longest.toFixed(0)} ms`);
  await done(page);
});
