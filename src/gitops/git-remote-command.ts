import { RolesmithError } from '../errors.ts';
import { displayUrl, scrubSecrets } from './git-auth.ts';
import type { remoteAuth } from './git-auth.ts';
import type { GitContext } from './git-context.ts';
import { remoteFailure } from './git-remote-error.ts';
import { GitCommandError } from './git-run.ts';

export async function remoteUrl(
  ctx: GitContext,
  remote: string,
  push: boolean,
): Promise<string> {
  const out = remote.startsWith('-')
    ? undefined
    : await ctx.tryGit([
        'remote',
        'get-url',
        ...(push ? ['--push'] : []),
        remote,
      ]);
  if (out === undefined || out.trim() === '') {
    throw new RolesmithError(`there is no git remote named "${remote}"`, {
      code: 'config',
      expected: 'a configured remote such as origin (git remote -v)',
    });
  }
  return out.trim();
}

/** Runs a fetch, ls-remote or push; failures become GitRemoteErrors. */
export async function runRemote(
  ctx: GitContext,
  operation: 'fetch' | 'push',
  url: string,
  auth: ReturnType<typeof remoteAuth>,
  branch: string,
  args: string[],
): Promise<string> {
  try {
    return await ctx.git(args, auth.env);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    const output = scrubSecrets(
      `${error.stdout}\n${error.stderr}`,
      auth.secrets,
    );
    throw remoteFailure({
      operation,
      url: displayUrl(url),
      branch,
      output,
      tokenGiven: auth.secrets.length > 0,
    });
  }
}
