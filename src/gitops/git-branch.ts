import { RolesmithError } from '../errors.ts';
import { displayUrl, remoteAuth } from './git-auth.ts';
import type { GitContext } from './git-context.ts';
import { remoteUrl, runRemote } from './git-remote-command.ts';
import type {
  FetchBaseOptions,
  PrepareBranchOptions,
  PreparedBranch,
} from './git-repo-types.ts';

export async function fetchBase(
  ctx: GitContext,
  options: FetchBaseOptions,
): Promise<string> {
  await ctx.checkBranchName(options.base);
  const { baseRef } = await fetchRefs(
    ctx,
    options.remote,
    options.base,
    undefined,
    options.token,
  );
  return baseRef;
}

export async function prepareBranch(
  ctx: GitContext,
  options: PrepareBranchOptions,
): Promise<PreparedBranch> {
  const { branch, base, remote } = options;
  await ctx.checkBranchName(branch);
  await ctx.checkBranchName(base);
  if (branch === base) {
    throw new RolesmithError(
      `the proposal branch and the base are both "${base}"`,
      {
        code: 'usage',
        expected: 'a proposal branch such as rolesmith/roles',
      },
    );
  }
  await ctx.refuseCheckedOut(branch);
  const { baseRef, trackingRef, onRemote } = await fetchRefs(
    ctx,
    remote,
    base,
    branch,
    options.token,
  );

  const baseSha = await ctx.mustResolve(baseRef);
  const remoteHead = onRemote ? await ctx.resolve(trackingRef) : undefined;
  const localRef = `refs/heads/${branch}`;
  const local = await ctx.resolve(localRef);
  const holdsBase = async (commit: string | undefined) =>
    commit !== undefined && (await ctx.isAncestor(baseSha, commit));

  // Prefer what the remote has, so that the push is a fast-forward;
  // a local branch ahead of it (an earlier push failed) is kept.
  let head = baseSha;
  if (remoteHead !== undefined && (await holdsBase(remoteHead))) {
    head =
      local !== undefined && (await ctx.isAncestor(remoteHead, local))
        ? local
        : remoteHead;
  } else if (await holdsBase(local)) {
    head = local ?? baseSha;
  }
  let action: PreparedBranch['action'] = 'created';
  if (local !== undefined) {
    if (head === local) action = 'kept';
    else if (await ctx.isAncestor(local, head)) action = 'fast-forwarded';
    else action = 'reset';
  }
  if (head !== local) {
    await ctx.moveRef(
      localRef,
      head,
      local,
      `rolesmith: prepare proposal on ${remote}/${base}`,
    );
  }
  ctx.prepared.set(branch, {
    remote,
    baseName: `${remote}/${base}`,
    base: baseSha,
    remoteHead,
  });
  const forcePush =
    remoteHead !== undefined &&
    remoteHead !== head &&
    !(await ctx.isAncestor(remoteHead, head));
  return {
    branch,
    base: baseSha,
    head,
    remoteHead,
    previousHead: local,
    action,
    forcePush,
  };
}

/**
 * Fetches `base`, and `branch` when the remote has it, into their
 * remote-tracking refs. Asking first (ls-remote) tells a missing base
 * apart from a missing proposal branch, which is normal.
 */
async function fetchRefs(
  ctx: GitContext,
  remote: string,
  base: string,
  branch: string | undefined,
  token: string | undefined,
): Promise<{ baseRef: string; trackingRef: string; onRemote: boolean }> {
  const url = await remoteUrl(ctx, remote, false);
  const auth = remoteAuth(url, token);
  const wanted = [`refs/heads/${base}`];
  if (branch !== undefined) wanted.push(`refs/heads/${branch}`);
  const advertised = await runRemote(ctx, 'fetch', url, auth, branch ?? base, [
    'ls-remote',
    remote,
    ...wanted,
  ]);
  const heads = new Set<string>();
  for (const line of advertised.split('\n')) {
    const ref = line.split('\t')[1];
    if (ref !== undefined) heads.add(ref);
  }
  if (!heads.has(`refs/heads/${base}`)) {
    throw new RolesmithError(
      `the base branch "${base}" does not exist on ${remote} (${displayUrl(url)})`,
      { code: 'git', expected: 'an existing branch such as main' },
    );
  }
  const baseRef = `refs/remotes/${remote}/${base}`;
  const trackingRef = `refs/remotes/${remote}/${branch ?? base}`;
  const refspecs = [`+refs/heads/${base}:${baseRef}`];
  const onRemote = branch !== undefined && heads.has(`refs/heads/${branch}`);
  if (onRemote) refspecs.push(`+refs/heads/${branch}:${trackingRef}`);
  // Not --quiet: see runGit on commands that print nothing.
  await runRemote(ctx, 'fetch', url, auth, branch ?? base, [
    'fetch',
    '--no-tags',
    remote,
    ...refspecs,
  ]);
  if (
    branch !== undefined &&
    !onRemote &&
    (await ctx.resolve(trackingRef)) !== undefined
  ) {
    // A leftover from a proposal whose branch was deleted (merged):
    // forget it, so that the lease expects no branch.
    await ctx.moveRef(trackingRef, undefined, undefined, 'rolesmith');
  }
  return { baseRef, trackingRef, onRemote };
}
