// Wiring: connection -> inbox -> stores -> panels, rendered on animation frames.
//
// The host says which topics it bridges (the topics frame, on connect and after each
// reload). The demo topics go to their own panels; every other topic gets a generic panel.
//
// A message only gets parsed and pushed to the inbox; it never touches the DOM. Each
// animation frame drains the inbox into the stores (bounded ring buffers and time
// buckets), then each panel redraws if its own refresh interval has passed.
//
// Pause freezes the panels only: records keep flowing into the stores and the header
// keeps counting, so resuming shows the current state at once. The stores are bounded,
// so a long pause costs no extra memory; older records simply age out of the windows.
import { Connection } from './connection.js';
import { initToken } from './auth-token.js';
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
import { createGenericPanels } from './generic-panels.js';
import { createTopicList } from './topic-list.js';
import { ViewState, builtinId } from './view-state.js';
import { initTheme } from './theme.js';
import { setText } from './dom.js';
import { fmtCompact } from './format.js';

const REPLAY = 100;
// If frames are not being drained (e.g. a background tab gets no animation frames),
// fold them into the stores at this size rather than let the inbox grow.
const MAX_INBOX = 5000;

const $ = (sel) => document.querySelector(sel);

// The demo's panels and the topics each one draws; the alerts strip also counts the hosts
// in server_logs. A panel none of whose topics is bridged is not shown.
const BUILTIN = [
  { id: 'market', title: 'Markets', topics: ['stock_trades', 'stock_metrics'] },
  { id: 'social', title: 'Social', topics: ['social_feed', 'trending_hashtags'] },
  { id: 'logs', title: 'Server logs', topics: ['server_logs'] },
  { id: 'alerts', title: 'Alerts', topics: ['log_alerts'], alsoUses: ['server_logs'] },
].map((p) => ({ ...p, el: $(`#${p.id}`) }));
const DEMO_TOPICS = BUILTIN.flatMap((p) => p.topics);
const builtinFor = (topic) => BUILTIN.find((p) => p.topics.includes(topic));

const market = new MarketStore();
const social = new SocialStore();
const logs = new LogStore();
const alerts = new AlertStore();
const stats = new StreamStats();
// Before the view state reads the fragment: a #token=… is taken out of it first.
let connection = null;
initToken(() => connection?.retryNow());
const viewState = new ViewState();
const generic = createGenericPanels($('main.grid'), { stats, viewState });

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
  for (const f of inbox) {
    const route = routes[f.topic];
    if (route) route(f);
    else generic.add(f);
  }
  inbox.length = 0;
}

const header = createHeader(document.body);
const alertsPanel = createAlertsPanel($('#alerts'), alerts, logs);
const socialPanel = createSocialPanel($('#social'), social);
const logsPanel = createLogsPanel($('#logs'), logs);

// Refresh intervals: charts about 10 times a second, figures a few times a second,
// lists of records once a second; faster would cost CPU without being readable.
// Jobs of a hidden panel are skipped.
const jobs = [
  { every: 250, always: true, render: renderHeader },
  { every: 100, render: createMarketPanel($('#market'), market).render, el: $('#market') },
  { every: 250, render: socialPanel.render, el: $('#social') },
  { every: 1000, render: socialPanel.renderFeed, el: $('#social') },
  { every: 250, render: logsPanel.render, el: $('#logs') },
  { every: 1000, render: logsPanel.renderErrors, el: $('#logs') },
  { every: 500, render: alertsPanel.render, el: $('#alerts') },
  { every: 0, render: generic.render }, // each generic panel keeps its own interval
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
    if ((paused && !job.always) || job.el?.hidden || now - job.last < job.every) continue;
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
  if (!paused) showNow();
}

// Draw every panel on the next frame (resume, a panel shown again).
function showNow() {
  for (const job of jobs) job.last = 0;
  generic.showNow();
}

// --- What is on the page: the host's topics and the user's choices.
let catalog = null; // the host's topic entries, once it has sent them
let bridgedStatus = new Map(); // bridged topic -> pending | live | unavailable

function applyVisibility() {
  const bridged = new Set(catalog?.map((t) => t.name) ?? DEMO_TOPICS);
  for (const p of BUILTIN) {
    p.el.hidden = viewState.isHidden(builtinId(p.id)) || ![...p.topics, ...(p.alsoUses ?? [])].some((t) => bridged.has(t));
  }
  generic.applyState();
  if (catalog) {
    topicList.render(catalog.map((t) => {
      const builtin = builtinFor(t.name);
      return { name: t.name, title: t.view?.title, writers: t.writers ?? [], panelId: builtin ? builtinId(builtin.id) : t.name, panelTitle: builtin?.title ?? null };
    }));
  }
  showNow();
}

// Header chips: every bridged topic, and the demo topics the host does not bridge.
function showTopicStatus() {
  const all = new Map(bridgedStatus);
  for (const t of DEMO_TOPICS) if (!all.has(t)) all.set(t, catalog ? 'unavailable' : 'pending');
  header.setTopics(all);
  const s = all.get('log_alerts');
  alertsPanel.setBridged(s === 'live' ? true : s === 'unavailable' ? false : null);
}

const topicList = createTopicList($('#topic-list'), viewState, applyVisibility);
viewState.onChange(() => {
  applyVisibility();
  generic.refresh();
});

$('#pause-toggle').addEventListener('click', () => setPaused(!paused));
initTheme($('#theme-toggle'));
showTopicStatus();
applyVisibility();

connection = new Connection({
  replay: REPLAY,
  onCatalog(topics) {
    const names = new Set(topics.map((t) => t.name));
    for (const t of catalog ?? []) if (!names.has(t.name)) stats.forget(t.name);
    catalog = topics;
    generic.sync(topics.filter((t) => !routes[t.name]));
    applyVisibility();
  },
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
    bridgedStatus = status;
    showTopicStatus();
  },
  onDropped: (n) => stats.addDropped(n),
});
connection.start();

requestAnimationFrame(frame);
