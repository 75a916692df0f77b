// The dashboard's WebSocket, off the page's main thread. At thousands of records per second,
// one message event per record on the main thread costs more than drawing the panels; here
// messages are collected and handed to the page in batches, about one per frame, each with
// the time it arrived. Nothing is parsed here: the page parses a batch in one JSON.parse.
// A classic worker (no imports), so it runs wherever workers do.
//
// From the page: {open: url, protocols} | {send: text} | {close: true}
// To the page:   {open: true} | {close: true, code, reason} | {texts: [...], times: [...]}
const BATCH_MS = 16;
let ws = null;
let texts = [];
let times = [];
let timer = null;

function flush() {
  timer = null;
  if (!texts.length) return;
  postMessage({ texts, times });
  texts = [];
  times = [];
}

onmessage = ({ data }) => {
  if (data.open) {
    ws = new WebSocket(data.open, data.protocols);
    ws.onopen = () => postMessage({ open: true });
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return; // the bridge sends text frames only
      texts.push(ev.data);
      times.push(Date.now());
      timer ??= setTimeout(flush, BATCH_MS);
    };
    // onerror is always followed by onclose.
    ws.onclose = (ev) => {
      clearTimeout(timer);
      flush();
      ws = null;
      postMessage({ close: true, code: ev.code, reason: ev.reason });
    };
  } else if (data.send != null) {
    if (ws?.readyState === WebSocket.OPEN) ws.send(data.send);
  } else if (data.close) {
    ws?.close();
  }
};
