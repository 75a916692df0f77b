// Social panel: rolling sentiment gauge, trending hashtags and the latest posts.
import { h, setText, setAttr, renderKeyedList, markLive } from './dom.js';
import { fmtAge, fmtCompact } from './format.js';

const FEED_ROWS = 20;
const TRENDING_ROWS = 8;

function mood(s) {
  if (s > 0.15) return 'positive';
  if (s < -0.15) return 'negative';
  return 'neutral';
}

// Post text with #tags and @mentions highlighted; built from text nodes, never HTML.
function richText(text) {
  const out = h('p', { class: 'post-text' });
  for (const part of String(text ?? '').split(/([#@][\p{L}\p{N}_]+)/u)) {
    if (!part) continue;
    if (part[0] === '#' || part[0] === '@') out.append(h('span', { class: part[0] === '#' ? 'hashtag' : 'mention' }, part));
    else out.append(part);
  }
  return out;
}

// A stable colour per user, for the avatar.
function hue(name) {
  let x = 0;
  for (const ch of String(name)) x = (x * 31 + ch.codePointAt(0)) % 360;
  return x;
}

function createPostRow(p) {
  const user = String(p.user ?? 'anonymous');
  const age = h('time', { class: 'post-age muted' });
  const row = h('li', { class: 'post', dataset: { mood: mood(Number(p.sentiment) || 0) } },
    h('span', { class: 'avatar', style: `--hue: ${hue(user)}`, 'aria-hidden': 'true' }, user.replace(/^@/, '').slice(0, 2).toUpperCase()),
    h('div', { class: 'post-body' },
      h('div', { class: 'post-meta' },
        h('span', { class: 'post-user' }, user.startsWith('@') ? user : `@${user}`),
        p.lang ? h('span', { class: 'post-lang' }, p.lang) : null,
        age),
      richText(p.text),
      h('div', { class: 'post-stats muted' },
        h('span', { title: 'likes' }, `♥ ${fmtCompact(Number(p.likes) || 0)}`),
        h('span', { title: 'reposts' }, `⟲ ${fmtCompact(Number(p.reposts) || 0)}`),
        h('span', { class: 'post-sentiment', title: 'sentiment' }, (Number(p.sentiment) || 0).toFixed(2)))));
  row._age = age;
  row._t = p.t;
  return row;
}

function createTagRow(tag) {
  const bar = h('span', { class: 'tag-bar' });
  const count = h('span', { class: 'tag-count' });
  const row = h('li', { class: 'tag' }, h('span', { class: 'tag-name' }, `#${tag.value}`), count, bar);
  row._bar = bar;
  row._count = count;
  return row;
}

export function createSocialPanel(panel, store) {
  const role = (name) => panel.querySelector(`[data-role=${name}]`);
  const [feed, tags, needle, value, moodEl, source] = ['feed', 'tags', 'needle', 'sentiment', 'mood', 'trending-source'].map(role);
  const gauge = panel.querySelector('.sentiment');
  let drawnVersion = -1;

  return {
    // The posts list has its own, slower refresh (see main.js): at tens of posts per
    // second a faster list is a blur nobody can read.
    renderFeed(now) {
      renderKeyedList(feed, store.posts.newest(FEED_ROWS), (p) => p.key, createPostRow, (row) => {
        setText(row._age, fmtAge(now - row._t));
      });
    },

    render(now) {
      if (store.count === 0) return;
      if (store.version !== drawnVersion) {
        drawnVersion = store.version;
        const s = store.sentiment;
        if (s != null) {
          needle.style.left = `${((Math.max(-1, Math.min(1, s)) + 1) / 2) * 100}%`;
          setText(value, `${s >= 0 ? '+' : ''}${s.toFixed(2)}`);
          setText(moodEl, mood(s));
          setAttr(gauge, 'data-mood', mood(s));
        }
      }
      // The client-side trending window moves with time: refresh it always.
      const trend = store.trending(now, TRENDING_ROWS);
      setText(source, trend.source === 'server' ? `trending_hashtags · ${Math.round(trend.windowMs / 1000)} s` : 'computed here · last 60 s');
      const max = trend.top[0]?.count || 1;
      renderKeyedList(tags, trend.top, (t) => t.value, createTagRow, (row, t) => {
        setText(row._count, fmtCompact(t.count));
        row._bar.style.width = `${(t.count / max) * 100}%`;
      });
      markLive(panel, store.count);
    },
  };
}
