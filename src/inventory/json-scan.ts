/**
 * A small JSON scanner for the slow path only. `JSON.parse` is fast but on
 * Node 20 often reports no position, and it never says where a value sits;
 * this walks the text once to find either.
 */

export interface JsonPosition {
  offset: number;
  line: number;
  column: number;
}

export interface JsonSyntaxProblem extends JsonPosition {
  reason: string;
}

interface Frame {
  kind: 'array' | 'object';
  index: number;
}
type Mode = 'value' | 'first-value' | 'key' | 'first-key' | 'after';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];

interface Visitor {
  /** Called where each value starts, with its JSON Pointer tokens. */
  value?: (tokens: readonly string[], offset: number) => boolean;
}

/**
 * Walks `text`; returns the first syntax problem, or undefined when the
 * text is valid JSON (or the visitor asked to stop early).
 */
function scan(text: string, visitor: Visitor): JsonSyntaxProblem | undefined {
  const stack: Frame[] = [];
  const tokens: string[] = [];
  let mode: Mode = 'value';
  let i = 0;
  const fail = (reason: string, at = i): JsonSyntaxProblem => ({
    ...positionAt(text, at),
    reason,
  });

  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
    if (i >= text.length) {
      return mode === 'after' && stack.length === 0
        ? undefined
        : fail('unexpected end of input');
    }
    const c = text.charAt(i);

    if (mode === 'value' || mode === 'first-value') {
      if (mode === 'first-value' && c === ']') {
        stack.pop();
        tokens.pop();
        i++;
        mode = 'after';
        continue;
      }
      if (visitor.value?.(tokens, i) === false) return undefined;
      if (c === '{' || c === '[') {
        stack.push({ kind: c === '{' ? 'object' : 'array', index: 0 });
        tokens.push(c === '{' ? '' : '0');
        i++;
        mode = c === '{' ? 'first-key' : 'first-value';
        continue;
      }
      const end = scanScalar(text, i);
      if (typeof end !== 'number') return fail(end.reason, end.at);
      i = end;
      mode = 'after';
      continue;
    }

    if (mode === 'key' || mode === 'first-key') {
      if (mode === 'first-key' && c === '}') {
        stack.pop();
        tokens.pop();
        i++;
        mode = 'after';
        continue;
      }
      if (c !== '"') return fail('expected a property name in double quotes');
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end.reason, end.at);
      tokens[tokens.length - 1] = JSON.parse(text.slice(i, end)) as string;
      i = end;
      while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
      if (text.charAt(i) !== ':')
        return fail("expected ':' after a property name");
      i++;
      mode = 'value';
      continue;
    }

    // After a value: a separator, the end of a container, or the end.
    const top = stack.at(-1);
    if (top === undefined)
      return fail('unexpected content after the JSON value');
    if (c === ',') {
      i++;
      if (top.kind === 'array') {
        top.index++;
        tokens[tokens.length - 1] = String(top.index);
        mode = 'value';
      } else {
        mode = 'key';
      }
      continue;
    }
    if (c === (top.kind === 'array' ? ']' : '}')) {
      stack.pop();
      tokens.pop();
      i++;
      continue;
    }
    return fail(
      top.kind === 'array' ? "expected ',' or ']'" : "expected ',' or '}'",
    );
  }
}

type ScanEnd = number | { reason: string; at: number };

function scanScalar(text: string, at: number): ScanEnd {
  const c = text.charAt(at);
  if (c === '"') return scanString(text, at);
  if (c === '-' || (c >= '0' && c <= '9')) {
    NUMBER.lastIndex = at;
    return NUMBER.test(text)
      ? NUMBER.lastIndex
      : { reason: 'invalid number', at };
  }
  const literal = LITERALS.find((word) => text.startsWith(word, at));
  if (literal !== undefined) return at + literal.length;
  return { reason: `unexpected character ${JSON.stringify(c)}`, at };
}

function scanString(text: string, at: number): ScanEnd {
  let j = at + 1;
  for (;;) {
    if (j >= text.length) return { reason: 'unterminated string', at };
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) return { reason: 'control character in a string', at: j };
    if (code === 0x5c) {
      const next = text.charAt(j + 1);
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
        j += 6;
      } else if (next !== '' && '"\\/bfnrt'.includes(next)) {
        j += 2;
      } else {
        return { reason: 'invalid escape in a string', at: j };
      }
      continue;
    }
    j++;
  }
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (
    let k = text.indexOf('\n');
    k !== -1 && k < offset;
    k = text.indexOf('\n', k + 1)
  ) {
    line++;
    lineStart = k + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

/** Where JSON.parse would have failed, with a plain reason. */
export function findJsonSyntaxProblem(
  text: string,
): JsonSyntaxProblem | undefined {
  return scan(text, {});
}

/**
 * Lines of the values at the given JSON Pointers, in one pass. Used only
 * for bad records, so the fast path never pays for positions.
 */
export function locatePointers(
  text: string,
  pointers: readonly string[],
): Map<string, number> {
  const wanted = new Set(pointers);
  const found = new Map<string, number>();
  const depth = Math.max(0, ...pointers.map((p) => p.split('/').length - 1));
  scan(text, {
    value(tokens, offset) {
      if (tokens.length > depth) return true;
      const pointer = tokens
        .map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`)
        .join('');
      if (wanted.has(pointer) && !found.has(pointer)) {
        found.set(pointer, positionAt(text, offset).line);
      }
      return found.size < wanted.size;
    },
  });
  return found;
}
