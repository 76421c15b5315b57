import { isUtf8 } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { RolesmithError } from '../../errors.ts';
import { parseQuotedRecord } from './csv-quoted.ts';
import { CsvRow } from './csv-row.ts';

/** Receives the records of one CSV file, in order. */
export interface CsvRecordHandler {
  /**
   * One record: its fields (unquoted, trimmed) and the line it starts
   * on. The row is reused for the next record: copy what you keep.
   */
  record(row: CsvRow): void;
  /** A record that is not well-formed CSV; reading goes on after it. */
  malformed(line: number, message: string, expected: string): void;
}

export interface CsvReadOptions {
  /** Bytes per read; tests make it tiny to cross every boundary. */
  chunkSize?: number;
}

export interface CsvReadSummary {
  /** SHA-256 of the bytes read, hex. */
  sha256: string;
  /** Physical lines read. */
  lines: number;
}

// A quoted field longer than this is taken for a missing closing quote,
// rather than letting one stray quote swallow the rest of a large file.
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Streams a CSV file (RFC 4180, UTF-8, optional BOM, LF or CRLF) into
 * records. Lines without a double quote take a fast path (a split on
 * commas); only records with quotes go through the quoting state machine.
 * Blank lines are not records and are passed over.
 */
export async function readCsvRecords(
  path: string,
  handler: CsvRecordHandler,
  options: CsvReadOptions = {},
): Promise<CsvReadSummary> {
  const hash = createHash('sha256');
  const parser = new BlockParser(handler);
  const stream = createReadStream(path, {
    highWaterMark: options.chunkSize ?? 1 << 20,
  });
  try {
    await readBlocks(stream, hash, parser);
  } catch (error) {
    if (error instanceof Error && 'code' in error && 'syscall' in error) {
      throw new RolesmithError(
        `the file cannot be read (${String(error.code)})`,
        {
          code: 'io',
          file: path,
          cause: error,
        },
      );
    }
    throw error;
  }
  return { sha256: hash.digest('hex'), lines: parser.lines };
}

async function readBlocks(
  stream: AsyncIterable<unknown>,
  hash: Hash,
  parser: BlockParser,
): Promise<void> {
  let carry: Buffer[] = [];
  for await (const data of stream) {
    const chunk = data as Buffer;
    hash.update(chunk);
    // Blocks end at a line feed, which never falls inside a UTF-8
    // sequence, so each block decodes on its own.
    const cut = chunk.lastIndexOf(LF);
    if (cut === -1) {
      carry.push(chunk);
      continue;
    }
    carry.push(chunk.subarray(0, cut + 1));
    parser.parse(joinBytes(carry), false);
    carry = cut + 1 < chunk.length ? [chunk.subarray(cut + 1)] : [];
  }
  parser.parse(joinBytes(carry), true);
}

const LF = 10;
const UTF8_EXPECTED = 'UTF-8 text (save the file as UTF-8)';

function joinBytes(parts: Buffer[]): Buffer {
  return parts.length === 1 && parts[0] !== undefined
    ? parts[0]
    : Buffer.concat(parts);
}

/** Turns blocks of whole lines into records, carrying a split record. */
class BlockParser {
  /** Physical lines consumed so far. */
  lines = 0;
  private pending = '';
  private readonly row = new CsvRow();
  private first = true;
  /** Lines with bytes that are not UTF-8; their records are malformed. */
  private readonly invalid = new Set<number>();

  constructor(private readonly handler: CsvRecordHandler) {}

  parse(bytes: Buffer, atEnd: boolean): void {
    let text = this.decode(bytes);
    if (this.first) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pending !== '') {
      text = this.pending + text;
      this.pending = '';
    }

    let line = this.lines + 1;
    let pos = 0;
    let quote = text.indexOf('"');
    while (pos < text.length) {
      let newline = text.indexOf('\n', pos);
      if (newline === -1) newline = text.length;
      if (quote === -1 || quote > newline) {
        let end = newline;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        if (end > pos) {
          this.emit(this.row.setLine(text, pos, end, line), line);
        }
        pos = newline + 1;
        line++;
        continue;
      }

      const result = parseQuotedRecord(text, pos);
      if (result.kind === 'incomplete') {
        if (!atEnd && text.length - pos < MAX_RECORD_CHARS) {
          // Wait for the next block; the record is parsed again whole.
          this.pending = text.slice(pos);
          this.lines = line - 1;
          return;
        }
        this.handler.malformed(
          line,
          'a quoted field has no closing double quote',
          'a double quote closing every quoted field',
        );
        pos = newline + 1;
        line++;
      } else if (result.kind === 'malformed') {
        this.handler.malformed(line, result.message, result.expected);
        pos = result.next;
        line += result.lines;
      } else {
        this.emit(
          this.row.setFields(result.fields, line),
          line + result.lines - 1,
        );
        pos = result.next;
        line += result.lines;
      }
      quote = pos < text.length ? text.indexOf('"', pos) : -1;
    }
    this.lines = line - 1;
  }

  private emit(row: CsvRow, last: number): void {
    if (this.invalid.size > 0) {
      for (let l = row.line; l <= last; l++) {
        if (!this.invalid.delete(l)) continue;
        this.handler.malformed(l, 'the line is not valid UTF-8', UTF8_EXPECTED);
        return;
      }
    }
    this.handler.record(row);
  }

  private decode(bytes: Buffer): string {
    if (isUtf8(bytes)) return bytes.toString('utf8');
    // Rare: find the offending lines so their records can be reported.
    const firstLine = this.lines + 1 + lineCount(this.pending);
    let start = 0;
    for (let l = firstLine; start < bytes.length; l++) {
      let end = bytes.indexOf(LF, start);
      if (end === -1) end = bytes.length;
      if (!isUtf8(bytes.subarray(start, end))) this.invalid.add(l);
      start = end + 1;
    }
    return bytes.toString('utf8');
  }
}

function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    count++;
  }
  return count;
}
