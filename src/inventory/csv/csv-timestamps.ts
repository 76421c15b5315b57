import { KeyTable } from './csv-key-table.ts';
import { copySpan, isIsoDateTime } from './csv-values.ts';

/**
 * Validates the timestamps of one column and keeps one copy of each.
 * Dates repeat a lot across millions of assignments, so a known value
 * costs one lookup in place and no string. When values barely repeat
 * (times to the second), the pool stops: lookups that miss would cost
 * more than the memory they save.
 */
export class TimestampPool {
  private pool: KeyTable | undefined = new KeyTable();
  private lookups = 0;
  private hits = 0;

  constructor(private readonly limit = 100_000) {}

  /** The kept copy of a valid timestamp span, or undefined if invalid. */
  accept(text: string, start = 0, end = text.length): string | undefined {
    const pool = this.pool;
    if (pool !== undefined) {
      const known = pool.find(text, start, end);
      if (pool.size === this.limit) this.judge(known !== undefined);
      if (known !== undefined) return known;
    }
    if (!isIsoDateTime(text, start, end)) return undefined;
    const copy = copySpan(text, start, end);
    if (pool !== undefined && pool.size < this.limit) pool.add(copy);
    return copy;
  }

  /** Once full, the pool must serve half of as many lookups as it holds. */
  private judge(hit: boolean): void {
    this.lookups++;
    if (hit) this.hits++;
    if (this.lookups === this.limit && this.hits < this.limit / 2) {
      this.pool = undefined;
    }
  }
}
