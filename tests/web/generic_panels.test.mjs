// Generic panels against a real host: topics no demo panel covers, written by fixture
// plugins built in the test tree (tests/fixtures/plugins). `sensor` comes with display
// hints, `counter` with none, `unsafe` and `unsafe_feed` carry markup in their strings.
// Checks that the host's topic list gives each a live panel, that record strings are shown
// as text, that the user's choices survive a reload and travel in the link, that a reload
// of the pipeline file adds and removes a panel in the open page, and the panel in both
// themes and at phone width.
//
// Environment: see browser_env.mjs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, launchChromium } from './running_host.mjs';
import { env, chromium, newPage, live } from './browser_env.mjs';

const GENERIC = ['sensor', 'counter', 'unsafe', 'unsafe_feed'];
const DEVICES = ['dev-1', 'dev-2', 'dev-3', 'dev-4', 'dev-5', 'dev-6']; // the sensor plugin's default
// Markup a record could carry. Shown as text, none of it may run.
const UNSAFE_TITLE = `<img src=x onerror="window.__xss='title'">`;
const UNSAFE_PREFIX = `<img src=x onerror="window.__xss='device'">`;
const UNSAFE_NOTE = `</script><script>window.__xss='note'</script><img src=x onerror="window.__xss='note'">`;

const toml = (s) => JSON.stringify(s); // JSON's string escapes are valid in a TOML basic string

function pipeline({ late = false } = {}) {
  const topics = [...GENERIC, ...(late ? ['late'] : [])];
  const unsafeSource = (name) => `
[sources.${name}]
plugin = "sensor"
topic = "${name}"
rate = 4
[sources.${name}.options]
devices = 2
device_prefix = ${toml(UNSAFE_PREFIX)}
note = ${toml(UNSAFE_NOTE)}
`;
  return `
[kafka]
brokers = "embedded"
${topics.map((t) => `[topics.${t}]\npartitions = 1\n`).join('')}
[sources.sensor]
plugin = "sensor"
topic = "sensor"
rate = 30

[sources.counter]
plugin = "counter"
topic = "counter"
rate = 10
${unsafeSource('unsafe')}${unsafeSource('unsafe_feed')}${late ? `
[sources.late]
plugin = "sensor"
topic = "late"
rate = 10
[sources.late.options]
devices = 3
device_prefix = "late-"
` : ''}
[bridge]
listen = "127.0.0.1:0"
topics = ${JSON.stringify(topics)}
web_root = ${JSON.stringify(env.webRoot)}

[bridge.views.sensor]
hide = ["site.floor"]

[bridge.views.unsafe]
title = ${toml(UNSAFE_TITLE)}
breakdown = "note"

[bridge.views.unsafe_feed]
text = "note"
`;
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamweaver-generic-'));
let host = null;
let browser = null;
let page = null;
let url = null;
const problems = [];
const paths = []; // every path the page asked the host for

const panel = (topic) => `[data-testid="generic-panel"][data-topic="${topic}"]`;
const livePanel = (topic) => `${panel(topic)}[data-live="true"]`;
const chip = (topic, name) => `${panel(topic)} .series-chip[title="${name}"]`;
const screenshot = (name, target = page) => target.screenshot({ path: path.join(env.resultsDir, name), animations: 'disabled' });

// In the page: canvas pixels of the topic's chart in the colours of its drawn series (the
// pressed chips' swatches), i.e. how much of the lines uPlot actually painted.
function seriesPixels(selector) {
  const p = document.querySelector(selector);
  const canvas = p?.querySelector('[data-testid="generic-chart"] canvas');
  const colours = [...(p?.querySelectorAll('.series-chip[aria-pressed="true"] .swatch-dot') ?? [])]
    .map((s) => getComputedStyle(s).backgroundColor.match(/\d+/g).map(Number));
  if (!colours.length || !canvas || !canvas.width) return 0;
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 200 && colours.some(([r, g, b]) => Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40)) n++;
  }
  return n;
}
const LINE_PIXELS = 40; // a few seconds of a 1.5 px line

async function waitForChartLine(topic) {
  await page.waitForFunction((sel) => {
    const p = document.querySelector(sel);
    return p && Number(p.querySelector('[data-testid="generic-chart"]').dataset.points) > 2;
  }, livePanel(topic));
  await page.waitForFunction(({ fn, sel, min }) => new Function(`return (${fn})`)()(sel) >= min,
    { fn: seriesPixels.toString(), sel: panel(topic), min: LINE_PIXELS });
}

