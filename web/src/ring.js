// Fixed-capacity FIFO. Pushing past capacity overwrites the oldest item, so every
// history in the dashboard costs a constant amount of memory however fast data arrives.
export class Ring {
  constructor(capacity) {
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.start = 0;
    this.length = 0;
  }

  push(item) {
    const end = (this.start + this.length) % this.capacity;
    this.items[end] = item;
    if (this.length < this.capacity) this.length++;
    else this.start = (this.start + 1) % this.capacity;
  }

  // i = 0 is the oldest item.
  at(i) {
    return this.items[(this.start + i) % this.capacity];
  }

  last() {
    return this.length ? this.at(this.length - 1) : undefined;
  }

  // Up to n items, newest first.
  newest(n) {
    const out = [];
    for (let i = this.length - 1; i >= 0 && out.length < n; i--) out.push(this.at(i));
    return out;
  }

  forEach(fn) {
    for (let i = 0; i < this.length; i++) fn(this.at(i), i);
  }

  clear() {
    this.items.fill(undefined);
    this.start = 0;
    this.length = 0;
  }
}
