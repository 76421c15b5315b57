import { isAbsolute, relative, sep } from 'node:path';
import type { Inventory } from '../model/index.ts';

/**
 * The inventory with its source files named relative to `cwd`, with `/`
 * separators, as evidence records them: an absolute (often temporary)
 * path would make the same data mined elsewhere look different.
 */
export function withRelativeSources(
  inventory: Inventory,
  cwd: string,
): Inventory {
  return {
    ...inventory,
    sources: inventory.sources.map((s) => ({
      ...s,
      file: isAbsolute(s.file)
        ? relative(cwd, s.file).split(sep).join('/')
        : s.file,
    })),
  };
}
