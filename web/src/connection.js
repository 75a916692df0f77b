// The WebSocket session: learn the bridged topics, subscribe, hand frames over, reconnect
// with backoff. The socket itself runs in a worker (worker-socket.js), which hands messages
// over in batches.
//
// The host opens every connection with {"op":"topics"} (the topics it bridges, with their
// display hints) and sends it again after each reload of its pipeline file. We subscribe
// to every topic it names and unsubscribe from those it no longer names, so the page
// follows the pipeline without a reload. Frames are parsed here and passed on one by one;
// nothing here touches the DOM.
//
// Data frames come in arrays, one per BATCH_MS (batch_ms): one message carries many
// records. After a reconnect, topics seen before are resumed from the last offsets seen
// (see resume-positions.js), so a network blip leaves no hole.

import { ResumePositions } from './resume-positions.js';
import { WorkerSocket } from './worker-socket.js';
import { currentToken } from './auth-token.js';

export const BATCH_MS = 50;
const OPEN = 1; // WebSocket.OPEN
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;
const SETTLE_MS = 150; // wait for the server's answer to the whole list before retrying part of it

// Exponential backoff with "equal jitter": half the delay is fixed, half random, so a
// restarted host is not hit by every dashboard at the same instant.
export function backoffDelay(attempt) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

// One JSON.parse for a whole batch; if a message in it is not JSON, each on its own, and
// the bad one is skipped (null).
function parseAll(texts) {
  try {
    const all = JSON.parse(`[${texts.join(',')}]`);
    if (all.length === texts.length) return all;
  } catch {
    /* fall through */
  }
  return texts.map((t) => {
    try {
      return JSON.parse(t);
    } catch {
      return null;
    }
  });
}

export class Connection {
  // onCatalog(topics: the host's topic entries); onFrame(frame, arrivedMs, isReplay);
  // onState({state, attempt, retryAt, reason}); onTopics(Map bridged topic -> status); onDropped(count)
  // state is connecting | connected | disconnected | unauthorised (the host refused our
  // token, or wants one: no retries until a new token arrives, see retryNow).
  // makeSocket(url, protocols): the socket (tests pass their own).
  constructor({ replay, onCatalog, onFrame, onState, onTopics, onDropped,
                makeSocket = (url, protocols) => new WorkerSocket(url, protocols) }) {
    this.makeSocket = makeSocket;
    this.replay = replay;
    this.onCatalog = onCatalog;
    this.onFrame = onFrame;
    this.onState = onState;
    this.onTopics = onTopics;
    this.onDropped = onDropped;
    this.topicStatus = new Map(); // bridged topic -> pending | live | unavailable
    this.subscribed = new Set(); // asked for on this connection
    this.subscribedAt = new Map(); // topic -> when asked: older records are replay
    // Topics whose replay was accepted once: a reconnect carries on from live data
    // instead of re-delivering records the stores already hold.
    this.replayed = new Set();
    this.positions = new ResumePositions();
    this.lostAt = null; // when the last connection went
    this.attempt = 0;
    this.ws = null;
  }

  start() {
    this.connect();
  }

