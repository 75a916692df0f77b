// The dashboard against a real host: start `streamweaver run` with an embedded broker and
// three sources, open the page in headless Chromium, and check that every panel shows
// live data, the theme and pause controls work, and the phone layout is one column.
//
// With STREAMWEAVER_DASHBOARD_AUTH=token the same run happens with [bridge.auth] mode
// "token": first a page without the token must show "not authorised", then the page is
// opened with #token=… once (a reload later finds it in sessionStorage), and no line the
// host logged may contain the token.
//
// Environment: see browser_env.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, launchChromium } from './running_host.mjs';
import { env, chromium, newPage, live } from './browser_env.mjs';

const { bin, webRoot, pluginDir, resultsDir, chromiumPath } = env;
const TOKEN_MODE = process.env.STREAMWEAVER_DASHBOARD_AUTH === 'token';
const TOKEN = 'dashboard-test-token-4f7c1e9a2b';
const STOP_MS = 15_000;
const SCREENSHOT_RECORDS = 600; // about 4 s of the three sources below
const BRIDGED = ['stock_trades', 'social_feed', 'server_logs'];
// Demo topics not bridged here: the dashboard must carry on without them.
const NOT_BRIDGED = ['stock_metrics', 'log_alerts', 'trending_hashtags'];
const PANELS = ['panel-market', 'panel-social', 'panel-logs', 'panel-alerts', 'stream-stats'];

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamweaver-dashboard-'));

const pipeline = `
[kafka]
brokers = "embedded"

[topics.stock_trades]
partitions = 1
[topics.social_feed]
partitions = 1
[topics.server_logs]
partitions = 1

[sources.stock]
plugin = "stock"
topic = "stock_trades"
rate = 50
key = "symbol"

[sources.social]
plugin = "social"
topic = "social_feed"
rate = 50
key = "user"

[sources.logs]
plugin = "server_logs"
topic = "server_logs"
rate = 50
key = "host"

[bridge]
listen = "127.0.0.1:0"
topics = ${JSON.stringify(BRIDGED)}
web_root = ${JSON.stringify(webRoot)}
${TOKEN_MODE ? `
[bridge.auth]
mode = "token"
[[bridge.auth.tokens]]
name = "dashboard-test"
env = "STREAMWEAVER_TEST_DASHBOARD_TOKEN"
topics = ["*"]
` : ''}`;
const shot = (name) => path.join(resultsDir, TOKEN_MODE ? `${name}-token.png` : `${name}.png`);

let host = null;
let browser = null;
let page = null;
const problems = []; // page errors and console errors, checked at the end

const count = (testid) => page.$eval(`[data-testid="${testid}"]`, (el) => Number(el.dataset.count || 0));

