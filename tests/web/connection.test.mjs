// The dashboard's connection logic without a browser: a reconnect resumes every topic from
// the last offsets the page saw (with since_ms for partitions it saw nothing of), asks for
// batched frames, and reads arrays; a catch-up the host refuses falls back to live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Connection, BATCH_MS } from '../../web/src/connection.js';

globalThis.location = { protocol: 'http:', host: '127.0.0.1:1' };

// Plays the worker socket: records what the page sends, and lets the test deliver.
class FakeSocket {
  constructor() {
    this.readyState = 1;
    this.sent = [];
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  deliver(...messages) {
    this.onbatch(messages.map((m) => JSON.stringify(m)), messages.map(() => Date.now()));
  }
}

function connection() {
  const sockets = [];
  const frames = [];
  const c = new Connection({
    replay: 100,
    onCatalog() {},
    onFrame: (f) => frames.push(f),
    onState() {},
    onTopics() {},
    onDropped() {},
    makeSocket: (url, protocols) => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
  });
  c.start();
  return { c, sockets, frames };
}

const topics = { op: 'topics', topics: [{ name: 'a', partitions: 2 }, { name: 'b', partitions: 1 }] };
const rec = (topic, partition, offset) => ({ topic, partition, offset, key: null, timestamp: Date.now(), value: {} });

test('first connection: replay and batched frames; arrays are read record by record', () => {
  const { sockets, frames } = connection();
  sockets[0].deliver(topics);
  assert.deepEqual(sockets[0].sent, [{ op: 'subscribe', topics: ['a', 'b'], replay: 100, batch_ms: BATCH_MS }]);
  sockets[0].deliver({ op: 'subscribed', topics: ['a', 'b'] }, [rec('a', 0, 5), rec('a', 1, 9)]);
  assert.deepEqual(frames.map((f) => f.offset), [5, 9]);
});

test('a reconnect resumes each topic from the last offsets seen, and since the loss for unseen partitions', async () => {
  const { c, sockets } = connection();
  sockets[0].deliver(topics, { op: 'subscribed', topics: ['a', 'b'] }, [rec('a', 0, 5), rec('a', 1, 9), rec('a', 0, 6)]);
  const before = Date.now();
  await sockets[0].onclose();
  c.connect(); // what the backoff timer does
  sockets[1].deliver(topics);
  const [resume] = sockets[1].sent;
  assert.deepEqual(resume.topics, ['a']);
  assert.deepEqual(resume.resume, { a: { 0: 6, 1: 9 } });
  assert.equal(resume.batch_ms, BATCH_MS);
  assert.ok(resume.since_ms <= before && resume.since_ms > before - 10_000, 'since shortly before the loss');
  // b had no record yet: subscribed as before, live on.
  assert.deepEqual(sockets[1].sent[1], { op: 'subscribe', topics: ['b'], replay: 0, batch_ms: BATCH_MS });
});

test('a catch-up over the host cap falls back to live for that topic', async () => {
  const { c, sockets } = connection();
  sockets[0].deliver(topics, [rec('a', 0, 1)]);
  await sockets[0].onclose();
  c.connect();
  sockets[1].deliver(topics, { op: 'error', message: "catch-up on 'a' needs 200000 records, more than [bridge] max_catchup_records (100000); ask for a later position" });
  assert.deepEqual(sockets[1].sent.at(-1), { op: 'subscribe', topics: ['a'], replay: 0, batch_ms: BATCH_MS });
});
