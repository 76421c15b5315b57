import type { OutlineEntry, YamlOutline } from './yaml-outline-syntax.ts';
import {
  BLOCK_HEADER,
  deeper,
  DOCUMENT_MARKER,
  doubleQuoteEnd,
  EMPTY_FLOW,
  flowScalarStarts,
  hasComment,
  indentOf,
  isDash,
  isOneLineFlow,
  LINE_END,
  position,
  readKey,
  singleQuoteEnd,
  skipSpaces,
  startsPlain,
  unsupported,
} from './yaml-outline-syntax.ts';

/**
 * A recursive descent over lines. Each node is read from the line and
 * column where it starts; `next` is left at the first line it did not
 * consume. Indentation is the column of a mapping's keys or a sequence's
 * dashes, as in the YAML spec, so compact forms (`- key: v`, `- - a`)
 * need nothing special.
 */
export class LineReader {
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
