// Wiring: connection -> inbox -> stores -> panels, rendered on animation frames.
//
// A message only gets parsed and pushed to the inbox; it never touches the DOM. Each
// animation frame drains the inbox into the stores (bounded ring buffers and time
// buckets), then each panel redraws if its own refresh interval has passed.
//
// Pause freezes the panels only: records keep flowing into the stores and the header
// keeps counting, so resuming shows the current state at once. The stores are bounded,
// so a long pause costs no extra memory; older records simply age out of the windows.
import { Connection } from './connection.js';
import { StreamStats } from './stats.js';
import { MarketStore } from './store-market.js';
import { SocialStore } from './store-social.js';
import { LogStore } from './store-logs.js';
import { AlertStore } from './store-alerts.js';
import { createHeader } from './header.js';
import { createMarketPanel } from './panel-market.js';
import { createSocialPanel } from './panel-social.js';
import { createLogsPanel } from './panel-logs.js';
import { createAlertsPanel } from './panel-alerts.js';
import { initTheme } from './theme.js';
import { setText } from './dom.js';
import { fmtCompact } from './format.js';

const TOPICS = ['stock_trades', 'social_feed', 'server_logs', 'stock_metrics', 'log_alerts', 'trending_hashtags'];
const REPLAY = 100;
// If frames are not being drained (e.g. a background tab gets no animation frames),
// fold them into the stores at this size rather than let the inbox grow.
const MAX_INBOX = 5000;

const market = new MarketStore();
const social = new SocialStore();
const logs = new LogStore();
const alerts = new AlertStore();
const stats = new StreamStats(TOPICS);

const routes = {
  stock_trades: (f) => market.addTrade(f),
  stock_metrics: (f) => market.addMetric(f),
  social_feed: (f) => social.addPost(f),
  trending_hashtags: (f) => social.addTrending(f),
  server_logs: (f) => logs.add(f),
  log_alerts: (f) => alerts.add(f),
};

const inbox = [];
function drainInbox() {
  for (const f of inbox) routes[f.topic]?.(f);
  inbox.length = 0;
}

const $ = (sel) => document.querySelector(sel);
const header = createHeader(document.body, TOPICS);
const alertsPanel = createAlertsPanel($('#alerts'), alerts, logs);

const socialPanel = createSocialPanel($('#social'), social);
const logsPanel = createLogsPanel($('#logs'), logs);

// Refresh intervals: charts about 10 times a second, figures a few times a second,
// lists of records once a second; faster would cost CPU without being readable.
const jobs = [
  { every: 250, always: true, render: renderHeader },
  { every: 100, render: createMarketPanel($('#market'), market).render },
  { every: 250, render: socialPanel.render },
  { every: 1000, render: socialPanel.renderFeed },
  { every: 250, render: logsPanel.render },
  { every: 1000, render: logsPanel.renderErrors },
  { every: 500, render: alertsPanel.render },
].map((j) => ({ last: 0, ...j }));

let paused = false;
let receivedAtPause = 0;
const pausedBanner = $('[data-role=paused-banner]');
const pausedCount = $('[data-role=paused-count]');

function renderHeader(now) {
  header.render(now, stats.snapshot(now));
  if (paused) setText(pausedCount, `${fmtCompact(stats.received - receivedAtPause)} records since pause.`);
}

function frame() {
  const now = Date.now();
  drainInbox();
  for (const job of jobs) {
    if ((paused && !job.always) || now - job.last < job.every) continue;
    job.last = now;
    job.render(now);
  }
  requestAnimationFrame(frame);
}

function setPaused(value) {
  paused = value;
  receivedAtPause = stats.received;
  const button = $('#pause-toggle');
  button.setAttribute('aria-pressed', String(paused));
  setText(button.querySelector('[data-role=label]'), paused ? 'Resume' : 'Pause');
  document.body.dataset.paused = String(paused);
  pausedBanner.hidden = !paused;
  if (!paused) for (const job of jobs) job.last = 0; // show the current state at once
}

$('#pause-toggle').addEventListener('click', () => setPaused(!paused));
initTheme($('#theme-toggle'));

new Connection({
  topics: TOPICS,
  replay: REPLAY,
  onFrame(frame, arrived, isReplay) {
    if (typeof frame.value !== 'object' || frame.value === null) return; // not a JSON record
    if (typeof frame.timestamp !== 'number') frame.timestamp = arrived;
    stats.record(frame, arrived, isReplay);
    inbox.push(frame);
    if (inbox.length >= MAX_INBOX) drainInbox();
  },
  onState(c) {
    header.setConnection(c);
    jobs[0].last = 0; // show connection changes on the next frame
  },
  onTopics(status) {
    header.setTopics(status);
    const s = status.get('log_alerts');
    alertsPanel.setBridged(s === 'live' ? true : s === 'unavailable' ? false : null);
  },
  onDropped: (n) => stats.addDropped(n),
}).start();

requestAnimationFrame(frame);
