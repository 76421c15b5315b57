import { inputError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Inventory } from '../model/index.ts';

/** What to do with a record that cannot be read. */
export type OnBadRecord = 'stop' | 'skip';

export interface ReaderOptions {
  logger: Logger;
  /**
   * `stop` (the default) throws an input error at the first bad record;
   * `skip` records it in `skipped` and goes on. A broken record never
   * disappears silently either way.
   */
  onBadRecord: OnBadRecord;
  /** Name of the source in messages and provenance; defaults to the path. */
  label?: string;
}

/** A record a reader could not use, with where it was and why. */
export interface SkippedRecord {
  file: string;
  line?: number;
  /** JSON Pointer (JSON sources) or `document N` (multi-document YAML). */
  path?: string;
  message: string;
  expected?: string;
}

export interface ReadResult {
  inventory: Inventory;
  skipped: SkippedRecord[];
}

/**
 * Reports a bad record: throws under `stop`, keeps it under `skip`.
 * Readers call this for every record they cannot use.
 */
export function badRecord(
  options: ReaderOptions,
  skipped: SkippedRecord[],
  record: SkippedRecord,
): void {
  if (options.onBadRecord === 'stop') {
    throw inputError(record.message, {
      file: record.file,
      ...(record.line !== undefined && { line: record.line }),
      ...(record.path !== undefined && { path: record.path }),
      ...(record.expected !== undefined && { expected: record.expected }),
    });
  }
  skipped.push(record);
}
