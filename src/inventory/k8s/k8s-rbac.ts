import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inputError } from '../../errors.ts';
import type { SourceDigest } from '../../model/index.ts';
import { emptyRbacObjects } from './k8s-defs.ts';
import { listManifestFiles } from './k8s-files.ts';
import type { K8sGroupBinding } from './k8s-inventory.ts';
import { buildK8sInventory } from './k8s-inventory.ts';
import { collectRbacObjects } from './k8s-objects.ts';
import type { ParseContext } from './k8s-parse.ts';
import { MAX_MANIFEST_BYTES, parseManifestFile } from './k8s-yaml.ts';
import type { ReaderOptions, ReadResult, SkippedRecord } from '../reader.ts';
import { badRecord } from '../reader.ts';

export { isK8sManifestSource } from './k8s-files.ts';
export type { K8sGroupBinding } from './k8s-inventory.ts';

/** The source name in provenance and digests. */
export const K8S_SOURCE = 'k8s';

export interface K8sRbacOptions extends ReaderOptions {
  /**
   * Group name to member usernames (`alice@example.com`, or
   * `system:serviceaccount:<namespace>:<name>`). Group subjects not in it
   * are recorded in `groupBindings` but grant nobody anything here.
   */
  groupMembers?: Readonly<Record<string, readonly string[]>>;
  /**
   * Namespace of namespaced objects that name none; `default`, as kubectl
   * without a context namespace would apply them.
   */
  defaultNamespace?: string;
}

export interface K8sRbacReadResult extends ReadResult {
  /** Every Group subject, expanded or not, for review. */
  groupBindings: K8sGroupBinding[];
}

const EXPECTED_SOURCE =
  'a Kubernetes manifest file (.yaml, .yml, .json) or a folder of them';

/**
 * Reads Kubernetes RBAC manifests: one multi-document YAML or JSON file,
 * or a folder of them (recursively). ServiceAccounts and User subjects
 * become identities, role references in bindings entitlements, and each
 * subject of a binding an assignment. See docs/inventory-k8s.md.
 */
export async function readK8sRbac(
  path: string,
  options: K8sRbacOptions,
): Promise<K8sRbacReadResult> {
  const label = options.label ?? path;
  const { logger } = options;
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw inputError('the Kubernetes manifest source does not exist', {
      file: label,
      expected: EXPECTED_SOURCE,
    });
  }
  const folder = info.isDirectory();
  const files = folder ? await listManifestFiles(path) : [path];
  if (files.length === 0) {
    throw inputError('the folder holds no .yaml, .yml or .json file', {
      file: label,
      expected: EXPECTED_SOURCE,
    });
  }

  const skipped: SkippedRecord[] = [];
  const sources: SourceDigest[] = [];
  const objects = emptyRbacObjects();
  const context: ParseContext = {
    defaultNamespace: options.defaultNamespace ?? 'default',
    bad: (site, message, expected) => {
      badRecord(options, skipped, { ...site, message, expected });
    },
  };
  for (const [index, file] of files.entries()) {
    const shown = folder ? join(label, relative(path, file)) : label;
    const bytes = await readManifest(file, shown, options, skipped);
    if (bytes !== undefined) {
      sources.push({
        source: K8S_SOURCE,
        file: shown,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      const parsed = parseManifestFile(shown, bytes);
      for (const problem of parsed.problems) {
        badRecord(options, skipped, problem);
      }
      for (const doc of parsed.documents) {
        collectRbacObjects(doc, objects, context);
      }
    }
    if ((index + 1) % 100 === 0 || index + 1 === files.length) {
      logger.progress('reading Kubernetes manifests', index + 1, files.length);
    }
  }

  if (objects.ignored.size > 0) {
    logger.debug('ignored objects that are not RBAC', {
      kinds: Object.fromEntries(objects.ignored),
    });
  }
  const parts = buildK8sInventory(objects, {
    source: K8S_SOURCE,
    groupMembers: options.groupMembers ?? {},
    logger,
  });
  if (parts.entitlements.length === 0 && parts.identities.length === 0) {
    logger.warn('the manifests hold no RBAC objects', { source: label });
  }
  return {
    inventory: {
      identities: parts.identities,
      entitlements: parts.entitlements,
      assignments: parts.assignments,
      sources,
    },
    skipped,
    groupBindings: parts.groupBindings,
  };
}

/** The file's bytes, or undefined when it is too large to read. */
async function readManifest(
  file: string,
  shown: string,
  options: ReaderOptions,
  skipped: SkippedRecord[],
): Promise<Buffer | undefined> {
  let bytes: Buffer | undefined;
  let size: number;
  try {
    size = (await stat(file)).size;
    if (size <= MAX_MANIFEST_BYTES) {
      bytes = await readFile(file);
      // The file may have grown since stat().
      size = bytes.byteLength;
    }
  } catch (error) {
    throw inputError('the manifest file cannot be read', {
      file: shown,
      expected: 'a readable file',
      cause: error,
    });
  }
  if (size <= MAX_MANIFEST_BYTES) return bytes;
  badRecord(options, skipped, {
    file: shown,
    line: 1,
    message: `the file is ${size} bytes; at most 64 MiB (${MAX_MANIFEST_BYTES} bytes) are read`,
    expected: 'manifests split into smaller files',
  });
  return undefined;
}