  // Same host and port as the page: the host serves both. No topics in the URL: the
  // host's topic list comes first and says what there is.
  url() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/ws`;
  }

  connect() {
    this.setState('connecting');
    this.subscribed.clear();
    const token = currentToken();
    const ws = (this.ws = this.makeSocket(this.url(), token ? ['bearer', token] : undefined));
    ws.onopen = () => this.setState('connected');
    ws.onbatch = (texts, times) => this.receive(texts, times);
    ws.onclose = () => this.afterClose(token);
  }

  // A browser does not tell a WebSocket why an upgrade was refused: ask /ws over plain
  // HTTP with the same token. 401/403 means not authorised (no retry loop); anything else
  // (the 426 a good token gets, a host that is down) means try again.
  async afterClose(token) {
    this.ws = null;
    this.lostAt = Date.now();
    let refusal = null;
    try {
      const res = await fetch('/ws', { cache: 'no-store', headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (res.status === 401 || res.status === 403) refusal = (await res.text()).trim() || `HTTP ${res.status}`;
    } catch {
      /* host unreachable: reconnect with backoff */
    }
    if (refusal === null) return this.scheduleReconnect();
    for (const t of this.topicStatus.keys()) this.topicStatus.set(t, 'pending');
    this.onTopics(this.topicStatus);
    this.state = 'unauthorised';
    this.onState({ state: 'unauthorised', attempt: this.attempt, retryAt: null, reason: refusal });
  }

  // A new token: connect now if we were refused (a live connection keeps its token until
  // it closes).
  retryNow() {
    if (this.state === 'unauthorised') this.connect();
  }

  scheduleReconnect() {
    // A restarted host may bridge other topics: its topic list will say.
    for (const t of this.topicStatus.keys()) this.topicStatus.set(t, 'pending');
    this.onTopics(this.topicStatus);
    const delay = backoffDelay(this.attempt++);
    this.setState('disconnected', Date.now() + delay);
    setTimeout(() => this.connect(), delay);
  }

  setState(state, retryAt = null) {
    this.state = state;
    this.onState({ state, attempt: this.attempt, retryAt });
  }

  send(message) {
    if (this.ws?.readyState === OPEN) this.ws.send(JSON.stringify(message));
  }

  // texts: messages as received; times: when each arrived.
  receive(texts, times) {
    // A server that answers resets the backoff.
    this.attempt = 0;
    parseAll(texts).forEach((msg, i) => {
      for (const m of Array.isArray(msg) ? msg : [msg]) {
        if (m && m.op) this.control(m);
        else if (m && m.topic) {
          if (this.topicStatus.get(m.topic) === 'pending') this.markLive([m.topic]);
          this.positions.saw(m);
          // Records stamped before we subscribed are replay, not live traffic.
          this.onFrame(m, times[i], m.timestamp < (this.subscribedAt.get(m.topic) ?? 0));
        }
      }
    });
  }

  markLive(topics) {
    for (const t of topics) {
      if (!this.topicStatus.has(t)) continue;
      this.topicStatus.set(t, 'live');
      this.replayed.add(t);
    }
    this.onTopics(this.topicStatus);
  }

  control(m) {
    if (m.op === 'topics') this.catalog(Array.isArray(m.topics) ? m.topics : []);
    else if (m.op === 'subscribed') this.markLive(m.topics || []);
    else if (m.op === 'dropped') this.onDropped(Number(m.count) || 0);
    else if (m.op === 'error') this.topicError(String(m.message || ''));
  }

  // The host's topic list: subscribe to topics new on this connection, unsubscribe from
  // topics it dropped.
  catalog(entries) {
    const topics = entries.filter((e) => e && typeof e.name === 'string' && e.name);
    const names = new Set(topics.map((e) => e.name));
    const gone = [...this.topicStatus.keys()].filter((t) => !names.has(t));
    for (const t of gone) {
      this.topicStatus.delete(t);
      this.subscribedAt.delete(t);
      this.replayed.delete(t); // if it comes back, its history starts again
      this.positions.forget(t);
    }
    const dropped = gone.filter((t) => this.subscribed.delete(t));
    if (dropped.length) this.send({ op: 'unsubscribe', topics: dropped });
    for (const t of names) if (!this.topicStatus.has(t)) this.topicStatus.set(t, 'pending');
    this.onCatalog(topics);
    this.onTopics(this.topicStatus);
    this.subscribe([...names].filter((t) => !this.subscribed.has(t)));
  }

  // One request for topics seen before a reconnect (resumed where they were), one for
  // topics seen before on this connection (live on), one for new ones (with replay).
  subscribe(topics) {
    const now = Date.now();
    for (const t of topics) {
      this.subscribed.add(t);
      this.subscribedAt.set(t, now);
    }
    const resumed = this.lostAt === null ? [] : topics.filter((t) => this.positions.has(t));
    const again = topics.filter((t) => this.replayed.has(t) && !resumed.includes(t));
    const fresh = topics.filter((t) => !this.replayed.has(t) && !resumed.includes(t));
    if (resumed.length) this.send(this.positions.request(resumed, this.lostAt, BATCH_MS));
    if (again.length) this.send({ op: 'subscribe', topics: again, replay: 0, batch_ms: BATCH_MS });
    if (fresh.length) this.send({ op: 'subscribe', topics: fresh, replay: this.replay, batch_ms: BATCH_MS });
  }

  // A request naming a topic the host stopped bridging (a reload between its list and our
  // request) is refused as a whole. Once the errors settle, topics still unconfirmed are
  // asked for again; the host's next list drops the one that went.
  topicError(message) {
    // Too much missed to catch up on: carry on live (the hole cannot be helped).
    const tooFar = /^catch-up on '([^']+)'/.exec(message);
    if (tooFar && this.topicStatus.has(tooFar[1])) {
      this.positions.forget(tooFar[1]);
      this.subscribed.delete(tooFar[1]);
      this.subscribe([tooFar[1]]);
      return;
    }
    const named = [...this.topicStatus.keys()].filter((t) => message.includes(`'${t}'`));
    if (!named.length) return;
    for (const t of named) {
      this.topicStatus.set(t, 'unavailable');
      this.subscribed.delete(t);
    }
    this.onTopics(this.topicStatus);
    clearTimeout(this.settleTimer);
    const ws = this.ws;
    this.settleTimer = setTimeout(() => {
      if (ws !== this.ws) return;
      this.subscribe([...this.topicStatus].filter(([, s]) => s === 'pending').map(([t]) => t));
    }, SETTLE_MS);
  }
}
