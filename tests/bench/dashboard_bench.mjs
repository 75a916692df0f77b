// Dashboard smoothness: the dashboard in headless Chromium against the real host, fed
//  (ref) the demo topics at 20 records/s in all,
//  (a)   the demo topics at 1,000 records/s in all (the dashboard's target),
//  (a+)  (a) with the three sensor sources of (b) running but their topics not bridged: what
//        the host spends producing them, without the bridge or the page, and
//  (b)   (a) plus three generic panels at 1,000 records/s each (three topics written by the
//        `sensor` fixture plugin, 20 devices each),
// the demo records split 70/10/20 between stock trades, social posts and server logs. Each
// phase measures a window in the page: records/s reaching the page, animation frames/s,
// frame-interval p99 and max, long tasks (main thread busy > 50 ms), the JS heap after a
// garbage collection, and the CPU the browser and the host used, since they share the
// machine. Phases run in alternating rounds (ref, a, a+, b, ref, …) so that load from
// elsewhere falls on all of them; each figure is the median over the rounds, printed with
// the ratios a/ref, b/a and b/a+. Target for b/a: animation frames/s >= 0.95, no long task
// over 50 ms.
//
//   node tests/bench/dashboard_bench.mjs [BUILD_DIR] [--seconds S] [--rounds N]
//   (defaults build, 10, 3)
// Needs the built host, plugins and dashboard (scripts/bench.sh builds them) and Chromium;
// builds the fixture_sensor plugin when it is missing.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, launchChromium } from '../web/running_host.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};
const seconds = option('--seconds', 10);
const rounds = option('--rounds', 3);
const buildDir = path.resolve(args[0] || 'build');
const bin = path.join(buildDir, 'bin', 'streamweaver');
const webRoot = path.join(buildDir, 'web');
const pluginDirs = [path.join(buildDir, 'plugins'), path.join(buildDir, 'test-plugins', 'good')];
const chromiumPath = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
for (const needed of [bin, path.join(webRoot, 'index.html'), chromiumPath]) {
  if (!fs.existsSync(needed)) {
    console.error(`dashboard_bench: ${needed} not found (build first: scripts/bench.sh)`);
    process.exit(2);
  }
}
// The sensor plugin is a test fixture, not part of the targets scripts/bench.sh builds.
if (!fs.existsSync(path.join(pluginDirs[1], 'libfixture_sensor.so'))) {
  execFileSync('cmake', ['--build', buildDir, '--target', 'fixture_sensor'], { stdio: 'inherit' });
}
const webPackage = new URL('../../web/package.json', import.meta.url);
const { chromium } = createRequire(webPackage)('playwright-core');

const WARM_UP_MS = 3000;
const DEMO = [
  // name, plugin, topic, key, share of the demo rate
  ['stock', 'stock', 'stock_trades', 'symbol', 0.7],
  ['social', 'social', 'social_feed', 'user', 0.1],
  ['logs', 'server_logs', 'server_logs', 'host', 0.2],
];
const GENERIC = ['sensor_1', 'sensor_2', 'sensor_3'];
const GENERIC_RATE = 1000;

const PHASES = [
  { name: '(ref)', demoRate: 20, generic: [], bridged: false },
  { name: '(a)', demoRate: 1000, generic: [], bridged: false },
  { name: '(a+)', demoRate: 1000, generic: GENERIC, bridged: false },
  { name: '(b)', demoRate: 1000, generic: GENERIC, bridged: true },
];

