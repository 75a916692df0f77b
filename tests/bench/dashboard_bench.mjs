// Dashboard smoothness: the dashboard in headless Chromium against the real host, fed
//  (a) reference: 20 records/s in all, and
//  (b) 1,000 records/s in all (the dashboard's target),
// split 70/10/20 between stock trades, social posts and server logs. For each it measures a
// window in the page: records/s reaching the page, animation frames/s, frame-interval p99
// and max, long tasks (main thread busy > 50 ms) and the JS heap; then prints b beside a.
//
//   node tests/bench/dashboard_bench.mjs [BUILD_DIR] [--seconds S]   (defaults build, 10)
// Needs the built host, plugins and dashboard (scripts/bench.sh builds them) and Chromium.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, launchChromium } from '../web/running_host.mjs';

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const seconds = secondsAt >= 0 ? Number(args.splice(secondsAt, 2)[1]) : 10;
const buildDir = path.resolve(args[0] || 'build');
const bin = path.join(buildDir, 'bin', 'streamweaver');
const webRoot = path.join(buildDir, 'web');
const pluginDir = path.join(buildDir, 'plugins');
const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
for (const needed of [bin, path.join(webRoot, 'index.html'), chromiumPath]) {
  if (!fs.existsSync(needed)) {
    console.error(`dashboard_bench: ${needed} not found (build first: scripts/bench.sh)`);
    process.exit(2);
  }
}
const webPackage = new URL('../../web/package.json', import.meta.url);
const { chromium } = createRequire(webPackage)('playwright-core');

const WARM_UP_MS = 3000;
const BRIDGED = ['stock_trades', 'social_feed', 'server_logs'];

function pipeline(total) {
  const source = (name, plugin, topic, key, share) => `
[sources.${name}]
plugin = "${plugin}"
topic = "${topic}"
rate = ${total * share}
key = "${key}"
`;
  return `
[kafka]
brokers = "embedded"
${BRIDGED.map((t) => `[topics.${t}]\npartitions = 1\n`).join('')}
${source('stock', 'stock', 'stock_trades', 'symbol', 0.7)}
${source('social', 'social', 'social_feed', 'user', 0.1)}
${source('logs', 'server_logs', 'server_logs', 'host', 0.2)}
[bridge]
listen = "127.0.0.1:0"
topics = ${JSON.stringify(BRIDGED)}
web_root = ${JSON.stringify(webRoot)}
`;
}

// Runs in the page: frames, long tasks and records over `ms`.
function measureInPage(ms) {
  return new Promise((resolve) => {
    const stats = document.querySelector('#stream-stats');
    const recordsBefore = Number(stats.dataset.count || 0);
    const longTasks = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ entryTypes: ['longtask'] });
    const intervals = [];
    const start = performance.now();
    let last = start;
    const frame = (now) => {
      intervals.push(now - last);
      last = now;
      if (now - start < ms) return requestAnimationFrame(frame);
      observer.disconnect();
      resolve({
        elapsedMs: now - start,
        intervals,
        longTasks,
        records: Number(stats.dataset.count || 0) - recordsBefore,
        heapBytes: performance.memory ? performance.memory.usedJSHeapSize : 0,
      });
    };
    requestAnimationFrame(frame);
  });
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runPhase(recordsPerSecond) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamweaver-dashboard-bench-'));
  const host = startHost({ bin, pluginDir, workDir, pipeline: pipeline(recordsPerSecond) });
  const browser = await launchChromium(chromium, chromiumPath);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(await host.url);
    await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
    await page.waitForSelector('[data-testid="panel-market"][data-live="true"]');
    await page.waitForTimeout(WARM_UP_MS); // a measured span, not a wait for an event
    const m = await page.evaluate(measureInPage, seconds * 1000);
    const s = m.elapsedMs / 1000;
    return {
      recordsPerSecond: m.records / s,
      framesPerSecond: m.intervals.length / s,
      p99FrameMs: percentile(m.intervals, 99),
      maxFrameMs: percentile(m.intervals, 100),
      longTasks: m.longTasks.length,
      longTaskMsPerSecond: m.longTasks.reduce((a, b) => a + b, 0) / s,
      heapMiB: m.heapBytes / 1024 / 1024,
    };
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
    await host.exited;
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const row = (name, a, b, decimals) =>
  console.log(`  ${name.padEnd(44)} ${a.toFixed(decimals).padStart(14)} ${b.toFixed(decimals).padStart(14)}`);

console.log(`dashboard benchmark: headless Chromium, ${seconds} s per phase, host on the embedded broker`);
console.log(`  (1-min load average ${os.loadavg()[0].toFixed(2)}; host, broker and browser share ${os.cpus().length} cores)`);
const reference = await runPhase(20);
const loaded = await runPhase(1000);
console.log(`\n  ${''.padEnd(44)} ${'(a) 20/s'.padStart(14)} ${'(b) 1000/s'.padStart(14)}`);
row('records/s reaching the page', reference.recordsPerSecond, loaded.recordsPerSecond, 1);
row('animation frames/s', reference.framesPerSecond, loaded.framesPerSecond, 1);
row('frame interval p99 (ms)', reference.p99FrameMs, loaded.p99FrameMs, 1);
row('frame interval max (ms)', reference.maxFrameMs, loaded.maxFrameMs, 1);
row('long tasks (> 50 ms)', reference.longTasks, loaded.longTasks, 0);
row('main thread in long tasks (ms per s)', reference.longTaskMsPerSecond, loaded.longTaskMsPerSecond, 1);
row('JS heap at the end (MiB)', reference.heapMiB, loaded.heapMiB, 1);
console.log(`\n  ${'animation frames/s ratio (b)/(a)'.padEnd(44)} ${(loaded.framesPerSecond / reference.framesPerSecond).toFixed(2).padStart(14)}`);
console.log(`  ${'frame interval p99 ratio (b)/(a)'.padEnd(44)} ${(loaded.p99FrameMs / reference.p99FrameMs).toFixed(2).padStart(14)}`);
