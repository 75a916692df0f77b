// What the browser tests share: the environment ctest sets (tests/web/CMakeLists.txt),
// playwright-core, and a page that records page and console errors.
//
//   STREAMWEAVER_BIN                 the host executable
//   STREAMWEAVER_WEB_ROOT            the built dashboard (build/web)
//   STREAMWEAVER_PLUGIN_DIR          the built plugins (build/plugins)
//   STREAMWEAVER_FIXTURE_PLUGIN_DIR  test-only plugins (build/test-plugins/good)
//   STREAMWEAVER_TEST_RESULTS        where screenshots go (build/test-results)
//   CHROMIUM_BIN                     optional, default /usr/bin/chromium
import { createRequire } from 'node:module';
import fs from 'node:fs';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test through ctest`);
  return value;
}

export const env = {
  bin: requiredEnv('STREAMWEAVER_BIN'),
  webRoot: requiredEnv('STREAMWEAVER_WEB_ROOT'),
  pluginDir: requiredEnv('STREAMWEAVER_PLUGIN_DIR'),
  fixturePluginDir: requiredEnv('STREAMWEAVER_FIXTURE_PLUGIN_DIR'),
  resultsDir: requiredEnv('STREAMWEAVER_TEST_RESULTS'),
  chromiumPath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
};
fs.mkdirSync(env.resultsDir, { recursive: true });

// playwright-core is a devDependency of the dashboard, installed by its build.
const webPackage = new URL('../../web/package.json', import.meta.url);
export const { chromium } = createRequire(webPackage)('playwright-core');

export const WAIT_MS = 30_000;

// A page in a new context of `browser`; page errors and console errors go to `problems`.
export async function newPage(browser, problems, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  return page;
}

// A panel flagged live by the dashboard (see markLive in web/src/dom.js).
export const live = (testid) => `[data-testid="${testid}"][data-live="true"]`;
