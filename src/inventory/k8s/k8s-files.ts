import { open, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** Folders that never hold the manifests a cluster runs. */
const SKIPPED_FOLDERS: readonly string[] = ['node_modules'];

/** Enough of a file to see its first objects. */
const SNIFF_BYTES = 64 * 1024;

/** Detection gives up after this many files: it must stay cheap. */
const SNIFF_FILES = 200;

const KINDS =
  '(?:ServiceAccount|Role|ClusterRole|RoleBinding|ClusterRoleBinding)(?:List)?';

/** `kind: Role` on a line of its own (YAML) or `"kind": "Role"` (JSON). */
const RBAC_KIND = new RegExp(
  `^[\\s-]*kind\\s*:\\s*["']?${KINDS}["']?\\s*(?:#.*)?$|"kind"\\s*:\\s*"${KINDS}"`,
  'm',
);

const API_VERSION = /["']?apiVersion["']?\s*:/;

export function isManifestFileName(name: string): boolean {
  return EXTENSIONS.includes(extname(name).toLowerCase());
}

/**
 * Every `.yaml`, `.yml` and `.json` file under `root`, sorted so reads
 * are reproducible. Hidden entries (`.git`, `.github`) and node_modules
 * are left out; symbolic links are not followed, so no loop is possible.
 */
export async function listManifestFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  for await (const file of walkManifestFiles(root)) files.push(file);
  return files;
}

/** Lazily, so detection can stop early in a large tree. */
async function* walkManifestFiles(folder: string): AsyncGenerator<string> {
  const entries = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.includes(entry.name)) {
      yield* walkManifestFiles(path);
    } else if (entry.isFile() && isManifestFileName(entry.name)) {
      yield path;
    }
  }
}

/**
 * True when `path` is a manifest file, or a folder holding one, whose
 * first 64 KiB show an `apiVersion` and an RBAC or ServiceAccount kind.
 * Reads at most 200 file heads.
 */
export async function isK8sManifestSource(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return false;
  if (info.isFile()) return isManifestFileName(path) && (await sniff(path));
  if (!info.isDirectory()) return false;
  let seen = 0;
  try {
    for await (const file of walkManifestFiles(path)) {
      if (await sniff(file)) return true;
      if (++seen >= SNIFF_FILES) break;
    }
  } catch {
    // An unreadable folder is not this format; the reader would say why.
  }
  return false;
}

async function sniff(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (handle === undefined) return false;
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const head = buffer.subarray(0, bytesRead).toString('utf8');
    return API_VERSION.test(head) && RBAC_KIND.test(head);
  } finally {
    await handle.close();
  }
}