function pipeline({ demoRate, generic, bridged }) {
  const topics = [...DEMO.map((d) => d[2]), ...generic];
  const bridgedTopics = [...DEMO.map((d) => d[2]), ...(bridged ? generic : [])];
  const demo = DEMO.map(([name, plugin, topic, key, share]) => `
[sources.${name}]
plugin = "${plugin}"
topic = "${topic}"
rate = ${demoRate * share}
key = "${key}"
`);
  const sensors = generic.map((topic) => `
[sources.${topic}]
plugin = "sensor"
topic = "${topic}"
rate = ${GENERIC_RATE}
[sources.${topic}.options]
devices = 20
`);
  return `
[kafka]
brokers = "embedded"
${topics.map((t) => `[topics.${t}]\npartitions = 1\n`).join('')}
${demo.join('')}${sensors.join('')}
[bridge]
listen = "127.0.0.1:0"
topics = ${JSON.stringify(bridgedTopics)}
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
      resolve({ elapsedMs: now - start, intervals, longTasks, records: Number(stats.dataset.count || 0) - recordsBefore });
    };
    requestAnimationFrame(frame);
  });
}

// CPU seconds used so far by the host (its process tree) and by the browser (every other
// process this script started), from Linux /proc; zeros elsewhere. They share the machine:
// this tells what each costs.
function cpuSeconds(hostPid) {
  let procs;
  try {
    procs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
      try {
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
      } catch {
        return null; // exited meanwhile
      }
    }).filter(Boolean);
  } catch {
    return { host: 0, browser: 0 };
  }
  const treeOf = (root) => {
    const tree = new Set([root]);
    for (let grew = true; grew;) {
      grew = false;
      for (const p of procs) if (!tree.has(p.pid) && tree.has(p.ppid)) grew = Boolean(tree.add(p.pid));
    }
    return tree;
  };
  const host = treeOf(hostPid);
  const ours = treeOf(process.pid);
  const sum = (keep) => procs.filter((p) => keep(p.pid)).reduce((n, p) => n + p.ticks, 0) / 100; // USER_HZ
  return { host: sum((pid) => host.has(pid)), browser: sum((pid) => ours.has(pid) && !host.has(pid) && pid !== process.pid) };
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const median = (values) => percentile(values, 50);

async function runPhase(phase) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'streamweaver-dashboard-bench-'));
  const host = startHost({ bin, pluginDir: pluginDirs, workDir, pipeline: pipeline(phase) });
  const browser = await launchChromium(chromium, chromiumPath);
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(await host.url);
    await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
    await page.waitForSelector('[data-testid="panel-market"][data-live="true"]');
    if (phase.bridged) for (const topic of phase.generic) await page.waitForSelector(`[data-testid="generic-panel"][data-topic="${topic}"][data-live="true"]`);
    await page.waitForTimeout(WARM_UP_MS); // a measured span, not a wait for an event
    const load = os.loadavg()[0];
    const cpuBefore = cpuSeconds(host.child.pid);
    const m = await page.evaluate(measureInPage, seconds * 1000);
    const cpuAfter = cpuSeconds(host.child.pid);
    // What the page holds, not garbage not yet collected.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const s = m.elapsedMs / 1000;
    return {
      recordsPerSecond: m.records / s,
      framesPerSecond: m.intervals.length / s,
      p99FrameMs: percentile(m.intervals, 99),
      maxFrameMs: percentile(m.intervals, 100),
      longTasks: m.longTasks.length,
      longestTaskMs: Math.max(0, ...m.longTasks),
      heapMiB: usedSize / 1024 / 1024,
      browserCores: (cpuAfter.browser - cpuBefore.browser) / s,
      hostCores: (cpuAfter.host - cpuBefore.host) / s,
      load,
    };
  } finally {
    await browser.close();
    host.child.kill('SIGTERM');
    await host.exited;
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

console.log(`dashboard benchmark: headless Chromium, ${seconds} s per phase, ${rounds} alternating rounds, host on the embedded broker`);
console.log(`  (host, broker and browser share ${os.cpus().length} cores; 1-min load average at start ${os.loadavg()[0].toFixed(2)})`);
const results = PHASES.map(() => []);
for (let r = 0; r < rounds; r++) {
  const line = [];
  for (const [i, phase] of PHASES.entries()) {
    const res = await runPhase(phase);
    results[i].push(res);
    line.push(`${phase.name} ${res.framesPerSecond.toFixed(1)} fps, load ${res.load.toFixed(2)}`);
  }
  console.log(`  round ${r + 1}: ${line.join(' · ')}`);
}

const [ref, a, aPlus, b] = results.map((phaseRounds) => Object.fromEntries(
  Object.keys(phaseRounds[0]).map((k) => [k, median(phaseRounds.map((x) => x[k]))])));
const col = (v, d) => (Number.isFinite(v) ? v.toFixed(d) : '–').padStart(10);
const row = (name, key, decimals, ratio = true) => console.log(`  ${name.padEnd(36)}${[ref, a, aPlus, b].map((x) => col(x[key], decimals)).join('')}`
  + (ratio ? [a[key] / ref[key], b[key] / a[key], b[key] / aPlus[key]].map((r) => col(r, 2)).join('') : ''));

console.log(`\n  medians of ${rounds} rounds${''.padEnd(20)}${[...PHASES.map((p) => p.name), 'a/ref', 'b/a', 'b/a+'].map((n) => n.padStart(10)).join('')}`);
row('records/s reaching the page', 'recordsPerSecond', 1);
row('animation frames/s', 'framesPerSecond', 1);
row('frame interval p99 (ms)', 'p99FrameMs', 1);
row('frame interval max (ms)', 'maxFrameMs', 1);
row('long tasks (> 50 ms)', 'longTasks', 0, false);
row('longest task (ms, 0: none over 50)', 'longestTaskMs', 0, false);
row('JS heap after GC (MiB)', 'heapMiB', 1);
row('browser CPU (cores)', 'browserCores', 2);
row('host CPU (cores)', 'hostCores', 2);
row('1-min load average', 'load', 2);
const bRounds = results[3];
const worstLongTask = Math.max(...bRounds.map((x) => x.longestTaskMs));
console.log(`\n  (b) vs (a): frames/s ratio ${(b.framesPerSecond / a.framesPerSecond).toFixed(2)} (target >= 0.95), `
  + `long tasks in (b) over all rounds: ${bRounds.reduce((n, x) => n + x.longTasks, 0)}${worstLongTask ? `, longest ${worstLongTask.toFixed(0)} ms` : ''} (target: none)`);
