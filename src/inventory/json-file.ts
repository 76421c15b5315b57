import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { inputError } from '../errors.ts';
import { findJsonSyntaxProblem, locatePointers } from './json-scan.ts';

/**
 * The largest JSON file a reader accepts. V8 cannot hold a string much
 * longer than 2^29 characters, so a bigger export could never be parsed.
 */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/** A parsed JSON file that can still say on which line a value starts. */
export interface JsonFile {
  /** The name used in messages and provenance. */
  file: string;
  value: unknown;
  sha256: string;
  /** Lines of the values at these JSON Pointers (slow; bad records only). */
  lines(pointers: readonly string[]): Map<string, number>;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and parses a JSON file whole, refusing files over `maxBytes`.
 * Syntax errors become input errors with a line and column.
 */
export async function readJsonFile(
  path: string,
  file: string,
  maxBytes = MAX_JSON_BYTES,
): Promise<JsonFile> {
  const info = await stat(path).catch((error: unknown) => {
    throw inputError('the file does not exist or cannot be read', {
      file,
      expected: 'a path to a JSON file',
      cause: error,
    });
  });
  if (!info.isFile()) {
    throw inputError('expected a file, found something else', { file });
  }
  if (info.size > maxBytes) {
    throw inputError(
      `the file is ${info.size} bytes; at most ${maxBytes} (${mebibytes(maxBytes)}) can be read`,
      { file, expected: 'a smaller export, e.g. one file per account or page' },
    );
  }

  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch (error) {
    throw inputError('the file is not valid UTF-8', { file, cause: error });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    throw inputError(
      `the file is not valid JSON: ${problem?.reason ?? 'syntax error'}`,
      {
        file,
        ...(problem !== undefined && {
          line: problem.line,
          column: problem.column,
        }),
        expected: 'a JSON document as the exporting tool wrote it',
        cause: error,
      },
    );
  }
  return {
    file,
    value,
    sha256,
    lines: (pointers) => locatePointers(text, pointers),
  };
}

/** The first bytes of a file as text, for cheap format sniffing. */
export async function readHead(
  path: string,
  bytes = 64 * 1024,
): Promise<string> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    // Sniffing is best effort: an unreadable file is simply not this format.
    return '';
  }
}

/** Joins JSON Pointer tokens onto a base pointer, escaping `~` and `/`. */
export function pointer(base: string, ...tokens: (string | number)[]): string {
  let result = base;
  for (const token of tokens) {
    result += `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return result;
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}
