import { basename } from 'node:path';
import { inputError } from '../../errors.ts';
import type { ReaderOptions, SkippedRecord } from '../reader.ts';
import { badRecord } from '../reader.ts';
import { readCsvRecords } from './csv-records.ts';
import type { CsvRow } from './csv-row.ts';

/** What every table of one CSV inventory shares while it is read. */
export interface CsvContext {
  options: ReaderOptions;
  skipped: SkippedRecord[];
  /** Provenance source name, shared by every record. */
  source: string;
}

/** The header of a table: column names in snake_case, by position. */
export interface CsvColumns {
  names: readonly string[];
  /** Position of a column, or -1 when the table does not have it. */
  index(name: string): number;
}

export type CsvRowHandler = (row: CsvRow) => void;

/**
 * Reads one table: the first record is the header, which must name every
 * required column (whatever `onBadRecord` says, since no row of such a
 * table can be read); every other record goes to the row handler made
 * from the header once its field count matches. Returns the SHA-256.
 */
export async function readCsvTable(
  file: string,
  required: readonly string[],
  context: CsvContext,
  makeRow: (columns: CsvColumns) => CsvRowHandler,
): Promise<string> {
  let row: CsvRowHandler | undefined;
  let width = 0;
  let rows = 0;
  const step = `reading ${basename(file)}`;
  const bad = (line: number, message: string, expected: string): void => {
    badRecord(context.options, context.skipped, {
      file,
      line,
      message,
      expected,
    });
  };
  const summary = await readCsvRecords(file, {
    record(record) {
      if (row === undefined) {
        const fields = Array.from({ length: record.count }, (_, i) =>
          record.field(i),
        );
        const columns = parseHeader(file, fields, record.line, required);
        width = columns.names.length;
        row = makeRow(columns);
        return;
      }
      if (record.count !== width) {
        bad(
          record.line,
          `expected ${width} fields as in the header, found ${record.count}`,
          `${width} comma-separated fields; quote a value that holds a comma`,
        );
        return;
      }
      row(record);
      if (++rows % 250_000 === 0) context.options.logger.progress(step, rows);
    },
    malformed(line, message, expected) {
      // Without a header no row can be read: fatal even under `skip`.
      if (row === undefined)
        throw inputError(message, { file, line, expected });
      bad(line, message, expected);
    },
  });
  if (row === undefined) {
    throw inputError('the file has no header line', {
      file,
      line: 1,
      expected: `a header line naming ${required.join(', ')}`,
    });
  }
  return summary.sha256;
}

function parseHeader(
  file: string,
  fields: readonly string[],
  line: number,
  required: readonly string[],
): CsvColumns {
  const names = fields.map((field, i) => snakeCase(field) || `column_${i + 1}`);
  const positions = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    if (positions.has(name)) {
      throw inputError(`the header names column "${name}" twice`, {
        file,
        line,
        expected: 'each column once in the header line',
      });
    }
    positions.set(name, i);
  }
  const missing = required.filter((name) => !positions.has(name));
  if (missing.length > 0) {
    throw inputError(
      `the header lacks required column${missing.length > 1 ? 's' : ''} ` +
        missing.map((m) => `"${m}"`).join(', '),
      {
        file,
        line,
        expected: `a header line naming ${required.join(', ')}, e.g. "${required.join(',')}"`,
      },
    );
  }
  return { names, index: (name) => positions.get(name) ?? -1 };
}

/**
 * Header names compare as snake_case, so `Cost Center`, `costCenter` and
 * `COST_CENTER` are all the `cost_center` column.
 */
export function snakeCase(header: string): string {
  return header
    .trim()
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
