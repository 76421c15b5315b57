import type { Assignment, Inventory } from './inventory.ts';

/**
 * The newest `grantedAt` or `lastUsedAt` among the assignments, in ms
 * since the epoch; NaN when none has a readable timestamp. Thresholds
 * count back from this instant rather than the clock, so the same data
 * gives the same answer on any day.
 */
export function newestTimestamp(assignments: readonly Assignment[]): number {
  let newest = NaN;
  for (const a of assignments) {
    const used = parseTimestamp(a.lastUsedAt);
    // `!(newest >= t)` also holds while newest is still NaN.
    if (!(newest >= used) && !Number.isNaN(used)) newest = used;
    const granted = parseTimestamp(a.grantedAt);
    if (!(newest >= granted) && !Number.isNaN(granted)) newest = granted;
  }
  return newest;
}

/** The UTC day (YYYY-MM-DD) of an instant in ms, `unknown` for NaN. */
export function isoDay(ms: number): string {
  return Number.isNaN(ms) ? 'unknown' : new Date(ms).toISOString().slice(0, 10);
}

/**
 * The date of the data: the UTC day of its newest timestamp, or
 * `unknown` when no assignment carries one. Mining records it and
 * `explain` recomputes it, so both must come from here.
 */
export function dataDateOf(inventory: Pick<Inventory, 'assignments'>): string {
  return isoDay(newestTimestamp(inventory.assignments));
}

/**
 * An ISO 8601 timestamp in ms; NaN when absent, empty or unreadable. A
 * date-time without a zone is read as UTC: `Date.parse` would read it in
 * the machine's zone, and the same data would get another date elsewhere.
 */
export function parseTimestamp(text: string | undefined): number {
  if (text === undefined || text === '') return NaN;
  const zoneless = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text);
  return Date.parse(zoneless ? `${text}Z` : text);
}
