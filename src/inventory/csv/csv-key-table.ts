/**
 * A string set looked up by a span of a larger text, without cutting the
 * span out first. Reading a 5-million-row file spends most of its time
 * finding each row's identity and entitlement, and on a large table that
 * time is memory latency. Here a hash and its key sit side by side in one
 * array, so a lookup touches two places in memory (slot, then key) where
 * a Map touches three; it allocates nothing either.
 */
export class KeyTable {
  private mask = 15;
  /** Pairs of (hash, key); a zero hash marks a free slot. */
  private slots: (number | string)[] = emptySlots(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `key` unless it is present already. */
  add(key: string): void {
    if (this.find(key, 0, key.length) !== undefined) return;
    // Up to 70% full: a smaller table stays in cache more than the extra
    // probes (mostly in the same cache line) cost.
    if ((this.count + 1) * 10 > (this.mask + 1) * 7) this.grow();
    this.place(hashSpan(key, 0, key.length), key);
    this.count++;
  }

  /** The kept key equal to `text.slice(start, end)`, if any. */
  find(text: string, start: number, end: number): string | undefined {
    const hash = hashSpan(text, start, end);
    const length = end - start;
    const slots = this.slots;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = slots[2 * slot];
      if (stored === 0) return undefined;
      if (stored !== hash) continue;
      const key = slots[2 * slot + 1] as string;
      if (key.length === length && text.startsWith(key, start)) return key;
    }
  }

  private place(hash: number, key: string): void {
    let slot = hash & this.mask;
    while (this.slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = key;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = emptySlots(this.mask + 1);
    for (let i = 0; i < old.length; i += 2) {
      const hash = old[i];
      if (typeof hash === 'number' && hash !== 0) {
        this.place(hash, old[i + 1] as string);
      }
    }
  }
}

function emptySlots(count: number): (number | string)[] {
  const slots: (number | string)[] = [];
  for (let i = 0; i < count; i++) slots.push(0, '');
  return slots;
}

/** FNV-1a over UTF-16 code units, mixed, never zero. */
function hashSpan(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash ^= hash >>> 15;
  return hash | 1;
}
