import type { GitContext } from './git-context.ts';
import type { ChangedFile, FileStatus } from './git-repo-types.ts';
import { splitZ } from './git-run.ts';

export async function changedFiles(
  ctx: GitContext,
  paths: string[],
): Promise<ChangedFile[]> {
  const out = await ctx.git([
    'status',
    '--porcelain=v1',
    '-z',
    '--untracked-files=all',
    '--no-renames',
    '--',
    ...ctx.pathspecs(paths),
  ]);
  return splitZ(out).map((entry) => ({
    path: ctx.fromRepoPath(entry.slice(3)),
    status: statusOf(entry.slice(0, 2)),
  }));
}

function statusOf(code: string): FileStatus {
  if (code === '??') return 'untracked';
  if (code.includes('U') || code === 'AA' || code === 'DD') return 'conflicted';
  if (code.includes('D')) return 'deleted';
  if (code.startsWith('A')) return 'added';
  return 'modified';
}

export function nameStatus(letter: string): FileStatus {
  if (letter === 'A') return 'added';
  if (letter === 'D') return 'deleted';
  return 'modified';
}
