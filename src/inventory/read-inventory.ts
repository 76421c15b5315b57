import { stat } from 'node:fs/promises';
import { inputError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Inventory } from '../model/index.ts';
import { readPairFile } from './pair-file.ts';

export interface ReadInventoryOptions {
  logger?: Logger;
}

/** Reads one inventory source, choosing the reader by what the path is. */
export async function readInventorySource(
  path: string,
  options: ReadInventoryOptions = {},
): Promise<Inventory> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw inputError('the inventory source does not exist', {
      file: path,
      expected: 'a pair file (one "identity entitlement" per line)',
    });
  }
  if (info.isFile()) {
    return readPairFile(path, {
      ...(options.logger !== undefined && { logger: options.logger }),
    });
  }
  throw inputError('unsupported inventory source', {
    file: path,
    expected: 'a pair file (one "identity entitlement" per line)',
  });
}

/** Merges inventories; identities and entitlements are keyed by id. */
export function mergeInventories(inventories: Inventory[]): Inventory {
  if (inventories.length === 1 && inventories[0] !== undefined) {
    return inventories[0];
  }
  const identities = new Map<string, Inventory['identities'][number]>();
  const entitlements = new Map<string, Inventory['entitlements'][number]>();
  const merged: Inventory = {
    identities: [],
    entitlements: [],
    assignments: [],
    sources: [],
  };
  for (const inventory of inventories) {
    for (const identity of inventory.identities) {
      if (!identities.has(identity.id)) identities.set(identity.id, identity);
    }
    for (const entitlement of inventory.entitlements) {
      if (!entitlements.has(entitlement.id)) {
        entitlements.set(entitlement.id, entitlement);
      }
    }
    // A loop, not push(...): inventories hold millions of assignments.
    for (const assignment of inventory.assignments) {
      merged.assignments.push(assignment);
    }
    merged.sources.push(...inventory.sources);
  }
  merged.identities = [...identities.values()];
  merged.entitlements = [...entitlements.values()];
  return merged;
}
