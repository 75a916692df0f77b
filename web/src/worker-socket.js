// A WebSocket run by socket-worker.js: open and close as usual, but messages arrive in
// batches, onbatch(texts, arrivalTimes): one task on the main thread per batch instead of
// one per message.
export class WorkerSocket {
  constructor(url, protocols) {
    this.readyState = WebSocket.CONNECTING;
    this.worker = new Worker(new URL('./socket-worker.js', import.meta.url));
    this.worker.onmessage = ({ data }) => {
      if (data.open) {
        this.readyState = WebSocket.OPEN;
        this.onopen?.();
      } else if (data.close) {
        this.readyState = WebSocket.CLOSED;
        this.worker.terminate();
        this.onclose?.({ code: data.code, reason: data.reason });
      } else {
        this.onbatch?.(data.texts, data.times);
      }
    };
    this.worker.postMessage({ open: url, protocols });
  }

  send(text) {
    this.worker.postMessage({ send: text });
  }

  close() {
    this.worker.postMessage({ close: true });
  }
}
