import { readFile } from 'node:fs/promises';
import { inputError, truncate } from '../errors.ts';
import type { IdentityMapping } from './merge.ts';

/**
 * Reads an identity mapping file: CSV with a header of `id` and
 * `canonical`, and optionally `source` (the source spec as given on the
 * command line). Ids are plain tokens, so quoting is not supported.
 */
export async function readIdentityMap(
  path: string,
): Promise<IdentityMapping[]> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw inputError('cannot read the identity mapping file', {
      file: path,
      cause: error,
    });
  });
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const idAt = header.indexOf('id');
  const canonicalAt = header.indexOf('canonical');
  const sourceAt = header.indexOf('source');
  if (idAt < 0 || canonicalAt < 0) {
    throw inputError('the identity mapping file lacks its header', {
      file: path,
      line: 1,
      expected: 'a first line "id,canonical" or "source,id,canonical"',
    });
  }
  const mappings: IdentityMapping[] = [];
  // A later row would silently override an earlier one for the same id.
  const firstLine = new Map<string, { line: number; canonical: string }>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = line.split(',').map((f) => f.trim());
    const id = fields[idAt] ?? '';
    const canonical = fields[canonicalAt] ?? '';
    if (fields.length !== header.length || id === '' || canonical === '') {
      throw inputError(
        `expected ${header.length} fields with an id and a canonical id`,
        {
          file: path,
          line: index + 2,
          expected: header.join(','),
        },
      );
    }
    const source = sourceAt < 0 ? undefined : fields[sourceAt];
    const key = `${source ?? ''}\u0000${id}`;
    const earlier = firstLine.get(key);
    if (earlier !== undefined && earlier.canonical !== canonical) {
      throw inputError(
        `"${truncate(id)}" is mapped twice, to ` +
          `"${truncate(earlier.canonical)}" on line ${earlier.line} and to ` +
          `"${truncate(canonical)}"`,
        {
          file: path,
          line: index + 2,
          expected: 'one canonical id per id (and source)',
        },
      );
    }
    firstLine.set(key, { line: index + 2, canonical });
    mappings.push({
      id,
      canonical,
      ...(source !== undefined && source !== '' && { source }),
    });
  });
  return mappings;
}
