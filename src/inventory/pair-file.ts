import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { inputError } from '../errors.ts';
import type { Inventory } from '../model/index.ts';
import { systemOf } from '../model/index.ts';
import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';

export interface ReadPairFileOptions {
  /** Name shown in provenance and messages; defaults to the path. */
  label?: string;
  logger?: Logger;
}

/**
 * Reads an `identity entitlement` pair file (the HP Labs benchmark format)
 * as a stream: one pair per line, whitespace separated, `#` comments and
 * blank lines allowed. A malformed line stops the read with its number.
 */
export async function readPairFile(
  path: string,
  options: ReadPairFileOptions = {},
): Promise<Inventory> {
  const label = options.label ?? path;
  const logger = options.logger ?? silentLogger;
  const hash = createHash('sha256');
  const stream = createReadStream(path);
  stream.on('data', (chunk) => hash.update(chunk));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  const identities = new Set<string>();
  const entitlements = new Set<string>();
  const seen = new Set<string>();
  const inventory: Inventory = {
    identities: [],
    entitlements: [],
    assignments: [],
    sources: [],
  };
  let lineNumber = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      if (fields.length !== 2) {
        throw inputError(`expected 2 fields, found ${fields.length}`, {
          file: label,
          line: lineNumber,
          expected:
            'one "identity entitlement" pair per line, e.g. "u17 sap:FB60"',
        });
      }
      const [identity, entitlement] = fields as [string, string];
      const key = `${identity}\u0000${entitlement}`;
      if (seen.has(key)) continue;
      seen.add(key);
      identities.add(identity);
      entitlements.add(entitlement);
      inventory.assignments.push({
        identity,
        entitlement,
        provenance: { source: 'pairs', file: label, line: lineNumber },
      });
      if (lineNumber % 100_000 === 0)
        logger.progress('reading pairs', lineNumber);
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

  inventory.identities = [...identities].map((id) => ({
    id,
    kind: 'human',
    attributes: {},
  }));
  inventory.entitlements = [...entitlements].map((id) => ({
    id,
    system: systemOf(id),
  }));
  inventory.sources.push({
    source: 'pairs',
    file: label,
    sha256: hash.digest('hex'),
  });
  return inventory;
}

function isMissing(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'ENOENT'
  );
}
