// Every topic the host bridges, each with a switch that shows or hides the panel drawing
// it: its generic panel, or the demo panel that covers it. Choices go to ViewState.
import { h, setText, setAttr, renderKeyedList } from './dom.js';

const writerText = (w) => `${w.role === 'dead_letter' ? 'dead letters of ' : ''}${w.kind} ${w.name}${w.plugin && w.plugin !== w.name ? ` (${w.plugin})` : ''}`;

export function createTopicList(root, viewState, onToggle) {
  const summary = root.querySelector('[data-role=summary]');
  const list = root.querySelector('[data-role=list]');

  list.addEventListener('change', (ev) => {
    const input = ev.target.closest('input[type=checkbox]');
    if (!input) return;
    viewState.setHidden(input._panelId, !input.checked);
    onToggle();
  });

  const createEntry = (e) => {
    const input = h('input', { type: 'checkbox', 'data-testid': 'topic-toggle', 'data-topic': e.name });
    const title = h('span', { class: 'topic-entry-title' });
    const panel = h('span', { class: 'topic-entry-panel muted small' });
    const writers = h('span', { class: 'topic-entry-writers muted small' });
    const li = h('li', { class: 'topic-entry', dataset: { topic: e.name } },
      h('label', {}, input, h('span', { class: 'topic-entry-text' }, title, h('code', {}, e.name), writers)), panel);
    Object.assign(li, { _input: input, _title: title, _panel: panel, _writers: writers });
    return li;
  };

  return {
    // entries: [{name, title, panelId, panelTitle (a demo panel's, or null), writers}]
    render(entries) {
      let hidden = 0;
      renderKeyedList(list, entries, (e) => e.name, createEntry, (li, e) => {
        const shown = !viewState.isHidden(e.panelId);
        if (!shown) hidden++;
        li._input._panelId = e.panelId;
        li._input.checked = shown;
        setAttr(li, 'data-shown', shown);
        setText(li._title, e.title && e.title !== e.name ? e.title : '');
        setText(li._panel, e.panelTitle ? `in ${e.panelTitle}` : 'own panel');
        setText(li._writers, e.writers.map(writerText).join(', '));
      });
      setText(summary, `${entries.length} bridged${hidden ? ` · ${hidden} hidden` : ''}`);
    },
  };
}
