import type { ReaderOptions, SkippedRecord } from './reader.ts';
import { badRecord } from './reader.ts';
import type { JsonFile } from './json-file.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reports the bad records of one JSON file through badRecord(). Lines are
 * looked up only for records that are bad, and under `skip` in one pass
 * when the file is done.
 */
export class RecordReporter {
  private readonly pending: SkippedRecord[] = [];

  constructor(
    private readonly options: ReaderOptions,
    private readonly skipped: SkippedRecord[],
    readonly json: JsonFile,
  ) {}

  get file(): string {
    return this.json.file;
  }

  report(path: string, message: string, expected?: string): void {
    const record: SkippedRecord = {
      file: this.json.file,
      path,
      message,
      ...(expected !== undefined && { expected }),
    };
    if (this.options.onBadRecord === 'stop') {
      const line = this.json.lines([path]).get(path);
      if (line !== undefined) record.line = line;
    } else {
      this.pending.push(record);
    }
    badRecord(this.options, this.skipped, record);
  }

  /** Adds line numbers to the records kept under `skip`. */
  finish(): void {
    if (this.pending.length === 0) return;
    const lines = this.json.lines(this.pending.map((r) => r.path ?? ''));
    for (const record of this.pending) {
      const line = lines.get(record.path ?? '');
      if (line !== undefined) record.line = line;
    }
    this.pending.length = 0;
  }
}

/**
 * An optional string: absent and null give undefined; another type is
 * reported (and left out) rather than coerced.
 */
export function optionalString(
  reporter: RecordReporter,
  value: unknown,
  path: string,
  what: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  reporter.report(
    path,
    `${what} is ${typeOf(value)}, not a string`,
    `${what} as a JSON string`,
  );
  return undefined;
}

/** An optional array: absent and null give []; another type is reported. */
export function optionalArray(
  reporter: RecordReporter,
  value: unknown,
  path: string,
  what: string,
): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  reporter.report(
    path,
    `${what} is ${typeOf(value)}, not an array`,
    `${what} as a JSON array`,
  );
  return [];
}

/** A required, non-empty string; undefined (and reported) otherwise. */
export function requiredString(
  reporter: RecordReporter,
  value: unknown,
  path: string,
  what: string,
): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  const found = value === undefined ? 'missing' : typeOf(value);
  reporter.report(
    path,
    `${what} is ${found}`,
    `${what} as a non-empty JSON string`,
  );
  return undefined;
}

export function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.trim() === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
