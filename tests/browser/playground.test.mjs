// Real-browser tests of the built playground: editing, building, the layer explorer, the
// terminal, downloads, persistence, share links and embed mode.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';

import { build, done, newPage, setDockerfile, start, termLine, untar, untarGz, waitForBuild } from './helpers.mjs';

// A small Dockerfile that needs only the base image and a few shell built-ins.
const SIMPLE = [
  'FROM alpine:3.20',
  'RUN echo hello > /greeting.txt',
  'RUN mkdir -p /data && echo 12345 > /data/big.txt',
  'RUN rm /data/big.txt',
  'CMD ["cat", "/greeting.txt"]',
].join('\n');
const SIMPLE_FRAGMENT = `#dockerfile=${encodeURIComponent(SIMPLE)}`;

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the first visit opens the default example and builds it', async () => {
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  const text = await page.inputValue('textarea.ed-input');
  assert.match(text, /^FROM debian/m);
  assert.ok(await page.locator('.layer-card').count() > 0);
  await done(page);
});

test('building a multi-step Dockerfile shows one card per step and the classic log', async () => {
  const page = await newPage(env, '?example=alpine');
  await waitForBuild(page);
  await setDockerfile(page, [
    'FROM alpine:3.20',
    'RUN echo one > /one.txt',
    'RUN echo two > /two.txt && echo built',
    'ENV COLOR=blue',
    'WORKDIR /app',
  ].join('\n'));
  assert.equal(await build(page), 'done');
  const steps = await page.locator('.build-log .log-step').allTextContents();
  assert.deepEqual(steps, [
    'Step 1/5 : FROM alpine:3.20',
    'Step 2/5 : RUN echo one > /one.txt',
    'Step 3/5 : RUN echo two > /two.txt && echo built',
    'Step 4/5 : ENV COLOR=blue',
    'Step 5/5 : WORKDIR /app',
  ]);
  const log = await page.locator('.build-log').textContent();
  assert.match(log, /built/);
  assert.match(log, /Successfully built [0-9a-f]{12}/);
  // RUN steps make layers; ENV makes none.
  const card = (n) => page.locator(`.layer-card[data-step="${n}"]`);
  assert.equal(await card(2).getAttribute('data-empty'), 'false');
  assert.equal(await card(3).getAttribute('data-empty'), 'false');
  assert.equal(await card(4).getAttribute('data-empty'), 'true');
  // Clicking a card highlights its Dockerfile line.
  await card(3).click();
  assert.deepEqual(await page.locator('.ed-gutter .gl-sel').allTextContents(), ['3']);
  await done(page);
});

test('a parse error is marked on its line', async () => {
  const page = await newPage(env, '?example=alpine');
  await setDockerfile(page, 'FROM alpine:3.20\nRUNN echo hi\n');
  await page.waitForSelector('.gl-err');
  assert.deepEqual(await page.locator('.ed-gutter .gl-err').allTextContents(), ['2']);
  const msg = await page.locator('.diag-inline.err').textContent();
  assert.match(msg, /unknown instruction: RUNN/i);
  await done(page);
});

test('the file tree shows the whiteout of a deleted file', async () => {
  const page = await newPage(env, SIMPLE_FRAGMENT);
  assert.equal(await waitForBuild(page), 'done');
  await page.locator('.layer-card[data-step="4"]').click();
  await page.click('#tab-files');
  const row = page.locator('li.frow[data-path="/data/big.txt"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-change'), 'D');
  assert.equal(await page.locator('li.frow[data-path="/data"]').getAttribute('data-change'), 'C');
  // In the layer that wrote it, the same file is Added with its size and mode.
  await page.locator('.layer-card[data-step="3"]').click();
  const added = page.locator('li.frow[data-path="/data/big.txt"]');
  assert.equal(await added.getAttribute('data-change'), 'A');
  assert.equal(await added.locator('.fsize').textContent(), '6B');
  assert.equal(await added.locator('.fmode').textContent(), '-rw-r--r--');
  // The viewer shows its text.
  await added.locator('button').click();
  assert.equal(await page.locator('.viewer .file-text').textContent(), '12345\n');
  await done(page);
});

