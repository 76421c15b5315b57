import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { inputError } from '../errors.ts';
import type { Assignment, Inventory } from '../model/index.ts';
import { systemOf } from '../model/index.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from './reader.ts';
import { badRecord } from './reader.ts';

const CHUNK_BYTES = 1 << 20;

/**
 * Reads an `identity entitlement` pair file (the HP Labs benchmark format)
 * in 1 MiB chunks: one pair per line, whitespace separated, `#` comments
 * and blank lines allowed. Every identity is a person: the format has no
 * kinds. Lines are split by hand rather than through readline and a
 * regular expression, which took longer than mining the larger HP sets.
 */
export async function readPairFile(
  path: string,
  options: ReaderOptions,
): Promise<ReadResult> {
  const label = options.label ?? path;
  const state = createState(label, options);
  const hash = createHash('sha256');
  const decoder = new StringDecoder('utf8');
  const handle = await openOrExplain(path, label);
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry = '';
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      carry = readLines(state, carry + decoder.write(chunk));
    }
    readLines(state, carry + decoder.end() + '\n');
  } finally {
    await handle.close();
  }
  return {
    inventory: finish(state, hash.digest('hex')),
    skipped: state.skipped,
  };
}

interface ReadState {
  label: string;
  options: ReaderOptions;
  lineNumber: number;
  /** Each identity's id (a flat copy) and the entitlements it holds. */
  identities: Map<string, { id: string; held: Set<string> }>;
  entitlements: Map<string, string>;
  assignments: Assignment[];
  skipped: SkippedRecord[];
}

function createState(label: string, options: ReaderOptions): ReadState {
  return {
    label,
    options,
    lineNumber: 0,
    identities: new Map(),
    entitlements: new Map(),
    assignments: [],
    skipped: [],
  };
}

/** Reads every complete line of `text`; returns the unfinished tail. */
function readLines(state: ReadState, text: string): string {
  // One search per chunk rather than per line: bad bytes are rare.
  const mayBeBad = text.includes('\uFFFD');
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end === -1) return text.slice(start);
    state.lineNumber++;
    if (mayBeBad && text.slice(start, end).includes('\uFFFD')) {
      badRecord(state.options, state.skipped, {
        file: state.label,
        line: state.lineNumber,
        message: 'the line is not valid UTF-8',
        expected: 're-save the file as UTF-8',
      });
    } else {
      readLine(state, text, start, end);
    }
    if (state.lineNumber % 500_000 === 0) {
      state.options.logger.progress('reading pairs', state.lineNumber);
    }
    start = end + 1;
  }
}

/** Reads one line: two whitespace-separated fields or a comment. */
function readLine(
  state: ReadState,
  text: string,
  from: number,
  to: number,
): void {
  let identity = '';
  let entitlement = '';
  let fields = 0;
  let i = from;
  for (;;) {
    while (i < to && isSpace(text.charCodeAt(i))) i++;
    if (i === to) break;
    const start = i;
    while (i < to && !isSpace(text.charCodeAt(i))) i++;
    fields++;
    if (fields === 1) identity = text.slice(start, i);
    else if (fields === 2) entitlement = text.slice(start, i);
  }
  if (fields === 0 || identity.startsWith('#')) return;
  if (fields !== 2) {
    badRecord(state.options, state.skipped, {
      file: state.label,
      line: state.lineNumber,
      message: `expected 2 fields, found ${String(fields)}`,
      expected: 'one "identity entitlement" pair per line, e.g. "u17 sap:FB60"',
    });
    return;
  }
  addPair(state, identity, entitlement);
}

function addPair(state: ReadState, identityId: string, entitlementId: string) {
  let identity = state.identities.get(identityId);
  if (identity === undefined) {
    identity = { id: copy(identityId), held: new Set() };
    state.identities.set(identity.id, identity);
  }
  if (identity.held.has(entitlementId)) return;
  let entitlement = state.entitlements.get(entitlementId);
  if (entitlement === undefined) {
    entitlement = copy(entitlementId);
    state.entitlements.set(entitlement, entitlement);
  }
  identity.held.add(entitlement);
  state.assignments.push({
    identity: identity.id,
    entitlement,
    provenance: { source: 'pairs', file: state.label, line: state.lineNumber },
  });
}

function finish(state: ReadState, sha256: string): Inventory {
  return {
    identities: [...state.identities.keys()].map((id) => ({
      id,
      kind: 'human',
      kindAssumed: true,
      attributes: {},
    })),
    entitlements: [...state.entitlements.keys()].map((id) => ({
      id,
      system: systemOf(id),
    })),
    assignments: state.assignments,
    sources: [{ source: 'pairs', file: state.label, sha256 }],
  };
}

/** Space, tab, CR, vertical tab and form feed separate fields. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * A flat copy of a slice: V8 slices point into the chunk they came from,
 * and an id kept for the whole run would keep its 1 MiB chunk alive.
 */
function copy(value: string): string {
  return Buffer.from(value).toString();
}

async function openOrExplain(path: string, label: string) {
  try {
    return await open(path, 'r');
  } catch (error) {
    if (isMissing(error)) {
      throw inputError('the inventory file does not exist', {
        file: label,
        expected: 'a path to a pair file',
        cause: error,
      });
    }
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ENOENT'
  );
}
