// Social posts: latest feed, rolling sentiment and trending hashtags.
import { Ring } from './ring.js';
import { TimeBuckets } from './buckets.js';

const FEED_SIZE = 40;
const SENTIMENT_POSTS = 200;
export const TRENDING_WINDOW_MS = 60_000;

export class SocialStore {
  constructor() {
    this.posts = new Ring(FEED_SIZE);
    this.sentiments = new Ring(SENTIMENT_POSTS);
    this.sentimentSum = 0;
    // Hashtag counts per second; trending is computed from these when the server
    // does not bridge trending_hashtags.
    this.tagBuckets = new TimeBuckets({
      slotMs: 1000, slots: TRENDING_WINDOW_MS / 1000, make: () => new Map(), clear: (m) => m.clear(),
    });
    this.serverTrending = null; // latest trending_hashtags value
    this.count = 0;
    this.version = 0;
  }

  addPost(frame) {
    const v = frame.value;
    if (!v) return;
    this.posts.push({ ...v, t: frame.timestamp, key: `${frame.partition}:${frame.offset}` });
    const s = Number(v.sentiment);
    if (Number.isFinite(s)) {
      if (this.sentiments.length === this.sentiments.capacity) this.sentimentSum -= this.sentiments.at(0);
      this.sentiments.push(s);
      this.sentimentSum += s;
    }
    const tags = this.tagBuckets.at(frame.timestamp);
    if (tags && Array.isArray(v.hashtags)) {
      for (const raw of v.hashtags) {
        const tag = String(raw).replace(/^#/, '');
        tags.set(tag, (tags.get(tag) || 0) + 1);
      }
    }
    this.count++;
    this.version++;
  }

  addTrending(frame) {
    if (!Array.isArray(frame.value?.top)) return;
    this.serverTrending = { ...frame.value, receivedAt: frame.timestamp };
    this.version++;
  }

  get sentiment() {
    return this.sentiments.length ? this.sentimentSum / this.sentiments.length : null;
  }

  // Top hashtags as [{value, count}] plus where they came from.
  trending(now, limit) {
    const server = this.serverTrending;
    if (server && now - server.receivedAt < 3 * TRENDING_WINDOW_MS) {
      const top = server.top.slice(0, limit).map((e) => ({ value: String(e.value).replace(/^#/, ''), count: e.count }));
      return { source: 'server', windowMs: server.window_ms ?? TRENDING_WINDOW_MS, top };
    }
    const totals = new Map();
    this.tagBuckets.forEachSince(now, TRENDING_WINDOW_MS, (m) => {
      if (m) for (const [tag, n] of m) totals.set(tag, (totals.get(tag) || 0) + n);
    });
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([value, count]) => ({ value, count }));
    return { source: 'client', windowMs: TRENDING_WINDOW_MS, top };
  }
}
