/** What parsing one record that contains a double quote gave. */
export type QuotedRecord =
  | { kind: 'record'; fields: string[]; next: number; lines: number }
  | {
      kind: 'malformed';
      message: string;
      expected: string;
      next: number;
      lines: number;
    }
  /** The text ended inside a quoted field: more input is needed. */
  | { kind: 'incomplete' };

const INCOMPLETE: QuotedRecord = { kind: 'incomplete' };

/**
 * Parses one RFC 4180 record of `text` starting at `start` (the start of
 * a line): quoted fields may hold commas, line breaks and doubled quotes.
 * Blanks around a field are dropped, inside quotes kept. `next` is where
 * the following record starts and `lines` how many line breaks the record
 * consumed, so the caller keeps counting physical lines. A malformed
 * record resumes at the line after the fault, so one bad quote costs one
 * record, not the rest of the file.
 */
export function parseQuotedRecord(text: string, start: number): QuotedRecord {
  const fields: string[] = [];
  let lines = 0;
  let i = start;
  for (;;) {
    let j = skipBlanks(text, i);
    if (text.charCodeAt(j) !== QUOTE) {
      // An unquoted field inside a record that has quotes elsewhere.
      const end = fieldEnd(text, j);
      const raw = text.slice(i, end);
      if (raw.includes('"')) {
        return malformed(
          text,
          j,
          lines,
          'a double quote inside an unquoted field',
        );
      }
      fields.push(raw.trim());
      if (text.charCodeAt(end) === COMMA) {
        i = end + 1;
        continue;
      }
      return recordEnd(fields, text, end, lines);
    }

    // A quoted field: runs to a quote that is not doubled.
    let value = '';
    j++;
    for (;;) {
      const close = text.indexOf('"', j);
      if (close === -1) return INCOMPLETE;
      lines += countBreaks(text, j, close);
      value += text.slice(j, close);
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        j = close + 2;
        continue;
      }
      j = close + 1;
      break;
    }
    fields.push(value);
    j = skipBlanks(text, j);
    const after = text.charCodeAt(j);
    if (after === COMMA) {
      i = j + 1;
      continue;
    }
    if (j >= text.length || after === LF || after === CR) {
      if (after !== CR || text.charCodeAt(j + 1) === LF) {
        return recordEnd(fields, text, j, lines);
      }
    }
    return malformed(
      text,
      j,
      lines,
      'unexpected text after a closing double quote',
    );
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function skipBlanks(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return i;
    i++;
  }
}

/** The index of the comma or line break (or end) that ends a field. */
function fieldEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COMMA || c === LF) return i;
  }
  return text.length;
}

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to;) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

/** Ends a record at `at` (a line break, or the end of the text). */
function recordEnd(
  fields: string[],
  text: string,
  at: number,
  lines: number,
): QuotedRecord {
  const newline = text.indexOf('\n', at);
  if (newline === -1) {
    return { kind: 'record', fields, next: text.length, lines: lines + 1 };
  }
  return { kind: 'record', fields, next: newline + 1, lines: lines + 1 };
}

function malformed(
  text: string,
  at: number,
  lines: number,
  message: string,
): QuotedRecord {
  const newline = text.indexOf('\n', at);
  return {
    kind: 'malformed',
    message,
    expected:
      'RFC 4180 quoting: a field with commas, quotes or line breaks in ' +
      'double quotes, inner quotes doubled, e.g. "Doe, ""JD"" Jane"',
    next: newline === -1 ? text.length : newline + 1,
    lines: lines + 1,
  };
}
