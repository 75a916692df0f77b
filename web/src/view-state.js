// What the user chose to see: hidden panels and, per generic panel, the charted field and
// the picked series. Kept in localStorage so a reload keeps it, and mirrored in the URL
// hash so a copied link shows someone else the same page:
//
//   #hide=sensor&hide-builtin=social&field.sensor=battery&series.sensor=dev-1&series.sensor=dev-2
//
// `hide` names topics (generic panels), `hide-builtin` the demo panels (market, social,
// logs, alerts): Kafka topic names cannot tell the two apart. No series.TOPIC means
// "the busiest ones"; an empty series.TOPIC= means "none".
const STORAGE_KEY = 'streamweaver.view';

export const builtinId = (id) => `builtin:${id}`;

function parse(text) {
  const state = { hidden: new Set(), fields: new Map(), series: new Map() };
  for (const [name, value] of new URLSearchParams(text)) {
    if (name === 'hide' && value) state.hidden.add(value);
    else if (name === 'hide-builtin' && value) state.hidden.add(builtinId(value));
    else if (name.startsWith('field.') && value) state.fields.set(name.slice(6), value);
    else if (name.startsWith('series.')) {
      const topic = name.slice(7);
      const list = state.series.get(topic) ?? [];
      if (value) list.push(value);
      state.series.set(topic, list);
    }
  }
  return state;
}

function serialize(state) {
  const p = new URLSearchParams();
  for (const id of [...state.hidden].sort()) {
    if (id.startsWith('builtin:')) p.append('hide-builtin', id.slice(8));
    else p.append('hide', id);
  }
  for (const [topic, field] of state.fields) p.append(`field.${topic}`, field);
  for (const [topic, list] of state.series) {
    if (!list.length) p.append(`series.${topic}`, '');
    for (const name of list) p.append(`series.${topic}`, name);
  }
  return p.toString();
}

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage disabled: the hash still works
  }
}

export class ViewState {
  constructor() {
    this.listeners = new Set();
    this.load();
    // A link pasted into an open page changes only the hash: apply it.
    addEventListener('hashchange', () => {
      this.load();
      for (const fn of this.listeners) fn();
    });
  }

  // The hash wins (a shared link), else what this browser stored.
  load() {
    const hash = location.hash.slice(1);
    this.state = parse(hash || stored());
    this.save();
  }

  save() {
    const text = serialize(this.state);
    try {
      localStorage.setItem(STORAGE_KEY, text);
    } catch {
      /* kept for this page only */
    }
    // replaceState: choices are not steps the back button should walk through.
    history.replaceState(null, '', `${location.pathname}${location.search}${text ? `#${text}` : ''}`);
  }

  onChange(fn) {
    this.listeners.add(fn);
  }

  isHidden(id) {
    return this.state.hidden.has(id);
  }

  setHidden(id, hidden) {
    if (hidden) this.state.hidden.add(id);
    else this.state.hidden.delete(id);
    this.save();
  }

  field(topic) {
    return this.state.fields.get(topic) ?? null;
  }

  setField(topic, field) {
    this.state.fields.set(topic, field);
    this.save();
  }

  // The picked series, or null for "the busiest".
  series(topic) {
    return this.state.series.get(topic) ?? null;
  }

  setSeries(topic, list) {
    if (list) this.state.series.set(topic, list);
    else this.state.series.delete(topic);
    this.save();
  }
}
