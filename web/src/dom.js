// Small DOM helpers: build elements, write only what changed, reuse list rows.

// h('div', {class: 'x', dataset: {id: 1}}, child, 'text', ...)
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style') el.style.cssText = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c != null && c !== false) el.append(c);
  return el;
}

// Writes text only when it differs, so unchanged figures cost no layout.
export function setText(el, text) {
  const s = String(text);
  if (el.textContent !== s) el.textContent = s;
}

export function setAttr(el, name, value) {
  const s = String(value);
  if (el.getAttribute(name) !== s) el.setAttribute(name, s);
}

// Renders items into container in the order given. Rows are keyed: a row is built
// once by create(item), refreshed by update(row, item), and left where it is while its
// item stays, so only new rows are inserted (re-inserting a row would restart its
// entry animation and cost layout).
export function renderKeyedList(container, items, keyOf, create, update) {
  const cache = container._rows ?? new Map();
  const next = new Map();
  items.forEach((item, i) => {
    const key = keyOf(item);
    const row = cache.get(key) ?? create(item);
    update(row, item);
    next.set(key, row);
    const here = container.children[i];
    if (here !== row) container.insertBefore(row, here ?? null);
  });
  while (container.children.length > items.length) container.lastElementChild.remove();
  container._rows = next;
}

// Marks a panel as showing real data, for people (a subtle badge) and for tests.
export function markLive(panel, count) {
  setAttr(panel, 'data-live', 'true');
  setAttr(panel, 'data-count', count);
}
