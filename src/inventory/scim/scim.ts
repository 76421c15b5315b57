import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inputError, truncate } from '../../errors.ts';
import type { AssignmentSource } from '../../model/index.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { addGroups, groupEntitlementId } from './scim-groups.ts';
import { InventoryBuilder } from '../inventory-builder.ts';
import { readHead, readJsonFile } from '../json-file.ts';
import { RecordReporter } from '../record-checks.ts';
import type { ScimResource } from './scim-resources.ts';
import { collectResources } from './scim-resources.ts';
import type { ScimUser } from './scim-user.ts';
import { parseUser } from './scim-user.ts';
import type { ScimValue } from './scim-values.ts';

interface SourceFile {
  path: string;
  /** The name in messages and provenance. */
  file: string;
}

/**
 * Reads SCIM 2.0 Users and Groups (RFC 7643) from a ListResponse file or
 * a folder of `.json` files, each a ListResponse or a single resource.
 * Group memberships, `entitlements` and `roles` become entitlements.
 */
export async function readScim(
  path: string,
  options: ReaderOptions,
): Promise<ReadResult> {
  const files = await listSourceFiles(path, options.label ?? path);
  const builder = new InventoryBuilder();
  const skipped: SkippedRecord[] = [];
  const reporters: RecordReporter[] = [];
  const users: ScimResource[] = [];
  const groups: ScimResource[] = [];

  // Read: every file first, so memberships resolve across files.
  for (const source of files) {
    const json = await readJsonFile(source.path, source.file);
    builder.addSource({
      source: 'scim',
      file: source.file,
      sha256: json.sha256,
    });
    const reporter = new RecordReporter(options, skipped, json);
    reporters.push(reporter);
    for (const resource of collectResources(
      reporter,
      json.value,
      options.logger,
    )) {
      (resource.type === 'User' ? users : groups).push(resource);
    }
  }

  // Users and the access they state themselves.
  const read: ScimUser[] = [];
  users.forEach((resource, index) => {
    const user = parseUser(resource);
    if (user === undefined) return;
    if (!builder.addIdentity(user.identity)) {
      resource.reporter.report(
        resource.path,
        `id ${truncate(user.identity.id)} is used by another User`,
        'ids unique across Users and Groups',
      );
      return;
    }
    read.push(user);
    if ((index + 1) % 10_000 === 0)
      options.logger.progress('reading SCIM users', index + 1, users.length);
  });
  for (const user of read) {
    grant(
      builder,
      user,
      user.entitlements,
      (v) => `scim:entitlement:${v.value}`,
      'direct',
    );
    grant(builder, user, user.roles, (v) => `scim:role:${v.value}`, 'direct');
  }

  // Groups; a User's own `groups` list is only a back-reference to them.
  if (groups.length > 0) {
    addGroups(groups, builder, options.logger);
  } else {
    for (const user of read) {
      for (const ref of user.groups) {
        const source = ref.type === 'indirect' ? 'group' : 'direct';
        grant(
          builder,
          user,
          [ref],
          (v) => groupEntitlementId(v.display ?? v.value),
          source,
        );
      }
    }
  }

  for (const reporter of reporters) reporter.finish();
  return { inventory: builder.build(), skipped };
}

function grant(
  builder: InventoryBuilder,
  user: ScimUser,
  values: readonly ScimValue[],
  idOf: (value: ScimValue) => string,
  source: AssignmentSource,
): void {
  const file = user.identity.provenance?.[0]?.file;
  const where = (path: string) => ({
    source: 'scim',
    ...(file !== undefined && { file }),
    path,
  });
  for (const value of values) {
    const entitlement = builder.ensureEntitlement({
      id: idOf(value),
      system: 'scim',
      name: value.display ?? value.value,
      provenance: [where(value.path)],
    });
    builder.addAssignment({
      identity: user.identity.id,
      entitlement: entitlement.id,
      source,
      provenance: where(value.path),
    });
  }
}

/**
 * Whether `path` looks like SCIM: a JSON file (or a folder holding one)
 * whose first bytes show a `schemas` key and a SCIM URN.
 */
export async function isScimSource(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return false;
  if (info.isFile()) return looksLikeScim(await readHead(path));
  if (!info.isDirectory()) return false;
  const files = (await jsonFilesIn(path)).slice(0, 20);
  for (const file of files) {
    if (looksLikeScim(await readHead(join(path, file)))) return true;
  }
  return false;
}

function looksLikeScim(head: string): boolean {
  return (
    /^\s*\{/.test(head.replace(/^\uFEFF/, '')) &&
    /"schemas"\s*:/i.test(head) &&
    head.includes('urn:ietf:params:scim:')
  );
}

async function listSourceFiles(
  path: string,
  label: string,
): Promise<SourceFile[]> {
  const info = await stat(path).catch((error: unknown) => {
    throw inputError('the SCIM source does not exist', {
      file: label,
      expected: 'a SCIM ListResponse .json file or a folder of them',
      cause: error,
    });
  });
  if (!info.isDirectory()) return [{ path, file: label }];
  const files = await jsonFilesIn(path);
  if (files.length === 0) {
    throw inputError('the folder holds no .json files', {
      file: label,
      expected: 'SCIM Users, Groups or ListResponses as .json files',
    });
  }
  return files.map((file) => ({
    path: join(path, file),
    file: join(label, file),
  }));
}

/** `.json` files under a folder, at any depth, in a stable order. */
async function jsonFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'),
    )
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}
