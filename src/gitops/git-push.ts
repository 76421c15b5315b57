import { RolesmithError } from '../errors.ts';
import { remoteAuth } from './git-auth.ts';
import type { GitContext } from './git-context.ts';
import { remoteUrl, runRemote } from './git-remote-command.ts';
import type { PushOptions, PushResult } from './git-repo-types.ts';

export async function push(
  ctx: GitContext,
  options: PushOptions,
): Promise<PushResult> {
  const { remote, branch } = options;
  await ctx.checkBranchName(branch);
  const url = await remoteUrl(ctx, remote, true);
  const localRef = `refs/heads/${branch}`;
  const commit = await ctx.resolve(localRef);
  if (commit === undefined) {
    throw new RolesmithError(`the branch "${branch}" does not exist`, {
      code: 'internal',
      expected: 'prepareBranch and commitFiles before push',
    });
  }
  const args = ['push', '--porcelain'];
  if (options.force === 'with-lease') {
    const prepared = ctx.prepared.get(branch);
    const lease =
      prepared?.remote === remote
        ? prepared.remoteHead
        : await ctx.resolve(`refs/remotes/${remote}/${branch}`);
    // An empty expectation means "the remote must not have it".
    args.push(`--force-with-lease=${localRef}:${lease ?? ''}`);
  }
  args.push(remote, `${localRef}:${localRef}`);
  const auth = remoteAuth(url, options.token);
  const out = await runRemote(ctx, 'push', url, auth, branch, args);
  const line = out
    .split('\n')
    .find((entry) => entry.split('\t')[1] === `${localRef}:${localRef}`);
  const flag = line?.charAt(0);
  const status: PushResult['status'] =
    flag === '*'
      ? 'created'
      : flag === '+'
        ? 'forced'
        : flag === '='
          ? 'up-to-date'
          : 'fast-forward';
  const prepared = ctx.prepared.get(branch);
  if (prepared?.remote === remote) prepared.remoteHead = commit;
  return { commit, status };
}
