// The page carries only the catalogue's index: an image's data files are fetched from the
// static site the first time a build or a terminal command needs them, and the picker
// lists every repository and tag of the catalogue, searchable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { build, done, newPage, setDockerfile, start, termLine, waitForBuild } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Records the paths of the page's requests under data/. */
function dataRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/data/')) seen.push(path.slice(path.indexOf('/data/') + 1));
  });
  return seen;
}

test('an image\'s data is fetched on first use by a build and by docker run', async () => {
  const page = await newPage(env, null);
  const seen = dataRequests(page);
  await page.goto(env.base);
  assert.equal(await waitForBuild(page), 'done');
  assert.ok(!seen.includes('data/images/nginx.json'), `loading fetched nginx's data: ${seen.join(' ')}`);
  assert.ok(!seen.includes('data/images/hello-world.json'));

  await setDockerfile(page, "FROM nginx\nRUN echo '<h1>Hello Docker!</h1>' > /usr/share/nginx/html/index.html\n");
  assert.equal(await build(page), 'done');
  assert.ok(seen.includes('data/images/nginx.json'), seen.join(' '));
  // Its parent's description and the apt family's package catalogues came with it, once.
  assert.ok(seen.includes('data/images/debian.json'));
  assert.ok(seen.some((p) => p.startsWith('data/packages/apt/')));
  assert.equal(seen.filter((p) => p === 'data/images/nginx.json').length, 1);
  // A rebuild fetches nothing again.
  const before = seen.length;
  assert.equal(await build(page), 'done');
  assert.equal(seen.length, before, seen.slice(before).join(' '));

  await page.click('#tab-terminal');
  await termLine(page, 'docker run hello-world');
  await page.waitForFunction(() => document.querySelector('.term-screen').textContent.includes('Hello from Docker!'), null, { timeout: 60000 });
  assert.ok(seen.includes('data/images/hello-world.json'), seen.join(' '));
  const text = await page.textContent('.term-screen');
  assert.match(text, /Unable to find image 'hello-world:latest' locally/);
  assert.match(text, /This message shows that your installation appears to be working correctly\./);
  await done(page);
});

test('a data file the site does not serve fails the build at its FROM line', async () => {
  const page = await newPage(env, null);
  await page.route('**/data/images/redis.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(env.base);
  assert.equal(await waitForBuild(page), 'done');
  await setDockerfile(page, '# cache\nFROM redis:7\nRUN redis-server --version\n');
  assert.equal(await build(page), 'failed');
  const message = await page.textContent('.build-error .be-msg');
  assert.match(message, /failed to resolve source metadata for docker\.io\/library\/redis:7: Get "data\/images\/redis\.json": 404/);
  assert.match(await page.textContent('.build-error .be-title'), /line 2/);
  page.errors = page.errors.filter((e) => !e.includes('/data/images/redis.json'));
  await done(page);
});

test('the picker lists every repository and tag, searchable, and sets the FROM line', async () => {
  const page = await newPage(env);
  assert.equal(await waitForBuild(page), 'done');
  await page.click('.picker-toggle');
  await page.waitForSelector('.image-picker');
  const all = await page.$$eval('.image-picker .cat-name', (els) => els.map((e) => e.textContent));
  for (const repo of ['alpine', 'debian', 'ubuntu', 'centos', 'hello-world', 'python', 'node', 'golang', 'nginx', 'redis', 'gcr.io/distroless/static']) {
    assert.ok(all.includes(repo), `${repo} not in the picker: ${all.join(' ')}`);
  }
  await page.fill('.image-picker .picker-search', 'node:18');
  const rows = await page.$$eval('.image-picker .cat-row', (els) => els.map((e) => e.querySelector('.cat-name').textContent));
  assert.deepEqual(rows, ['node']);
  const tags = await page.$$eval('.image-picker .pick-image', (els) => els.map((e) => e.dataset.image));
  assert.ok(tags.length > 0 && tags.every((t) => t.startsWith('node:18')), tags.join(' '));
  assert.ok(tags.includes('node:18-alpine'), tags.join(' '));
  await page.fill('.image-picker .picker-search', 'zzzz');
  assert.equal(await page.$$eval('.image-picker .cat-row', (els) => els.length), 0);
  await setDockerfile(page, '# picked\nFROM alpine:3.20\nRUN echo picked\n');
  await page.fill('.image-picker .picker-search', 'busy');
  await page.click('.image-picker .pick-image[data-image="busybox:latest"]');
  assert.equal(await page.$('.image-picker'), null);
  assert.equal(await page.inputValue('textarea.ed-input'), '# picked\nFROM busybox:latest\nRUN echo picked\n');
  assert.equal(await waitForBuild(page), 'done');
  await done(page);
});
