/**
 * Positions of JSON Pointers read straight off the lines of block-style
 * YAML, the layout role-writer produces and people write. A full
 * `parseDocument` per file costs seconds over a mined catalogue, and most
 * findings only need a line.
 *
 * It must give exactly what yaml-source's `locatePointer` gives: the start
 * of the value node (a mapping starts at its first key, a block scalar at
 * its `|` or `>`, a quoted scalar at its quote), falling back to the
 * nearest parent. Whatever it cannot read with certainty makes it answer
 * "don't know" (undefined), so that the careful parser answers instead:
 * for the whole file when the layout itself is in doubt (tabs, anchors,
 * tags, directives, complex keys, flow collections over several lines),
 * for one pointer when only a part is (empty values, inside flow
 * collections).
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

/** The outline of a file, or undefined when the file is not for us. */
export function outlineYaml(text: string): YamlOutline | undefined {
  if (AWKWARD_CHARACTERS.test(text) || LOOSE_TAB.test(text)) return undefined;
  try {
    return new LineReader(text.split('\n')).root();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * Mirrors `locatePointer` step by step (the same segment splitting, the
 * first equal key, `Number(segment)` as the index); undefined means
 * "don't know", never "not there".
 */
export function locateInOutline(
  outline: YamlOutline,
  pointer: string,
): LineColumn | undefined {
  if (outline.kind !== 'map' && outline.kind !== 'seq') return undefined;
  const segments =
    pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
  let node: YamlOutline = outline;
  let best: LineColumn = outline.at;
  for (const segment of segments) {
    let next: YamlOutline | undefined;
    if (node.kind === 'map') {
      next = node.entries.find((entry) => entry.key === segment)?.value;
    } else if (node.kind === 'seq') {
      next = node.items[Number(segment)];
    } else if (node.kind === 'leaf') {
      break;
    } else {
      return undefined;
    }
    if (next === undefined) break;
    if (next.kind === 'empty') return undefined;
    node = next;
    best = next.at;
  }
  return best;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Thrown when the layout is beyond what the reader is sure of. */
class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported();
}

/** Carriage returns and other controls change how lines are read. */
// eslint-disable-next-line no-control-regex
const AWKWARD_CHARACTERS = /[\x00-\x08\x0b-\x1f\x7f\ufeff]/;
/**
 * A tab is taken only inside a word (`tab\there`, as yaml writes it): next
 * to other whitespace, an indicator or a line end it could be indentation
 * or separation, which the reader only knows as spaces.
 */
const LOOSE_TAB = /(?:^|[\s:?,[\]{}-])\t|\t(?:$|[\s#:])/m;
/** After a node on its line: nothing, or a comment. */
const LINE_END = /^(?: +(?:#.*)?)?$/;
const BLOCK_HEADER = /^[|>](?:([1-9])[+-]?|[+-]([1-9])?)?(?: +(?:#.*)?)?$/;
const EMPTY_FLOW = /^(?:\[ *\]|\{ *\})(?: +(?:#.*)?)?$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?: |$)/;
/** Cannot start a plain scalar (`-`, `?`, `:` only when followed by space). */
const INDICATORS = new Set(',[]{}#&*!|>\'"%@`');
/**
 * Plain keys the core schema reads as something other than a string (its
 * null, bool, int and float patterns, as in yaml's schema/core), apart
 * from those whose `String()` is the text again.
 */
const NOT_A_STRING = new RegExp(
  '^(?:~|Null|NULL|True|TRUE|False|FALSE' +
    '|[-+]?\\.(?:inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN' +
    '|[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)[eE][-+]?[0-9]+' +
    '|[-+]?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)' +
    '|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$',
);
const SAME_STRING_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;
const ESCAPES: Record<string, string> = {
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
const HEX_ESCAPE_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * A recursive descent over lines. Each node is read from the line and
 * column where it starts; `next` is left at the first line it did not
 * consume. Indentation is the column of a mapping's keys or a sequence's
 * dashes, as in the YAML spec, so compact forms (`- key: v`, `- - a`)
 * need nothing special.
 */
class LineReader {
  private next = 0;

  constructor(private readonly lines: string[]) {}

  root(): YamlOutline {
    let i = this.skipBlank(0);
    if (/^---(?: +(?:#.*)?)?$/.test(this.line(i))) i = this.skipBlank(i + 1);
    i = this.content(i);
    if (i === this.lines.length) unsupported();
    const line = this.line(i);
    const column = indentOf(line);
    if (line[0] === '%') unsupported();
    const isCollection =
      isDash(line, column) || readKey(line, column) !== undefined;
    if (!isCollection) unsupported();
    const root = this.node(i, column, -1);
    if (this.content(this.next) !== this.lines.length) unsupported();
    return root;
  }

  /** The node starting at `column` of line `i`, inside indentation `parent`. */
  private node(i: number, column: number, parent: number): YamlOutline {
    const line = this.line(i);
    if (isDash(line, column)) return this.sequence(i, column);
    if (readKey(line, column) !== undefined) return this.mapping(i, column);
    return this.scalar(i, column, parent);
  }

  private mapping(first: number, indent: number): YamlOutline {
    const entries: OutlineEntry[] = [];
    let i = first;
    let column = indent;
    for (;;) {
      const line = this.line(i);
      const key = readKey(line, column) ?? unsupported();
      const start = skipSpaces(line, key.end);
      let value: YamlOutline;
      if (start === line.length || line[start] === '#') {
        value = this.valueBelow(i, indent, true);
      } else {
        // `key: - a` and `key: b: c` are not YAML.
        if (isDash(line, start) || readKey(line, start) !== undefined) {
          unsupported();
        }
        value = this.scalar(i, start, indent);
      }
      entries.push({ key: key.text, value });
      const j = this.content(this.next);
      if (j === this.lines.length) break;
      const next = this.line(j);
      const at = indentOf(next);
      if (at < indent) break;
      // Deeper lines would be a scalar's continuation we did not consume;
      // a dash here would be a sequence no key owns (readKey refuses it).
      if (at > indent) unsupported();
      i = j;
      column = indent;
    }
    return { kind: 'map', at: position(first, indent), entries };
  }

  private sequence(first: number, indent: number): YamlOutline {
    const items: YamlOutline[] = [];
    let i = first;
    for (;;) {
      const line = this.line(i);
      const start = skipSpaces(line, indent + 1);
      items.push(
        start === line.length || line[start] === '#'
          ? this.valueBelow(i, indent, false)
          : this.node(i, start, indent),
      );
      const j = this.content(this.next);
      if (j === this.lines.length) break;
      const next = this.line(j);
      const at = indentOf(next);
      // A key at the dashes' column belongs to the mapping this sequence
      // is a value of (`key:\n- a\nother: b`); that mapping checks it.
      if (at < indent || (at === indent && !isDash(next, at))) break;
      if (at > indent) unsupported();
      i = j;
    }
    return { kind: 'seq', at: position(first, indent), items };
  }

  /** The value after `key:` or `-` with nothing more on line `i`. */
  private valueBelow(i: number, indent: number, inMap: boolean): YamlOutline {
    const j = this.content(i + 1);
    this.next = i + 1;
    if (j === this.lines.length) return { kind: 'empty' };
    const line = this.line(j);
    const at = indentOf(line);
    if (at > indent) return this.node(j, at, indent);
    // A mapping's sequence value may sit at the mapping's own indentation.
    if (inMap && at === indent && isDash(line, at)) {
      return this.sequence(j, at);
    }
    return { kind: 'empty' };
  }

  private scalar(i: number, column: number, parent: number): YamlOutline {
    const line = this.line(i);
    const rest = line.slice(column);
    const at = position(i, column);
    const first = line[column] ?? '';
    if (first === '|' || first === '>') {
      const header = BLOCK_HEADER.exec(rest) ?? unsupported();
      // Content is as deep as an explicit indicator says (relative to the
      // parent), else as deep as its first line; yaml writes `>2-` when
      // the text starts with spaces.
      const explicit = header[1] ?? header[2];
      let k = i + 1;
      while (k < this.lines.length && this.line(k).trim() === '') k++;
      const content =
        explicit === undefined
          ? Math.max(parent + 1, indentOf(this.line(k)))
          : parent + Number(explicit);
      k = i + 1;
      while (k < this.lines.length) {
        const text = this.line(k);
        if (text.trim() !== '' && indentOf(text) < content) break;
        k++;
      }
      this.next = k;
      return { kind: 'leaf', at };
    }
    if (first === '[' || first === '{') {
      this.next = i + 1;
      if (EMPTY_FLOW.test(rest)) return { kind: 'leaf', at };
      const starts = flowScalarStarts(rest);
      if (starts !== undefined) {
        const items = starts.map((start): YamlOutline => ({
          kind: 'leaf',
          at: position(i, column + start),
        }));
        return { kind: 'seq', at, items };
      }
      if (!isOneLineFlow(rest)) unsupported();
      return { kind: 'flow', at };
    }
    if (first === "'" || first === '"') {
      this.next = this.quotedEnd(i, column, parent) + 1;
      return { kind: 'leaf', at };
    }
    if (!startsPlain(line, column) || first === '?' || first === ':') {
      unsupported();
    }
    this.next = this.plainEnd(i, column, parent) + 1;
    return { kind: 'leaf', at };
  }

  /** The last line of a quoted scalar, which may span lines. */
  private quotedEnd(i: number, column: number, parent: number): number {
    const quote = this.line(i)[column];
    let k = i;
    let from = column + 1;
    for (;;) {
      const line = this.line(k);
      if (k > i && (DOCUMENT_MARKER.test(line) || !deeper(line, parent))) {
        unsupported();
      }
      const close =
        quote === "'" ? singleQuoteEnd(line, from) : doubleQuoteEnd(line, from);
      if (close !== undefined) {
        if (!LINE_END.test(line.slice(close + 1))) unsupported();
        return k;
      }
      k++;
      from = 0;
      if (k === this.lines.length) unsupported();
    }
  }

  /**
   * The last line of a plain scalar. Continuation lines are the deeper
   * ones up to a comment; one that could be read another way is refused.
   */
  private plainEnd(i: number, column: number, parent: number): number {
    if (hasComment(this.line(i), column)) return i;
    let last = i;
    for (let k = i + 1; k < this.lines.length; k++) {
      const line = this.line(k);
      const start = indentOf(line);
      if (start === line.length) continue;
      if (start <= parent || line[start] === '#') break;
      const plain =
        startsPlain(line, start) && !'-?:'.includes(line.charAt(start));
      if (!plain || readKey(line, start) !== undefined) unsupported();
      if (/:$| #/.test(line)) unsupported();
      last = k;
    }
    return last;
  }

  /** The first line at or after `i` that is neither blank nor a comment. */
  private content(i: number): number {
    const k = this.skipBlank(i);
    if (DOCUMENT_MARKER.test(this.line(k))) unsupported();
    return k;
  }

  private skipBlank(i: number): number {
    let k = i;
    for (; k < this.lines.length; k++) {
      const line = this.line(k);
      const start = indentOf(line);
      if (start !== line.length && line[start] !== '#') break;
    }
    return k;
  }

  private line(i: number): string {
    return this.lines[i] ?? '';
  }
}

function position(line: number, column: number): LineColumn {
  return { line: line + 1, column: column + 1 };
}

function indentOf(line: string): number {
  let i = 0;
  while (line[i] === ' ') i++;
  return i;
}

function skipSpaces(line: string, from: number): number {
  let i = from;
  while (line[i] === ' ') i++;
  return i;
}

function deeper(line: string, parent: number): boolean {
  return line.trim() === '' || indentOf(line) > parent;
}

function isDash(line: string, column: number): boolean {
  return (
    line[column] === '-' &&
    (column + 1 === line.length || line[column + 1] === ' ')
  );
}

function startsPlain(line: string, column: number): boolean {
  const first = line[column];
  if (first === undefined || INDICATORS.has(first)) return false;
  if (first !== '-' && first !== '?' && first !== ':') return true;
  const second = line[column + 1];
  return second !== undefined && second !== ' ';
}

/** Whether a plain scalar starting at `column` ends in a comment. */
function hasComment(line: string, column: number): boolean {
  return line.indexOf(' #', column) !== -1;
}

/** An implicit key at `column`: its string and where its `:` ends. */
function readKey(
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

function isColon(line: string, i: number): boolean {
  return line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ');
}

/** Index of the closing `'` from `from`, skipping `''`. */
function singleQuoteEnd(line: string, from: number): number | undefined {
  let i = from;
  for (;;) {
    const quote = line.indexOf("'", i);
    if (quote === -1) return undefined;
    if (line[quote + 1] !== "'") return quote;
    i = quote + 2;
  }
}

/** Index of the closing `"` from `from`, skipping escapes. */
function doubleQuoteEnd(line: string, from: number): number | undefined {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') return i;
  }
  return undefined;
}

function unescapeDouble(raw: string): string {
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
function flowScalarStarts(rest: string): number[] | undefined {
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
function isOneLineFlow(rest: string): boolean {
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
