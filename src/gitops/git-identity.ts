import type { GitContext } from './git-context.ts';
import { splitZ } from './git-run.ts';

const FALLBACK_NAME = 'rolesmith';
const FALLBACK_EMAIL = 'rolesmith@localhost';

/** Identity from git config; rolesmith's own only where none is set. */
export async function identityEnv(
  ctx: GitContext,
): Promise<Record<string, string>> {
  // One read of the whole configuration (every scope, includes, later
  // values winning) instead of a `config --get` per key.
  const config = new Map<string, string>();
  for (const entry of splitZ(await ctx.git(['config', '--list', '-z']))) {
    const newline = entry.indexOf('\n');
    if (newline > 0) {
      config.set(
        entry.slice(0, newline).toLowerCase(),
        entry.slice(newline + 1),
      );
    }
  }
  const env: Record<string, string> = {};
  for (const role of ['author', 'committer'] as const) {
    for (const field of ['name', 'email'] as const) {
      const variable = `GIT_${role.toUpperCase()}_${field.toUpperCase()}`;
      if ((process.env[variable] ?? '') !== '') continue;
      const configured =
        config.get(`${role}.${field}`) ?? config.get(`user.${field}`) ?? '';
      if (configured.trim() === '') {
        env[variable] = field === 'name' ? FALLBACK_NAME : FALLBACK_EMAIL;
      }
    }
  }
  return env;
}
