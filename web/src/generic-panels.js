// The generic panels: one per bridged topic that no demo panel covers, made when the
// host's topic list names the topic and removed when a reload drops it. A topic whose
// display hints change with a reload gets a fresh panel, since the hints decide what it
// collects.
import { GenericStore } from './store-generic.js';
import { createGenericPanel } from './panel-generic.js';

// Figures and chart twice a second (the chart's slots are one second), lists once a second.
const RENDER_MS = 500;
const LISTS_MS = 1000;

export function createGenericPanels(grid, { stats, viewState }) {
  const panels = new Map(); // topic -> {store, panel, hints, drawnAt, listedAt}

  const visible = () => [...panels.values()].filter((p) => !p.panel.el.hidden);

  // At most one panel's chart and one panel's lists per animation frame, so that several
  // generic panels never pile their work into the same frame.
  function renderOneDue(now, every, stamp, draw) {
    for (const p of visible()) {
      if (now - p[stamp] < every) continue;
      p[stamp] = now;
      draw(p.panel, now);
      return;
    }
  }

  return {
    // topics: the host's entries for the topics these panels show, in its order.
    sync(topics) {
      const wanted = new Map(topics.map((t) => [t.name, t]));
      for (const [name, p] of panels) {
        const entry = wanted.get(name);
        if (!entry || JSON.stringify(entry.view ?? {}) !== p.hints) {
          p.panel.destroy();
          panels.delete(name);
        }
      }
      for (const entry of topics) {
        if (panels.has(entry.name)) continue;
        const store = new GenericStore(entry.name, entry.view ?? {});
        const panel = createGenericPanel(store, { stats, viewState });
        panels.set(entry.name, { store, panel, hints: JSON.stringify(entry.view ?? {}), drawnAt: 0, listedAt: 0 });
      }
      // After the demo panels, in the host's order.
      grid.append(...topics.map((t) => panels.get(t.name).panel.el));
      this.applyState();
    },

    add(frame) {
      panels.get(frame.topic)?.store.add(frame);
    },

    // Hidden panels are not drawn at all; their stores keep collecting.
    applyState() {
      for (const [name, p] of panels) p.panel.el.hidden = viewState.isHidden(name);
    },

    // A link pasted into the page changed picks: show them at once.
    refresh() {
      for (const p of visible()) p.panel.refresh();
    },

    // Called on every frame (see main.js).
    render(now) {
      renderOneDue(now, RENDER_MS, 'drawnAt', (panel) => panel.render(now));
      renderOneDue(now, LISTS_MS, 'listedAt', (panel) => panel.renderLists(now));
    },

    // Draw every panel on the coming frames (resume, shown again).
    showNow() {
      for (const p of panels.values()) p.drawnAt = p.listedAt = 0;
    },
  };
}
