import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { inputError } from '../errors.ts';
import type { Inventory } from '../model/index.ts';
import { systemOf } from '../model/index.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from './reader.ts';
import { badRecord } from './reader.ts';

/**
 * Reads an `identity entitlement` pair file (the HP Labs benchmark format)
 * as a stream: one pair per line, whitespace separated, `#` comments and
 * blank lines allowed. Every identity is a person: the format has no kinds.
 */
export async function readPairFile(
  path: string,
  options: ReaderOptions,
): Promise<ReadResult> {
  const label = options.label ?? path;
  const hash = createHash('sha256');
  const stream = createReadStream(path);
  stream.on('data', (chunk) => hash.update(chunk));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  const identities = new Map<string, string>();
  const entitlements = new Map<string, string>();
  const seen = new Set<string>();
  const skipped: SkippedRecord[] = [];
  const inventory: Inventory = {
    identities: [],
    entitlements: [],
    assignments: [],
    sources: [],
  };
  // Copies ids once: substrings of a read buffer would keep it alive.
  const intern = (map: Map<string, string>, value: string) => {
    let kept = map.get(value);
    if (kept === undefined) {
      kept = Buffer.from(value).toString();
      map.set(kept, kept);
    }
    return kept;
  };

  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      // readline decodes as UTF-8 and turns bad bytes into U+FFFD.
      if (line.includes('\uFFFD')) {
        badRecord(options, skipped, {
          file: label,
          line: lineNumber,
          message: 'the line is not valid UTF-8',
          expected: 're-save the file as UTF-8',
        });
        continue;
      }
      if (fields.length !== 2) {
        badRecord(options, skipped, {
          file: label,
          line: lineNumber,
          message: `expected 2 fields, found ${fields.length}`,
          expected:
            'one "identity entitlement" pair per line, e.g. "u17 sap:FB60"',
        });
        continue;
      }
      const identity = intern(identities, fields[0] ?? '');
      const entitlement = intern(entitlements, fields[1] ?? '');
      const key = `${identity}\u0000${entitlement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inventory.assignments.push({
        identity,
        entitlement,
        provenance: { source: 'pairs', file: label, line: lineNumber },
      });
      if (lineNumber % 500_000 === 0) {
        options.logger.progress('reading pairs', lineNumber);
      }
    }
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

  inventory.identities = [...identities.keys()].map((id) => ({
    id,
    kind: 'human',
    kindAssumed: true,
    attributes: {},
  }));
  inventory.entitlements = [...entitlements.keys()].map((id) => ({
    id,
    system: systemOf(id),
  }));
  inventory.sources.push({
    source: 'pairs',
    file: label,
    sha256: hash.digest('hex'),
  });
  return { inventory, skipped };
}

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ENOENT'
  );
}
