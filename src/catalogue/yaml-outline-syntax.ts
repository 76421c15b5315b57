/**
 * The pieces the line reader of yaml-locate.ts is built from: the
 * outline's types, the characters and layouts it defers on, and the
 * small scanners of one line.
 */

/** 1-based, in UTF-16 code units, as yaml's LineCounter reports it. */
export interface LineColumn {
  line: number;
  column: number;
}

export type YamlOutline =
  | { kind: 'map'; at: LineColumn; entries: OutlineEntry[] }
  | { kind: 'seq'; at: LineColumn; items: YamlOutline[] }
  // A scalar or an empty flow collection: nothing is below it.
  | { kind: 'leaf'; at: LineColumn }
  // A flow collection with content, which is not read.
  | { kind: 'flow'; at: LineColumn }
  // `key:` with nothing after it: yaml's null sits at the line's end or
  // its comment, a rule not worth mirroring for so rare a case.
  | { kind: 'empty' };

export interface OutlineEntry {
  key: string;
  value: YamlOutline;
}

/** Thrown when the layout is beyond what the reader is sure of. */
export class Unsupported extends Error {}

export function unsupported(): never {
  throw new Unsupported();
}

/** Carriage returns and other controls change how lines are read. */
// eslint-disable-next-line no-control-regex
export const AWKWARD_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f\ufeff]/;
/**
 * A tab is taken only inside a word (`tab\there`, as yaml writes it): next
 * to other whitespace, an indicator or a line end it could be indentation
 * or separation, which the reader only knows as spaces.
 */