const tableColumns = (topic) => page.$$eval(`${panel(topic)} [data-testid="generic-table"] th`, (ths) => ths.map((th) => th.textContent));
const isHidden = (selector) => page.$eval(selector, (el) => el.hidden);

describe('generic panels against a running host', () => {
  before(async () => {
    host = startHost({ bin: env.bin, pluginDir: [env.pluginDir, env.fixturePluginDir], workDir, pipeline: pipeline() });
    url = await host.url;
    browser = await launchChromium(chromium, env.chromiumPath);
    page = await newPage(browser, problems);
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    assert.equal((await page.goto(url)).status(), 200);
  });

  after(async () => {
    await browser?.close();
    if (host && host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  test('every bridged topic gets a live panel; demo panels without their topics are not shown', async () => {
    await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
    for (const topic of GENERIC) {
      await page.waitForSelector(livePanel(topic));
      await page.waitForSelector(`.topic[data-topic="${topic}"][data-status="live"]`);
    }
    for (const id of ['market', 'social', 'logs', 'alerts']) assert.equal(await isHidden(`#${id}`), true, `#${id} has no bridged topic`);
    const listed = await page.$$eval('[data-testid="topic-toggle"]', (inputs) => inputs.map((i) => [i.dataset.topic, i.checked]));
    assert.deepEqual(listed, GENERIC.map((t) => [t, true]));
  });

  test('a topic with hints: its title, records/s, a chart of the hinted fields per series, the breakdown and a table', async () => {
    const sensor = panel('sensor');
    await page.waitForSelector(livePanel('sensor'));
    assert.equal(await page.$eval(`${sensor} h2`, (h) => h.textContent), 'Sensors');
    await page.waitForFunction((sel) => parseInt(document.querySelector(`${sel} [data-role="rate"]`).textContent, 10) > 0, sensor);

    // The hinted fields with their units, the first one charted; a line per device.
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid="generic-field"] option`).length > 0, sensor);
    const options = await page.$$eval(`${sensor} [data-testid="generic-field"] option`, (os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options, [['celsius', 'celsius (°C)'], ['battery', 'battery (%)']]);
    await page.waitForFunction(({ sel, n }) => document.querySelectorAll(`${sel} .series-chip[aria-pressed="true"]`).length === n, { sel: sensor, n: DEVICES.length });
    const chips = await page.$$eval(`${sensor} .series-chip`, (cs) => cs.map((c) => c.title).sort());
    assert.deepEqual(chips, DEVICES);
    assert.equal(await page.$eval(`${sensor} [data-testid="generic-chart"]`, (c) => c.dataset.field), 'celsius');
    await waitForChartLine('sensor');
    assert.equal(await page.$eval(`${sensor} [data-testid="generic-chart"]`, (c) => c.dataset.unit), '°C', 'the y axis carries the hinted unit');

    // The hinted breakdown.
    await page.waitForSelector(`${sensor} [data-testid="generic-breakdown"] li`);
    assert.equal(await page.$eval(`${sensor} .breakdown-field`, (s) => s.textContent), 'status');
    const values = await page.$$eval(`${sensor} .breakdown-value`, (vs) => vs.map((v) => v.textContent));
    assert.ok(values.length > 0 && values.every((v) => ['ok', 'warm', 'low_battery'].includes(v)), values.join());

    // Columns from the fields: series and charted fields first, nested ones flattened,
    // the field the pipeline hides left out.
    await page.waitForSelector(`${sensor} [data-testid="generic-table"] tbody tr`);
    assert.deepEqual(await tableColumns('sensor'), ['time', 'key', 'device', 'celsius', 'battery', 'site.room', 'status']);
    const row = await page.$eval(`${sensor} tbody tr`, (tr) => Object.fromEntries([...tr.querySelectorAll('td[data-column]')].map((td) => [td.dataset.column, td.textContent])));
    assert.ok(DEVICES.includes(row.device), row.device);
    assert.match(row.celsius, /^\d+(\.\d+)?$/);
    assert.match(row['site.room'], /^lab-[123]$/);
  });

  test('a topic without hints: detected columns and a chart of its numeric field per key', async () => {
    const counter = panel('counter');
    await page.waitForSelector(livePanel('counter'));
    assert.equal(await page.$eval(`${counter} h2`, (h) => h.textContent), 'counter', 'no title hint: the topic name');
    await page.waitForSelector(`${counter} [data-testid="generic-table"] tbody tr`);
    assert.deepEqual(await tableColumns('counter'), ['time', 'key', 'n']);
    assert.equal(await page.$eval(`${counter} [data-testid="generic-chart"]`, (c) => c.dataset.field), 'n');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .series-chip[aria-pressed="true"]`).length === 3, counter);
    assert.deepEqual(await page.$$eval(`${counter} .series-chip`, (cs) => cs.map((c) => c.title).sort()), ['k0', 'k1', 'k2']);
    await waitForChartLine('counter');
    // {"n": …} has no string field to break down.
    assert.equal(await page.$eval(`${counter} [data-role="breakdown"]`, (b) => b.hidden), true);
  });

  test('strings from records are shown as text and no script in them runs', async () => {
    const unsafe = panel('unsafe');
    const feed = panel('unsafe_feed');
    await page.waitForSelector(`${livePanel('unsafe')} td[data-column="note"]`);
    await page.waitForSelector(`${unsafe} .breakdown-value`);
    await page.waitForSelector(`${unsafe} .series-chip`);
    await page.waitForSelector(`${livePanel('unsafe_feed')} .generic-feed-text`);
    const shown = await page.evaluate(({ unsafe, feed }) => {
      const text = (sel) => document.querySelector(sel).textContent;
      return {
        title: text(`${unsafe} h2`),
        listed: text('#topic-list [data-topic="unsafe"] .topic-entry-title'),
        note: text(`${unsafe} td[data-column="note"]`),
        device: text(`${unsafe} td[data-column="device"]`),
        key: text(`${unsafe} td.records-key`),
        breakdown: text(`${unsafe} .breakdown-value`),
        chip: text(`${unsafe} .series-name`),
        feedText: text(`${feed} .generic-feed-text`),
        feedSeries: text(`${feed} .generic-feed-series`),
        elements: document.querySelectorAll('main img, main script, #topic-list img').length,
      };
    }, { unsafe, feed });
    assert.equal(shown.title, UNSAFE_TITLE);
    assert.equal(shown.listed, UNSAFE_TITLE);
    assert.equal(shown.note, UNSAFE_NOTE);
    assert.equal(shown.breakdown, UNSAFE_NOTE);
    assert.equal(shown.feedText, UNSAFE_NOTE);
    for (const name of [shown.device, shown.key, shown.chip, shown.feedSeries]) assert.ok([`${UNSAFE_PREFIX}1`, `${UNSAFE_PREFIX}2`].includes(name), name);
    assert.equal(shown.elements, 0, 'no element was made from a record');

    // The markup would run if it were parsed: the same kind of handler fires from
    // innerHTML (a broken image, no network). By the time it has, none of ours has.
    await page.evaluate(() => new Promise((resolve) => {
      window.__control = resolve;
      document.createElement('div').innerHTML = '<img src="data:image/png;base64,AAAA" onerror="window.__control()">';
    }));
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.ok(!paths.includes('/x'), 'no image from a record was requested');
  });

  test('pause freezes the generic panels while records keep arriving, resume catches up', async () => {
    const count = () => page.$eval(panel('sensor'), (el) => Number(el.dataset.count));
    const button = page.getByTestId('pause-toggle');
    await button.click();
    const frozen = await count();
    const received = await page.$eval('#stream-stats', (el) => Number(el.dataset.count));
    await page.waitForFunction((n) => Number(document.querySelector('#stream-stats').dataset.count) > n + 40, received);
    assert.equal(await count(), frozen, 'the sensor panel must not redraw while paused');
    await button.click();
    await page.waitForFunction(({ sel, n }) => Number(document.querySelector(sel).dataset.count) > n, { sel: panel('sensor'), n: frozen });
  });

  test('hidden panels, the charted field and the picked series survive a reload and travel in the link', async () => {
    await page.click('[data-testid="topic-list"] summary');
    await page.getByTestId('topic-toggle').and(page.locator('[data-topic="counter"]')).uncheck();
    await page.waitForFunction((sel) => document.querySelector(sel).hidden, panel('counter'));
    await page.selectOption(`${panel('sensor')} [data-testid="generic-field"]`, 'battery');
    await page.waitForSelector(`${panel('sensor')} [data-testid="generic-chart"][data-field="battery"]`);
    await page.click(chip('sensor', 'dev-1'));
    await page.waitForSelector(`${chip('sensor', 'dev-1')}[aria-pressed="false"]`);

    const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
    assert.deepEqual(hash.getAll('hide'), ['counter']);
    assert.equal(hash.get('field.sensor'), 'battery');
    assert.deepEqual(hash.getAll('series.sensor').sort(), DEVICES.slice(1));

    // The same page is back after a reload (localStorage) and in a new browser
    // context opened from the link (the hash).
    const expectChoices = async (p) => {
      await p.waitForSelector(livePanel('sensor'));
      await p.waitForSelector(`${panel('sensor')} [data-testid="generic-chart"][data-field="battery"]`);
      await p.waitForFunction((sel) => document.querySelectorAll(`${sel} .series-chip[aria-pressed="true"]`).length === 5, panel('sensor'));
      assert.equal(await p.$eval(`${chip('sensor', 'dev-1')}`, (c) => c.getAttribute('aria-pressed')), 'false');
      assert.equal(await p.$eval(`${panel('sensor')} [data-testid="generic-field"]`, (s) => s.value), 'battery');
      assert.equal(await p.$eval(panel('counter'), (el) => el.hidden), true);
      assert.equal(await p.$eval('[data-testid="topic-toggle"][data-topic="counter"]', (i) => i.checked), false);
    };
    const link = page.url();
    await page.reload();
    await expectChoices(page);

    const other = await newPage(browser, problems);
    await other.goto(link);
    await expectChoices(other);
    await other.context().close();

    // Back to the defaults through the page: the panel shows again, live.
    await page.click(`${panel('sensor')} .series-auto`);
    await page.waitForSelector(`${chip('sensor', 'dev-1')}[aria-pressed="true"]`);
    await page.selectOption(`${panel('sensor')} [data-testid="generic-field"]`, 'celsius');
    await page.click('[data-testid="topic-list"] summary');
    await page.getByTestId('topic-toggle').and(page.locator('[data-topic="counter"]')).check();
    await page.waitForSelector(livePanel('counter'));
    assert.equal(await isHidden(panel('counter')), false);
    assert.equal(new URL(page.url()).hash, '#field.sensor=celsius');
  });

  test('a reload of the pipeline file adds a bridged topic\'s panel to the open page, and removes it', async () => {
    const navigations = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    host.reload(pipeline({ late: true }));
    await page.waitForSelector(livePanel('late'));
    await page.waitForSelector('[data-testid="topic-toggle"][data-topic="late"]');
    await page.waitForSelector('.topic[data-topic="late"][data-status="live"]');
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .series-chip`).length === 3, panel('late'));

    host.reload(pipeline());
    await page.waitForFunction(() => !document.querySelector('[data-topic="late"]'));
    assert.deepEqual(navigations, [], 'the page was not reloaded');
    for (const topic of GENERIC) await page.waitForSelector(livePanel(topic), { state: 'attached' });
  });

  test('screenshots: the generic panel in both themes and at phone width', async () => {
    await waitForChartLine('sensor');
    await page.waitForSelector(`${panel('sensor')} tbody tr:nth-child(10)`);
    await screenshot('generic-panel-dark.png', page.locator(panel('sensor')));
    await page.screenshot({ path: path.join(env.resultsDir, 'dashboard-generic.png'), fullPage: true, animations: 'disabled' });

    await page.getByTestId('theme-toggle').click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
    await waitForChartLine('sensor'); // redrawn in the light palette
    await screenshot('generic-panel-light.png', page.locator(panel('sensor')));
    await page.getByTestId('theme-toggle').click();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction((sels) => {
      const doc = document.documentElement;
      const boxes = sels.map((s) => document.querySelector(s).getBoundingClientRect());
      return doc.scrollWidth <= doc.clientWidth
        && boxes.every((b) => Math.abs(b.left - boxes[0].left) < 1 && Math.abs(b.width - boxes[0].width) < 1 && b.right <= doc.clientWidth)
        && [...document.querySelectorAll('.chart canvas')].every((c) => c.getBoundingClientRect().right <= doc.clientWidth);
    }, GENERIC.map(panel));
    await waitForChartLine('sensor');
    await screenshot('generic-panel-phone.png', page.locator(panel('sensor')));
  });

  test('no page or console errors', () => {
    assert.deepEqual(problems, []);
  });
});