describe(`dashboard against a running host${TOKEN_MODE ? ' in token mode' : ''}`, () => {
  let url = null;
  before(async () => {
    host = startHost({ bin, pluginDir, workDir, pipeline, env: { STREAMWEAVER_TEST_DASHBOARD_TOKEN: TOKEN } });
    url = await host.url;
    browser = await launchChromium(chromium, chromiumPath);
    if (TOKEN_MODE) return; // the first test opens the page
    page = await newPage(browser, problems);
    const response = await page.goto(url);
    assert.equal(response.status(), 200);
  });

  if (TOKEN_MODE) {
    test('without a token the page says it is not authorised, and does not retry', async () => {
      const refusedProblems = []; // the refused handshake is a console error here, on purpose
      const refused = await newPage(browser, refusedProblems);
      let attempts = 0;
      refused.on('websocket', () => attempts++);
      await refused.goto(url);
      const state = refused.locator('[data-testid="connection-state"][data-state="unauthorised"]');
      await state.waitFor();
      assert.match(await state.textContent(), /Not authorised/);
      assert.match(await state.getAttribute('title'), /missing token/);
      // A retry would come within the first backoff step (at most 500 ms): give it three times that.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(attempts, 1, 'no retry loop against a host that refuses the token');
      assert.equal(await state.count(), 1);
      await refused.screenshot({ path: shot('dashboard-unauthorised'), animations: 'disabled' });
      await refused.context().close();
    });

    test('the token from the fragment connects, leaves the address bar and stays for the tab', async () => {
      page = await newPage(browser, problems);
      const response = await page.goto(`${url}#token=${TOKEN}`);
      assert.equal(response.status(), 200);
      await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
      assert.ok(!page.url().includes(TOKEN), `token still in the address: ${page.url()}`);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('streamweaver.token')), TOKEN);
    });
  }

  after(async () => {
    await browser?.close();
    if (host && host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('it connects and every panel shows live data', async () => {
    await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
    for (const panel of PANELS) await page.waitForSelector(live(panel));

    // Demo topics missing from the host's topic list are marked; the rest flow.
    for (const topic of BRIDGED) await page.waitForSelector(`.topic[data-topic="${topic}"][data-status="live"]`);
    for (const topic of NOT_BRIDGED) await page.waitForSelector(`.topic[data-topic="${topic}"][data-status="unavailable"]`);

    // Real content, not just the flags.
    await page.waitForFunction(() => document.querySelectorAll('.ticker').length > 0
      && document.querySelector('[data-testid="price-chart"] canvas')
      && document.querySelectorAll('[data-testid="social-feed"] .post').length > 0
      && document.querySelectorAll('[data-testid="trending"] .tag').length > 0
      && Number(document.querySelector('[data-role="rps"]').textContent) > 0);
    await page.waitForFunction(() => parseInt(document.querySelector('#stream-stats [data-role="rate"]').textContent, 10) > 0);
    // A few seconds of history make a screenshot worth looking at.
    await page.waitForFunction((n) => Number(document.querySelector('#stream-stats').dataset.count) >= n, SCREENSHOT_RECORDS);
    await page.screenshot({ path: shot('dashboard'), fullPage: true, animations: 'disabled' });
  });

  test('pause freezes the panels while data keeps arriving, resume catches up', async () => {
    const button = page.getByTestId('pause-toggle');
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    const frozen = await count('panel-market');
    const received = await count('stream-stats');
    await page.waitForFunction((n) => Number(document.querySelector('#stream-stats').dataset.count) > n + 50, received);
    assert.equal(await count('panel-market'), frozen, 'the market panel must not redraw while paused');

    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await page.waitForFunction((n) => Number(document.querySelector('#market').dataset.count) > n, frozen);
  });

  test('the topic list names each bridged topic\'s demo panel and hides and shows it', async () => {
    await page.click('[data-testid="topic-list"] summary');
    const entries = await page.$$eval('#topic-list .topic-entry', (lis) => lis.map((li) => [li.dataset.topic, li.querySelector('.topic-entry-panel').textContent]));
    assert.deepEqual(entries, [['stock_trades', 'in Markets'], ['social_feed', 'in Social'], ['server_logs', 'in Server logs']]);
    const toggle = page.locator('[data-testid="topic-toggle"][data-topic="stock_trades"]');
    await toggle.uncheck();
    await page.waitForSelector('#market', { state: 'hidden' });
    assert.match(new URL(page.url()).hash, /hide-builtin=market/);
    await toggle.check();
    await page.waitForSelector(live('panel-market'));
    assert.equal(new URL(page.url()).hash, '');
    await page.click('[data-testid="topic-list"] summary');
  });

  test('the theme toggles and the choice survives a reload', async () => {
    const theme = () => page.evaluate(() => ({
      attr: document.documentElement.dataset.theme ?? null,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    const before = await theme();
    assert.equal(before.attr, null, 'no stored choice: the page follows prefers-color-scheme (dark here)');
    await page.getByTestId('theme-toggle').click();
    const toggled = await theme();
    assert.equal(toggled.attr, 'light');
    assert.notEqual(toggled.background, before.background);

    await page.reload();
    assert.equal((await theme()).attr, 'light');
    await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
    for (const panel of PANELS) await page.waitForSelector(live(panel));
    await page.screenshot({ path: shot('dashboard-light'), fullPage: true, animations: 'disabled' });

    await page.getByTestId('theme-toggle').click();
    assert.equal((await theme()).attr, 'dark');
  });

  test('phone width is one column with no horizontal overflow', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction((ids) => {
      const boxes = ids.map((id) => document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect());
      const doc = document.documentElement;
      return doc.scrollWidth <= doc.clientWidth
        && boxes.every((b) => Math.abs(b.left - boxes[0].left) < 1 && Math.abs(b.width - boxes[0].width) < 1 && b.right <= doc.clientWidth);
    }, ['panel-market', 'panel-social', 'panel-logs', 'panel-alerts']);
    // Charts follow their container on the next frame.
    await page.waitForFunction(() => [...document.querySelectorAll('.chart canvas')]
      .every((c) => c.getBoundingClientRect().right <= document.documentElement.clientWidth));
    await page.screenshot({ path: shot('dashboard-phone'), fullPage: true, animations: 'disabled' });
  });

  test('no page or console errors', () => {
    assert.deepEqual(problems, []);
  });

  test('the host stops cleanly on SIGTERM', async () => {
    await browser.close();
    browser = null;
    host.child.kill('SIGTERM');
    const stopped = await Promise.race([
      host.exited,
      new Promise((resolve) => setTimeout(() => resolve(null), STOP_MS)),
    ]);
    assert.ok(stopped, `host still running ${STOP_MS} ms after SIGTERM:\n${host.output()}`);
    assert.deepEqual(stopped, { code: 0, signal: null }, host.output());
  });

  test('no line the host logged holds the token', () => {
    const lines = host.output().split('\n');
    assert.ok(lines.length > 3, 'the host log was captured');
    assert.deepEqual(lines.filter((l) => l.includes(TOKEN)), []);
  });
});
