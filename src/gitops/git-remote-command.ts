import { RolesmithError } from '../errors.ts';
import { displayUrl, scrubSecrets } from './git-auth.ts';
import type { remoteAuth } from './git-auth.ts';
import type { GitContext } from './git-context.ts';
import { remoteFailure, remoteTimeout } from './git-remote-error.ts';
import { GitCommandError } from './git-run.ts';
import { GitTimeoutError, runGitWithTimeout } from './git-timeout-run.ts';
import { timeoutFromEnv } from './network-timeouts.ts';

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

/**
 * Runs a fetch, ls-remote or push; failures become GitRemoteErrors. Two
 * bounds keep a network that never answers from hanging the run: git's
 * own low-speed check aborts an http(s) transfer that stalls (these are
 * plain settings, so they go on the command line), and the command is
 * killed once it has run past the overall limit, which also covers ssh
 * and a connection that never opens (see runGitWithTimeout). Both come
 * from the environment (ROLESMITH_GIT_STALL_TIMEOUT_MS,
 * ROLESMITH_GIT_TIMEOUT_MS).
 */
export async function runRemote(
  ctx: GitContext,
  operation: 'fetch' | 'push',
  url: string,
  auth: ReturnType<typeof remoteAuth>,
  branch: string,
  args: string[],
): Promise<string> {
  const stallSeconds = Math.max(
    1,
    Math.ceil(timeoutFromEnv('gitStallMs') / 1000),
  );
  const timeoutMs = timeoutFromEnv('gitOperationMs');
  const bounded = [
    '-c',
    'http.lowSpeedLimit=1',
    '-c',
    `http.lowSpeedTime=${String(stallSeconds)}`,
    ...args,
  ];
  const command = args[0] ?? operation;
  try {
    return await runGitWithTimeout(ctx.root, bounded, auth.env, timeoutMs);
  } catch (error) {
    if (error instanceof GitTimeoutError) {
      throw remoteTimeout({ command, url: displayUrl(url), timeoutMs });
    }
    if (!(error instanceof GitCommandError)) throw error;
    const output = scrubSecrets(
      `${error.stdout}\n${error.stderr}`,
      auth.secrets,
    );
    throw remoteFailure({
      operation,
      command,
      url: displayUrl(url),
      branch,
      output,
      tokenGiven: auth.secrets.length > 0,
    });
  }
}
