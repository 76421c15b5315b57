interface Slot<R> {
  promise: Promise<R>;
  resolve(value: R): void;
  reject(error: unknown): void;
}

function slot<R>(): Slot<R> {
  let resolve: (value: R) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<R>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Marked handled: a failure after the one reported is never awaited.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Fetches for every item with at most `limit` fetches in flight, and hands
 * each result to `use` in item order, whatever order they finish in: what
 * `use` records, and in what order, is what a one-at-a-time read records.
 *
 * Fetches start in item order and none starts after one has failed or
 * `use` has thrown, so the error that comes out is the one the first
 * failing item gives, as it would be read one at a time. Fetches already
 * in flight are waited for before it does, so nothing still runs once
 * this returns.
 */
export async function forEachInOrder<T, R>(
  items: readonly T[],
  limit: number,
  fetch: (item: T) => Promise<R>,
  use: (result: R, item: T, index: number) => void,
): Promise<void> {
  const slots = items.map(() => slot<R>());
  let next = 0;
  let stopped = false;
  const worker = async () => {
    for (let i = next++; !stopped && i < items.length; i = next++) {
      const item = items[i] as T;
      const result = slots[i] as Slot<R>;
      try {
        result.resolve(await fetch(item));
      } catch (error) {
        stopped = true;
        result.reject(error);
      }
    }
  };
  const width = Math.min(items.length, Math.max(1, Math.floor(limit) || 1));
  const workers = Array.from({ length: width }, worker);
  try {
    for (const [i, item] of items.entries()) {
      use(await (slots[i] as Slot<R>).promise, item, i);
    }
  } finally {
    stopped = true;
    await Promise.all(workers);
  }
}
