import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';
import type { Document } from 'yaml';
import type { SkippedRecord } from '../reader.ts';

/** Manifest files beyond this are refused before they are read. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Alias expansions beyond this are treated as an alias bomb. */
export const MAX_MANIFEST_ALIASES = 100;

/** A step of a path into a document: a key or an index. */
export type PathStep = string | number;

/** One YAML document of a manifest file, able to name its lines. */
export interface ManifestDocument {
  file: string;
  /** 1-based position of the document in its file. */
  index: number;
  /** How many documents the file holds, for messages. */
  count: number;
  data: unknown;
  /** The line of the node at `path`, or of its nearest ancestor. */
  lineOf(path: readonly PathStep[]): number | undefined;
}

export interface ParsedManifestFile {
  documents: ManifestDocument[];
  /** Documents that could not be parsed, one record each. */
  problems: SkippedRecord[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a multi-document YAML (or JSON) file into documents that keep
 * their positions, so every problem later on can name a line. A broken
 * document becomes one problem; its neighbours are still read.
 */
export function parseManifestFile(
  file: string,
  bytes: Uint8Array,
): ParsedManifestFile {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      documents: [],
      problems: [
        {
          file,
          line: firstBadLine(bytes),
          message: 'file is not valid UTF-8',
          expected: 'a UTF-8 encoded YAML or JSON file',
        },
      ],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // One counter for the whole stream gives file-absolute lines.
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    logLevel: 'silent',
  });
  const count = parsed.length;
  const documents: ManifestDocument[] = [];
  const problems: SkippedRecord[] = [];
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  parsed.forEach((doc, position) => {
    const index = position + 1;
    const where = count > 1 ? `document ${index}` : undefined;
    const error = doc.errors[0];
    if (error !== undefined) {
      const more = doc.errors.length - 1;
      problems.push({
        file,
        line: lineAt(error.pos[0]),
        ...(where !== undefined && { path: where }),
        message:
          firstLine(error.message) +
          (more > 0 ? ` (and ${more} more in this document)` : ''),
        expected:
          error.code === 'DUPLICATE_KEY'
            ? 'each key at most once per mapping'
            : 'valid YAML (indent with spaces; quote values with ": ")',
      });
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_MANIFEST_ALIASES });
    } catch (thrown) {
      const text = thrown instanceof Error ? thrown.message : String(thrown);
      const bomb = /alias/i.test(text);
      problems.push({
        file,
        line: lineAt(doc.range[0]),
        ...(where !== undefined && { path: where }),
        message: bomb
          ? `the document expands more than ${MAX_MANIFEST_ALIASES} aliases`
          : firstLine(text),
        expected: bomb
          ? 'plain values instead of YAML aliases (an alias bomb?)'
          : 'valid YAML',
      });
      return;
    }
    documents.push({
      file,
      index,
      count,
      data,
      lineOf: (path) => locate(doc, path, lineAt),
    });
  });
  return { documents, problems };
}

/**
 * The line of a mapping entry is the line of its key (where `subjects:`
 * stands, not its first item); a list item's is the line of its dash.
 */
function locate(
  doc: Document.Parsed,
  path: readonly PathStep[],
  lineAt: (offset: number) => number,
): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(step),
      );
      if (pair === undefined) break;
      offset = isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number') {
      const item: unknown = node.items[step];
      if (!isNode(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineAt(offset);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The line holding the first byte sequence that is not UTF-8. */
function firstBadLine(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const at = text.indexOf('\ufffd');
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
