import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Finding } from '../model/index.ts';
import { locateInOutline, outlineYaml } from './yaml-locate.ts';
import type { YamlOutline } from './yaml-locate.ts';

/** Catalogue files are small; anything bigger is a mistake or an attack. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Aliases beyond this are treated as an alias bomb ("billion laughs"). */
export const MAX_ALIASES = 100;

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML file that can point back at the lines it came from. */
export interface YamlSource {
  file: string;
  data: unknown;
  locate(pointer: string): Position | undefined;
}

export type ParseYamlResult =
  { ok: true; source: YamlSource } | { ok: false; findings: Finding[] };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one YAML file defensively: size, encoding, syntax, duplicate keys
 * and alias bombs all become findings with a line and column.
 */
export function parseYamlFile(
  file: string,
  bytes: Uint8Array,
  options: { fast?: boolean } = {},
): ParseYamlResult {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail(
      file,
      'file.too-large',
      1,
      1,
      `file is ${bytes.byteLength} bytes; at most ${MAX_FILE_BYTES} are allowed`,
      'split it into smaller files (one role per file)',
    );
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(
      file,
      'file.encoding',
      at.line,
      at.column,
      'file is not valid UTF-8',
      're-save the file as UTF-8',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const fast = options.fast === false ? undefined : tryFastParse(file, text);
  if (fast !== undefined) return fast;

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      findings: doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        const code =
          error.code === 'DUPLICATE_KEY' ? 'yaml.duplicate-key' : 'yaml.syntax';
        return finding(
          file,
          code,
          pos.line,
          pos.col,
          yamlMessage(error.code, error.message),
          code === 'yaml.duplicate-key'
            ? 'remove or rename the repeated key'
            : 'fix the YAML syntax at this line (indent with spaces)',
        );
      }),
    };
  }

  let data: unknown;
  try {
    // yaml counts the anchor itself as the first use, so allow one more.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const bomb = /alias count/i.test(message);
    return fail(
      file,
      bomb ? 'yaml.alias-limit' : 'yaml.syntax',
      1,
      1,
      bomb ? `too many alias expansions (more than ${MAX_ALIASES})` : message,
      bomb
        ? 'write the values out instead of using YAML aliases'
        : 'fix the YAML',
    );
  }
  return {
    ok: true,
    source: {
      file,
      data,
      locate: (pointer) => locatePointer(doc, lineCounter, pointer),
    },
  };
}

/** Any anchor (`&name`) sends a file down the alias-counting path. */
const ANCHOR = /(^|[\s[{,:])&[^\s]/m;

/**
 * js-yaml is about fifteen times faster than the position-keeping parser,
 * which matters for catalogues of thousands of roles. It takes files with
 * no anchors (so no aliases to count) that it parses without error; for
 * everything else the careful path below decides, with its own messages.
 * Positions are computed only when a finding needs one.
 */
function tryFastParse(file: string, text: string): ParseYamlResult | undefined {
  if (ANCHOR.test(text)) return undefined;
  let data: unknown;
  try {
    // An empty file is null on both paths.
    data = load(text, { schema: CORE_SCHEMA, json: false }) ?? null;
  } catch {
    return undefined;
  }
  // Both locators are built on the first finding that needs a position;
  // the line outline answers most pointers, the full parse the rest.
  let outline: YamlOutline | undefined | null = null;
  let careful: Locate | undefined;
  return {
    ok: true,
    source: {
      file,
      data,
      locate(pointer) {
        if (outline === null) outline = outlineYaml(text);
        const quick =
          outline === undefined ? undefined : locateInOutline(outline, pointer);
        if (quick !== undefined) return quick;
        careful ??= carefulLocator(text);
        return careful(pointer);
      },
    },
  };
}

type Locate = (pointer: string) => Position | undefined;

/**
 * Positions from a full parse, for what the outline cannot answer; the
 * outline's tests take it as the truth.
 */
export function carefulLocator(text: string): Locate {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return (pointer) => locatePointer(doc, lineCounter, pointer);
}

function yamlMessage(code: string, message: string): string {
  if (code === 'DUPLICATE_KEY')
    return 'duplicate key: each key may appear once per mapping';
  if (code === 'MULTIPLE_DOCS')
    return 'the file holds more than one YAML document; one is expected';
  // yaml's messages are precise but may quote input; keep the first line.
  return message.split('\n')[0] ?? message;
}

/** Finds the line of a JSON Pointer, falling back to the nearest parent. */
function locatePointer(
  doc: Document,
  lineCounter: LineCounter,
  pointer: string,
): Position | undefined {
  const segments =
    pointer === '' ? [] : pointer.slice(1).split('/').map(unescapePointer);
  let node: unknown = doc.contents;
  let best: Node | undefined = isNode(node) ? node : undefined;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (pair === undefined) break;
      node = pair.value;
      const key = pair.key;
      best = isNode(node) ? node : isNode(key) ? key : best;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(segment)];
      if (!isNode(item)) break;
      node = item;
      best = item;
    } else {
      break;
    }
  }
  const offset = best?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

function firstInvalidUtf8(bytes: Uint8Array): Position {
  // Decode growing prefixes line by line to name the first bad line.
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(lineStart, i));
      } catch {
        return { line, column: 1 };
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: 1 };
}

function finding(
  file: string,
  code: string,
  line: number,
  column: number,
  message: string,
  hint: string,
): Finding {
  return { code, severity: 'error', file, line, column, message, hint };
}

function fail(
  file: string,
  code: string,
  line: number,
  column: number,
  message: string,
  hint: string,
): ParseYamlResult {
  return {
    ok: false,
    findings: [finding(file, code, line, column, message, hint)],
  };
}
