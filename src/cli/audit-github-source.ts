import { parseYamlFile } from '../catalogue/yaml-source.ts';
import { parseCodeowners, ruleFor } from '../catalogue/codeowners-syntax.ts';
import type { CodeownersLine } from '../catalogue/codeowners-syntax.ts';
import type { AuditResult, GitHistory } from '../evidence/audit.ts';
import { kindOf } from '../evidence/audit.ts';
import { applyGithubProvenance } from '../evidence/audit-github.ts';
import { versionKey } from '../evidence/audit-types.ts';
import { filesAt } from '../gitops/git-history.ts';
import { readPullProvenance } from '../gitops/github-provenance.ts';
import type { CommandContext } from './command.ts';
import { githubTarget } from './github-target.ts';

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_PATHS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
];

/**
 * `audit --repo`: the audit with what GitHub knows about the merged pull
 * requests (reviews, checks), judged against CODEOWNERS and the policy
 * owners as of each merge's base. Without `--repo` the offline audit is
 * returned as it was.
 */
export async function withGithubProvenance(
  ctx: CommandContext,
  dir: string,
  history: GitHistory,
  audit: AuditResult,
): Promise<AuditResult> {
  // Only an explicit --repo: GITHUB_REPOSITORY alone (set in every
  // Actions run) must not turn an offline audit into API calls.
  if (ctx.values.repo === undefined) return audit;
  const target = githubTarget(ctx.values, ctx.env, ctx.logger);
  if (target === undefined) return audit;
  const merges = history.commits.filter(
    (c) =>
      c.merge?.pr !== undefined &&
      c.changes.some((change) => kindOf(change.path) !== undefined),
  );
  const provenance = await readPullProvenance(
    target.client,
    target,
    merges.flatMap((c) => (c.merge?.pr === undefined ? [] : [c.merge.pr])),
  );
  ctx.logger.debug('pull requests read', { answered: provenance.size });

  // CODEOWNERS at every base, and each changed policy at its base and as
  // merged (for a policy the pull request created), in one batch.
  const requests: { commit: string; path: string }[] = [];
  for (const commit of merges) {
    const base = commit.parents[0];
    if (base === undefined) continue;
    for (const path of CODEOWNERS_PATHS) requests.push({ commit: base, path });
    for (const change of commit.changes) {
      if (kindOf(change.path) !== 'policy') continue;
      requests.push({ commit: base, path: change.from ?? change.path });
      requests.push({ commit: commit.sha, path: change.path });
    }
  }
  const blobs = await filesAt(dir, requests);
  const codeownersAt = new Map<string, CodeownersLine[]>();
  const policyOwners = new Map<string, string[]>();
  const decoder = new TextDecoder();
  requests.forEach((request, i) => {
    const bytes = blobs[i];
    if (bytes === undefined) return;
    if (CODEOWNERS_PATHS.includes(request.path)) {
      // The first of GitHub's locations that exists wins.
      if (!codeownersAt.has(request.commit)) {
        codeownersAt.set(
          request.commit,
          parseCodeowners(decoder.decode(bytes)),
        );
      }
      return;
    }
    const parsed = parseYamlFile(request.path, bytes);
    if (!parsed.ok) return;
    const data = parsed.source.data as { owners?: unknown } | null;
    const owners = data?.owners;
    if (Array.isArray(owners)) {
      policyOwners.set(
        versionKey(request.commit, request.path),
        owners.filter((o): o is string => typeof o === 'string'),
      );
    }
  });
  const codeOwners = new Map<string, readonly string[]>();
  for (const commit of merges) {
    const base = commit.parents[0];
    const lines = base === undefined ? undefined : codeownersAt.get(base);
    if (base === undefined || lines === undefined) continue;
    for (const change of commit.changes) {
      for (const path of [change.path, change.from]) {
        if (path === undefined) continue;
        const rule = ruleFor(lines, path);
        if (rule !== undefined) {
          codeOwners.set(versionKey(base, path), rule.owners);
        }
      }
    }
  }
  return applyGithubProvenance({
    history,
    audit,
    provenance,
    codeOwners,
    policyOwners,
  });
}