export const LOOSE_TAB = /(?:^|[\s:?,[\]{}-])\t|\t(?:$|[\s#:])/m;
/** After a node on its line: nothing, or a comment. */
export const LINE_END = /^(?: +(?:#.*)?)?$/;
export const BLOCK_HEADER =
  /^[|>](?:([1-9])[+-]?|[+-]([1-9])?)?(?: +(?:#.*)?)?$/;
export const EMPTY_FLOW = /^(?:\[ *\]|\{ *\})(?: +(?:#.*)?)?$/;
export const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?: |$)/;
/** Cannot start a plain scalar (`-`, `?`, `:` only when followed by space). */
export const INDICATORS = new Set(',[]{}#&*!|>\'"%@`');
/**
 * Plain keys the core schema reads as something other than a string (its
 * null, bool, int and float patterns, as in yaml's schema/core), apart
 * from those whose `String()` is the text again.
 */
export const NOT_A_STRING = new RegExp(
  '^(?:~|Null|NULL|True|TRUE|False|FALSE' +
    '|[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN' +
    '|[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+' +
    '|[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)' +
    '|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$',
);
export const SAME_STRING_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;
export const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
export const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

export function position(line: number, column: number): LineColumn {
  return { line: line + 1, column: column + 1 };
}

export function indentOf(line: string): number {
  let i = 0;
  while (line[i] === ' ') i++;
  return i;
}

export function skipSpaces(line: string, from: number): number {
  let i = from;
  while (line[i] === ' ') i++;
  return i;
}

export function deeper(line: string, parent: number): boolean {
  return line.trim() === '' || indentOf(line) > parent;
}

export function isDash(line: string, column: number): boolean {
  return (
    line[column] === '-' &&
    (column + 1 === line.length || line[column + 1] === ' ')
  );
}

export function startsPlain(line: string, column: number): boolean {
  const first = line[column];
  if (first === undefined || INDICATORS.has(first)) return false;
  if (first !== '-' && first !== '?' && first !== ':') return true;
  const second = line[column + 1];
  return second !== undefined && second !== ' ';
}

/** Whether a plain scalar starting at `column` ends in a comment. */
export function hasComment(line: string, column: number): boolean {
  return line.indexOf(' #', column) !== -1;
}

/** An implicit key at `column`: its string and where its `:` ends. */
export function readKey(
  line: string,
  column: number,
): { text: string; end: number } | undefined {
  const first = line[column];
  if (first === "'" || first === '"') {
    const close =
      first === "'"
        ? singleQuoteEnd(line, column + 1)
        : doubleQuoteEnd(line, column + 1);
    if (close === undefined) return undefined;
    const colon = close + 1;
    if (!isColon(line, colon)) {
      // `'a' : b` is a key too; rare enough to leave to the parser.
      if (/^ +:(?: |$)/.test(line.slice(colon))) unsupported();
      return undefined;
    }
    const raw = line.slice(column + 1, close);
    const text =
      first === "'" ? raw.replaceAll("''", "'") : unescapeDouble(raw);
    return { text, end: colon + 1 };
  }
  if (!startsPlain(line, column)) return undefined;
  for (let i = column; i < line.length; i++) {
    if (line[i] === '#' && line[i - 1] === ' ') return undefined;
    if (isColon(line, i)) {
      const text = line.slice(column, i).trimEnd();
      const odd = NOT_A_STRING.test(text) && !SAME_STRING_NUMBER.test(text);
      if (odd || text === '<<' || text.length > 1024) unsupported();
      return { text, end: i + 1 };
    }
  }
  return undefined;
}

export function isColon(line: string, i: number): boolean {
  return line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ');
}

/** Index of the closing `'` from `from`, skipping `''`. */
export function singleQuoteEnd(line: string, from: number): number | undefined {
  let i = from;
  for (;;) {
    const quote = line.indexOf("'", i);
    if (quote === -1) return undefined;
    if (line[quote + 1] !== "'") return quote;
    i = quote + 2;
  }
}

/** Index of the closing `"` from `from`, skipping escapes. */
export function doubleQuoteEnd(line: string, from: number): number | undefined {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
  }
  return undefined;
}

export function unescapeDouble(raw: string): string {
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw.charAt(i);
    if (char !== '\\') {
      text += char;
      continue;
    }
    const code = raw.charAt(i + 1);
    const length = HEX_ESCAPE_LENGTH[code];
    if (length !== undefined) {
      const hex = raw.slice(i + 2, i + 2 + length);
      const point = Number.parseInt(hex, 16);
      const valid = /^[0-9a-fA-F]+$/.test(hex) && hex.length === length;
      if (!valid || point > 0x10ffff) unsupported();
      text += String.fromCodePoint(point);
      i += 1 + length;
    } else {
      text += ESCAPES[code] ?? unsupported();
      i += 1;
    }
  }
  return text;
}

/**
 * Where the items of a one-line flow sequence of scalars (`[a, 'b c']`,
 * as people write owners and labels) start; undefined for anything else,
 * such as nested collections, pairs or plain scalars that hold quotes.
 */
export function flowScalarStarts(rest: string): number[] | undefined {
  if (!rest.startsWith('[')) return undefined;
  const starts: number[] = [];
  let i = skipSpaces(rest, 1);
  while (rest[i] !== ']') {
    starts.push(i);
    const char = rest.charAt(i);
    let end: number | undefined;
    if (char === "'") end = singleQuoteEnd(rest, i + 1);
    else if (char === '"') end = doubleQuoteEnd(rest, i + 1);
    else if (!INDICATORS.has(char) && !'-?:'.includes(char)) {
      const stop = /[,\]]/.exec(rest.slice(i));
      const plain = rest.slice(i, stop === null ? i : i + stop.index);
      // `sap:F110` is one scalar; `a: b` or `a:` would make a pair.
      const odd = /[[\]{}#'"]|:(?: |$)/.test(plain);
      if (stop === null || odd) return undefined;
      end = i + plain.trimEnd().length - 1;
    }
    if (end === undefined) return undefined;
    i = skipSpaces(rest, end + 1);
    if (rest[i] === ',') i = skipSpaces(rest, i + 1);
    else if (rest[i] !== ']') return undefined;
  }
  return LINE_END.test(rest.slice(i + 1)) ? starts : undefined;
}

/**
 * Whether a flow collection closes on its own line. Quotes are skipped
 * where a scalar may start; one anywhere else, or a comment inside,
 * means the reader is not sure, and says no.
 */
export function isOneLineFlow(rest: string): boolean {
  let depth = 0;
  let scalarMayStart = true;
  for (let i = 0; i < rest.length; i++) {
    const char = rest.charAt(i);
    if (char === "'" || char === '"') {
      if (!scalarMayStart) return false;
      const close =
        char === "'"
          ? singleQuoteEnd(rest, i + 1)
          : doubleQuoteEnd(rest, i + 1);
      if (close === undefined) return false;
      i = close;
      scalarMayStart = false;
      continue;
    }
    if (char === '#' && rest[i - 1] === ' ') return false;
    if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') depth--;
    if (depth === 0) return LINE_END.test(rest.slice(i + 1));
    if (char === ':') scalarMayStart = rest[i + 1] === ' ';
    else if (char !== ' ') scalarMayStart = '[{,'.includes(char);
  }
  return false;
}
