import type { SourceDigest } from '../model/index.ts';
import type { Difference } from './explain-compare.ts';

/**
 * Compares the sources a role was mined from with the ones read now,
 * file by file: a file read both times whose digest changed, a recorded
 * file that was not read now, and a file read now that was not then.
 * The source label is how the source was named on the command line
 * (`hr` or `./hr`), not part of the data, so it is not compared.
 */
export function compareSources(
  recorded: readonly SourceDigest[],
  now: readonly SourceDigest[],
): Difference[] {
  const differences: Difference[] = [];
  const unmatched = [...now];
  recorded.forEach((was, k) => {
    const at = unmatched.findIndex((s) => s.file === was.file);
    const is = at === -1 ? undefined : unmatched[at];
    if (is === undefined) {
      differences.push({
        path: `/data/sources/${k}`,
        recorded: was,
        now: null,
        note: 'this source was mined but not read now',
      });
      return;
    }
    unmatched.splice(at, 1);
    if (is.sha256 !== was.sha256) {
      differences.push({
        path: `/data/sources/${k}/sha256`,
        recorded: was.sha256,
        now: is.sha256,
        note: `${was.file} changed since mining`,
      });
    }
  });
  for (const is of unmatched) {
    differences.push({
      path: '/data/sources/-',
      recorded: null,
      now: is,
      note: 'this source was read now but not mined',
    });
  }
  return differences;
}

/** Sources in the order the evidence records them: by file, then source. */
export function sortSources(sources: readonly SourceDigest[]): SourceDigest[] {
  return [...sources].sort(
    (a, b) => compare(a.file, b.file) || compare(a.source, b.source),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
