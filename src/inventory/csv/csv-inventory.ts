import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inputError } from '../../errors.ts';
import type { Inventory, SourceDigest } from '../../model/index.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { readAssignmentsCsv } from './csv-assignments.ts';
import {
  emptyEntitlementIndex,
  readEntitlementsCsv,
} from './csv-entitlements.ts';
import type { IdentityIndex } from './csv-identities.ts';
import { readIdentitiesCsv } from './csv-identities.ts';
import type { CsvContext } from './csv-table.ts';

export const CSV_INVENTORY_FILES = {
  identities: 'identities.csv',
  entitlements: 'entitlements.csv',
  assignments: 'assignments.csv',
} as const;

const EXPECTED =
  'a folder with identities.csv and/or assignments.csv (and optionally ' +
  'entitlements.csv); see docs/inventory-csv.md';

/** True when `dir` is a folder holding identities.csv or assignments.csv. */
export async function isCsvInventory(dir: string): Promise<boolean> {
  if (!(await isDirectory(dir))) return false;
  return (
    (await isFile(join(dir, CSV_INVENTORY_FILES.identities))) ||
    (await isFile(join(dir, CSV_INVENTORY_FILES.assignments)))
  );
}

/**
 * Reads rolesmith's own CSV inventory: identities.csv, entitlements.csv
 * and assignments.csv in one folder (docs/inventory-csv.md). Files are
 * streamed, so millions of assignments load in bounded memory. A missing
 * required column is always an input error; bad rows follow
 * `options.onBadRecord`.
 */
export async function readCsvInventory(
  dir: string,
  options: ReaderOptions,
): Promise<ReadResult> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    const problem = info === undefined ? 'does not exist' : 'is not a folder';
    throw inputError(`the CSV inventory ${problem}`, {
      file: dir,
      expected: EXPECTED,
    });
  }
  const files = {
    identities: join(dir, CSV_INVENTORY_FILES.identities),
    entitlements: join(dir, CSV_INVENTORY_FILES.entitlements),
    assignments: join(dir, CSV_INVENTORY_FILES.assignments),
  };
  const present = {
    identities: await isFile(files.identities),
    entitlements: await isFile(files.entitlements),
    assignments: await isFile(files.assignments),
  };
  if (!present.identities && !present.assignments) {
    throw inputError('the folder is not a CSV inventory', {
      file: dir,
      expected: EXPECTED,
    });
  }

  const skipped: SkippedRecord[] = [];
  const source = options.label ?? dir;
  const context: CsvContext = { options, skipped, source };
  const sources: SourceDigest[] = [];
  const identities: IdentityIndex = new Map();
  const entitlements = emptyEntitlementIndex();
  const inventory: Inventory = {
    identities: [],
    entitlements: [],
    assignments: [],
    sources,
  };

  // Identities and entitlements first: assignments are checked against them.
  if (present.identities) {
    const sha256 = await readIdentitiesCsv(
      files.identities,
      context,
      identities,
    );
    sources.push({ source, file: files.identities, sha256 });
  } else {
    options.logger.warn(
      'no identities.csv: identities come from assignments.csv and count as human',
      { file: dir },
    );
  }
  if (present.entitlements) {
    const sha256 = await readEntitlementsCsv(
      files.entitlements,
      context,
      entitlements,
    );
    sources.push({ source, file: files.entitlements, sha256 });
  }
  if (present.assignments) {
    const sha256 = await readAssignmentsCsv(files.assignments, context, {
      identities,
      entitlements,
      identitiesDeclared: present.identities,
      entitlementsDeclared: present.entitlements,
      assignments: inventory.assignments,
    });
    sources.push({ source, file: files.assignments, sha256 });
  }

  inventory.identities = [...identities.values()];
  inventory.entitlements = [...entitlements.byId.values()];
  if (skipped.length > 0) {
    options.logger.warn('CSV inventory rows skipped', {
      file: dir,
      skipped: skipped.length,
    });
  }
  return { inventory, skipped };
}

async function isDirectory(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isDirectory() ?? false;
}

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ?? false;
}