test('the terminal answers docker images and opens a container shell', async () => {
  const page = await newPage(env, SIMPLE_FRAGMENT);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('#tab-terminal');
  await termLine(page, 'docker images');
  const out = await page.locator('.term-screen').textContent();
  assert.match(out, /REPOSITORY\s+TAG\s+IMAGE ID/);
  assert.match(out, /playground\s+latest/);
  // A shell inside a container of the image keeps its working directory between lines.
  for (const line of ['docker run -it playground sh', 'cat /greeting.txt', 'cd /data', 'pwd', 'exit']) {
    await termLine(page, line);
  }
  const lines = await page.locator('.term-screen > div').allTextContents();
  assert.deepEqual(lines.slice(-7), ['$ docker run -it playground sh', '/ # cat /greeting.txt', 'hello', '/ # cd /data', '/data # pwd', '/data', '/data # exit']);
  assert.equal(await page.locator('.term-prompt').textContent(), '$ ');
  // The container the shell ran in is listed, exited with the shell's status.
  await termLine(page, 'docker ps -a --format "{{.Image}} {{.Command}} {{.Status}}"');
  assert.match((await page.locator('.term-screen > div').allTextContents()).at(-1), /^playground "sh" Exited \(0\)/);
  // help lists the whole command surface.
  await termLine(page, 'help');
  const help = await page.locator('.term-screen').textContent();
  for (const cmd of ['pull', 'ps', 'exec', 'logs', 'stop', 'save', 'commit']) assert.match(help, new RegExp(`\\b${cmd}\\s{2,}`), cmd);
  // Tab completes image names.
  await page.fill('.term-input input', 'docker history play');
  await page.press('.term-input input', 'Tab');
  assert.equal(await page.inputValue('.term-input input'), 'docker history playground:latest ');
  await done(page);
});

test('the image downloads as a tar with its layers and files', async () => {
  const page = await newPage(env, SIMPLE_FRAGMENT);
  assert.equal(await waitForBuild(page), 'done');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-image')]);
  const tar = untar(await readFile(await download.path()));
  const index = JSON.parse(tar.get('index.json').toString('utf8'));
  assert.equal(index.schemaVersion, 2);
  assert.equal(index.manifests[0].annotations['io.containerd.image.name'], 'docker.io/library/playground:latest');
  assert.ok(tar.has('oci-layout'));
  const [item] = JSON.parse(tar.get('manifest.json').toString('utf8'));
  assert.deepEqual(item.RepoTags, ['playground:latest']);
  // alpine's layer, then one per RUN: the file, the folder with its file, the whiteout.
  const layers = item.Layers.map((p) => untarGz(tar.get(p)));
  assert.equal(layers.length, 4);
  assert.ok(layers[0].has('bin/busybox'));
  assert.equal(layers[1].get('greeting.txt').toString(), 'hello\n');
  assert.equal(layers[2].get('data/big.txt').toString(), '12345\n');
  assert.ok(layers[3].has('data/.wh.big.txt'));
  const config = JSON.parse(tar.get(item.Config).toString('utf8'));
  assert.deepEqual(config.config.Cmd, ['cat', '/greeting.txt']);
  assert.equal(config.rootfs.diff_ids.length, 4);
  await done(page);
});

test('the Dockerfile and context download as a tar', async () => {
  const page = await newPage(env, '?example=alpine');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.download-context')]);
  const tar = untar(await readFile(await download.path()));
  assert.match(tar.get('Dockerfile').toString('utf8'), /^FROM alpine/m);
  assert.match(tar.get('greet.sh').toString('utf8'), /GREETING/);
  await done(page);
});

test('a reload keeps the edit', async () => {
  const page = await newPage(env);
  await waitForBuild(page);
  await setDockerfile(page, 'FROM alpine:3.20\n# kept across reloads 4711\nRUN true\n');
  await page.waitForTimeout(600); // the save is debounced
  await page.reload();
  assert.match(await page.inputValue('textarea.ed-input'), /kept across reloads 4711/);
  await done(page);
});

test('a share link restores the Dockerfile and context in a fresh browser', async () => {
  const page = await newPage(env, '?example=alpine');
  await setDockerfile(page, 'FROM alpine:3.20\n# shared 1234\nCOPY greet.sh /\n');
  await page.click('button.share');
  const url = await page.inputValue('.overlay .copy-box');
  assert.match(url, /#s=[A-Za-z0-9_-]+$/);
  await done(page);
  const fresh = await newPage(env, null);
  await fresh.goto(url.replace('?example=alpine', ''));
  assert.match(await fresh.inputValue('textarea.ed-input'), /shared 1234/);
  assert.equal(await fresh.locator('.ctx-row', { hasText: 'greet.sh' }).count(), 1);
  assert.equal(await waitForBuild(fresh), 'done');
  await done(fresh);
});

test('embed mode renders the compact widget', async () => {
  const page = await newPage(env, `?embed=1&readonly=1${SIMPLE_FRAGMENT}`);
  await page.waitForSelector('.app.embed');
  assert.equal(await page.locator('.side-panel').count(), 0);
  assert.equal(await page.locator('textarea.ed-input[readonly]').count(), 1);
  assert.equal(await waitForBuild(page), 'done');
  assert.equal(await page.locator('.layer-card').count(), 5);
  await done(page);
});
